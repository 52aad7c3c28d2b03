"""Particles (조사) that follow a name or a title-bearing word.

Source: Korean grammar (격조사, 보조사); the longer form first where one
extends another (과의 before 과).
"""

# Particles (조사) that follow a name or a title-bearing word: the longer first where one extends another.
PARTICLES = ("은", "는", "이며", "이자", "이", "가", "을", "를", "의", "과의", "와의", "과", "와", "에게", "께서", "께", "도",
             "에서", "에", "으로", "로", "만", "측")

# Case endings of place, direction or recipient (에서, 에게, 으로): in the shared gold no personal name is ever
# written right before one (a title comes between: 김하늘 원장에게), so a word so ended names no person.
PLACE_CASE_ENDINGS = ("에서", "에게", "에", "으로", "로")

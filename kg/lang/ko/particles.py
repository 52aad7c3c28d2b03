"""Particles (조사) that follow a name or a title-bearing word.

Source: Korean grammar (격조사, 보조사); the longer form first where one
extends another (과의 before 과).
"""

# Particles (조사) that follow a name or a title-bearing word: the longer first where one extends another.
PARTICLES = ("은", "는", "이며", "이자", "이", "가", "을", "를", "의", "과의", "와의", "과", "와", "에게", "께서", "께", "도",
             "에서", "에", "으로", "로", "만", "측")

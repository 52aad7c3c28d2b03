"""Trigger words: the verbs and nouns that state a relation in Korean press-release prose.

Sources: how Korean press releases state agreements (업무협약을 체결),
hosting (주최, 개최), taking part (참석), running a programme (운영, 추진),
founding (설립, 개원) and renaming (명칭 변경), and the time words that put a
stated agreement before the article's own news.
"""

# Words that signal an agreement between organizations.
AGREEMENT_TRIGGERS = ("업무협약", "협약", "약정", "MOU", "양해각서", "맞손", "손잡", "손을 잡", "협력하기로", "파트너십")

SIGNING_VERBS = ("체결", "맺", "손잡", "맞손", "서명", "손을 잡", "맞잡", "교환", "가졌", "갖고", "가진",  # 협약식을 갖고, 협약서를 교환
                 "협약을 한", "협약을 했", "협약을 하", "협약을 할")  # 누리재단과 업무협약을 한다

# Words that refer back to the two parties of an agreement.
BOTH_PARTIES = ("두 기관", "양 기관", "양기관", "양측", "양 측", "두 기관은", "양사")

# Time words that put an agreement before the article's own news (restated in passing).
EARLIER_MARKERS = ("지난해", "작년", "재작년", "지난달", "올해 초", "연초", "그동안", "데 이어", "이미")

# Words that signal an event's organizer / host.
ORGANIZER_TRIGGERS = ("주최", "주관", "개최", "열었", "열고", "연다", "열어", "마련", "진행했", "진행하고", "진행한다", "가졌", "가진", "갖고")

# Words that signal participation.
PARTICIPATION_TRIGGERS = (
    "취임", "이임", "참석", "참가", "참여", "자리했", "자리를 함께", "함께했", "소개", "발표", "강연", "기조강연", "좌장",
    "축사", "격려사", "기념사", "환영사", "인사말", "개회사", "폐회사", "토론", "수상", "서명", "참관", "기념촬영",
)

# Words that signal that an organization runs a programme.
OPERATION_TRIGGERS = ("운영", "추진", "시행", "수행", "개최", "지원", "설립", "유치", "조성", "실시", "진행", "펼쳐", "펼치", "펼친")

# Verbs of a clause that makes a plan or programme its subject's own (시가 내놓은 'P', 부가 발표한 P).
MAKING_VERBS = ("내놓은", "내놓는", "발표한", "발표하는", "마련한", "마련하는", "수립한", "수립하는", "만든", "만드는", "도입한", "출범시킨")
# Words that signal founding.
FOUNDING_TRIGGERS = ("설립", "창립", "개원", "출범", "설치", "개소", "업무를 시작", "문을 열", "문을 연")

# Words that signal a rename.
RENAME_TRIGGERS = ("명칭 변경", "명칭을 변경", "명칭변경", "기관명 변경", "기관명을", "이름을 바꾸", "사명 변경", "새 이름", "새이름", "개칭", "으로 바꾸", "로 바꾸", "로 바꿨", "로 바꾼", "로 바꿔", "으로 변경", "로 변경")

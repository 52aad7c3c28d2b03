"""Events: the name endings of ceremonies, conferences and fairs, and bare event words.

Sources: the names of events in Korean press releases (…기념식, …포럼,
…박람회, 협약식) and the words that name a signing ceremony.
"""

# Name endings of events.
EVENT_SUFFIXES = (
    "기념식", "협약식", "업무협약식", "출범식", "취임식", "이임식", "창립총회", "총회", "컨퍼런스", "콘퍼런스",
    "세미나", "포럼", "박람회", "설명회", "토론회", "간담회", "시상식", "개소식", "착공식", "준공식", "개막식",
    "발대식", "선포식", "워크숍", "심포지엄", "전시회", "상담회", "수출상담회", "행사", "의 날", "대회", "페어",
    "협약", "업무협약", "엑스포", "EXPO", "발표회", "기공식", "창립기념식", "위크",
    "체결식", "서명식", "발족식", "현판식", "제막식", "개관식", "개원식", "보고회",
)

# Generic event words that make an Event alone only when the article means one happening.
BARE_EVENT_WORDS = ("기념식", "업무협약식", "협약식", "출범식", "취임식", "이임식", "창립총회", "개소식", "발대식", "선포식", "기공식", "착공식", "준공식",
                    "개관식", "개원식")

# Ceremonies of taking and leaving office, each with the word that says someone does (취임했다): who does is at it.
OFFICE_OCCASIONS = {"취임식": "취임", "이임식": "이임"}

# The last word of an agreement's name (…을 위한 업무협약, 한빛-누리 MOU).
AGREEMENT_HEADS = ("업무협약", "협약", "MOU")

# One occasion named two ways: the long spelling of a name's part and its short one (업무협약 체결식 = 업무협약식).
EVENT_SPELLINGS = {"협약체결식": "협약식"}

# Bare words for a signing ceremony: the signing that the article reports.
SIGNING_EVENT_WORDS = ("협약식", "업무협약식", "체결식", "협약 체결식", "MOU 체결식", "서명식")

# Words a happening can be named by alone (이사회를 열고, 세미나를 개최했다, 열린 간담회에서는):
# the event suffixes above that name one occasion, and meeting words seen as such names in press releases.
OCCASION_HEADS = (
    "기념식", "협약식", "체결식", "출범식", "취임식", "이임식", "총회", "이사회", "정기회", "컨퍼런스", "콘퍼런스",
    "세미나", "포럼", "박람회", "설명회", "토론회", "간담회", "시상식", "개소식", "개관식", "개원식", "착공식", "준공식",
    "개막식", "발대식", "발족식", "선포식", "현판식", "제막식", "워크숍", "심포지엄", "전시회", "상담회", "발표회",
    "보고회", "교류회", "기공식", "오리엔테이션", "라운드테이블", "회의",
)

# Verbs of holding an occasion, as they follow its name (…를 열고, …이 개최됐다) or precede it (열린 …).
HOLDING_AFTER = ("열", "연다", "개최", "가졌", "가진", "갖고", "갖는다", "가질", "진행", "마련")
HOLDING_BEFORE = ("열린", "열리는", "열릴", "열리게 될", "개최된", "개최되는", "개최될", "개최한", "진행된", "진행한",
                  "진행되는", "진행될", "마련된", "가진")

# Words saying a happening recurs rather than happened once (매년 포럼을 열고 있다).
HABITUAL_MARKERS = ("해마다", "매년", "매해", "매달", "매월", "매주", "정기적으로", "수시로", "연중", "연례", "정례")

"""Events: the name endings of ceremonies, conferences and fairs, and bare event words.

Sources: the names of events in Korean press releases (…기념식, …포럼,
…박람회, 협약식) and the words that name a signing ceremony.
"""

# Name endings of events.
EVENT_SUFFIXES = (
    "기념식", "협약식", "업무협약식", "출범식", "취임식", "이임식", "창립총회", "총회", "컨퍼런스", "콘퍼런스",
    "세미나", "포럼", "박람회", "설명회", "토론회", "간담회", "시상식", "개소식", "착공식", "준공식", "개막식",
    "발대식", "선포식", "워크숍", "심포지엄", "전시회", "상담회", "수출상담회", "행사", "의 날", "대회", "페어",
    "협약", "업무협약", "엑스포", "EXPO", "발표회", "기공식", "창립기념식",
)

# Generic event words that make an Event alone only when the article means one happening.
BARE_EVENT_WORDS = ("기념식", "업무협약식", "협약식", "출범식", "취임식", "이임식", "창립총회", "개소식", "발대식", "선포식", "기공식", "착공식", "준공식")

# Bare words for a signing ceremony: the signing that the article reports.
SIGNING_EVENT_WORDS = ("협약식", "업무협약식", "체결식", "협약 체결식", "MOU 체결식", "서명식")

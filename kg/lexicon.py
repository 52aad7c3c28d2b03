"""Lexicons: data only (UPPER_CASE constants), no logic.

Sources: the vocabulary of Korean public-administration and press-release
writing (직제 titles of agencies, local governments and universities), and
the name endings of Korean organizations, programmes, events and places.
"""

# Titles that name a post (holdsPost.post), longest first where they nest.
POST_TITLES = (
    "대표이사", "이사장", "부이사장", "원장", "부원장", "본부장", "부본부장", "센터장", "단장", "부단장",
    "사장", "부사장", "회장", "부회장", "위원장", "부위원장", "시장", "부시장", "행정부시장", "경제부시장",
    "도지사", "부지사", "군수", "구청장", "청장", "차장", "장관", "차관", "총장", "부총장", "학장",
    "소장", "국장", "실장", "과장", "팀장", "부장", "처장", "관장", "대표", "의장", "부의장", "의원",
    "상임이사", "이사", "감사", "교수", "연구위원", "책임연구원", "선임연구원",
)

# Degrees and honorifics: not posts (memberOf instead).
HONORIFICS = ("박사", "씨", "님", "여사", "선생")

# Name endings of organizations (the longest match wins).
ORG_SUFFIXES = (
    "산업진흥원", "진흥원", "진흥재단", "재단", "공단", "공사", "협회", "연합회", "조합", "학회",
    "연구원", "연구소", "대학교", "대학", "산학협력단", "테크노파크", "센터", "위원회", "협의회", "협의체",
    "부", "처", "청", "공사", "은행", "기업", "주식회사", "본부", "지역본부", "추진단", "사업단", "상공회의소",
    "허브", "클러스터", "의회",
)

# Name endings of places.
PLACE_SUFFIXES = ("특별시", "광역시", "특별자치도", "도", "시", "군", "구", "동", "읍", "면", "산업단지", "산단", "밸리", "타워", "회관", "대강당", "강당", "홀", "센터")

# Name endings of programmes (support programmes, projects, plans, funds).
PROGRAM_SUFFIXES = ("사업", "프로그램", "계획", "펀드", "플랫폼", "은행", "카페", "주택", "페스티벌", "축제", "포럼", "아카데미")

# Name endings of events.
EVENT_SUFFIXES = ("기념식", "협약식", "출범식", "취임식", "이임식", "창립총회", "총회", "컨퍼런스", "콘퍼런스", "세미나", "포럼", "박람회", "설명회", "토론회", "간담회", "행사", "시상식", "개소식", "착공식", "준공식")

# Words that signal an agreement between organizations.
AGREEMENT_TRIGGERS = ("업무협약", "협약", "MOU", "양해각서", "맞손", "손잡", "협력하기로")

# Words that start or end a tenure.
TENURE_START = ("취임", "선임", "임명", "부임", "신임")
TENURE_END = ("이임", "퇴임", "사임", "退任")
FORMER_MARKERS = ("전 ", "前 ", "전(前)", "초대")

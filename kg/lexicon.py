"""Lexicons: data only (UPPER_CASE constants), no logic.

Sources: the vocabulary of Korean public-administration and press-release
writing (직제 titles of agencies, local governments and universities), the
name endings of Korean organizations, programmes, events and places, the
administrative divisions of Korea (행정구역), and well-known national bodies
with the abbreviations the press uses for them.
"""

# Titles that name a post (holdsPost.post). Matching takes the longest.
POST_TITLES = (
    "대표이사", "이사장", "부이사장", "원장", "부원장", "본부장", "부본부장", "센터장", "단장", "부단장",
    "사장", "부사장", "회장", "부회장", "위원장", "부위원장", "시장", "부시장", "행정부시장", "경제부시장",
    "도지사", "지사", "부지사", "행정부지사", "경제부지사", "군수", "부군수", "구청장", "부구청장", "청장", "차장",
    "장관", "차관", "총장", "부총장", "대외부총장", "학장", "소장", "국장", "실장", "과장", "팀장", "부장",
    "처장", "관장", "대표", "의장", "부의장", "의원", "상임이사", "이사", "감사", "총무", "지사장", "지부장",
    "교수", "연구위원", "책임연구원", "선임연구원", "사무총장", "사무국장", "회장단", "위원", "상무", "전무",
    "협회장", "조합장", "지점장", "공장장", "단체장", "정무부시장", "정무부지사",
)

# Posts that are written without an organization before them ("지역산업과장" is a post too).
POST_HEAD_SUFFIXES = ("본부장", "과장", "국장", "실장", "팀장", "부장", "처장", "단장", "센터장", "위원장", "소장", "담당관", "정책관", "심의관", "기획관", "보좌관")
# Words before an organization's name that belong to it (재단법인 대구디지털산업진흥원).
ORG_PREFIXES = ("재단법인", "사단법인", "주식회사", "학교법인", "사회복지법인")
# Verbs that give someone a post (X를 이사장으로 선출했다).
APPOINTING_VERBS = ("선출", "임명", "선임", "추대", "위촉")

# Qualifiers written before a title that stay part of the post (상근부회장, 제1부시장).
TITLE_QUALIFIERS = ("상근", "상임", "수석", "대외", "정무", "행정", "경제", "제1", "제2", "제3", "명예", "공동", "대표", "총괄")

# Degrees and honorifics: not posts (memberOf instead).
HONORIFICS = ("박사", "씨", "님", "여사", "선생", "교수")

# Name endings of organizations (the longest match wins).
ORG_SUFFIXES = (
    "산업진흥원", "진흥원", "진흥재단", "재단", "공단", "공사", "협회", "연합회", "조합", "학회", "협동조합",
    "연구원", "연구소", "대학교", "대학", "대", "산학협력단", "테크노파크", "센터", "위원회", "협의회", "협의체",
    "부", "처", "청", "은행", "주식회사", "본부", "지역본부", "추진단", "사업단", "상공회의소", "지사", "지점",
    "허브", "의회", "병원", "학교", "공사", "그룹", "전자", "바이오", "바이오메드", "기술원", "정책원", "평가원",
    "원", "단", "회", "당", "미니클러스터",
)
# Endings that make an organization only with a proper-noun stem (else too generic).
WEAK_ORG_SUFFIXES = ("원", "단", "회", "당", "대", "부", "처", "청", "전자", "바이오", "그룹", "허브", "지사", "지점")

# Short forms that stand for the article's organization of that kind (coreference).
ORG_SHORT_FORMS = (
    "진흥원", "산업진흥원", "재단", "공단", "센터", "협회", "연구원", "기술원", "위원회", "협의회", "협의체",
    "조합", "추진단", "사업단", "본부", "지역본부", "TP", "테크노파크", "대학", "대학교", "이 기관", "동 기관",
    "산학협력단", "창업지원단",
)

# Particles (조사) that follow a name or a title-bearing word: the longer first where one extends another.
PARTICLES = ("은", "는", "이며", "이자", "이", "가", "을", "를", "의", "과의", "와의", "과", "와", "에게", "께서", "께", "도",
             "에서", "에", "으로", "로", "만", "측")

# Latin short forms inside organization names.
LATIN_SHORT = {"TP": "테크노파크", "SW": "소프트웨어", "HW": "하드웨어"}
# Words that refer back to the two parties of an agreement.
BOTH_PARTIES = ("두 기관", "양 기관", "양기관", "양측", "양 측", "두 기관은", "양사")

# Prefixes of a unit of another organization (subOrganizationOf).
UNIT_SUFFIXES = ("지역본부", "본부", "지사", "지점", "추진단", "센터", "기술원", "연구원", "연구소", "위원회", "산학협력단", "사업단", "분원", "캠퍼스")

# Well-known national bodies (ministries, national agencies) — general knowledge, not article names.
KNOWN_ORGS = (
    "산업통상자원부", "지식경제부", "중소벤처기업부", "중소기업청", "과학기술정보통신부", "미래창조과학부",
    "보건복지부", "기획재정부", "행정안전부", "국토교통부", "교육부", "고용노동부", "문화체육관광부",
    "농림축산식품부", "환경부", "해양수산부", "여성가족부", "외교부", "국방부", "통일부", "법무부",
    "정보통신부", "문화관광부", "산업자원부", "과학기술부", "교육과학기술부", "안전행정부", "교육인적자원부",
    "특허청", "조달청", "통계청", "식품의약품안전처", "지역발전위원회", "국가균형발전위원회",
    "한국산업단지공단", "중소벤처기업진흥공단", "중소기업진흥공단", "한국산업기술진흥원", "한국산업기술평가관리원",
    "정보통신산업진흥원", "한국콘텐츠진흥원", "한국보건산업진흥원", "한국생산기술연구원", "한국전자통신연구원",
    "한국과학기술연구원", "한국과학기술원", "전자부품연구원", "한국전자기술연구원", "한국무역협회", "대한상공회의소",
    "한국무역보험공사", "대한무역투자진흥공사", "코트라", "기술보증기금", "신용보증기금", "창업진흥원",
    "한국바이오협회", "벤처기업협회", "이노비즈협회", "코스닥협회", "한국여성벤처협회", "한국토지주택공사",
    "한국산업기술시험원", "한국지능정보사회진흥원", "한국인터넷진흥원", "정보통신기획평가원",
    "더불어민주당", "국민의힘", "새누리당", "한나라당", "민주당", "국회", "청와대", "서울대", "서울대학교",
)

# Abbreviations the press uses for well-known bodies: short form -> full name.
ABBREVIATIONS = {
    "산단공": "한국산업단지공단", "한국산단공": "한국산업단지공단", "KICOX": "한국산업단지공단",
    "중진공": "중소벤처기업진흥공단", "경과원": "경기도경제과학진흥원", "산기평": "한국산업기술평가관리원",
    "진흥공단": "중소벤처기업진흥공단", "KOTRA": "대한무역투자진흥공사", "코트라": "대한무역투자진흥공사",
    "기보": "기술보증기금", "신보": "신용보증기금", "생기원": "한국생산기술연구원", "KITECH": "한국생산기술연구원",
    "ETRI": "한국전자통신연구원", "KIST": "한국과학기술연구원", "KAIST": "한국과학기술원", "NIPA": "정보통신산업진흥원",
    "KEIT": "한국산업기술평가관리원", "KIAT": "한국산업기술진흥원", "LH": "한국토지주택공사", "산업부": "산업통상자원부",
    "중기부": "중소벤처기업부", "과기정통부": "과학기술정보통신부", "복지부": "보건복지부", "기재부": "기획재정부",
    "지경부": "지식경제부", "행안부": "행정안전부", "국토부": "국토교통부", "문체부": "문화체육관광부",
    "식약처": "식품의약품안전처", "KETI": "전자부품연구원", "무협": "한국무역협회", "대한상의": "대한상공회의소",
}

# Provinces and metropolitan cities (행정구역), with the short forms the press uses.
PROVINCES = (
    "서울특별시", "서울시", "서울", "부산광역시", "부산시", "부산", "대구광역시", "대구시", "대구", "인천광역시",
    "인천시", "인천", "광주광역시", "광주시", "광주", "대전광역시", "대전시", "대전", "울산광역시", "울산시",
    "울산", "세종특별자치시", "세종시", "세종", "경기도", "경기", "강원도", "강원특별자치도", "강원", "충청북도",
    "충북", "충청남도", "충남", "전라북도", "전북특별자치도", "전북", "전라남도", "전남", "경상북도", "경북",
    "경상남도", "경남", "제주특별자치도", "제주도", "제주",
)
# Cities and counties (시·군) by their stem; "<stem>시"/"<stem>군" is the full name.
CITY_STEMS = (
    "수원", "성남", "고양", "용인", "부천", "안산", "안양", "남양주", "화성", "평택", "의정부", "시흥", "파주",
    "김포", "광명", "군포", "하남", "오산", "이천", "안성", "의왕", "양주", "구리", "포천", "동두천", "과천",
    "여주", "춘천", "원주", "강릉", "동해", "속초", "삼척", "태백", "청주", "충주", "제천", "천안", "아산", "공주",
    "보령", "서산", "논산", "계룡", "당진", "전주", "군산", "익산", "정읍", "남원", "김제", "목포", "여수",
    "순천", "나주", "광양", "포항", "경주", "김천", "안동", "구미", "영주", "영천", "상주", "문경", "경산",
    "창원", "진주", "통영", "사천", "김해", "밀양", "거제", "양산", "서귀포", "칠곡", "양평", "가평",
    "연천", "홍천", "횡성", "음성", "진천", "괴산", "옥천", "영동", "예산", "홍성", "부여", "서천", "완주",
)
# City/county stems that are, bare, far more often common words (예산 budget, 음성 voice, 양산 mass production).
CITY_STEMS_ALSO_WORDS = ("예산", "음성", "양산", "완주")
# Wider regions, countries and continents.
REGIONS = (
    "수도권", "대경권", "동남권", "강원권", "호남권", "충청권", "제주권", "영남권", "경인지역", "경기북부", "경기남부",
    "한국", "대한민국", "국내", "중국", "일본", "미국", "독일", "프랑스", "영국", "베트남", "인도", "러시아", "캐나다",
    "호주", "싱가포르", "대만", "홍콩", "태국", "인도네시아", "아시아", "유럽", "북미", "남미", "중동", "아프리카",
    "광저우", "상하이", "베이징", "도쿄", "뉴욕", "여의도", "판교", "위례", "분당", "강남", "광화문",
)
REGION_NOT_PLACE = ("국내",)
# Parts of a province or region (경기 북부, 경기 서부권): a place with the name before them.
REGION_PARTS = ("북부", "남부", "동부", "서부", "중부", "북부권", "남부권", "동부권", "서부권")
# Neighbourhoods and districts among REGIONS (inside a city, around venues).
NEIGHBOURHOODS = ("여의도", "판교", "위례", "분당", "강남", "광화문")

# Name endings of places (the longest match wins).
PLACE_SUFFIXES = (
    "특별시", "광역시", "특별자치도", "특별자치시", "도", "시", "군", "구", "동", "읍", "면", "리",
    "국가산업단지", "일반산업단지", "산업단지", "산단", "단지", "복합단지", "국제도시", "혁신도시", "밸리", "테크노밸리", "타워", "회관", "대강당",
    "강당", "홀", "컨벤션센터", "전시장", "호텔", "빌딩", "청사", "시청", "도청", "구청", "군청", "상황실",
    "회의실", "세미나실", "대회의실", "소회의실", "관", "캠퍼스", "권", "지역", "역", "공원", "광장", "센터",
)
# Place endings that need a proper-noun stem.
WEAK_PLACE_SUFFIXES = ("도", "시", "군", "구", "동", "읍", "면", "리", "관", "권", "지역", "역", "홀", "센터", "단지",
                       "복합단지", "국제도시", "혁신도시")
# Site endings that make a place also with a long common-noun stem (첨단의료복합단지, not 융복합단지).
SITE_SUFFIXES = ("복합단지", "국제도시", "혁신도시")
# Rooms and halls: a venue inside a building (joined to the building's name before it).
VENUE_HEADS = ("대강당", "강당", "회의실", "대회의실", "소회의실", "세미나실", "상황실", "홀", "관", "전시장", "컨벤션홀", "접견실")

# Name endings of programmes (support programmes, projects, plans, funds, facilities run as programmes).
PROGRAM_SUFFIXES = (
    "사업", "프로그램", "계획", "기본계획", "실행계획", "펀드", "플랫폼", "은행", "카페", "주택", "페스티벌",
    "축제", "아카데미", "서비스", "마케팅", "캠페인", "창업센터", "힐링센터", "교육훈련센터", "바우처",
    "돌봄", "실증사업", "협력사업", "조성사업", "구축사업", "강화사업", "프로젝트", "경제권",
)
# Programme endings that need a qualifying word before them (never a programme alone).
WEAK_PROGRAM_SUFFIXES = ("사업", "서비스", "마케팅", "계획", "돌봄", "프로그램")
# Programme heads that name a programme only with a proper noun before them (누리 원스톱 서비스).
SERVICE_HEADS = ("서비스",)
# Qualifiers too generic to make a programme's name (지원 사업, 협력 프로그램).
GENERIC_QUALIFIERS = (
    "지원", "기업지원", "협력", "협업", "공동", "공동협력", "연계", "관련", "각종", "신규", "주요", "특성화", "기술개발",
    "사회공헌", "맞춤형", "다양한", "국제협력", "교류", "운영", "추진", "육성", "신규사업", "단계적", "정부", "국책",
    "자체", "실무", "개선", "연구개발", "R&D", "종전", "기존", "후속", "시범", "향후",
)

# Name endings of events.
EVENT_SUFFIXES = (
    "기념식", "협약식", "업무협약식", "출범식", "취임식", "이임식", "창립총회", "총회", "컨퍼런스", "콘퍼런스",
    "세미나", "포럼", "박람회", "설명회", "토론회", "간담회", "시상식", "개소식", "착공식", "준공식", "개막식",
    "발대식", "선포식", "워크숍", "심포지엄", "전시회", "상담회", "수출상담회", "행사", "의 날", "대회", "페어",
    "협약", "업무협약", "엑스포", "EXPO", "발표회", "기공식", "창립기념식",
)
# Generic event words that make an Event alone only when the article means one happening.
BARE_EVENT_WORDS = ("기념식", "업무협약식", "협약식", "출범식", "취임식", "이임식", "창립총회", "개소식", "발대식", "선포식", "기공식", "착공식", "준공식")

# Class nouns that are never entities alone but do qualify a programme's name (미니클러스터 운영 사업).
QUALIFYING_CLASS_NOUNS = ("산업단지", "미니클러스터", "클러스터")

# Bare words for a signing ceremony: the signing that the article reports.
SIGNING_EVENT_WORDS = ("협약식", "업무협약식", "체결식", "협약 체결식", "MOU 체결식", "서명식")

# Time words that put an agreement before the article's own news (restated in passing).
EARLIER_MARKERS = ("지난해", "작년", "재작년", "지난달", "올해 초", "연초", "그동안", "데 이어", "이미")

# Generic words that are never entities by themselves.
GENERIC_WORDS = (
    "지원사업", "기업", "컨퍼런스", "행사", "사업", "센터", "기관", "협회", "재단", "진흥원", "정부", "지자체",
    "지방정부", "중앙정부", "시", "도", "본부", "지역", "클러스터", "미니클러스터", "포럼", "세미나", "협약",
    "업무협약", "회의", "대학", "연구소", "연구원", "위원회", "공단", "프로그램", "플랫폼", "산업단지", "단지",
    "학교", "병원", "대기업", "중소기업", "벤처기업", "공공기관", "유관기관", "지원기관", "전문기관", "실행기관",
    "거점기관", "기초자치단체", "지방자치단체", "시청", "도청", "구청", "국가", "전국", "해외", "지역사회",
    "교류회", "상담회", "설명회", "간담회", "토론회", "전시회", "총회", "대회", "마케팅", "서비스",
)

# Words that signal an agreement between organizations.
AGREEMENT_TRIGGERS = ("업무협약", "협약", "MOU", "양해각서", "맞손", "손잡", "손을 잡", "협력하기로", "파트너십")
SIGNING_VERBS = ("체결", "맺", "손잡", "맞손", "서명", "손을 잡")

# Words that signal an event's organizer / host.
ORGANIZER_TRIGGERS = ("주최", "주관", "개최", "열었", "열고", "연다", "열어", "마련", "진행했", "가졌", "가진", "갖고")
# Words that signal participation.
PARTICIPATION_TRIGGERS = (
    "취임", "이임", "참석", "참가", "참여", "자리했", "자리를 함께", "함께했", "소개", "발표", "강연", "기조강연", "좌장",
    "축사", "격려사", "기념사", "환영사", "토론", "수상", "서명", "참관", "기념촬영",
)
# Words that signal that an organization runs a programme.
OPERATION_TRIGGERS = ("운영", "추진", "시행", "수행", "개최", "지원", "설립", "유치", "조성", "실시", "진행", "펼쳐")
# Words that signal founding.
FOUNDING_TRIGGERS = ("설립", "창립", "개원", "출범", "설치", "개소", "업무를 시작", "문을 열", "문을 연")
# Words that signal a rename.
RENAME_TRIGGERS = ("명칭 변경", "명칭을 변경", "명칭변경", "기관명 변경", "기관명을", "이름을 바꾸", "사명 변경", "새 이름", "새이름", "개칭", "으로 바꾸", "로 바꾸", "로 바꿨", "로 바꾼", "로 바꿔", "으로 변경", "로 변경")

# Words that start or end a tenure.
TENURE_START = ("취임", "선임", "임명", "부임", "신임", "새로 선출", "선출")
TENURE_END = ("이임", "퇴임", "사임", "退任", "물러나")

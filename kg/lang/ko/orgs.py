"""Organizations: name endings, short forms, well-known national bodies and their abbreviations.

Sources: the name endings of Korean organizations (법인, 공공기관, 대학, 기업
명칭), the short forms press releases use for the organization they are
about, and general knowledge of national ministries and agencies with the
abbreviations the Korean press uses for them (not names read from articles).
"""

# Words before an organization's name that belong to it (재단법인 대구디지털산업진흥원).
ORG_PREFIXES = ("재단법인", "사단법인", "주식회사", "학교법인", "사회복지법인")

# Name endings of organizations (the longest match wins).
ORG_SUFFIXES = (
    "산업진흥원", "진흥원", "진흥재단", "재단", "공단", "공사", "협회", "연합회", "조합", "학회", "협동조합",
    "연구원", "연구소", "대학교", "대학", "대", "산학협력단", "테크노파크", "센터", "위원회", "협의회", "협의체",
    "부", "처", "청", "은행", "주식회사", "본부", "지역본부", "추진단", "사업단", "상공회의소", "지사", "지점",
    "허브", "의회", "병원", "학교", "공사", "그룹", "전자", "바이오", "바이오메드", "기술원", "정책원", "평가원",
    "원", "단", "회", "당", "미니클러스터", "팀", "지원단",
)

# Endings that make an organization only with a proper-noun stem (else too generic).
WEAK_ORG_SUFFIXES = ("원", "단", "회", "당", "대", "부", "처", "청", "전자", "바이오", "그룹", "허브", "지사", "지점")

# Short forms that point at the organization meant, whatever its kind ("이 기관은 …").
DEICTIC_ORG_FORMS = ("이 기관", "동 기관")

# Short forms that stand for the article's organization of that kind (coreference).
ORG_SHORT_FORMS = (
    "진흥원", "산업진흥원", "재단", "공단", "센터", "협회", "연구원", "기술원", "위원회", "협의회", "협의체",
    "조합", "추진단", "사업단", "본부", "지역본부", "TP", "테크노파크", "대학", "대학교", *DEICTIC_ORG_FORMS,
    "산학협력단", "창업지원단", "지원단",
)

# Short forms too generic to stand for the article's main organization: they refer only to a
# name before them that ends so (a 대학, 센터 or 위원회 is often another body than the subject).
GENERIC_SHORT_FORMS = ("대학", "대학교", "본부", "센터", "위원회", "협의회", "협의체", "조합")

# Endings of bodies the press never calls by a short form such as 재단 or 진흥원: ministries (부),
# their offices and agencies (처, 청), committees and councils (위원회, 의회).
NEVER_SHORT_SUFFIXES = ("부", "처", "청", "위원회", "의회")

# Kinds of body that each city or province has one of: two written with one kind between dots
# (평택·용인시산업진흥원, 누리·한빛TP) are two bodies, the first named with the kind they share.
REGIONAL_BODIES = ("산업진흥원", "경제진흥원", "테크노파크", "TP", "상공회의소", "상의", "시청", "군청", "구청")

# Latin short forms inside organization names.
LATIN_SHORT = {"TP": "테크노파크", "SW": "소프트웨어", "HW": "하드웨어"}

# Prefixes of a unit of another organization (subOrganizationOf).
UNIT_SUFFIXES = ("지역본부", "본부", "지사", "지점", "추진단", "센터", "기술원", "연구원", "연구소", "위원회", "산학협력단", "사업단", "분원", "캠퍼스")

# Units of a university or an agency that the press names by their kind alone: glued to their
# head's title (가천대학교 산학협력단장) or written after their body (누리대 창업지원단).
KIND_NAMED_UNITS = ("산학협력단", "창업지원단")

# Heads of organization names that name one only with a qualifier before them (누리 미니클러스터,
# 한빛시 협의회); alone, they refer back to one the article named.
BARE_ORG_HEADS = ("미니클러스터", "협의회", "협의체", "위원회", "추진단", "사업단", *KIND_NAMED_UNITS)

# Organization endings of a branch (본부, 지역본부): glued to a title (누리본부장), they do not say by
# themselves that the rest names a body.
BRANCH_SUFFIXES = ("본부", "지역본부")

# Kinds of public corporation that the press drops after a name: 한국전력 is 한국전력공사.
DROPPED_KIND_SUFFIXES = ("공사", "공단")

# The country's name before a national body's name, which its short form drops (산기평 of
# 한국산업기술평가관리원, 산단공 of 한국산업단지공단).
DROPPED_NAME_PREFIXES = ("한국",)

# Endings of a unit that may follow the body it belongs to with only a space (중소벤처기업부 누리지방중소벤처기업청,
# 한빛대학교 누리병원, 누리대 경영학과): the units above, the ministry's regional offices, hospitals,
# departments and teams.
ATTACHED_UNIT_SUFFIXES = (*UNIT_SUFFIXES, "지방중소벤처기업청", "병원", "학과", "대학원", "팀")

# Well-known national bodies (ministries, national agencies) — general knowledge, not article names.
NATIONAL_BODIES = (
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
    # the presidency, the prime minister's office, committees, agencies and earlier ministries
    "대통령비서실", "국무조정실", "국무총리실", "감사원", "금융위원회", "금융감독원", "공정거래위원회",
    "방송통신위원회", "원자력안전위원회", "국민권익위원회", "녹색성장위원회", "4차산업혁명위원회", "지방시대위원회",
    "규제개혁위원회", "인사혁신처", "법제처", "국가보훈처", "국가보훈부", "관세청", "국세청", "산림청", "기상청",
    "경찰청", "소방청", "문화재청", "농촌진흥청", "해양경찰청", "방위사업청", "질병관리청", "우주항공청",
    "행정중심복합도시건설청", "새만금개발청", "과학기술처", "상공부", "동력자원부", "체신부", "건설교통부",
    "국토해양부", "농림부", "농림수산식품부", "노동부", "기획예산처", "재정경제부", "재정경제원", "행정자치부",
    "한국전력공사", "한국가스공사", "한국수력원자력", "한국도로공사", "한국수자원공사", "한국석유공사",
    "한국철도공사", "한국지역난방공사", "한국농어촌공사", "한국관광공사", "한국환경공단", "한국산업인력공단",
    "근로복지공단", "한국산업안전보건공단", "한국에너지공단", "한국은행", "한국산업은행", "중소기업은행",
    "한국수출입은행", "전국경제인연합회", "한국경영자총협회", "중소기업중앙회", "중소기업협동조합중앙회",
    "한국중견기업연합회", "한국경제인협회", "신용보증재단중앙회",
)

# Well-known companies and banks: the flagship affiliates of the largest business groups, the main banks
# and state-owned enterprises — general knowledge of the Korean economy, not names read from articles. Short
# names that are also words or given names (만도, 효성, 한화) are left out: Kiwi would read them so inside other words.
KNOWN_COMPANIES = (
    "삼성전자", "삼성SDI", "삼성전기", "삼성SDS", "삼성바이오로직스", "삼성중공업", "삼성물산", "삼성디스플레이",
    "삼성엔지니어링", "삼성생명", "SK하이닉스", "SK텔레콤", "SK이노베이션", "SK온", "SK케미칼", "SK바이오사이언스",
    "SK에너지", "SK실트론", "SKC", "SK가스", "LG전자", "LG화학", "LG에너지솔루션", "LG디스플레이", "LG이노텍",
    "LG유플러스", "LG생활건강", "현대자동차", "기아자동차", "현대모비스", "현대제철", "현대중공업", "HD현대",
    "HD현대중공업", "현대건설", "현대로템", "현대글로비스", "현대위아", "현대엔지니어링", "한국조선해양",
    "현대미포조선", "현대삼호중공업", "포스코", "POSCO", "포스코홀딩스", "포스코퓨처엠", "포스코케미칼",
    "포스코인터내셔널", "포스코이앤씨", "포스코건설", "롯데케미칼", "롯데정밀화학", "한화솔루션",
    "한화에어로스페이스", "한화디펜스", "한화시스템", "한화오션", "한화큐셀", "한화케미칼", "GS칼텍스", "GS건설",
    "GS에너지", "두산에너빌리티", "두산중공업", "두산밥캣", "두산로보틱스", "두산인프라코어", "CJ제일제당",
    "CJ대한통운", "KT", "KT&G", "네이버", "카카오", "셀트리온", "에쓰오일", "S-OIL", "효성중공업", "코오롱",
    "코오롱인더스트리", "OCI", "고려아연", "LS전선", "LS일렉트릭", "LS산전", "대한항공", "아시아나항공",
    "한진중공업", "대우조선해양", "대우건설", "한국항공우주산업", "한국타이어", "금호타이어", "HL만도",
    "에코프로", "에코프로비엠", "엘앤에프", "한미약품", "유한양행", "GC녹십자", "대웅제약", "종근당",
    "엔씨소프트", "넷마블", "넥슨", "쿠팡", "산업은행", "기업은행", "IBK기업은행", "수출입은행", "KB국민은행",
    "국민은행", "신한은행", "우리은행", "하나은행", "NH농협은행", "농협은행", "BNK부산은행", "부산은행",
    "BNK경남은행", "경남은행", "대구은행", "광주은행", "전북은행", "제주은행",
)

# Names that name an organization wherever they are written.
KNOWN_ORGS = (*NATIONAL_BODIES, *KNOWN_COMPANIES)

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

# Earlier full names that the same abbreviation stood for (the body renamed since): in an article that writes
# one of them, the abbreviation is that body.
ABBREVIATION_FORMER_NAMES = {"중진공": ("중소기업진흥공단",), "진흥공단": ("중소기업진흥공단",)}

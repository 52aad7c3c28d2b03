"""Places: administrative divisions, regions, and the name endings of places and venues.

Sources: the administrative divisions of Korea (행정구역: 광역시·도, 시·군,
with the short forms the press uses), wider regions and countries named in
regional industry news, and the endings of sites and venues (산업단지, 대강당 …).
"""

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
    "수도권", "대경권", "동남권", "강원권", "호남권", "충청권", "제주권", "영남권", "중부권", "부울경",
    "경인지역", "경기북부", "경기남부",
    "한국", "대한민국", "국내", "중국", "일본", "미국", "독일", "프랑스", "영국", "베트남", "인도", "러시아", "캐나다",
    "호주", "싱가포르", "대만", "홍콩", "태국", "인도네시아", "아시아", "유럽", "북미", "남미", "중동", "아프리카",
    "광저우", "상하이", "베이징", "북경", "도쿄", "뉴욕", "여의도", "판교", "위례", "분당", "강남", "광화문",
)

REGION_NOT_PLACE = ("국내",)

# Continents and the home country: what ``X의 Y`` likens a place to (유럽의 판교, 한국의 베이징), not where it lies.
LIKENING_REGIONS = ("아시아", "유럽", "북미", "남미", "중동", "아프리카", "세계", "한국", "대한민국")

# Parts of a province or region (경기 북부, 경기 서부권): a place with the name before them.
REGION_PARTS = ("북부", "남부", "동부", "서부", "중부", "북부권", "남부권", "동부권", "서부권")

# Endings of one region written three ways (영남권, 영남권역, 영남 지역): spellings of one place.
REGION_ENDINGS = ("권역", "지역", "권")

# Neighbourhoods and districts among REGIONS (inside a city, around venues).
NEIGHBOURHOODS = ("여의도", "판교", "위례", "분당", "강남", "광화문")

# Foreign cities among REGIONS (inside the country named before them: 중국 광저우), and their Korean-press forms.
FOREIGN_CITIES = ("광저우", "상하이", "베이징", "북경", "도쿄", "뉴욕")

# Name endings of places (the longest match wins).
PLACE_SUFFIXES = (
    "특별시", "광역시", "특별자치도", "특별자치시", "도", "시", "군", "구", "동", "읍", "면", "리",
    "국가산업단지", "일반산업단지", "산업단지", "산단", "단지", "복합단지", "국제도시", "혁신도시", "밸리", "테크노밸리", "타워", "회관", "대강당",
    "강당", "홀", "컨벤션센터", "전시장", "호텔", "빌딩", "청사", "시청", "도청", "구청", "군청", "상황실",
    "회의실", "세미나실", "대회의실", "소회의실", "관", "캠퍼스", "권", "지역", "역", "공원", "광장", "센터",
    "룸", "볼룸", "라운지", "회의장", "연회장",
)

# Place endings that need a proper-noun stem.
WEAK_PLACE_SUFFIXES = ("도", "시", "군", "구", "동", "읍", "면", "리", "관", "권", "지역", "역", "홀", "센터", "단지",
                       "복합단지", "국제도시", "혁신도시")

# Site endings that make a place also with a long common-noun stem (첨단의료복합단지, not 융복합단지).
SITE_SUFFIXES = ("복합단지", "국제도시", "혁신도시")

# Endings of a site written with a bare region name before it, the two one name (서울 서남권, 용인 반도체
# 클러스터, 수도권 매립지); the gold of regional news names such sites whole.
SITE_HEADS = ("권", "권역", "밸리", "시티", "클러스터", "기지", "매립지", "산업단지", "산단")

# Rooms and halls: a venue inside a building (joined to the building's name before it).
VENUE_HEADS = ("대강당", "강당", "회의실", "대회의실", "소회의실", "세미나실", "상황실", "홀", "관", "전시장", "컨벤션홀", "접견실",
               "룸", "볼룸", "라운지", "회의장", "연회장")

# Kinds of site, never one of them by themselves: 일반산업단지 두 곳, 도시첨단산단 조성 (a site is named by what
# stands before its kind: 누리파크 일반산업단지). None is ever a name of its own in the shared gold.
SITE_KINDS = ("일반산업단지", "국가산업단지", "첨단산업단지", "도시첨단산업단지", "농공단지", "일반산단", "국가산단",
              "도시첨단산단", "산단", "혁신단지", "테크노밸리", "경제자유구역")

# An organization's seat (한빛공단 본사에서, 누리진흥원 본원 2층, 본점을 둔); its building also as 사옥, a government's
# as 청사 (SEAT_BUILDINGS).
SEAT_WORDS = ("본사", "본원", "본점")
SEAT_BUILDINGS = ("사옥", "청사")

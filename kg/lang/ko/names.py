"""Names across articles: short forms, bare names and synonyms that name the same entity.

Sources: Korean usage in the press (대학교 → 대: 가천대학교 = 가천대; 국가산업단지
→ 국가산단 → 산단: 구미국가산업단지 = 구미산단; 테크노파크 → TP; a city or county
written without its 시·광역시·군: 대구시 = 대구) and the names of the country.
General patterns of the language, not names read from articles.
"""

# Parts of a name written short, long form -> short form (applied longest first, inside any
# name of an organization, place, programme or event): 가천대학교 산학협력단 = 가천대 산학협력단,
# 누리상공회의소 = 누리상의.
NAME_SHORTENINGS = (
    ("국가산업단지", "산단"),
    ("일반산업단지", "산단"),
    ("산업단지", "산단"),
    ("국가산단", "산단"),
    ("일반산단", "산단"),
    ("테크노파크", "TP"),
    ("대학교", "대"),
    ("상공회의소", "상의"),
)

# Endings a city, county or metropolitan city drops in the press (대구광역시 = 대구시 = 대구).
CITY_ENDINGS = ("특별자치시", "특별시", "광역시", "시", "군")

# Bare names that stand for two different places (광주광역시 / 경기 광주시; 제주특별자치도 / 제주시):
# never joined by their bare form.
AMBIGUOUS_BARE_NAMES = ("광주", "제주", "고성")

# Provinces and their short forms (경상북도 = 경북도 = 경북).
PROVINCE_SHORT_FORMS = {
    "경기도": "경기", "강원도": "강원", "강원특별자치도": "강원", "충청북도": "충북", "충청남도": "충남",
    "전라북도": "전북", "전북특별자치도": "전북", "전라남도": "전남", "경상북도": "경북", "경상남도": "경남",
    "제주특별자치도": "제주도", "경북도": "경북", "경남도": "경남", "충북도": "충북", "충남도": "충남", "전북도": "전북",
    "전남도": "전남",
}

# Other names of the same place.
PLACE_SYNONYMS = {"한국": "대한민국", "우리나라": "대한민국", "남한": "대한민국"}

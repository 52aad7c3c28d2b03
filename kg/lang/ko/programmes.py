"""Programmes: the name endings of support programmes, projects, plans and funds.

Sources: the names of Korean public support programmes (…지원사업,
…육성사업, …펀드, …바우처) as agencies announce them, and the qualifiers
too generic to make a programme's name.
"""

# Name endings of programmes (support programmes, projects, plans, funds, facilities run as programmes).
PROGRAM_SUFFIXES = (
    "사업", "프로그램", "계획", "기본계획", "실행계획", "펀드", "플랫폼", "은행", "카페", "주택", "페스티벌",
    "축제", "아카데미", "서비스", "마케팅", "캠페인", "창업센터", "힐링센터", "교육훈련센터", "바우처",
    "돌봄", "실증사업", "협력사업", "조성사업", "구축사업", "강화사업", "프로젝트", "경제권",
)

# What a programme's name may end with or go without, one programme either way (누리클러스터 시범사업 =
# 누리클러스터 사업 = 누리클러스터): the kind of undertaking, not part of its name. Longest first.
PROGRAM_KIND_ENDINGS = ("시범사업", "사업")

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

# Class nouns that are never entities alone but do qualify a programme's name (미니클러스터 운영 사업).
QUALIFYING_CLASS_NOUNS = ("산업단지", "미니클러스터", "클러스터")

"""People and their posts: titles, honorifics, tenure words, family names.

Sources: the 직제 (official titles) of Korean agencies, local governments,
universities and companies as press releases print them, the words that
start or end a tenure (취임, 이임 …), and the list of Korean family names.
"""

# Titles that name a post (holdsPost.post). Matching takes the longest.
POST_TITLES = (
    "대표이사", "이사장", "부이사장", "원장", "부원장", "본부장", "부본부장", "센터장", "단장", "부단장",
    "사장", "부사장", "회장", "부회장", "위원장", "부위원장", "시장", "부시장", "행정부시장", "경제부시장",
    "도지사", "지사", "부지사", "행정부지사", "경제부지사", "군수", "부군수", "구청장", "부구청장", "청장", "차장",
    "장관", "차관", "총장", "부총장", "대외부총장", "학장", "소장", "국장", "실장", "과장", "팀장", "부장",
    "처장", "관장", "대표", "의장", "부의장", "의원", "상임이사", "이사", "감사", "총무", "지사장", "지부장",
    "교수", "연구위원", "책임연구원", "선임연구원", "사무총장", "사무국장", "회장단", "위원", "상무", "전무",
    "협회장", "조합장", "지점장", "공장장", "단체장", "정무부시장", "정무부지사", "사무관", "서기관", "주무관",
)

# Titles of a company's head or officers: a word between a name and one of them is the company (박서준 누리정밀 대표).
COMPANY_TITLES = ("대표", "대표이사", "사장", "부사장", "회장", "부회장", "전무", "상무")

# Title -> how the names of what it heads end (총장: 대학교 or 대), for a title given without its organization
# (kg.extract.posts.fill_orgs). From the 직제 above: a 원장 heads a …원, a 부시장 serves a …시.
TITLE_HEADS = {
    "원장": ("원",), "센터장": ("센터",), "단장": ("단",), "본부장": ("본부",), "회장": ("회",), "소장": ("소",),
    "총장": ("대학교", "대"), "시장": ("시",), "부시장": ("시",), "군수": ("군",), "구청장": ("구",),
    "도지사": ("도",), "청장": ("청",), "장관": ("부",), "차관": ("부",),
}

# Posts that are written without an organization before them ("지역산업과장" is a post too).
POST_HEAD_SUFFIXES = ("본부장", "과장", "국장", "실장", "팀장", "부장", "처장", "단장", "센터장", "위원장", "소장", "담당관", "정책관", "심의관", "기획관", "보좌관")

# Qualifiers written before a title that stay part of the post (상근부회장, 제1부시장).
TITLE_QUALIFIERS = ("상근", "상임", "수석", "대외", "정무", "행정", "경제", "제1", "제2", "제3", "명예", "공동", "대표", "총괄")

# Verbs that give someone a post (X를 이사장으로 선출했다).
APPOINTING_VERBS = ("선출", "임명", "선임", "추대", "위촉")

# Degrees and honorifics: not posts (memberOf instead).
HONORIFICS = ("박사", "씨", "님", "여사", "선생", "교수")

# Bylines: the article's own reporter (누리일보 김하늘 기자) is no entity of its story.
BYLINE_WORDS = ("기자", "특파원", "통신원", "객원기자", "인턴기자", "사진기자")

# Words that start or end a tenure.
TENURE_START = ("취임", "선임", "임명", "부임", "신임", "새로 선출", "선출")

TENURE_END = ("이임", "퇴임", "사임", "退任", "물러나")

# Korean family names (성씨), one syllable each: the first syllable of a personal name.
SURNAMES = frozenset("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈단견당화창옹순")

"""Words that are never entity names by themselves: generic nouns, time and function words.

Sources: the generic nouns of Korean public-administration writing (기관,
사업, 센터 …) that name a kind, not an entity, and the time and function
words that stand before names in press prose.
"""

# Generic words that are never entities by themselves.
GENERIC_WORDS = (
    "지원사업", "기업", "컨퍼런스", "행사", "사업", "센터", "기관", "협회", "재단", "진흥원", "정부", "지자체",
    "지방정부", "중앙정부", "시", "도", "본부", "지역", "클러스터", "미니클러스터", "포럼", "세미나", "협약",
    "업무협약", "회의", "대학", "연구소", "연구원", "위원회", "공단", "프로그램", "플랫폼", "산업단지", "단지",
    "학교", "병원", "대기업", "중소기업", "벤처기업", "공공기관", "유관기관", "지원기관", "전문기관", "실행기관",
    "거점기관", "기초자치단체", "지방자치단체", "시청", "도청", "구청", "국가", "전국", "해외", "지역사회",
    "교류회", "상담회", "설명회", "간담회", "토론회", "전시회", "총회", "대회", "마케팅", "서비스", "국내외",
    # kinds of institution, never one of them: 관계부처 협의, 출연연의 연구, 종합병원 세 곳
    "관계부처", "관계기관", "협력기관", "참여기관", "주관기관", "수행기관", "운영기관", "전담기관", "출연기관",
    "출연연", "사무국", "싱크탱크", "종합병원", "상급종합병원", "연구중심병원", "지방연구원", "광역지자체",
    "기초지자체", "이전공공기관",
    # kinds of school and place, and figures of speech: 대구에서 고등학교를, 노후산업단지 재생, 지역 혁신의 컨트롤타워
    "고등학교", "중학교", "초등학교", "대학교", "노후산업단지", "행정동", "컨트롤타워", "콘트롤타워", "주역",
    # teams of no one organization: 연구팀은, 실무팀이
    "연구팀", "공동연구팀", "취재팀", "실무팀", "전담팀", "대표팀", "사업팀", "지원팀", "운영팀", "기획팀",
)

# Time words and function words that stand alone before names and are never part of one.
TIME_NOUNS = frozenset({"올해", "지난해", "내년", "현재", "이번", "이날", "당시", "최근", "향후", "금년", "작년", "이달", "지난달", "다음달", "오늘", "그동안", "지금", "당초", "이후", "이전", "앞서", "특히", "또한", "한편", "이어", "오전", "오후", "주요", "각", "양", "총", "약", "전", "前", "신임", "초대", "제", "등", "중", "및", "간", "내", "위", "외", "통해", "위해", "대상", "관련", "기준", "분야", "이상", "이하", "최초", "처음", "모두", "가운데", "날"})

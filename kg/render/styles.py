"""How the viewer draws things: colours, shapes and names of entity and relation types, sizes, palettes.

Data only. Colours are Tableau 10's (Tableau's default categorical palette,
readable on white and by most colour-blind readers); shapes are
vis-network's node shapes; each name is Korean then English.
"""

# type -> (Korean and English name, color, vis-network shape)
ENTITY_STYLES = {
    "Organization": ("기관 Organization", "#4e79a7", "dot"),
    "Person": ("인물 Person", "#f28e2b", "diamond"),
    "Program": ("사업 Programme", "#59a14f", "square"),
    "Event": ("행사 Event", "#e15759", "triangle"),
    "Place": ("장소 Place", "#b07aa1", "hexagon"),
}
UNKNOWN_ENTITY = ("기타 other", "#888888", "dot")

# type -> (name, color, dashes: False | True | "dot")
RELATION_STYLES = {
    "holdsPost": ("직위 holds post", "#f28e2b", False),
    "memberOf": ("소속 member of", "#f28e2b", True),
    "partnership": ("협약 partnership", "#2e8b57", False),
    "operates": ("운영 operates", "#59a14f", True),
    "subOrganizationOf": ("산하 part of", "#4e79a7", True),
    "renamed": ("개칭 renamed", "#9c755f", "dot"),
    "organizes": ("주최 organizes", "#e15759", False),
    "participatesIn": ("참석 takes part in", "#e15759", True),
    "heldAt": ("개최지 held at", "#b07aa1", False),
    "locatedIn": ("위치 located in", "#b07aa1", True),
}
UNKNOWN_RELATION = ("관계 relation", "#999999", False)
WIDE_RELATIONS = {"partnership": 2.5}  # drawn wider than the others (1.2)
EDGE_WIDTH = 1.2

NODE_FACT_NAMES = {"eventDate": "날짜 date", "founded": "설립 founded", "renamed": "옛 이름 former name"}

# Node size, by the measure the reader picks: MIN_SIZE + (MAX_SIZE - MIN_SIZE) * sqrt(value / largest value).
MIN_SIZE, MAX_SIZE = 8, 40
SIZE_MEASURES = {"degree": "연결 수 degree", "pagerank": "PageRank", "betweenness": "매개 중심성 betweenness"}
COLOR_MODES = {"type": "유형 type", "community": "공동체 community"}

# The largest communities (of 2 or more entities) get these colours (Tableau 10), the rest OTHER_COMMUNITY.
COMMUNITY_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                    "#9c755f", "#bab0ac")
OTHER_COMMUNITY = "#d0d0d0"

# Labels on the canvas: vis-network's font size, and the width of a character at that size
# (Hangul and other wide characters about a square, others about 0.6 of it), for laying out ego views.
LABEL_FONT_SIZE = 14
WIDE_CHAR, NARROW_CHAR = 14.5, 8.5

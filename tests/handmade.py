"""A small knowledge graph made by hand: extraction records written out, no extractor involved.

It proves the saved queries independently of extraction quality. Names,
sentences and dates are invented for these tests. Every relation type of
``kg.records.RELATION_FIELDS`` occurs at least once.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kg.records import STATUS_CURRENT, STATUS_FORMER, STATUS_STARTED, Article, Entity, Extraction, Relation, Span

# article id -> (published, sentences, entities {key: (type, name, aliases)}, relations
# [(type, args, sentence index, status, start)])
ARTICLES = {
    "a1": (date(2023, 3, 1), [
        "한빛산업진흥원은 지난달 27일 한빛타워 대강당에서 한빛 창립 10주년 기념식을 열었다.",
        "한빛산업진흥원은 2014년 한빛산업재단으로 출범해 2020년 지금의 이름으로 바꿨다.",
        "이날 기념식에는 박서준 원장과 누리바이오협회 관계자들이 참석했다.",
        "진흥원은 특허은행과 한빛창업카페를 운영하고 있으며, 한빛타워 대강당은 한빛시에 있다.",
    ], {
        "o1": ("Organization", "한빛산업진흥원", ("진흥원", "한빛산업재단")),
        "o2": ("Organization", "누리바이오협회", ()),
        "p1": ("Person", "박서준", ()),
        "e1": ("Event", "한빛 창립 10주년 기념식", ("기념식",)),
        "g1": ("Program", "특허은행", ()),
        "g2": ("Program", "한빛창업카페", ()),
        "l1": ("Place", "한빛타워 대강당", ()),
        "l2": ("Place", "한빛시", ()),
    }, [
        ("organizes", {"org": "o1", "event": "e1"}, 0, STATUS_CURRENT, None),
        ("eventDate", {"event": "e1", "date": "2023-02-27"}, 0, STATUS_CURRENT, None),
        ("heldAt", {"event": "e1", "place": "l1"}, 0, STATUS_CURRENT, None),
        ("founded", {"org": "o1", "year": 2014}, 1, STATUS_CURRENT, None),
        ("renamed", {"from": "한빛산업재단", "to": "o1"}, 1, STATUS_CURRENT, None),
        ("holdsPost", {"person": "p1", "org": "o1", "post": "원장"}, 2, STATUS_CURRENT, None),
        ("participatesIn", {"agent": "p1", "event": "e1"}, 2, STATUS_CURRENT, None),
        ("participatesIn", {"agent": "o2", "event": "e1"}, 2, STATUS_CURRENT, None),
        ("operates", {"org": "o1", "program": "g1"}, 3, STATUS_CURRENT, None),
        ("operates", {"org": "o1", "program": "g2"}, 3, STATUS_CURRENT, None),
        ("locatedIn", {"entity": "l1", "place": "l2"}, 3, STATUS_CURRENT, None),
    ]),
    "a2": (date(2023, 5, 12), [
        "한빛산업진흥원과 누리바이오협회는 2023년 5월 10일 바이오 기업 육성을 위한 업무협약을 맺었다.",
        "이날 협약식에는 두 기관 관계자 20여 명이 참석했다.",
        "협회는 바이오 성장 프로그램을 함께 운영한다.",
    ], {
        "o1": ("Organization", "한빛산업진흥원", ()),
        "o2": ("Organization", "누리바이오협회", ("협회",)),
        "e2": ("Event", "협약식", ()),
        "g3": ("Program", "바이오 성장 프로그램", ()),
    }, [
        ("partnership", {"orgs": ("o1", "o2"), "date": "2023-05-10"}, 0, STATUS_CURRENT, None),
        ("eventDate", {"event": "e2", "date": "2023-05-10"}, 0, STATUS_CURRENT, None),
        ("participatesIn", {"agent": "o1", "event": "e2"}, 1, STATUS_CURRENT, None),
        ("participatesIn", {"agent": "o2", "event": "e2"}, 1, STATUS_CURRENT, None),
        ("operates", {"org": "o2", "program": "g3"}, 2, STATUS_CURRENT, None),
    ]),
    "a3": (date(2023, 9, 4), [
        "한빛산업진흥원은 가람대학교 산학협력단과 창업 지원 협약을 맺었다.",
        "가람대학교 산학협력단 산하 창업보육센터가 입주 기업을 돕는다.",
        "진흥원은 한빛창업카페 입주 기업도 모집한다.",
    ], {
        "o1": ("Organization", "한빛산업진흥원", ("진흥원",)),
        "o3": ("Organization", "가람대학교 산학협력단", ("산학협력단",)),
        "o4": ("Organization", "가람대학교", ()),
        "o5": ("Organization", "창업보육센터", ()),
        "g2": ("Program", "한빛창업카페", ()),
    }, [
        ("partnership", {"orgs": ("o1", "o3"), "date": None}, 0, STATUS_CURRENT, None),
        ("subOrganizationOf", {"child": "o3", "parent": "o4"}, 1, STATUS_CURRENT, None),
        ("subOrganizationOf", {"child": "o5", "parent": "o3"}, 1, STATUS_CURRENT, None),
        ("operates", {"org": "o1", "program": "g2"}, 2, STATUS_CURRENT, None),
    ]),
    "a4": (date(2024, 1, 10), [
        "박서준 전 한빛산업진흥원 원장은 지난해 말 임기를 마쳤다.",
    ], {
        "o1": ("Organization", "한빛산업진흥원", ()),
        "p1": ("Person", "박서준", ()),
    }, [
        ("holdsPost", {"person": "p1", "org": "o1", "post": "원장"}, 0, STATUS_FORMER, None),
    ]),
    "a5": (date(2024, 2, 5), [
        "최유리 한빛산업진흥원 원장이 지난 1일 취임했다.",
        "김하늘 한빛산업진흥원 기획본부장도 이날 자리를 함께했다.",
    ], {
        "o1": ("Organization", "한빛산업진흥원", ()),
        "p2": ("Person", "최유리", ()),
        "p3": ("Person", "김하늘", ()),
    }, [
        ("holdsPost", {"person": "p2", "org": "o1", "post": "원장"}, 0, STATUS_STARTED, "2024-02-01"),
        ("holdsPost", {"person": "p3", "org": "o1", "post": "기획본부장"}, 1, STATUS_CURRENT, None),
    ]),
}


def extraction(article_id: str) -> Extraction:
    """The hand-written extraction of one article."""
    published, sentences, entities, relations = ARTICLES[article_id]
    text = "\n".join(sentences)
    spans, at = [], 0
    for s in sentences:
        spans.append(Span(at, at + len(s), s))
        at += len(s) + 1
    ents = []
    for key, (type_, name, aliases) in entities.items():
        i = text.find(name)
        ents.append(Entity(key, type_, name, aliases, (Span(i, i + len(name), name),) if i >= 0 else ()))
    rels = tuple(Relation(t, args, spans[i], status, start) for t, args, i, status, start in relations)
    art = Article(article_id, f"{article_id}.txt", text, title=f"{article_id} 제목", published=published)
    return Extraction(art, tuple(spans), tuple(ents), rels)


def extractions() -> list[Extraction]:
    """Every hand-written extraction."""
    return [extraction(a) for a in ARTICLES]


def write_build(folder: Path) -> Path:
    """Map the extractions to RDF, resolve them, and write ``kg.trig`` and ``store/`` into ``folder``."""
    from kg.rdf import to_rdf
    from kg.resolve import resolve
    from kg.store.write import write_store

    xs = extractions()
    folder.mkdir(parents=True, exist_ok=True)
    to_rdf(xs, resolve(xs)).serialize(folder / "kg.trig", format="trig")
    write_store(folder / "kg.trig", folder / "store")
    return folder

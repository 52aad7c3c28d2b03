"""Two small knowledge graphs made by hand: extraction records written out, no extractor involved.

Names, sentences and dates are invented for the tests; every relation type
of ``kg.records.RELATION_FIELDS`` occurs in each graph. Both are written as
tables and made into ``Extraction`` records by the same function, and
resolved across articles by ``kg.resolve``:

- the *query graph* (five articles, ``query_extractions``, ``write_query_build``)
  proves the saved queries independently of extraction quality;
- the *network graph* (two articles, ``network_extractions``, ``network_dataset``)
  is what the network and viewer tests draw; with ``hostile=True`` markup and
  script are put into entity names and the URL, to prove that nothing from an
  article runs.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Mapping, Sequence

from kg.records import STATUS_CURRENT, STATUS_FORMER, STATUS_STARTED, Article, Entity, Extraction, Relation, Resolution, Span
from tests.support.hostile import PAYLOAD

# An entity: key -> (type, name, aliases); a relation: (type, args, sentence index, status, start).
Entities = Mapping[str, tuple[str, str, tuple[str, ...]]]
Relations = Sequence[tuple[str, dict, int, str, str | None]]


def make_extraction(sentences: Sequence[str], entities: Entities, relations: Relations, **article: object) -> Extraction:
    """The extraction of an article (``article``: the fields of ``Article`` but its text) whose text is
    ``sentences``, one per line; each entity is named where it first occurs."""
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
    return Extraction(Article(text=text, **article), tuple(spans), tuple(ents), rels)


# ---------------------------------------------------------------- the query graph

# article id -> (published, sentences, entities, relations)
QUERY_ARTICLES = {
    "a1": (date(2023, 3, 1), [
        "한빛산업진흥원은 지난달 27일 한빛타워 대강당에서 한빛 창립 10주년 기념식을 열었다.",
        "한빛산업진흥원은 2014년 한빛산업재단으로 출범해 2020년 지금의 이름으로 바꿨다.",
        "이날 기념식에는 박서준 원장과 누리바이오협회 관계자들이 참석했다.",
        "진흥원은 특허은행과 한빛창업카페를 운영하고 있으며, 한빛타워 대강당은 한빛시에 있다.",
    ], {
        "o1": ("Organization", "한빛산업진흥원", ("진흥원", "한빛진흥원", "한빛산업재단")),
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
        "o2": ("Organization", "누리바이오협회", ("협회", "누리협회")),
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
        "o3": ("Organization", "가람대학교 산학협력단", ("산학협력단", "가람대 산학협력단")),
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


def query_extraction(article_id: str) -> Extraction:
    """The hand-written extraction of one article of the query graph."""
    published, sentences, entities, relations = QUERY_ARTICLES[article_id]
    return make_extraction(sentences, entities, relations, id=article_id, path=f"{article_id}.txt",
                           title=f"{article_id} 제목", published=published)


def query_extractions() -> list[Extraction]:
    """Every hand-written extraction of the query graph."""
    return [query_extraction(a) for a in QUERY_ARTICLES]


def write_query_build(folder: Path) -> Path:
    """Resolve and map the query graph, and write ``kg.trig`` and ``store/`` into ``folder`` (a build folder)."""
    from kg.rdf import to_rdf
    from kg.resolve import resolve
    from kg.store.build_dir import BuildDir
    from kg.store.derived import derive_store
    from kg.store.write import write_store

    xs = query_extractions()
    build = BuildDir(folder)
    folder.mkdir(parents=True, exist_ok=True)
    to_rdf(xs, resolve(xs)).serialize(build.trig, format="trig")
    write_store(build.trig, build.store)
    derive_store(build.store)  # as kg build does: the saved queries read the derived graph
    return folder


# ---------------------------------------------------------------- the network graph

TYPES = {"org": "Organization", "person": "Person", "uni": "Organization", "unit": "Organization",
         "member": "Person", "city": "Place", "tower": "Place", "program": "Program", "event": "Event"}


def _names(hostile: bool) -> dict[str, str]:
    evil = PAYLOAD if hostile else ""
    return {"org": "한빛산업진흥원" + evil, "person": "박서준", "uni": "한빛대학교", "unit": "한빛대학교 산학협력단",
            "member": "최유리" + evil, "city": "한빛시", "tower": "한빛타워", "program": "스마트공장 지원사업",
            "event": "창립 10주년 기념식", "old": "한빛테크노센터"}


def _entities(n: dict[str, str], keys: Sequence[str]) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    aliases = {"org": ("진흥원", "한빛진흥원", n["old"]), "uni": ("한빛대",)}  # the former name is an alias too
    return {k: (TYPES[k], n[k], aliases.get(k, ())) for k in keys}


def _article_one(n: dict[str, str], hostile: bool) -> Extraction:
    sentences = [f"{n['org']}(원장 {n['person']})은 지난 12일 {n['tower']}에서 {n['event']}을 열었다고 15일 밝혔다.",
                 f"이날 행사에는 {n['member']} {n['uni']} 교수가 참석해 축사를 했다.",
                 f"{n['org']}은 2013년 {n['old']}라는 이름으로 문을 열었다."]
    url = "javascript:window.__pwned=3" if hostile else "https://news.example.kr/articles/1001"
    entities = _entities(n, ("org", "person", "tower", "event", "member", "uni"))
    return make_extraction(sentences, entities, [
        ("holdsPost", {"person": "person", "org": "org", "post": "원장"}, 0, STATUS_CURRENT, None),
        ("organizes", {"org": "org", "event": "event"}, 0, STATUS_CURRENT, None),
        ("heldAt", {"event": "event", "place": "tower"}, 0, STATUS_CURRENT, None),
        ("eventDate", {"event": "event", "date": "2023-03-12"}, 0, STATUS_CURRENT, None),
        ("participatesIn", {"agent": "member", "event": "event"}, 1, STATUS_CURRENT, None),
        ("memberOf", {"person": "member", "org": "uni"}, 1, STATUS_CURRENT, None),
        ("founded", {"org": "org", "year": 2013}, 2, STATUS_CURRENT, None),
        ("renamed", {"from": n["old"], "to": "org"}, 2, STATUS_CURRENT, None),
    ], id="a1.txt", path="a1.txt", title=f"{n['org']}, 10주년 기념식", published=date(2023, 3, 15), url=url)


def _article_two(n: dict[str, str]) -> Extraction:
    sentences = [f"{n['org']}과 {n['uni']}는 20일 {n['city']}에서 업무협약을 맺었다고 밝혔다.",
                 f"{n['org']}은 {n['city']}에 있으며 {n['program']}을 운영한다.",
                 f"{n['unit']}은 {n['uni']} 산하 조직으로 협약 실무를 맡는다.",
                 f"{n['person']} 원장은 협약식에서 인사말을 했다."]
    entities = _entities(n, ("org", "uni", "city", "program", "unit", "person"))
    return make_extraction(sentences, entities, [
        ("partnership", {"orgs": ("org", "uni"), "date": "2024-06-20"}, 0, STATUS_CURRENT, None),
        ("locatedIn", {"entity": "org", "place": "city"}, 1, STATUS_CURRENT, None),
        ("operates", {"org": "org", "program": "program"}, 1, STATUS_CURRENT, None),
        ("subOrganizationOf", {"child": "unit", "parent": "uni"}, 2, STATUS_CURRENT, None),
        ("holdsPost", {"person": "person", "org": "org", "post": "원장"}, 3, STATUS_CURRENT, None),
    ], id="a2.txt", path="a2.txt", title="한빛 지역 산학 협력 협약", published=date(2024, 6, 20),
        url="https://news.example.kr/articles/2002")


def network_extractions(hostile: bool = False) -> tuple[list[Extraction], Resolution]:
    """The network graph's two articles and their resolution."""
    from kg.resolve import resolve

    names = _names(hostile)
    extractions = [_article_one(names, hostile), _article_two(names)]
    return extractions, resolve(extractions)


def network_dataset(hostile: bool = False):
    """The RDF dataset of the network graph."""
    from kg.rdf import to_rdf

    extractions, resolution = network_extractions(hostile)
    return to_rdf(extractions, resolution, generated_at=datetime(2024, 7, 1, tzinfo=timezone.utc))


def write_network_build(folder: Path, hostile: bool = False) -> Path:
    """The network graph (``hostile``: its markup-laden variant) as a build folder: ``kg.trig`` and ``store/``."""
    from kg.store.build_dir import BuildDir
    from kg.store.write import write_store

    build = BuildDir(folder)
    folder.mkdir(parents=True, exist_ok=True)
    network_dataset(hostile).serialize(build.trig, format="trig")
    write_store(build.trig, build.store)
    return folder

"""A small hand-made build (two articles of our own, every relation type), for network and viewer tests.

``hand_extractions(hostile=True)`` puts markup and script into entity names,
sentences, titles and URLs, to prove that nothing from an article runs.
"""

from __future__ import annotations

from datetime import date

from kg.text import slug
from kg.records import Article, Entity, Extraction, GraphEntity, Relation, Resolution, Span

# Sets window.__pwned if it ever runs, whichever way it is injected.
PAYLOAD = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'
PREFIX = {"Organization": "org", "Person": "person", "Program": "program", "Event": "event", "Place": "place"}


def _names(hostile: bool) -> dict[str, str]:
    evil = PAYLOAD if hostile else ""
    return {"org": "한빛산업진흥원" + evil, "person": "박서준", "uni": "한빛대학교", "unit": "한빛대학교 산학협력단",
            "member": "최유리" + evil, "city": "한빛시", "tower": "한빛타워", "program": "스마트공장 지원사업",
            "event": "창립 10주년 기념식", "old": "한빛테크노센터"}


ALIASES = {"org": ("진흥원", "한빛진흥원"), "uni": ("한빛대",)}
TYPES = {"org": "Organization", "person": "Person", "uni": "Organization", "unit": "Organization",
         "member": "Person", "city": "Place", "tower": "Place", "program": "Program", "event": "Event"}


def _first(text: str, name: str) -> Span:
    start = text.index(name)
    return Span(start, start + len(name), name)


def _sentence(text: str, needle: str) -> Span:
    start = text.index(needle)
    end = text.index("\n", start) if "\n" in text[start:] else len(text)
    return Span(start, end, text[start:end])


def _article_one(n: dict[str, str], hostile: bool) -> Extraction:
    text = (f"{n['org']}(원장 {n['person']})은 지난 12일 {n['tower']}에서 {n['event']}을 열었다고 15일 밝혔다.\n"
            f"이날 행사에는 {n['member']} {n['uni']} 교수가 참석해 축사를 했다.\n"
            f"{n['org']}은 2013년 {n['old']}라는 이름으로 문을 열었다.")
    url = "javascript:window.__pwned=3" if hostile else "https://news.example.kr/articles/1001"
    art = Article("a1.txt", "a1.txt", text, title=f"{n['org']}, 10주년 기념식", published=date(2023, 3, 15),
                  url=url)
    s1, s2, s3 = (_sentence(text, x) for x in (n["org"] + "(", "이날", n["org"] + "은 2013"))
    keys = ("org", "person", "tower", "event", "member", "uni", "old")
    ents = tuple(Entity(k, TYPES.get(k, "Organization"), n[k], ALIASES.get(k, ()), (_first(text, n[k]),))
                 for k in keys if k != "old")
    rels = (
        Relation("holdsPost", {"person": "person", "org": "org", "post": "원장"}, s1),
        Relation("organizes", {"org": "org", "event": "event"}, s1),
        Relation("heldAt", {"event": "event", "place": "tower"}, s1),
        Relation("eventDate", {"event": "event", "date": "2023-03-12"}, s1),
        Relation("participatesIn", {"agent": "member", "event": "event"}, s2),
        Relation("memberOf", {"person": "member", "org": "uni"}, s2),
        Relation("founded", {"org": "org", "year": 2013}, s3),
        Relation("renamed", {"from": n["old"], "to": "org"}, s3),
    )
    return Extraction(art, (s1, s2, s3), ents, rels)


def _article_two(n: dict[str, str]) -> Extraction:
    text = (f"{n['org']}과 {n['uni']}는 20일 {n['city']}에서 업무협약을 맺었다고 밝혔다.\n"
            f"{n['org']}은 {n['city']}에 있으며 {n['program']}을 운영한다.\n"
            f"{n['unit']}은 {n['uni']} 산하 조직으로 협약 실무를 맡는다.\n"
            f"{n['person']} 원장은 협약식에서 인사말을 했다.")
    art = Article("a2.txt", "a2.txt", text, title="한빛 지역 산학 협력 협약", published=date(2024, 6, 20),
                  url="https://news.example.kr/articles/2002")
    s1, s2, s3, s4 = (_sentence(text, x) for x in (n["org"] + "과", n["org"] + "은", n["unit"], n["person"]))
    keys = ("org", "uni", "city", "program", "unit", "person")
    ents = tuple(Entity(k, TYPES[k], n[k], ALIASES.get(k, ()), (_first(text, n[k]),)) for k in keys)
    rels = (
        Relation("partnership", {"orgs": ("org", "uni"), "date": "2024-06-20"}, s1),
        Relation("locatedIn", {"entity": "org", "place": "city"}, s2),
        Relation("operates", {"org": "org", "program": "program"}, s2),
        Relation("subOrganizationOf", {"child": "unit", "parent": "uni"}, s3),
        Relation("holdsPost", {"person": "person", "org": "org", "post": "원장"}, s4),
    )
    return Extraction(art, (s1, s2, s3, s4), ents, rels)


def hand_extractions(hostile: bool = False) -> tuple[list[Extraction], Resolution]:
    """Two articles and their resolution (entities joined by key across articles)."""
    names = _names(hostile)
    extractions = [_article_one(names, hostile), _article_two(names)]
    members: dict[str, list[tuple[str, str]]] = {}
    for x in extractions:
        for ent in x.entities:
            members.setdefault(ent.key, []).append((x.article.id, ent.key))
    entities, index = [], {}
    for key, refs in members.items():
        gid = f"{PREFIX[TYPES[key]]}/{slug(names[key])}"
        aliases = ALIASES.get(key, ()) + ((names["old"],) if key == "org" else ())
        entities.append(GraphEntity(gid, TYPES[key], names[key], aliases, tuple(refs)))
        index.update({ref: gid for ref in refs})
    return extractions, Resolution(tuple(entities), index)


def hand_dataset(hostile: bool = False):
    """The RDF dataset of the hand-made build."""
    from datetime import datetime, timezone

    from kg.rdf import to_rdf

    extractions, resolution = hand_extractions(hostile)
    return to_rdf(extractions, resolution, generated_at=datetime(2024, 7, 1, tzinfo=timezone.utc))

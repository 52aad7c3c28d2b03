"""Cross-article resolution: merges with their rules and evidence, and the non-merges."""

from __future__ import annotations

from datetime import date

import pytest

from kg.records import Article, Entity, Extraction, Relation, Span
from kg.resolve import resolve

_S = Span(0, 1, "가")


def article(aid: str, entities: list[tuple], relations: list[tuple] = (), published: date | None = None) -> Extraction:
    """An extraction from (key, type, name, aliases) and (type, args) tuples."""
    ents = tuple(Entity(k, t, n, tuple(a)) for k, t, n, a in entities)
    rels = tuple(Relation(t, args, _S) for t, args in relations)
    return Extraction(Article(aid, aid, "가", published=published), (_S,), ents, rels)


def graph_entity(res, aid: str, key: str):
    return res.lookup(aid, key)


def test_same_organization_in_two_articles_is_one_entity_with_its_aliases():
    a = article("a", [("e1", "Organization", "한빛산업진흥원", ["진흥원", "한빛진흥원"])])
    b = article("b", [("e1", "Organization", "한빛산업진흥원", ["산업진흥원", "KBIPA"])])
    res = resolve([a, b])
    ga, gb = graph_entity(res, "a", "e1"), graph_entity(res, "b", "e1")
    assert ga is gb
    # Generic short forms stand for the entity inside their article only: no graph alias
    # (issue 12, point 5: 진흥원 would otherwise be an alias of every agency that has one).
    assert set(ga.aliases) == {"한빛진흥원", "KBIPA"}
    assert [m.rule for m in ga.merges] == ["new", "same-name"]
    assert "한빛산업진흥원" in ga.merges[1].evidence


def test_generic_short_forms_never_merge_across_articles():
    a = article("a", [("e1", "Organization", "한빛산업진흥원", ["진흥원"])])
    b = article("b", [("e1", "Organization", "누리바이오진흥원", ["진흥원"])])
    res = resolve([a, b])
    assert graph_entity(res, "a", "e1") is not graph_entity(res, "b", "e1")


def test_abbreviation_joins_its_full_name():
    a = article("a", [("e1", "Organization", "한국산업단지공단", [])])
    b = article("b", [("e1", "Organization", "산단공", [])])
    res = resolve([a, b])
    g = graph_entity(res, "b", "e1")
    assert g is graph_entity(res, "a", "e1")
    assert g.name == "한국산업단지공단"
    assert g.merges[-1].rule == "abbreviation"


def test_an_article_naming_both_forms_links_clusters_found_apart():
    a = article("a", [("e1", "Organization", "한빛산업진흥재단", [])], published=date(2012, 5, 1))
    b = article("b", [("e1", "Organization", "한빛산업진흥원", [])], published=date(2020, 5, 1))
    c = article("c", [("e1", "Organization", "한빛산업진흥원", ["한빛산업진흥재단"])], published=date(2018, 7, 3))
    res = resolve([a, b, c])
    g = graph_entity(res, "a", "e1")
    assert g is graph_entity(res, "b", "e1") is graph_entity(res, "c", "e1")
    assert g.name == "한빛산업진흥원"  # the current name, though the former one is longer
    assert "한빛산업진흥재단" in g.aliases


def test_an_organization_takes_the_fuller_name_an_article_gives_with_its_alias():
    a = article("a", [("e1", "Organization", "누리첨단의료산업진흥재단", ["누리메디허브", "재단"])], published=date(2024, 9, 12))
    b = article("b", [("e1", "Organization", "누리메디허브", ["재단"])], published=date(2025, 2, 18))
    res = resolve([a, b])
    g = graph_entity(res, "b", "e1")
    assert g is graph_entity(res, "a", "e1")
    assert g.name == "누리첨단의료산업진흥재단"  # the latest article's 누리메디허브 is an alias of it
    assert "누리메디허브" in g.aliases


def test_a_former_name_never_becomes_the_graph_name():
    a = article("a", [("e1", "Organization", "한빛산업진흥재단", ["한빛산업진흥원"])],
                [("renamed", {"from": "한빛산업진흥재단", "to": "e1"})], published=date(2018, 7, 3))
    b = article("b", [("e1", "Organization", "한빛산업진흥원", [])], published=date(2020, 5, 1))
    assert graph_entity(resolve([a, b]), "b", "e1").name == "한빛산업진흥원"


def _person_article(aid: str, org: str, post: str = "원장") -> Extraction:
    return article(
        aid,
        [("e1", "Person", "김하늘", []), ("e2", "Organization", org, [])],
        [("holdsPost", {"person": "e1", "org": "e2", "post": post})],
    )


@pytest.mark.parametrize(
    "org_a, org_b, merged",
    [
        ("한빛산업진흥원", "한빛산업진흥원", True),
        ("한빛산업진흥원", "누리바이오협회", False),
    ],
)
def test_same_name_people_merge_only_when_their_organization_agrees(org_a, org_b, merged):
    res = resolve([_person_article("a", org_a), _person_article("b", org_b)])
    same = graph_entity(res, "a", "e1") is graph_entity(res, "b", "e1")
    assert same is merged
    if merged:
        merge = graph_entity(res, "b", "e1").merges[-1]
        assert merge.rule == "person-context"
        assert "한빛산업진흥원" in merge.evidence


def test_person_context_uses_resolved_organizations():
    # the organization is written differently, but an alias links it
    a = _person_article("a", "한빛산업진흥재단")
    b = article(
        "b",
        [("e1", "Person", "김하늘", []), ("e2", "Organization", "한빛산업진흥원", ["한빛산업진흥재단"])],
        [("holdsPost", {"person": "e1", "org": "e2", "post": "원장"})],
    )
    res = resolve([a, b])
    assert graph_entity(res, "a", "e1") is graph_entity(res, "b", "e1")


def test_a_name_without_context_joins_the_only_candidate_but_not_one_of_several():
    a = _person_article("a", "한빛산업진흥원")
    b = _person_article("b", "누리바이오협회")
    c = article("c", [("e1", "Person", "김하늘", [])])
    res = resolve([a, b, c])
    ids = {graph_entity(res, x, "e1").id for x in ("a", "b", "c")}
    assert len(ids) == 3

    res2 = resolve([a, c])
    assert graph_entity(res2, "a", "e1") is graph_entity(res2, "c", "e1")


def test_places_keep_their_canonical_name():
    a = article("a", [("e1", "Place", "수원시", ["수원", "수원지역"])])
    b = article("b", [("e1", "Place", "수원", [])])
    res = resolve([a, b])
    g = graph_entity(res, "b", "e1")
    assert g is graph_entity(res, "a", "e1")
    assert g.name == "수원시"

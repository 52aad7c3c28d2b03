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


# Stories: the same text printed twice


STORY = ("한빛산업진흥원은 12일 한빛타워 대강당에서 누리바이오협회와 바이오 기업 육성을 위한 업무협약을 맺었다고 밝혔다. "
         "두 기관은 앞으로 공동 연구와 판로 개척을 함께 지원하기로 했다. 이날 협약식에는 박서준 원장과 임직원 30여 명이 참석했다.")
OTHER = ("누리시는 올해 하반기 청년 창업 지원 예산을 늘리고 창업 공간 세 곳을 새로 열기로 했다고 밝혔다. "
         "시는 입주 기업에 사무 공간과 시제품 제작비를 지원하고 투자 설명회도 연다. 신청은 다음 달까지 받는다.")

# One press release rewritten by another newsroom: related, not one story (about 0.3 alike).
REWRITE = ("누리바이오협회가 한빛산업진흥원과 손잡고 지역 바이오 기업 육성에 나선다. 두 기관은 앞으로 공동 연구와 판로 개척을 "
           "함께 지원하기로 했다. 이날 협약식에는 박서준 원장과 임직원 30여 명이 참석했다. 협회는 회원사의 해외 진출도 돕는다.")


def told(aid: str, entities: list[tuple], relations: list[tuple] = (), published: date | None = None,
         text: str = STORY) -> Extraction:
    """``article`` with a body long enough to be compared with others."""
    x, whole = article(aid, entities, relations, published), Span(0, len(text), text)
    rels = tuple(Relation(r.type, r.args, whole) for r in x.relations)
    return Extraction(Article(aid, aid, text, published=published), (whole,), x.entities, rels)


def test_a_reprint_with_another_first_line_or_footer_is_one_story():
    from kg.resolve.stories import find_stories, similar_pairs

    arts = [Article("b", "b", "[종합] " + STORY), Article("a", "a", STORY), Article("c", "c", STORY + " ⓒ 다른일보 무단 전재 금지"),
            Article("d", "d", OTHER), Article("e", "e", "짧은 글"), Article("f", "f", "짧은 글")]
    (story,) = find_stories(similar_pairs(arts))
    assert story.articles == ("a", "b", "c")  # short bodies alike are no evidence of one text
    assert set(story.like) == {"b", "c"} and all(v > 0.8 for v in story.similarity.values())


def test_known_signatures_are_reused_and_give_the_same_resolution(tmp_path, monkeypatch):
    """The signatures of an earlier build (saved, loaded) are taken instead of computed; nothing else changes."""
    import kg.resolve.stories as stories

    ents = [("e1", "Event", "협약식", []), ("e2", "Person", "박서준", [])]
    xs = [told("a", ents), told("b", ents, text="[속보] " + STORY), told("c", ents, text=REWRITE)]
    known: dict = {}
    first = resolve(xs, known)
    assert first == resolve(xs) and len(known) == 3
    stories.save_signatures(tmp_path / "sigs", known, (x.article for x in xs[:2]))
    loaded = stories.load_signatures(tmp_path / "sigs")
    assert set(loaded) == {stories.text_key(x.article.text) for x in xs[:2]}  # only the articles asked for
    computed = []
    real = stories.signature
    monkeypatch.setattr(stories, "signature", lambda text: computed.append(text) or real(text))
    assert resolve(xs, loaded) == first
    assert computed == [REWRITE]  # the one not saved
    monkeypatch.setattr(stories, "_scheme", lambda: ("another scheme",))
    assert stories.load_signatures(tmp_path / "sigs") == {}
    assert stories.load_signatures(tmp_path / "missing") == {}


def test_in_one_story_generic_events_and_people_are_one():
    ents = [("e1", "Event", "협약식", []), ("e2", "Person", "박서준", []), ("e3", "Organization", "재단", [])]
    res = resolve([told("a", ents), told("b", ents, text="[속보] " + STORY)])
    for key in ("e1", "e2", "e3"):
        g = graph_entity(res, "a", key)
        assert g is graph_entity(res, "b", key)
        assert g.merges[-1].rule == "same-story" and "a" in g.merges[-1].evidence
    assert [s.articles for s in res.stories] == [("a", "b")]


# Events: one happening, one node


def _event_article(aid: str, name: str, day: str | None, who: str, text: str,
                   published: date | None = date(2024, 9, 12)) -> Extraction:
    rels = [("participatesIn", {"agent": "o1", "event": "e1"})] + ([("eventDate", {"event": "e1", "date": day})] if day else [])
    return told(aid, [("e1", "Event", name, []), ("o1", "Organization", who, [])], rels, published, text=text)


@pytest.mark.parametrize("b, joined, rule", [
    (("취임식", "2025-01-20", "한빛산업진흥원"), True, "same-happening"),  # same day, same participant
    (("취임식", "2025-01-21", "한빛산업진흥원"), False, None),  # another day
    (("취임식", "2025-01-20", "누리바이오협회"), False, None),  # no one in common
    (("취임식", None, "한빛산업진흥원"), False, None),  # a generic name without a date says too little
])
def test_generic_events_of_two_reports_join_only_on_the_same_day_with_someone_in_common(b, joined, rule):
    res = resolve([_event_article("a", "취임식", "2025-01-20", "한빛산업진흥원", STORY), _event_article("b", *b, OTHER)])
    assert (graph_entity(res, "a", "e1") is graph_entity(res, "b", "e1")) is joined
    if rule:
        assert graph_entity(res, "b", "e1").merges[-1].rule == rule
        assert "2025-01-20" in graph_entity(res, "b", "e1").merges[-1].evidence


def test_a_rewrite_of_one_release_joins_a_generic_event_to_the_named_one():
    from kg.resolve.stories import Texts

    texts = Texts([Article("a", "a", STORY), Article("b", "b", REWRITE)])
    assert 0.25 <= texts.similarity("a", "b") < 0.8 and texts.stories == ()  # related, not one story
    a = _event_article("a", "한빛 바이오 협약식", "2024-09-10", "한빛산업진흥원", STORY)
    b = _event_article("b", "업무협약식", None, "누리바이오협회", REWRITE, published=date(2024, 9, 13))
    c = _event_article("c", "업무협약식", None, "누리바이오협회", OTHER)  # unrelated text
    res = resolve([a, b, c])
    assert graph_entity(res, "a", "e1") is graph_entity(res, "b", "e1") is not graph_entity(res, "c", "e1")
    assert graph_entity(res, "b", "e1").merges[1].rule == "related-text"
    later = _event_article("b", "업무협약식", None, "누리바이오협회", REWRITE, published=date(2025, 3, 1))
    res = resolve([a, later])  # months later: a report of another signing
    assert graph_entity(res, "a", "e1") is not graph_entity(res, "b", "e1")


def test_a_named_event_joins_by_name_but_never_across_dates():
    name = "제10회 한빛 산업단지 클러스터의 날"
    a = _event_article("a", name, "2024-11-01", "한빛산업진흥원", STORY)
    b = _event_article("b", name, "2024-11", "누리바이오협회", OTHER)  # the month agrees with the day
    c = _event_article("c", name, "2025-11-01", "한빛산업진흥원", OTHER + " 내년에도 열린다.")
    res = resolve([a, b, c])
    assert graph_entity(res, "a", "e1") is graph_entity(res, "b", "e1") is not graph_entity(res, "c", "e1")


# Agreements: one agreement, whichever article states it


def _mou(aid: str, day: str | None, published: date, text: str = OTHER, other: str = "누리바이오협회") -> Extraction:
    ents = [("o1", "Organization", "한빛산업진흥원", []), ("o2", "Organization", other, [])]
    return told(aid, ents, [("partnership", {"orgs": ("o1", "o2"), "date": day})], published, text)


@pytest.mark.parametrize("b, joined, rule", [
    (_mou("b", "2024-09-10", date(2025, 2, 1)), True, "same-parties-and-date"),
    (_mou("b", None, date(2024, 9, 20)), True, "same-parties-near-date"),  # undated, 10 days after the signing
    (_mou("b", None, date(2024, 12, 20)), False, None),  # undated, months later: maybe another agreement
    (_mou("b", None, date(2024, 12, 20), text="[종합] " + STORY), True, "same-parties-same-story"),
    (_mou("b", None, None, text=REWRITE), True, "same-parties-related-text"),  # no date anywhere, but one release
    (_mou("b", "2023-09-10", date(2024, 9, 12)), False, None),  # another date: another agreement
    (_mou("b", "2024-09-10", date(2024, 9, 12), other="가람대학교"), False, None),  # other parties
])
def test_agreements_join_on_parties_and_date_or_story_or_a_short_window(b, joined, rule):
    a = _mou("a", "2024-09-10", date(2024, 9, 12), text=STORY)
    res = resolve([b, a])
    fa, fb = res.fact_index[("a", 0)], res.fact_index[("b", 0)]
    assert (fa == fb) is joined
    assert len(res.facts) == (1 if joined else 2)
    if joined:
        (fact,) = res.facts
        assert fact.members == (("a", 0), ("b", 0))
        assert [m.rule for m in fact.merges] == ["new", rule] and "누리바이오협회" in fact.merges[1].evidence


def test_an_agreement_whose_parties_became_one_entity_is_dropped_and_said_so():
    ents = [("o1", "Organization", "가람대학교", []), ("o2", "Organization", "가람대", [])]
    x = told("a", ents, [("partnership", {"orgs": ("o1", "o2"), "date": None}),
                         ("subOrganizationOf", {"child": "o1", "parent": "o2"})])
    res = resolve([x])
    assert res.lookup("a", "o1") is res.lookup("a", "o2")
    assert set(res.dropped) == {("a", 0), ("a", 1)} and "가람대학교" in res.dropped[("a", 0)]
    assert res.facts == ()


def test_a_build_keeps_its_own_shapes_when_resolution_empties_an_agreement():
    from kg.rdf import to_rdf
    from kg.validate import validate_dataset

    ents = [("o1", "Organization", "가람대학교", []), ("o2", "Organization", "가람대", []),
            ("o3", "Organization", "누리바이오협회", [])]
    x = told("a", ents, [("partnership", {"orgs": ("o1", "o2"), "date": None}),
                         ("partnership", {"orgs": ("o1", "o3"), "date": "2024-09-10"})])
    report = validate_dataset(to_rdf([x], resolve([x])))
    assert report.conforms, report.violations


# Names across articles


@pytest.mark.parametrize("type_, names, rule", [
    ("Organization", ["가람대학교", "가람대"], "short-form"),
    ("Organization", ["가람대학교 산학협력단", "가람대 산학협력단"], "short-form"),
    ("Organization", ["누리테크노파크", "누리TP"], "short-form"),
    ("Place", ["누리국가산업단지", "누리국가산단", "누리산단"], "short-form"),
    ("Place", ["대구광역시", "대구시", "대구"], "bare-name"),
    ("Place", ["경상북도", "경북"], "short-form"),
    ("Place", ["대한민국", "한국"], "synonym"),
    ("Organization", ["중소벤처기업부", "중기부"], "abbreviation"),
])
def test_short_forms_bare_names_and_synonyms_are_one_entity_across_articles(type_, names, rule):
    res = resolve([article(f"a{i}", [("e1", type_, n, [])]) for i, n in enumerate(names)])
    ids = {graph_entity(res, f"a{i}", "e1").id for i in range(len(names))}
    assert len(ids) == 1
    merges = graph_entity(res, "a0", "e1").merges
    assert [m.rule for m in merges][1:] == [rule] * (len(names) - 1)
    assert all(names[0] in m.evidence or rule == "abbreviation" for m in merges[1:])


@pytest.mark.parametrize("type_, a, b", [
    ("Place", "광주광역시", "광주"),  # 광주 is also a city of 경기도
    ("Place", "누리혁신도시", "누리혁신도"),  # 혁신도시 is no city
    ("Organization", "누리시", "누리"),  # bare names are for places
])
def test_bare_names_that_could_be_two_places_stay_apart(type_, a, b):
    res = resolve([article("a", [("e1", type_, a, [])]), article("b", [("e1", type_, b, [])])])
    assert graph_entity(res, "a", "e1") is not graph_entity(res, "b", "e1")


# The same result for any input order (and, in tests/test_happenings.py, any hash seed)


def test_resolution_does_not_depend_on_the_order_of_the_input():
    import random

    xs = [_mou("a", "2024-09-10", date(2024, 9, 12), text=STORY), _mou("b", None, date(2024, 9, 20)),
          _mou("c", None, date(2024, 9, 13), text="[종합] " + STORY), _person_article("d", "한빛산업진흥원"),
          _person_article("e", "누리바이오협회"), article("f", [("e1", "Person", "김하늘", [])]),
          _event_article("g", "취임식", "2025-01-20", "한빛산업진흥원", OTHER),
          _event_article("h", "취임식", "2025-01-20", "한빛산업진흥원", OTHER + " 끝.")]
    first = resolve(xs)
    for seed in range(3):
        random.Random(seed).shuffle(xs)
        assert resolve(xs) == first

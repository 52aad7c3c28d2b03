"""The derived graph (``kg.store.derived``): rewritten from the stated graphs, never appended, seen by no one else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.rdf.iris import Iris
from kg.sparql import query, saved_query
from kg.sparql.local import select
from kg.sparql.saved import parse_saved
from kg.store.derived import derive, derive_store
from kg.store.load import stated_quads

DERIVED = str(Iris().derived_graph)


def derived_quads(store: ox.Store) -> set:
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(DERIVED))}


@pytest.fixture
def store_copy(handmade_build, tmp_path):
    shutil.copytree(handmade_build / "store", tmp_path / "store")
    return tmp_path / "store"


def test_a_changed_store_gets_the_derived_graph_of_what_it_now_holds(store_copy):
    store = ox.Store(str(store_copy))
    before = derived_quads(store)
    derive(store)
    assert derived_quads(store) == before  # derived again: the same, not twice
    gone = ox.NamedNode(str(Iris().graph("a2")))  # the article of the agreement and a programme
    store.remove_graph(gone)
    result = derive(store)
    after = derived_quads(store)
    fresh = ox.Store()  # what a build of the remaining articles derives
    fresh.extend(q for q in stated_quads(store))
    derive(fresh)
    assert after == derived_quads(fresh) and len(after) == result.quads
    assert after != before and not after > before  # rewritten: what only a2 said is gone
    orgs = {str(t.value) for s, p, t in after if p.value.endswith("#operatorName")}
    assert "누리바이오협회" not in orgs


def test_saved_queries_read_the_derived_graph(store_copy):
    store = ox.Store(str(store_copy))
    asked = dict(org="한빛산업진흥원")
    assert query(saved_query("heads"), store, params=asked).rows
    store.remove_graph(ox.NamedNode(DERIVED))
    assert not query(saved_query("heads"), store, params=asked).rows


def test_the_network_projection_and_the_exports_leave_it_out(handmade_build, store_copy):
    from kg.graph.projection import to_networkx

    with_derived = ox.Store.read_only(str(handmade_build / "store"))
    assert derived_quads(with_derived)
    plain = ox.Store(str(store_copy))
    plain.remove_graph(ox.NamedNode(DERIVED))
    a, b = to_networkx(with_derived), to_networkx(plain)
    assert (sorted(a.nodes), sorted(a.edges)) == (sorted(b.nodes), sorted(b.edges))
    assert not any(q.graph_name.value == DERIVED for q in stated_quads(with_derived))


def test_a_store_without_a_build_is_refused(tmp_path):
    with pytest.raises(StoreError, match="no kg build"):
        derive_store(tmp_path / "empty")


# The fact index: the rows of entity and partners, written once per build

# The two questions as they read the stated graphs before the fact index (joined per fact at query time).
STATED = Path(__file__).resolve().parent / "support" / "stated"
KG_NS = "https://w3id.org/kgkr/ns#"
NAMES = """SELECT DISTINCT ?name WHERE { GRAPH ?g { ?x kg:entityKind ?kind ; skos:prefLabel|skos:altLabel ?name . } }"""


def names_in(store) -> list[str]:
    return sorted(str(r[0]) for r in select(store, NAMES).rows)


def index_rows(store: ox.Store, cls: str, column: str) -> set:
    """(entity, ``column``'s value) of every node of class ``cls`` (kg:EntityFact, kg:PartnerMention)."""
    graph = ox.NamedNode(DERIVED)
    nodes = {q.subject for q in store.quads_for_pattern(None, None, ox.NamedNode(KG_NS + cls), graph)}
    about = {"EntityFact": "factOf", "PartnerMention": "agreementParty"}[cls]
    values = {}
    for q in store.quads_for_pattern(None, ox.NamedNode(KG_NS + column), None, graph):
        values[q.subject] = q.object.value
    links = store.quads_for_pattern(None, ox.NamedNode(KG_NS + about), None, graph)
    return {(q.object.value, values.get(q.subject)) for q in links if q.subject in nodes}


def assert_answers_as_the_stated_graphs(store) -> int:
    """Every name of every entity: entity and partners (with and without units) answer as they did."""
    asked = 0
    for name in names_in(store):
        cases = [("entity", dict(name=name)), ("partners", dict(org=name)),
                 ("partners", dict(org=name, include_units="true"))]
        for question, params in cases:
            now = query(saved_query(question), store, params=params)
            before = query(parse_saved(STATED / f"{question}.rq"), store, params=params)
            assert (now.columns, now.rows) == (before.columns, before.rows), (question, params)
            asked += bool(now.rows)
    return asked


def test_entity_and_partners_answer_as_the_stated_graphs_did(handmade_build):
    store = ox.Store.read_only(str(handmade_build / "store"))
    assert assert_answers_as_the_stated_graphs(store) > 10


@pytest.mark.slow
def test_on_the_sample_corpus_too(sample_rules_build):
    store = ox.Store.read_only(str(sample_rules_build.out / "store"))
    assert assert_answers_as_the_stated_graphs(store) > 20


def test_entity_and_partners_read_the_fact_index(store_copy):
    store = ox.Store(str(store_copy))
    entity, partners = saved_query("entity"), saved_query("partners")
    assert query(entity, store, params=dict(name="한빛산업진흥원")).rows
    assert query(partners, store, params=dict(org="한빛산업진흥원")).rows
    assert index_rows(store, "EntityFact", "articleId") and index_rows(store, "PartnerMention", "articleId")
    store.remove_graph(ox.NamedNode(DERIVED))
    assert not query(entity, store, params=dict(name="한빛산업진흥원")).rows
    assert not query(partners, store, params=dict(org="한빛산업진흥원")).rows


def test_the_fact_index_is_rewritten_with_the_articles(store_copy):
    store = ox.Store(str(store_copy))
    facts, mentions = index_rows(store, "EntityFact", "articleId"), index_rows(store, "PartnerMention", "articleId")
    assert {"a2"} <= {a for _, a in facts} and {"a2"} <= {a for _, a in mentions}
    store.remove_graph(ox.NamedNode(str(Iris().graph("a2"))))  # an article of an agreement
    derive(store)
    assert index_rows(store, "EntityFact", "articleId") == {(x, a) for x, a in facts if a != "a2"}
    assert index_rows(store, "PartnerMention", "articleId") == {(x, a) for x, a in mentions if a != "a2"}
    rows = query(saved_query("partners"), store, params=dict(org="한빛산업진흥원")).dicts()
    assert rows and "a2" not in {r["article"] for r in rows}


def test_entity_rows_are_numbered_in_the_questions_order(handmade_build):
    store = ox.Store.read_only(str(handmade_build / "store"))
    order = ox.NamedNode(KG_NS + "factOrder")
    numbers = sorted(int(q.object.value) for q in store.quads_for_pattern(None, order, None, ox.NamedNode(DERIVED)))
    rows = list(store.quads_for_pattern(None, None, ox.NamedNode(KG_NS + "EntityFact"), ox.NamedNode(DERIVED)))
    assert numbers == list(range(len(rows))) and numbers  # one number for each row, none twice

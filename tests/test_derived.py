"""The derived graph (``kg.store.derived``): rewritten from the stated graphs, never appended, seen by no one else."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.rdf.iris import Iris
from kg.store.derived import derive, derive_store
from kg.store.load import stated_quads
from kg.sparql import query, saved_query

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

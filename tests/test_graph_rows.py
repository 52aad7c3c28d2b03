"""Rows of local queries kept per article graph (``kg.store.graph_rows``): incremental builds ask only what changed."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.pipeline import build
from kg.store.graph_rows import GraphRows, RowFiles, columns, load
from tests.support.builds import BUILD_TIME, copy_sample, derived_nquads
from tests.test_incremental import BASE, assert_same_as_clean
from tests.test_incremental_graphs import ADDED

# Our own sentence, put in the body: 케이메디허브 (s04) and 가천대학교 (s04, s05) sign in another article, so
# their article counts and degrees change.
SHARED = "케이메디허브와 가천대학교는 이날 공동 연구 협약을 맺었다."
G1, G2, G3 = (f"http://example.org/graph/{n}" for n in ("a", "b", "c"))
Q = "SELECT ?g ?s ?o WHERE { GRAPH ?g { ?s <http://example.org/p> ?o } }"


def _store(graphs: dict[str, list[str]]) -> ox.Store:
    store = ox.Store()
    for g, objects in graphs.items():
        for i, o in enumerate(objects):
            store.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                              ox.Literal(o), ox.NamedNode(g)))
    return store


def _values(rows: list[tuple]) -> list[tuple]:
    return sorted((g.value, s.value, o.value) for g, s, o in rows)


def test_rows_of_unchanged_graphs_come_from_the_previous_build_and_equal_the_stores():
    keys = {G1: "k1", G2: "k2"}
    first = GraphRows(_store({G1: ["x"], G2: ["y"]}), keys)
    assert _values(first.select("q", Q)) == [(G1, "http://example.org/s0", "x"), (G2, "http://example.org/s0", "y")]
    # G2 changed (another key), G3 added without a key (as the entities graph): both asked, G1 kept
    store = _store({G1: ["x"], G2: ["z"], G3: ["w"]})
    asked = []
    later = GraphRows(store, {G1: "k1", G2: "k2b"}, first.kept())
    real = later._ask
    later._ask = lambda *args: asked.append(sorted(args[-1])) or real(*args)
    assert _values(later.select("q", Q)) == _values(GraphRows(store).select("q", Q))
    assert asked == [[G2, G3]]
    assert set(later.kept()["graphs"]) == {"k1", "k2b"}


def test_a_graph_whose_content_changed_under_the_same_key_would_be_stale_so_keys_name_content():
    """What the cache trusts: a key names a graph's content. The same key gives the kept rows, not the store's."""
    first = GraphRows(_store({G1: ["x"]}), {G1: "k1"})
    first.select("q", Q)
    later = GraphRows(_store({G1: ["changed"]}), {G1: "k1"}, first.kept())
    assert _values(later.select("q", Q)) == [(G1, "http://example.org/s0", "x")]


@pytest.mark.parametrize("change", ["query", "format"])
def test_rows_kept_by_another_query_text_or_file_format_are_asked_again(change):
    first = GraphRows(_store({G1: ["x"]}), {G1: "k1"})
    first.select("q", Q)
    kept = first.kept()
    query = Q
    if change == "query":
        query = Q.replace("?o } }", "?o FILTER (?o != 'nothing') } }")
    else:
        kept = {**kept, "format": (0, "old")}
    later = GraphRows(_store({G1: ["y"]}), {G1: "k1"}, kept)
    assert _values(later.select("q", query)) == [(G1, "http://example.org/s0", "y")]


@pytest.mark.parametrize("blob", [b"not a pickle", b"\x80\x05K\x01.", b""])  # garbage; a pickled 1; nothing
def test_a_graphs_kept_rows_that_cannot_be_read_back_are_asked_again(blob):
    first = GraphRows(_store({G1: ["x"], G2: ["y"]}), {G1: "k1", G2: "k2"})
    first.select("q", Q)
    kept = first.kept()
    digest, _ = kept["graphs"]["k1"]["q"]
    kept["graphs"]["k1"]["q"] = (digest, blob)
    store = _store({G1: ["x"], G2: ["y"]})
    later = GraphRows(store, {G1: "k1", G2: "k2"}, kept)
    asked = []
    real = later._ask
    later._ask = lambda *args: asked.append(sorted(args[-1])) or real(*args)
    assert _values(later.select("q", Q)) == _values(GraphRows(store).select("q", Q))
    assert asked == [[G1]]
    assert later.kept()["graphs"]["k1"]["q"] != (digest, blob)  # the next build keeps readable rows again


def test_a_few_graphs_are_asked_through_oxigraphs_dataset_most_through_the_whole_store():
    store = _store({G1: ["x"], G2: ["y"], G3: ["z"]})
    first = GraphRows(store, {G1: "k1", G2: "k2"})
    first.select("q", Q)
    later = GraphRows(store, {G1: "k1", G2: "k2"}, first.kept())
    queried = []
    real = store.query
    later.store = type("Spy", (), {"query": lambda self, text, named_graphs=None, **kw: queried.append(named_graphs)
                                   or real(text, named_graphs=named_graphs, **kw),
                                   "named_graphs": lambda self: store.named_graphs()})()
    assert _values(later.select("q", Q)) == _values(GraphRows(store).select("q", Q))
    assert queried == [[ox.NamedNode(G3)]]  # one graph of three: only it evaluated


def test_skipped_graphs_are_never_asked():
    rows = GraphRows(_store({G1: ["x"], G2: ["y"]}), skip=[G2])
    assert _values(rows.select("q", Q)) == [(G1, "http://example.org/s0", "x")]


def test_columns_of_a_local_query():
    assert columns(Q) == ["g", "s", "o"]
    assert columns("SELECT DISTINCT ?g ?e\n  ?art WHERE { GRAPH ?g { } }") == ["g", "e", "art"]
    with pytest.raises(ValueError):
        columns("SELECT ?g (COUNT(?x) AS ?n) WHERE { GRAPH ?g { } }")


def test_an_unreadable_rows_file_is_no_rows(tmp_path):
    bad = tmp_path / "rows.pickle"
    bad.write_bytes(b"not a pickle")
    assert load(bad) is None and load(tmp_path / "missing") is None and load(None) is None
    files = RowFiles(tmp_path / "graphs.json", bad, tmp_path / "kept.pickle")
    assert RowFiles.from_json(files.to_json()) == files


def test_an_added_article_changes_the_derived_rows_of_an_entity_of_an_unchanged_one(tmp_path, monkeypatch):
    """Organizations of s04 and s05 sign in an added article: their counts change, s04's and s05's rows kept."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
    corpus = copy_sample(tmp_path / "corpus", BASE)
    out = tmp_path / "out"
    build([corpus], out=out, model=None)
    before = set(derived_nquads(out))
    copy_sample(corpus, (ADDED,))
    page = corpus / ADDED
    text = page.read_text(encoding="utf-8")
    assert "\n저작권자 ©" in text
    page.write_text(text.replace("\n저작권자 ©", f"\n{SHARED}\n\n저작권자 ©"), encoding="utf-8")
    added = build([corpus], out=out, model=None)
    assert added.report["graph"]["articles_reused"] == len(BASE)  # the others' graphs, hence their rows, kept
    after = set(derived_nquads(out))
    counts = {q.split()[0] for q in before - after if "#articleCount>" in q or "#degree>" in q}
    assert counts, "no count of an entity already in the graph changed"
    assert counts & {q.split()[0] for q in after - before}  # the same summary node, with its new count
    assert_same_as_clean(corpus, added, tmp_path, "added")

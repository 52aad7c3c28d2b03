"""Incremental builds after extraction (issue 15, item 1): article graphs reused, the store patched, same result."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone

import pyoxigraph as ox
import pytest

from kg.pipeline import build
from kg.pipeline.extraction import process
from kg.pipeline.graphs import graph_key, map_graphs, write_trig
from kg.rdf.article_graphs import ArticleResolution, map_article
from kg.rdf.iris import DEFAULT_BASE_IRI, Iris
from kg.rdf.nquads import nquads_to_trig, write_nquads
from kg.records import Extraction, Source
from kg.resolve import resolve
from kg.store.cache import RecordCache
from kg.store.graph_rows import GraphRows
from kg.store.graph_rows import load as load_rows
from kg.store.update import sync_graph
from tests.support.builds import BUILD_TIME, canonical_nquads, copy_sample, derived_nquads, store_nquads
from tests.test_incremental import BASE, assert_same_as_clean, how

WHEN = datetime(2026, 1, 1, tzinfo=timezone.utc)
ADDED = "s07_cluster_day.txt"  # joins no entity of BASE under another name: their graphs stay as they were


@pytest.fixture(scope="module")
def sample_extractions() -> list[Extraction]:
    from kg.ingest.read import read_sources, sample_corpus

    results = (process(s) for s in read_sources([sample_corpus()]) if isinstance(s, Source))
    return [r for r in results if isinstance(r, Extraction)]


def test_each_article_graph_is_what_the_whole_mapping_writes_for_it(sample_extractions):
    """Mapped through the resolution restricted to it, an article's graph is its part of the streamed N-Quads."""
    xs = sample_extractions
    resolution, iris = resolve(xs), Iris(DEFAULT_BASE_IRI)
    buf = io.StringIO()
    write_nquads(buf, xs, resolution, DEFAULT_BASE_IRI, generated_at=WHEN)
    lines = buf.getvalue().splitlines(keepends=True)
    shared = []
    for x in xs:
        graph = map_article(x, ArticleResolution.of(resolution, x), iris)
        name = f" <{iris.graph(x.article.id)}> .\n"
        assert graph.nquads.decode("utf-8").splitlines(keepends=True) == [line for line in lines if line.endswith(name)]
        shared.extend(graph.shared)
    entities = [line for line in lines if line.endswith(f" <{iris.entities_graph}> .\n")]
    assert set(shared) <= set(entities) and shared  # what articles add to the entities graph: posts, hierarchy


def test_the_restricted_resolution_holds_only_what_the_mapping_reads(sample_extractions):
    base = [x for x in sample_extractions if x.article.id in BASE]
    chair = [x for x in sample_extractions if x.article.id == "s06_kmedihub_chair.txt"]
    x = base[0]
    decisions = ArticleResolution.of(resolve(base), x)
    with pytest.raises(AttributeError):
        decisions.entities  # noqa: B018 - a mapping reading the whole resolution must fail, not reuse stale graphs
    assert decisions.digest() == ArticleResolution.of(resolve(base), x).digest()
    # s06 names 성남 as such: the place of s01 is then called so, and its graph changes
    assert decisions.digest() != ArticleResolution.of(resolve(base + chair), x).digest()


def test_graph_key_covers_the_extraction_the_decisions_and_the_base(sample_extractions):
    base = [x for x in sample_extractions if x.article.id in BASE]
    chair = [x for x in sample_extractions if x.article.id == "s06_kmedihub_chair.txt"]
    x = base[0]
    decisions = ArticleResolution.of(resolve(base), x)
    other = ArticleResolution.of(resolve(base + chair), x)
    keys = {graph_key("e1", decisions, DEFAULT_BASE_IRI), graph_key("e2", decisions, DEFAULT_BASE_IRI),
            graph_key("e1", other, DEFAULT_BASE_IRI), graph_key("e1", decisions, "https://example.org/kg/")}
    assert len(keys) == 4
    assert graph_key("e1", decisions, DEFAULT_BASE_IRI) == graph_key("e1", decisions, DEFAULT_BASE_IRI)


def test_kg_trig_from_blocks_is_oxigraphs_trig_of_the_whole(sample_extractions, tmp_path):
    xs = sample_extractions
    resolution = resolve(xs)
    with open(tmp_path / "kg.nq", "w", encoding="utf-8", newline="\n") as f:
        write_nquads(f, xs, resolution, DEFAULT_BASE_IRI, generated_at=WHEN)
    nquads_to_trig(tmp_path / "kg.nq", tmp_path / "whole.trig")
    keys = {x.article.id: f"k{i}" for i, x in enumerate(xs)}
    cache = RecordCache(tmp_path / "cache")
    for reuse in (False, True):  # mapped, then every article graph from the cache
        graphs = map_graphs(xs, keys, resolution, Iris(DEFAULT_BASE_IRI), WHEN, cache, reuse=reuse)
        assert graphs.reused == (len(xs) if reuse else 0)
        write_trig(graphs, tmp_path / "blocks.trig")
        assert (tmp_path / "blocks.trig").read_bytes() == (tmp_path / "whole.trig").read_bytes()


G = "https://example.org/g"


def _lines(*triples: str) -> list[str]:
    return [f"{t} <{G}> .\n" for t in triples]


def _graph(store: ox.Store) -> set[str]:
    return {f"{q.subject} {q.predicate} {q.object}" for q in store.quads_for_pattern(None, None, None, ox.NamedNode(G))}


def test_sync_graph_writes_only_the_difference():
    store = ox.Store()
    a, b, c = ("<urn:a> <urn:p> <urn:b>", '<urn:a> <urn:p> "b"@ko', '<urn:c> <urn:p> "3"^^<urn:t>')
    other = ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.NamedNode("urn:b"), ox.NamedNode("urn:other"))
    store.add(other)
    assert sync_graph(store, G, _lines(a, b)) == (0, 2)  # an empty graph: loaded
    assert sync_graph(store, G, _lines(b, c)) == (1, 1)
    assert _graph(store) == {b, c}
    assert sync_graph(store, G, _lines(b, c)) == (0, 0)
    assert other in store  # other graphs untouched


def test_sync_graph_replaces_a_graph_with_blank_nodes_whole():
    store = ox.Store()
    sync_graph(store, G, _lines("<urn:a> <urn:p> _:x1", "_:x1 <urn:q> <urn:b>"))
    sync_graph(store, G, _lines("<urn:a> <urn:p> _:x1", "_:x1 <urn:q> <urn:c>"))
    quads = list(store.quads_for_pattern(None, None, None, ox.NamedNode(G)))
    assert len(quads) == 2 and len({q.object for q in quads if q.predicate.value == "urn:p"}) == 1
    assert {q.object.value for q in quads if q.predicate.value == "urn:q"} == {"urn:c"}


def test_unchanged_articles_keep_their_graphs_and_the_store_is_patched(tmp_path, monkeypatch):
    """Added, changed, removed; the derived graph and the viewer ask the store only about the graphs that changed,
    the other articles' rows read from the last build (``kg.store.graph_rows``)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
    corpus = copy_sample(tmp_path / "corpus", BASE)
    out = tmp_path / "out"
    first = build([corpus], out=out, model=None)
    assert first.report["graph"] == {"articles_reused": 0, "articles_mapped": 4, "store": "loaded"}
    for name in ("derived-rows.pickle", "viewer-rows.pickle"):
        kept = load_rows(out / "current" / name)
        assert kept is not None and len(kept["graphs"]) == len(BASE), name
    asked: list[list[str]] = []
    real = GraphRows._ask
    monkeypatch.setattr(GraphRows, "_ask", lambda self, *args: asked.append(list(args[-1])) or real(self, *args))

    copy_sample(corpus, (ADDED,))
    added = build([corpus], out=out, model=None)
    assert added.report["graph"] == {"articles_reused": 4, "articles_mapped": 1, "store": "updated"}
    assert _asked_articles(asked) == {ADDED}
    assert_same_as_clean(corpus, added, tmp_path, "added")

    asked.clear()
    page = corpus / ADDED
    extra = "\n성남산업진흥원은 한빛대학교와 업무협약을 맺었다.\n"  # our own sentence: an agreement more
    page.write_text(page.read_text(encoding="utf-8") + extra, encoding="utf-8")
    changed = build([corpus], out=out, model=None)
    assert how(changed)[ADDED] == "extracted" and changed.report["graph"]["store"] == "updated"
    assert _asked_articles(asked) == {ADDED}
    assert_same_as_clean(corpus, changed, tmp_path, "changed")

    asked.clear()
    page.unlink()
    removed = build([corpus], out=out, model=None)
    assert removed.report["graph"] == {"articles_reused": 4, "articles_mapped": 0, "store": "updated"}
    assert _asked_articles(asked) == set()  # every article graph's rows kept
    assert not any("s07_cluster_day" in q for q in store_nquads(out) + derived_nquads(out))
    assert_same_as_clean(corpus, removed, tmp_path, "removed")


def _asked_articles(asked: list[list[str]]) -> set[str]:
    """The article files whose graphs ``GraphRows`` asked the store about."""
    return {g.rsplit("/", 1)[-1] for graphs in asked for g in graphs if "/graph/article/" in g}


def test_the_entities_graph_is_patched_from_the_lines_kept_beside_the_previous_store(tmp_path, monkeypatch):
    """``entities.nq`` holds the store's entities graph; the next build diffs against it, not a dump of the store."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
    corpus = copy_sample(tmp_path / "corpus", BASE)
    out = tmp_path / "out"
    build([corpus], out=out, model=None)
    entities = f"<{Iris(DEFAULT_BASE_IRI).entities_graph}>"
    kept = ox.Dataset(ox.parse(path=str(out / "current" / "entities.nq"), format=ox.RdfFormat.N_QUADS))
    assert len(kept) > 0 and {str(q) for q in kept} == {q for q in store_nquads(out) if q.endswith(entities)}
    import kg.store.update

    real = kg.store.update._held_lines

    def no_dump(store, graph):
        assert str(graph) != entities, "the entities graph read back from the store"
        return real(store, graph)  # the build graph's few lines are
    monkeypatch.setattr(kg.store.update, "_held_lines", no_dump)
    copy_sample(corpus, (ADDED,))  # new entities: the entities graph changes, the other articles' graphs do not
    added = build([corpus], out=out, model=None)
    assert added.report["graph"]["store"] == "updated"
    monkeypatch.setattr(kg.store.update, "_held_lines", real)  # a clean build reads its new, empty graphs
    assert_same_as_clean(corpus, added, tmp_path, "added")


def test_validation_groups_whose_parts_are_unchanged_are_not_validated_again(tmp_path, monkeypatch):
    """The sample (by hash) keeps its articles; a group is validated again only when one of its articles changed."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
    monkeypatch.setattr("kg.validate.build.BUILD_VALIDATION_ARTICLES", 3)  # 3 of 4, then of 5
    monkeypatch.setattr("kg.validate.build.BUILD_VALIDATION_GROUP", 1)
    corpus = copy_sample(tmp_path / "corpus", BASE)
    out = tmp_path / "out"
    first = build([corpus], out=out, model=None)
    groups = first.report["validation"]["groups"]
    assert groups["validated"] >= 2 and groups["reused"] == 0
    copy_sample(corpus, (ADDED,))  # hashes outside the sample, changes no other article's graph
    added = build([corpus], out=out, model=None)
    assert added.report["validation"]["groups"] == {"validated": 0, "reused": groups["validated"]}
    page = corpus / "s05_gachon_mou.txt"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # extracted again: its group
    changed = build([corpus], out=out, model=None)
    assert changed.report["validation"]["groups"] == {"validated": 1, "reused": groups["validated"] - 1}
    clean = build([corpus], out=tmp_path / "clean", model=None)
    assert clean.report["validation"]["groups"]["reused"] == 0
    same = lambda v: {k: x for k, x in v.items() if k not in ("seconds", "groups")}  # noqa: E731
    assert same(changed.report["validation"]) == same(clean.report["validation"])
    assert changed.report["validation"]["scope"] == {**clean.report["validation"]["scope"], "articles": 3, "of": 5}


def test_an_incremental_build_computes_the_signatures_of_new_bodies_only(tmp_path, monkeypatch):
    import kg.resolve.stories as stories

    corpus = copy_sample(tmp_path / "corpus", BASE)
    out = tmp_path / "out"
    build([corpus], out=out, model=None)
    computed = []
    real = stories.signature
    monkeypatch.setattr(stories, "signature", lambda text: computed.append(text) or real(text))
    copy_sample(corpus, (ADDED,))
    build([corpus], out=out, model=None)
    assert len(computed) == 1  # the added article's body; the 4 others' from the previous build
    assert len(stories.load_signatures(out / "current" / "signatures.pickle")) == 5
    computed.clear()
    build([corpus], out=out, model=None, full=True)  # --full: nothing taken from the previous build
    assert len(computed) == 5


def test_full_builds_a_new_store(tmp_path):
    corpus = copy_sample(tmp_path / "corpus", BASE[:2])
    build([corpus], out=tmp_path / "out", model=None)
    again = build([corpus], out=tmp_path / "out", model=None, full=True)
    assert again.report["graph"] == {"articles_reused": 0, "articles_mapped": 2, "store": "loaded"}


def test_a_build_that_fails_while_patching_the_store_leaves_the_previous_build_whole(tmp_path, monkeypatch):
    """The store is patched in a copy: a failure half-way through leaves the published build as it was."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
    corpus = copy_sample(tmp_path / "corpus", BASE)
    out = tmp_path / "out"
    build([corpus], out=out, model=None)
    before = (canonical_nquads(out), store_nquads(out), derived_nquads(out), (out / "report.json").read_bytes())
    copy_sample(corpus, (ADDED,))
    import kg.store.update

    real = kg.store.update.sync_graph

    def patch_then_fail(store, graph, lines, **kwargs):
        real(store, graph, lines, **kwargs)  # the copy is changed ...
        raise OSError("disk full")  # ... and the build dies

    monkeypatch.setattr(kg.store.update, "sync_graph", patch_then_fail)
    with pytest.raises(OSError, match="disk full"):
        build([corpus], out=out, model=None)
    assert (canonical_nquads(out), store_nquads(out), derived_nquads(out), (out / "report.json").read_bytes()) == before
    monkeypatch.setattr(kg.store.update, "sync_graph", real)
    after = build([corpus], out=out, model=None)
    assert after.report["graph"]["store"] == "updated"
    assert not any(p.suffix == ".partial" for p in (out / ".versions").iterdir())
    assert_same_as_clean(corpus, after, tmp_path, "after-failure")


def test_a_previous_build_without_a_manifest_or_under_another_base_is_not_patched(tmp_path):
    corpus = copy_sample(tmp_path / "corpus", BASE[:2])
    out = tmp_path / "out"
    build([corpus], out=out, model=None)
    (out / "current" / "graphs.json").unlink()  # e.g. a build by an earlier kg
    again = build([corpus], out=out, model=None)
    assert again.report["graph"]["store"] == "loaded"
    manifest = json.loads((out / "current" / "graphs.json").read_text(encoding="utf-8"))
    assert manifest["base_iri"] == DEFAULT_BASE_IRI and len(manifest["articles"]) == 2
    other = build([corpus], out=out, model=None, base_iri="https://example.org/kg/")  # other graph names
    assert other.report["graph"] == {"articles_reused": 0, "articles_mapped": 2, "store": "loaded"}


def test_the_viewer_drawn_apart_is_the_one_drawn_here(tmp_path, monkeypatch):
    """Past ``APART_ARTICLES`` a spawned process draws the viewer from a checkpoint of the stated store."""
    import kg.pipeline.viewer

    corpus = copy_sample(tmp_path / "corpus", BASE)
    here = build([corpus], out=tmp_path / "here", model=None)
    monkeypatch.setattr(kg.pipeline.viewer, "APART_ARTICLES", 1)
    monkeypatch.setattr(kg.pipeline.viewer, "spare_core", lambda: True)
    import kg.store.update

    copies, copy = [], kg.store.update.copy_store
    monkeypatch.setattr(kg.store.update, "copy_store", lambda *a: copies.append(a[1]) or copy(*a))
    apart = build([corpus], out=tmp_path / "apart", model=None)
    assert [p.name for p in copies] == [kg.pipeline.viewer.CHECKPOINT]  # the stated store, for the other process
    assert (apart.out / "graph.html").read_bytes() == (here.out / "graph.html").read_bytes()
    assert not (apart.out / "current" / kg.pipeline.viewer.CHECKPOINT).exists()
    assert apart.report["timings"]["viewer_s"] > 0


def test_a_spare_core_is_one_the_load_leaves_idle(monkeypatch):
    import kg.pipeline.viewer

    monkeypatch.setattr(kg.pipeline.viewer.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(kg.pipeline.viewer.os, "getloadavg", lambda: (1.2, 0, 0))
    assert kg.pipeline.viewer.spare_core()
    monkeypatch.setattr(kg.pipeline.viewer.os, "getloadavg", lambda: (1.6, 0, 0))
    assert not kg.pipeline.viewer.spare_core()


def test_a_viewer_process_that_fails_fails_the_build(tmp_path, monkeypatch):
    import kg.pipeline.viewer
    from kg.errors import StoreError

    monkeypatch.setattr(kg.pipeline.viewer, "APART_ARTICLES", 1)
    monkeypatch.setattr(kg.pipeline.viewer, "spare_core", lambda: True)
    monkeypatch.setattr(kg.pipeline.viewer, "_CHILD", "import sys; sys.stdin.readline(); sys.exit('no viewer')")
    corpus = copy_sample(tmp_path / "corpus", BASE[:2])
    with pytest.raises(StoreError, match="no viewer"):
        build([corpus], out=tmp_path / "out", model=None)
    assert not (tmp_path / "out" / "current").exists()  # nothing published


def test_entities_unchanged_since_the_previous_build_are_not_mapped_again(tmp_path, monkeypatch):
    """``entity-blocks.pickle`` keeps each graph entity's lines; the next build maps only new or changed entities."""
    import kg.rdf.nquads
    from kg.pipeline.graphs import load_entity_blocks

    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
    corpus = copy_sample(tmp_path / "corpus", BASE)
    out = tmp_path / "out"
    build([corpus], out=out, model=None)
    iris = Iris(DEFAULT_BASE_IRI)
    before = set(load_entity_blocks(out / "current" / "entity-blocks.pickle", iris))
    mapped = []
    real = kg.rdf.nquads.add_entity

    def counted(g, ent, iris, articles=None):
        if articles is None:  # the entities graph's (the validation sample maps its own)
            mapped.append(ent.id)
        return real(g, ent, iris, articles)
    monkeypatch.setattr(kg.rdf.nquads, "add_entity", counted)
    copy_sample(corpus, (ADDED,))  # new entities; those of BASE keep their names, members and merges
    added = build([corpus], out=out, model=None)
    after = set(load_entity_blocks(out / "current" / "entity-blocks.pickle", iris))
    assert len(after) == added.report["totals"]["entities"] and before & after
    assert len(mapped) == len(after - before) > 0  # the new or changed entities, and only those
    monkeypatch.setattr(kg.rdf.nquads, "add_entity", real)
    assert_same_as_clean(corpus, added, tmp_path, "added")


def test_a_kept_entity_block_is_taken_only_for_the_same_entity_base_and_code(sample_extractions, tmp_path):
    from dataclasses import replace

    from kg.pipeline.graphs import load_entity_blocks, save_entity_blocks
    from kg.rdf.nquads import entity_blocks, entity_lines

    iris = Iris(DEFAULT_BASE_IRI)
    resolution = resolve(sample_extractions)
    first, second = resolution.entities[:2]
    known = {repr(first): ("kept\n",), repr(replace(second, name=second.name + "x")): ("stale\n",)}
    blocks = entity_blocks(resolution, iris, known)
    assert blocks[repr(first)] == ("kept\n",)  # taken as it is
    assert "stale\n" not in blocks[repr(second)]  # another entity's (its name changed): mapped again
    assert [line for b in entity_blocks(resolution, iris, {}).values() for line in b] == entity_lines(resolution, iris)
    path = tmp_path / "blocks.pickle"
    save_entity_blocks(path, blocks, iris)
    assert load_entity_blocks(path, iris) == blocks
    assert load_entity_blocks(path, Iris("http://example.org/other/")) == {}  # mapped under another base
    assert load_entity_blocks(tmp_path / "missing.pickle", iris) == {}

"""The graph of a build: ``kg.trig`` and the store, from the previous build where it can.

Each article's named graph is cached in the build folder (``.graphs/``)
under a key that hashes its extraction's key, the decisions of the resolution
that its mapping reads (``kg.rdf.article_graphs.ArticleResolution``), the
base IRI and the mapping code: an article whose key is unchanged is not
mapped again. ``kg.trig`` is the concatenation of every graph's TriG block.

The store of a clean build is bulk-loaded; an incremental build copies the
store of the current version (``graphs.json`` there says under which key it
holds each article graph) and changes only what differs (``kg.store.update``):
graphs of changed, added or removed articles, and the quads that the
entities, build and derived graphs gained or lost. The result is the clean
build's quads, the blank nodes' labels aside. The previous version is only
read; the new one is published as before (``kg.store.versions``), so a build
killed mid-way leaves the previous one whole. A store that ``kg serve``
updated (updates are off unless asked) is not told apart: build with
``--full`` then.
"""

from __future__ import annotations

import hashlib
import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Mapping, Sequence

from kg import __version__, pickled
from kg.rdf.article_graphs import ArticleGraph, ArticleResolution, map_article, trig_block, trig_header
from kg.rdf.iris import Iris
from kg.rdf.nquads import build_lines, entity_blocks
from kg.records import Extraction, Resolution
from kg.store.build_dir import BuildDir
from kg.store.cache import RecordCache
from kg.store.update import write_lines
from kg.store.versions import CURRENT
from kg.pipeline.extraction import source_digest

# The code an article's graph is the output of (``kg.rdf.article_graphs.map_article``), besides its extraction:
# a change in it maps every article again.
GRAPH_CODE = ("rdf", "records.py", "text.py")
# Below this share of article graphs kept from the previous store, a bulk load into a new store is faster.
MIN_KEPT_SHARE = 0.5


@dataclass(frozen=True)
class Outcome:
    """What ``write_graph`` did: the validation summary, and what was reused."""

    validation: dict
    keys: tuple[str, ...]  # the graph key of each article
    checked: tuple[str, ...]  # the cache key of each validated group (``kg.pipeline.validation``)
    reused: int  # article graphs from the cache (the others were mapped)
    store: str  # "updated" (the previous build's, changed) or "loaded" (a new store)

    def summary(self) -> dict:
        """The ``graph`` entry of ``report.json``."""
        return {"articles_reused": self.reused, "articles_mapped": len(self.keys) - self.reused, "store": self.store}


@dataclass(frozen=True)
class Previous:
    """The store of the current version of a build folder, the key of each article graph it holds, its derived graph."""

    store: Path
    keys: Mapping[str, str]  # article graph IRI -> graph key
    derived: Path  # its derived graph's N-Quads (``kg.store.derived.derive_store``'s ``kept``)
    entities: Path  # its entities graph's N-Quads (``write_store``): read, not dumped from the store again
    entity_blocks: Path  # each graph entity's lines (``save_entity_blocks``)


@dataclass(frozen=True)
class Graphs:
    """A build's graph as N-Quads lines and TriG blocks: the shared graphs, and each article's (input order)."""

    entities: list[str]  # the entities graph's lines: the resolution's entities, then what articles add
    shared_from: int  # where the articles' additions start in ``entities``
    articles: dict[str, tuple[str, ArticleGraph]]  # article graph IRI -> (graph key, graph)
    build: list[str]
    reused: int  # article graphs taken from the cache
    blocks: dict = field(default_factory=dict, repr=False)  # graph entity's repr -> its lines (``entity_blocks``)


def graph_key(extraction_key: str, decisions: ArticleResolution, base_iri: str) -> str:
    """The key of an article's graph: its extraction's key, the resolution's decisions on it, the base IRI, the code."""
    data = [extraction_key, decisions.digest(), base_iri, __version__, source_digest(GRAPH_CODE)]
    return hashlib.sha256(json.dumps(data).encode("utf-8")).hexdigest()


def map_graphs(extractions: Sequence[Extraction], keys: Mapping[str, str], resolution: Resolution, iris: Iris,
               ended: datetime, cache: RecordCache, reuse: bool = True, known: Mapping | None = None) -> Graphs:
    """Every graph of the build; each article's from ``cache`` when its key is there (unless not ``reuse``).

    ``known``: the previous build's entity blocks (``load_entity_blocks``), reused for unchanged entities.
    """
    articles: dict[str, tuple[str, ArticleGraph]] = {}
    reused = 0
    for x in extractions:
        decisions = ArticleResolution.of(resolution, x)
        key = graph_key(keys[x.article.id], decisions, iris.base)
        graph = cache.get(key) if reuse else None
        if isinstance(graph, ArticleGraph):
            reused += 1
        else:
            graph = map_article(x, decisions, iris)
            cache.put(key, graph)
        articles[str(iris.graph(x.article.id))] = (key, graph)
    blocks = entity_blocks(resolution, iris, known)
    entities = [line for block in blocks.values() for line in block]
    shared = dict.fromkeys(line for _, g in articles.values() for line in g.shared)
    return Graphs(entities + list(shared), len(entities), articles, build_lines(iris, ended), reused, blocks)


def _blocks_identity(iris: Iris) -> list[str]:
    """What an entity's lines depend on besides the entity: the base IRI, kg's version, the mapping code."""
    return [iris.base, __version__, source_digest(GRAPH_CODE)]


def save_entity_blocks(path: Path, blocks: Mapping, iris: Iris) -> None:
    """Keep each graph entity's lines (``map_graphs``' ``known`` in the next build)."""
    pickled.save(path, {"identity": _blocks_identity(iris), "blocks": dict(blocks)})


def load_entity_blocks(path: Path | None, iris: Iris) -> dict:
    """The entity blocks kept at ``path`` if they were mapped as ``iris`` and this code would map them; else none."""
    kept = pickled.load(path)
    if not isinstance(kept, dict) or kept.get("identity") != _blocks_identity(iris):
        return {}
    return kept.get("blocks", {})


def write_trig(graphs: Graphs, path: Path) -> None:
    """``kg.trig``: the entities, each article's graph, the articles' additions to the entities, the build."""
    with open(path, "wb") as f:  # the article graphs' blocks are UTF-8 already
        f.write(trig_header().encode("utf-8"))
        f.write(trig_block(graphs.entities[: graphs.shared_from]).encode("utf-8"))
        for _, graph in graphs.articles.values():
            f.write(graph.trig)
        f.write(trig_block(graphs.entities[graphs.shared_from:]).encode("utf-8"))
        f.write(trig_block(graphs.build).encode("utf-8"))


def previous_build(out: Path, base_iri: str) -> Previous | None:
    """The current version's store in ``out`` and its article graphs, if it has them for ``base_iri``."""
    current = BuildDir(out / CURRENT)
    try:
        manifest = json.loads(current.graph_manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("base_iri") != base_iri or not current.store.is_dir():
        return None
    return Previous(current.store.resolve(), dict(manifest.get("articles", {})), current.derived_lines.resolve(),
                    current.entity_lines.resolve(), current.entity_blocks.resolve())


def write_manifest(version: BuildDir, graphs: Graphs, base_iri: str) -> None:
    """``graphs.json``: the base IRI and the key of each article graph in the version's store."""
    data = {"base_iri": base_iri, "articles": {name: key for name, (key, _) in graphs.articles.items()}}
    version.graph_manifest.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")


def write_store(graphs: Graphs, version: BuildDir, iris: Iris, previous: Previous | None) -> str:
    """The version's store (its derived graph aside): from ``previous`` if it holds enough of it.

    Returns how: ``"updated"`` (copied from the previous build and changed) or ``"loaded"`` (a new store).
    The entities graph's lines are kept beside it (``entities.nq``) for the next build to patch.
    """
    write_lines(version.entity_lines, graphs.entities)
    kept = [name for name, (key, _) in graphs.articles.items() if previous and previous.keys.get(name) == key]
    if previous is None or len(kept) < MIN_KEPT_SHARE * len(graphs.articles):
        _load_store(graphs, version)
        return "loaded"
    _update_store(graphs, version, iris, previous, set(kept))
    return "updated"


def _load_store(graphs: Graphs, version: BuildDir) -> None:
    """Every graph written as N-Quads and bulk-loaded into a new store (``kg.store.write``), the file then removed."""
    from kg.store.write import write_store as load

    with open(version.nquads, "wb") as f:  # the article graphs' N-Quads are UTF-8 already
        f.write("".join(graphs.entities[: graphs.shared_from]).encode("utf-8"))
        for _, graph in graphs.articles.values():
            f.write(graph.nquads)
        f.write("".join(graphs.entities[graphs.shared_from:]).encode("utf-8"))
        f.write("".join(graphs.build).encode("utf-8"))
    load(version.nquads, version.store, lenient=True)  # kg.rdf wrote every term: not checked again
    version.nquads.unlink()


def _update_store(graphs: Graphs, version: BuildDir, iris: Iris, previous: Previous, kept: set[str]) -> None:
    """The previous store copied, then the graphs not ``kept`` replaced and the shared graphs patched."""
    import pyoxigraph as ox

    from kg.store.update import copy_store, read_lines, replace_graphs, sync_graph

    copy_store(previous.store, version.store)
    store = ox.Store(str(version.store))
    try:
        shared = {str(iris.entities_graph), str(iris.build_graph), str(iris.derived_graph)}
        held = {g.value for g in store.named_graphs()}
        drop = sorted(held - kept - shared)  # changed and removed articles, and any graph kg did not write
        load = b"".join(g.nquads for name, (_, g) in graphs.articles.items() if name not in kept)
        store.clear_graph(ox.DefaultGraph())  # kg writes none
        replace_graphs(store, drop, load)
        sync_graph(store, str(iris.entities_graph), graphs.entities, held=read_lines(previous.entities))
        sync_graph(store, str(iris.build_graph), graphs.build)
        store.flush()
    finally:
        del store


def write_graph(version: BuildDir, previous: Previous | None, extractions: Sequence[Extraction],
                keys: Mapping[str, str], resolution: Resolution, base_iri: str, ended: datetime,
                cache: RecordCache, timings: dict) -> Outcome:
    """``kg.trig``, ``store/`` (its derived graph aside: ``kg.store.derived``) and ``graphs.json`` of ``version``.

    ``previous``: the build to start from (None: a clean build, nothing taken from ``cache`` either).
    The store is written (Oxigraph, which releases the GIL) beside the TriG and the SHACL validation
    of a sample, so ``store_s`` overlaps ``rdf_s`` and ``validate_s`` in the timings.
    """
    from kg.pipeline.validation import validate_sample

    clock = time.perf_counter()
    iris = Iris(base_iri)
    known = load_entity_blocks(previous.entity_blocks, iris) if previous is not None else None
    graphs = map_graphs(extractions, keys, resolution, iris, ended, cache, reuse=previous is not None, known=known)
    with ThreadPoolExecutor(1) as pool:
        storing = pool.submit(_timed, write_store, graphs, version, iris, previous)
        write_trig(graphs, version.trig)
        timings["rdf_s"] = time.perf_counter() - clock
        # SHACL (ontology/shapes.ttl) on a sample, each group's problems from the cache when its parts are
        article_keys = {x.article.id: graphs.articles[str(iris.graph(x.article.id))][0] for x in extractions}
        validation = validate_sample(extractions, article_keys, resolution, iris, ended, cache, previous is not None)
        timings["validate_s"] = validation.summary.get("seconds", 0.0)
        save_entity_blocks(version.entity_blocks, graphs.blocks, iris)
        how, timings["store_s"] = storing.result()
    write_manifest(version, graphs, base_iri)
    return Outcome(validation.summary, tuple(key for key, _ in graphs.articles.values()), validation.keys,
                   graphs.reused, how)


def _timed(function, *args):
    clock = time.perf_counter()
    return function(*args), time.perf_counter() - clock

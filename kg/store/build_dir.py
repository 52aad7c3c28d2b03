"""The build folder: the one place that knows what a build writes, and where.

``kg build --out DIR`` writes ``kg.trig`` (the graph), ``store/`` (the
embedded Oxigraph store), ``annotations/`` (one JSON file per article),
``graph.html`` (the viewer) and ``report.json``; ``kg export`` writes into
``export/``. Commands take a build folder or its ``store/`` folder. Beside
them, ``.extractions/`` caches what each article yielded (``kg.store.cache``)
and ``.graphs/`` each article's named graph, for the next, incremental, build,
which starts from the store of the previous one (``graphs.json`` in a version
says which article graphs its store holds, ``derived.nq`` and ``entities.nq``
its derived and entities graphs, ``derived-rows.pickle`` and ``viewer-rows.pickle``
each article graph's rows of the queries the derived graph and the viewer ask). ``kg serve`` saves ``catalogue.sqlite``
(what its search and timeline read, made from the store) beside the store
the first time it serves a build, not ``kg build``.
"""

from __future__ import annotations

from pathlib import Path

STORE = "store"
CATALOGUE = "catalogue.sqlite"  # saved by kg serve beside the store it was made from (kg.serve.catalogue_file)
TRIG = "kg.trig"
NQUADS = "kg.nq"  # written, loaded into the store, rewritten as kg.trig, then removed
ANNOTATIONS = "annotations"
VIEWER = "graph.html"
REPORT = "report.json"
EXPORT = "export"
EXTRACTION_CACHE = ".extractions"  # in the build folder, shared by its versions
GRAPH_CACHE = ".graphs"  # each article's named graph, by key (kg.pipeline.graphs), shared by its versions
GRAPH_MANIFEST = "graphs.json"  # in a version: the key of each article graph its store holds
DERIVED_LINES = "derived.nq"  # in a version: its store's derived graph, for the next build to patch
ENTITY_LINES = "entities.nq"  # in a version: its store's entities graph, likewise
SIGNATURES = "signatures.pickle"  # in a version: its articles' MinHash signatures, for the next build's resolution
DERIVED_ROWS = "derived-rows.pickle"  # in a version: each article graph's rows of the derivation's queries
VIEWER_ROWS = "viewer-rows.pickle"  # in a version: each article graph's rows of the viewer's queries
ENTITY_BLOCKS = "entity-blocks.pickle"  # in a version: each graph entity's lines of the entities graph
# RocksDB's marker file: a folder holding it is an Oxigraph store.
STORE_MARKER = "CURRENT"


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is an Oxigraph store folder."""
    return (Path(path) / STORE_MARKER).exists()


class BuildDir:
    """A build folder and the paths of what is in it.

    Args:
        path: the build folder.
        store: its store folder (default ``path/store``).
    """

    OUTPUTS = (TRIG, STORE, ANNOTATIONS, VIEWER, REPORT)  # what a build publishes (``kg.store.versions``)
    KEPT = (GRAPH_MANIFEST, DERIVED_LINES, ENTITY_LINES, SIGNATURES, DERIVED_ROWS, VIEWER_ROWS,
            ENTITY_BLOCKS)  # in a version beside its outputs, for the next incremental build

    def __init__(self, path: str | Path, store: str | Path | None = None) -> None:
        self.path = Path(path)
        self.store = Path(store) if store is not None else self.path / STORE

    @classmethod
    def of(cls, path: str | Path) -> "BuildDir":
        """The build folder at ``path``, or the one around the store folder ``path``."""
        path = Path(path)
        return cls(path.parent, path) if is_store(path) else cls(path)

    def __repr__(self) -> str:
        return f"BuildDir({str(self.path)!r}, store={str(self.store)!r})"

    @property
    def trig(self) -> Path:
        """``kg.trig``: the graph, all named graphs, as TriG."""
        return self.path / TRIG

    @property
    def nquads(self) -> Path:
        """``kg.nq``: the graph while a build writes it (removed at the end)."""
        return self.path / NQUADS

    @property
    def catalogue(self) -> Path:
        """``catalogue.sqlite``: names, articles, sentences and happenings for ``kg serve``'s search and timeline.

        Not written by ``kg build``: ``kg serve`` makes it from the store the first time it serves the
        build, and saves it here when ``report`` is there (``kg.serve.catalogue_file``); it records
        which store.
        """
        return self.path / CATALOGUE

    @property
    def annotations(self) -> Path:
        """``annotations/``: one JSON file per article, in the gold format."""
        return self.path / ANNOTATIONS

    @property
    def viewer(self) -> Path:
        """``graph.html``: the network viewer of the whole graph."""
        return self.path / VIEWER

    @property
    def report(self) -> Path:
        """``report.json``: per input status, errors and counts; totals; timings; validation."""
        return self.path / REPORT

    @property
    def export(self) -> Path:
        """``export/``: where ``kg export`` writes by default."""
        return self.path / EXPORT

    @property
    def extraction_cache(self) -> Path:
        """``.extractions/``: what each article yielded, by key, for incremental builds (``kg.store.cache``)."""
        return self.path / EXTRACTION_CACHE

    @property
    def graph_cache(self) -> Path:
        """``.graphs/``: each article's named graph, by key, for incremental builds (``kg.pipeline.graphs``)."""
        return self.path / GRAPH_CACHE

    @property
    def graph_manifest(self) -> Path:
        """``graphs.json`` (in a version): the base IRI and the key of each article graph of its store."""
        return self.path / GRAPH_MANIFEST

    @property
    def derived_lines(self) -> Path:
        """``derived.nq`` (in a version): its store's derived graph as N-Quads, for the next incremental build."""
        return self.path / DERIVED_LINES

    @property
    def entity_lines(self) -> Path:
        """``entities.nq`` (in a version): its store's entities graph as N-Quads, for the next incremental build."""
        return self.path / ENTITY_LINES

    @property
    def derived_rows(self) -> Path:
        """``derived-rows.pickle`` (in a version): its article graphs' rows of the derivation (``kg.store.graph_rows``)."""
        return self.path / DERIVED_ROWS

    @property
    def viewer_rows(self) -> Path:
        """``viewer-rows.pickle`` (in a version): its article graphs' rows of the viewer's projection, likewise."""
        return self.path / VIEWER_ROWS

    @property
    def signatures(self) -> Path:
        """``signatures.pickle`` (in a version): its bodies' MinHash signatures (``kg.resolve.stories``), reused next."""
        return self.path / SIGNATURES

    @property
    def entity_blocks(self) -> Path:
        """``entity-blocks.pickle`` (in a version): each graph entity's lines of its entities graph, reused next."""
        return self.path / ENTITY_BLOCKS

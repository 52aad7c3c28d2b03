"""Stage 7: the embedded store (an on-disk Oxigraph store in ``<build>/store``).

rdflib builds, parses, serializes and validates; pyoxigraph stores and
answers queries. Opening a store is one call and a context manager::

    with open_store("build") as store:
        ...

Running a query on it is one call too: ``kg.query.query(text, "build")``.
Oxigraph keeps numbers of derived integer types (``xsd:nonNegativeInteger``,
the NIF offsets) as ``xsd:integer``: compare a store with the store, not with
``kg.trig``.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

from kg.errors import StoreError

STORE_DIRNAME = "store"
ENTITIES_GRAPH = "graph/entities"  # kg.rdf.Iris.entities_graph, relative to the base


def store_path(build_dir: str | Path) -> Path:
    """The store folder of a build folder (or the folder itself if it is a store)."""
    path = Path(build_dir)
    return path if (path / "CURRENT").exists() else path / STORE_DIRNAME


def write_store(trig_path: str | Path, target: str | Path) -> int:
    """Bulk-load a TriG file into a new on-disk store at ``target``; return the quad count."""
    import pyoxigraph as ox

    store = ox.Store(str(target))
    with open(trig_path, "rb") as f:
        store.bulk_load(f, ox.RdfFormat.TRIG)
    store.flush()
    count = len(store)
    del store
    return count


def build_base_iri(store) -> str | None:
    """The base IRI of the build held in ``store`` (from its ``<base>graph/entities`` graph), if any."""
    for graph in store.named_graphs():
        iri = getattr(graph, "value", "")
        if iri.endswith(ENTITIES_GRAPH):
            return iri[: -len(ENTITIES_GRAPH)]
    return None


def memory_store(dataset) -> "pyoxigraph.Store":  # noqa: F821
    """An in-memory Oxigraph store holding an rdflib ``Dataset`` (for tests and notebooks)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(dataset.serialize(format="nquads").encode("utf-8"), ox.RdfFormat.N_QUADS)
    return store


@contextlib.contextmanager
def open_store(build_dir: str | Path = "build", read_only: bool = True) -> Iterator["pyoxigraph.Store"]:  # noqa: F821
    """Open the store of a build.

    Raises:
        StoreError: there is no store at that place (run ``kg build`` first).
    """
    import pyoxigraph as ox

    path = store_path(build_dir)
    if not (path / "CURRENT").exists():
        raise StoreError(f"{path}: no store here; run `kg build` first or pass --store DIR")
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"{path}: cannot open the store: {e}") from e
    try:
        yield store
    finally:
        del store

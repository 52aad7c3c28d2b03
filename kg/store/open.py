"""The embedded store of a build (an on-disk Oxigraph store in ``<build>/store``).

rdflib builds, parses, serializes and validates; pyoxigraph stores and
answers queries. Opening a store is one call and a context manager::

    with open_store("build") as store:
        ...

Running a query on it is one call too: ``kg.sparql.query(text, "build")``.
Oxigraph keeps numbers of derived integer types (``xsd:nonNegativeInteger``,
the NIF offsets) as ``xsd:integer``: compare a store with the store, not with
``kg.trig``.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from kg.errors import StoreError
from kg.rdf.iris import base_of
from kg.store.build_dir import BuildDir, is_store

if TYPE_CHECKING:
    import pyoxigraph


def store_path(build_dir: str | Path) -> Path:
    """The store folder of a build folder (or the folder itself if it is a store)."""
    return BuildDir.of(build_dir).store


def build_base_iri(store: "pyoxigraph.Store") -> str | None:
    """The base IRI of the build held in ``store`` (from its ``<base>graph/entities`` graph), if any."""
    for graph in store.named_graphs():
        base = base_of(getattr(graph, "value", ""))
        if base is not None:
            return base
    return None


@contextlib.contextmanager
def open_store(build_dir: str | Path = "build", read_only: bool = True) -> Iterator["pyoxigraph.Store"]:
    """Open the store of a build.

    Raises:
        StoreError: there is no store at that place (run ``kg build`` first).
    """
    import pyoxigraph as ox

    path = store_path(build_dir)
    if not is_store(path):
        raise StoreError(f"{path}: no store here; run `kg build` first or pass --store DIR")
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"{path}: cannot open the store: {e}") from e
    try:
        yield store
    finally:
        del store

"""Between the store and rdflib: a build's graph as an rdflib ``Dataset``, a ``Dataset`` as a store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import StoreError
from kg.store.open import open_store

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset


def load_build(build_dir: str | Path = "build") -> "Dataset":
    """A build's graph as an rdflib dataset, read from its store.

    Raises:
        StoreError: no store there, or it cannot be read.
    """
    import pyoxigraph as ox
    from rdflib import Dataset

    with open_store(build_dir) as store:
        data = store.dump(format=ox.RdfFormat.N_QUADS)
    ds = Dataset(default_union=True)
    try:
        ds.parse(data=data.decode("utf-8"), format="nquads")
    except Exception as e:  # noqa: BLE001 - any parser failure means an unreadable store
        raise StoreError(f"{build_dir}: the store's graph cannot be parsed: {e}") from e
    return ds


def memory_store(dataset: "Dataset") -> "pyoxigraph.Store":
    """An in-memory Oxigraph store holding an rdflib ``Dataset`` (SPARQL on it runs as on a build's store)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(dataset.serialize(format="nquads").encode("utf-8"), ox.RdfFormat.N_QUADS)
    return store

"""Between the store and rdflib: a build's graph as an rdflib ``Dataset``, a ``Dataset`` as a store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from kg.errors import StoreError
from kg.rdf.iris import is_derived_graph
from kg.store.open import open_store

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset


def stated_quads(store: "pyoxigraph.Store") -> Iterator["pyoxigraph.Quad"]:
    """Every quad of ``store`` but those of its derived graph (``kg.store.derived``: counts read off the rest).

    What a build states: exports and whole-graph validation read these, so
    nothing is counted twice.
    """
    for graph in [None, *sorted(store.named_graphs(), key=lambda g: g.value)]:
        if graph is not None and is_derived_graph(graph.value):
            continue
        yield from store.quads_for_pattern(None, None, None, _default() if graph is None else graph)


def _default() -> "pyoxigraph.DefaultGraph":
    import pyoxigraph as ox

    return ox.DefaultGraph()


def load_build(build_dir: str | Path = "build") -> "Dataset":
    """A build's stated graph as an rdflib dataset, read from its store (not its derived graph).

    Raises:
        StoreError: no store there, or it cannot be read.
    """
    import pyoxigraph as ox
    from rdflib import Dataset

    with open_store(build_dir) as store:
        data = ox.serialize(stated_quads(store), format=ox.RdfFormat.N_QUADS)
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

"""rdflib datasets of a build: the union of their graphs, and comparison graph by graph."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    from rdflib import Dataset, Graph


@contextlib.contextmanager
def union_view(ds: "Dataset | Graph") -> Iterator["Dataset | Graph"]:
    """Within the block, ``ds.triples``/``subjects``/``value`` see every named graph.

    An rdflib ``Dataset`` answers from its default graph only unless
    ``default_union`` is set; kg's default graph is empty. A ``Graph`` is
    left as it is.
    """
    if not hasattr(ds, "default_union"):
        yield ds
        return
    before = ds.default_union
    ds.default_union = True
    try:
        yield ds
    finally:
        ds.default_union = before


def isomorphic_datasets(a: "Dataset", b: "Dataset", ignore: Iterable[str] = ()) -> bool:
    """True when both datasets have the same named graphs, pairwise isomorphic.

    Graph names are deterministic IRIs, so graphs are paired by name; blank
    nodes inside a graph are compared up to renaming (``rdflib.compare``).
    ``ignore`` lists graph IRIs left out (e.g. the build graph's timestamp).
    """
    from rdflib.compare import isomorphic

    skip = {str(name) for name in ignore}  # IRIs or strings: a URIRef does not hash like its str

    def graphs(ds: "Dataset") -> dict[str, object]:
        return {str(g.identifier): g for g in ds.graphs() if len(g) and str(g.identifier) not in skip}

    ga, gb = graphs(a), graphs(b)
    return ga.keys() == gb.keys() and all(isomorphic(ga[k], gb[k]) for k in ga)

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


def store_path(build_dir: str | Path) -> Path:
    """The store folder of a build folder (or the folder itself if it is a store)."""
    path = Path(build_dir)
    return path if (path / "CURRENT").exists() else path / STORE_DIRNAME


# Oxigraph's bulk loader holds what one call loads in memory (~1.7 GB per
# million quads): N-Quads are loaded in chunks of about this many lines.
LOAD_CHUNK_QUADS = 250_000


def write_store(rdf_path: str | Path, target: str | Path, chunk: int = LOAD_CHUNK_QUADS) -> int:
    """Bulk-load a TriG (or, by its ``.nq`` suffix, N-Quads) file into a new on-disk store at ``target``.

    N-Quads are loaded ``chunk`` lines at a time (memory stays bounded),
    each chunk cut where the graph changes, so a blank node's quads (always
    in one graph) are loaded together. Returns the quad count.
    """
    import pyoxigraph as ox

    store = ox.Store(str(target))
    if Path(rdf_path).suffix == ".nq":
        for data in _chunks(Path(rdf_path), chunk):
            store.bulk_load(data, ox.RdfFormat.N_QUADS)
    else:
        store.bulk_load(path=str(rdf_path), format=ox.RdfFormat.TRIG)
    store.flush()
    count = len(store)
    del store
    return count


def _chunks(path: Path, size: int) -> Iterator[bytes]:
    """The lines of an N-Quads file, ``size`` or a few more at a time.

    Oxigraph names blank nodes afresh in each load, so a chunk is cut only
    where no blank node can be split: between two graphs, or inside a graph
    before its first blank node (kg's blank nodes never leave their graph).
    """
    lines: list[bytes] = []
    with_blank: set[bytes] = set()
    with open(path, "rb") as f:
        for line in f:
            if len(lines) >= size:
                graph = _graph(line)
                if graph != _graph(lines[-1]) or graph not in with_blank:
                    yield b"".join(lines)
                    lines = []
            if b"_:" in line:  # also in a literal now and then: then the graph is just not cut
                with_blank.add(_graph(line))
            lines.append(line)
    if lines:
        yield b"".join(lines)


def _graph(line: bytes) -> bytes:
    # `<s> <p> <o> <g> .`: graph names are IRIs, without spaces.
    return line.rstrip().rsplit(b" ", 2)[-2]


def build_base_iri(store) -> str | None:
    """The base IRI of the build held in ``store`` (from its ``<base>graph/entities`` graph), if any."""
    from kg.rdf.iris import base_of

    for graph in store.named_graphs():
        base = base_of(getattr(graph, "value", ""))
        if base is not None:
            return base
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

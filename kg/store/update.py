"""A store made from the previous build's store by the difference of their quads (incremental builds).

A clean build bulk-loads every quad into a new store (``kg.store.write``);
an incremental build instead takes a checkpoint of the previous version's
store into its own version folder (RocksDB hard-links the immutable table
files: milliseconds, and the previous store is only read, so a build killed
mid-way leaves it whole) and changes only what differs: the named graphs of
changed, added and removed articles are dropped and loaded, and the shared
graphs (entities, build, derived) get the quads they gained and lose the ones
they lost. Oxigraph removes a whole graph quad by quad (about 30 µs each),
so a 100k-quad graph is cheaper to patch than to replace.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    import pyoxigraph


def copy_store(previous: str | Path, target: str | Path) -> None:
    """A checkpoint of the store at ``previous`` in the new folder ``target`` (``previous`` only read)."""
    import pyoxigraph as ox

    source = ox.Store.read_only(str(previous))
    try:
        source.backup(str(target))
    finally:
        del source


def replace_graphs(store: "pyoxigraph.Store", drop: Iterable[str], nquads: bytes) -> None:
    """Remove the named graphs ``drop`` (IRIs) from ``store``, then load ``nquads`` (UTF-8).

    Blank nodes stay inside their graph in kg, so a graph is replaced whole, never patched.
    """
    import pyoxigraph as ox

    for name in drop:
        store.remove_graph(ox.NamedNode(name))
    if nquads:
        store.bulk_load(nquads, ox.RdfFormat.N_QUADS)


def sync_graph(store: "pyoxigraph.Store", graph: str, lines: Iterable[str],
               held: set[str] | None = None) -> tuple[int, int]:
    """Make the named graph ``graph`` of ``store`` hold exactly the N-Quads ``lines`` (all in ``graph``).

    Only the difference is written: the quads of the graph that are not in
    ``lines`` are removed, those of ``lines`` not in the graph added. A
    quad written otherwise than Oxigraph writes it (e.g. a number of a
    derived type, stored as ``xsd:integer``) is removed and added again: the
    result is the same. A graph with blank nodes is replaced whole (their
    labels are not kept by the store), and an empty one loaded in bulk.
    ``held``: the graph's lines as the store holds them, when the caller
    kept them (read from the store if None). Returns (removed, added).
    """
    import pyoxigraph as ox

    name = ox.NamedNode(graph)
    wanted = set(lines)
    if held is None:
        held = _held_lines(store, name)
    if not held or any("_:" in line for line in wanted) or any("_:" in line for line in held):
        if held:
            store.remove_graph(name)
        store.bulk_load("".join(wanted).encode("utf-8"), ox.RdfFormat.N_QUADS)  # not one transaction: 2× faster
        return len(held), len(wanted)
    gone = list(ox.parse("".join(held - wanted), format=ox.RdfFormat.N_QUADS))
    for quad in gone:
        store.remove(quad)
    new = list(ox.parse("".join(wanted - held), format=ox.RdfFormat.N_QUADS))
    store.extend(new)
    return len(gone), len(new)


def read_lines(path: Path | None) -> set[str] | None:
    """The N-Quads lines of a file a build kept beside its store (``derived.nq``, ``entities.nq``); None if unreadable."""
    try:
        with open(path, encoding="utf-8", newline="\n") as f:  # type: ignore[arg-type]
            return set(f)
    except (OSError, TypeError):
        return None


def write_lines(path: Path, lines: Iterable[str]) -> None:
    """Keep the N-Quads ``lines`` of a graph beside its store, for the next build's ``sync_graph`` (``held``)."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(lines)


def _held_lines(store: "pyoxigraph.Store", graph: "pyoxigraph.NamedNode") -> set[str]:
    """The quads of ``graph`` in ``store`` as N-Quads lines (Oxigraph dumps one graph as N-Triples)."""
    import pyoxigraph as ox

    suffix = f" {graph} .\n"
    text = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).decode("utf-8")
    return {line[: -len(" .")] + suffix for line in text.splitlines() if line}

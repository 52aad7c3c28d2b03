"""Rows of per-graph SELECT queries, each unchanged article graph's kept from the previous build.

The derived graph (``kg.store.derived``) and the viewer's projection
(``kg.graph.projection``) read the whole store after every build. Most of
what they ask is *local*: every pattern of the query sits in one
``GRAPH ?g { }`` whose name the query projects, so its rows are the union of
each graph's own rows. An article graph's rows depend on its content only,
which its graph key names (``kg.pipeline.graphs``): an incremental build takes
the rows of the graphs whose key is unchanged from the previous build's file
and asks the store only about the others (changed and added articles, the
entities and build graphs), through Oxigraph's ``named_graphs``, which
evaluates the query on those graphs alone. What the callers compute from the
rows (counts, joins across graphs) they compute in Python, the same for
every build; a clean build asks about every graph and keeps the rows for the
next.

A ``GraphRows`` made without a file (``kg viz``, notebooks, tests) asks the
whole store, once per query. The file is kept per version beside the store
(``derived-rows.pickle``, ``viewer-rows.pickle``); rows are reused only under
the same query text, kg version and ``FORMAT`` (raise it when what a caller's
``convert`` gives changes). A store that ``kg serve`` updated is not told
apart, as for the store itself (``kg.pipeline.graphs``): build with ``--full``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from kg import __version__, pickled
from kg.rdf.namespaces import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

FORMAT = 2  # of the file: a change in what it holds makes every build ask the store again
Convert = Callable[[object], object]


class GraphRows:
    """The rows of local queries on ``store``, by query name, each graph's from ``previous`` when its key is there.

    Args:
        store: an open pyoxigraph store.
        keys: graph IRI -> the key of its content, for the graphs whose rows may be kept (article graphs).
        previous: what ``kept()`` returned in an earlier build (``load``); None: ask about every graph.
        skip: graph IRIs never asked about (the derived graph, which a clean build's store does not
            hold yet when the viewer and the derivation read it).
    """

    def __init__(self, store: "pyoxigraph.Store", keys: Mapping[str, str] | None = None,
                 previous: dict | None = None, skip: Iterable[str] = ()) -> None:
        self.store = store
        self.keys = dict(keys or {})
        self.previous = previous if previous and previous.get("format") == (FORMAT, __version__) else None
        self.skip = set(skip)
        # key -> query name -> (digest, the graph's rows pickled): a later build writes a kept graph's
        # bytes again as they are, and unpickles only what it reads
        self.by_key: dict[str, dict[str, tuple[str, bytes]]] = {}
        self._graphs: list[str] | None = None

    def graphs(self) -> list[str]:
        """Every named graph of the store (IRIs) but ``skip``'s."""
        if self._graphs is None:
            self._graphs = sorted(g.value for g in self.store.named_graphs() if g.value not in self.skip)
        return self._graphs

    def select(self, name: str, query: str, graph: str = "g", convert: Convert | None = None) -> list[tuple]:
        """Every row of the local ``query`` (kg's prefixes declared), its values in the projection's order.

        ``graph``: the projected variable that names each row's graph; ``convert``: applied to each
        value (None: pyoxigraph's terms). The rows of a graph are kept (``kept``) under ``name``.
        """
        digest = hashlib.sha256(query.encode("utf-8")).hexdigest()[:16]
        held = (self.previous or {}).get("graphs", {})
        rows: list[tuple] = []
        ask = []
        for iri in self.graphs():
            key = self.keys.get(iri)
            found = held.get(key, {}).get(name) if key is not None else None
            kept = _rows(found[1]) if found is not None and found[0] == digest else None
            if kept is not None:
                rows.extend(kept)
                self.by_key.setdefault(key, {})[name] = found
            else:
                ask.append(iri)
        if ask:
            rows.extend(self._ask(name, query, graph, convert, digest, ask))
        return rows

    def _ask(self, name: str, query: str, graph: str, convert: Convert | None, digest: str,
             graphs: list[str]) -> list[tuple]:
        import pyoxigraph as ox

        # Most graphs: the whole store asked and the rows of the others dropped (a local query's rows of a
        # graph are its own), as Oxigraph checks each quad's graph against a given list (~2× slower at 1,000).
        many = 2 * len(graphs) > len(self.graphs())
        answer = self.store.query(query, prefixes=PREFIXES,
                                  named_graphs=None if many else [ox.NamedNode(g) for g in graphs])
        columns = [v.value for v in answer.variables]
        at = columns.index(graph)
        out = [tuple(s) for s in answer]
        if many:
            wanted = set(graphs)
            out = [row for row in out if row[at].value in wanted]
        if convert is not None:
            out = [tuple(map(convert, row)) for row in out]
        per_graph: dict[str, list] = {}
        for row in out:
            per_graph.setdefault(_iri(row[at]), []).append(row)
        for iri in graphs:
            key = self.keys.get(iri)
            if key is not None:
                self.by_key.setdefault(key, {})[name] = (digest, pickled.dumps(per_graph.get(iri, [])))
        return out

    def dicts(self, name: str, query: str, graph: str = "g", convert: Convert | None = None) -> list[dict]:
        """``select``'s rows as dicts by variable name (the query's projection: plain variables only)."""
        names = columns(query)
        return [dict(zip(names, row)) for row in self.select(name, query, graph, convert)]

    def kept(self) -> dict:
        """What a later build reads back (``previous``): the rows of every keyed graph, by key and query."""
        return {"format": (FORMAT, __version__), "graphs": self.by_key}


def _rows(blob: bytes) -> list | None:
    """A kept graph's rows; None if its bytes cannot be read back (the graph is then asked again)."""
    rows = pickled.loads(blob)
    return rows if isinstance(rows, list) else None


_PROJECTION = re.compile(r"SELECT\s+(?:DISTINCT\s+)?((?:\?\w+\s+)+)WHERE", re.S)


def columns(query: str) -> list[str]:
    """The variables a local query projects, in order (its SELECT lists plain variables only)."""
    found = _PROJECTION.search(query)
    if found is None:
        raise ValueError(f"not a local query's projection: {query[:80]!r}")
    return [v[1:] for v in found.group(1).split()]


def _iri(value) -> str:
    return value if isinstance(value, str) else value.value


@dataclass(frozen=True)
class RowFiles:
    """Where a build's rows come from and go: its ``graphs.json``, the previous version's rows (None: a clean
    build), and the file to keep its own in."""

    manifest: Path
    previous: Path | None
    kept: Path

    def open(self, store: "pyoxigraph.Store", skip: Iterable[str]) -> GraphRows:
        """The ``GraphRows`` of the build's ``store``: its article graphs' keys, the previous build's rows."""
        try:
            keys = json.loads(Path(self.manifest).read_text(encoding="utf-8"))["articles"]
        except (OSError, ValueError, KeyError):
            keys = {}
        return GraphRows(store, keys, load(self.previous), skip)

    def save(self, rows: GraphRows) -> None:
        """Keep the rows of ``rows``' keyed graphs for the next build."""
        pickled.save(self.kept, rows.kept())

    def to_json(self) -> list:
        return [str(self.manifest), self.previous and str(self.previous), str(self.kept)]

    @classmethod
    def from_json(cls, data: list) -> "RowFiles":
        manifest, previous, kept = data
        return cls(Path(manifest), previous and Path(previous), Path(kept))


def load(path: Path | None) -> dict | None:
    """The rows a build kept (``save``) at ``path``; None if there are none or they cannot be read."""
    found = pickled.load(path)
    return found if isinstance(found, dict) else None

"""``kg push``: send a build's graph to any SPARQL 1.1 Graph Store Protocol server.

One ``PUT <url>?graph=<iri>`` per named graph (each article's graph, the
shared entity graph, the build graph) and ``PUT <url>?default`` for
default-graph data, if any. PUT replaces the graph, so pushing the same
build twice leaves the server as it was after the first push. Graphs the
server holds that the build does not are left alone.

Endpoints: Oxigraph ``http://host:7878/store``; Fuseki
``http://host:3030/DATASET/data``; GraphDB
``http://host:7200/repositories/REPO/rdf-graphs/service``; Virtuoso
``http://host:8890/sparql-graph-crud-auth`` (with its authentication).
Credentials as for remote queries (``kg.sparql.remote.split_credentials``),
never printed; ``timeout`` covers each whole request.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kg.errors import PushError
from kg.sparql.remote import RemoteError, send, split_credentials

MEDIA = "application/n-triples"


@dataclass(frozen=True)
class PushReport:
    """What a push sent."""

    graphs: int
    quads: int
    elapsed: float
    url: str  # the endpoint, without credentials: the one to show


def push(url: str, store: str | Path = "build", timeout: float = 60.0) -> PushReport:
    """PUT every graph of a build's store to the Graph Store Protocol endpoint ``url``.

    Raises:
        UsageError: ``url`` is not an http(s) URL.
        StoreError: no store there.
        PushError: the server answered with an error or could not be reached.
    """
    import pyoxigraph as ox

    from kg.store.open import open_store

    url, auth = split_credentials(url)
    clock = time.perf_counter()
    graphs = quads = 0
    with open_store(store) as opened:
        names = sorted(opened.named_graphs(), key=lambda g: g.value)
        for graph in [ox.DefaultGraph(), *names]:
            triples = [q.triple for q in opened.quads_for_pattern(None, None, None, graph)]
            if not triples and isinstance(graph, ox.DefaultGraph):
                continue  # nothing to say about the server's default graph
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            target = _target(url, None if isinstance(graph, ox.DefaultGraph) else graph.value)
            _put(target, body, timeout, auth)
            graphs += 1
            quads += len(triples)
    return PushReport(graphs, quads, time.perf_counter() - clock, url)


def _target(url: str, graph: str | None) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}default" if graph is None else f"{url}{sep}graph={quote(graph, safe='')}"


def _put(target: str, body: bytes, timeout: float, auth: Any) -> None:
    try:
        send("PUT", target, body, {"Content-Type": f"{MEDIA}; charset=utf-8"}, auth, timeout)
    except RemoteError as e:
        raise PushError(str(e)) from e

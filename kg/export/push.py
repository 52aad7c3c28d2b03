"""``kg push``: send a build's graph to any SPARQL 1.1 Graph Store Protocol server.

One ``PUT <url>?graph=<iri>`` per named graph (each article's graph, the
shared entity graph, the build graph) and ``PUT <url>?default`` for
default-graph data, if any. PUT replaces the graph, so pushing the same
build twice leaves the server as it was after the first push. Graphs the
server holds that the build does not are left alone, unless ``prune``: then,
once every graph is sent, the server's graphs are listed through its SPARQL
query endpoint and those in the build's graph space (``<base>graph/…``) that
the build no longer has are deleted (``DELETE <url>?graph=<iri>``); a graph
outside that space is never touched.

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

from kg.errors import PushError, UsageError
from kg.rdf.iris import graph_space
from kg.sparql.remote import RemoteError, send, split_credentials

MEDIA = "application/n-triples"


@dataclass(frozen=True)
class PushReport:
    """What a push sent."""

    graphs: int
    quads: int
    elapsed: float
    url: str  # the endpoint, without credentials: the one to show
    pruned: int = 0  # server graphs of the build's space that it no longer has, deleted


def push(url: str, store: str | Path = "build", timeout: float = 60.0, prune: bool = False,
         query_url: str | None = None) -> PushReport:
    """PUT every graph of a build's store to the Graph Store Protocol endpoint ``url``.

    Args:
        prune: then delete the server's graphs of the build's graph space that the build does not have.
        query_url: the server's SPARQL query endpoint, which lists its graphs for ``prune``
            (default: ``query_endpoint_of(url)``).

    Raises:
        UsageError: ``url`` is not an http(s) URL, or ``prune`` without a known query endpoint.
        StoreError: no store there.
        PushError: the server answered with an error or could not be reached.
    """
    import pyoxigraph as ox

    from kg.store.open import build_base_iri, open_store

    listing = (query_url or query_endpoint_of(url)) if prune else None
    url, auth = split_credentials(url)
    clock = time.perf_counter()
    graphs = quads = 0
    with open_store(store) as opened:
        names = sorted(opened.named_graphs(), key=lambda g: g.value)
        base = build_base_iri(opened)
        for graph in [ox.DefaultGraph(), *names]:
            triples = [q.triple for q in opened.quads_for_pattern(None, None, None, graph)]
            if not triples and isinstance(graph, ox.DefaultGraph):
                continue  # nothing to say about the server's default graph
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            target = _target(url, None if isinstance(graph, ox.DefaultGraph) else graph.value)
            _put(target, body, timeout, auth)
            graphs += 1
            quads += len(triples)
    pruned = 0
    if listing and base:
        stale = server_graphs(listing, graph_space(base), timeout) - {g.value for g in names}
        for graph in sorted(stale):
            _send("DELETE", _target(url, graph), b"", timeout, auth)
        pruned = len(stale)
    return PushReport(graphs, quads, time.perf_counter() - clock, url, pruned)


def query_endpoint_of(url: str) -> str:
    """The SPARQL query endpoint beside a Graph Store Protocol endpoint, for the servers of the README.

    Oxigraph ``…/store`` → ``…/query``; Fuseki ``…/DATASET/data`` → ``…/DATASET/sparql``; GraphDB
    ``…/repositories/REPO/rdf-graphs/service`` → ``…/repositories/REPO``; Virtuoso
    ``…/sparql-graph-crud[-auth]`` → ``…/sparql``. Credentials in ``url`` are kept.

    Raises:
        UsageError: another kind of URL: the query endpoint must be given.
    """
    path, sep, query = url.partition("?")
    for tail, replacement in (("/store", "/query"), ("/data", "/sparql"), ("/rdf-graphs/service", ""),
                              ("/sparql-graph-crud-auth", "/sparql"), ("/sparql-graph-crud", "/sparql")):
        if path.rstrip("/").endswith(tail):
            return path.rstrip("/")[: -len(tail)] + replacement + sep + query
    raise UsageError(f"{url}: cannot tell this server's SPARQL query endpoint, which --prune needs to list "
                     "its graphs; give it with --query-url")


# Every named graph of the server whose name starts with the build's graph space.
SERVER_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } FILTER (STRSTARTS(STR(?g), ?space)) }"


def server_graphs(query_url: str, space: str, timeout: float) -> set[str]:
    """The names of the server's graphs in ``space`` (``kg.rdf.iris.graph_space``), asked at ``query_url``.

    Raises:
        PushError: the server did not answer the query.
    """
    from kg.errors import KgError
    from kg.sparql import query

    try:
        found = query(SERVER_GRAPHS, query_url, params={"space": space}, limit=10**9, timeout=timeout)
    except KgError as e:
        raise PushError(f"{query_url}: cannot list the server's graphs to prune them: {e}") from e
    return {row["g"] for row in found.dicts()}


def _target(url: str, graph: str | None) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}default" if graph is None else f"{url}{sep}graph={quote(graph, safe='')}"


def _put(target: str, body: bytes, timeout: float, auth: Any) -> None:
    _send("PUT", target, body, timeout, auth, {"Content-Type": f"{MEDIA}; charset=utf-8"})


def _send(method: str, target: str, body: bytes, timeout: float, auth: Any, headers: dict | None = None) -> None:
    try:
        send(method, target, body, headers or {}, auth, timeout)
    except RemoteError as e:
        raise PushError(str(e)) from e

"""Remote SPARQL servers: ``kg push`` sends a build there, ``query_endpoint`` asks them.

``push``: send a build's graph to any SPARQL 1.1 Graph Store Protocol server.

One ``PUT <url>?graph=<iri>`` per named graph (each article's graph, the
shared entity graph, the build graph) and ``PUT <url>?default`` for
default-graph data, if any. PUT replaces the graph, so pushing the same
build twice leaves the server as it was after the first push. Graphs the
server holds that the build does not are left alone.

Endpoints: Oxigraph ``http://host:7878/store``; Fuseki
``http://host:3030/DATASET/data``; GraphDB
``http://host:7200/repositories/REPO/rdf-graphs/service``; Virtuoso
``http://host:8890/sparql-graph-crud-auth`` (with its authentication).

Authentication: HTTP Basic, from ``KG_SPARQL_USER`` and ``KG_SPARQL_PASSWORD``
in the environment (kept off the command line, where ``ps`` and shell
history would show them), or from ``user:password@`` in the URL. It is sent
to the named endpoint only and never printed in messages.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote, urlsplit

from rdflib import Literal, URIRef

from kg.errors import PushError, QueryError, UsageError
from kg.query import DEFAULT_TIMEOUT, MAX_ROWS, Inspected, inject_values
from kg.results import ASK, GRAPH, SELECT, Results

MEDIA = "application/n-triples"


@dataclass(frozen=True)
class PushReport:
    """What a push sent."""

    graphs: int
    quads: int
    elapsed: float


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
    return PushReport(graphs, quads, time.perf_counter() - clock)


def _target(url: str, graph: str | None) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}default" if graph is None else f"{url}{sep}graph={quote(graph, safe='')}"


def split_credentials(url: str, environ: Mapping[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """``url`` without ``user:password@``, and the Basic ``Authorization`` header to send (if any).

    Raises:
        UsageError: ``url`` is not an http(s) URL, or only one of user and password is set.
    """
    import base64
    import os
    from urllib.parse import unquote, urlunsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{_redact(url)!r} is not an http(s) URL of a SPARQL server")
    env = os.environ if environ is None else environ
    user, password = parts.username, parts.password
    if user is None:
        user, password = env.get("KG_SPARQL_USER"), env.get("KG_SPARQL_PASSWORD")
    else:
        user, password = unquote(user), unquote(password or "")
    bare = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))  # host[:port] as written
    if user is None and password is None:
        return bare, {}
    if user is None or password is None:
        raise UsageError("set both KG_SPARQL_USER and KG_SPARQL_PASSWORD (or neither)")
    token = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
    return bare, {"Authorization": f"Basic {token}"}


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


def _put(target: str, body: bytes, timeout: float, auth: Mapping[str, str]) -> None:
    from urllib.error import HTTPError, URLError
    from urllib.request import Request, urlopen

    request = Request(target, data=body, method="PUT", headers={"Content-Type": f"{MEDIA}; charset=utf-8", **auth})
    try:
        with urlopen(request, timeout=timeout) as response:
            response.read()
    except HTTPError as e:
        detail = e.read()[:300].decode("utf-8", "replace").strip()
        raise PushError(f"PUT {target}: HTTP {e.code} {e.reason}: {detail}") from e
    except (URLError, OSError) as e:
        raise PushError(f"PUT {target}: cannot reach the server: {e}") from e


def query_endpoint(url: str, text: str, info: Inspected, bindings: Mapping[str, Any], limit: int = MAX_ROWS,
                   timeout: float = DEFAULT_TIMEOUT) -> Results:
    """Run an inspected query on a remote SPARQL 1.1 Protocol endpoint (POST, JSON or N-Triples back).

    Raises:
        QueryError: the endpoint answered with an error or could not be reached.
    """
    from urllib.error import HTTPError, URLError
    from urllib.parse import urlencode
    from urllib.request import Request, urlopen

    url, auth = split_credentials(url)
    accept = "application/n-triples" if info.kind == GRAPH else "application/sparql-results+json"
    body = urlencode({"query": inject_values(text, bindings)}).encode("utf-8")
    request = Request(url, data=body,
                      headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded", **auth})
    clock = time.perf_counter()
    try:
        with urlopen(request, timeout=timeout) as response:
            payload = response.read()
    except HTTPError as e:
        raise QueryError(f"{url}: HTTP {e.code}: {e.read()[:300].decode('utf-8', 'replace').strip()}") from e
    except (URLError, OSError) as e:
        raise QueryError(f"{url}: cannot reach the endpoint: {e}") from e
    results = _parse_remote(info, payload, limit)
    results.elapsed = time.perf_counter() - clock
    return results


def _parse_remote(info: Inspected, payload: bytes, limit: int) -> Results:
    import json

    from rdflib import BNode, Graph

    if info.kind == GRAPH:
        triples = list(Graph().parse(data=payload.decode("utf-8"), format="nt"))
        return Results(GRAPH, ["subject", "predicate", "object"], triples[:limit], truncated=len(triples) > limit)
    data = json.loads(payload)
    if info.kind == ASK:
        return Results(ASK, [], boolean=bool(data["boolean"]))

    def term(b: dict | None):
        if b is None:
            return None
        if b["type"] == "uri":
            return URIRef(b["value"])
        if b["type"] == "bnode":
            return BNode(b["value"])
        lang, dt = b.get("xml:lang"), b.get("datatype")
        return Literal(b["value"], lang=lang) if lang else Literal(b["value"], datatype=URIRef(dt) if dt else None)

    columns = data["head"]["vars"]
    bindings = data["results"]["bindings"]
    rows = [tuple(term(b.get(c)) for c in columns) for b in bindings[:limit]]
    return Results(SELECT, columns, rows, truncated=len(bindings) > limit)

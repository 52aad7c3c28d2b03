"""Remote SPARQL servers: the query backend ``kg.sparql.run.query`` picks for an http(s) URL.

A query goes to a SPARQL 1.1 Protocol endpoint (POST, JSON or N-Triples
back, read by pyoxigraph's parsers). Authentication: HTTP Basic, from
``KG_SPARQL_USER`` and ``KG_SPARQL_PASSWORD`` in the environment (kept off the
command line, where ``ps`` and shell history would show them), or from
``user:password@`` in the URL (``split_credentials``, which ``kg push`` uses
too). Credentials are sent to the named endpoint only and never printed in
messages.
"""

from __future__ import annotations

import time
from typing import Any, Mapping
from urllib.parse import urlsplit

from kg.errors import QueryError, UsageError
from kg.sparql.inspect import Inspected
from kg.sparql.params import inject_values
from kg.sparql.results import GRAPH, Results, results_of


def query_endpoint(url: str, text: str, info: Inspected, bindings: Mapping[str, Any], limit: int,
                   timeout: float) -> Results:
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
    try:
        results = _parse_remote(info, payload, limit)
    except (SyntaxError, ValueError) as e:
        raise QueryError(f"{url}: the answer is not SPARQL results: {e}") from e
    results.elapsed = time.perf_counter() - clock
    return results


def _parse_remote(info: Inspected, payload: bytes, limit: int) -> Results:
    import pyoxigraph as ox

    if info.kind == GRAPH:
        return results_of(GRAPH, ox.parse(payload, format=ox.RdfFormat.N_TRIPLES), limit)
    return results_of(info.kind, ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON), limit)


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

"""Remote SPARQL servers: the query backend ``kg.sparql.run.query`` picks for an http(s) URL.

A query goes to a SPARQL 1.1 Protocol endpoint (POST with httpx, JSON or
N-Triples back, read by pyoxigraph's parsers); ``send`` is the one HTTP
client of kg (``kg push`` uses it too). Authentication: HTTP Basic, from
``KG_SPARQL_USER`` and ``KG_SPARQL_PASSWORD`` in the environment (kept off the
command line, where ``ps`` and shell history would show them), or from
``user:password@`` in the URL (``split_credentials``, which ``kg push`` uses
too). Credentials are sent to the named endpoint only (not across a
redirect to another host) and never printed in messages.
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
        QueryError: the endpoint answered with an error, could not be
            reached, or did not answer whole within ``timeout`` seconds.
    """
    from urllib.parse import urlencode

    url, auth = split_credentials(url)
    accept = "application/n-triples" if info.kind == GRAPH else "application/sparql-results+json"
    body = urlencode({"query": inject_values(info.text or text, bindings)}).encode("utf-8")
    clock = time.perf_counter()
    try:
        payload = send("POST", url, body, {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
                       auth, timeout)
    except RemoteError as e:
        raise QueryError(str(e)) from e
    try:
        results = _parse_remote(info, payload, limit)
    except (SyntaxError, ValueError) as e:
        raise QueryError(f"{url}: the answer is not SPARQL results: {e}") from e
    results.elapsed = time.perf_counter() - clock
    return results


class RemoteError(Exception):
    """A request to another server failed (the callers raise their own kg error from it)."""


def send(method: str, url: str, body: bytes, headers: Mapping[str, str], auth: Any, timeout: float) -> bytes:
    """One HTTP request with httpx; the body of a 2xx answer.

    ``timeout`` covers the whole request, connecting to the last byte of the
    answer (an anyio cancel scope), not each read: a server that trickles
    its answer is cut off. Redirects are followed, and httpx drops the
    credentials when one leads to another host.

    Raises:
        RemoteError: an answer other than 2xx, no answer, or no whole answer in time.
    """
    import anyio
    import httpx

    async def request() -> tuple[int, bytes]:
        async with httpx.AsyncClient(auth=auth, follow_redirects=True, max_redirects=5, trust_env=False) as client:
            response = await client.request(method, url, content=body, headers=dict(headers))
            return response.status_code, response.content

    try:
        status, payload = anyio.run(_within, request, timeout)
    except TimeoutError as e:
        raise RemoteError(f"{method} {url}: no whole answer within {timeout:g} s (--timeout)") from e
    except httpx.HTTPError as e:
        raise RemoteError(f"{method} {url}: cannot reach the server: {type(e).__name__}: {e}") from e
    if not 200 <= status < 300:
        detail = payload[:300].decode("utf-8", "replace").strip()
        raise RemoteError(f"{method} {url}: HTTP {status}: {detail}")
    return payload


async def _within(request: Any, timeout: float) -> Any:
    import anyio

    with anyio.fail_after(timeout):
        return await request()


def _parse_remote(info: Inspected, payload: bytes, limit: int) -> Results:
    import pyoxigraph as ox

    if info.kind == GRAPH:
        return results_of(GRAPH, ox.parse(payload, format=ox.RdfFormat.N_TRIPLES), limit)
    return results_of(info.kind, ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON), limit)


def split_credentials(url: str, environ: Mapping[str, str] | None = None) -> tuple[str, Any]:
    """``url`` without ``user:password@``, and the HTTP Basic credentials to send (an ``httpx.BasicAuth``, or None).

    Raises:
        UsageError: ``url`` is not an http(s) URL, or only one of user and
            password is set. No message shows the password.
    """
    import os
    from urllib.parse import unquote, urlunsplit

    import httpx

    parts = _split(url)
    env = os.environ if environ is None else environ
    user, password = parts.username, parts.password
    if user is None:
        user, password = env.get("KG_SPARQL_USER"), env.get("KG_SPARQL_PASSWORD")
    else:
        user, password = unquote(user), unquote(password or "")
    bare = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))  # host[:port] as written
    if user is None and password is None:
        return bare, None
    if user is None or password is None:
        raise UsageError("set both KG_SPARQL_USER and KG_SPARQL_PASSWORD (or neither)")
    return bare, httpx.BasicAuth(user, password)


def _split(url: str):
    """``urlsplit`` of an http(s) URL with a host and a valid port; errors that never show the password."""
    # The messages below are built from the redacted URL, and the parser's
    # own error (which may quote part of a password) is not chained.
    shown = _redact(url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise UsageError(f"{shown!r} is not a valid URL; a password with / ? # @ or : must be percent-encoded "
                         "(/ as %2F), or given in KG_SPARQL_PASSWORD") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{shown!r} is not an http(s) URL of a SPARQL server")
    if "@" in url.partition("://")[2] and "@" not in parts.netloc:
        raise UsageError(f"{shown!r}: '@' after the host; a password with / ? or # must be percent-encoded "
                         "(/ as %2F), or given in KG_SPARQL_PASSWORD")
    return parts


def _redact(url: str) -> str:
    """``url`` with anything between ``://`` and the last ``@`` before the path shown as ``***``."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    return f"{scheme}://***@{rest.rpartition('@')[2]}"

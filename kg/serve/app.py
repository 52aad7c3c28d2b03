"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint and a query UI, from the standard library.

- ``/sparql``: GET ``?query=``, POST form (``query=``), POST ``application/sparql-query``;
  content negotiation over explicit tables (``SELECT_TYPES``, ``GRAPH_TYPES``).
- Safe by default: binds 127.0.0.1; updates are refused (403); ``SERVICE``,
  ``LOAD`` and ``FROM``/``FROM NAMED`` outside the build are refused (400)
  by parsing the query before anything runs; each query runs in a child
  process killed at the timeout, so one runaway query neither blocks nor
  outlives its time; answers are capped at ``max_rows`` (header ``X-KG-Truncated``).
- ``/``: YASGUI (vendored in ``kg/assets/yasgui``, no CDN) with the saved
  queries as tabs; ``/graph.html``: the build's network viewer.

Status codes: 400 a client error (syntax, refused query, bad request), 403
an update, 404/405/406/413 as usual, 503 timeout or too busy, 500 our fault.
"""

from __future__ import annotations

import json
import sys
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import parse_qs

from kg.errors import QueryError, QueryTimeoutError
from kg.sparql.inspect import inspect_query
from kg.sparql.params import inject_values, to_term
from kg.sparql.results import GRAPH
from kg.sparql.run import DEFAULT_TIMEOUT, MAX_ROWS, run_isolated
from kg.sparql.saved import saved_queries

ASSETS = Path(__file__).resolve().parents[1] / "assets"
# media type -> Results.serialize format, best first (the first is the default).
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "text/plain": "nt",
}
STATIC = {  # path -> (file under kg/assets, media type)
    "/assets/yasgui/yasgui.min.js": ("yasgui/yasgui.min.js", "text/javascript; charset=utf-8"),
    "/assets/yasgui/yasgui.min.css": ("yasgui/yasgui.min.css", "text/css; charset=utf-8"),
    "/assets/yasgui/LICENSE": ("yasgui/LICENSE", "text/plain; charset=utf-8"),
}
MAX_BODY = 1_000_000  # bytes of a POSTed query
SECURITY_HEADERS = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")]


class HttpError(Exception):
    """An HTTP answer other than 200, with a plain-text reason."""

    def __init__(self, status: str, reason: str, headers: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.headers = list(headers)


@dataclass
class SparqlApp:
    """The WSGI application of ``kg serve`` (make one with ``make_app``)."""

    store: Path
    base_iri: str | None
    viewer: Path  # the build's graph.html, served at /graph.html when it is there
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = MAX_ROWS
    max_concurrent: int = 4
    log: Callable[[str], None] = field(default=lambda m: print(m, file=sys.stderr, flush=True))

    def __post_init__(self) -> None:
        self._slots = threading.BoundedSemaphore(self.max_concurrent)

    def __call__(self, environ: dict, start_response) -> list[bytes]:
        try:
            status, headers, body = self.route(environ)
        except HttpError as e:
            status, headers, body = e.status, e.headers + [("Content-Type", "text/plain; charset=utf-8")], (
                e.reason + "\n").encode("utf-8")
        except Exception:  # noqa: BLE001 - our fault: 500, logged with its traceback (never a 400)
            self.log(traceback.format_exc())
            status, headers, body = "500 Internal Server Error", [("Content-Type", "text/plain; charset=utf-8")], (
                b"internal error (see the server log)\n")
        start_response(status, headers + SECURITY_HEADERS + [("Content-Length", str(len(body)))])
        return [body]

    def route(self, environ: dict) -> tuple[str, list, bytes]:
        """Dispatch one request by path and method."""
        path, method = environ.get("PATH_INFO") or "/", environ["REQUEST_METHOD"]
        if path == "/sparql":
            if method not in ("GET", "POST"):
                raise HttpError("405 Method Not Allowed", "use GET or POST", [("Allow", "GET, POST")])
            return self.sparql(environ)
        if method not in ("GET", "HEAD"):
            raise HttpError("405 Method Not Allowed", "use GET", [("Allow", "GET, HEAD")])
        if path in ("/", "/index.html"):
            return "200 OK", [("Content-Type", "text/html; charset=utf-8")], self.ui_page()
        if path in STATIC:
            name, media = STATIC[path]
            return "200 OK", [("Content-Type", media), ("Cache-Control", "max-age=3600")], (ASSETS / name).read_bytes()
        if path == "/graph.html" and self.viewer.is_file():
            return "200 OK", [("Content-Type", "text/html; charset=utf-8")], self.viewer.read_bytes()
        raise HttpError("404 Not Found", f"nothing at {path}; the endpoint is /sparql, the query UI is /")

    # SPARQL 1.1 Protocol

    def sparql(self, environ: dict) -> tuple[str, list, bytes]:
        """Answer one protocol request."""
        params, text = self.read_request(environ)
        if "update" in params:
            raise HttpError("403 Forbidden", "updates are refused: this endpoint is read-only")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            raise HttpError("400 Bad Request", "default-graph-uri and named-graph-uri are not supported; "
                                               "use FROM or GRAPH with this build's graph IRIs in the query")
        if text is None:
            raise HttpError("400 Bad Request", "missing the query: GET /sparql?query=… or POST it")
        try:
            info = inspect_query(text, self.base_iri)
        except QueryError as e:  # a syntax error, or refused (QueryRefusedError): the client's to fix
            raise HttpError("400 Bad Request", str(e)) from e
        media, fmt = negotiate(environ.get("HTTP_ACCEPT", ""), GRAPH_TYPES if info.kind == GRAPH else SELECT_TYPES)
        results = self.run(text, info)
        headers = [("Content-Type", f"{media}; charset=utf-8"), ("X-KG-Elapsed-Ms", f"{results.elapsed * 1000:.0f}")]
        if results.truncated:
            headers.append(("X-KG-Truncated", f"true; the answer was cut at {self.max_rows} rows"))
        return "200 OK", headers, results.serialize(fmt)

    def run(self, text: str, info):
        """Run a query in a child process, a few at a time."""
        if not self._slots.acquire(timeout=self.timeout):
            raise HttpError("503 Service Unavailable", "too many queries running; try again", [("Retry-After", "5")])
        try:
            return run_isolated(self.store, text, info, {}, self.max_rows, self.timeout)
        except QueryTimeoutError as e:
            raise HttpError("503 Service Unavailable", str(e)) from e
        except QueryError as e:  # the store's own parser refused it
            raise HttpError("400 Bad Request", str(e)) from e
        finally:
            self._slots.release()

    def read_request(self, environ: dict) -> tuple[dict[str, list[str]], str | None]:
        """The request's parameters and query text (from the query string, a form, or a direct body)."""
        params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if environ["REQUEST_METHOD"] == "POST":
            media = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
            body = _read_body(environ)
            if media == "application/sparql-query":
                return params, body.decode("utf-8")
            if media == "application/sparql-update":
                raise HttpError("403 Forbidden", "updates are refused: this endpoint is read-only")
            if media != "application/x-www-form-urlencoded":
                raise HttpError("415 Unsupported Media Type", "POST application/sparql-query or a url-encoded form")
            params.update(parse_qs(body.decode("utf-8"), keep_blank_values=True))
        query = params.get("query")
        return params, query[0] if query else None

    # The query UI

    def ui_page(self) -> bytes:
        """YASGUI with the saved queries as tabs, their example parameters bound."""
        config = {"endpoint": "sparql", "viewer": self.viewer.is_file(),
                  "queries": [_tab(q) for q in sorted(saved_queries().values(), key=_tab_order)]}
        # JSON inside <script>: no "</" can close the element early.
        data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
        page = (ASSETS / "query-ui.html").read_text(encoding="utf-8")
        return page.replace("{{KG_CONFIG}}", data).encode("utf-8")


# Saved queries first in this order in the UI (the rest follow by name).
TAB_ORDER = ("partners", "heads", "post_holder", "programmes", "events", "name_history", "most_connected",
             "co_participation", "entity")


def _tab_order(saved) -> tuple[int, str]:
    return (TAB_ORDER.index(saved.name) if saved.name in TAB_ORDER else len(TAB_ORDER), saved.name)


def _tab(saved) -> dict:
    text = saved.text
    examples = {p.name: p.example for p in saved.params if p.required and p.example}
    if examples:  # the example values, bound structurally, so that the tab runs as it is
        text = inject_values(text, {k: [to_term(v, next(p.kind for p in saved.params if p.name == k))]
                                    for k, v in examples.items()})
    return {"name": saved.name, "title": saved.title, "ko": saved.question_ko, "en": saved.question_en, "query": text}


def _read_body(environ: dict) -> bytes:
    try:
        size = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError as e:
        raise HttpError("400 Bad Request", "bad Content-Length") from e
    if size > MAX_BODY:
        raise HttpError("413 Content Too Large", f"the request body is larger than {MAX_BODY} bytes")
    return environ["wsgi.input"].read(size) if size else b""


def negotiate(accept: str, table: dict[str, str]) -> tuple[str, str]:
    """The media type and format for an Accept header (the table's first type when anything goes).

    Raises:
        HttpError: 406 when nothing acceptable is in the table.
    """
    choices = []
    for i, part in enumerate(p.strip() for p in accept.split(",") if p.strip()):
        media, *options = [x.strip() for x in part.split(";")]
        q = 1.0
        for opt in options:
            if opt.startswith("q="):
                try:
                    q = float(opt[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media.lower()))
    if not choices:
        choices = [(-1.0, 0, "*/*")]
    for negq, _, media in sorted(choices):
        if negq == 0:
            break
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*"):
            family = media.split("/")[0]
            for candidate in table:
                if family == "*" or candidate.startswith(family + "/"):
                    return candidate, table[candidate]
    raise HttpError("406 Not Acceptable", "acceptable types: " + ", ".join(table))


def make_app(store: str | Path = "build", timeout: float = DEFAULT_TIMEOUT, max_rows: int = MAX_ROWS,
             max_concurrent: int = 4) -> SparqlApp:
    """The ``kg serve`` application for a build folder (or its ``store/``).

    Raises:
        StoreError: there is no store there.
    """
    from kg.store.build_dir import BuildDir
    from kg.store.open import build_base_iri, open_store

    with open_store(store) as opened:
        base = build_base_iri(opened)
    build = BuildDir.of(store)
    return SparqlApp(build.store, base, build.viewer, timeout=timeout, max_rows=max_rows, max_concurrent=max_concurrent)


def serve(app: SparqlApp, host: str = "127.0.0.1", port: int = 7878,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve ``app`` until interrupted (threads: a slow query does not hold up the others)."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    class Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
            app.log(f"{self.address_string()} {format % args}")

    httpd = make_server(host, port, app, server_class=Server, handler_class=Quiet)
    with httpd:
        name = f"[{host}]" if ":" in host else host
        if ready:
            ready(f"http://{name}:{httpd.server_address[1]}/")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass

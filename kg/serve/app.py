"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint and a query UI, a WSGI app on waitress.

- ``/sparql``: GET ``?query=``, POST form (``query=``), POST ``application/sparql-query``;
  content negotiation over explicit tables (``SELECT_TYPES``, ``GRAPH_TYPES``).
- Safe by default (``SECURITY.md``): binds 127.0.0.1; updates are refused
  (403); ``SERVICE``, ``LOAD`` and ``FROM``/``FROM NAMED`` outside the build
  are refused (400); queries run in a pool of warm processes without a
  network (``kg.sparql.pool``), each killed and replaced at the timeout or
  its memory limit, with a reserve for short queries while long ones run;
  answers are capped at ``max_rows`` rows and ``max_bytes`` bytes (header
  ``X-KG-Truncated``); ``Host`` and ``Origin`` are checked (DNS rebinding,
  cross-site requests); the UI has a Content-Security-Policy.
- ``/``: YASGUI (vendored in ``kg/assets/yasgui``, no CDN) with the saved
  queries as tabs (``kg/assets/query-ui.js``); ``/names?prefix=``: entity
  names for its completion (``kg.serve.names``); ``/graph.html``: the
  build's network viewer.
- ``/entity/<id>``, ``/article/<id>``, ``/search``, ``/timeline``: the
  explorer's pages (``kg.serve.pages``), server-rendered, with no script.

Status codes: 400 a client error (syntax, refused query, bad request, bad
Host), 403 an update or a cross-site request, 404/405/406/411/413 as usual,
503 timeout, memory limit or too busy, 500 our fault.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import parse_qs

from kg.errors import FormatError, QueryBusyError, QueryError, QueryLimitError, QueryTimeoutError, UsageError
from kg.render.viewer import SERVED_MARK
from kg.serve import names
from kg.serve.pages import Pages
from kg.serve.http import MAX_BODY, HttpError, asset, check_host, check_origin, decode, negotiate, read_body
from kg.sparql.params import inject_values, to_term
from kg.sparql.pool import Limits, QueryPool
from kg.sparql.results import ASK, GRAPH, SELECT
from kg.sparql.saved import saved_queries
from kg.sparql.worker import Answer, Job

# media type -> Results.serialize format, best first (the first is the default).
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
# Turtle first: what */* gets (SPARQLWrapper's and rdflib's defaults ask for RDF/XML by name).
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/rdf+xml": "rdf-xml",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "text/plain": "nt",
}
STATIC = {  # path -> (file under kg/assets, media type)
    "/assets/yasgui/yasgui.min.js": ("yasgui/yasgui.min.js", "text/javascript; charset=utf-8"),
    "/assets/yasgui/yasgui.min.css": ("yasgui/yasgui.min.css", "text/css; charset=utf-8"),
    "/assets/yasgui/LICENSE": ("yasgui/LICENSE", "text/plain; charset=utf-8"),
    "/assets/query-ui.js": ("query-ui.js", "text/javascript; charset=utf-8"),
}
SECURITY_HEADERS = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
                    ("X-Frame-Options", "DENY")]
# The UI: its own files, no inline script (its settings are JSON data); YASGUI sets styles from script.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")


@dataclass
class SparqlApp:
    """The WSGI application of ``kg serve`` (make one with ``make_app``)."""

    pool: QueryPool
    base_iri: str | None
    viewer: Path  # the build's graph.html, served at /graph.html when it is there
    limits: Limits = field(default_factory=Limits)
    allowed_hosts: frozenset[str] = frozenset()
    log: Callable[[str], None] = field(default=lambda m: print(m, file=sys.stderr, flush=True))
    pages: Pages | None = None  # the explorer pages (kg.serve.pages)
    _marked: tuple = field(default=(None, b""), repr=False)  # (the viewer file's identity, its marked bytes)

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        try:
            check_host(environ, self.allowed_hosts)
            status, headers, body = self.route(environ)
        except HttpError as e:
            status, headers, body = e.status, e.headers + [("Content-Type", "text/plain; charset=utf-8")], (
                e.reason + "\n").encode("utf-8")
        except Exception:  # noqa: BLE001 - our fault: 500, logged with its traceback (never a 400)
            self.log(traceback.format_exc())
            status, headers, body = "500 Internal Server Error", [("Content-Type", "text/plain; charset=utf-8")], (
                b"internal error (see the server log)\n")
        start_response(status, headers + SECURITY_HEADERS + [("Content-Length", str(len(body)))])
        self.log(f"{environ.get('REMOTE_ADDR', '-')} {environ['REQUEST_METHOD']} {environ.get('PATH_INFO', '')} "
                 f"{status.split()[0]} {len(body)}")
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def route(self, environ: dict) -> tuple[str, list, bytes]:
        """Dispatch one request by path and method."""
        path, method = environ.get("PATH_INFO") or "/", environ["REQUEST_METHOD"]
        if path == "/sparql":
            if method not in ("GET", "POST"):
                raise HttpError("405 Method Not Allowed", "use GET or POST", [("Allow", "GET, POST")])
            if method == "POST":
                check_origin(environ)
            return self.sparql(environ)
        if method not in ("GET", "HEAD"):
            raise HttpError("405 Method Not Allowed", "use GET", [("Allow", "GET, HEAD")])
        if path in ("/", "/index.html"):
            return "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", CSP)], (
                self.ui_page())
        if path == "/names":
            return self.names(environ)
        if path in STATIC:
            name, media = STATIC[path]
            return "200 OK", [("Content-Type", media), ("Cache-Control", "max-age=3600")], asset(name)
        if self.pages is not None and self.pages.handles(path):
            return self.pages.answer(path, environ.get("QUERY_STRING", ""))
        if path == "/graph.html" and self.viewer.is_file():
            return "200 OK", [("Content-Type", "text/html; charset=utf-8")], self.marked_viewer()
        raise HttpError("404 Not Found", f"nothing at {path}; the endpoint is /sparql, the query UI is /")

    def marked_viewer(self) -> bytes:
        """The build's viewer marked as served (a click there opens the entity's page), read once per version.

        The file is read and marked again only when it changes (a new build publishes another file
        behind the same path): megabytes at a large build are not copied on every request.
        """
        stat = self.viewer.stat()
        identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        seen, body = self._marked
        if seen != identity:
            body = self.viewer.read_bytes().replace(*SERVED_MARK, 1)
            self._marked = (identity, body)  # one assignment: threads see the old pair or the new one
        return body

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
        chosen = _formats(environ.get("HTTP_ACCEPT", ""))
        answer = self.run(text, {kind: fmt for kind, (_, fmt) in chosen.items()})
        headers = [("Content-Type", f"{chosen[answer.kind][0]}; charset=utf-8"),
                   ("X-KG-Elapsed-Ms", f"{answer.elapsed * 1000:.0f}")]
        if answer.truncated:
            cap = f"{self.limits.max_rows} rows" if answer.truncated == "rows" else f"{self.limits.max_bytes} bytes"
            headers.append(("X-KG-Truncated", f"true; the answer was cut at {cap}"))
        return "200 OK", headers, answer.body

    def run(self, text: str, formats: dict[str, str], params: dict | None = None, declared: tuple = (),
            limit: int | None = None) -> Answer:
        """Run a query on the pool; its errors as HTTP answers."""
        if not formats:
            raise HttpError("406 Not Acceptable", "acceptable types: " + ", ".join({**SELECT_TYPES, **GRAPH_TYPES}))
        job = Job(text, self.base_iri, params or {}, declared, limit or self.limits.max_rows, self.limits.max_bytes,
                  formats)
        try:
            return self.pool.run(job)
        except QueryBusyError as e:
            raise HttpError("503 Service Unavailable", str(e), [("Retry-After", "5")]) from e
        except (QueryTimeoutError, QueryLimitError) as e:
            raise HttpError("503 Service Unavailable", str(e)) from e
        except FormatError as e:
            table = GRAPH_TYPES if GRAPH not in formats else SELECT_TYPES
            raise HttpError("406 Not Acceptable", "acceptable types for this query: " + ", ".join(table)) from e
        except (QueryError, UsageError) as e:  # syntax or refused: the client's to fix
            raise HttpError("400 Bad Request", str(e)) from e

    def read_request(self, environ: dict) -> tuple[dict[str, list[str]], str | None]:
        """The request's parameters and query text (from the query string, a form, or a direct body)."""
        params = _parse_qs(environ.get("QUERY_STRING", ""), "query string")
        if environ["REQUEST_METHOD"] == "POST":
            media = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
            body = read_body(environ)
            if media == "application/sparql-query":
                return params, decode(body, "query")
            if media == "application/sparql-update":
                raise HttpError("403 Forbidden", "updates are refused: this endpoint is read-only")
            if media != "application/x-www-form-urlencoded":
                raise HttpError("415 Unsupported Media Type", "POST application/sparql-query or a url-encoded form")
            params.update(_parse_qs(decode(body, "form"), "form"))
        query = params.get("query")
        return params, query[0] if query else None

    def names(self, environ: dict) -> tuple[str, list, bytes]:
        """A few entity names that start with ``?prefix=`` (``kg.serve.names``), for the UI's completion."""
        prefix = names.name_prefix(environ.get("QUERY_STRING", ""))
        answer = self.run(names.NAMES_QUERY, names.FORMATS, names.names_params(prefix, self.base_iri), names.PARAMS,
                          names.MAX_NAMES) if prefix else None
        return "200 OK", [("Content-Type", "application/json; charset=utf-8")], names.names_body(
            answer.body if answer else None)

    # The query UI

    def ui_page(self) -> bytes:
        """YASGUI with the saved queries as tabs, their example parameters bound."""
        from kg.rdf.namespaces import PREFIXES
        from kg.resolve.table import TYPE_PATHS

        config = {"endpoint": "sparql", "viewer": self.viewer.is_file(), "names": "names",
                  "base": self.base_iri, "entityPaths": sorted(TYPE_PATHS.values()), "prefixes": dict(PREFIXES),
                  "queries": [_tab(q) for q in sorted(saved_queries().values(), key=_tab_order)]}
        # JSON inside <script>: no "</" can close the element early.
        data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
        page = asset("query-ui.html").decode("utf-8")
        return page.replace("{{KG_CONFIG}}", data).encode("utf-8")


def _parse_qs(text: str, what: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as e:
        raise HttpError("400 Bad Request", f"the {what} is not UTF-8 once %-decoded: send UTF-8") from e


def _formats(accept: str) -> dict[str, tuple[str, str]]:
    """The media type and format for each kind of answer that ``accept`` allows (none acceptable: left out)."""
    out = {}
    for kinds, table in (((SELECT, ASK), SELECT_TYPES), ((GRAPH,), GRAPH_TYPES)):
        try:
            chosen = negotiate(accept, table)
        except HttpError:
            continue
        out.update({kind: chosen for kind in kinds})
    return out


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


def make_app(store: str | Path = "build", limits: Limits = Limits(), workers: int = 4, reserve: int = 2,
             short_timeout: float = 1.0, allowed_hosts: Iterable[str] = (),
             log: Callable[[str], None] | None = None) -> SparqlApp:
    """The ``kg serve`` application for a build folder (or its ``store/``), its query processes started.

    Raises:
        StoreError: there is no store there, or a query process cannot open it.
    """
    from kg.store.build_dir import BuildDir
    from kg.store.open import build_base_iri, open_store

    with open_store(store) as opened:
        base = build_base_iri(opened)
    build = BuildDir.of(store)
    say = log or (lambda m: print(m, file=sys.stderr, flush=True))
    pool = QueryPool(build.store, workers=workers, reserve=reserve, limits=limits, short_timeout=short_timeout,
                     log=say)
    for how in pool.isolation - {"namespace"}:
        say(f"kg: warning: query processes are cut off from the network by Python only ({how}); "
            "queries are still checked for SERVICE before they run")
    return SparqlApp(pool, base, build.viewer, limits, frozenset(h.lower() for h in allowed_hosts), say,
                     Pages.open(build.store, base, say))


def start_urls(app: SparqlApp, url: str) -> dict[str, str]:
    """What to print when the server is up: the query UI, the endpoint, the search and the viewer (if built)."""
    urls = {"query UI": url, "SPARQL endpoint": f"{url}sparql", "search": f"{url}search"}
    if app.viewer.is_file():
        urls["network viewer"] = f"{url}graph.html"
    return urls


def serve(app: SparqlApp, host: str = "127.0.0.1", port: int = 7878, threads: int = 16,
          idle_timeout: float = 30.0, ready: Callable[[str], None] | None = None) -> None:
    """Serve ``app`` on waitress until interrupted, then stop its query processes.

    waitress reads each request whole before a thread runs the app, and
    writes answers from a buffer, so a slow client holds no thread; a
    connection idle for ``idle_timeout`` seconds is closed.
    """
    from waitress import create_server
    from waitress.server import MultiSocketServer

    server = create_server(app, host=host, port=port, threads=threads, channel_timeout=idle_timeout,
                           cleanup_interval=max(1.0, min(30.0, idle_timeout / 2)),
                           max_request_body_size=MAX_BODY, ident="kg", clear_untrusted_proxy_headers=True,
                           expose_tracebacks=False)
    assert not isinstance(server, MultiSocketServer)  # one host, one socket
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # every address: give one a browser can open
    name = f"[{host}]" if ":" in host else host
    if threading.current_thread() is threading.main_thread():  # stop the query processes on SIGTERM too
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        if ready:
            ready(f"http://{name}:{server.effective_port}/")
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        app.pool.close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt

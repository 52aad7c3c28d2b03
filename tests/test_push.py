"""`kg push` to a real Oxigraph server (PyPI `oxigraph`) on loopback: idempotent, and queryable."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.request import Request, urlopen

import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef

from kg.cli import main
from kg.errors import PushError, UsageError
from kg.export.push import push
from kg.sparql import query, saved_query
from kg.sparql.remote import split_credentials
from kg.rdf.datasets import isomorphic_datasets
from tests.support.tools import require_tool



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph(tmp_path):
    """``oxigraph serve`` on a free loopback port with an empty store; yields its base URL."""
    exe = require_tool("oxigraph", str(Path(sys.executable).parent / "oxigraph"))
    port = _free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "oxi"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def server_dataset(url: str) -> Dataset:
    """Everything the server holds, as an rdflib Dataset."""
    with urlopen(Request(f"{url}/store", headers={"Accept": "application/n-quads"}), timeout=30) as r:
        data = r.read().decode("utf-8")
    ds = Dataset()
    ds.parse(data=data, format="nquads")
    return ds


def store_dataset(build: Path) -> Dataset:
    """The embedded store's contents (Oxigraph keeps xsd:nonNegativeInteger as xsd:integer, so not kg.trig)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(build / "store"))
    ds = Dataset()
    ds.parse(data=ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    return ds


@pytest.mark.slow
def test_push_twice_leaves_the_same_contents(oxigraph, handmade_build):
    first = push(f"{oxigraph}/store", handmade_build)
    after_first = server_dataset(oxigraph)
    second = push(f"{oxigraph}/store", handmade_build)
    after_second = server_dataset(oxigraph)
    local = store_dataset(handmade_build)
    assert first.graphs == second.graphs == 8  # five articles, the entity, build and derived graphs
    assert first.quads == second.quads == len(list(local.quads()))
    assert len(list(after_second.quads())) == len(list(after_first.quads())) == first.quads
    assert isomorphic_datasets(after_first, after_second)
    assert isomorphic_datasets(after_second, local)


@pytest.mark.slow
@pytest.mark.parametrize("name, params", [
    ("partners", {"org": "한빛진흥원"}),
    ("heads", {"org": "한빛산업진흥원"}),
    ("post_holder", {"org": "한빛진흥원", "post": "원장", "on": "2024-03-01"}),
    ("most_connected", {}),
    ("name_history", {"org": "가람대학교"}),
    ("entity", {"name": "누리바이오협회"}),
    ("events", {}),
    ("programmes", {"org": "누리협회"}),
    ("co_participation", {}),
])
def test_saved_query_on_the_server_matches_the_embedded_store(oxigraph, handmade_build, name, params):
    push(f"{oxigraph}/store", handmade_build)
    remote = query(saved_query(name), f"{oxigraph}/query", params=params)
    local = query(saved_query(name), handmade_build, params=params)
    assert local.rows and remote.columns == local.columns and remote.rows == local.rows


@pytest.mark.slow
def test_cli_push(oxigraph, handmade_build):
    result = CliRunner().invoke(main, ["push", f"{oxigraph}/store", "--store", str(handmade_build)])
    assert result.exit_code == 0, result.output
    assert "pushed 8 graphs" in result.stderr


def test_unreachable_server_and_bad_url(handmade_build):
    with pytest.raises(PushError, match="cannot reach"):
        push(f"http://127.0.0.1:{_free_port()}/store", handmade_build, timeout=5)
    with pytest.raises(UsageError, match="http"):
        push("ftp://example.org/store", handmade_build)
    result = CliRunner().invoke(main, ["push", f"http://127.0.0.1:{_free_port()}/store", "--store", str(handmade_build)])
    assert result.exit_code == 2 and "cannot reach" in result.stderr


BASIC_KIM = "Basic 6rmAOuu5hOuwgCBwYXNz"  # base64 of "김:비밀 pass" in UTF-8


@pytest.mark.parametrize("url, env, bare, header", [
    ("http://h:7878/store", {}, "http://h:7878/store", None),
    ("http://h:7878/store", {"KG_SPARQL_USER": "김", "KG_SPARQL_PASSWORD": "비밀 pass"}, "http://h:7878/store", BASIC_KIM),
    ("http://%EA%B9%80:%EB%B9%84%EB%B0%80%20pass@h:7878/store?x=1", {}, "http://h:7878/store?x=1", BASIC_KIM),
    ("https://u:p@h/data", {"KG_SPARQL_USER": "other", "KG_SPARQL_PASSWORD": "x"}, "https://h/data", "Basic dTpw"),
    ("http://u:p@[::1]:7878/store", {}, "http://[::1]:7878/store", "Basic dTpw"),
])
def test_credentials_from_the_environment_or_the_url(url, env, bare, header):
    import httpx

    got, auth = split_credentials(url, env)
    sent = next(auth.auth_flow(httpx.Request("GET", got))).headers.get("Authorization") if auth else None
    assert (got, sent) == (bare, header)


@pytest.mark.parametrize("url, env, message", [
    ("ftp://u:secret@h/store", {}, "http"),
    ("http://h/store", {"KG_SPARQL_USER": "u"}, "both"),
    ("http://u:s3c/r3t@h:7878/store", {}, "percent-encoded"),  # an unencoded / in the password
    ("http://u:s3c?r3t@h/store", {}, "percent-encoded"),
    ("http://u:s3cr3t@h:port/store", {}, "not a valid URL"),
])
def test_bad_credentials_are_refused_without_echoing_the_password(url, env, message):
    with pytest.raises(UsageError, match=message) as caught:
        split_credentials(url, env)
    shown = "".join(traceback.format_exception(caught.value))  # what a traceback would print
    assert "s3c" not in shown and "r3t" not in shown and "secret" not in shown


@pytest.fixture
def guarded_server():
    """A Graph Store endpoint on loopback that wants Basic "kg:s3cret"; records what it was sent."""
    received: list[tuple[str, str | None]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self):  # noqa: N802 - http.server's naming
            self.rfile.read(int(self.headers["Content-Length"]))
            auth = self.headers.get("Authorization")
            received.append((self.path, auth))
            self.send_response(204 if auth == "Basic a2c6czNjcmV0" else 401)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/store", received
    finally:
        server.shutdown()
        server.server_close()


def test_push_sends_basic_auth_from_the_environment(guarded_server, handmade_build, monkeypatch):
    url, received = guarded_server
    monkeypatch.delenv("KG_SPARQL_USER", raising=False)
    monkeypatch.delenv("KG_SPARQL_PASSWORD", raising=False)
    with pytest.raises(PushError, match="HTTP 401"):
        push(url, handmade_build)
    monkeypatch.setenv("KG_SPARQL_USER", "kg")
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "s3cret")
    report = push(url, handmade_build)
    assert report.graphs == 8 and all(auth == "Basic a2c6czNjcmV0" for _, auth in received[1:])
    assert all(path.startswith("/store?graph=") for path, _ in received)


def test_push_never_prints_the_password(guarded_server, handmade_build, monkeypatch):
    url, _ = guarded_server
    monkeypatch.delenv("KG_SPARQL_USER", raising=False)
    monkeypatch.delenv("KG_SPARQL_PASSWORD", raising=False)
    with_login = url.replace("http://", "http://kg:s3cret@")
    result = CliRunner().invoke(main, ["push", with_login, "--store", str(handmade_build)])
    assert result.exit_code == 0 and "pushed 8 graphs" in result.stderr and url in result.stderr
    wrong = with_login.replace("s3cret", "wr0ng")
    result = CliRunner().invoke(main, ["push", wrong, "--store", str(handmade_build)])
    assert result.exit_code == 2 and "HTTP 401" in result.stderr
    unreachable = f"http://kg:s3cret@127.0.0.1:{_free_port()}/store"
    result = CliRunner().invoke(main, ["push", unreachable, "--store", str(handmade_build)])
    assert result.exit_code == 2
    for output in (result.output, result.stderr):
        assert "s3cret" not in output and "wr0ng" not in output


@pytest.fixture
def redirecting_pair():
    """Two loopback servers: 127.0.0.1 redirects every request to ``localhost`` (another host), which answers.

    Yields the first URL and the Authorization headers each one received.
    """
    seen: dict[str, list] = {"first": [], "second": []}
    servers = []

    def handler(name: str, answer):
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers["Content-Length"]))
                seen[name].append(self.headers.get("Authorization"))
                answer(self)

            def log_message(self, *args):
                pass
        return Handler

    def answer_second(h):
        body = b'{"head": {}, "boolean": true}'
        h.send_response(200)
        h.send_header("Content-Type", "application/sparql-results+json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    second = ThreadingHTTPServer(("127.0.0.1", 0), handler("second", answer_second))

    def answer_first(h):
        h.send_response(307)
        h.send_header("Location", f"http://localhost:{second.server_address[1]}/sparql")
        h.send_header("Content-Length", "0")
        h.end_headers()

    first = ThreadingHTTPServer(("127.0.0.1", 0), handler("first", answer_first))
    servers = [first, second]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{first.server_address[1]}/sparql", seen
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def test_credentials_are_not_sent_across_hosts_on_a_redirect(redirecting_pair, monkeypatch):
    url, seen = redirecting_pair
    monkeypatch.setenv("KG_SPARQL_USER", "kg")
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "s3cret")
    assert query("ASK { ?s ?p ?o }", url).boolean is True
    assert seen["first"] == ["Basic a2c6czNjcmV0"] and seen["second"] == [None]


@pytest.fixture
def trickling_server():
    """A loopback server that answers one byte every 0.3 s, for a long time; yields its URL."""
    stop = threading.Event()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                conn.recv(65536)
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + b"X-Slow: " + b"." * 200:
                    if stop.wait(0.3):
                        break
                    try:
                        conn.sendall(bytes([byte]))
                    except OSError:
                        break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


@pytest.mark.slow
def test_timeout_covers_the_whole_request(trickling_server, handmade_build):
    from kg.errors import QueryError

    start = time.monotonic()
    with pytest.raises(QueryError, match="within 1 s"):
        query("ASK { ?s ?p ?o }", trickling_server, timeout=1)
    with pytest.raises(PushError, match="within 1 s"):
        push(trickling_server, handmade_build, timeout=1)
    assert time.monotonic() - start < 4


FOREIGN = ("https://example.org/theirs", "https://w3id.org/kgkr/id/notes")  # not graphs of the build's space


def server_graph_names(url: str) -> set[str]:
    return {str(g.identifier) for g in server_dataset(url).graphs() if str(g.identifier).startswith("http")}


def smaller_build(handmade_build: Path, folder: Path, article: str) -> Path:
    """The handmade build without one article, its derived graph rewritten (as a build without it would)."""
    import shutil

    import pyoxigraph as ox

    from kg.rdf.iris import Iris
    from kg.store.derived import derive_store

    shutil.copytree(handmade_build / "store", folder / "store")
    store = ox.Store(str(folder / "store"))
    store.remove_graph(ox.NamedNode(str(Iris().graph(article))))
    del store
    derive_store(folder / "store")
    return folder


@pytest.mark.slow
def test_push_prune_leaves_exactly_the_builds_graphs(oxigraph, handmade_build, tmp_path):
    for name in FOREIGN:
        urlopen(Request(f"{oxigraph}/store?graph={name}", data=b"<urn:a> <urn:b> <urn:c> .\n", method="PUT",
                        headers={"Content-Type": "application/n-triples"}), timeout=30).close()
    push(f"{oxigraph}/store", handmade_build)
    gone = "https://w3id.org/kgkr/id/graph/article/a2"
    assert gone in server_graph_names(oxigraph)
    smaller = smaller_build(handmade_build, tmp_path / "smaller", "a2")
    kept = push(f"{oxigraph}/store", smaller)  # without --prune: the old graph stays
    assert kept.pruned == 0 and gone in server_graph_names(oxigraph)
    report = push(f"{oxigraph}/store", smaller, prune=True)
    local = store_dataset(smaller)
    names = {str(g.identifier) for g in local.graphs() if str(g.identifier).startswith("http")}
    assert report.pruned == 1 and gone not in names
    assert server_graph_names(oxigraph) == names | set(FOREIGN)
    server = server_dataset(oxigraph)
    for name in FOREIGN:
        server.remove_graph(server.graph(URIRef(name)))
    assert isomorphic_datasets(server, local)


@pytest.mark.slow
def test_cli_push_prune(oxigraph, handmade_build, tmp_path):
    push(f"{oxigraph}/store", handmade_build)
    smaller = smaller_build(handmade_build, tmp_path / "smaller", "a3")
    result = CliRunner().invoke(main, ["push", f"{oxigraph}/store", "--store", str(smaller), "--prune",
                                       "--query-url", f"{oxigraph}/query"])
    assert result.exit_code == 0, result.output
    assert "pushed 7 graphs" in result.stderr and "deleted 1 graphs" in result.stderr
    assert "https://w3id.org/kgkr/id/graph/article/a3" not in server_graph_names(oxigraph)


@pytest.mark.parametrize("url, expected", [
    ("http://h:7878/store", "http://h:7878/query"),
    ("http://u:p@h:3030/ds/data", "http://u:p@h:3030/ds/sparql"),
    ("http://h:7200/repositories/kg/rdf-graphs/service", "http://h:7200/repositories/kg"),
    ("http://h:8890/sparql-graph-crud-auth", "http://h:8890/sparql"),
])
def test_the_query_endpoint_beside_a_graph_store(url, expected):
    from kg.export.push import query_endpoint_of

    assert query_endpoint_of(url) == expected


def test_prune_without_a_known_query_endpoint_is_a_usage_error(handmade_build):
    with pytest.raises(UsageError, match="--query-url"):
        push("http://127.0.0.1:9/gsp", handmade_build, prune=True)

"""`kg serve` as a real subprocess on a free port, spoken to over HTTP (SPARQL 1.1 Protocol)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import threading
import time
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from kg.cli import main
from tests.support.queries import RUNAWAY
from tests.support.serving import Listener, get, http, post_form, running_server

pytestmark = pytest.mark.slow

LABELS = ("SELECT ?e ?label WHERE { GRAPH ?g { ?e kg:entityKind \"Organization\" ; skos:prefLabel ?label } } "
          "ORDER BY ?label")
CONSTRUCT = ("CONSTRUCT { ?e skos:prefLabel ?label } WHERE { GRAPH ?g { ?e kg:entityKind \"Organization\" ; "
             "skos:prefLabel ?label } }")

# Clients that check the query themselves need the prefixes written out.
PREFIXES = ("PREFIX kg: <https://w3id.org/kgkr/ns#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")

SERVER_PID: dict[str, int] = {}


@pytest.fixture(scope="module")
def server(handmade_server):
    """The base URL of ``kg serve`` on the hand-made build (``tests/conftest.py``)."""
    url, proc = handmade_server
    SERVER_PID[url] = proc.pid
    return url


def test_select_in_each_result_format(server):
    status, headers, body = get(server, LABELS)
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    labels = [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert labels == ["가람대학교", "가람대학교 산학협력단", "누리바이오협회", "창업보육센터", "한빛산업진흥원"]
    status, headers, body = get(server, LABELS, "application/sparql-results+xml")
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert status == 200 and len(ET.fromstring(body).findall(".//s:result", ns)) == 5
    status, headers, body = get(server, LABELS, "text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert headers["Content-Type"].startswith("text/csv") and [r[1] for r in rows[1:]] == labels
    status, headers, body = get(server, LABELS, "text/tab-separated-values")
    assert body.decode("utf-8").splitlines()[1].endswith('\t"가람대학교"@ko')


def test_ask_and_graph_formats(server):
    status, _, body = get(server, "ASK { ?s ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is True
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")):
        status, headers, body = get(server, CONSTRUCT, accept)
        assert status == 200 and headers["Content-Type"].startswith(accept)
        assert len(Graph().parse(data=body.decode("utf-8"), format=fmt)) == 5


def test_get_post_form_and_direct_post_agree(server):
    direct = http(f"{server}sparql", LABELS.encode(), {"Content-Type": "application/sparql-query",
                                                       "Accept": "application/sparql-results+json"})
    assert get(server, LABELS)[2] == post_form(server, LABELS)[2] == direct[2]


def test_sparqlwrapper_client(server):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{server}sparql")
    client.setQuery("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT (COUNT(*) AS ?n) "
                    "WHERE { GRAPH ?g { ?e skos:prefLabel \"누리바이오협회\"@ko } }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "1"


@pytest.mark.parametrize("accept, fmt", [
    ("application/rdf+xml", "xml"),
    ("*/*", "turtle"),  # anything goes: Turtle
    ("application/sparql-results+json, */*;q=0.1", "turtle"),
])
def test_construct_and_describe_in_rdf_xml_or_turtle(server, accept, fmt):
    status, headers, body = get(server, CONSTRUCT, accept)
    media = {"xml": "application/rdf+xml", "turtle": "text/turtle"}[fmt]
    assert status == 200 and headers["Content-Type"].startswith(media), body
    assert len(Graph().parse(data=body.decode("utf-8"), format=fmt)) == 5
    describe = "DESCRIBE ?e WHERE { GRAPH ?g { ?e skos:prefLabel \"누리바이오협회\"@ko } }"
    status, headers, body = get(server, describe, accept)
    assert status == 200 and headers["Content-Type"].startswith(media)
    assert Graph().parse(data=body.decode("utf-8"), format=fmt).value(
        predicate=SKOS.prefLabel, object=Literal("누리바이오협회", lang="ko")) is not None


def test_sparqlwrapper_construct_with_default_settings(server):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(f"{server}sparql")  # XML by default: RDF/XML for CONSTRUCT, parsed into a Graph
    client.setQuery(PREFIXES + CONSTRUCT)
    graph = client.query().convert()
    assert isinstance(graph, Graph) and len(graph) == 5
    assert Literal("누리바이오협회", lang="ko") in set(graph.objects(None, SKOS.prefLabel))


def test_rdflib_sparqlstore_construct_and_select(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(query_endpoint=f"{server}sparql")  # its defaults: GET, XML
    graph = Graph(store=store)
    try:
        constructed = graph.query(PREFIXES + CONSTRUCT).graph
        labels = sorted(str(row[0]) for row in graph.query(PREFIXES + LABELS.replace("?e ?label", "?label")))
    finally:
        store.close()
    assert len(constructed) == 5
    assert labels == ["가람대학교", "가람대학교 산학협력단", "누리바이오협회", "창업보육센터", "한빛산업진흥원"]


@pytest.mark.parametrize("send", [
    lambda s: post_form(s, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", key="update"),
    lambda s: http(f"{s}sparql", b"DROP ALL", {"Content-Type": "application/sparql-update"}),
])
def test_update_operations_are_forbidden(server, send):
    status, _, body = send(server)
    assert status == 403 and b"read-only" in body
    assert json.loads(get(server, "ASK { <urn:a> <urn:b> <urn:c> }")[2])["boolean"] is False


@pytest.mark.parametrize("template, why", [
    ("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}", "SERVICE is refused"),
    ("LOAD <http://127.0.0.1:{port}/data.ttl>", "LOAD"),
    ("SELECT * FROM <http://127.0.0.1:{port}/g> WHERE {{ ?s ?p ?o }}", "FROM <http://127.0.0.1"),
    ("SELECT * FROM NAMED <http://127.0.0.1:{port}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "FROM <http://127.0.0.1"),
    ("SELECT * FROM <file:///etc/passwd> WHERE {{ ?s ?p ?o }}", "FROM <file:///etc/passwd> is refused"),
])
def test_outbound_queries_are_refused_and_nothing_is_fetched(server, template, why):
    listener = Listener()
    status, _, body = post_form(server, template.format(port=listener.port))
    assert listener.close() == 0
    assert status == 400 and why in body.decode("utf-8")


def test_syntax_error_is_400_with_position(server):
    status, _, body = get(server, "SELECT * WHERE { ?s ?p }")
    assert status == 400 and b"line 1, column" in body


def _children(pid: int) -> set[int]:
    """All descendants of a process (Linux /proc)."""
    out, todo = set(), [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            kids = (task / "children").read_text().split() if (task / "children").exists() else []
            out.update(int(k) for k in kids)
            todo.extend(int(k) for k in kids)
    return out


def test_runaway_query_stops_at_the_timeout_while_others_are_answered(server):
    outcome = {}

    def runaway() -> None:
        start = time.monotonic()
        outcome["status"], _, outcome["body"] = get(server, RUNAWAY)
        outcome["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)
    start = time.monotonic()
    status, _, body = get(server, "ASK { ?s ?p ?o }")
    answered_in = time.monotonic() - start
    assert status == 200 and json.loads(body)["boolean"] is True
    assert "status" not in outcome, "the runaway query should still be running"
    thread.join(30)
    assert outcome["status"] == 503 and b"stopped after 2 s" in outcome["body"]
    assert answered_in < 1.5 < outcome["seconds"] < 10


def test_no_query_process_is_left_running(server):
    before = _children(SERVER_PID[server])
    get(server, RUNAWAY)
    # The killed process is gone and one other took its place: as many as before (the zygote and the pool).
    # (The new one may take a moment on a busy machine: waited for, at most 10 s.)
    deadline = time.monotonic() + 10
    while True:
        time.sleep(0.25)
        after = _children(SERVER_PID[server])
        if (len(after) == len(before) and after != before) or time.monotonic() > deadline:
            break
    assert len(after) == len(before) == 1 + 4 + 2 and after != before


def test_row_cap_is_announced(server):
    status, headers, body = get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and "50" in headers["X-KG-Truncated"]
    assert len(json.loads(body)["results"]["bindings"]) == 50


@pytest.mark.parametrize("path, method, accept, status", [
    ("nothing-here", "GET", "*/*", 404),
    ("sparql", "PUT", "*/*", 405),
    ("sparql?query=ASK%7B%7D", "GET", "image/png", 406),
    ("sparql", "GET", "*/*", 400),  # no query
    ("sparql?query=ASK%7B%7D&default-graph-uri=http%3A%2F%2F127.0.0.1%2Fg", "GET", "*/*", 400),
])
def test_client_errors(server, path, method, accept, status):
    assert http(server + path, b"" if method == "PUT" else None, {"Accept": accept}, method)[0] == status


def test_help_says_why_loopback():
    help_text = main.commands["serve"].params
    host = next(p for p in help_text if p.name == "host")
    assert host.default == "127.0.0.1" and "127.0.0.1 keeps the endpoint to this machine" in host.help


def test_start_up_prints_the_addresses_and_open_starts_a_browser(handmade_build, tmp_path):
    build = tmp_path / "build"
    shutil.copytree(handmade_build, build)
    viewer = '<!DOCTYPE html><html lang="ko"><title>viewer</title></html>'
    (build / "graph.html").write_text(viewer, encoding="utf-8")
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "fake-browser"  # what BROWSER names is run with the URL
    browser.write_text(f"#!{sys.executable}\nimport pathlib, sys\npathlib.Path({str(opened)!r}).write_text(sys.argv[1])\n")
    browser.chmod(0o755)
    log: list[str] = []
    with running_server(build, "--open", env={**os.environ, "BROWSER": str(browser)}, log=log) as (url, _):
        for _ in range(100):  # the browser is started once the addresses are printed
            if opened.exists():
                break
            time.sleep(0.1)
        printed = "".join(log)
        pages = {path: http(url + path)[0] for path in ("", "sparql?query=ASK%7B%7D", "search", "graph.html")}
        served = http(url + "graph.html")[2].decode("utf-8")
    assert opened.read_text() == url
    # the served copy is marked (its entity links are followed there), the build's file is not changed
    assert served == viewer.replace("<html ", '<html data-kg-served="1" ')
    assert (build / "graph.html").read_text(encoding="utf-8") == viewer
    for what, path in (("query UI", ""), ("SPARQL endpoint", "sparql"), ("search", "search"),
                       ("network viewer", "graph.html")):
        assert re.search(rf"^  {what}: +{re.escape(url + path)}$", printed, re.M), printed
    assert set(pages.values()) == {200}


def test_without_open_no_browser_is_started(handmade_build, tmp_path):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "fake-browser"
    browser.write_text(f"#!{sys.executable}\nimport pathlib, sys\npathlib.Path({str(opened)!r}).write_text(sys.argv[1])\n")
    browser.chmod(0o755)
    log: list[str] = []
    with running_server(handmade_build, env={**os.environ, "BROWSER": str(browser)}, log=log) as (url, _):
        assert http(url)[0] == 200
    assert not opened.exists() and "network viewer" not in "".join(log)  # this build has no graph.html


def test_the_served_viewer_is_marked_once_and_follows_a_new_build(tmp_path):
    from kg.serve.app import SparqlApp

    viewer = tmp_path / "graph.html"
    viewer.write_text('<!DOCTYPE html><html lang="ko"><title>첫 빌드</title></html>', encoding="utf-8")
    app = SparqlApp(pool=None, base_iri=None, viewer=viewer, log=lambda m: None)
    get_viewer = {"PATH_INFO": "/graph.html", "REQUEST_METHOD": "GET"}
    first = app.route(get_viewer)[2]
    assert first == '<!DOCTYPE html><html data-kg-served="1" lang="ko"><title>첫 빌드</title></html>'.encode()
    assert app.route(get_viewer)[2] is first  # not read and marked again
    newer = tmp_path / "new.html"  # a new build publishes another file behind the same path
    newer.write_text('<!DOCTYPE html><html lang="ko"><title>둘째 빌드</title></html>', encoding="utf-8")
    os.replace(newer, viewer)
    assert "둘째 빌드" in app.route(get_viewer)[2].decode("utf-8")

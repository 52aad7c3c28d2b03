"""`kg serve` as a real subprocess on a free port, spoken to over HTTP (SPARQL 1.1 Protocol)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main
from tests.support.queries import RUNAWAY
from tests.support.serving import Listener, get, http, post_form, running_server
from tests.support.tools import require_tool

pytestmark = pytest.mark.slow

LABELS = ("SELECT ?e ?label WHERE { GRAPH ?g { ?e kg:entityKind \"Organization\" ; skos:prefLabel ?label } } "
          "ORDER BY ?label")
CONSTRUCT = ("CONSTRUCT { ?e skos:prefLabel ?label } WHERE { GRAPH ?g { ?e kg:entityKind \"Organization\" ; "
             "skos:prefLabel ?label } }")


SERVER_PID: dict[str, int] = {}


@pytest.fixture(scope="module")
def server(handmade_build, tmp_path_factory):
    """``kg serve --port 0`` on a copy of the hand-made build (with a viewer page); yields its base URL."""
    build = tmp_path_factory.mktemp("served") / "build"
    shutil.copytree(handmade_build, build)
    (build / "graph.html").write_text("<!DOCTYPE html><title>viewer</title>", encoding="utf-8")
    with running_server(build, "--timeout", "2", "--max-rows", "50") as (url, proc):
        SERVER_PID[url] = proc.pid
        yield url


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
    time.sleep(0.5)
    # The killed process is gone and one other took its place: as many as before (the zygote and the pool).
    after = _children(SERVER_PID[server])
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


def test_query_ui_is_offline_and_preloaded(server):
    status, headers, body = http(server)
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert re.findall(r'(?:src|href)="(?!assets/|graph\.html)[^"]*"', page) == []  # nothing from elsewhere
    config = json.loads(re.search(r'id="kg-config">(.*?)</script>', page, re.S).group(1))
    assert config["endpoint"] == "sparql" and config["viewer"] is True
    tabs = {q["name"]: q["query"] for q in config["queries"]}
    assert {"partners", "heads", "entity"} <= set(tabs)
    assert 'VALUES (?org) { ("성남산업진흥원"@ko) }' in tabs["partners"]  # the example, bound as a Korean label
    assert 'Yasqe.defaults.autocompleters = ["variables", "prefixes"]' in page
    for asset in ("assets/yasgui/yasgui.min.js", "assets/yasgui/yasgui.min.css", "graph.html"):
        assert http(server + asset)[0] == 200


def test_help_says_why_loopback():
    help_text = main.commands["serve"].params
    host = next(p for p in help_text if p.name == "host")
    assert host.default == "127.0.0.1" and "127.0.0.1 keeps the endpoint to this machine" in host.help


@pytest.mark.browser
def test_query_ui_runs_offline_in_chromium(server):
    """YASGUI loads from our server only, runs a saved query, and shows its table."""
    chromium = require_tool("chromium", "/usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    outside, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
                       else (outside.append(route.request.url), route.abort()))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(server)
            page.wait_for_selector(".yasqe_queryButton")
            assert page.locator(".tabsList .tab").count() >= 9
            page.click(".tabsList .tab:has-text('most_connected')")
            page.click(".tabPanel.active .yasqe_queryButton")
            page.wait_for_selector(".tabPanel.active .yasr table tbody tr", timeout=20_000)
            cells = page.locator(".tabPanel.active .yasr table tbody").inner_text()
            page.click(".tabPanel.active .CodeMirror")  # typing must not call a completion service (LOV)
            page.keyboard.type(" SELECT ?x WHERE { ?x a sch")
            page.keyboard.press("Control+Space")
            page.wait_for_timeout(800)
        finally:
            browser.close()
    assert "한빛산업진흥원" in cells and "누리바이오협회" in cells
    assert outside == [] and errors == []

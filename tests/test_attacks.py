"""The attacks that were run against `kg serve` and `kg query`, each a test (issue 14, items 1–5, 12, 13).

Every server here is a real `kg serve` subprocess on a free loopback port;
every listener that must see no connection is on loopback too.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kg.errors import QueryError, QueryLimitError, QueryRefusedError, QueryTimeoutError
from kg.sparql.inspect import MAX_DEPTH, inspect_query
from kg.sparql.run import query
from tests.support.queries import RUNAWAY
from tests.support.serving import Listener, get, http, post_form, raw_request, running_server
from tests.support.smuggling import smuggling_queries

pytestmark = pytest.mark.slow

BASE = "https://w3id.org/kgkr/id/"
ISSUE_SHAPE = ('SELECT * WHERE {{ BIND("\\u005C" AS ?x) SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} '
               'BIND(" AS ?q) BIND(\\u0022" AS ?y) }}')
# 2^26 copies of 32 characters: 2 GB of string from a query of a few hundred bytes.
DOUBLING = ('SELECT (STRLEN(?s26) AS ?n) WHERE { BIND("0123456789abcdef0123456789abcdef" AS ?s0) '
            + " ".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(26)) + " }")


@pytest.fixture(scope="module")
def served(handmade_build):
    """A server with a short timeout, a low memory limit and small caps: (url, process)."""
    with running_server(handmade_build, "--timeout", "3", "--max-rows", "500",
                        "--max-bytes", "1", "--workers", "4", "--reserve", "2", "--idle-timeout", "2") as running:
        yield running


# 1. Nothing is fetched, whatever the text


def test_issue_shape_is_not_fetched_in_process(handmade_build):
    """The check and the engine read the same text, even where no network namespace protects."""
    import pyoxigraph as ox

    listener = Listener()
    store = ox.Store.read_only(str(handmade_build / "store"))
    query(ISSUE_SHAPE.format(port=listener.port), store)
    assert listener.close() == 0


def test_fuzz_nothing_reaches_a_listener_in_process(handmade_build):
    """The parse check alone (a query run in this process) lets no variant through."""
    import pyoxigraph as ox

    listener = Listener()
    store = ox.Store.read_only(str(handmade_build / "store"))
    for text in smuggling_queries(listener.port, count=300, seed=1):
        try:
            query(text, store, base_iri=BASE)
        except QueryError:
            pass
    assert listener.close() == 0


def test_fuzz_nothing_reaches_a_listener_through_the_server(served):
    url, _ = served
    listener = Listener()
    statuses = {}
    for text in [ISSUE_SHAPE.format(port=listener.port)] + smuggling_queries(listener.port, count=300, seed=2):
        status = post_form(url, text)[0]
        statuses[status] = statuses.get(status, 0) + 1
    assert listener.close() == 0
    assert set(statuses) <= {200, 400}, statuses


def test_query_processes_have_no_network():
    """Even a SERVICE the check missed could not connect: after ``isolate_network`` the engine's own call fails."""
    listener = Listener()
    code = ("import pyoxigraph as ox; from kg.sparql.worker import isolate_network; print(isolate_network()); "
            f"list(ox.Store().query('SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert listener.close() == 0
    assert done.stdout.strip() == "namespace" and "Network is unreachable" in done.stderr, done.stderr


def test_kg_query_fetches_nothing(handmade_build):
    listener = Listener()
    with pytest.raises(QueryRefusedError):
        query(f"SELECT * WHERE {{ SeRvIcE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}",
              handmade_build, timeout=10)
    query(ISSUE_SHAPE.format(port=listener.port), handmade_build, timeout=10)
    assert listener.close() == 0


# 2. Concurrent first-time queries


def test_concurrent_first_queries_on_a_fresh_server(handmade_build):
    """20 distinct queries at once on a server that has parsed nothing yet, then 20 more: all answered right."""
    def text(i: int) -> str:
        return f"SELECT ?label WHERE {{ GRAPH ?g {{ ?e skos:prefLabel ?label }} FILTER(STRLEN(?label) > {i % 3}) }} " \
               f"ORDER BY ?label LIMIT {i + 1}"

    expected = {i: [r["label"] for r in query(text(i), handmade_build).dicts()] for i in range(40)}
    with running_server(handmade_build) as (url, _):
        for batch in (range(20), range(20, 40)):
            with ThreadPoolExecutor(20) as pool:
                answers = list(pool.map(lambda i: (i, get(url, text(i))), batch))
            for i, (status, _, body) in answers:
                assert status == 200, body
                rows = json.loads(body)["results"]["bindings"]
                assert [r["label"]["value"] for r in rows] == expected[i]


# 3. Memory and bytes


def test_memory_is_bounded_per_query(handmade_build):
    with running_server(handmade_build, "--timeout", "60", "--max-memory", "700") as (url, proc):
        status, _, body = get(url, DOUBLING, timeout=90)
        assert status == 503 and b"memory limit" in body, body  # the memory limit stopped it, not the timeout
        assert _rss_mb(proc.pid) < 400  # the server itself held none of it
        assert get(url, "ASK { ?s ?p ?o }")[0] == 200


def test_answer_bytes_are_capped(served):
    url, _ = served
    big = ('SELECT ?big WHERE { VALUES ?i { 1 2 3 4 5 6 7 8 } BIND("0123456789abcdef" AS ?s0) '
           + " ".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(14))
           + " BIND(CONCAT(STR(?i), ?s14) AS ?big) }")
    status, headers, body = get(url, big)  # 8 rows of 256 KB; the cap is 1 MB
    assert status == 200 and "1048576 bytes" in headers["X-KG-Truncated"]
    assert len(body) < 1.2 * 1024**2 and 0 < len(json.loads(body)["results"]["bindings"]) < 8


# 4. A pool with a reserve; parsing counts toward the timeout


def test_short_queries_are_answered_while_runaways_hold_every_worker(served):
    url, _ = served
    with ThreadPoolExecutor(4) as runaways:
        futures = [runaways.submit(get, url, RUNAWAY) for _ in range(4)]
        time.sleep(0.5)
        took = []
        for i in range(20):
            start = time.monotonic()
            status, _, body = get(url, f"ASK {{ ?s ?p {i} }}")
            took.append(time.monotonic() - start)
            assert status == 200, body
        outcomes = [f.result() for f in futures]
    assert all(status == 503 and b"stopped after 3 s" in body for status, _, body in outcomes), outcomes
    assert max(took) < 0.5, took
    time.sleep(3)  # the killed processes are replaced
    assert get(url, "ASK { ?s ?p ?o }")[0] == 200


def test_reserve_processes_stop_a_query_at_the_reserve_timeout(handmade_build):
    with running_server(handmade_build, "--workers", "1", "--reserve", "1", "--reserve-timeout", "0.5",
                        "--timeout", "4") as (url, _):
        with ThreadPoolExecutor(1) as first:
            held = first.submit(get, url, RUNAWAY)  # takes the one worker for 4 s
            time.sleep(0.5)
            start = time.monotonic()
            status, _, body = get(url, RUNAWAY)  # the reserve: 0.5 s
            assert status == 503 and b"stopped after 0.5 s while every other query process was busy" in body
            assert time.monotonic() - start < 2
            assert held.result()[0] == 503


def test_a_long_query_yields_the_cpu_and_its_process_is_replaced(handmade_build):
    import os

    from kg.sparql.pool import Limits, QueryPool
    from kg.sparql.worker import Job

    with QueryPool(handmade_build / "store", workers=1, reserve=0, limits=Limits(timeout=2)) as pool:
        (pid,) = pool.pids()
        outcome = []
        thread = threading.Thread(target=lambda: outcome.append(pytest.raises(QueryTimeoutError, pool.run, Job(RUNAWAY))))
        thread.start()
        time.sleep(1)
        assert os.sched_getscheduler(pid) == os.SCHED_IDLE
        thread.join(10)
        time.sleep(0.5)
        (new,) = pool.pids()
        assert outcome and new != pid and os.sched_getscheduler(new) == os.SCHED_OTHER
        assert pool.run(Job("ASK { ?s ?p ?o }")).results.boolean is True


def test_slow_parse_counts_toward_the_timeout(served):
    url, _ = served
    # About 850 KB; rdflib takes many seconds on it ("from" in a string: the parse cannot be skipped).
    values = '"from" ' + " ".join(f'"{i:07d}"' for i in range(85_000))
    start = time.monotonic()
    status, _, body = http(f"{url}sparql", f"SELECT * WHERE {{ VALUES ?v {{ {values} }} }}".encode(),
                           {"Content-Type": "application/sparql-query"})
    assert status == 503 and b"stopped after 3 s" in body, body[:300]
    assert time.monotonic() - start < 6


def test_library_runs_are_killed_at_the_timeout_or_memory(handmade_build):
    with pytest.raises(QueryTimeoutError):
        query(RUNAWAY, handmade_build, timeout=1)
    from kg.sparql.pool import Limits, QueryPool
    from kg.sparql.worker import Job

    with QueryPool(handmade_build / "store", workers=1, reserve=0,
                   limits=Limits(timeout=60, max_memory=700 * 1024**2)) as pool:
        with pytest.raises(QueryLimitError):
            pool.run(Job(DOUBLING))
        time.sleep(2)
        assert pool.run(Job("ASK { ?s ?p ?o }")).results.boolean is True


# 5 and 12. HTTP details


def test_negative_content_length_is_refused(served):
    url, _ = served
    host = url.split("/")[2]
    for length in ("-1", "+5", "abc"):
        answer = raw_request(url, (f"POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query"
                                   f"\r\nContent-Length: {length}\r\nConnection: close\r\n\r\nASK {{}}").encode())
        assert answer.startswith(b"HTTP/1.1 400"), answer[:200]


def test_post_without_length_is_refused(served):
    from kg.serve.http import HttpError, read_body

    with pytest.raises(HttpError, match="Content-Length") as info:
        read_body({"REQUEST_METHOD": "POST", "CONTENT_LENGTH": ""})
    assert info.value.status.startswith("411")
    with pytest.raises(HttpError) as info:
        read_body({"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "-1"})
    assert info.value.status.startswith("400")


@pytest.mark.parametrize("body, content_type", [
    (b"query=ASK%20%7B%7D%FF%FE", "application/x-www-form-urlencoded"),
    (b"ASK { ?s ?p \"\xff\xfe\" }", "application/sparql-query"),
])
def test_invalid_utf8_is_400(served, body, content_type):
    status, _, answer = http(f"{served[0]}sparql", body, {"Content-Type": content_type})
    assert status == 400 and b"UTF-8" in answer


@pytest.mark.parametrize("text, message", [
    ("SELECT * WHERE { FILTER(" + "(" * 300 + "1" + ")" * 300 + ") }", f"more than {MAX_DEPTH} deep"),
    ("SELECT * WHERE { " + " ".join(f"?s <urn:p{i}> ?o{i} ." for i in range(7000)) + " }", "200"),
    ("", "the query is empty"),
    ("   ", "the query is empty"),
], ids=["300-parentheses", "7000-patterns", "empty", "blank"])
def test_deep_long_and_empty_queries(served, text, message):
    status, _, body = post_form(served[0], text)
    if message == "200":  # long, not deep: answered, refused with a reason, or stopped; never a traceback
        assert status in (200, 400, 503) and b"internal error" not in body
    else:
        assert status == 400 and message.encode() in body, body[:300]


def test_deep_nesting_is_refused_before_parsing():
    with pytest.raises(QueryError, match="deep"):
        inspect_query("ASK { " + "{ " * 100 + "}" * 100 + " }")
    assert inspect_query("ASK { { { ?s ?p ?o } } }").form == "ask"


def test_head_has_no_body(served):
    url, _ = served
    host = url.split("/")[2]
    answer = raw_request(url, f"HEAD / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and body == b""


@pytest.mark.parametrize("host, status", [("evil.example", 400), ("evil.example:7878", 400),
                                          ("localhost", 200), ("127.0.0.1", 200), ("[::1]", 200)])
def test_host_is_checked_against_dns_rebinding(served, host, status):
    url, _ = served
    assert http(url + "sparql?query=ASK%7B%7D", headers={"Host": host})[0] == status


def test_allowed_host_name(handmade_build):
    with running_server(handmade_build, "--allow-host", "kg.lab.example") as (url, _):
        assert http(url, headers={"Host": "kg.lab.example:7878"})[0] == 200
        assert http(url, headers={"Host": "other.lab.example"})[0] == 400


@pytest.mark.parametrize("headers, status", [
    ({"Origin": "http://evil.example"}, 403),
    ({"Origin": "null"}, 403),
    ({"Sec-Fetch-Site": "cross-site"}, 403),
    ({}, 200),
])
def test_cross_origin_post_is_refused(served, headers, status):
    url, _ = served
    assert post_form(url, "ASK { ?s ?p ?o }", headers=headers)[0] == status


def test_same_origin_post_is_answered(served):
    url, _ = served
    origin = url.rstrip("/")
    assert post_form(url, "ASK { ?s ?p ?o }", headers={"Origin": origin, "Sec-Fetch-Site": "same-origin"})[0] == 200


def test_ui_has_a_content_security_policy(served):
    status, headers, body = http(served[0])
    csp = headers["Content-Security-Policy"]
    assert status == 200 and "default-src 'none'" in csp
    assert csp.split("script-src")[1].split(";")[0].split() == ["'self'"]  # no inline script at all
    scripts = re.findall(rb"<script([^>]*)>", body)
    assert scripts and all(b'src="assets/' in attrs or b'type="application/json"' in attrs for attrs in scripts)


def test_idle_connections_are_closed(served):
    url, _ = served
    host, port = re.match(r"http://([^:/]+):(\d+)/", url).groups()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        start = time.monotonic()
        assert sock.recv(1) == b""  # closed by the server, having sent nothing
    assert time.monotonic() - start < 8


def test_slow_client_does_not_hold_up_others(served):
    url, _ = served
    host, port = re.match(r"http://([^:/]+):(\d+)/", url).groups()
    stop = threading.Event()

    def trickle() -> None:
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(f"POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n"
                         f"Content-Length: 200\r\n\r\n".encode())
            while not stop.is_set():
                try:
                    sock.sendall(b" ")
                except OSError:
                    return
                stop.wait(0.5)

    slow = [threading.Thread(target=trickle) for _ in range(20)]
    for t in slow:
        t.start()
    time.sleep(0.5)
    try:
        for _ in range(10):
            start = time.monotonic()
            assert get(url, "ASK { ?s ?p ?o }")[0] == 200
            assert time.monotonic() - start < 0.5
    finally:
        stop.set()
        for t in slow:
            t.join(10)


def test_killing_the_server_ends_every_query_process(handmade_build):
    from tests.support.serving import running_server as serving

    with serving(handmade_build, "--timeout", "60") as (url, proc):
        children = _descendants(proc.pid)
        assert len(children) == 1 + 4 + 2  # the zygote and the pool
        runaway = threading.Thread(target=lambda: pytest.raises(OSError, get, url, RUNAWAY, timeout=10))
        runaway.start()
        time.sleep(0.5)
        proc.kill()
        proc.wait(10)
        deadline = time.monotonic() + 5
        while any(Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid) for pid in children):
            assert time.monotonic() < deadline, [(pid, _state(pid)) for pid in children]
            time.sleep(0.1)
        runaway.join(15)


def _descendants(pid: int) -> set[int]:
    out, todo = set(), [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            kids = [int(k) for k in (task / "children").read_text().split()]
            out.update(kids)
            todo.extend(kids)
    return out


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0]
    except (OSError, IndexError):
        return "gone"


# 13. The current folder


def test_workers_ignore_a_kg_folder_in_the_current_directory(handmade_build, tmp_path):
    decoy = tmp_path / "kg"
    decoy.mkdir()
    (decoy / "__init__.py").write_text("raise ImportError('the kg/ of the current folder was imported')\n")
    kg = Path(sys.executable).with_name("kg")
    done = subprocess.run([str(kg), "query", "ASK { ?s ?p ?o }", "--store", str(handmade_build)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "true", done.stderr


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024

"""``kg serve`` under load: 20 clients of simple queries, alone and beside 4 runaway queries.

Both servers run in the same run on the same store: the one of a baseline
commit (``--baseline REV``, unpacked with ``git archive`` and run from its
own folder) and the one of this checkout. Each client sends one simple
query after another (the entity kind of one label, a different label each
time), over a new connection each; runaway clients send a query that runs
past any timeout, again as soon as it is stopped. Reported for the simple
queries: p50, p99 and errors (any answer but 200, or none). The graph is the
query benchmark's (``bench.query_bench.make_graph``: generated articles,
our own ontology).

    python bench/serve_bench.py --quads 200000 --seconds 15 --baseline 068d64e
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SIMPLE = 'SELECT ?kind WHERE {{ GRAPH ?g {{ ?e skos:prefLabel "{label}"@ko ; kg:entityKind ?kind }} }}'


def make_build(folder: Path, quads: int) -> tuple[Path, list[str]]:
    """A build folder whose store holds the query benchmark's graph; the labels simple queries ask for."""
    sys.path.insert(0, str(Path(__file__).parent))
    import query_bench

    from kg.sparql.run import query
    from kg.store.write import write_store

    folder.mkdir(parents=True, exist_ok=True)
    nquads = folder / "graph.nq"
    query_bench.make_graph(nquads, quads)
    build = folder / "build"
    if not (build / "store").exists():
        build.mkdir(exist_ok=True)
        write_store(nquads, build / "store")
    rows = query("SELECT DISTINCT ?l WHERE { GRAPH ?g { ?e skos:prefLabel ?l } } LIMIT 5000", build)
    labels = sorted(r["l"] for r in rows.dicts() if '"' not in r["l"] and "\\" not in r["l"])
    return build, labels


def start(cmd: list[str], cwd: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(cmd, cwd=cwd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in proc.stderr:
        found = re.search(r"serving (http://\S+/) ", line)
        if found:
            threading.Thread(target=proc.stderr.read, daemon=True).start()  # drain the log
            return proc, found.group(1)
    raise RuntimeError(f"the server did not start: {proc.wait()}")


def ask(url: str, text: str, timeout: float) -> tuple[int, float]:
    """(status, seconds) of one GET; status 0 when there was no answer."""
    host, port = re.match(r"http://([^:/]+):(\d+)/", url).groups()
    clock = time.perf_counter()
    try:
        conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
        conn.request("GET", "/sparql?" + urlencode({"query": text}), headers={
            "Accept": "application/sparql-results+json"})
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status, time.perf_counter() - clock
    except OSError:
        return 0, time.perf_counter() - clock


def load(url: str, labels: list[str], clients: int, runaways: int, seconds: float) -> dict:
    """Run the clients for ``seconds``; p50/p99 (ms) and errors of the simple queries."""
    stop = threading.Event()
    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def simple(i: int) -> None:
        n = i
        while not stop.is_set():
            got = ask(url, SIMPLE.format(label=labels[n % len(labels)]), timeout=60)
            n += clients
            with lock:
                results.append(got)

    def runaway() -> None:
        while not stop.is_set():
            ask(url, RUNAWAY, timeout=120)

    threads = [threading.Thread(target=runaway) for _ in range(runaways)]
    for t in threads:
        t.start()
    if runaways:
        time.sleep(1.0)  # the runaways hold their slots first
    threads += [threading.Thread(target=simple, args=(i,)) for i in range(clients)]
    for t in threads[runaways:]:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join(180)
    times = sorted(s for status, s in results if status == 200)
    errors = sum(1 for status, _ in results if status != 200)
    return {"queries": len(results), "errors": errors,
            "p50_ms": round(1000 * statistics.median(times), 1) if times else None,
            "p99_ms": round(1000 * times[min(len(times) - 1, int(0.99 * len(times)))], 1) if times else None}


def baseline_tree(rev: str, folder: Path) -> Path:
    """The ``kg/`` and ``ontology/`` of commit ``rev``, unpacked in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "kg", "ontology"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quads", type=int, default=200_000)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--runaways", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=10.0, help="the servers' --timeout")
    parser.add_argument("--baseline", default=None, help="commit whose server is the baseline (none: skip it)")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "serve")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    build, labels = make_build(args.work, args.quads)
    servers = {"after": ([sys.executable, "-m", "kg", "serve"], ROOT)}
    if args.baseline:
        old = baseline_tree(args.baseline, Path(tempfile.mkdtemp(prefix="kg-baseline-")))
        servers = {"before": ([sys.executable, "-m", "kg", "serve"], old), **servers}
    figures: dict = {"quads": args.quads, "labels": len(labels), "clients": args.clients, "seconds": args.seconds}
    try:
        for name, (cmd, cwd) in servers.items():
            for runaways in (0, args.runaways):
                proc, url = start(cmd + ["--store", str(build), "--port", "0", "--timeout", str(args.timeout)], cwd)
                try:
                    ask(url, SIMPLE.format(label=labels[0]), timeout=60)  # warm
                    figures[f"{name}, {runaways} runaways"] = load(url, labels, args.clients, runaways, args.seconds)
                finally:
                    proc.terminate()
                    proc.wait(30)
                print(name, runaways, figures[f"{name}, {runaways} runaways"], flush=True)
    finally:
        if args.baseline:
            shutil.rmtree(old, ignore_errors=True)
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return figures


if __name__ == "__main__":
    main()

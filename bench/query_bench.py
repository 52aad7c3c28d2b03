"""Saved queries on a big graph of our own ontology: Oxigraph on disk against rdflib in memory.

The graph is ``kg.rdf.to_rdf`` of perfect extractions of generated articles
(``generate.to_extraction``), resolved across the whole corpus and written as
N-Quads in batches. Oxigraph bulk-loads it into an on-disk store and answers
every saved query (``ontology/queries/*.rq``, parameters from the examples in
their headers); rdflib loads the same file into a ``Dataset`` in a child
process, where each query runs under ``signal.alarm``: past the cap it
reports "> cap" and the speed-up is a lower bound.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

BATCH = 100


def make_graph(path: Path, target_quads: int, seed: int = 7) -> dict:
    """Write an N-Quads file of about ``target_quads`` quads; return its size in articles and quads."""
    import generate
    from kg.rdf.iris import DEFAULT_BASE_IRI
    from kg.rdf import to_rdf
    from kg.resolve import resolve

    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        return json.loads(meta_path.read_text())
    roster = generate._roster(seed)
    when = datetime(2025, 1, 1, tzinfo=timezone.utc)
    probe = [generate.to_extraction(generate.make_article(seed, i, roster)) for i in range(BATCH)]
    per_article = len(to_rdf(probe, resolve(probe), DEFAULT_BASE_IRI, generated_at=when)) / BATCH
    n = max(BATCH, int(target_quads / per_article))
    extractions = [generate.to_extraction(generate.make_article(seed, i, roster)) for i in range(n)]
    resolution = resolve(extractions)
    tmp = path.with_suffix(".partial")
    with open(tmp, "wb") as f:
        for start in range(0, n, BATCH):
            batch = extractions[start:start + BATCH]
            ds = to_rdf(batch, _restrict(resolution, batch), DEFAULT_BASE_IRI, generated_at=when)
            f.write(ds.serialize(format="nquads", encoding="utf-8"))
    tmp.replace(path)
    meta = {"articles": n, "lines": sum(1 for _ in open(path, "rb")), **_hub(extractions)}
    meta_path.write_text(json.dumps(meta))
    return meta


def _hub(extractions) -> dict:
    """The organization named in most articles, and the post its head holds (query parameters)."""
    from collections import Counter

    counts = Counter(e.name for x in extractions for e in x.entities if e.type == "Organization")
    org = counts.most_common(1)[0][0]
    posts = Counter(r.args["post"] for x in extractions for r in x.relations
                    if r.type == "holdsPost" and x.entity(r.args["org"]).name == org)
    return {"hub_org": org, "hub_post": posts.most_common(1)[0][0] if posts else "원장"}


def bench_params(saved, meta: dict) -> dict[str, str]:
    """The example parameters of a saved query, with names that exist in the synthetic graph.

    Example names in the headers (케이메디허브 …) are not in the generated
    graph, and a query for a missing name is trivially empty; every name
    parameter gets the busiest organization instead, a post its head's post.
    """
    params = {}
    for p in saved.params:
        if p.kind == "name":
            params[p.name] = meta["hub_org"]
        elif p.name == "post":
            params[p.name] = meta["hub_post"]
        elif p.example:
            params[p.name] = p.example
    return params


def _restrict(resolution, batch):
    """The resolution with only the graph entities this batch names (each batch writes its own)."""
    from dataclasses import replace

    used = {resolution.index[(x.article.id, e.key)] for x in batch for e in x.entities}
    return replace(resolution, entities=tuple(e for e in resolution.entities if e.id in used))


def load_oxigraph(nquads: Path, target: Path) -> dict:
    """Bulk-load ``nquads`` into a new on-disk store: seconds and quads."""
    import pyoxigraph as ox

    shutil.rmtree(target, ignore_errors=True)
    clock = time.perf_counter()
    store = ox.Store(str(target))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - clock
    quads = len(store)
    del store
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    return {"load_s": seconds, "quads": quads, "disk_mb": size / 2**20}


def saved_cases(meta: dict) -> tuple[list[dict], dict[str, str]]:
    """Every saved query with its example parameters; and those that do not bind, with the reason."""
    from kg.errors import KgError
    from kg.rdf.iris import DEFAULT_BASE_IRI
    from kg.sparql.inspect import inspect_query
    from kg.sparql.params import bind, inject_values
    from kg.sparql.saved import saved_queries

    cases, skipped = [], {}
    for name, q in saved_queries().items():
        params = bench_params(q, meta)
        try:
            info = inspect_query(q.text, DEFAULT_BASE_IRI)
            bindings = bind(params, info, q.params)
        except KgError as e:  # a saved query being written right now; reported, not timed
            skipped[name] = str(e)
            continue
        # rdflib runs the very text Oxigraph runs
        cases.append({"name": name, "text": q.text, "params": params, "bindings": {},
                      "rdflib_text": inject_values(q.text, bindings)})
    return cases, skipped


def _bindings(case: dict) -> dict:
    """The bindings ``kg.sparql.run.execute`` takes for ``case`` (bound again in this process)."""
    from kg.rdf.iris import DEFAULT_BASE_IRI
    from kg.sparql.inspect import inspect_query
    from kg.sparql.params import bind
    from kg.sparql.saved import saved_query

    q = saved_query(case["name"])
    return bind(case["params"], inspect_query(q.text, DEFAULT_BASE_IRI), q.params)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def time_oxigraph(store_dir: Path, cases: list[dict], budget_s: float = 2.0, max_runs: int = 30) -> dict:
    """p50/p95 (ms) of each case on the on-disk store, opened read-only as ``kg`` opens it."""
    import pyoxigraph as ox

    from kg.rdf.iris import DEFAULT_BASE_IRI
    from kg.sparql.inspect import inspect_query
    from kg.sparql.run import execute

    store = ox.Store.read_only(str(store_dir))
    out = {}
    for case in cases:
        info = inspect_query(case["text"], DEFAULT_BASE_IRI)
        bindings = _bindings(case)
        execute(store, case["text"], info, bindings, limit=10**9)  # warm-up
        samples, spent = [], 0.0
        while len(samples) < 3 or (spent < budget_s and len(samples) < max_runs):
            clock = time.perf_counter()
            rows = len(execute(store, case["text"], info, bindings, limit=10**9).rows)
            samples.append(time.perf_counter() - clock)
            spent += samples[-1]
        p50, p95 = _percentiles(samples)
        clock = time.perf_counter()
        inspect_query(case["text"], DEFAULT_BASE_IRI)
        out[case["name"]] = {"p50_ms": p50 * 1000, "p95_ms": p95 * 1000, "runs": len(samples), "rows": rows,
                             "parse_ms": (time.perf_counter() - clock) * 1000}
    del store
    return out


_RDFLIB_CHILD = r"""
import json, signal, sys, time
from rdflib import Dataset, Variable
from rdflib.util import from_n3
from kg.rdf.namespaces import PREFIXES
nquads, cases_path, cap = sys.argv[1], sys.argv[2], float(sys.argv[3])
class Late(Exception):
    pass
def late(signum, frame):
    raise Late()
signal.signal(signal.SIGALRM, late)
clock = time.perf_counter()
ds = Dataset(default_union=True)
ds.parse(nquads, format="nquads")
print(json.dumps({"load_s": time.perf_counter() - clock, "quads": len(ds)}), flush=True)
for case in json.load(open(cases_path, encoding="utf-8")):
    bindings = {Variable(k): from_n3(v) for k, v in case["bindings"].items()}
    samples, rows, timed_out = [], None, False
    while len(samples) < 3 and sum(samples) < cap / 3:
        signal.setitimer(signal.ITIMER_REAL, cap)
        clock = time.perf_counter()
        try:
            rows = len(list(ds.query(case["rdflib_text"], initNs=PREFIXES, initBindings=bindings)))
        except Late:
            timed_out = True
            break
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        samples.append(time.perf_counter() - clock)
    print(json.dumps({"name": case["name"], "samples": samples, "rows": rows, "timed_out": timed_out}), flush=True)
"""


def time_rdflib(nquads: Path, cases: list[dict], work: Path, cap_s: float, load_timeout_s: float) -> dict:
    """Load time of rdflib and p50 (ms) of each case, or a lower bound past ``cap_s``."""
    cases_path = work / "cases.json"
    cases_path.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    deadline = load_timeout_s + len(cases) * (cap_s + 10)
    proc = subprocess.Popen([sys.executable, "-c", _RDFLIB_CHILD, str(nquads), str(cases_path), str(cap_s)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = proc.communicate(timeout=deadline)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
    lines = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"load_s": None, "error": f"rdflib did not load within {load_timeout_s:g} s: {stderr[-500:]}", "queries": {}}
    out = {"load_s": lines[0]["load_s"], "quads": lines[0]["quads"], "cap_s": cap_s, "queries": {}}
    for item in lines[1:]:
        if item["timed_out"] and not item["samples"]:
            out["queries"][item["name"]] = {"p50_ms": None, "lower_bound_ms": cap_s * 1000, "rows": None}
        else:
            out["queries"][item["name"]] = {"p50_ms": statistics.median(item["samples"]) * 1000, "rows": item["rows"]}
    return out


def bench_queries(work: Path, target_quads: int, rdflib_cap_s: float, seed: int = 7, budget_s: float = 2.0) -> dict:
    """The whole query benchmark at about ``target_quads`` quads."""
    nquads = work / f"graph-{target_quads}-{seed}.nq"
    clock = time.perf_counter()
    meta = make_graph(nquads, target_quads, seed)
    generated_s = time.perf_counter() - clock
    load = load_oxigraph(nquads, work / f"store-{target_quads}")
    cases, skipped = saved_cases(meta)
    ox_times = time_oxigraph(work / f"store-{target_quads}", cases, budget_s=budget_s)
    rdf = time_rdflib(nquads, cases, work, rdflib_cap_s, load_timeout_s=max(60.0, target_quads / 5000))
    queries = {}
    for case in cases:
        ox_q = ox_times[case["name"]]
        rd_q = rdf["queries"].get(case["name"], {"p50_ms": None, "lower_bound_ms": None})
        if rd_q.get("p50_ms") is not None:
            speedup, bound = rd_q["p50_ms"] / ox_q["p50_ms"], False
        elif rd_q.get("lower_bound_ms"):
            speedup, bound = rd_q["lower_bound_ms"] / ox_q["p50_ms"], True
        else:
            speedup, bound = None, False
        queries[case["name"]] = {"params": case["params"], "oxigraph": ox_q, "rdflib": rd_q,
                                 "speedup": speedup, "speedup_is_lower_bound": bound,
                                 "rows_agree": rd_q.get("rows") in (None, ox_q["rows"])}
    return {"articles": meta["articles"], "quads": load["quads"], "hub": [meta["hub_org"], meta["hub_post"]], "generate_s": generated_s,
            "oxigraph_load": load, "rdflib_load_s": rdf.get("load_s"), "rdflib_error": rdf.get("error"),
            "rdflib_cap_s": rdflib_cap_s, "queries": queries, "skipped": skipped}

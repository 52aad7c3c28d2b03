"""Saved questions before and after the derived graph, at about a million quads, in one run.

    python bench/derived_bench.py --baseline REV [--quads 1000000] [--out bench/out]

The graph is the query benchmark's (``query_bench.make_graph``: generated
articles with heavy hubs, resolved across the corpus), bulk-loaded twice:
"before" as it is, "after" with its derived graph written by
``kg.store.derived.derive_store`` (timed). Each saved question runs on
both stores opened read-only, in this process (``kg.sparql.run.execute``),
its runs alternating between before (the query text of ``--baseline``,
names bound as plain strings as that code bound them) and after (this
checkout's text, names bound as Korean labels): medians and their ratio
come from the same minutes of the same machine. The derivation is also
timed against one SPARQL UPDATE doing the programme operations in place
(``INSERT … WHERE`` with IRIs minted by ``MD5``), the other way to write it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

UPDATE_OPERATIONS = """INSERT { GRAPH ?d { ?x a kg:Operation ; kg:operator ?o ; kg:summaryOf ?prog ; kg:operatorName ?operator ;
                              kg:entityName ?programme ; kg:articleCount ?n } }
WHERE { { SELECT ?o ?prog (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?o kg:operates ?prog . } } GROUP BY ?o ?prog }
  GRAPH ?entities { ?o skos:prefLabel ?operator . ?prog skos:prefLabel ?programme . }
  BIND (<%s> AS ?d)
  BIND (IRI(CONCAT("%sderived/operation/", MD5(CONCAT(STR(?o), STR(?prog), STR(?operator), STR(?programme))))) AS ?x) }"""


def baseline_text(rev: str, name: str) -> str | None:
    """The saved query ``name`` as commit ``rev`` had it (None when it had none)."""
    done = subprocess.run(["git", "show", f"{rev}:ontology/queries/{name}.rq"], capture_output=True, text=True,
                          cwd=HERE.parent)
    return done.stdout if done.returncode == 0 else None


def _bindings(text: str, params: dict, declared, plain_names: bool) -> dict:
    from rdflib import Literal

    from kg.rdf.iris import DEFAULT_BASE_IRI
    from kg.sparql.inspect import inspect_query
    from kg.sparql.params import bind

    info = inspect_query(text, DEFAULT_BASE_IRI)
    # a parameter added since the baseline (include_units) is not the baseline's to bind
    bound = bind({k: v for k, v in params.items() if k in info.variables}, info, declared)
    if plain_names:  # as the baseline bound a name: a plain string
        bound = {k: [Literal(str(t)) if getattr(t, "language", None) else t for t in v] for k, v in bound.items()}
    return bound


def time_pair(before, after, rounds: int) -> dict:
    """Alternating runs of the two (store, text, bindings) cases: medians in ms, rows."""
    from kg.rdf.iris import DEFAULT_BASE_IRI
    from kg.sparql.inspect import inspect_query
    from kg.sparql.run import execute

    samples: dict[str, list[float]] = {"before": [], "after": []}
    rows = {}
    cases = {"before": before, "after": after}
    for side, (store, text, bindings) in cases.items():  # warm-up
        info = inspect_query(text, DEFAULT_BASE_IRI)
        cases[side] = (store, text, info, bindings)
        rows[side] = len(execute(store, text, info, bindings, limit=10**9).rows)
    for _ in range(rounds):
        for side, (store, text, info, bindings) in cases.items():
            if side == "before" and sum(samples["before"]) > 20_000:  # a slow baseline: fewer runs
                continue
            clock = time.perf_counter()
            execute(store, text, info, bindings, limit=10**9)
            samples[side].append((time.perf_counter() - clock) * 1000)
    out = {side: {"p50_ms": statistics.median(s), "runs": len(s), "rows": rows[side]} for side, s in samples.items()}
    out["speedup"] = out["before"]["p50_ms"] / out["after"]["p50_ms"]
    return out


def derive_ways(store_dir: Path, work: Path) -> dict:
    """Seconds of ``derive_store``, and of the programme operations written by Python or by one SPARQL UPDATE."""
    import pyoxigraph as ox

    from kg.rdf.iris import DEFAULT_BASE_IRI, Iris
    from kg.store import derived

    out = {}
    clock = time.perf_counter()
    result = derived.derive_store(store_dir)
    out["derive_s"], out["derived_quads"] = time.perf_counter() - clock, result.quads
    scratch = work / "store-update"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(store_dir, scratch)
    store = ox.Store(str(scratch))
    graph = ox.NamedNode(str(Iris(DEFAULT_BASE_IRI).derived_graph))
    store.remove_graph(graph)
    clock = time.perf_counter()
    quads = [ox.Quad(s, p, o, graph) for s, p, o in derived._operations(store, Iris(DEFAULT_BASE_IRI))]
    store.extend(quads)
    out["operations_python_s"] = time.perf_counter() - clock
    store.remove_graph(graph)
    clock = time.perf_counter()
    store.update(derived._PROLOGUE + UPDATE_OPERATIONS % (graph.value, DEFAULT_BASE_IRI))
    out["operations_update_s"] = time.perf_counter() - clock
    out["operations_quads"] = len(quads)
    del store
    shutil.rmtree(scratch, ignore_errors=True)
    return out


def bench_derived(work: Path, target_quads: int, baseline: str, rounds: int = 15, seed: int = 7) -> dict:
    """Every saved question before and after, and the cost of deriving, at about ``target_quads`` quads."""
    import pyoxigraph as ox
    import query_bench

    from kg.sparql.saved import saved_queries

    work.mkdir(parents=True, exist_ok=True)
    nquads = work / f"graph-{target_quads}-{seed}.nq"
    meta = query_bench.make_graph(nquads, target_quads, seed)
    load = query_bench.load_oxigraph(nquads, work / "store-before")
    shutil.rmtree(work / "store-after", ignore_errors=True)
    shutil.copytree(work / "store-before", work / "store-after")
    derive = derive_ways(work / "store-after", work)
    before, after = ox.Store.read_only(str(work / "store-before")), ox.Store.read_only(str(work / "store-after"))
    queries = {}
    for name, saved in saved_queries().items():
        old = baseline_text(baseline, name)
        if old is None:
            continue
        params = query_bench.bench_params(saved, meta)
        queries[name] = {"params": params, **time_pair(
            (before, old, _bindings(old, params, saved.params, plain_names=True)),
            (after, saved.text, _bindings(saved.text, params, saved.params, plain_names=False)), rounds)}
    return {"articles": meta["articles"], "quads": load["quads"], "hub": meta["hub_org"], "baseline": baseline,
            "derive": derive, "queries": queries}


def table(result: dict) -> str:
    """The markdown table of RESULTS.md."""
    lines = ["| query | parameters | rows | before p50 ms | after p50 ms | speed-up | runs (before/after) |",
             "|---|---|---|---|---|---|---|"]
    for name, q in sorted(result["queries"].items()):
        params = ", ".join(f"{k}={v}" for k, v in q["params"].items()) or "–"
        rows = q["after"]["rows"] if q["after"]["rows"] == q["before"]["rows"] else f"{q['before']['rows']} → {q['after']['rows']}"
        lines.append(f"| {name} | {params} | {rows} | {q['before']['p50_ms']:,.1f} | **{q['after']['p50_ms']:,.1f}** | "
                     f"{q['speedup']:,.0f}× | {q['before']['runs']}/{q['after']['runs']} |")
    return "\n".join(lines)


def main() -> None:
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="commit whose saved queries are 'before'")
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--out", default=str(HERE / "out"))
    args = parser.parse_args()
    load = os.getloadavg()
    result = bench_derived(Path(args.out), args.quads, args.baseline, args.rounds)
    result["loadavg"] = [load, os.getloadavg()]
    (Path(args.out) / "derived.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps({k: v for k, v in result.items() if k != "queries"}, ensure_ascii=False))
    print(table(result))


if __name__ == "__main__":
    main()

"""A rewritten saved query against its text at an earlier commit, in one run, on the benchmark graph.

    python bench/query_change.py partners --before HEAD~1 [--quads 1000000] [--param NAME=VALUE ...]

The graph is ``query_bench``'s (generated, cached in ``--out``, bulk-loaded
into an on-disk Oxigraph store). Both texts get the parameters of
``query_bench.bench_params`` (the busiest organization for a name) plus
``--param``; a parameter the old text does not have is left out of its run.
They run alternately, warm, ``--runs`` times each, on the store opened
read-only (``kg.sparql.run.execute``, as the server's query processes do);
the output is one JSON line: p50 and p95 (ms) of each, their ratio, and
whether they return the same rows.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def text_at(revision: str, name: str) -> str:
    """The saved query ``name`` as it was at ``revision`` (git)."""
    path = f"ontology/queries/{name}.rq"
    return subprocess.run(["git", "show", f"{revision}:{path}"], cwd=HERE.parent, check=True, capture_output=True,
                          text=True).stdout


def prepare(text: str, params: dict[str, str], work: Path):
    """The query text with the parameters it has bound (VALUES), and its inspection."""
    from kg.rdf.iris import DEFAULT_BASE_IRI
    from kg.sparql.inspect import inspect_query
    from kg.sparql.params import bind, inject_values
    from kg.sparql.saved import parse_saved

    tmp = work / "query_change.rq"  # parse_saved reads the header of a file
    tmp.write_text(text, encoding="utf-8")
    saved = parse_saved(tmp)
    info = inspect_query(text, DEFAULT_BASE_IRI)
    usable = {k: v for k, v in params.items() if k in info.variables}
    bound = inject_values(text, bind(usable, info, saved.params))
    return bound, inspect_query(bound, DEFAULT_BASE_IRI), usable


def compare(name: str, before: str, quads: int, runs: int, extra: dict[str, str], work: Path) -> dict:
    """Time the two texts of ``name`` alternately; p50/p95 of each, the ratio, and whether the rows agree."""
    sys.path.insert(0, str(HERE))
    import pyoxigraph as ox
    import query_bench

    from kg.sparql.local import execute
    from kg.sparql.saved import saved_query

    work.mkdir(parents=True, exist_ok=True)
    nquads = work / f"graph-{quads}-7.nq"
    meta = query_bench.make_graph(nquads, quads)
    store_dir = work / f"store-{quads}"
    if not (store_dir / "CURRENT").exists():
        query_bench.load_oxigraph(nquads, store_dir)
    store = ox.Store.read_only(str(store_dir))
    params = {**query_bench.bench_params(saved_query(name), meta), **extra}
    texts = {"before": text_at(before, name), "after": saved_query(name).text}
    cases = {k: prepare(t, params, work) for k, t in texts.items()}
    times: dict[str, list[float]] = {k: [] for k in cases}
    rows: dict[str, list] = {}
    for _ in range(runs + 2):  # two warm-up rounds, not counted
        for key, (text, info, _) in cases.items():
            clock = time.perf_counter()
            result = execute(store, text, info, {}, 100_000, None)
            times[key].append(time.perf_counter() - clock)
            rows[key] = [dict(zip(result.columns, map(str, r))) for r in result.rows]
    out = {"query": name, "revision_before": before, "quads": len(store), "params": {k: c[2] for k, c in cases.items()}}
    for key, samples in times.items():
        kept = sorted(samples[2:])
        out[key] = {"p50_ms": round(statistics.median(kept) * 1000, 1),
                    "p95_ms": round(kept[int(0.95 * (len(kept) - 1))] * 1000, 1), "rows": len(rows[key])}
    out["ratio_after_to_before"] = round(out["after"]["p50_ms"] / out["before"]["p50_ms"], 2)
    common = set(rows["before"][0] if rows["before"] else ()) & set(rows["after"][0] if rows["after"] else ())
    project = {k: sorted(json.dumps({c: r[c] for c in sorted(common)}) for r in v) for k, v in rows.items()}
    out["same_rows"] = project["before"] == project["after"]  # on the columns both have
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="saved query (ontology/queries/NAME.rq)")
    parser.add_argument("--before", required=True, help="git revision of the old text")
    parser.add_argument("--quads", type=int, default=1_000_000, help="graph size [1000000]")
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each text [15]")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="more parameters")
    parser.add_argument("--out", default=str(HERE / "out"), help="working folder (the graph is cached) [bench/out]")
    args = parser.parse_args()
    extra = dict(p.split("=", 1) for p in args.param)
    print(json.dumps(compare(args.name, args.before, args.quads, args.runs, extra, Path(args.out)), ensure_ascii=False))


if __name__ == "__main__":
    main()

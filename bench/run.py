"""Benchmarks of kg against its baselines; prints one JSON summary.

    python bench/run.py --quick      # a small version of everything, < 3 minutes
    python bench/run.py              # the full run; writes bench/RESULTS.md

- build: ``kg build`` against Kiwi tokenization of the same bodies (``build_bench``);
- queries: every saved query on Oxigraph (on disk) against rdflib (in memory) (``query_bench``);
- viewer: first stable drawing in headless Chromium (``viewer_bench``).

Working files go to ``bench/out/`` (ignored by git); the raw figures to
``bench/out/results-<mode>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK = {"articles": (60,), "workers": (1,), "quads": 30_000, "rdflib_cap_s": 3.0, "query_budget_s": 1.0, "nodes": (2000,)}
FULL = {"articles": (1000, 10_000), "workers": (1, 2), "quads": 1_000_000, "rdflib_cap_s": 30.0, "query_budget_s": 3.0,
        "nodes": (2000, 10_000)}
TARGETS = {"build_vs_kiwi": 1.5, "query_p50_ms": 50.0, "query_speedup_vs_rdflib": 20.0, "load_1m_quads_s": 15.0,
           "viewer_2000_s": 2.0, "viewer_10000_s": 10.0, "build_peak_mb_10000": 2048.0}


def machine() -> dict:
    """Cores, memory, CPU model, load and the versions that matter."""
    from importlib.metadata import PackageNotFoundError, version

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    versions = {"python": platform.python_version()}
    for name in ("kg", "kiwipiepy", "kiwipiepy_model", "spacy", "rdflib", "pyoxigraph", "networkx", "playwright"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    try:
        versions["chromium"] = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                                              timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        versions["chromium"] = None
    return {"cores": os.cpu_count(), "memory_gb": round(mem / 2**20, 1), "cpu": cpu, "os": platform.platform(),
            "loadavg_start": os.getloadavg(), "versions": versions}


def run(config: dict, work: Path, skip: set[str]) -> dict:
    """Every benchmark of ``config``; the raw figures."""
    sys.path.insert(0, str(HERE))  # the sibling modules, when imported from elsewhere
    import build_bench
    import query_bench
    import viewer_bench

    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": machine(), "config": {k: list(v) if isinstance(v, tuple) else v for k, v in config.items()}}
    clock = time.perf_counter()
    if "build" not in skip:
        results["build"] = {str(n): build_bench.bench_build(n, work, tuple(config["workers"])) for n in config["articles"]}
    if "queries" not in skip:
        results["queries"] = query_bench.bench_queries(work, config["quads"], config["rdflib_cap_s"],
                                                       budget_s=config["query_budget_s"])
    if "viewer" not in skip:
        results["viewer"] = viewer_bench.bench_viewer(tuple(config["nodes"]), work)
    results["machine"]["loadavg_end"] = os.getloadavg()
    results["elapsed_s"] = time.perf_counter() - clock
    return results


def summary(results: dict) -> dict:
    """The one-object JSON summary (figures named as in the issue)."""
    out: dict = {}
    if results.get("build"):
        size = max(results["build"], key=int)
        runs = results["build"][size]["runs"]
        w1 = runs.get("w1") or next(iter(runs.values()))
        out.update({"build_articles": int(size), "build_vs_kiwi": round(w1["build_vs_kiwi"], 2),
                    "build_vs_kiwi_cpu": round(w1["build_vs_kiwi_cpu"], 2), "build_workers": w1["workers"],
                    "articles_per_s": round(w1["articles_per_s"], 1),
                    "build_peak_mb": round(max(r["build"]["peak_pss_mb"] for r in runs.values())),
                    "by_workers": {k: {"build_vs_kiwi": round(r["build_vs_kiwi"], 2),
                                       "build_vs_kiwi_cpu": round(r["build_vs_kiwi_cpu"], 2),
                                       "articles_per_s": round(r["articles_per_s"], 1)} for k, r in runs.items()}})
    if "queries" in results:
        q = results["queries"]
        timed = {k: v for k, v in q["queries"].items()}
        speedups = [(v["speedup"], v["speedup_is_lower_bound"], k) for k, v in timed.items() if v["speedup"]]
        worst = min(speedups) if speedups else (None, False, None)
        load = q["oxigraph_load"]
        out.update({
            "query_quads": q["quads"], "saved_queries": len(timed),
            "query_p50_ms": round(max((v["oxigraph"]["p50_ms"] for v in timed.values()), default=0), 2) if timed else None,
            "slowest_query": max(timed, key=lambda k: timed[k]["oxigraph"]["p50_ms"]) if timed else None,
            "query_p95_ms": round(max(v["oxigraph"]["p95_ms"] for v in timed.values()), 2) if timed else None,
            "query_speedup_vs_rdflib": round(worst[0], 1) if worst[0] else None,
            "query_speedup_is_lower_bound": worst[1], "slowest_vs_rdflib": worst[2],
            "load_quads": load["quads"], "load_s": round(load["load_s"], 2),
            "load_1m_quads_s": round(load["load_s"], 2) if load["quads"] >= 950_000 else None,
        })
    if "viewer" in results:
        v = results["viewer"]
        first = v[min(v, key=int)]
        out["viewer_first_draw_s"] = {"nodes": first["nodes"], "s": _r(first["first_draw_s"])}
        out["viewer"] = {k: _r(x["first_draw_s"]) for k, x in v.items()}
    return out


def merge(runs: list[dict]) -> dict:
    """Raw results of separate runs of one mode (e.g. the build part and the rest) as one."""
    merged = {"mode": runs[0]["mode"], "machine": runs[0]["machine"], "runs": []}
    for r in runs:
        for size, b in r.get("build", {}).items():  # runs of one size from separate parts join
            into = merged.setdefault("build", {}).setdefault(size, {**b, "runs": {}})
            into["runs"].update(b["runs"])
        merged.update({k: r[k] for k in ("queries", "viewer") if k in r})
        merged["runs"].append({"parts": [k for k in ("build", "queries", "viewer") if k in r], "config": r["config"],
                               "elapsed_s": r["elapsed_s"], "loadavg": [r["machine"]["loadavg_start"],
                                                                        r["machine"].get("loadavg_end")]})
    merged["summary"] = summary(merged)
    return merged


def _r(x):
    return round(x, 2) if isinstance(x, (int, float)) else x


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (under three minutes)")
    parser.add_argument("--out", default=str(HERE / "out"), help="working folder [bench/out]")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: build,queries,viewer")
    parser.add_argument("--articles", type=int, nargs="+", help="corpus sizes (override)")
    parser.add_argument("--workers", type=int, nargs="+", help="worker counts (override)")
    parser.add_argument("--quads", type=int, help="graph size for the query benchmark (override)")
    parser.add_argument("--nodes", type=int, nargs="+", help="viewer sizes (override)")
    parser.add_argument("--rdflib-cap", type=float, help="seconds per rdflib query before giving up (override)")
    parser.add_argument("--from-json", nargs="+", help="merge saved raw results and rewrite RESULTS.md, run nothing")
    args = parser.parse_args()
    if args.from_json:
        results = merge([json.loads(Path(p).read_text(encoding="utf-8")) for p in args.from_json])
    else:
        config = dict(QUICK if args.quick else FULL)
        for key, value in (("articles", args.articles), ("workers", args.workers), ("quads", args.quads),
                           ("nodes", args.nodes), ("rdflib_cap_s", args.rdflib_cap)):
            if value is not None:
                config[key] = value
        results = run(config, Path(args.out), {s for s in args.skip.split(",") if s})
        results["mode"] = "quick" if args.quick else "full"
        results["summary"] = summary(results)
        parts = "-".join(p for p in ("build", "queries", "viewer") if p in results)
        if "build" in results:
            parts += "-" + "-".join(map(str, config["articles"]))
        raw = Path(args.out) / f"results-{results['mode']}-{parts}.json"
        raw.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if results["mode"] == "full":
        if "runs" not in results:
            results = merge([results])
        import report

        (HERE / "RESULTS.md").write_text(report.markdown(results, TARGETS), encoding="utf-8")
    print(json.dumps(results["summary"], ensure_ascii=False))


if __name__ == "__main__":
    main()

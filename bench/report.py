"""``bench/RESULTS.md`` from the raw figures of a full run.

Everything above the ``<!-- generated -->`` line of an existing RESULTS.md
(the hand-written reading of the figures) is kept; everything below is
rewritten.
"""

from __future__ import annotations

from pathlib import Path

MARKER = "<!-- generated: python bench/run.py (or --from-json bench/out/results-full-*.json) rewrites below -->"
HEAD = """# Benchmarks

`python bench/run.py` (full, this file) and `python bench/run.py --quick` (one JSON line, < 3 min).
Method: `bench/run.py`'s docstring and the modules beside it.

"""


def _f(x, digits: int = 2, unit: str = "") -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.{digits}f}{unit}"
    return f"{x:,}{unit}" if isinstance(x, int) else f"{x}{unit}"


def _table(header: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out + [""]


def _machine(r: dict) -> list[str]:
    m = r["machine"]
    lines = ["## Machine", "", f"- {m['cores']} cores, {m['memory_gb']} GB memory, {m['cpu']}; {m['os']}",
             "- versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v)]
    for run in r.get("runs", []):
        start, end = run["loadavg"]
        c = run["config"]
        what = "+".join(run["parts"]) + (f" ({', '.join(map(str, c['articles']))} articles, workers "
                                          f"{', '.join(map(str, c['workers']))})" if "build" in run["parts"] else "")
        lines.append(f"- part {what}: {run['elapsed_s'] / 60:.1f} min; load average (1, 5, 15 min) "
                     f"{_load(start)} at the start, {_load(end)} at the end")
    return lines + [""]


def _load(values) -> str:
    return "/".join(f"{v:.1f}" for v in values) if values else "–"


def _targets(r: dict, targets: dict) -> list[str]:
    s = r["summary"]
    rows = []

    def row(name: str, target: str, value, ok) -> None:
        verdict = {None: "–", True: "met", False: "**not met**"}.get(ok, ok)
        rows.append([name, target, value, verdict])

    build = r.get("build", {})
    for size in sorted(build, key=int):
        for key, run in sorted(build[size]["runs"].items()):
            row(f"build / Kiwi, {size} articles, {key} (wall; CPU)", f"≤ {targets['build_vs_kiwi']}×",
                f"{run['build_vs_kiwi']:.1f}×; {run['build_vs_kiwi_cpu']:.1f}×", run["build_vs_kiwi"] <= targets["build_vs_kiwi"])
    if "10000" in build:
        peak = max(x["build"]["peak_pss_mb"] for x in build["10000"]["runs"].values())
        row("build peak memory, 10,000 articles", "≤ 2 GB", f"{peak:,.0f} MB", peak <= targets["build_peak_mb_10000"])
    if "queries" in r:
        q = r["queries"]
        row(f"saved queries p50 (max), {q['quads']:,} quads", f"≤ {targets['query_p50_ms']:g} ms",
            f"{s['query_p50_ms']} ms ({s.get('slowest_query') or 'max over queries'})", s["query_p50_ms"] <= targets["query_p50_ms"])
        bound = "≥ " if s["query_speedup_is_lower_bound"] else ""
        row("speed-up over rdflib (min)", f"≥ {targets['query_speedup_vs_rdflib']:g}×",
            f"{bound}{s['query_speedup_vs_rdflib']}× ({s['slowest_vs_rdflib']})",
            True if s["query_speedup_vs_rdflib"] >= targets["query_speedup_vs_rdflib"]
            else "not shown: rdflib ran past the cap" if s["query_speedup_is_lower_bound"] else False)
        load = q["oxigraph_load"]
        row(f"bulk load, {load['quads']:,} quads", f"≤ {targets['load_1m_quads_s']:g} s", f"{load['load_s']:.1f} s",
            load["load_s"] <= targets["load_1m_quads_s"] if load["quads"] >= 950_000 else None)
    for size, key in (("2000", "viewer_2000_s"), ("10000", "viewer_10000_s")):
        v = r.get("viewer", {}).get(size)
        if v:
            ok = v["first_draw_s"] is not None and v["first_draw_s"] <= targets[key]
            row(f"viewer first draw, {v['nodes']:,} nodes", f"≤ {targets[key]:g} s", _f(v["first_draw_s"], 2, " s"), ok)
    return ["## Targets", ""] + _table(["figure", "target", "measured", ""], rows)


def _build(r: dict) -> list[str]:
    rows, stages = [], []
    for size in sorted(r.get("build", {}), key=int):
        b = r["build"][size]
        for key, x in sorted(b["runs"].items()):
            k, bd = x["kiwi"], x["build"]
            rows.append([f"{int(size):,}", x["workers"], _f(k["load_s"], 1), _f(k["tokenize_s"], 1), _f(k["tokenize_cpu_s"], 1),
                         _f(bd["wall_s"], 1), _f(bd["cpu_s"], 1), f"{x['build_vs_kiwi']:.1f}×", f"{x['build_vs_kiwi_cpu']:.1f}×",
                         _f(x["articles_per_s"], 1), f"{bd['peak_pss_mb']:,.0f}", f"{bd['peak_rss_sum_mb']:,.0f}"])
            t = bd["timings"]
            stages.append([f"{int(size):,}", x["workers"]] + [_f(t.get(s), 1) for s in
                          ("read_s", "extract_s", "resolve_s", "annotations_s", "rdf_s", "validate_s", "store_s", "viewer_s")]
                          + [f"{bd['totals'].get('quads', 0):,}"])
    if not rows:
        return []
    out = ["## Build throughput against Kiwi", "",
           "Kiwi: the pipeline's Kiwi (with its user dictionary) tokenizing the same article bodies, loaded once "
           "(load apart); with 2 workers, Kiwi's own 2-thread pool. Build: `kg build --quiet` as a subprocess, "
           "everything included (start-up, model loads, all outputs). Memory: peak PSS summed over the build's "
           "process tree (pages shared after fork counted once), and the sum of RSS.", ""]
    out += _table(["articles", "workers", "Kiwi load s", "Kiwi s", "Kiwi CPU s", "build s", "build CPU s",
                   "build/Kiwi", "build/Kiwi CPU", "articles/s", "peak PSS MB", "peak ΣRSS MB"], rows)
    out += ["Stages of the build (seconds, from its report.json; validate = SHACL on a sample of at most 100 "
            "articles, 0.0 = skipped; store = Oxigraph's bulk load, which runs beside the TriG rewrite (in rdf) and "
            "validate):", ""]
    out += _table(["articles", "workers", "read", "extract", "resolve", "annotations", "rdf", "validate", "store", "viewer",
                   "quads"], stages)
    return out


def _queries(r: dict) -> list[str]:
    q = r.get("queries")
    if not q:
        return []
    load = q["oxigraph_load"]
    out = ["## Saved queries: Oxigraph (on disk) against rdflib (in memory)", "",
           f"Graph: {q['articles']:,} generated articles mapped by `kg.rdf.to_rdf`, {q['quads']:,} quads "
           + (f"(generated in {q['generate_s']:.0f} s)" if q["generate_s"] >= 1 else "(N-Quads file of an earlier run)")
           + f". Oxigraph bulk load {load['load_s']:.1f} s "
           f"({load['disk_mb']:.0f} MB on disk); rdflib `Dataset` parse {_f(q['rdflib_load_s'], 1, ' s')}. "
           f"Name parameters: {q['hub'][0]} (the organization named most often), post {q['hub'][1]}; "
           f"other parameters are the examples in each query's header. Oxigraph: `kg.sparql.run.execute` on the store "
           f"opened read-only, warm, repeated (p50/p95); parse = `inspect_query` once. rdflib: the same query text, "
           f"at most 3 runs, stopped after {q['rdflib_cap_s']:g} s (then the speed-up is a lower bound).", ""]
    rows = []
    for name, x in sorted(q["queries"].items()):
        o, d = x["oxigraph"], x["rdflib"]
        rd = _f(d.get("p50_ms"), 0) if d.get("p50_ms") is not None else f"> {d['lower_bound_ms'] / 1000:g} s"
        sp = "–" if x["speedup"] is None else ("≥ " if x["speedup_is_lower_bound"] else "") + f"{x['speedup']:,.0f}×"
        rows.append([name, ", ".join(f"{k}={v}" for k, v in x["params"].items()) or "–", o["rows"],
                     _f(o["p50_ms"], 1), _f(o["p95_ms"], 1), _f(o["parse_ms"], 1), rd, sp])
    out += _table(["query", "parameters", "rows", "p50 ms", "p95 ms", "parse ms", "rdflib p50 ms", "speed-up"], rows)
    if q.get("skipped"):
        out += ["Not timed (did not bind): " + "; ".join(f"{k}: {v}" for k, v in q["skipped"].items()), ""]
    return out


def _viewer(r: dict) -> list[str]:
    v = r.get("viewer")
    if not v:
        return []
    rows = [[f"{x['nodes']:,}", f"{x['edges']:,}", _f(x["render_s"], 1), _f(x["html_mb"], 1), _f(x["first_draw_s"], 2),
             x["signal"], x["timer"]] for _, x in sorted(v.items(), key=lambda kv: int(kv[0]))]
    return ["## Viewer: first stable drawing in headless Chromium", "",
            "Synthetic networks of typed entities with Korean labels (`bench/viewer_bench.py`'s "
            "`synthetic_graph`: preferential attachment and a sentence source on every edge), written by "
            "`kg.render.viewer.render` (layout included); first draw = seconds from navigation start to the viewer's "
            "first drawing after the layout is stable (`window.kgViewer.stableMs`), software rendering; the timer "
            "column says whose code measured it.", ""] + _table(
        ["nodes", "edges", "render (Python) s", "HTML MB", "first draw s", "signal", "timer"], rows)


def markdown(results: dict, targets: dict, previous: str | None = None) -> str:
    """The whole RESULTS.md: the kept hand-written part, then the generated figures."""
    path = Path(__file__).with_name("RESULTS.md")
    if previous is None and path.exists():
        previous = path.read_text(encoding="utf-8")
    head = previous.split(MARKER)[0] if previous and MARKER in previous else HEAD
    body = [MARKER, ""] + _targets(results, targets) + _build(results) + _queries(results) + _viewer(results)
    body += _machine(results)
    return head + "\n".join(body)

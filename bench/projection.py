"""The 100,000-article projection: ``kg build`` at a few sizes, time and peak memory per stage, fitted and extrapolated.

    python bench/projection.py 1000 10000 30000 [--to 100000] [--out bench/out]

Each size is a generated corpus (``generate.write_corpus``, seed 7) built by
``kg build --quiet`` as a subprocess (``build_bench.time_build``'s way), its
process tree's memory (PSS) sampled with a timestamp every 0.2 s. The stages'
seconds come from the build's ``report.json``; each sample is given to the
stage running at its time (start-up first, then read, extract, resolve,
annotations, the graph — RDF, TriG, the store's bulk load and validation of a
sample, which overlap —, the derived graph, the viewer), so each stage gets
its peak. Time per stage is fitted as ``a·n^b`` (least squares on logarithms:
``b`` says how it grows) and peak memory as ``a + b·n``, both extrapolated to
``--to`` articles. Not run by the tests: it takes many minutes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
STAGES = ("startup", "read", "extract", "resolve", "annotations", "graph", "derive", "viewer")


class Timeline(threading.Thread):
    """(seconds since start, PSS bytes) of a process tree, every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.samples = pid, interval, []
        self.done = threading.Event()
        self.start_time = time.perf_counter()

    def run(self) -> None:
        from build_bench import _memory, _tree

        while not self.done.is_set():
            self.samples.append((time.perf_counter() - self.start_time, _memory(_tree(self.pid))[0]))
            self.done.wait(self.interval)


def stage_windows(wall: float, t: dict) -> dict[str, tuple[float, float]]:
    """When each stage ran, from the build's timings (the graph stages overlap: one window)."""
    graph = max(t.get("rdf_s", 0) + t.get("validate_s", 0), t.get("store_s", 0))
    tail = [("graph", graph), ("derive", t.get("derive_s", 0)), ("viewer", t.get("viewer_s", 0))]
    head = [("read", t.get("read_s", 0)), ("extract", t.get("extract_s", 0)), ("resolve", t.get("resolve_s", 0)),
            ("annotations", t.get("annotations_s", 0))]
    startup = max(0.0, wall - sum(s for _, s in head + tail))
    windows, at = {"startup": (0.0, startup)}, startup
    for name, seconds in head + tail:
        windows[name] = (at, at + seconds)
        at += seconds
    return windows


def run_build(corpus: Path, out: Path) -> dict:
    """``kg build --quiet`` of ``corpus``: wall seconds, the stages' seconds and peak PSS (MB) of each."""
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    timeline = Timeline(proc.pid)
    timeline.start()
    _, stderr = proc.communicate()
    wall = time.perf_counter() - timeline.start_time
    timeline.done.set()
    timeline.join()
    if proc.returncode != 0:
        raise RuntimeError(f"kg build exited {proc.returncode}: {stderr[-2000:]}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    t = report["timings"]
    windows = stage_windows(wall, t)
    seconds = {"startup": windows["startup"][1], **{s: t.get(f"{s}_s", 0.0) for s in STAGES[1:] if s != "graph"},
               "graph": windows["graph"][1] - windows["graph"][0]}
    pad = timeline.interval  # a stage shorter than the sampling interval still gets the samples around it
    peaks = {s: max((m for at, m in timeline.samples if lo - pad <= at < hi + pad), default=0) / 2**20
             for s, (lo, hi) in windows.items()}
    return {"wall_s": wall, "seconds": seconds, "peak_mb": peaks, "peak_total_mb": max(m for _, m in timeline.samples) / 2**20,
            "quads": report["totals"]["quads"], "timings": t}


def fit_power(ns: list[int], ys: list[float]) -> tuple[float, float]:
    """``a, b`` of ``y = a·n^b`` by least squares on logarithms (written out: two sums, no dependency)."""
    points = [(math.log(n), math.log(max(y, 1e-3))) for n, y in zip(ns, ys)]
    mx, my = sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points) or 1.0
    b = sum((x - mx) * (y - my) for x, y in points) / sxx
    return math.exp(my - b * mx), b


def fit_line(ns: list[int], ys: list[float]) -> tuple[float, float]:
    """``a, b`` of ``y = a + b·n`` by least squares."""
    mx, my = sum(ns) / len(ns), sum(ys) / len(ys)
    sxx = sum((n - mx) ** 2 for n in ns) or 1.0
    b = sum((n - mx) * (y - my) for n, y in zip(ns, ys)) / sxx
    return my - b * mx, b


def project(runs: dict[int, dict], to: int) -> dict:
    """Per stage: the exponent of its time, its time and peak memory at ``to`` articles."""
    ns = sorted(runs)
    out = {}
    for stage in STAGES:
        a, b = fit_power(ns, [runs[n]["seconds"][stage] for n in ns])
        m0, m1 = fit_line(ns, [runs[n]["peak_mb"][stage] for n in ns])
        out[stage] = {"exponent": b, "seconds_at": a * to ** b, "peak_mb_at": m0 + m1 * to}
    a, b = fit_power(ns, [runs[n]["wall_s"] for n in ns])
    m0, m1 = fit_line(ns, [runs[n]["peak_total_mb"] for n in ns])
    out["build"] = {"exponent": b, "seconds_at": a * to ** b, "peak_mb_at": m0 + m1 * to}
    return out


def main() -> None:
    import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--to", type=int, default=100_000)
    parser.add_argument("--out", default=str(HERE / "out"))
    args = parser.parse_args()
    work = Path(args.out)
    work.mkdir(parents=True, exist_ok=True)
    runs = {}
    for n in args.sizes:
        corpus = work / f"corpus-{n}-7"
        shutil.rmtree(corpus, ignore_errors=True)
        generate.write_corpus(corpus, n, 7)
        load = os.getloadavg()
        runs[n] = {**run_build(corpus, work / f"projection-build-{n}"), "loadavg": [load, os.getloadavg()]}
        shutil.rmtree(work / f"projection-build-{n}", ignore_errors=True)
        print(json.dumps({"articles": n, **{k: v for k, v in runs[n].items() if k != "timings"}}), flush=True)
    result = {"runs": runs, "to": args.to, "projection": project(runs, args.to) if len(runs) > 1 else None}
    (work / "projection.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result["projection"], indent=1))


if __name__ == "__main__":
    main()

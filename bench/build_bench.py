"""Build throughput against its physical floor: Kiwi tokenization of the same bodies.

Both run as subprocesses of this one, in the same run, on the same corpus:
``kiwi_floor`` loads Kiwi once (the load is timed apart) and tokenizes every
article body; ``time_build`` runs ``kg build --quiet`` and samples the memory
of its whole process tree (PSS, so pages shared after ``fork`` count once).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

_KIWI_CHILD = r"""
import json, sys, time
bodies = json.load(open(sys.argv[1], encoding="utf-8"))
threads = int(sys.argv[2])
clock = time.perf_counter()
try:
    from kg.nlp.tokenizer import KIWI_OPTIONS, user_words  # the pipeline's own Kiwi, with its user dictionary
    words, options = user_words(), KIWI_OPTIONS
except ImportError:
    words, options = (), {}
from kiwipiepy import Kiwi
kiwi = Kiwi(num_workers=threads if threads > 1 else 0, **options)
for word, tag in words:
    kiwi.add_user_word(word, tag, 0.0)
kiwi.tokenize("워밍업 문장입니다.")
load = time.perf_counter() - clock
cpu = time.process_time()
clock = time.perf_counter()
if threads > 1:
    count = sum(len(t) for t in kiwi.tokenize(iter(bodies)))
else:
    count = sum(len(kiwi.tokenize(b)) for b in bodies)
print(json.dumps({"load_s": load, "tokenize_s": time.perf_counter() - clock, "tokenize_cpu_s": time.process_time() - cpu,
                  "tokens": count}))
"""


def kiwi_floor(bodies: list[str], work: Path, threads: int = 1) -> dict:
    """Seconds Kiwi takes to tokenize ``bodies`` (on ``threads`` threads), load time apart."""
    path = work / "bodies.json"
    path.write_text(json.dumps(bodies, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _KIWI_CHILD, str(path), str(threads)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _memory(pids: list[int]) -> tuple[int, int]:
    """(sum of PSS, sum of RSS) in bytes over ``pids``."""
    pss = rss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return pss, rss


class _Sampler(threading.Thread):
    """Peak memory of a process tree, sampled every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_pss = self.peak_rss = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            pss, rss = _memory(_tree(self.pid))
            self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)
            self.done.wait(self.interval)


def time_build(corpus: Path, out: Path, workers: int, extra: tuple[str, ...] = (), fresh: bool = True) -> dict:
    """Run ``kg build --quiet`` (with ``extra`` options) on ``corpus``: wall time, peak memory, the build's own timings.

    ``fresh``: into a new folder (a clean build); else into ``out`` as it is (an incremental build).
    """
    import resource

    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--quiet", "--workers", str(workers),
           *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    clock = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = _Sampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - clock
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and its workers, once waited for
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    sampler.done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"kg build exited {proc.returncode}: {stderr[-2000:]}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"wall_s": wall, "cpu_s": cpu, "peak_pss_mb": sampler.peak_pss / 2**20, "peak_rss_sum_mb": sampler.peak_rss / 2**20,
            "timings": report["timings"], "totals": report["totals"]}


def bench_build(n: int, work: Path, workers_list: tuple[int, ...] = (1, 2), seed: int = 7) -> dict:
    """Kiwi floor and ``kg build`` on an ``n``-article generated corpus, for each worker count."""
    import generate

    corpus = work / f"corpus-{n}-{seed}"
    shutil.rmtree(corpus, ignore_errors=True)  # always the generator's current text: bodies and files agree
    articles = generate.write_corpus(corpus, n, seed)
    bodies = [a.body for a in articles]
    result = {"articles": n, "body_chars": sum(map(len, bodies)), "page_chars": sum(len(a.page) for a in articles),
              "runs": {}}
    for workers in workers_list:
        floor = kiwi_floor(bodies, work, threads=workers)
        build = time_build(corpus, work / f"build-{n}-w{workers}", workers)
        result["runs"][f"w{workers}"] = {
            "workers": workers,
            "kiwi": floor,
            "build": build,
            "build_vs_kiwi": build["wall_s"] / floor["tokenize_s"],
            # CPU seconds: the ratio that survives a machine shared with other work
            "build_vs_kiwi_cpu": build["cpu_s"] / floor["tokenize_cpu_s"],
            "cpu_ms_per_article": 1000 * build["cpu_s"] / n,
            "kiwi_cpu_ms_per_article": 1000 * floor["tokenize_cpu_s"] / n,
            "extract_vs_kiwi": build["timings"].get("extract_s", float("nan")) / floor["tokenize_s"],
            "articles_per_s": n / build["wall_s"],
            "kiwi_articles_per_s": n / floor["tokenize_s"],
        }
    return result


def bench_model(n: int, work: Path, seed: int = 7) -> dict:
    """The trained layer's cost: ``kg build`` with the shipped model against ``--rules-only``, and Kiwi, in one run.

    Kiwi is timed before each build and after the last (Kiwi, rules, Kiwi, model, Kiwi), and each
    build is set against the mean of the two Kiwi runs around it: on a machine shared with other
    work Kiwi's CPU time moves by a fifth between runs minutes apart (18-25 s at 1,000 articles),
    as the build's does, so a single Kiwi run before both builds made the ratios move more with
    the load than with the build. Every Kiwi run is reported (``kiwi_runs``).
    """
    import generate

    corpus = work / f"corpus-{n}-{seed}"
    shutil.rmtree(corpus, ignore_errors=True)
    bodies = [a.body for a in generate.write_corpus(corpus, n, seed)]
    floors = [kiwi_floor(bodies, work)]
    rules = time_build(corpus, work / f"build-{n}-rules", 1, ("--rules-only",))
    floors.append(kiwi_floor(bodies, work))
    model = time_build(corpus, work / f"build-{n}-model", 1)
    floors.append(kiwi_floor(bodies, work))
    cpu = [f["tokenize_cpu_s"] for f in floors]
    around_rules, around_model = (cpu[0] + cpu[1]) / 2, (cpu[1] + cpu[2]) / 2
    return {"articles": n, "kiwi": floors[0], "kiwi_runs": floors, "rules": rules, "model": model,
            "kiwi_cpu_s": cpu, "kiwi_cpu_around_rules_s": around_rules, "kiwi_cpu_around_model_s": around_model,
            "rules_vs_kiwi_cpu": rules["cpu_s"] / around_rules,
            "model_vs_kiwi_cpu": model["cpu_s"] / around_model,
            "model_vs_rules_cpu": model["cpu_s"] / rules["cpu_s"],
            "load_average": os.getloadavg()}


if __name__ == "__main__":  # python bench/build_bench.py model 1000
    import argparse

    parser = argparse.ArgumentParser(description="kg build with the trained model against the rules and Kiwi")
    parser.add_argument("what", choices=["model"])
    parser.add_argument("articles", type=int, nargs="?", default=1000)
    parser.add_argument("--work", default=str(Path(__file__).with_name("out")))
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    result = bench_model(args.articles, work)
    brief = {k: v for k, v in result.items() if not isinstance(v, (dict, list)) or k in ("kiwi_cpu_s", "load_average")}
    brief.update({f"{k}_cpu_s": result[k]["cpu_s"] for k in ("rules", "model")})
    brief.update({f"{k}_timings": result[k]["timings"] for k in ("rules", "model")})
    print(json.dumps(brief, indent=1))

"""Growing corpora: an incremental build against a full one, a Dask cluster against local workers (issue 15).

Both cases run ``kg build --quiet`` as subprocesses (``build_bench.time_build``)
on generated articles (``generate.py``, seed 7), every build of a case in the
same run, and check that the graphs agree (canonical N-Quads, with
``SOURCE_DATE_EPOCH`` fixed so that the build timestamps agree too):

- ``incremental``: build N articles, add 10, build again into the same
  folder; against the full build of the N, and a clean build of the N + 10
  (whose graph the incremental one must equal).
- ``cluster``: N articles with ``--scheduler`` on a scheduler and 2
  one-thread workers on this machine (``dask_local``, started and warmed
  before the timing: a cluster is up before builds are sent to it) against
  ``--workers 2``.

    python bench/scale_bench.py incremental 1000
    python bench/scale_bench.py cluster 1000
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILD_TIME = "1767225600"
ADDED = 10


def canonical(build_dir: Path) -> list[str]:
    """The quads of a build, sorted (blank nodes canonicalized first when there are any)."""
    import pyoxigraph as ox

    dataset = ox.Dataset(ox.parse(path=str(build_dir / "kg.trig"), format=ox.RdfFormat.TRIG))
    if any(isinstance(t, ox.BlankNode) for q in dataset for t in (q.subject, q.object, q.graph_name)):
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(q) for q in dataset)


def _corpora(n: int, work: Path, seed: int = 7) -> tuple[Path, list[Path]]:
    """A folder of the first ``n`` generated articles, and the files of the next ``ADDED`` (apart)."""
    import generate

    corpus, extra = work / f"inc-corpus-{n}", work / f"inc-extra-{n}"
    for folder in (corpus, extra):
        shutil.rmtree(folder, ignore_errors=True)
    generate.write_corpus(corpus, n, seed)
    articles = generate.write_corpus(extra, n + ADDED, seed)  # article i depends on (seed, i) only
    added = [extra / a.id for a in articles[n:]]
    for a in articles[:n]:
        (extra / a.id).unlink()
    return corpus, added


def bench_incremental(n: int, work: Path, extra: tuple[str, ...] = ()) -> dict:
    """Full build of ``n``, then ``ADDED`` more articles built incrementally; a clean build of all to compare."""
    from build_bench import time_build

    os.environ["SOURCE_DATE_EPOCH"] = BUILD_TIME
    corpus, added = _corpora(n, work)
    out, clean_out = work / f"inc-build-{n}", work / f"inc-clean-{n + ADDED}"
    full = time_build(corpus, out, 1, extra)
    for path in added:
        shutil.copy(path, corpus / path.name)
    incremental = time_build(corpus, out, 1, extra, fresh=False)
    clean = time_build(corpus, clean_out, 1, extra)
    return {"articles": n, "added": ADDED, "options": list(extra), "full": full, "incremental": incremental,
            "clean": clean, "incremental_vs_full": incremental["wall_s"] / full["wall_s"],
            "incremental_vs_clean": incremental["wall_s"] / clean["wall_s"],
            "reused": incremental["totals"]["reused"], "extracted": incremental["totals"]["extracted"],
            "identical_to_clean": canonical(out) == canonical(clean_out)}


def bench_cluster(n: int, work: Path, workers: int = 2) -> dict:
    """``kg build --scheduler`` on a local scheduler and ``workers`` workers against ``--workers`` ``workers``."""
    import generate
    from build_bench import time_build
    from dask_local import local_dask

    os.environ["SOURCE_DATE_EPOCH"] = BUILD_TIME
    corpus = work / f"corpus-{n}-7"
    shutil.rmtree(corpus, ignore_errors=True)
    generate.write_corpus(corpus, n, 7)
    small = work / "cluster-warm-corpus"
    shutil.rmtree(small, ignore_errors=True)
    generate.write_corpus(small, 20, 8)
    local = time_build(corpus, work / f"cluster-local-{n}", workers)
    with local_dask(work / "dask", workers) as (address, _):
        warm = time_build(small, work / "cluster-warm", 1, ("--scheduler", address))  # the workers load the models
        dask = time_build(corpus, work / f"cluster-dask-{n}", 1, ("--scheduler", address))
    return {"articles": n, "workers": workers, "local": local, "dask": dask, "warm_up_s": warm["wall_s"],
            "dask_vs_local": dask["wall_s"] / local["wall_s"],
            "identical_to_local": canonical(work / f"cluster-dask-{n}") == canonical(work / f"cluster-local-{n}")}


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=["incremental", "cluster"])
    parser.add_argument("articles", type=int, nargs="?", default=1000)
    parser.add_argument("--rules-only", action="store_true", help="build with the rules alone (default: the model)")
    parser.add_argument("--work", default=str(HERE / "out"))
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if args.case == "incremental":
        result = bench_incremental(args.articles, work, ("--rules-only",) if args.rules_only else ())
    else:
        result = bench_cluster(args.articles, work)
    (work / f"scale-{args.case}-{args.articles}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if not isinstance(v, dict)}, indent=1))


if __name__ == "__main__":
    main()

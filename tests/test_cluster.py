"""Extraction on a real Dask cluster (issue 15, item 2): a scheduler and two worker processes on loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bench.dask_local import local_dask
from kg.pipeline import build
from tests.support.builds import BUILD_TIME, canonical_nquads


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two one-thread workers, for the tests that keep every worker alive."""
    with local_dask(tmp_path_factory.mktemp("dask")) as (address, workers):
        yield address


@pytest.fixture(scope="module")
def local_sample(tmp_path_factory) -> list[str]:
    """The canonical N-Quads of the sample built on this machine (the shipped model)."""
    return local_build([], tmp_path_factory.mktemp("local-sample"))


def local_build(paths: list[Path], out: Path) -> list[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
        build(paths, out=out, workers=2)
    return canonical_nquads(out)


def cluster_build(paths: list[Path], out: Path, address: str) -> dict:
    """``kg build --scheduler`` as a user runs it; its report."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_TIME}
    result = subprocess.run([sys.executable, "-m", "kg", "build", *map(str, paths), "--out", str(out),
                             "--scheduler", address, "--quiet"], env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_cluster_build_of_the_sample_is_the_local_build(cluster, local_sample, tmp_path):
    report = cluster_build([], tmp_path / "dask", cluster)
    assert report["totals"]["extracted"] == report["totals"]["articles"] == 11
    assert canonical_nquads(tmp_path / "dask") == local_sample


@pytest.mark.slow
def test_a_cluster_build_of_seeds_and_dev_is_the_local_build(cluster, shared_dir, tmp_path):
    paths = [shared_dir / "corpus" / "seeds", shared_dir / "corpus" / "dev"]
    report = cluster_build(paths, tmp_path / "dask", cluster)
    assert report["totals"]["articles"] > 15
    assert canonical_nquads(tmp_path / "dask") == local_build(paths, tmp_path / "local")


@pytest.mark.slow
def test_a_worker_killed_mid_build_loses_nothing_and_duplicates_nothing(local_sample, tmp_path, monkeypatch):
    """One article a batch; at the first result, the worker busy with a batch is killed (SIGKILL)."""
    from distributed import Client

    import kg.pipeline.cluster as cluster_module

    monkeypatch.setattr(cluster_module, "BATCH_ARTICLES", 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
    folder = tmp_path / "dask"
    with local_dask(folder) as (address, workers), Client(address, set_as_default=False) as observer:
        killed: list[tuple[str, tuple]] = []
        in_scheduler: list[int] = []

        def watch(done: int, total: int) -> None:
            in_scheduler.append(observer.run_on_scheduler(  # a lambda: sent by value, the scheduler has no tests/
                lambda dask_scheduler: sum(1 for k in dask_scheduler.tasks if str(k).startswith("kg-extract"))))
            if killed:
                return
            busy = {w: keys for w, keys in observer.processing().items() if keys}
            worker, keys = sorted(busy.items())[0]
            directory = observer.scheduler_info()["workers"][worker]["local_directory"]
            index = next(i for i in range(len(workers)) if Path(directory).is_relative_to(folder / f"worker{i}"))
            os.kill(workers[index].pid, signal.SIGKILL)
            workers[index].wait(timeout=30)
            killed.append((worker, keys))

        result = build([], out=tmp_path / "out", scheduler=address, progress=watch)
    assert killed and killed[0][1], "no worker was busy when one was killed"
    assert sorted(i["id"] for i in result.report["inputs"]) == sorted({i["id"] for i in result.report["inputs"]})
    assert result.report["totals"]["extracted"] == result.report["totals"]["articles"] == 11
    assert canonical_nquads(tmp_path / "out") == local_sample
    # bounded: never the 11 batches at once, at most two per worker thread (and a few just released)
    assert len(in_scheduler) == 11 and max(in_scheduler) <= 2 * 2 + 2


def test_an_unreachable_scheduler_is_a_usage_error_that_says_what_to_do(tmp_path, monkeypatch):
    import socket

    from click.testing import CliRunner

    import kg.pipeline.cluster as cluster_module
    from kg.cli import main

    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", "1s")
    with socket.socket() as s:  # a free port on loopback, where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(main, ["build", "--rules-only", "--out", str(tmp_path / "out"), "--quiet",
                                       "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 2, result.output
    assert "cannot reach the Dask scheduler" in result.output and "dask scheduler" in result.output

"""Crash safety of `kg build` (issue 8): SIGKILL in the middle of a build into an existing folder.

The first build's graph, store, annotations, viewer and report stay whole and
usable; the next build completes and removes the killed build's debris.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset

from bench.generate import write_corpus
from kg.store.build_dir import BuildDir
from kg.store.open import open_store
from kg.store.versions import VERSIONS
from tests.support.corpus import write_tiny_corpus

pytestmark = pytest.mark.slow

ARTICLE = "https://w3id.org/kgkr/ns#Article"


def kg_build(corpus: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kg_build_ok(corpus: Path, out: Path, timeout: float) -> None:
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--quiet"],
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr


def snapshot(out: Path) -> dict:
    """What a user sees in ``out``: articles in the graph, in the store, annotations, viewer, report."""
    ds = Dataset()
    ds.parse(out / "kg.trig", format="trig")
    with open_store(out) as store:
        in_store = {str(r["a"].value) for r in store.query(f"SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ ?a a <{ARTICLE}> }} }}")}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {
        "quads": len(list(ds.quads())),
        "articles": in_store,
        "annotations": sorted(p.name for p in (out / "annotations").iterdir()),
        "viewer": (out / "graph.html").read_bytes(),
        "report_articles": report["totals"]["articles"],
    }


def _partial_has(out: Path, stage: str) -> bool:
    for partial in (out / VERSIONS).glob("*.partial"):
        if stage == "annotations" and any((partial / "annotations").glob("*.json")):
            return True
        if stage == "store" and (partial / "store").exists():
            return True
    return False


@pytest.mark.parametrize("stage", ["annotations", "store"])
def test_sigkill_mid_build_leaves_the_previous_build_whole(tmp_path, stage):
    out = tmp_path / "build"
    small = write_tiny_corpus(tmp_path / "small", 2)
    kg_build_ok(small, out, timeout=300)
    before = snapshot(out)
    assert before["annotations"] == ["t00.json", "t01.json"] and len(before["articles"]) == 2

    big = tmp_path / "big"
    write_corpus(big, 40, seed=3)
    victim = kg_build(big, out)
    deadline = time.monotonic() + 300
    while not _partial_has(out, stage):
        assert victim.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline, f"no partial {stage} appeared"
        time.sleep(0.01)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    assert list((out / VERSIONS).glob("*.partial")), "the kill left no debris: it came too late to test anything"

    assert snapshot(out) == before  # graph, store, annotations, viewer, report: the first build's
    for name in BuildDir.OUTPUTS:
        assert (out / name).exists(), name

    kg_build_ok(big, out, timeout=600)
    after = snapshot(out)
    assert len(after["annotations"]) == 40 and len(after["articles"]) == 40
    versions = list((out / VERSIONS).iterdir())
    assert not [p for p in versions if p.suffix == ".partial"]  # the killed build's folder is gone
    assert len(versions) == 2  # the current and the previous build

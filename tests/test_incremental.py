"""Incremental builds (issue 15, item 1): only changed articles are extracted, and the graph is a clean build's."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.pipeline.extraction import cache_key, extract_sources, extractor_identity, process
from kg.records import Source
from kg.store.cache import RecordCache
from tests.support.builds import BUILD_TIME, canonical_nquads, copy_sample, derived_nquads, store_nquads

BASE = ("s01_rename_2018.txt", "s03_biohealth_mou.txt", "s04_kmedihub_mou.txt", "s05_gachon_mou.txt")


def how(result) -> dict[str, str]:
    return {i["id"]: i["extraction"] for i in result.report["inputs"]}


def assert_same_as_clean(corpus: Path, incremental, tmp_path: Path, name: str) -> None:
    clean = build([corpus], out=tmp_path / f"clean-{name}", model=None)
    assert canonical_nquads(incremental.out) == canonical_nquads(clean.out), name
    assert (incremental.out / "kg.trig").read_bytes() == (clean.out / "kg.trig").read_bytes(), name
    assert store_nquads(incremental.out) == store_nquads(clean.out), name  # the store patched, not reloaded
    assert derived_nquads(incremental.out) == derived_nquads(clean.out), name  # rewritten, never appended
    # the viewer drawn from rows kept for unchanged articles (kg.store.graph_rows): byte for byte the clean one
    assert (incremental.out / "graph.html").read_bytes() == (clean.out / "graph.html").read_bytes(), name
    # the annotation files: the clean build's, byte for byte
    assert _files(incremental.out / "annotations") == _files(clean.out / "annotations"), name
    assert set(how(clean).values()) == {"extracted"}
    assert {k: v for k, v in incremental.report["totals"].items() if k not in ("reused", "extracted")} == \
        {k: v for k, v in clean.report["totals"].items() if k not in ("reused", "extracted")}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_an_annotation_corrected_in_place_is_written_again_and_the_correction_kept(tmp_path, monkeypatch):
    """The README's retraining loop corrects ``annotations/*.json`` in the build folder: the next build
    writes what the extractor says, and the corrected file of the earlier version stays as corrected."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
    corpus = copy_sample(tmp_path / "corpus", BASE)
    out = tmp_path / "out"
    first = build([corpus], out=out, model=None)
    corrected = first.out / "annotations" / (BASE[0].rsplit(".", 1)[0] + ".json")
    kept = corrected.resolve()  # the file in the published version the user edits
    kept.write_text('{"entities": [], "relations": []}\n', encoding="utf-8")
    copy_sample(corpus, ("s06_kmedihub_chair.txt",))
    added = build([corpus], out=out, model=None)
    assert json.loads((added.out / "annotations" / corrected.name).read_text(encoding="utf-8"))["entities"]
    assert kept.read_text(encoding="utf-8") == '{"entities": [], "relations": []}\n' or not kept.exists()
    assert_same_as_clean(corpus, added, tmp_path, "corrected")


def test_add_change_remove_each_equal_a_clean_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
    corpus = copy_sample(tmp_path / "corpus", BASE)
    out = tmp_path / "out"
    first = build([corpus], out=out, model=None)
    assert set(how(first).values()) == {"extracted"}
    assert first.report["extractor"]["model"] == "rules-only"

    copy_sample(corpus, ("s06_kmedihub_chair.txt",))  # added: shares 케이메디허브 with s04
    added = build([corpus], out=out, model=None)
    assert how(added) == {**dict.fromkeys(BASE, "reused"), "s06_kmedihub_chair.txt": "extracted"}
    assert (added.report["totals"]["reused"], added.report["totals"]["extracted"]) == (4, 1)
    assert any("s06_kmedihub_chair.txt" in q and "#articleId>" in q for q in derived_nquads(out))  # its facts' rows
    assert_same_as_clean(corpus, added, tmp_path, "added")

    page = corpus / "s04_kmedihub_mou.txt"
    text = page.read_text(encoding="utf-8")
    assert "양진영" in text
    page.write_text(text.replace("양진영", "한가람"), encoding="utf-8")  # changed: the chair's name
    changed = build([corpus], out=out, model=None)
    assert [k for k, v in how(changed).items() if v == "extracted"] == ["s04_kmedihub_mou.txt"]
    assert_same_as_clean(corpus, changed, tmp_path, "changed")

    (corpus / "s03_biohealth_mou.txt").unlink()  # removed: its article, agreement and partner leave the graph
    removed = build([corpus], out=out, model=None)
    assert "s03_biohealth_mou.txt" not in how(removed) and set(how(removed).values()) == {"reused"}
    assert not any("s03_biohealth_mou" in q for q in canonical_nquads(removed.out))
    assert not any("s03_biohealth_mou" in q for q in derived_nquads(removed.out))
    assert_same_as_clean(corpus, removed, tmp_path, "removed")


def test_full_extracts_everything_again(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    corpus = copy_sample(tmp_path / "corpus", BASE[:2])
    build([corpus], out=tmp_path / "out", model=None)
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "out"), "--rules-only",
                                       "--full", "--quiet"])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert {i["extraction"] for i in report["inputs"]} == {"extracted"}
    assert report["totals"]["reused"] == 0


def test_the_cache_keeps_only_the_current_articles(tmp_path):
    corpus = copy_sample(tmp_path / "corpus", BASE[:2])
    out = tmp_path / "out"
    build([corpus], out=out, model=None)
    (corpus / BASE[0]).unlink()
    result = build([corpus], out=out, model=None)
    entries = sorted(p.stem for p in (out / ".extractions").rglob("*.pickle"))
    sources = [s for s in _read(corpus)]
    assert entries == [cache_key(s, result.report["extractor"]) for s in sources]


def _read(corpus: Path) -> list[Source]:
    from kg.ingest.read import read_sources

    return [s for s in read_sources([corpus]) if isinstance(s, Source)]


TEXT = "한빛산업진흥원은 12일 한빛대학교와 업무협약을 맺었다고 밝혔다."


def test_a_changed_extractor_extracts_every_article_again(tmp_path):
    sources = [Source(f"a{i}", f"a{i}.txt", "txt-body", TEXT.replace("12일", f"{i + 10}일")) for i in range(2)]
    asked: list[list[str]] = []

    def extract(todo):
        asked.append([s.id for s in todo])
        return [process(s) for s in todo]

    cache = RecordCache(tmp_path / "cache")
    first = extract_sources(sources, cache, None, extract)
    again = extract_sources(sources, cache, None, extract)
    assert asked == [["a0", "a1"], []] and again.reused == {"a0", "a1"}
    assert [again.results[s.id] for s in sources] == [first.results[s.id] for s in sources]

    model = tmp_path / "model"
    from kg.extract.model import default_model_path

    shutil.copytree(default_model_path(), model)
    other = extract_sources(sources, cache, str(model), extract)  # another model: nothing reused
    assert asked[-1] == ["a0", "a1"] and not other.reused
    with open(model / "mentions.txt", "a", encoding="utf-8") as f:
        f.write("\n")
    assert extractor_identity(str(model))["model"] != other.extractor["model"]  # a retrained model is another
    assert other.extractor["kiwi"] == metadata.version("kiwipiepy")  # so does another Kiwi
    extract_sources(sources, cache, None, extract, full=True)
    assert asked[-1] == ["a0", "a1"]


def test_cache_key_covers_the_source_and_the_extractor():
    source = Source("a", "a.txt", "txt-body", TEXT)
    identity = {"kg": "0.1.0", "kiwi": "0.24.1", "code": "c", "model": "rules-only"}
    keys = {cache_key(source, identity), cache_key(Source("a", "a.txt", "txt-body", TEXT + " "), identity),
            cache_key(Source("a", "b.txt", "txt-body", TEXT), identity),
            cache_key(source, {**identity, "code": "d"}), cache_key(source, {**identity, "kg": "0.2.0"}),
            cache_key(source, {**identity, "kiwi": "0.25.0"})}
    assert len(keys) == 6


@pytest.mark.slow
def test_a_build_killed_mid_way_leaves_the_previous_build_whole(tmp_path, monkeypatch):
    """A real ``kg build`` subprocess killed while it writes its version; then an incremental build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_TIME)
    corpus = copy_sample(tmp_path / "corpus", BASE[:2])
    out = tmp_path / "out"
    build([corpus], out=out, model=None)
    before = canonical_nquads(out)
    report = (out / "report.json").read_text(encoding="utf-8")
    copy_sample(corpus, BASE[2:])
    versions = set((out / ".versions").iterdir())
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--rules-only",
                             "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    deadline = time.monotonic() + 120
    while not any(p.suffix == ".partial" for p in set((out / ".versions").iterdir()) - versions):
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert (out / "report.json").read_text(encoding="utf-8") == report
    assert canonical_nquads(out) == before
    from kg.store.load import stated_quads
    from kg.store.open import open_store

    with open_store(out) as store:  # the store of the previous build opens and answers (the derived graph aside)
        assert len(list(stated_quads(store))) == len(before)

    after = build([corpus], out=out, model=None)
    assert how(after) == {**dict.fromkeys(BASE[:2], "reused"), **dict.fromkeys(BASE[2:], "reused")}
    assert not any(p.suffix == ".partial" for p in (out / ".versions").iterdir())
    assert_same_as_clean(corpus, after, tmp_path, "after-kill")

"""The command-line contract of `kg build` and `kg eval` (issue 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from kg.cli import main
from kg.store.build_dir import BuildDir
from kg.rdf.datasets import isomorphic_datasets
from kg.rdf.iris import Iris
from tests.support.corpus import TINY_ARTICLE, write_tiny_corpus


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.slow
def test_build_writes_all_outputs(tiny_corpus, tmp_path):
    out = tmp_path / "b"
    result = run("build", str(tiny_corpus), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    for name in BuildDir.OUTPUTS:
        assert (out / name).exists(), name
    # the build's own folder holds its outputs, what the next build starts from, and nothing more: kg serve
    # saves the catalogue, not kg build
    assert sorted(p.name for p in (out / "current").iterdir()) == sorted(BuildDir.OUTPUTS + BuildDir.KEPT)
    assert not BuildDir(out / "current").catalogue.exists() and not BuildDir(out).catalogue.exists()
    assert sorted(p.name for p in (out / "annotations").iterdir()) == ["t00.json", "t01.json"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["articles"] == 2 and report["totals"]["failed"] == 0
    assert all(i["status"] == "ok" and i["counts"]["entities"] > 0 for i in report["inputs"])


@pytest.mark.slow
def test_annotation_has_gold_shape(tiny_corpus, tmp_path):
    run("build", str(tiny_corpus), "--out", str(tmp_path), "--quiet")
    ann = json.loads((tmp_path / "annotations" / "t00.json").read_text(encoding="utf-8"))
    assert set(ann) == {"doc", "published", "title", "entities", "relations"}
    assert ann["doc"] == "t00.txt"
    assert ann["published"] == "2024-03-15"
    assert {"type": "holdsPost", "person": "박서준", "org": "한빛산업진흥원", "post": "원장"} in ann["relations"]


@pytest.mark.slow
def test_partial_failure_exits_1_and_names_the_file(tmp_path):
    corpus = write_tiny_corpus(tmp_path / "in", 1)
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    result = run("build", str(corpus), "--out", str(tmp_path / "b"), "--quiet")
    assert result.exit_code == 1, result.output
    assert "broken.txt" in result.stderr
    report = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    failed = [i for i in report["inputs"] if i["status"] == "error"]
    assert [Path(i["source"]).name for i in failed] == ["broken.txt"]
    assert "binary" in failed[0]["error"]
    assert (tmp_path / "b" / "annotations" / "t00.json").exists()


@pytest.mark.parametrize("make_input", [
    lambda p: p / "missing",  # no such path
    lambda p: (p / "empty").mkdir() or p / "empty",  # a folder with no article
])
def test_usage_errors_exit_2_without_traceback(tmp_path, make_input):
    result = run("build", str(make_input(tmp_path)), "--out", str(tmp_path / "b"))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.stderr.startswith("kg: error:")


def test_workers_must_be_positive(tiny_corpus, tmp_path):
    result = run("build", str(tiny_corpus), "--out", str(tmp_path), "--workers", "0")
    assert result.exit_code == 2 and "--workers" in result.stderr


@pytest.mark.slow
def test_progress_on_stderr_unless_quiet(tiny_corpus, tmp_path):
    loud = run("build", str(tiny_corpus), "--out", str(tmp_path / "a"))
    quiet = run("build", str(tiny_corpus), "--out", str(tmp_path / "b"), "--quiet")
    assert "extracting: 100%" in loud.stderr and "2/2" in loud.stderr
    assert quiet.stderr == "" and quiet.stdout == ""


def test_progress_bar_counts_articles_on_stderr(capsys):
    from kg.pipeline import stderr_progress

    with stderr_progress() as progress:
        for done in range(1, 4):
            progress(done, 3)
    err = capsys.readouterr().err
    assert "extracting: 100%" in err and "3/3" in err and "article/s" in err
    with stderr_progress(quiet=True) as progress:
        assert progress is None
    with stderr_progress() as progress:
        progress(1, 1)  # one article: no bar
    assert capsys.readouterr().err == ""


def _dataset(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(path, format="trig")
    return ds


@pytest.mark.slow
def test_rebuild_is_idempotent(tiny_corpus, tmp_path):
    for _ in range(2):
        assert run("build", str(tiny_corpus), "--out", str(tmp_path), "--quiet").exit_code == 0
        first = (tmp_path / "annotations" / "t00.json").read_bytes() if _ == 0 else first
    assert (tmp_path / "annotations" / "t00.json").read_bytes() == first
    other = tmp_path.parent / (tmp_path.name + "-other")
    run("build", str(tiny_corpus), "--out", str(other), "--quiet")
    a, b = _dataset(tmp_path / "kg.trig"), _dataset(other / "kg.trig")
    assert len(list(a.quads())) > 50
    assert isomorphic_datasets(a, b, ignore=[Iris().build_graph])
    # The check can fail: another base IRI gives another graph.
    third = tmp_path.parent / (tmp_path.name + "-base")
    run("build", str(tiny_corpus), "--out", str(third), "--quiet", "--base-iri", "https://example.org/kg/")
    assert not isomorphic_datasets(a, _dataset(third / "kg.trig"), ignore=[Iris().build_graph])
    # Two builds into one folder keep the current and the previous version only.
    run("build", str(tiny_corpus), "--out", str(tmp_path), "--quiet")
    assert len(list((tmp_path / ".versions").iterdir())) == 2


@pytest.mark.slow
def test_workers_give_the_same_annotations(tmp_path):
    corpus = write_tiny_corpus(tmp_path / "in", 6)
    run("build", str(corpus), "--out", str(tmp_path / "one"), "--quiet")
    run("build", str(corpus), "--out", str(tmp_path / "two"), "--quiet", "--workers", "2")
    for f in (tmp_path / "one" / "annotations").iterdir():
        assert f.read_bytes() == (tmp_path / "two" / "annotations" / f.name).read_bytes()


@pytest.mark.slow
def test_jsonl_metadata_wins(tmp_path):
    body = TINY_ARTICLE.split("kim@example.com\n")[1].split("저작권자")[0]
    rows = [{"id": "a-1", "text": body, "published": "2024-04-01", "title": "제목", "publisher": "한빛일보"},
            {"text": body}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert run("build", str(path), "--out", str(tmp_path / "b"), "--quiet").exit_code == 0
    ann = json.loads((tmp_path / "b" / "annotations" / "a-1.json").read_text(encoding="utf-8"))
    assert (ann["doc"], ann["published"], ann["title"]) == ("a-1", "2024-04-01", "제목")
    assert (tmp_path / "b" / "annotations" / "in.jsonl_2.json").exists()


def test_eval_scores_gold_against_itself(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    doc = {"doc": "x.txt", "published": None, "title": None,
           "entities": [{"type": "Organization", "name": "한빛산업진흥원", "aliases": ["진흥원"]},
                        {"type": "Person", "name": "박서준"}],
           "relations": [{"type": "holdsPost", "person": "박서준", "org": "진흥원", "post": "원장"}]}
    (gold / "x.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run("eval", str(gold), "--pred", str(gold), "--json")
    scores = json.loads(result.stdout)
    assert scores["entities"]["f1"] == 1.0 and scores["relations"]["f1"] == 1.0
    assert "unpredicted" not in scores  # every gold article has its prediction
    (tmp_path / "elsewhere").mkdir()
    wrong = run("eval", str(gold), "--pred", str(tmp_path / "elsewhere"))
    assert wrong.exit_code != 0 and "no prediction for any of the 1 gold articles" in wrong.output, wrong.output


@pytest.mark.slow
def test_console_script_runs_as_a_subprocess(tiny_corpus, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(tiny_corpus), "--out", str(tmp_path), "--quiet"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "graph.html").exists()


@pytest.mark.slow
def test_seeds_build_one_annotation_per_seed(shared_dir, tmp_path):
    result = run("build", str(shared_dir / "corpus" / "seeds"), "--out", str(tmp_path), "--quiet")
    assert result.exit_code == 0, result.output
    seeds = sorted(p.stem for p in (shared_dir / "corpus" / "seeds").glob("*.txt"))
    assert sorted(p.stem for p in (tmp_path / "annotations").glob("*.json")) == seeds

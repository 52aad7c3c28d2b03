"""`kg build` with hostile inputs and output folders (issue 14, items 6–8): one bad input fails alone.

Each article here is ours (``tests.support.corpus.TINY_ARTICLE``).
"""

from __future__ import annotations

import json
import os
import unicodedata

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import UsageError
from kg.extract.annotations import annotation_filename
from kg.pipeline import build
from tests.support.corpus import TINY_ARTICLE

NAME = "한빛산업진흥원"


def _line(record_id: str) -> str:
    return json.dumps({"id": record_id, "text": TINY_ARTICLE}, ensure_ascii=False)


@pytest.mark.slow
def test_bad_names_and_clashing_ids_fail_alone(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(TINY_ARTICLE, encoding="utf-8")
    with open(os.fsencode(corpus) + b"/bad-\xff\xfe.txt", "w", encoding="utf-8") as f:  # a name not in UTF-8
        f.write(TINY_ARTICLE)
    nfc = unicodedata.normalize("NFC", NAME)
    ids = ["x" * 10_000, "dup", "dup", "a b", "a_b", nfc, unicodedata.normalize("NFD", nfc), "a/b", ".", "..", "..."]
    (corpus / "records.jsonl").write_text("\n".join(_line(i) for i in ids) + "\n", encoding="utf-8")
    result = build([corpus], out=tmp_path / "out")
    inputs = result.report["inputs"]
    errors = [i for i in inputs if i["status"] == "error"]
    assert any("not valid UTF-8" in i["error"] for i in errors)
    clashes = [i for i in errors if "same article" in i["error"]]
    assert len(clashes) == 4, errors  # the second dup, a_b after "a b", the NFD name, a/b (a_b.json) after a_b
    ok = [i for i in inputs if i["status"] == "ok"]
    assert len(ok) == 1 + len(ids) - 4  # good.txt, the long id, dup, "a b", the NFC name, ., .., ...
    files = list((tmp_path / "out" / "annotations").iterdir())
    assert len(files) == len(ok) and all(len(f.name.encode()) <= 255 for f in files)
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["totals"]["failed"] == 5


@pytest.mark.parametrize("article_id", ["x" * 10_000, "가" * 5_000, ".", "..", "...", "", "/", "a/../b"],
                         ids=["long", "long-hangul", "dot", "dot2", "dot3", "empty", "slash", "updir"])
def test_annotation_file_names_are_short_and_plain(article_id):
    name = annotation_filename(article_id)
    assert len(name.encode("utf-8")) <= 200 and name.endswith(".json")
    assert "/" not in name and name.strip(".") not in ("", "json") and not name.startswith(".")


def test_annotation_file_names_differ_for_different_ids():
    ids = ["x" * 10_000, "x" * 10_001, ".", "..", "...", "a_b"]
    assert len({annotation_filename(i) for i in ids}) == len(ids)
    assert annotation_filename("000_x.txt") == "000_x.json"  # ordinary names do not change
    assert annotation_filename("in.jsonl:2") == "in.jsonl_2.json"


def test_ids_that_share_an_article_or_a_file_are_refused_after_the_first():
    from kg.pipeline import distinct
    from kg.records import Source

    ids = ["a_b", "a b", "a/b", "dup", "dup", "c"]
    kept, failed = distinct([Source(id=i, path="in.jsonl", kind="txt-body", text="x") for i in ids])
    assert [s.id for s in kept] == ["a_b", "dup", "c"]
    assert len(failed) == 3 and all("same article as" in f.reason for f in failed)


def test_out_folder_with_other_content_is_refused(tmp_path):
    out = tmp_path / "out"
    (out / "annotations").mkdir(parents=True)
    gold = out / "annotations" / "gold.json"
    gold.write_text("{}", encoding="utf-8")
    (out / "store").mkdir()
    with pytest.raises(UsageError, match="--force"):
        build([tmp_path / "nothing-here-yet"], out=out)
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(out), "--quiet"])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert gold.read_text(encoding="utf-8") == "{}" and (out / "store").is_dir()


@pytest.mark.slow
def test_build_replaces_only_what_it_wrote(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TINY_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    build([corpus], out=out)
    build([corpus], out=out)  # its own folder: rebuilt without --force
    (out / "annotations").unlink()
    (out / "annotations").mkdir()  # a folder the user made where an output goes
    with pytest.raises(UsageError, match="--force"):
        build([corpus], out=out)
    build([corpus], out=out, force=True)
    assert (out / "annotations").is_symlink()
    other = tmp_path / "other"
    (other / "notes").mkdir(parents=True)
    build([corpus], out=other, force=True)  # --force writes beside other content and leaves it
    assert (other / "notes").is_dir() and (other / "report.json").exists()

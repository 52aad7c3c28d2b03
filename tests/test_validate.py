"""SHACL validation: real builds pass, each kind of malformed graph fails with a readable message."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.namespace import SDO

from kg.cli import main
from kg.rdf.namespaces import ITSRDF
from kg.validate.build import validate_build_graph
from kg.validate.report import format_report
from kg.validate.shacl import validate_dataset
from tests.support.breakage import BREAKAGES, first_quad, load_trig


@pytest.fixture(scope="module")
def handmade_report(handmade_build):
    return validate_dataset(load_trig(handmade_build / "kg.trig"))


def test_handmade_graph_with_every_relation_type_is_valid_without_warnings(handmade_report):
    assert handmade_report.conforms, format_report(handmade_report)
    assert handmade_report.warnings == ()
    assert handmade_report.triples > 300


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_each_breakage_is_reported(handmade_build, name):
    ds = load_trig(handmade_build / "kg.trig")
    breakage, message = BREAKAGES[name]
    breakage(ds)
    report = validate_dataset(ds)
    assert not report.conforms
    assert message in format_report(report)


def test_doubtful_extraction_is_a_warning_not_a_failure(handmade_build):
    ds = load_trig(handmade_build / "kg.trig")
    event, _, place, g = first_quad(ds, (None, SDO.location, None, None))
    ds.remove((event, SDO.location, place, g))
    ds.add((event, SDO.location, URIRef("https://w3id.org/kgkr/id/org/한빛산업진흥원"), g))
    report = validate_dataset(ds)
    assert report.conforms and len(report.warnings) == 1
    assert "the location of an event is not a schema:Place" in format_report(report)


def test_one_span_read_as_two_entities_is_a_warning(handmade_build):
    ds = load_trig(handmade_build / "kg.trig")
    mention, _, _, g = first_quad(ds, (None, ITSRDF.taIdentRef, None, None))
    ds.add((mention, ITSRDF.taIdentRef, URIRef("https://w3id.org/kgkr/id/person/없는사람"), g))
    report = validate_dataset(ds)
    assert report.conforms and len(report.warnings) == 1
    assert report.warnings[0].message == "the same characters are a mention of two or more entities"


def test_cli_fails_on_a_broken_store_with_a_readable_message(handmade_build, tmp_path):
    from kg.store.write import write_store

    ds = load_trig(handmade_build / "kg.trig")
    for name in ("membership without member", "offsets that miss their sentence"):
        BREAKAGES[name][0](ds)
    ds.serialize(tmp_path / "kg.trig", format="trig")
    write_store(tmp_path / "kg.trig", tmp_path / "store")
    result = CliRunner().invoke(main, ["validate", "--store", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "kg: error: NOT valid: 2 violations" in result.output
    assert "a membership has exactly one member" in result.output
    assert "Traceback" not in result.output


def test_cli_passes_on_a_valid_store(handmade_build):
    result = CliRunner().invoke(main, ["validate", "--store", str(handmade_build / "store")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid: ")


def test_cli_without_a_store_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["validate", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert "no store here" in result.output


@pytest.mark.slow
def test_sample_build_is_valid_and_recorded_in_the_report(sample_build):
    validation = sample_build.report["validation"]
    assert validation["conforms"] is True, validation
    assert validation["violations"] == 0
    on_disk = json.loads((sample_build.out / "report.json").read_text(encoding="utf-8"))
    assert on_disk["validation"]["conforms"] is True
    result = CliRunner().invoke(main, ["validate", "--store", str(sample_build.out)])
    assert result.exit_code == 0, result.output


def test_build_skips_validation_above_the_size_limit(handmade_build):
    ds = load_trig(handmade_build / "kg.trig")
    summary = validate_build_graph(ds, max_triples=10)
    assert "skipped" in summary and "kg validate" in summary["skipped"]
    assert validate_build_graph(ds)["conforms"] is True


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_shared_corpus_builds_are_valid(shared_dir, tmp_path, corpus):
    from kg.pipeline import build

    result = build([shared_dir / "corpus" / corpus], out=tmp_path / corpus)
    assert result.report["validation"]["conforms"] is True, result.report["validation"]
    cli = CliRunner().invoke(main, ["validate", "--store", str(tmp_path / corpus)])
    assert cli.exit_code == 0, cli.output


@pytest.mark.slow
def test_build_says_when_its_graph_does_not_conform(tiny_corpus, tmp_path, monkeypatch):
    from kg.pipeline.validation import Checked
    from kg.validate.report import Violation

    found = Checked(tuple(Violation(f"urn:x{i}", "wrong") for i in range(3)), 1)  # in every group: 3 in all
    monkeypatch.setattr("kg.pipeline.validation.check", lambda ds: found)
    result = CliRunner().invoke(main, ["build", str(tiny_corpus), "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 0, result.output  # the build stands
    assert "does not conform to the shapes (3 violations)" in result.output
    validation = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["validation"]
    assert (validation["conforms"], validation["violations"], validation["warnings"]) == (False, 3, 0)
    assert validation["first"] == [f"<urn:x{i}> : wrong" for i in range(3)]


def test_validation_leaves_the_dataset_as_it_was(handmade_build):
    ds = load_trig(handmade_build / "kg.trig")
    assert ds.default_union is False
    validate_dataset(ds)
    assert ds.default_union is False

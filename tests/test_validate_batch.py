"""``kg validate`` in batches: the same report as validating the whole store at once."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import ORG

from kg.rdf.namespaces import KG
from kg.store.open import open_store
from kg.store.write import write_store
from kg.store.load import load_build
from kg.validate import validate_build, validate_dataset
from kg.validate.batch import neighbourhood, reach, subject_batches, validate_build_batched
from tests.support.breakage import BREAKAGES, drop, first_quad, load_trig

BATCH_SIZES = (1, 2, None)  # None: every article in one batch


def findings(report) -> list:
    """Violations and warnings, blank nodes named alike (each load names them afresh)."""
    def plain(v):
        blank = lambda t: t if t is None or t.startswith("http") else "_:b"  # noqa: E731
        return dataclasses.replace(v, focus=blank(v.focus), value=blank(v.value))
    return sorted((plain(v) for v in (*report.violations, *report.warnings)), key=repr)


def assert_same_as_whole(build_dir, sizes=BATCH_SIZES):
    whole = validate_dataset(load_build(build_dir))
    for size in sizes:
        batched = validate_build_batched(build_dir, size)
        assert findings(batched) == findings(whole), size
        assert (batched.conforms, batched.triples) == (whole.conforms, whole.triples)
    return whole


def stored(ds, folder):
    folder.mkdir()
    ds.serialize(folder / "kg.trig", format="trig")
    write_store(folder / "kg.trig", folder / "store")
    return folder


def test_batches_of_a_valid_handmade_build_agree_with_the_whole(handmade_build):
    assert assert_same_as_whole(handmade_build).conforms


@pytest.mark.slow
def test_batches_of_the_sample_build_agree_with_the_whole(sample_build):
    assert_same_as_whole(sample_build.out)


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_each_breakage_is_caught_in_batches_as_in_the_whole(handmade_build, tmp_path, name):
    ds = load_trig(handmade_build / "kg.trig")
    breakage, message = BREAKAGES[name]
    breakage(ds)
    whole = assert_same_as_whole(stored(ds, tmp_path / "broken"))
    assert not whole.conforms and any(message in v.message for v in whole.violations)


def a_merge_decision(ds):
    return first_quad(ds, (None, RDF.type, KG.MergeDecision, None))[0]


SHARED_BREAKAGES = {  # in the shared entities graph, checked against nodes of the article graphs
    "merge decision without article": lambda ds: drop(ds, a_merge_decision(ds), KG.mergedFrom),
    "merge decision naming a missing article": lambda ds: ds.add(
        (a_merge_decision(ds), KG.mergedFrom, URIRef("https://w3id.org/kgkr/id/article/none"),
         first_quad(ds, (a_merge_decision(ds), None, None, None))[3])),
    "organization no longer an organization": lambda ds: drop(
        ds, first_quad(ds, (None, ORG.organization, None, None))[2], RDF.type, ORG.Organization),
    "entity with two kinds": lambda ds: ds.add(
        (first_quad(ds, (None, KG.entityKind, None, None))[0], KG.entityKind, Literal("Unknown"),
         first_quad(ds, (None, KG.entityKind, None, None))[3])),
}


@pytest.mark.parametrize("name", sorted(SHARED_BREAKAGES))
def test_a_broken_shared_graph_is_caught_in_batches_as_in_the_whole(handmade_build, tmp_path, name):
    ds = load_trig(handmade_build / "kg.trig")
    SHARED_BREAKAGES[name](ds)
    whole = assert_same_as_whole(stored(ds, tmp_path / "broken"))
    assert whole.violations or whole.warnings


def test_every_subject_is_in_some_batch_and_article_batches_come_first(handmade_build):
    from kg.store.load import stated_quads

    with open_store(handmade_build) as store:
        batches = list(subject_batches(store, 1, subjects=10))
        subjects = {q.subject for q in stated_quads(store)}
        derived = {q.subject for q in store if q.graph_name.value.endswith("/graph/derived")}
        articles = sum(1 for g in store.named_graphs() if "/graph/article/" in g.value)
    assert set().union(*map(set, batches)) == subjects
    assert derived and not derived & subjects  # the derived graph states nothing: not validated
    assert len(batches) > articles


def test_a_batch_holds_the_types_its_class_checks_look_at(handmade_build):
    from kg.validate.shacl import load_shapes

    with open_store(handmade_build) as store:
        membership = next(q.subject for q in store if q.object.value == str(ORG.Membership))
        org = next(q.object for q in store.quads_for_pattern(membership, None, None, None)
                   if q.predicate.value == str(ORG.organization))
        ds = neighbourhood(store, [membership], reach(load_shapes()))
    assert (URIRef(org.value), RDF.type, ORG.Organization) in ds
    assert not list(ds.triples((URIRef(org.value), KG.entityKind, None)))  # only its types


def test_validate_build_reads_in_batches(handmade_build):
    report = validate_build(handmade_build)
    assert report.conforms and "batches" in report.strategy

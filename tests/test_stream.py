"""The streamed RDF of `kg build` (issue 8): the same dataset as the in-memory mapping, and a validation sample."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timezone

import pyoxigraph as ox
import pytest
from rdflib import XSD, BNode, Dataset, Literal, URIRef

from kg.rdf import to_rdf
from kg.rdf.datasets import isomorphic_datasets
from kg.rdf.iris import DEFAULT_BASE_IRI
from kg.rdf.namespaces import NIF
from kg.resolve import resolve
from kg.rdf.nquads import nquads_to_trig, sample_groups, sample_ids, write_nquads
from kg.rdf.terms import to_ntriples, to_oxigraph, to_rdflib
from kg.validate.build import BuildSample, validate_build_graph
from tests.support.handmade import query_extractions
from tests.support.hostile import HOSTILE, hostile_extraction

WHEN = datetime(2024, 1, 1, tzinfo=timezone.utc)


def streamed(xs, sample=()) -> tuple[Dataset, object, str]:
    buf = io.StringIO()
    written = write_nquads(buf, xs, resolve(xs), DEFAULT_BASE_IRI, generated_at=WHEN, sample=sample)
    ds = Dataset()
    ds.parse(data=buf.getvalue(), format="nquads")
    return ds, written, buf.getvalue()


@pytest.mark.parametrize("which", ["handmade", "hostile"])
def test_streamed_nquads_are_the_in_memory_dataset(which):
    xs = (query_extractions() if which == "handmade"
          else [hostile_extraction(i, n) for i, n in enumerate(HOSTILE)])
    ds, written, text = streamed(xs)
    expected = to_rdf(xs, resolve(xs), generated_at=WHEN)
    assert isomorphic_datasets(expected, ds)
    assert written.quads == len(list(expected.quads())) == text.count("\n")  # each quad written once
    assert len(list(ox.parse(text, format=ox.RdfFormat.N_QUADS))) == written.quads  # Oxigraph reads it too


@pytest.mark.parametrize("term", [
    Literal('a "b"\\c\nd\re', lang="ko"), Literal(3, datatype=XSD.nonNegativeInteger), Literal("x"),
    Literal("2023-03", datatype=XSD.gYearMonth), URIRef("https://x.org/a"), URIRef("https://x.org/한빛"), BNode("b1"),
])
def test_terms_cross_to_oxigraph_and_back_unchanged(term):
    assert to_rdflib(to_oxigraph(term)) == term


@pytest.mark.parametrize("term", [
    Literal('a "b"\\c\nd\re', lang="ko"), Literal(3, datatype=XSD.nonNegativeInteger), Literal("x"), Literal("0"),
    Literal("03", datatype=XSD.integer, normalize=False), Literal("2023-03", datatype=XSD.gYearMonth),
    Literal("긴 본문 " * 40), Literal("x", lang="en"), URIRef("https://x.org/a"), URIRef("https://x.org/한빛"), BNode("b1"),
])
def test_remembered_nquads_terms_are_what_oxigraph_writes(term):
    assert to_ntriples(term) == to_ntriples(term) == str(to_oxigraph(term))


def test_terms_of_the_same_text_keep_their_own_kinds_in_nquads():
    iri = "https://x.org/a"
    terms = [URIRef(iri), Literal(iri), Literal(iri, datatype=XSD.anyURI), Literal(iri, lang="ko")]
    assert [to_ntriples(t) for t in terms + terms] == [str(to_oxigraph(t)) for t in terms + terms]
    assert len({to_ntriples(t) for t in terms}) == 4


def test_literals_are_escaped_and_typed_in_nquads():
    assert str(to_oxigraph(Literal('a "b"\\c\nd\re', lang="ko"))) == '"a \\"b\\"\\\\c\\nd\\re"@ko'
    assert str(to_oxigraph(Literal(3, datatype=XSD.nonNegativeInteger))) == f'"3"^^<{XSD.nonNegativeInteger}>'
    with pytest.raises(TypeError):
        to_oxigraph("a plain str")


def test_trig_from_the_nquads_keeps_offsets_typed(tmp_path):
    xs = query_extractions()
    _, _, text = streamed(xs)
    (tmp_path / "kg.nq").write_text(text, encoding="utf-8")
    nquads_to_trig(tmp_path / "kg.nq", tmp_path / "kg.trig")
    again = Dataset()
    again.parse(tmp_path / "kg.trig", format="trig")
    assert isomorphic_datasets(to_rdf(xs, resolve(xs), generated_at=WHEN), again)
    begins = {o.datatype for _, _, o, _ in again.quads((None, NIF.beginIndex, None, None))}
    assert begins == {XSD.nonNegativeInteger}  # what Oxigraph's store would turn into xsd:integer


def test_sample_ids_stay_chosen_as_articles_are_added():
    ids = [f"a{i:04d}" for i in range(1000)]
    chosen = sample_ids(ids[::-1], 100)
    assert len(chosen) == 100 and list(chosen) == sorted(chosen)
    assert chosen != tuple(ids[i * 10] for i in range(100))  # by hash, not spread by position
    more = sample_ids(ids + [f"b{i:04d}" for i in range(10)], 100)
    added = [i for i in more if i.startswith("b")]
    assert len(set(chosen) - set(more)) == len(added) <= 10  # only those the added ones displaced left
    assert sample_ids(ids[:3][::-1], 4) == ("a0000", "a0001", "a0002")  # few: all of them, sorted


def test_sample_groups_keep_each_id_in_its_group():
    ids = sample_ids([f"a{i:04d}" for i in range(1000)], 100)
    groups = sample_groups(ids, 10)
    assert sorted(i for g in groups for i in g) == sorted(ids) and len(groups) == 10
    assert all(3 <= len(g) <= 20 for g in groups)
    fewer = sample_groups([i for i in ids if i != ids[0]] + ["zzz"], 10)  # one left, one joined: same count
    assert len(set(groups) & set(fewer)) >= 8
    assert sample_groups(ids[:2], 10) == [ids[:2]]


def test_sample_holds_its_articles_and_their_entities_only():
    xs = query_extractions()
    chosen = sample_ids([x.article.id for x in xs], 2)
    full, written, _ = streamed(xs, sample=chosen)
    sample = written.sample
    graphs = {str(g.identifier) for g in sample.graphs() if len(g)}
    assert graphs == {DEFAULT_BASE_IRI + "graph/entities", DEFAULT_BASE_IRI + "graph/build",
                      *(f"{DEFAULT_BASE_IRI}graph/article/{i}" for i in chosen)}
    assert set(sample.quads()) < set(full.quads())
    merged_from = {str(o) for _, _, o, _ in sample.quads((None, URIRef("https://w3id.org/kgkr/ns#mergedFrom"), None,
                                                          None))}
    assert merged_from == {f"{DEFAULT_BASE_IRI}article/{i}" for i in chosen}
    summary = validate_build_graph(BuildSample(sample, len(written.sample_articles), written.articles))
    assert summary["conforms"] is True, summary
    assert summary["scope"]["kind"] == "sample" and summary["scope"]["articles"] == 2
    assert summary["scope"]["of"] == len(xs) and "kg validate" in summary["scope"]["how"]


def test_sample_of_every_article_is_the_whole_dataset():
    xs = query_extractions()
    full, written, _ = streamed(xs, sample=[x.article.id for x in xs])
    assert isomorphic_datasets(full, written.sample)
    assert BuildSample(full, len(xs), len(xs)).scope() == {"kind": "full", "articles": len(xs)}


def test_a_sample_finds_a_broken_article():
    xs = query_extractions()
    chosen = sample_ids([x.article.id for x in xs], 1)
    _, written, _ = streamed(xs, sample=chosen)
    sample = written.sample
    for quad in list(sample.quads((None, NIF.beginIndex, None, None)))[:1]:
        sample.remove(quad)
    summary = validate_build_graph(BuildSample(sample, 1, len(xs)))
    assert summary["conforms"] is False and summary["violations"] >= 1


@pytest.mark.slow
def test_sample_build_is_the_in_memory_mapping_of_its_extractions(sample_build):
    report = json.loads((sample_build.out / "report.json").read_text(encoding="utf-8"))
    assert report["validation"]["scope"] == {"kind": "full", "articles": report["totals"]["articles"]}
    built = Dataset()
    built.parse(sample_build.out / "kg.trig", format="trig")
    xs = sample_build.extractions
    expected = to_rdf(xs, resolve(xs))
    assert isomorphic_datasets(expected, built, ignore=[DEFAULT_BASE_IRI + "graph/build"])
    assert len(list(built.quads())) == len(list(expected.quads())) == report["totals"]["quads"]
    assert not list(sample_build.out.resolve().glob("*.nq"))  # the streamed N-Quads are not left behind


@pytest.mark.slow
def test_build_validates_a_sample_above_the_limit(tiny_corpus, tmp_path, monkeypatch):
    from kg.pipeline import build

    monkeypatch.setattr("kg.validate.build.BUILD_VALIDATION_ARTICLES", 1)
    result = build([tiny_corpus], out=tmp_path)
    scope = result.report["validation"]["scope"]
    assert scope["kind"] == "sample" and scope["articles"] == 1 and scope["of"] == 2
    assert result.report["validation"]["conforms"] is True


def test_chunks_never_split_a_blank_node(tmp_path):
    from kg.store.write import _chunks

    _, _, text = streamed(query_extractions())
    (tmp_path / "kg.nq").write_text(text, encoding="utf-8")
    chunks = [c.decode("utf-8") for c in _chunks(tmp_path / "kg.nq", 1)]
    assert "".join(chunks) == text and len(chunks) > 10
    where: dict[str, set[int]] = {}
    for i, chunk in enumerate(chunks):
        for label in re.findall(r"_:(\w+)", chunk):
            where.setdefault(label, set()).add(i)
    assert where and all(len(found) == 1 for found in where.values())


# one bulk load per line (chunk=1) takes a minute; test_chunks_never_split_a_blank_node checks those cuts fast
@pytest.mark.parametrize("chunk", [pytest.param(1, marks=pytest.mark.slow), 50, 10**6])
def test_store_loaded_in_chunks_is_the_dataset(tmp_path, chunk):
    from kg.store.write import write_store
    from kg.store.load import load_build

    xs = query_extractions()
    ds, written, text = streamed(xs)
    (tmp_path / "kg.nq").write_text(text, encoding="utf-8")
    assert write_store(tmp_path / "kg.nq", tmp_path / "store", chunk=chunk) == written.quads
    stored = load_build(tmp_path)
    intervals = "SELECT * WHERE { GRAPH ?g { ?f <http://www.w3.org/ns/org#memberDuring> ?i . ?i a ?t } }"
    assert len(list(ds.query(intervals))) > 0  # blank nodes, whose quads must not be split between two loads
    # Oxigraph keeps the offsets as xsd:integer: compare with the offsets' datatype set aside
    integer = lambda d: Dataset().parse(data=d.serialize(format="nquads").replace(  # noqa: E731
        str(XSD.nonNegativeInteger), str(XSD.integer)), format="nquads")
    assert isomorphic_datasets(integer(ds), integer(stored))


@pytest.mark.parametrize("which", ["handmade", "hostile"])
def test_a_lenient_load_of_kg_s_own_nquads_stores_the_same_quads(tmp_path, which):
    from kg.store.write import write_store

    xs = (query_extractions() if which == "handmade"
          else [hostile_extraction(i, n) for i, n in enumerate(HOSTILE)])
    (tmp_path / "kg.nq").write_text(streamed(xs)[2], encoding="utf-8")
    dumps = []
    for lenient in (False, True):
        assert write_store(tmp_path / "kg.nq", tmp_path / f"store-{lenient}", lenient=lenient) > 0
        store = ox.Store.read_only(str(tmp_path / f"store-{lenient}"))
        text = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
        dumps.append(sorted(re.sub(r"_:\w+", "_:b", text).splitlines()))  # Oxigraph names blank nodes anew
        del store
    assert dumps[0] == dumps[1]

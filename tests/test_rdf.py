"""The RDF mapping: IRIs, shared and per-article graphs, provenance, time, isomorphic rebuilds."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from rdflib import RDF, XSD, Dataset, Literal, URIRef
from rdflib.namespace import ORG, PROV, SKOS, TIME

from kg.errors import UsageError
from kg.rdf.datasets import isomorphic_datasets
from kg.rdf.iris import DEFAULT_BASE_IRI, Iris
from kg.rdf.mapping import date_literal, to_rdf
from kg.rdf.namespaces import ITSRDF, KG, NIF
from kg.records import STATUS_STARTED
from kg.resolve import resolve
from kg.text import slug
from tests.support.handmade import query_extractions
from tests.support.hostile import BAD_IRI_CHARS, HOSTILE, hostile_extraction

BUILD_GRAPH = DEFAULT_BASE_IRI + "graph/build"


@pytest.mark.parametrize("name", HOSTILE + ["성남산업진흥원", "K-MEDI hub", "산단공 경인본부"])
def test_slug_is_a_safe_readable_path_segment(name):
    s = slug(name)
    assert s == slug(name)  # deterministic
    assert not BAD_IRI_CHARS.search(s) and "/" not in s and "#" not in s and "?" not in s
    assert len(s) <= 100


def test_slug_keeps_korean_readable_and_long_names_distinct():
    assert slug("성남산업진흥원") == "성남산업진흥원"
    assert slug("산단공 경인본부") == "산단공_경인본부"
    assert slug("가" * 300) != slug("가" * 301)


@pytest.fixture(scope="module")
def hostile_dataset():
    xs = [hostile_extraction(i, n) for i, n in enumerate(HOSTILE)]
    return to_rdf(xs, resolve(xs), generated_at=datetime(2024, 1, 1, tzinfo=timezone.utc))


def test_hostile_names_give_valid_iris(hostile_dataset):
    iris = {str(t) for q in hostile_dataset.quads() for t in q if isinstance(t, URIRef)}
    assert len(iris) > 50
    assert [i for i in iris if BAD_IRI_CHARS.search(i)] == []


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_hostile_graph_parses_in_rdflib_and_oxigraph(hostile_dataset, fmt):
    import pyoxigraph as ox

    from kg.export.formats import serialize

    data = serialize(hostile_dataset, fmt)
    again = Dataset()
    again.parse(data=data.decode("utf-8"), format=fmt)
    assert isomorphic_datasets(hostile_dataset, again)
    quads = list(ox.parse(data, format=ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS))
    assert len(quads) == len(list(hostile_dataset.quads()))
    labels = {q.object.value for q in quads if q.predicate.value == str(SKOS.prefLabel)}
    assert "<img src=x onerror=alert(1)>진흥원" in labels


def test_base_iri_is_configurable_and_checked():
    xs = query_extractions()
    ds = to_rdf(xs, resolve(xs), base_iri="https://example.org/kg")
    subjects = {str(s) for s, _, _, _ in ds.quads() if isinstance(s, URIRef)}
    assert subjects and all(s.startswith("https://example.org/kg/") for s in subjects)
    for bad in ("not an iri", "relative/path", 'https://x.org/"quote"/', "https://x.org/<a>"):
        with pytest.raises(UsageError):
            Iris(bad)


@pytest.fixture(scope="module")
def handmade():
    xs = query_extractions()
    return to_rdf(xs, resolve(xs), generated_at=datetime(2024, 1, 1, tzinfo=timezone.utc))


def graph(ds: Dataset, name: str):
    return ds.graph(URIRef(DEFAULT_BASE_IRI + name))


def test_entities_once_in_the_shared_graph_with_hierarchy(handmade):
    shared = graph(handmade, "graph/entities")
    org = URIRef(DEFAULT_BASE_IRI + "org/한빛산업진흥원")
    assert list(shared.objects(org, SKOS.prefLabel)) == [Literal("한빛산업진흥원", lang="ko")]
    assert (org, RDF.type, ORG.Organization) in shared
    assert Literal("한빛산업재단", lang="ko") in set(shared.objects(org, SKOS.altLabel))
    child = URIRef(DEFAULT_BASE_IRI + "org/가람대학교_산학협력단")
    assert (child, ORG.subOrganizationOf, URIRef(DEFAULT_BASE_IRI + "org/가람대학교")) in shared
    for name in ("a1", "a2", "a3"):  # no article graph repeats an entity's label
        assert (org, SKOS.prefLabel, None) not in graph(handmade, f"graph/article/{name}")


def test_merge_evidence_is_queryable(handmade):
    rows = list(handmade.query("""
        SELECT ?rule ?evidence ?article WHERE { GRAPH ?g {
          ?e skos:prefLabel "한빛산업진흥원"@ko ; kg:mergedBy ?m .
          ?m kg:mergeRule ?rule ; kg:mergeEvidence ?evidence ; kg:mergedFrom ?article } }""",
        initNs={"skos": SKOS, "kg": KG._NS}))
    assert len(rows) == 5  # one decision per article naming it
    assert {str(r.rule) for r in rows} == {"new", "same-name"}
    assert all("/article/" in str(r.article) for r in rows)


def test_every_fact_links_to_a_sentence_of_its_own_article(handmade):
    for g in handmade.graphs():
        if "/graph/article/" not in str(g.identifier):
            continue
        article = next(g.subjects(RDF.type, KG.Article))
        facts = set(g.subjects(PROV.wasDerivedFrom, None))
        assert facts
        for fact in facts:
            sentence = g.value(fact, PROV.wasDerivedFrom)
            assert (sentence, RDF.type, NIF.Sentence) in g
            assert g.value(sentence, NIF.referenceContext) == article


def test_mentions_link_to_entity_and_sentence(handmade):
    g = graph(handmade, "graph/article/a1")
    mention = URIRef(DEFAULT_BASE_IRI + "article/a1#char=0,7")
    assert g.value(mention, ITSRDF.taIdentRef) == URIRef(DEFAULT_BASE_IRI + "org/한빛산업진흥원")
    sentence = g.value(mention, NIF.sentence)
    assert (sentence, RDF.type, NIF.Sentence) in g and int(g.value(sentence, NIF.beginIndex)) == 0


def test_membership_time_and_post(handmade):
    g = graph(handmade, "graph/article/a5")
    started = [m for m in g.subjects(RDF.type, ORG.Membership) if g.value(m, KG.tenureStatus) == Literal(STATUS_STARTED)]
    assert len(started) == 1
    m = started[0]
    assert g.value(m, KG.assertedOn) == Literal("2024-02-05", datatype=XSD.date)
    begin = g.value(g.value(m, ORG.memberDuring), TIME.hasBeginning)
    assert g.value(begin, TIME.inXSDDate) == Literal("2024-02-01", datatype=XSD.date)
    post = URIRef(DEFAULT_BASE_IRI + "post/org/한빛산업진흥원/원장")
    assert (g.value(m, ORG.member), ORG.holds, post) in g
    assert graph(handmade, "graph/entities").value(post, SKOS.prefLabel) == Literal("한빛산업진흥원 원장", lang="ko")


def test_build_activity_in_prov(handmade):
    g = graph(handmade, "graph/build")
    activity = next(g.subjects(RDF.type, PROV.Activity))
    agent = g.value(activity, PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in g
    assert str(g.value(activity, PROV.endedAtTime)) == "2024-01-01T00:00:00+00:00"
    article = URIRef(DEFAULT_BASE_IRI + "article/a1")
    assert graph(handmade, "graph/article/a1").value(article, PROV.wasGeneratedBy) == activity


@pytest.mark.parametrize("value, datatype", [("2024-05-10", XSD.date), ("2024-05", XSD.gYearMonth),
                                             ("2024", XSD.gYear), ("5월 10일", None)])
def test_dates_keep_their_granularity(value, datatype):
    assert date_literal(value).datatype == datatype


def test_same_input_gives_isomorphic_datasets():
    a = to_rdf(query_extractions(), resolve(query_extractions()))
    b = to_rdf(list(reversed(query_extractions())), resolve(query_extractions()),
               generated_at=datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert not isomorphic_datasets(a, b)  # the build graphs' times differ …
    assert isomorphic_datasets(a, b, ignore=[BUILD_GRAPH])  # … and nothing else


@pytest.mark.slow
def test_two_builds_of_the_same_corpus_are_isomorphic(tiny_corpus, tmp_path, monkeypatch):
    from kg.pipeline import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    datasets = []
    for name in ("one", "two"):
        build([tiny_corpus], out=tmp_path / name)
        ds = Dataset()
        ds.parse(tmp_path / name / "kg.trig", format="trig")
        datasets.append(ds)
    assert len(datasets[0]) > 50
    assert isomorphic_datasets(*datasets)  # SOURCE_DATE_EPOCH: even the build graph is the same


@pytest.mark.slow
def test_sentence_of_a_post_in_the_seeds_build(shared_dir, tmp_path):
    """류해필's post at 성남산업진흥원: the sentence, its offsets, and the slice they cut."""
    from kg.pipeline import build
    from kg.store.open import open_store

    build([shared_dir / "corpus" / "seeds"], out=tmp_path / "seeds")
    query = """
        PREFIX org: <http://www.w3.org/ns/org#>  PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?post ?sentence ?begin ?end ?text WHERE {
          GRAPH <https://w3id.org/kgkr/id/graph/entities> {
            ?person skos:prefLabel "류해필"@ko . ?org skos:prefLabel "성남산업진흥원"@ko }
          GRAPH ?g { ?m org:member ?person ; org:organization ?org ; org:role ?role ; prov:wasDerivedFrom ?s .
                     ?role skos:prefLabel ?post .
                     ?s nif:anchorOf ?sentence ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?a .
                     ?a nif:isString ?text } }"""
    with open_store(tmp_path / "seeds") as store:
        rows = list(store.query(query))
    assert rows, "no post of 류해필 at 성남산업진흥원 in the seeds build"
    for row in rows:
        begin, end = int(row["begin"].value), int(row["end"].value)
        assert row["text"].value[begin:end] == row["sentence"].value
        assert "류해필" in row["sentence"].value and row["post"].value == "원장"


def test_build_refuses_a_bad_base_iri_before_extracting(tiny_corpus, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["build", str(tiny_corpus), "--out", str(tmp_path / "b"),
                                       "--base-iri", "kg graph"])
    assert result.exit_code == 2 and "is not an absolute IRI" in result.output
    assert not (tmp_path / "b").exists()


def test_isomorphic_datasets_ignores_graphs_given_as_iris_or_strings():
    a = to_rdf(query_extractions(), resolve(query_extractions()),
               generated_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
    b = to_rdf(query_extractions(), resolve(query_extractions()),
               generated_at=datetime(2024, 1, 2, tzinfo=timezone.utc))
    assert not isomorphic_datasets(a, b)
    assert isomorphic_datasets(a, b, ignore=[URIRef(BUILD_GRAPH)])
    assert isomorphic_datasets(a, b, ignore=[BUILD_GRAPH])


def test_namespace_terms_are_rdflibs_made_once():
    """kg's plain namespaces give rdflib's terms, each made once; Python's own names stay errors."""
    from rdflib import Namespace

    plain = Namespace(str(NIF))
    assert NIF.sentence == plain.sentence and type(NIF.sentence) is type(plain.sentence)
    assert NIF.Phrase is NIF.Phrase and ITSRDF.taIdentRef == Namespace(str(ITSRDF)).taIdentRef
    assert NIF["anchorOf"] == plain.anchorOf and NIF.title == plain.title
    with pytest.raises(AttributeError):
        NIF.__wrapped__


def test_an_article_iri_is_its_slug_under_the_base_every_time():
    iris = Iris("https://example.org/kg/")
    for article_id in ("a b/c", "기사 1", "x" * 300):
        assert iris.article(article_id) == URIRef(f"https://example.org/kg/article/{slug(article_id)}")
        assert iris.article(article_id) is iris.article(article_id)

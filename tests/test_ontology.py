"""The ontology file is the source of truth: code, shapes, queries and docs agree with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from docs.ontodoc import render_reference
from kg.rdf.namespaces import KG, VS, curie
from kg.rdf.ontology import load_ontology, ontology_dir

ROOT = Path(__file__).resolve().parents[1]
OWN = str(KG._NS)
# Python names of the namespaces the code writes or reads, and their IRIs.
CODE_NAMESPACES = {
    "KG": OWN,
    "ORG": "http://www.w3.org/ns/org#",
    "SDO": "https://schema.org/",
    "FOAF": "http://xmlns.com/foaf/0.1/",
    "PROV": "http://www.w3.org/ns/prov#",
    "SKOS": "http://www.w3.org/2004/02/skos/core#",
    "DCTERMS": "http://purl.org/dc/terms/",
    "TIME": "http://www.w3.org/2006/time#",
    "NIF": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "ITSRDF": "http://www.w3.org/2005/11/its/rdf#",
}
SPARQL_PREFIXES = {"kg": OWN, "org": CODE_NAMESPACES["ORG"], "schema": CODE_NAMESPACES["SDO"],
                   "foaf": CODE_NAMESPACES["FOAF"], "prov": CODE_NAMESPACES["PROV"],
                   "skos": CODE_NAMESPACES["SKOS"], "dcterms": CODE_NAMESPACES["DCTERMS"],
                   "time": CODE_NAMESPACES["TIME"], "nif": CODE_NAMESPACES["NIF"],
                   "itsrdf": CODE_NAMESPACES["ITSRDF"]}


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def own_terms(onto) -> set[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(t)[len(OWN):] for k in kinds for t in onto.subjects(RDF.type, k) if str(t).startswith(OWN)}


def python_sources() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "kg").rglob("*.py")))


def terms_used_in_code() -> set[str]:
    """Full IRIs of every vocabulary term the package and the saved queries use."""
    found = {CODE_NAMESPACES[ns] + term for ns, term in re.findall(r"\b([A-Z]+)\.([A-Za-z]\w*)", python_sources())
             if ns in CODE_NAMESPACES and not term.startswith("_")}
    sparql = python_sources() + "".join(p.read_text(encoding="utf-8")
                                        for p in sorted((ontology_dir() / "queries").glob("*.rq")))
    prefixed = re.findall(r"(?<![\w:/#])(%s):([A-Za-z]\w*)" % "|".join(SPARQL_PREFIXES), sparql)
    return found | {SPARQL_PREFIXES[p] + t for p, t in prefixed}


def test_kg_namespace_is_exactly_the_terms_of_kg_ttl(onto):
    declared_in_python = {name for name in KG.__annotations__}
    assert declared_in_python == own_terms(onto)


def test_kg_namespace_refuses_undeclared_terms():
    with pytest.raises(AttributeError):
        KG.Programme  # noqa: B018 - a typo must fail loudly


def test_every_term_the_code_uses_is_described_in_kg_ttl(onto):
    described = {str(t) for t in onto.subjects(RDFS.isDefinedBy, None)} | {OWN + t for t in own_terms(onto)}
    used = terms_used_in_code()
    assert len(used) > 40  # the scan really found the mapping's terms
    assert sorted(used - described) == []


def test_every_declared_term_is_used_or_reserved(onto):
    used = terms_used_in_code()
    reserved = {str(t)[len(OWN):] for t in onto.subjects(VS.term_status, Literal("reserved"))}
    unused = {t for t in own_terms(onto) if OWN + t not in used}
    assert unused == reserved, "unused terms must be marked vs:term_status \"reserved\" (and reserved ones unused)"


@pytest.mark.parametrize("term", sorted(own_terms(load_ontology())))
def test_own_terms_have_korean_and_english_labels_and_a_definition(onto, term):
    iri = URIRef(OWN + term)
    languages = {label.language for label in onto.objects(iri, RDFS.label)}
    assert {"ko", "en"} <= languages
    assert len(str(onto.value(iri, SKOS.definition) or "")) > 20


def test_reused_terms_have_korean_and_english_labels_and_a_scope_note(onto):
    for term in onto.subjects(RDFS.isDefinedBy, None):
        languages = {label.language for label in onto.objects(term, RDFS.label)}
        assert {"ko", "en"} <= languages, curie(term)
        assert onto.value(term, SKOS.scopeNote), curie(term)


def test_shapes_use_only_described_terms(onto):
    from kg.validate.shacl import load_shapes

    shapes = load_shapes()
    described = {str(t) for t in onto.subjects(RDFS.isDefinedBy, None)} | {OWN + t for t in own_terms(onto)}
    vocab = tuple(SPARQL_PREFIXES.values())
    used = {str(t) for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(vocab)}
    assert sorted(used - described) == []


def test_reference_doc_is_up_to_date():
    committed = (ontology_dir() / "REFERENCE.md").read_text(encoding="utf-8")
    assert committed == render_reference(), "run `python -m docs.ontodoc` to regenerate ontology/REFERENCE.md"


def test_reference_doc_documents_every_term(onto):
    text = render_reference(onto)
    for term in own_terms(onto):
        assert f"### `kg:{term}`" in text
    assert "`org:Membership` | 재직 | membership |" in text


def test_design_note_explains_each_own_class(onto):
    design = (ontology_dir() / "DESIGN.md").read_text(encoding="utf-8")
    for term in own_terms(onto):
        if term[0].isupper():
            assert f"kg:{term}" in design


@pytest.mark.slow
def test_built_package_ships_the_ontology(tmp_path):
    """``setup.py``'s build hook copies ontology/ to kg/data/ontology/, where an installed kg looks."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    shipped = tmp_path / "kg" / "data" / "ontology"
    for name in ("kg.ttl", "shapes.ttl", "context.jsonld", "REFERENCE.md", "DESIGN.md"):
        assert (shipped / name).read_bytes() == (ontology_dir() / name).read_bytes()
    assert sorted(p.name for p in (shipped / "queries").glob("*.rq")) == sorted(
        p.name for p in (ontology_dir() / "queries").glob("*.rq"))

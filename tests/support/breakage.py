"""Ways to break a valid graph, each with the message validation must give for it."""

from __future__ import annotations

from rdflib import RDF, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV

from kg.rdf.namespaces import ITSRDF, KG, NIF


def load_trig(path) -> Dataset:
    ds = Dataset()
    ds.parse(path, format="trig")
    return ds


def first_quad(ds: Dataset, pattern):
    return next(iter(ds.quads(pattern)))


def drop(ds: Dataset, s, p, o=None) -> None:
    for quad in list(ds.quads((s, p, o, None))):
        ds.remove(quad)


def replace(ds: Dataset, p, new) -> None:
    s, _, o, g = first_quad(ds, (None, p, None, None))
    ds.remove((s, p, o, g))
    ds.add((s, p, new(o), g))


def a_membership(ds):
    return first_quad(ds, (None, RDF.type, ORG.Membership, None))[0]


# Each: what is broken, and the message that must say so.
BREAKAGES = {
    "membership without member": (lambda ds: drop(ds, a_membership(ds), ORG.member),
                                  "a membership has exactly one member"),
    "membership with two organizations": (
        lambda ds: ds.add((a_membership(ds), ORG.organization, URIRef("https://w3id.org/kgkr/id/org/x"),
                           first_quad(ds, (a_membership(ds), None, None, None))[3])),
        "a membership has exactly one organization"),
    "fact without provenance": (lambda ds: drop(ds, a_membership(ds), PROV.wasDerivedFrom),
                                "a fact must be derived from exactly one sentence"),
    "agreement with one party": (
        lambda ds: drop(ds, first_quad(ds, (None, KG.party, None, None))[0], KG.party,
                        first_quad(ds, (None, KG.party, None, None))[2]),
        "an agreement has two or more parties"),
    "ill-typed date": (lambda ds: replace(ds, DCTERMS.issued, lambda o: Literal("2024-13-45", datatype=XSD.date)),
                       "dcterms:issued is one valid xsd:date"),
    "date as a plain string": (lambda ds: replace(ds, KG.signedOn, lambda o: Literal("5월 10일")),
                               "kg:signedOn is one valid date"),
    "unknown tenure status": (lambda ds: replace(ds, KG.tenureStatus, lambda o: Literal("acting")),
                              "kg:tenureStatus is one of"),
    "offsets that miss their sentence": (
        lambda ds: replace(ds, NIF.beginIndex, lambda o: Literal(int(o) + 1, datatype=XSD.nonNegativeInteger)),
        "do not slice nif:anchorOf out of the article text"),
    "span without article": (lambda ds: drop(ds, first_quad(ds, (None, NIF.referenceContext, None, None))[0],
                                             NIF.referenceContext),
                             "a span has exactly one of each: nif:referenceContext"),
    "mention without entity": (
        lambda ds: drop(ds, first_quad(ds, (None, ITSRDF.taIdentRef, None, None))[0], ITSRDF.taIdentRef),
        "a mention identifies an entity"),
    "entity without label": (
        lambda ds: drop(ds, first_quad(ds, (None, KG.entityKind, None, None))[0],
                        URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")),
        "an entity has exactly one preferred label"),
}

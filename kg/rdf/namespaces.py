"""The vocabularies of kg's graphs and the one prefix table.

``KG`` is the ontology's own namespace as an rdflib ``DefinedNamespace`` with
``_fail = True`` (``ontology/kg.ttl`` is the truth): using a term that is not
declared here raises, and ``tests/test_ontology.py`` checks that the terms
here and in ``kg.ttl`` are the same set. ``PREFIXES`` is the one prefix table:
predeclared in every query, bound in the datasets the mapping builds, written
into TriG, used to shorten IRIs in reports and in the ontology reference.
"""

from __future__ import annotations

from typing import Mapping

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD, DefinedNamespace


class _Namespace(Namespace):
    """An rdflib ``Namespace`` that makes each term once: rdflib's makes and checks a new ``URIRef`` at
    every attribute access (4 µs), and the mapping asks for ``NIF.Phrase`` and the like per mention."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)  # AttributeError for Python's own names, as rdflib's
        self.__dict__[name] = term  # found before __getattr__ from now on
        return term


VS = _Namespace("http://www.w3.org/2003/06/sw-vocab-status/ns#")
NIF = _Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = _Namespace("http://www.w3.org/2005/11/its/rdf#")
KGID = _Namespace("https://w3id.org/kgkr/id/")  # the default base of a build's IRIs
SHAPES = _Namespace("https://w3id.org/kgkr/shapes#")  # the SHACL shapes of ontology/shapes.ttl


class KG(DefinedNamespace):
    """Own terms of the kg ontology."""

    _NS = Namespace("https://w3id.org/kgkr/ns#")
    _fail = True

    Program: URIRef
    Agreement: URIRef
    Article: URIRef
    operates: URIRef
    party: URIRef
    signedOn: URIRef
    assertedOn: URIRef
    tenureStatus: URIRef
    formerName: URIRef
    newName: URIRef
    entityKind: URIRef
    agreementScope: URIRef  # reserved
    MergeDecision: URIRef
    Story: URIRef
    mergedBy: URIRef
    mergeRule: URIRef
    mergeEvidence: URIRef
    mergedFrom: URIRef
    localKey: URIRef
    # the derived graph (kg.store.derived)
    PostHolding: URIRef
    PostEvidence: URIRef
    EntitySummary: URIRef
    EventDating: URIRef
    Operation: URIRef
    CoParticipation: URIRef
    holdingOrganization: URIRef
    holdingPerson: URIRef
    postTitle: URIRef
    articleCount: URIRef
    firstSeen: URIRef
    lastSeen: URIRef
    startedOn: URIRef
    endedOn: URIRef
    evidenceFor: URIRef
    evidenceOn: URIRef
    nextEvidenceOn: URIRef
    leftOn: URIRef
    summaryOf: URIRef
    entityName: URIRef
    degree: URIRef
    eventDate: URIRef
    placeName: URIRef
    organizerNames: URIRef
    participantNames: URIRef
    operator: URIRef
    operatorName: URIRef
    operatorKey: URIRef
    coParticipant: URIRef
    coPartner: URIRef
    partnerName: URIRef
    eventCount: URIRef
    eventNames: URIRef
    EntityFact: URIRef
    PartnerMention: URIRef
    factOf: URIRef
    factOrder: URIRef
    relationName: URIRef
    fieldName: URIRef
    otherName: URIRef
    factDetail: URIRef
    articleId: URIRef
    publishedOn: URIRef
    sentenceText: URIRef
    agreementParty: URIRef
    agreement: URIRef
    agreementDate: URIRef


# prefix -> namespace IRI.
PREFIXES: Mapping[str, str] = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "org": str(ORG),
    "schema": str(SDO),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "time": str(TIME),
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "kg": str(KG._NS),
    "kgid": str(KGID),
}


def curie(term: object, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """``kg:Program`` for the IRI of kg:Program; ``<iri>`` when no prefix fits."""
    text = str(term)
    for prefix, ns in prefixes.items():
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>"

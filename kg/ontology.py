"""The ontology's own terms, seen from Python (``ontology/kg.ttl`` is the truth).

``KG`` is a ``DefinedNamespace`` with ``_fail = True``: using a term that is
not declared here raises, and ``tests/test_ontology.py`` checks that the
terms here and in ``kg.ttl`` are the same set.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
PACKAGED_ONTOLOGY_DIR = Path(__file__).resolve().parent / "data" / "ontology"

VS = Namespace("http://www.w3.org/2003/06/sw-vocab-status/ns#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
DEFAULT_BASE_IRI = "https://w3id.org/kgkr/id/"


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
    mergedBy: URIRef
    mergeRule: URIRef
    mergeEvidence: URIRef
    mergedFrom: URIRef
    localKey: URIRef


def ontology_dir() -> Path:
    """The folder of ``kg.ttl``, ``shapes.ttl`` and ``queries/``.

    The source tree's ``ontology/`` when running from a checkout; the copy
    shipped as package data in an installed wheel.
    """
    return ONTOLOGY_DIR if (ONTOLOGY_DIR / "kg.ttl").exists() else PACKAGED_ONTOLOGY_DIR


def ontology_path(name: str = "kg.ttl") -> Path:
    """A file of the ontology folder (``kg.ttl``, ``shapes.ttl``, ``context.jsonld`` …)."""
    return ontology_dir() / name


def load_ontology(name: str = "kg.ttl") -> "Graph":  # noqa: F821
    """``kg.ttl`` (or another Turtle file of the ontology folder) as an rdflib graph."""
    from rdflib import Graph

    return Graph().parse(ontology_path(name), format="turtle")

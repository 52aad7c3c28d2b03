"""The one term converter: pyoxigraph terms to rdflib terms and back.

rdflib builds, parses and validates; pyoxigraph stores, queries and writes
N-Quads. Terms cross between them here and nowhere else.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

if TYPE_CHECKING:
    import pyoxigraph as ox

_XSD_STRING = str(XSD.string)
# Literals up to this length are remembered by ``to_ntriples`` (offsets, names, dates repeat; article texts do not).
_SHORT_LITERAL = 100


def to_rdflib(term: Any) -> URIRef | BNode | Literal | None:
    """The rdflib term for a pyoxigraph term (``None`` stays ``None``).

    Raises:
        TypeError: an RDF-star triple term (kg never makes one).
    """
    if term is None:
        return None
    name = type(term).__name__
    if name == "NamedNode":
        return URIRef(term.value)
    if name == "BlankNode":
        return BNode(term.value)
    if name == "Literal":
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"not an RDF term kg makes: {term!r}")


def to_oxigraph(term: URIRef | BNode | Literal) -> "ox.NamedNode | ox.BlankNode | ox.Literal":
    """The pyoxigraph term for an rdflib term.

    Raises:
        TypeError: not an IRI, blank node or literal.
    """
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_ntriples(term: URIRef | BNode | Literal) -> str:
    """``str(to_oxigraph(term))``: the term as Oxigraph writes it in N-Triples and N-Quads.

    A build writes half a million quads from a few thousand distinct IRIs and short literals
    (predicates, classes, entities, offsets), so those are converted once per process.

    Raises:
        TypeError: not an IRI, blank node or literal.
    """
    kind = type(term)
    if kind is URIRef:
        return _iri_text(str(term))
    if kind is Literal and len(term) <= _SHORT_LITERAL:
        datatype = term.datatype
        return _literal_text(str(term), term.language, None if datatype is None else str(datatype))
    return str(to_oxigraph(term))


@lru_cache(maxsize=1 << 16)
def _iri_text(iri: str) -> str:
    return str(to_oxigraph(URIRef(iri)))


@lru_cache(maxsize=1 << 16)
def _literal_text(value: str, language: str | None, datatype: str | None) -> str:
    import pyoxigraph as ox

    # to_oxigraph's rules on the literal's parts (an rdflib Literal rebuilt from them could normalize its value)
    if language:
        return str(ox.Literal(value, language=language))
    if datatype:
        return str(ox.Literal(value, datatype=ox.NamedNode(datatype)))
    return str(ox.Literal(value))

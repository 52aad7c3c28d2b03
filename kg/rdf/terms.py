"""The one term converter: pyoxigraph terms to rdflib terms and back.

rdflib builds, parses and validates; pyoxigraph stores, queries and writes
N-Quads. Terms cross between them here and nowhere else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

if TYPE_CHECKING:
    import pyoxigraph as ox

_XSD_STRING = str(XSD.string)


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

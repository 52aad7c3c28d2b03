"""The derived graph's fact index: the rows of the entity and partners questions, computed once per build.

A question about one entity (``entity.rq``) or one organization's agreements
(``partners.rq``) lists every fact of it with the article and the sentence
that state it. Asked of the stated graphs, each row costs a chain of joins
(fact → sentence → its text, → its article → identifier and date; the other
side → its name), which on a hub of hundreds of facts is most of the
question's time. Here each row is written once, as a node of
``<base>graph/derived`` whose literals are the row's own values, so the
question becomes a lookup from the entity to its rows:

- ``kg:EntityFact``: one distinct row of ``entity.rq`` (relation, the field
  the entity fills, the other side's name, the detail, the article, its
  publication date, the sentence), ``kg:factOf`` the entity; only for
  entities (``kg:entityKind``), the only nodes the question finds by name.
- ``kg:PartnerMention``: one agreement as one sentence of one article states
  it, seen from one party (``kg:agreementParty``), with the other party's
  name (``kg:partnerName``, a name given where the party has a kind).

Each row is what the saved query computed when it read the stated graphs: a
fact and its source in the same article graph, the other side's names from
any graph (the entity's row falls back to the other side's IRI or literal).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from kg.rdf.iris import Iris
from kg.rdf.mapping import DIRECT
from kg.rdf.namespaces import KG

if TYPE_CHECKING:
    from kg.store.graph_rows import GraphRows

# Every source of a fact: the sentence it was derived from and the article of that sentence, in one graph.
Q_SOURCES = """SELECT ?g ?fact ?sentence ?article ?published WHERE { GRAPH ?g {
  ?fact prov:wasDerivedFrom ?s . ?s nif:anchorOf ?sentence ; nif:referenceContext ?doc . ?doc dcterms:identifier ?article .
  OPTIONAL { ?doc dcterms:issued ?published } } }"""
# Binary relations: the statement node of a direct triple (its predicate one of kg.rdf.mapping.DIRECT's).
Q_STATEMENTS = """SELECT ?g ?fact ?s ?p ?o WHERE { GRAPH ?g { ?fact rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . } }"""
Q_MEMBERSHIPS = """SELECT ?g ?fact ?person ?org ?post WHERE { GRAPH ?g {
  ?fact a org:Membership ; org:member ?person ; org:organization ?org . OPTIONAL { ?fact org:role/skos:prefLabel ?post } } }"""
Q_AGREEMENTS = """SELECT ?g ?fact ?x ?other ?signed WHERE { GRAPH ?g {
  ?fact a kg:Agreement ; kg:party ?x, ?other . FILTER (?x != ?other) OPTIONAL { ?fact kg:signedOn ?signed } } }"""
Q_SIGNED = """SELECT DISTINCT ?g ?fact ?signed WHERE { GRAPH ?g { ?fact kg:signedOn ?signed . } }"""
Q_RENAMES = """SELECT ?g ?fact ?x ?former WHERE { GRAPH ?g {
  ?fact a org:ChangeEvent ; org:resultingOrganization ?x ; kg:formerName ?former . } }"""
# Every name of every node, its graph, and whether that graph gives the node a kind (an entity).
Q_NAMES = """SELECT ?n ?name ?e ?kinded WHERE { GRAPH ?e { ?n skos:prefLabel ?name .
  BIND (EXISTS { ?n kg:entityKind ?kind } AS ?kinded) } }"""
Q_ENTITIES = """SELECT DISTINCT ?e ?n WHERE { GRAPH ?e { ?n kg:entityKind ?kind . } }"""
# entity.rq's order (ORDER BY ?relation ?as ?other ?published ?article ?sentence), then the detail and the entity.
_ORDER = (0, 1, 2, 5, 4, 6, 3)
_COLUMNS = itemgetter(*(1 + i for i in _ORDER))  # a row holds its entity first

Select = Callable[[object, str], Iterator]


class _Names:
    """Every node's names: from any graph, from graphs that give it a kind, from the build's entities graph."""

    def __init__(self, rows: "GraphRows", iris: Iris) -> None:
        self.any: dict = defaultdict(list)
        self.kinded: dict = defaultdict(list)
        self.entities: dict = defaultdict(list)
        shared = str(iris.entities_graph)
        for node, name, graph, kinded in rows.select("names", Q_NAMES, graph="e"):  # tuples: ~100,000 rows
            self.any[node].append(name)
            if kinded.value == "true":
                self.kinded[node].append(name)
            if graph.value == shared:
                self.entities[node].append(name)


def fact_index(store, iris: Iris, select: Select, rows: "GraphRows") -> Iterator[tuple]:
    """The triples of the fact index of ``store``: ``kg:EntityFact`` and ``kg:PartnerMention`` nodes.

    ``select(store, text)`` runs one of the queries above (``kg.store.derived``'s prologue declared);
    ``rows`` the local ones (``kg.store.graph_rows``), each graph's rows kept for the next build.
    """
    sources: dict[tuple, list[tuple]] = defaultdict(list)
    for g, fact, sentence, article, published in rows.select("sources", Q_SOURCES):
        sources[(g, fact)].append((article, published, sentence))
    names = _Names(rows, iris)
    agreements = rows.dicts("agreements", Q_AGREEMENTS)
    yield from _entity_facts(store, select, rows, iris, sources, names, agreements)
    yield from _partner_mentions(rows, iris, sources, names, agreements)


def _entity_facts(store, select: Select, rows_of: "GraphRows", iris: Iris, sources: dict, names: _Names,
                  agreements: list) -> Iterator[tuple]:
    """``kg:EntityFact`` nodes, numbered in the question's order (``kg:factOrder``) across every entity."""
    entities = {n for _, n in rows_of.select("entities", Q_ENTITIES, graph="e")}
    rows = set()
    for x, relation, field, other, detail, key in _facts(store, select, rows_of, agreements):
        if x in entities:
            for name in names.any.get(other) or [other]:  # the other side's name, else the other side itself
                for source in sources.get(key, ()):
                    rows.add((x, _text(relation), _text(field), _str(name), detail, *source))
    ordered = sorted(rows, key=_row_key)
    yield from _nodes(ordered, "fact", KG.EntityFact, KG.factOf, (KG.relationName, KG.fieldName, KG.otherName,
                                                                 KG.factDetail, KG.articleId, KG.publishedOn,
                                                                 KG.sentenceText), iris, order=KG.factOrder)


def _facts(store, select: Select, rows: "GraphRows", agreements: list) -> Iterator[tuple]:
    """(entity, relation, field, other side, detail, (graph, fact)) of every fact, from each side."""
    sides = {_node(pred): (relation, subject, obj) for relation, (subject, pred, obj) in DIRECT.items()}
    for g, fact, s, p, o in rows.select("statements", Q_STATEMENTS):
        if p in sides:
            relation, subject, obj = sides[p]
            yield s, relation, subject, o, None, (g, fact)
            yield o, relation, obj, s, None, (g, fact)
    for g, fact, person, org, post in rows.select("memberships", Q_MEMBERSHIPS):
        relation, detail = ("holdsPost", _str(post)) if post is not None else ("memberOf", None)
        yield person, relation, "person", org, detail, (g, fact)
        yield org, relation, "org", person, detail, (g, fact)
    for row in agreements:
        signed = _str(row["signed"]) if row["signed"] is not None else None
        yield row["x"], "partnership", "orgs", row["other"], signed, (row["g"], row["fact"])
    for row in select(store, Q_RENAMES):  # a former name is a literal: no name of its own, shown as it is
        yield row["x"], "renamed", "to", row["former"], None, (row["g"], row["fact"])


def _partner_mentions(rows_of: "GraphRows", iris: Iris, sources: dict, names: _Names,
                      agreements: list) -> Iterator[tuple]:
    """``kg:PartnerMention`` nodes: one per party, agreement, names, signing date (any article's) and source."""
    signed: dict = defaultdict(list)
    for fact, on in {row[1:] for row in rows_of.select("signed", Q_SIGNED)}:
        signed[fact].append(on)
    rows = set()
    for row in agreements:
        x, fact = row["x"], row["fact"]
        for partner in names.kinded.get(row["other"], ()):  # a partner is named where it has a kind
            for source in sources.get((row["g"], fact), ()):
                for on in signed.get(fact) or [None]:
                    for party in names.entities.get(x) or [None]:
                        rows.add((x, fact, partner, on, party, *source))
    yield from _nodes(rows, "partner", KG.PartnerMention, KG.agreementParty,
                      (KG.agreement, KG.partnerName, KG.agreementDate, KG.entityName, KG.articleId,
                       KG.publishedOn, KG.sentenceText), iris)


def _nodes(rows: Iterable[tuple], kind: str, cls, about, terms: tuple, iris: Iris, order=None) -> Iterator[tuple]:
    """A node of class ``cls`` per row (its entity first, then its values), ``about`` the entity.

    A value that is None is left out; ``order``, if given, numbers the rows in the order given.
    """
    import pyoxigraph as ox

    is_a, cls, about = _node(_RDF_TYPE), _node(cls), _node(about)
    terms = tuple(_node(t) for t in terms)
    order = order and _node(order)
    for n, (x, *values) in enumerate(rows):
        node = ox.NamedNode(iris.summary_iri(kind, x.value, *("" if v is None else str(v) for v in values)))
        yield node, is_a, cls
        yield node, about, x
        if order is not None:
            yield node, order, _integer(n)
        for term, value in zip(terms, values):
            if value is not None:
                yield node, term, value


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _order_key(value) -> tuple:
    """SPARQL's order for the values of a row: unbound first, then by text (ISO dates sort as text)."""
    return (0, "") if value is None else (1, value.value)


def _row_key(row: tuple) -> tuple:
    """A row's values in ``_ORDER``, then its entity's IRI: one flat tuple (the same order as nested pairs).

    ~125,000 rows at 1,000 articles: flat keys sort in 0.45 CPU s, a tuple of pairs made by a generator in 1.1.
    """
    k = _order_key
    a, b, c, d, e, f, g = _COLUMNS(row)
    return k(a) + k(b) + k(c) + k(d) + k(e) + k(f) + k(g) + (row[0].value,)


def _str(term):
    """SPARQL's ``STR``: a term's text as a plain literal (None for a blank node, where STR errs)."""
    import pyoxigraph as ox

    return None if isinstance(term, ox.BlankNode) else ox.Literal(term.value)


@lru_cache(maxsize=256)
def _text(value: str):
    """A plain literal of ``value`` (relation and field names: a few, made once each)."""
    import pyoxigraph as ox

    return ox.Literal(value)


def _integer(n: int):
    import pyoxigraph as ox

    return ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


def _node(term):
    import pyoxigraph as ox

    return ox.NamedNode(str(term))

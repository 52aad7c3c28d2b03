"""What the entity and article pages show: kg's own SPARQL on the query pool, turned into rows to render.

Each query binds its IRIs with ``inject_values`` (an rdflib-written
``VALUES`` block, never the request's text). They run in the server's
own process on the store it holds open read-only: the queries are kg's,
only IRIs are bound (``kg.sparql.local.select``'s case); the pool is for
the queries clients send.

A fact is one row per (fact node, sentence): ``relation`` is the relation
type of the gold format (``kg.rdf.mapping.DIRECT``'s names, ``holdsPost``,
``memberOf``, ``partnership``, ``renamed``), ``x`` and ``y`` its two sides in
RDF's order (the subject of a statement; the person of a membership; for
``renamed``, the former name, then the organization).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import ORG

from kg.rdf.mapping import DIRECT
from kg.rdf.namespaces import KG
from kg.sparql.params import inject_values
from kg.sparql.results import Results

# relation -> (Korean, English), in the order entity pages list them.
RELATIONS = {
    "holdsPost": ("직위", "posts"),
    "memberOf": ("소속", "member of"),
    "partnership": ("업무협약", "agreements"),
    "subOrganizationOf": ("상위·하위 조직", "parent and sub-units"),
    "operates": ("운영 사업", "programmes"),
    "organizes": ("주최", "organizes"),
    "participatesIn": ("참석·참여", "takes part in"),
    "heldAt": ("장소", "held at"),
    "eventDate": ("일시", "date"),
    "founded": ("설립", "founded"),
    "locatedIn": ("소재지", "located in"),
    "renamed": ("명칭 변경", "renamed"),
}
_BY_PREDICATE = {str(pred): (kind, s, o) for kind, (s, pred, o) in DIRECT.items()}
# The fact nodes of one entity (bound as ?ent), each side of each kind of fact: ?x ?y in RDF's order.
Q_ENTITY_SIDES = """SELECT DISTINCT ?fact ?p ?x ?y WHERE { GRAPH ?g {
  { ?fact rdf:subject ?ent ; rdf:predicate ?p ; rdf:object ?y BIND (?ent AS ?x) }
  UNION { ?fact rdf:object ?ent ; rdf:predicate ?p ; rdf:subject ?x BIND (?ent AS ?y) }
  UNION { ?fact org:member ?ent ; org:organization ?y BIND (?ent AS ?x) BIND (org:Membership AS ?p) }
  UNION { ?fact org:organization ?ent ; org:member ?x BIND (?ent AS ?y) BIND (org:Membership AS ?p) }
  UNION { ?fact kg:party ?ent , ?y FILTER (?y != ?ent) BIND (?ent AS ?x) BIND (kg:Agreement AS ?p) }
  UNION { ?fact org:resultingOrganization ?ent ; kg:formerName ?x BIND (?ent AS ?y) BIND (org:ChangeEvent AS ?p) }
} }"""
# The fact nodes of one entity (bound as ?ent).
Q_ENTITY_NODES = """SELECT DISTINCT ?fact WHERE { GRAPH ?g {
  { ?fact rdf:subject ?ent } UNION { ?fact rdf:object ?ent } UNION { ?fact org:member ?ent }
  UNION { ?fact org:organization ?ent } UNION { ?fact kg:party ?ent } UNION { ?fact org:resultingOrganization ?ent }
} }"""
# The same for given fact nodes (bound as ?fact), every side.
Q_SIDES = """SELECT DISTINCT ?fact ?p ?x ?y WHERE { GRAPH ?g {
  { ?fact rdf:subject ?x ; rdf:predicate ?p ; rdf:object ?y }
  UNION { ?fact org:member ?x ; org:organization ?y BIND (org:Membership AS ?p) }
  UNION { ?fact kg:party ?x , ?y FILTER (STR(?x) < STR(?y)) BIND (kg:Agreement AS ?p) }
  UNION { ?fact org:resultingOrganization ?y ; kg:formerName ?x BIND (org:ChangeEvent AS ?p) }
} }"""
_SENTENCE = "?s nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:referenceContext ?art"
# The sentences of given fact nodes (bound as ?fact), or of every fact node of an article's graph (?g).
Q_SOURCES = f"SELECT DISTINCT ?fact ?s ?text ?b ?e ?art WHERE {{ GRAPH ?g {{ ?fact prov:wasDerivedFrom ?s . {_SENTENCE} }} }}"
_INSTANT = "?t ?tp ?value FILTER (?tp IN (time:inXSDDate, time:inXSDgYearMonth, time:inXSDgYear))"
Q_DETAILS = f"""SELECT DISTINCT ?fact ?what ?value WHERE {{ GRAPH ?g {{
  {{ ?fact kg:signedOn ?value BIND ("signed" AS ?what) }}
  UNION {{ ?fact kg:tenureStatus ?value BIND ("status" AS ?what) }}
  UNION {{ ?fact kg:assertedOn ?value BIND ("asserted" AS ?what) }}
  UNION {{ ?fact org:role ?r . ?r skos:prefLabel ?value BIND ("post" AS ?what) }}
  UNION {{ ?fact org:memberDuring ?i . ?i time:hasBeginning ?t . {_INSTANT} BIND ("begin" AS ?what) }}
  UNION {{ ?fact org:memberDuring ?i . ?i time:hasEnd ?t . {_INSTANT} BIND ("end" AS ?what) }}
}} }}"""
Q_ARTICLE = """SELECT ?text WHERE { GRAPH ?g { ?art nif:isString ?text } } LIMIT 1"""
Q_MENTIONS = """SELECT ?b ?e ?ent WHERE { GRAPH ?g { ?m nif:referenceContext ?art ; itsrdf:taIdentRef ?ent ;
  nif:beginIndex ?b ; nif:endIndex ?e } } ORDER BY ?b DESC(?e)"""
Q_SENTENCES = """SELECT ?b ?e WHERE { GRAPH ?g { ?s a nif:Sentence ; nif:referenceContext ?art ;
  nif:beginIndex ?b ; nif:endIndex ?e } } ORDER BY ?b"""
# The Turtle download, three CONSTRUCTs each bound to one list (one VALUES block): the entity's own
# triples (less merge decisions) bound as ?ent, its fact nodes' as ?fact, their sentences' as ?s.
Q_TURTLE = (
    "CONSTRUCT { ?ent ?p ?o } WHERE { GRAPH ?g { ?ent ?p ?o FILTER (?p != kg:mergedBy) } }",
    "CONSTRUCT { ?fact ?p ?o } WHERE { GRAPH ?g { ?fact ?p ?o } }",
    f"CONSTRUCT {{ {_SENTENCE} }} WHERE {{ GRAPH ?g {{ {_SENTENCE} }} }}",
)

Run = Callable[[str], Results]  # runs one of these queries (bound) on the pool


@dataclass
class Fact:
    """One fact as a page shows it (merged over the sentences that state it: ``sources``)."""

    iri: str
    relation: str
    x: str  # IRI, or the literal's text (a date, a year, a former name)
    y: str
    post: str | None = None
    date: str | None = None  # the date the text gives: signing, tenure start, event date, founding year
    end: str | None = None
    status: str | None = None
    asserted: str | None = None
    sources: list[tuple[str, int, int, str]] = field(default_factory=list)  # (article IRI, begin, end, sentence)

    def other(self, entity: str) -> str:
        """The side of the fact that is not ``entity``."""
        return self.y if self.x == entity else self.x


def bound(text: str, **terms: str | list[str]) -> str:
    """``text`` with each variable bound to one IRI or each of a list (a ``VALUES`` block written by rdflib)."""
    return inject_values(text, {name: [URIRef(i) for i in ([iri] if isinstance(iri, str) else iri)]
                                for name, iri in terms.items()})


def entity_facts(run: Run, iri: str, limit: int | None = None, offset: int = 0) -> tuple[list[Fact], bool]:
    """The facts of one entity, one per fact node, with its sentences; and whether more follow.

    Three small queries rather than one join: the fact nodes from the
    entity, then their sentences and details from the nodes (each bound as
    ``VALUES``): Oxigraph then reads only those (a fraction of a second at
    a million quads, where the one join took more). ``limit`` and
    ``offset`` page through a hub's fact nodes (in IRI order, sorted here:
    Oxigraph's ``ORDER BY … LIMIT`` took longer than reading every node's
    IRI), so that an organization with thousands of facts costs one page's
    worth of the queries that read the facts.
    """
    nodes = sorted({str(row[0]) for row in run(bound(Q_ENTITY_NODES, ent=iri)).rows})
    more = limit is not None and len(nodes) > offset + limit
    nodes = nodes[offset:offset + limit] if limit is not None else nodes
    if not nodes:
        return [], False
    sides = run(bound(Q_ENTITY_SIDES, ent=iri, fact=nodes))
    return _facts(run, sides, None), more


def article_facts(run: Run, graph: str) -> list[Fact]:
    """Every fact one article's graph states."""
    sources = run(bound(Q_SOURCES, g=graph))
    facts = sorted({str(row[0]) for row in sources.rows})
    return _facts(run, run(bound(Q_SIDES, fact=facts)), sources) if facts else []


def fact_nodes(facts: Iterable[Fact]) -> tuple[list[str], list[str]]:
    """The IRIs of the fact nodes and of their sentences (for ``Q_TURTLE``)."""
    facts = list(facts)
    sentences = {f"{art}#char={b},{e}" for f in facts for art, b, e, _ in f.sources}
    return sorted({f.iri for f in facts}), sorted(sentences)


def _facts(run: Run, sides: Results, sources: Results | None) -> list[Fact]:
    facts: dict[str, list[Fact]] = defaultdict(list)
    for fact, p, x, y in sides.rows:
        relation = _relation(str(p))
        if relation is not None:
            facts[str(fact)].append(Fact(str(fact), relation, str(x), str(y),
                                         date=str(y) if isinstance(y, Literal) and relation != "renamed" else None))
    if not facts:
        return []
    if sources is None:
        sources = run(bound(Q_SOURCES, fact=sorted(facts)))
    for fact, _, text, b, e, art in sources.rows:
        for f in facts.get(str(fact), ()):
            source = (str(art), int(b), int(e), str(text))
            if source not in f.sources:
                f.sources.append(source)
    details = run(bound(Q_DETAILS, fact=sorted(facts)))
    for fact, what, value in details.rows:
        for f in facts.get(str(fact), ()):
            _set_detail(f, str(what), str(value))
    out = [f for group in facts.values() for f in group if f.sources]
    for f in out:
        f.relation = "holdsPost" if f.relation == "memberOf" and f.post else f.relation
        f.sources.sort()
    return sorted(out, key=lambda f: (f.date or f.asserted or "", f.iri, f.x, f.y))


def _set_detail(fact: Fact, what: str, value: str) -> None:
    if what in ("signed", "begin"):
        fact.date = min(filter(None, (fact.date, value)))
    elif what == "asserted":
        fact.asserted = min(filter(None, (fact.asserted, value)))
    elif what == "end":
        fact.end = value
    elif what == "status":
        fact.status = value
    elif what == "post":
        fact.post = value


def _relation(p: str) -> str | None:
    if p == str(ORG.Membership):
        return "memberOf"  # holdsPost once its post is known
    if p == str(KG.Agreement):
        return "partnership"
    if p == str(ORG.ChangeEvent):
        return "renamed"
    kind = _BY_PREDICATE.get(p)
    return kind[0] if kind else None


def group(facts: Iterable[Fact]) -> dict[str, list[Fact]]:
    """Facts by relation, in ``RELATIONS`` order."""
    out: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        out[fact.relation].append(fact)
    return {rel: out[rel] for rel in RELATIONS if rel in out}

"""The derived graph: what the saved queries aggregate, computed once per build.

``<base>graph/derived`` (``kg.rdf.iris``) holds, for the whole graph of a
build: per post holding (organization, person, post title) the article count,
the first and last publication dates that report it, the stated start and end,
and every date of evidence or leaving; per entity its degree and the articles
that state its links; per event and date the articles that report it, and the
event's place, organizers and participants as text; per operator and programme
the article count, with every name of the operator to look it up by; per pair of organizations the events they share; and the fact index
(``kg.store.fact_index``): the rows of the entity and partners questions. Its terms
are the ontology's own (``kg:PostHolding`` …), used nowhere else, so queries,
the network projection and SHACL shapes that read the stated graphs never see
it; the saved queries (``ontology/queries``) read it instead of aggregating
every article graph at query time.

``derive(store)`` rewrites it whole (never appends), writing only the quads
that changed into a store that held an earlier one (``kg.store.update``):
call it whenever the store's other graphs change. The queries that read one
graph at a time are asked through ``kg.store.graph_rows`` (what they
aggregate across graphs is done here, in Python), so that a build asks the
store only about the article graphs that changed and takes the others' rows
from the previous build. Each aggregate is the SPARQL the saved queries
used to run, run once here by Oxigraph; Python only mints the nodes and takes
the minimum and maximum of the dates itself, so that a group with a missing
value cannot lose the others (Oxigraph's MIN/MAX return unbound as soon as one
row of a group is unbound).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from kg.errors import StoreError
from kg.rdf.iris import Iris
from kg.rdf.namespaces import KG, PREFIXES
from kg.store.fact_index import fact_index
from kg.store.graph_rows import GraphRows, RowFiles
from kg.store.update import read_lines, sync_graph, write_lines
from rdflib.namespace import RDF as _RDF

if TYPE_CHECKING:
    import pyoxigraph

_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
_MEMBERSHIP = "?m a org:Membership ; org:organization ?o ; org:member ?p ; org:role/skos:prefLabel ?role ."

# Each graph's holdings: (organization, person, post title); the articles that report one are counted in Python.
Q_HOLDINGS = f"""SELECT DISTINCT ?g ?o ?p ?post
WHERE {{ GRAPH ?g {{ {_MEMBERSHIP} }} BIND (STR(?role) AS ?post) }}"""
# Dated rows of a holding: seen (reported as current), evidence (post_holder's "since"), left.
Q_HOLDING_DATES = f"""SELECT DISTINCT ?g ?o ?p ?post ?kind ?date
WHERE {{ GRAPH ?g {{ {_MEMBERSHIP}
  {{ ?m kg:assertedOn ?date . OPTIONAL {{ ?m kg:tenureStatus ?status }}
     FILTER (!BOUND(?status) || ?status IN ("current", "started")) BIND ("seen" AS ?kind) }}
  UNION {{ ?m org:memberDuring/time:hasBeginning/time:inXSDDate ?date . BIND ("began" AS ?kind) }}
  UNION {{ ?m org:memberDuring/time:hasEnd/time:inXSDDate ?date . BIND ("left" AS ?kind) }}
  UNION {{ ?m kg:tenureStatus ?status ; kg:assertedOn ?date . FILTER (?status IN ("former", "ended"))
           BIND ("left" AS ?kind) }}
}} BIND (STR(?role) AS ?post) }}"""
# Stated start and end (any precision): SPARQL's own MIN/MAX order across date types; every row bound.
Q_HOLDING_SPANS = f"""SELECT ?o ?p ?post ?kind (MIN(?begin) AS ?first) (MAX(?finish) AS ?last)
WHERE {{ GRAPH ?g {{ {_MEMBERSHIP}
  {{ ?m org:memberDuring/time:hasBeginning/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?begin .
     BIND ("started" AS ?kind) }}
  UNION {{ ?m org:memberDuring/time:hasEnd/(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?finish .
           BIND ("ended" AS ?kind) }}
}} BIND (STR(?role) AS ?post) }} GROUP BY ?o ?p ?post ?kind"""
# Degree of each organization: distinct entities linked to it by an agreement, a membership, a
# programme, an event, a unit (most_connected's question, grouped by the name as it was), per graph;
# joined in Python with the names of the nodes some graph calls an organization.
Q_LINKS = """SELECT DISTINCT ?g ?o ?other WHERE { GRAPH ?g {
  ?doc a kg:Article .
  { ?agreement a kg:Agreement ; kg:party ?o, ?other . FILTER (?other != ?o) }
  UNION { ?m a org:Membership ; org:organization ?o ; org:member ?other . }
  UNION { ?o kg:operates ?other . }
  UNION { ?other schema:organizer ?o . }
  UNION { ?other schema:attendee ?o . }
  UNION { ?o org:subOrganizationOf ?other . }
  UNION { ?other org:subOrganizationOf ?o . }
} }"""
Q_ORGANIZATION_NAMES = """SELECT DISTINCT ?g ?o ?name WHERE { GRAPH ?g {
  ?o kg:entityKind "Organization" ; skos:prefLabel ?name . } }"""
Q_EVENT_DATES = """SELECT ?e ?name ?date ?n WHERE {
  { SELECT ?e ?date (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e schema:startDate ?date . } } GROUP BY ?e ?date }
  GRAPH ?entities { ?e kg:entityKind "Event" ; skos:prefLabel ?name . } }"""
# An event's places, organizers and attendees by name (joined in Python, sorted: the same text in every store).
Q_EVENT_NAMES = """SELECT DISTINCT ?e ?name WHERE { { SELECT DISTINCT ?e ?who WHERE { GRAPH ?g { ?e schema:%s ?who . } } }
  GRAPH ?e1 { ?who skos:prefLabel ?name . } }"""
Q_OPERATIONS = """SELECT ?o ?prog ?operator ?programme ?n WHERE {
  { SELECT ?o ?prog (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?o kg:operates ?prog . } } GROUP BY ?o ?prog }
  GRAPH ?entities { ?o skos:prefLabel ?operator . ?prog skos:prefLabel ?programme . } }"""
# Every name an operator goes by (programmes' lookup by name reads them by index).
Q_OPERATOR_NAMES = """SELECT DISTINCT ?o ?name WHERE { { SELECT DISTINCT ?o WHERE { GRAPH ?g { ?o kg:operates ?prog . } } }
  GRAPH ?entities { ?o skos:prefLabel|skos:altLabel ?name . } }"""
# Organizations that organized or attended one event, each pair in both orders, with the names.
Q_PAIRS = """SELECT DISTINCT ?a ?b ?organization ?other ?e ?eventName WHERE {
  { SELECT DISTINCT ?e ?a WHERE { GRAPH ?g1 { ?e schema:organizer|schema:attendee ?a . } } }
  { SELECT DISTINCT ?e ?b WHERE { GRAPH ?g2 { ?e schema:organizer|schema:attendee ?b . } } }
  FILTER (?a != ?b)
  GRAPH ?entities { ?a kg:entityKind "Organization" ; skos:prefLabel ?organization . }
  GRAPH ?entities2 { ?b kg:entityKind "Organization" ; skos:prefLabel ?other . }
  GRAPH ?entities3 { ?e skos:prefLabel ?eventName . } }"""


@dataclass(frozen=True)
class Derived:
    """What ``derive`` wrote: quads of the derived graph, its name, the seconds it took, the store's quads then."""

    quads: int
    graph: str
    seconds: float
    stored: int = 0  # every quad of the store, the derived graph's included


def derive_store(path: str | Path, kept: Path | None = None, previous: Path | None = None,
                 rows: RowFiles | None = None) -> Derived:
    """Rewrite the derived graph of the on-disk store at ``path`` (a build's ``store/``).

    ``kept``: a file to write the derived graph's N-Quads to; ``previous``:
    such a file written with the store that ``path`` was copied from (an
    incremental build: read instead of the store's own, 5× faster). ``rows``:
    where a build's rows of the local queries come from and go
    (``kg.store.graph_rows``: each unchanged article graph's from the
    previous build); None: every graph asked, nothing kept.

    Raises:
        StoreError: the store cannot be opened for writing, or holds no build.
    """
    import pyoxigraph as ox

    try:
        store = ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"{path}: cannot open the store to write its derived graph: {e}") from e
    try:
        if rows is None:
            return derive(store, kept, previous)
        local = rows.open(store, [_derived_graph(store)])
        derived = derive(store, kept, previous, local)
        rows.save(local)
        return derived
    finally:
        store.flush()
        del store


def _derived_graph(store) -> str:
    from kg.store.open import build_base_iri

    base = build_base_iri(store)
    return str(Iris(base).derived_graph) if base is not None else ""


def derive(store: "pyoxigraph.Store", kept: Path | None = None, previous: Path | None = None,
           rows: GraphRows | None = None) -> Derived:
    """Replace the derived graph of the build in ``store`` by one computed from its other graphs.

    ``kept``, ``previous``: as ``derive_store``; ``rows``: the local queries' rows (None: from the whole store).

    Raises:
        StoreError: the store holds no build (no ``<base>graph/entities`` graph).
    """
    import pyoxigraph as ox

    from kg.store.open import build_base_iri

    clock = time.perf_counter()
    base = build_base_iri(store)
    if base is None:
        raise StoreError("the store holds no kg build (no <base>graph/entities graph): nothing to derive from")
    iris = Iris(base)
    graph = ox.NamedNode(str(iris.derived_graph))
    # N-Quads text (terms print as N-Triples): a third of the cost of a Python Quad object per quad
    name = str(graph)
    rows = rows if rows is not None else GraphRows(store, skip=[name])
    lines = {f"{s} {p} {o} {name} .\n" for s, p, o in _triples(store, iris, rows)}
    store.add_graph(graph)
    # rewritten, never appended (a removed article leaves nothing behind), by the difference when there is one
    sync_graph(store, graph.value, lines, held=read_lines(previous))
    if kept is not None:
        write_lines(kept, lines)
    return Derived(len(lines), graph.value, time.perf_counter() - clock, len(store))


def _triples(store, iris: Iris, rows: GraphRows) -> Iterator[tuple]:
    yield from _holdings(store, iris, rows)
    yield from _entities(store, iris, rows)
    yield from _operations(store, iris)
    yield from _pairs(store, iris)
    yield from fact_index(store, iris, _select, rows)


def _select(store, text: str) -> Iterator:
    return iter(store.query(_PROLOGUE + text))


def _node(term) -> "pyoxigraph.NamedNode":
    import pyoxigraph as ox

    return ox.NamedNode(str(term))


def _int(n: int) -> "pyoxigraph.Literal":
    import pyoxigraph as ox

    return ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


_TYPE = _node(_RDF.type)


def _holdings(store, iris: Iris, rows: GraphRows) -> Iterator[tuple]:
    """``kg:PostHolding`` and ``kg:PostEvidence`` nodes; dates only where some row has them."""
    nodes = {}
    graphs: dict[tuple, set] = defaultdict(set)  # (organization, person, post) -> the graphs that report it
    for g, o, p, post in rows.select("holdings", Q_HOLDINGS):
        graphs[(o, p, post)].add(g)
    for (o, p, post), reported in graphs.items():
        key = (o, p, post.value)
        node = nodes[key] = _node(iris.summary("holding", o.value, p.value, key[2]))
        yield node, _TYPE, _node(KG.PostHolding)
        yield node, _node(KG.holdingOrganization), o
        yield node, _node(KG.holdingPerson), p
        yield node, _node(KG.postTitle), post
        yield node, _node(KG.articleCount), _int(len(reported))
    dates: dict[str, dict[tuple, list]] = {"seen": defaultdict(list), "began": defaultdict(list), "left": defaultdict(list)}
    for o, p, post, kind, date in {row[1:] for row in rows.select("holding-dates", Q_HOLDING_DATES)}:
        dates[kind.value][(o, p, post.value)].append(date)
    for key, seen in dates["seen"].items():
        ordered = sorted(seen, key=_date_key)
        yield nodes[key], _node(KG.firstSeen), ordered[0]
        yield nodes[key], _node(KG.lastSeen), ordered[-1]
    yield from _evidence(nodes, dates, iris)
    for row in _select(store, Q_HOLDING_SPANS):
        key = (row["o"], row["p"], row["post"].value)
        if row["kind"].value == "started" and row["first"] is not None:
            yield nodes[key], _node(KG.startedOn), row["first"]
        elif row["kind"].value == "ended" and row["last"] is not None:
            yield nodes[key], _node(KG.endedOn), row["last"]


def _date_key(term) -> str:
    return term.value  # xsd:date in ISO form: text order is date order


def _evidence(nodes: dict, dates: dict, iris: Iris) -> Iterator[tuple]:
    """Per holding and date of evidence: the next date of anyone's evidence in that post, and when the person left.

    Precomputed so that post_holder needs no NOT EXISTS over every holding of
    an organization (which Oxigraph evaluates over the whole graph, per row).
    """
    import bisect

    evidence = defaultdict(set)
    for kind in ("seen", "began"):
        for key, values in dates[kind].items():
            evidence[key].update(values)
    seats: dict[tuple, list[str]] = defaultdict(list)  # (organization, post) -> every date of evidence
    for (o, _, post), values in evidence.items():
        seats[(o, post)].extend(v.value for v in values)
    for seat in seats.values():
        seat.sort()
    for key, values in evidence.items():
        seat = seats[(key[0], key[2])]
        left = sorted(dates["left"].get(key, ()), key=_date_key)
        left_keys = [v.value for v in left]
        for on in values:
            node = _node(iris.summary("evidence", nodes[key].value, on.value))
            yield node, _TYPE, _node(KG.PostEvidence)
            yield node, _node(KG.evidenceFor), nodes[key]
            yield node, _node(KG.evidenceOn), on
            later = bisect.bisect_right(seat, on.value)
            if later < len(seat):
                yield node, _node(KG.nextEvidenceOn), _date(seat[later])
            gone = bisect.bisect_left(left_keys, on.value)
            if gone < len(left):
                yield node, _node(KG.leftOn), left[gone]


def _date(text: str) -> "pyoxigraph.Literal":
    import pyoxigraph as ox

    return ox.Literal(text, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))


def _entities(store, iris: Iris, rows: GraphRows) -> Iterator[tuple]:
    """``kg:EntitySummary`` nodes (an organization's degree) and ``kg:EventDating`` nodes (an event on a date)."""
    yield from _degrees(iris, rows)
    yield from _event_datings(store, iris)


def _degrees(iris: Iris, rows: GraphRows) -> Iterator[tuple]:
    """An organization's distinct linked entities and articles, under each of its names (as a join in SPARQL)."""
    names: dict = defaultdict(set)
    for _, o, name in rows.select("organization-names", Q_ORGANIZATION_NAMES):
        names[o].add(name)
    others: dict = defaultdict(set)
    graphs: dict = defaultdict(set)
    for g, o, other in rows.select("links", Q_LINKS):
        others[o].add(other)
        graphs[o].add(g)
    for o, linked in others.items():
        for name in names.get(o, ()):
            node = _node(iris.summary("entity", o.value, name.value))
            yield node, _TYPE, _node(KG.EntitySummary)
            yield node, _node(KG.summaryOf), o
            yield node, _node(KG.entityName), name
            yield node, _node(KG.degree), _int(len(linked))
            yield node, _node(KG.articleCount), _int(len(graphs[o]))


def _event_datings(store, iris: Iris) -> Iterator[tuple]:
    """``kg:EventDating`` nodes: an event on a date, the articles that report it, its places and parties by name."""
    texts: dict = defaultdict(list)
    for kind, term in (("location", KG.placeName), ("organizer", KG.organizerNames), ("attendee", KG.participantNames)):
        names: dict = defaultdict(set)
        for row in _select(store, Q_EVENT_NAMES % kind):
            names[row["e"]].add(row["name"])
        for event, found in names.items():  # one place (the first by name), every organizer and attendee
            texts[event].append((_node(term), _joined(found, first=kind == "location")))
    for row in _select(store, Q_EVENT_DATES):
        node = _node(iris.summary("event-date", row["e"].value, str(row["date"]), row["name"].value))
        yield node, _TYPE, _node(KG.EventDating)
        yield node, _node(KG.summaryOf), row["e"]
        yield node, _node(KG.entityName), row["name"]
        yield node, _node(KG.eventDate), row["date"]
        yield node, _node(KG.articleCount), row["n"]
        for term, text in texts.get(row["e"], ()):
            yield node, term, text


def _operations(store, iris: Iris) -> Iterator[tuple]:
    """``kg:Operation`` nodes: an operator, its programme, their names, and the articles that say so."""
    keys: dict = defaultdict(set)
    for row in _select(store, Q_OPERATOR_NAMES):
        keys[row["o"]].add(row["name"])
    for row in _select(store, Q_OPERATIONS):
        node = _node(iris.summary("operation", *(row[k].value for k in ("o", "prog", "operator", "programme"))))
        yield node, _TYPE, _node(KG.Operation)
        yield node, _node(KG.operator), row["o"]
        yield node, _node(KG.summaryOf), row["prog"]
        yield node, _node(KG.operatorName), row["operator"]
        for key in keys[row["o"]]:
            yield node, _node(KG.operatorKey), key
        yield node, _node(KG.entityName), row["programme"]
        yield node, _node(KG.articleCount), row["n"]


def _pairs(store, iris: Iris) -> Iterator[tuple]:
    """``kg:CoParticipation`` nodes: an organization, another, their names, the events both took part in."""
    events: dict[tuple, dict] = defaultdict(dict)
    for row in _select(store, Q_PAIRS):
        events[tuple(row[k] for k in ("a", "b", "organization", "other"))].setdefault(row["e"], set()).add(row["eventName"])
    for (a, b, organization, other), shared in events.items():
        node = _node(iris.summary("pair", a.value, b.value, organization.value, other.value))
        yield node, _TYPE, _node(KG.CoParticipation)
        yield node, _node(KG.coParticipant), a
        yield node, _node(KG.coPartner), b
        yield node, _node(KG.entityName), organization
        yield node, _node(KG.partnerName), other
        yield node, _node(KG.eventCount), _int(len(shared))
        yield node, _node(KG.eventNames), _joined(set().union(*shared.values()))


def _joined(names: set, first: bool = False) -> "pyoxigraph.Literal":
    """Names sorted and joined with " · " (or the first of them), in their language if they share one."""
    import pyoxigraph as ox

    ordered = sorted(names, key=lambda n: (n.value, n.language or ""))
    languages = {n.language for n in ordered}
    text = ordered[0].value if first else " · ".join(dict.fromkeys(n.value for n in ordered))
    language = languages.pop() if len(languages) == 1 else None
    return ox.Literal(text, language=language) if language else ox.Literal(text)

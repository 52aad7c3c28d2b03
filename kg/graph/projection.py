"""Project the RDF graph of a build to a networkx ``MultiDiGraph``: the stage's entry, ``to_networkx``.

The graph attribute ``base_iri`` is the build's base IRI (entity ids are IRIs
under it). Nodes are entities (id = IRI) with ``type``, ``label``, ``aliases``,
``degree`` and ``first_seen`` (the earliest publication date of an article
naming them); event dates, founding years and former names are node
``facts``, and so is ``reportedIn`` of an event: the sentences of every
article that names it (one node per happening, with its sources). Edges are
typed, directed multi-edges, one per distinct fact (the same fact stated by
several articles is one edge with several sources; an agreement is one
edge per pair of its parties, however many articles state it), each with a
``date`` (signing date, tenure start, else the earliest publication date of
its sources) and ``sources``: the sentences it came from, with article id,
title, date and URL.

The source is a pyoxigraph ``Store`` or an rdflib ``Dataset`` (loaded into an
in-memory store first): the SPARQL SELECT queries run through
``kg.sparql`` (``select_text``: the values' text only), the one way kg runs
SPARQL, so ``kg viz --store DIR``
never parses ``kg.trig``. The shape of the RDF is ``kg.rdf.mapping``'s
(``DIRECT`` is read from there).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Iterable

from kg.errors import UsageError
from kg.rdf.iris import base_of
from kg.rdf.mapping import DIRECT
from kg.records import ENTITY_TYPES
from kg.text import normalize

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

    from kg.store.graph_rows import GraphRows

# kg's prefixes are declared for every query (kg.rdf.namespaces.PREFIXES). Every query but the two
# about events is local (``kg.store.graph_rows``): all of it in one GRAPH ?g, which it projects, so that
# a build asks the store only about the graphs that changed; the rows are the same without ?g.
Q_ENTITIES = "SELECT DISTINCT ?e ?kind ?label ?g WHERE { GRAPH ?g { ?e kg:entityKind ?kind OPTIONAL { ?e skos:prefLabel ?label } } }"
Q_ALIASES = "SELECT DISTINCT ?g ?e ?alias WHERE { GRAPH ?g { ?e skos:altLabel ?alias } }"
# An entity's first publication date: each (graph, entity, article) once, joined (in Python) to the
# article's date in the same graph; MIN(STR(?d)) in SPARQL, the least text here.
Q_NAMED_IN = """SELECT DISTINCT ?g ?e ?art WHERE { GRAPH ?g { ?m itsrdf:taIdentRef ?e ; nif:referenceContext ?art } }"""
Q_ISSUED = """SELECT DISTINCT ?g ?art ?day WHERE { GRAPH ?g { ?art dcterms:issued ?d } BIND (STR(?d) AS ?day) }"""
Q_ARTICLES = """SELECT ?g ?art ?id ?title ?issued ?url WHERE { GRAPH ?g { ?art a kg:Article
  OPTIONAL { ?art dcterms:identifier ?id } OPTIONAL { ?art dcterms:title ?title }
  OPTIONAL { ?art dcterms:issued ?issued } OPTIONAL { ?art schema:url ?url } } }"""
# The sentences facts come from, and those that name an event: two queries, as one UNION with the
# event's GRAPH nested inside the sentence's took Oxigraph minutes at 1,000 articles (seconds apart).
Q_SENTENCES = """SELECT DISTINCT ?g ?sent ?text ?b ?e ?art WHERE { GRAPH ?g {
  ?f prov:wasDerivedFrom ?sent .
  ?sent nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:referenceContext ?art } }"""
Q_EVENT_SENTENCES = """SELECT DISTINCT ?sent ?text ?b ?e ?art WHERE { GRAPH ?g {
  ?m itsrdf:taIdentRef ?ev ; nif:sentence ?sent .
  ?sent nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:referenceContext ?art }
  GRAPH ?h { ?ev kg:entityKind "Event" } }"""
Q_STATEMENTS = """SELECT ?g ?fact ?s ?p ?o ?sent WHERE { GRAPH ?g {
  ?fact a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o
  OPTIONAL { ?fact prov:wasDerivedFrom ?sent } } }"""
Q_MEMBERSHIPS = """SELECT ?g ?fact ?person ?org ?role ?status ?asserted ?begin ?end ?sent WHERE { GRAPH ?g {
  ?fact a org:Membership ; org:member ?person ; org:organization ?org .
  OPTIONAL { ?fact org:role ?role } OPTIONAL { ?fact kg:tenureStatus ?status }
  OPTIONAL { ?fact kg:assertedOn ?asserted }
  OPTIONAL { ?fact org:memberDuring/time:hasBeginning ?t0 . ?t0 ?p0 ?begin
             FILTER(?p0 IN (time:inXSDDate, time:inXSDgYearMonth, time:inXSDgYear)) }
  OPTIONAL { ?fact org:memberDuring/time:hasEnd ?t1 . ?t1 ?p1 ?end
             FILTER(?p1 IN (time:inXSDDate, time:inXSDgYearMonth, time:inXSDgYear)) }
  OPTIONAL { ?fact prov:wasDerivedFrom ?sent } } }"""
Q_ROLES = "SELECT DISTINCT ?g ?role ?post WHERE { GRAPH ?g { ?role a org:Role ; skos:prefLabel ?post } }"
Q_AGREEMENTS = """SELECT ?g ?fact ?party ?date ?sent WHERE { GRAPH ?g { ?fact a kg:Agreement ; kg:party ?party
  OPTIONAL { ?fact kg:signedOn ?date } OPTIONAL { ?fact prov:wasDerivedFrom ?sent } } }"""
Q_EVENT_MENTIONS = """SELECT DISTINCT ?e ?sent WHERE { GRAPH ?g { ?m itsrdf:taIdentRef ?e ; nif:sentence ?sent }
  GRAPH ?h { ?e kg:entityKind "Event" } }"""
Q_RENAMES = """SELECT ?g ?fact ?to ?from ?orig ?sent WHERE { GRAPH ?g { ?fact a org:ChangeEvent ;
  org:resultingOrganization ?to OPTIONAL { ?fact kg:formerName ?from }
  OPTIONAL { ?fact org:originalOrganization ?orig } OPTIONAL { ?fact prov:wasDerivedFrom ?sent } } }"""

# Predicate IRI of a direct triple -> relation type.
_PREDICATES = {str(pred): kind for kind, (_, pred, _) in DIRECT.items()}
# Relations whose RDF subject is the relation's second field (schema:organizer
# points from the event to the org, the relation from the org to the event).
_REVERSED = {"organizes", "participatesIn"}
NODE_FACTS = ("eventDate", "founded", "renamed", "reportedIn")


def select(store: "ox.Store", query: str) -> list[dict[str, str | None]]:
    """Rows of one of the projection's SELECTs on a store (``kg.sparql.local.select_text``), values as strings.

    Rows are sorted, so that the same data gives the same graph (and viewer) whichever store holds it.
    """
    from kg.sparql.local import select_text

    columns, values = select_text(store, query)
    return _sorted(columns, values)


def _local(rows: "GraphRows", name: str, query: str, keep_graph: bool = False) -> list[dict[str, str | None]]:
    """``select`` of a local query (``kg.store.graph_rows``): its rows less ?g (unless ``keep_graph``), sorted.

    Without ?g, a DISTINCT query's rows are made distinct again, as the query without ?g would give them.
    """
    from kg.sparql.local import text_of
    from kg.store.graph_rows import columns

    names = columns(query)
    values = rows.select(name, query, convert=text_of())
    if not keep_graph:
        at = names.index("g")
        names = names[:at] + names[at + 1:]
        values = [row[:at] + row[at + 1:] for row in values]
        if "SELECT DISTINCT" in query:
            values = list(set(values))
    return _sorted(names, values)


def _sorted(columns: list[str], values: list[tuple]) -> list[dict[str, str | None]]:
    rows = [dict(zip(columns, row)) for row in values]
    rows.sort(key=lambda row: tuple(v or "" for v in row.values()))
    return rows


def to_networkx(
    source: Any,
    *,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
    period: tuple[int | None, int | None] | None = None,
    ego: str | Iterable[str] | None = None,
    depth: int = 1,
    rows: "GraphRows | None" = None,
) -> "nx.MultiDiGraph":
    """The entity network of a build.

    Args:
        source: an rdflib ``Dataset`` (e.g. ``to_rdf``'s) or a pyoxigraph ``Store``.
        include: keep only entities of these types (``Organization``, ``Person`` …).
        exclude: drop entities of these types.
        period: ``(first_year, last_year)``, either end open (None): keep dated
            facts of those years and the entities they join or first named then.
        ego: the name or alias of an entity (or several): keep its neighbourhood.
        depth: radius of the ego network, in hops (edges taken both ways).
        rows: the rows of ``source``'s graphs (``kg.store.graph_rows``; a build's keeps each
            unchanged article graph's from the previous build); None: every graph asked.

    Raises:
        UsageError: an unknown entity type, a bad depth, or no entity named ``ego``.
    """
    from kg.store.graph_rows import GraphRows

    if rows is None:
        if not hasattr(source, "quads_for_pattern"):  # an rdflib Dataset, not a pyoxigraph Store
            from kg.store.load import memory_store

            source = memory_store(source)
        rows = GraphRows(source)
    graph = _project(rows)
    types = _types(include, exclude)
    if types is not None:
        graph.remove_nodes_from([n for n, t in graph.nodes(data="type") if t not in types])
    if period is not None:
        graph = restrict_period(graph, *period)
    if ego is not None:
        graph = ego_network(graph, ego, depth)
    set_degrees(graph)
    return graph


def _project(rows: "GraphRows") -> "nx.MultiDiGraph":
    import networkx as nx

    source = rows.store
    graph = nx.MultiDiGraph()
    for row in _local(rows, "entities", Q_ENTITIES, keep_graph=True):
        graph.graph["base_iri"] = graph.graph.get("base_iri") or base_of(row["g"])
        if row["e"] not in graph:
            graph.add_node(row["e"], type=row["kind"], label=row["label"] or row["e"], aliases=[],
                           first_seen=None, facts=[])
    for row in _local(rows, "aliases", Q_ALIASES):
        attrs = graph.nodes.get(row["e"])
        if attrs is not None and row["alias"] not in attrs["aliases"] and row["alias"] != attrs["label"]:
            attrs["aliases"].append(row["alias"])
    for node, first in _first_seen(rows).items():
        if node in graph:
            graph.nodes[node]["first_seen"] = first
    _Facts(graph, _sources(rows)).add_all(rows)
    for _, attrs in graph.nodes(data=True):
        attrs["aliases"].sort()
    return graph


def _first_seen(rows: "GraphRows") -> dict[str, str]:
    """Entity -> the least publication date (as text) of the articles naming it, each in the graph that says so."""
    issued: dict[tuple, list[str]] = {}
    from kg.sparql.local import text_of

    for g, art, day in rows.select("issued", Q_ISSUED, convert=text_of()):
        issued.setdefault((g, art), []).append(day)
    first: dict[str, str] = {}
    for g, e, art in rows.select("named-in", Q_NAMED_IN, convert=text_of()):
        for day in issued.get((g, art), ()):
            if e not in first or day < first[e]:
                first[e] = day
    return first


def _sources(rows: "GraphRows") -> dict[str, dict]:
    """Sentence IRI -> its provenance record."""
    articles = {row["art"]: row for row in _local(rows, "articles", Q_ARTICLES)}
    out = {}
    found = itertools.chain(_local(rows, "sentences", Q_SENTENCES), select(rows.store, Q_EVENT_SENTENCES))
    for row in found:
        art = articles.get(row["art"], {})
        out[row["sent"]] = {
            "article": art.get("id") or row["art"], "title": art.get("title"), "published": art.get("issued"),
            "url": art.get("url"), "sentence": row["text"], "start": int(row["b"]), "end": int(row["e"]),
        }
    return out


class _Facts:
    """Adds the facts of a build to a graph, merging a fact stated by several articles."""

    def __init__(self, graph: "nx.MultiDiGraph", sources: dict[str, dict]) -> None:
        self.graph = graph
        self.sources = sources

    def add_all(self, rows: "GraphRows") -> None:
        for row in _local(rows, "statements", Q_STATEMENTS):
            self.statement(row)
        roles = {row["role"]: row["post"] for row in _local(rows, "roles", Q_ROLES)}
        for row in _local(rows, "memberships", Q_MEMBERSHIPS):
            kind = "holdsPost" if row["role"] else "memberOf"
            post = roles.get(row["role"]) if row["role"] else None
            self.edge(row["person"], row["org"], kind, row["sent"], post=post, explicit=row["begin"],
                      status=row["status"], start=row["begin"], end=row["end"])
        self.agreements(_local(rows, "agreements", Q_AGREEMENTS))
        self.reports(select(rows.store, Q_EVENT_MENTIONS))
        for row in _local(rows, "renames", Q_RENAMES):
            # kg.rdf.mapping names the renamed organization itself as the original one (the former
            # name is its alias): an edge only between two distinct entities.
            if row["orig"] and row["orig"] != row["to"] and row["orig"] in self.graph:
                self.edge(row["orig"], row["to"], "renamed", row["sent"], former_name=row["from"])
            else:
                self.node_fact(row["to"], "renamed", row["from"], row["sent"])

    def agreements(self, rows: list[dict]) -> None:
        """One edge per pair of parties of each agreement, with every sentence of every article that states it."""
        found: dict[str, tuple[set[str], set[str], set[str]]] = {}  # agreement -> parties, dates, sentences
        for row in rows:
            parties, dates, sentences = found.setdefault(row["fact"], (set(), set(), set()))
            parties.add(row["party"])
            dates.update(filter(None, [row["date"]]))
            sentences.update(filter(None, [row["sent"]]))
        for fact, (parties, dates, sentences) in sorted(found.items()):
            members, date = sorted(parties), min(dates, default=None)
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    for sent in sorted(sentences) or [None]:
                        self.edge(a, b, "partnership", sent, explicit=date, agreement=fact)

    def reports(self, rows: list[dict]) -> None:
        """An event's ``reportedIn`` fact: the sentences naming it, in every article that reports it."""
        for row in rows:
            self.node_fact(row["e"], "reportedIn", "", row["sent"])
        for _, attrs in self.graph.nodes(data=True):
            for fact in attrs["facts"]:
                if fact["type"] == "reportedIn":
                    fact["value"] = f"{len({s['article'] for s in fact['sources']})} articles"

    def statement(self, row: dict) -> None:
        kind = _PREDICATES.get(row["p"])
        if kind is None:
            return
        if kind in NODE_FACTS:
            value = row["o"][:4] if kind == "founded" else row["o"]
            self.node_fact(row["s"], kind, value, row["sent"])
        elif kind in _REVERSED:
            self.edge(row["o"], row["s"], kind, row["sent"])
        else:
            self.edge(row["s"], row["o"], kind, row["sent"])

    def node_fact(self, node: str, kind: str, value: str | None, sent: str | None) -> None:
        if node not in self.graph or value is None:
            return
        attrs = self.graph.nodes[node]
        fact = next((f for f in attrs["facts"] if f["type"] == kind and f["value"] == value), None)
        if fact is None:
            fact = {"type": kind, "value": value, "sources": []}
            attrs["facts"].append(fact)
        _add_source(fact["sources"], self.sources.get(sent))
        if kind == "eventDate":
            attrs["date"] = min(filter(None, (attrs.get("date"), value)))
        elif kind == "founded":
            attrs["founded"] = int(value)

    def edge(self, u: str, v: str, kind: str, sent: str | None, *, explicit: str | None = None,
             **extra: str | None) -> None:
        if u not in self.graph or v not in self.graph:
            return
        # One edge per distinct fact: an agreement is one edge per pair of parties, however many articles state it.
        agreement = extra.pop("agreement", None)
        key = "|".join(filter(None, (kind, extra.get("post"), explicit if kind == "partnership" else None,
                                     agreement.rsplit("/", 1)[-1] if agreement else None)))
        if not self.graph.has_edge(u, v, key):
            self.graph.add_edge(u, v, key=key, type=kind, date=None, stated_date=explicit, sources=[],
                                **{k: x for k, x in extra.items() if x is not None})
        attrs = self.graph.edges[u, v, key]
        attrs["stated_date"] = attrs["stated_date"] or explicit
        for name, value in extra.items():
            if value is not None:
                attrs.setdefault(name, value)
        _add_source(attrs["sources"], self.sources.get(sent))
        published = [s["published"] for s in attrs["sources"] if s["published"]]
        attrs["date"] = attrs["stated_date"] or (min(published) if published else None)


def _add_source(sources: list[dict], record: dict | None) -> None:
    if record is not None and record not in sources:
        sources.append(record)
        sources.sort(key=lambda s: (s["published"] or "", s["article"], s["start"]))


def _types(include: Iterable[str] | None, exclude: Iterable[str] | None) -> set[str] | None:
    if include is None and exclude is None:
        return None
    known = {t.lower(): t for t in ENTITY_TYPES}

    def resolve(names: Iterable[str]) -> set[str]:
        unknown = [n for n in names if n.lower() not in known]
        if unknown:
            raise UsageError(f"unknown entity type {unknown[0]!r}; use one of {', '.join(ENTITY_TYPES)}")
        return {known[n.lower()] for n in names}

    types = resolve(include) if include is not None else set(ENTITY_TYPES)
    return types - resolve(exclude or ())


def year_of(date: str | None) -> int | None:
    """The year of an ISO date (or year) string, None if there is none."""
    if not date or not date[:4].isdigit():
        return None
    return int(date[:4])


def restrict_period(graph: "nx.MultiDiGraph", first: int | None, last: int | None) -> "nx.MultiDiGraph":
    """A copy keeping dated facts of years ``first``..``last`` (None: open) and their entities.

    An entity with no fact in the period stays when it was first named in the period.
    """

    def inside(year: int | None) -> bool:
        return year is not None and (first is None or year >= first) and (last is None or year <= last)

    edges = [(u, v, k) for u, v, k, d in graph.edges(keys=True, data="date") if inside(year_of(d))]
    keep = {n for u, v, _ in edges for n in (u, v)}
    keep |= {n for n, seen in graph.nodes(data="first_seen") if inside(year_of(seen))}
    sub = graph.edge_subgraph(edges).copy()
    sub.add_nodes_from((n, graph.nodes[n]) for n in keep if n not in sub)
    return sub


def find_entities(graph: "nx.MultiDiGraph", name: str) -> list[str]:
    """Ids of the entities whose label or an alias is ``name`` (normalized), or its IRI."""
    if name in graph:
        return [name]
    wanted = normalize(name)
    return [n for n, d in graph.nodes(data=True)
            if wanted in {normalize(x) for x in [d.get("label", ""), *d.get("aliases", ())]}]


def ego_network(graph: "nx.MultiDiGraph", names: str | Iterable[str], depth: int = 1) -> "nx.MultiDiGraph":
    """The entities within ``depth`` hops (either direction) of the named ones, and their edges.

    The centres' ids are kept in the graph attribute ``ego`` (``graph.graph["ego"]``).

    Raises:
        UsageError: ``depth`` < 0, or a name matches no entity.
    """
    import networkx as nx

    if depth < 0:
        raise UsageError("--depth must be 0 or more")
    centres: list[str] = []
    for name in [names] if isinstance(names, str) else names:
        found = find_entities(graph, name)
        if not found:
            raise UsageError(f"no entity named {name!r} in the graph (names and aliases are searched)")
        centres.extend(found)
    undirected = graph.to_undirected(as_view=True)  # a view: ego_graph(undirected=True) would copy the graph
    keep = {n for centre in centres for n in nx.ego_graph(undirected, centre, radius=depth)}
    sub = graph.subgraph(keep).copy()
    sub.graph["ego"] = list(dict.fromkeys(centres))  # the viewer lays an ego network out around them
    return sub


def set_degrees(graph: "nx.MultiDiGraph") -> None:
    """Store each node's degree (edges in and out) as its ``degree`` attribute."""
    for node, degree in graph.degree():
        graph.nodes[node]["degree"] = degree


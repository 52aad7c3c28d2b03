"""The ego network of an entity page, from a bounded part of the store: its articles, not the whole build.

Projecting the whole build (``kg.graph.to_networkx``) takes tens of seconds
at a million quads; an entity page's network needs only the graphs of the
articles that name the entity (at most ``EGO_ARTICLES`` of them) and the
shared graph's nodes of the entities and happenings in them. Those quads
are copied into an in-memory store by index look-ups (``quads_for_pattern``)
and projected as any build is, then cut to the entity's neighbours. Of
an entity's own node only its kind and names are copied: it also holds a
merge decision for each article naming it, thousands for a hub.
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Any, Callable, Iterable

from rdflib.namespace import SKOS

from kg.rdf.iris import ENTITIES_GRAPH
from kg.rdf.namespaces import ITSRDF, KG

Known = Callable[[set[str]], Iterable[str]]  # of some IRIs, those that are entities
NAMES = (KG.entityKind, SKOS.prefLabel, SKOS.altLabel)  # an entity's node, as the projection reads it
MERGED_BY = f"<{KG.mergedBy}>"

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

EGO_ARTICLES = 20  # articles naming the entity whose facts the network shows (copying one costs ~3 ms)
EGO_SHARED = 500  # shared nodes (agreements, events) naming the entity that are read


def ego_graph(store: "ox.Store", iri: str, base: str, known: Known,
              articles: int = EGO_ARTICLES) -> "nx.MultiDiGraph":
    """The entity's neighbours one hop away, from the articles that name it (at most ``articles``).

    ``known`` says which of some IRIs are entities (the catalogue knows).

    Raises:
        UsageError: the store has no entity ``iri``.
    """
    from kg.graph.projection import ego_network, set_degrees, to_networkx

    graph = ego_network(to_networkx(ego_store(store, iri, base, known, articles)), iri, 1)
    set_degrees(graph)
    return graph


def ego_store(store: "ox.Store", iri: str, base: str, known: Known, articles: int = EGO_ARTICLES) -> "ox.Store":
    """An in-memory store: the graphs of the articles naming ``iri``, the shared nodes that name it
    (agreements, events), and the names and kinds of the entities in them.

    Whole graphs are copied as N-Triples (``dump`` and ``load`` run in Oxigraph, not quad by quad in Python).
    """
    import pyoxigraph as ox

    entity, shared = ox.NamedNode(iri), ox.NamedNode(base + ENTITIES_GRAPH)
    graphs: dict[Any, None] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode(str(ITSRDF.taIdentRef)), entity, None):
        graphs.setdefault(quad.graph_name)
        if len(graphs) >= articles:
            break
    out = ox.Store()
    for g in graphs:
        out.load(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g), format=ox.RdfFormat.N_TRIPLES, to_graph=g)
    near = {q.subject for q in islice(store.quads_for_pattern(None, None, entity, shared), EGO_SHARED)}
    out.extend(q for node in near for q in store.quads_for_pattern(node, None, None, shared))
    # The entity's own node less its merge decisions (one per article naming it: thousands for a hub).
    out.extend(ox.Quad(t.subject, t.predicate, t.object, shared) for t in store.query(
        f"CONSTRUCT {{ ?e ?p ?o }} WHERE {{ GRAPH {shared} {{ ?e ?p ?o FILTER (?p != {MERGED_BY}) }} }}",
        substitutions={ox.Variable("e"): entity}))
    named = {row[0].value for row in out.query("SELECT DISTINCT ?x WHERE { GRAPH ?g { ?s ?p ?x FILTER isIRI(?x) } }")}
    out.extend(q for e in sorted(set(known(named - {iri}))) for p in NAMES
               for q in store.quads_for_pattern(ox.NamedNode(e), ox.NamedNode(str(p)), None, shared))
    return out

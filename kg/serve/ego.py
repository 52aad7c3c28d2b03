"""The ego network of an entity page, from a bounded part of the store: its articles, not the whole build.

Projecting the whole build (``kg.graph.to_networkx``) takes tens of seconds
at a million quads; an entity page's network needs only the graphs of the
articles that name the entity (at most ``EGO_ARTICLES`` of them) and the
shared graph's nodes of the entities and happenings in them. Those quads
are copied into an in-memory store by index look-ups (``quads_for_pattern``)
and projected as any build is, then cut to the entity's neighbours.
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Any, Iterable

from kg.rdf.iris import ENTITIES_GRAPH
from kg.rdf.namespaces import ITSRDF

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

EGO_ARTICLES = 50  # articles naming the entity whose facts the network shows
EGO_SHARED = 500  # shared nodes (agreements, events) naming the entity that are read


def ego_graph(store: "ox.Store", iri: str, base: str, articles: int = EGO_ARTICLES) -> "nx.MultiDiGraph":
    """The entity's neighbours one hop away, from the articles that name it (at most ``articles``).

    Raises:
        UsageError: the store has no entity ``iri``.
    """
    from kg.graph.projection import ego_network, set_degrees, to_networkx

    graph = ego_network(to_networkx(ego_store(store, iri, base, articles)), iri, 1)
    set_degrees(graph)
    return graph


def ego_store(store: "ox.Store", iri: str, base: str, articles: int = EGO_ARTICLES) -> "ox.Store":
    """An in-memory store of the graphs of the articles naming ``iri`` and the shared nodes they name."""
    import pyoxigraph as ox

    entity, shared = ox.NamedNode(iri), ox.NamedNode(base + ENTITIES_GRAPH)
    graphs: dict[Any, None] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode(str(ITSRDF.taIdentRef)), entity, None):
        graphs.setdefault(quad.graph_name)
        if len(graphs) >= articles:
            break
    quads = [q for g in graphs for q in store.quads_for_pattern(None, None, None, g)]
    near = {entity} | {q.subject for q in islice(store.quads_for_pattern(None, None, entity, shared), EGO_SHARED)}
    quads += _about(store, near, shared)
    named = {t for q in quads for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)} - near
    quads += _about(store, named, shared)
    out = ox.Store()
    out.extend(quads)
    return out


def _about(store: "ox.Store", nodes: Iterable[Any], graph: Any) -> list:
    """The quads of ``graph`` whose subject is one of ``nodes``."""
    return [q for node in nodes for q in store.quads_for_pattern(node, None, None, graph)]

"""Stage 8: project the RDF graph to networkx (baseline; see issue 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import RDF, Dataset, URIRef
from rdflib.namespace import ORG, SKOS

from kg.ontology import KG
from kg.rdf import DIRECT

if TYPE_CHECKING:
    import networkx as nx


def to_networkx(ds: Dataset) -> "nx.MultiDiGraph":
    """Entities as typed nodes, relations as typed directed multi-edges."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node, kind in ds.subject_objects(KG.entityKind):
        label = ds.value(node, SKOS.prefLabel)
        graph.add_node(str(node), type=str(kind), label=str(label) if label else str(node))
    names = {rel: pred for rel, (_, pred, _) in DIRECT.items()}
    for rel, pred in names.items():
        for s, o in ds.subject_objects(pred):
            if isinstance(o, URIRef) and str(s) in graph and str(o) in graph:
                graph.add_edge(str(s), str(o), key=rel, type=rel)
    for fact in ds.subjects(RDF.type, ORG.Membership):
        person, org = ds.value(fact, ORG.member), ds.value(fact, ORG.organization)
        if person is not None and org is not None:
            graph.add_edge(str(person), str(org), type="holdsPost" if ds.value(fact, ORG.role) else "memberOf")
    for fact in ds.subjects(RDF.type, KG.Agreement):
        parties = sorted(str(p) for p in ds.objects(fact, KG.party))
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                graph.add_edge(a, b, type="partnership")
    return graph

"""Graph: a build's RDF projected to a networkx network of entities, its analytics and its layout.

``to_networkx(store)`` (``kg.graph.projection``) is the stage's entry;
``kg.graph.analytics`` measures the network (centrality, communities, time
slices), ``kg.graph.layout`` places it for the viewer.
"""

from kg.graph.projection import to_networkx

__all__ = ["to_networkx"]

"""RDF: extractions mapped to a dataset of named graphs, under one set of IRIs and prefixes.

``to_rdf(extractions, resolution) -> Dataset`` (``kg.rdf.mapping``) is the
stage's entry; ``kg.rdf.nquads`` writes the same triples article by article;
``kg.rdf.namespaces`` holds the vocabularies and the one prefix table,
``kg.rdf.iris`` every IRI and graph name, ``kg.rdf.terms`` the one term
converter between rdflib and pyoxigraph.
"""

from kg.rdf.mapping import to_rdf

__all__ = ["to_rdf"]

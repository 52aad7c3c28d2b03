"""Export: a build's graph out of kg, as files (RDF, GraphML/GEXF, CSV) or to a Graph Store server.

``export(build_dir, fmt, out)`` (``kg.export.formats``) writes one format;
``push(url, build_dir)`` (``kg.export.push``) sends every graph to a SPARQL
1.1 Graph Store Protocol endpoint.
"""

from kg.export.formats import export
from kg.export.push import push

__all__ = ["export", "push"]

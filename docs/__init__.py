"""Generators of the project's documentation (not part of the installed package).

``python -m docs.ontodoc`` rewrites ``ontology/REFERENCE.md`` from ``ontology/kg.ttl``.
"""

"""Resolve: the entities of all articles joined into graph entities, each join with its rule and evidence.

``resolve(extractions) -> Resolution`` (``kg.resolve.clusters``) is the stage's entry.
"""

from kg.resolve.clusters import resolve

__all__ = ["resolve"]

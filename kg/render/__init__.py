"""Render: an entity network as one self-contained, offline HTML viewer.

``render(graph, path)`` (``kg.render.viewer``) is the stage's entry.
"""

from kg.render.viewer import render

__all__ = ["render"]

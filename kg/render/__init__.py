"""Render: an entity network as one self-contained, offline HTML viewer, through pyvis.

``render(graph, path)`` (``kg.render.viewer``) is the stage's entry;
``to_pyvis(graph)`` (``kg.render.network``) gives the same viewer as a pyvis
``Network`` for notebooks (imported on first use: pyvis loads IPython).
How the page is made with pyvis, and what pyvis cannot do: ``kg.render.network``.
"""

from __future__ import annotations

import importlib

from kg.render.viewer import render

__all__ = ["render", "to_pyvis"]


def __getattr__(name: str) -> object:
    if name == "to_pyvis":
        return importlib.import_module("kg.render.network").to_pyvis
    raise AttributeError(f"module 'kg.render' has no attribute {name!r}")

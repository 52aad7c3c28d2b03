"""Render: an entity network as one self-contained, offline HTML viewer, through pyvis.

``render(graph, path)`` (``kg.render.viewer``) is the stage's entry;
``to_pyvis(graph)`` (``kg.render.network``) gives the same viewer as a pyvis
``Network`` for notebooks (imported on first use: pyvis loads IPython).
The page is pyvis's: a ``Network`` built by ``Network.from_nx`` from the
networkx projection, rendered through pyvis's template mechanism with our
template (``kg/assets/viewer/viewer.html``); ``kg.render.network`` says how.

What pyvis cannot do, and why we do it ourselves:

- **No request, scripts by hash.** pyvis's own template (0.3.2) loads
  vis-network and tom-select from a CDN (``cdn_resources="remote"``) or
  from a ``lib/`` folder copied beside the page (``"local"``); even its
  ``"in_line"`` pages load Bootstrap and vis-network's CSS from CDNs, and
  their controls use inline event handlers, which a Content-Security-Policy
  without ``'unsafe-inline'`` blocks. Our template
  inlines the vis-network we vendor (``kg/assets/viewer/``) and our script,
  and its CSP allows those two by hash and no request at all.
- **Article text never becomes markup.** pyvis's tooltips (``title``) are
  HTML; our page has none, and writes every string with ``textContent``.
  Its JSON is escaped for a ``<script>`` element (``safe_json``).
- **Our controls.** pyvis's filter and select menus (tom-select) and
  neighbourhood highlight know nothing of entity types, years, sources or
  articles: the legend, filters, search and details panel are our script
  (``kg/assets/viewer/viewer.js``).
- **Speed.** ``from_nx`` checks each node and edge against the list of node
  ids (quadratic: 5.5 s for 10,000 entities); the Network gets a list that
  answers membership from a set (0.5 s).
- **Notebooks.** pyvis's ``show`` writes a file and returns an ``IFrame`` of
  it, which a saved or exported notebook loses; ``ViewerNetwork`` also
  displays itself as an ``<iframe srcdoc>`` holding the whole page, so it
  shows inline and offline.
"""

from __future__ import annotations

import importlib

from kg.render.viewer import render

__all__ = ["render", "to_pyvis"]


def __getattr__(name: str) -> object:
    if name == "to_pyvis":
        return importlib.import_module("kg.render.network").to_pyvis
    raise AttributeError(f"module 'kg.render' has no attribute {name!r}")

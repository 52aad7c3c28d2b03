"""Render an entity network as one self-contained HTML file: the stage's entry, ``render``.

The page is a pyvis ``Network`` (``kg.render.network.to_pyvis``) rendered
with our Jinja2 template: it inlines vis-network (vendored in
``kg/assets/viewer/``), our script and our style, so it opens from
``file://`` with no network at all, and its Content-Security-Policy forbids
any request and any script but those two.

Safety: the graph goes into a ``<script type="application/json">`` element
as JSON with ``<``, ``>`` and ``&`` escaped (so article text cannot close the
element), and the page script puts strings into the DOM with
``textContent`` only; links are made only from ``http(s)`` URLs.

Above ``PHYSICS_THRESHOLD`` entities the positions come from
``kg.graph.layout.layout`` and vis-network's physics is off, so the graph is
drawn at once; smaller graphs start from the same positions with physics on
(a toggle turns it off). An ego network (``kg viz --focus``) is laid out in
rings around its centre, with room for every label, and starts still.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.render.data import PHYSICS_THRESHOLD

# What `kg serve` writes into the <html> tag of the graph.html it serves: links made with
# only_when_served are followed there (an attribute: the page's script hashes stay valid).
SERVED_MARK = (b"<html ", b'<html data-kg-served="1" ')

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["PHYSICS_THRESHOLD", "SERVED_MARK", "render", "render_build", "to_html"]


def render(graph: "nx.MultiDiGraph", path: str | Path, title: str = "kg network",
           physics_threshold: int = PHYSICS_THRESHOLD, entity_url: str | None = None,
           only_when_served: bool = False) -> Path:
    """Write the viewer for ``graph`` (``to_networkx``'s) to ``path``; return the path.

    Arguments: as ``to_html``.
    """
    path = Path(path)
    path.write_text(to_html(graph, title, physics_threshold, entity_url, only_when_served), encoding="utf-8")
    return path


def to_html(graph: "nx.MultiDiGraph", title: str = "kg network", physics_threshold: int = PHYSICS_THRESHOLD,
            entity_url: str | None = None, only_when_served: bool = False) -> str:
    """The viewer page for ``graph``, as one self-contained HTML string.

    Args:
        graph: ``to_networkx``'s graph; an ego network (``graph.graph["ego"]``
            names its centres) is laid out in rings around them.
        title: the page's title.
        physics_threshold: above this many entities, positions are computed
            here and physics stays off.
        entity_url: where an entity's page is when the viewer is served (e.g.
            ``"/entity/{id}"``; ``{id}``: the IRI less the build's base IRI,
            ``{iri}``: the whole IRI, both percent-encoded): clicking an
            entity opens it. None (offline): clicking opens its panel.
        only_when_served: follow ``entity_url`` only in the copy ``kg serve``
            serves (marked with ``SERVED_MARK``); elsewhere clicking opens the panel.

    Raises:
        UsageError: ``entity_url`` has another field, or a scheme other than http(s).
    """
    from kg.render.network import to_pyvis

    return to_pyvis(graph, title, physics_threshold=physics_threshold, entity_url=entity_url,
                    only_when_served=only_when_served).generate_html()


def render_build(build_dir: str | Path = "build", out: str | Path = "viz.html", focus: str | None = None,
                 depth: int = 1, year: int | None = None) -> Path:
    """Write the viewer of a build's store (no ``kg.trig`` parsing), optionally around ``focus`` or as of ``year``.

    Raises:
        StoreError: no store in ``build_dir``.
        UsageError: ``focus`` names no entity, or ``depth`` < 0.
    """
    from kg.graph.analytics import as_of
    from kg.graph.projection import ego_network, set_degrees, to_networkx
    from kg.store.open import open_store

    with open_store(build_dir) as store:
        graph = to_networkx(store)
    if year is not None:
        graph = as_of(graph, year)
    if focus is not None:
        graph = ego_network(graph, focus, depth)
    set_degrees(graph)
    title = " · ".join(filter(None, ["kg network", focus and f"{focus} ±{depth}", year and f"as of {year}"]))
    return render(graph, out, title=title)

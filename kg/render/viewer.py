"""Render an entity network as one self-contained HTML file: the stage's entry, ``render``.

The page inlines vis-network (vendored in ``kg/assets/viewer/``), our script
and our style: it opens from ``file://`` with no network at all, and its
Content-Security-Policy forbids any request and any script but those two.

Safety: the graph goes into a ``<script type="application/json">`` element
as JSON with ``<``, ``>`` and ``&`` escaped (so article text cannot close the
element), and the page script puts strings into the DOM with
``textContent`` only; links are made only from ``http(s)`` URLs.

Above ``PHYSICS_THRESHOLD`` entities the positions come from
``kg.graph.layout.layout`` and vis-network's physics is off, so the graph is drawn
at once; smaller graphs start from the same positions with physics on (a
toggle turns it off).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

PHYSICS_THRESHOLD = 500
EDGE_LABEL_LIMIT = 400  # edge labels are drawn only on graphs with at most this many edges

# type -> (Korean and English name, color, vis-network shape)
ENTITY_STYLES = {
    "Organization": ("기관 Organization", "#4e79a7", "dot"),
    "Person": ("인물 Person", "#f28e2b", "diamond"),
    "Program": ("사업 Programme", "#59a14f", "square"),
    "Event": ("행사 Event", "#e15759", "triangle"),
    "Place": ("장소 Place", "#b07aa1", "hexagon"),
}
# type -> (name, color, dashes: False | True | "dot")
RELATION_STYLES = {
    "holdsPost": ("직위 holds post", "#f28e2b", False),
    "memberOf": ("소속 member of", "#f28e2b", True),
    "partnership": ("협약 partnership", "#2e8b57", False),
    "operates": ("운영 operates", "#59a14f", True),
    "subOrganizationOf": ("산하 part of", "#4e79a7", True),
    "renamed": ("개칭 renamed", "#9c755f", "dot"),
    "organizes": ("주최 organizes", "#e15759", False),
    "participatesIn": ("참석 takes part in", "#e15759", True),
    "heldAt": ("개최지 held at", "#b07aa1", False),
    "locatedIn": ("위치 located in", "#b07aa1", True),
}
NODE_FACT_NAMES = {"eventDate": "날짜 date", "founded": "설립 founded", "renamed": "옛 이름 former name"}
_SLOT = re.compile(r"@@KG_([A-Z]+)@@")


def safe_json(value: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def render(graph: "nx.MultiDiGraph", path: str | Path, title: str = "kg network",
           physics_threshold: int = PHYSICS_THRESHOLD) -> Path:
    """Write the viewer for ``graph`` (``to_networkx``'s) to ``path``; return the path."""
    path = Path(path)
    path.write_text(to_html(graph, title, physics_threshold), encoding="utf-8")
    return path


def to_html(graph: "nx.MultiDiGraph", title: str = "kg network", physics_threshold: int = PHYSICS_THRESHOLD) -> str:
    """The viewer page for ``graph``, as one self-contained HTML string."""
    assets = _assets()
    parts = {"TITLE": html.escape(title), "CSS": assets["viewer.css"], "VIS": assets["vis-network.min.js"],
             "JS": assets["viewer.js"], "DATA": safe_json(viewer_data(graph, physics_threshold))}
    page = _SLOT.sub(lambda m: parts[m.group(1)], assets["viewer.html"])
    csp = "script-src " + " ".join(_sha256(assets[name]) for name in ("vis-network.min.js", "viewer.js"))
    return page.replace("script-src 'unsafe-inline'", csp, 1)


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    folder = resources.files("kg") / "assets" / "viewer"
    out = {name: (folder / name).read_text(encoding="utf-8")
           for name in ("viewer.html", "viewer.css", "viewer.js", "vis-network.min.js")}
    # A source map comment would make browser tools look for a file that is not there.
    out["vis-network.min.js"] = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", out["vis-network.min.js"])
    for name in ("viewer.js", "vis-network.min.js", "viewer.css"):
        if re.search(r"</(script|style)", out[name], re.I):
            raise ValueError(f"kg/assets/viewer/{name} cannot be inlined: it contains a closing tag")
    return out


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def viewer_data(graph: "nx.MultiDiGraph", physics_threshold: int = PHYSICS_THRESHOLD) -> dict[str, Any]:
    """The JSON the page reads: nodes, edges, deduplicated sources and articles, styles."""
    from kg.graph.layout import layout

    table = _SourceTable()
    positions = layout(graph)
    nodes = []
    for node, attrs in graph.nodes(data=True):
        x, y = positions[node]
        facts = [{"type": f["type"], "value": str(f["value"]), "sources": table.add_all(f["sources"])}
                 for f in attrs.get("facts", ())]
        nodes.append({"id": node, "label": attrs.get("label") or node, "type": attrs.get("type"),
                      "aliases": list(attrs.get("aliases", ())), "degree": graph.degree(node),
                      "first_seen": attrs.get("first_seen"), "facts": facts, "x": x, "y": y})
    edges = []
    for i, (u, v, attrs) in enumerate(graph.edges(data=True)):
        edge = {"id": f"e{i}", "from": u, "to": v, "type": attrs.get("type"), "date": attrs.get("date"),
                "sources": table.add_all(attrs.get("sources", ()))}
        edge.update({k: attrs[k] for k in ("post", "status", "start", "end", "former_name") if attrs.get(k)})
        edges.append(edge)
    return {
        "nodes": nodes, "edges": edges, "sources": table.sources, "articles": table.articles,
        "entityTypes": [{"type": t, "name": n, "color": c, "shape": s} for t, (n, c, s) in ENTITY_STYLES.items()],
        "relationTypes": [{"type": t, "name": n, "color": c, "dashes": d} for t, (n, c, d) in RELATION_STYLES.items()],
        "nodeFactNames": NODE_FACT_NAMES, "years": _years(graph),
        "physics": len(nodes) <= physics_threshold, "physicsThreshold": physics_threshold,
        "edgeLabels": len(edges) <= EDGE_LABEL_LIMIT,
    }


def _years(graph: "nx.MultiDiGraph") -> list[int] | None:
    from kg.graph.projection import year_of

    found = {year_of(d) for _, _, d in graph.edges(data="date")}
    found |= {year_of(d) for _, d in graph.nodes(data="first_seen")}
    found.discard(None)
    return [min(found), max(found)] if found else None


class _SourceTable:
    """Sources and articles stored once, referred to by index."""

    def __init__(self) -> None:
        self.sources: list[dict] = []
        self.articles: list[dict] = []
        self._source_index: dict[tuple, int] = {}
        self._article_index: dict[str, int] = {}

    def add_all(self, sources) -> list[int]:
        return [self.add(s) for s in sources]

    def add(self, source: dict) -> int:
        article = source.get("article") or ""
        if article not in self._article_index:
            self._article_index[article] = len(self.articles)
            self.articles.append({"id": article, "title": source.get("title"),
                                  "published": source.get("published"), "url": source.get("url")})
        key = (article, source.get("start"), source.get("end"), source.get("sentence"))
        if key not in self._source_index:
            self._source_index[key] = len(self.sources)
            self.sources.append({"article": self._article_index[article], "sentence": source.get("sentence") or "",
                                 "start": source.get("start"), "end": source.get("end")})
        return self._source_index[key]


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

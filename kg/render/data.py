"""What the viewer page holds: the network as vis-network items, and the facts behind each entity and edge.

``page_graph(graph)`` turns ``to_networkx``'s graph into the graph that
pyvis's ``Network.from_nx`` reads: each node and edge carries vis-network's
attributes (label, shape, colour, size, position; dashes, width), and, under
``kg``, what the page shows about it (type, aliases, facts with their
sentences, measures, community). Sources and articles are stored once in
``PageGraph.data`` and referred to by index.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Hashable
from urllib.parse import quote

from kg.errors import UsageError
from kg.render import styles as S

if TYPE_CHECKING:
    import networkx as nx

PHYSICS_THRESHOLD = 500
EDGE_LABEL_LIMIT = 400  # edge labels are drawn only on graphs with at most this many edges
# Betweenness is estimated from this many sampled sources, and only on graphs of at most
# BETWEENNESS_MAX_NODES entities (networkx: ~1 s for 50 sources at 2,000 entities on a loaded machine, ~4 s at 10,000).
BETWEENNESS_SAMPLE = 50
BETWEENNESS_MAX_NODES = 5000
EDGE_FIELDS = ("post", "status", "start", "end", "former_name")


@dataclass
class PageGraph:
    """``graph``: the networkx graph for ``Network.from_nx``; ``data``: the rest of the page's data."""

    graph: "nx.MultiDiGraph"
    data: dict[str, Any]
    options: dict[str, Any]


def page_graph(graph: "nx.MultiDiGraph", physics_threshold: int = PHYSICS_THRESHOLD,
               entity_url: str | None = None, only_when_served: bool = False) -> PageGraph:
    """The viewer's graph and data for ``graph`` (``to_networkx``'s; an ego network if ``graph.graph["ego"]``).

    Args:
        physics_threshold: above this many entities, physics is off and stays off.
        entity_url: where an entity's page is when the viewer is served, e.g.
            ``"/entity/{id}"``: ``{id}`` is the IRI less the build's base IRI,
            ``{iri}`` the whole IRI (both percent-encoded). None: clicking
            an entity opens its panel.
        only_when_served: follow ``entity_url`` only in the copy that ``kg serve``
            serves (it marks the page); opened from disk, or served by anything
            else, clicking opens the panel (a build's own ``graph.html``).

    Raises:
        UsageError: ``entity_url`` has another field, or a scheme other than http(s).
    """
    import networkx as nx

    table = _SourceTable()
    sizes, measures = _sizes(graph)
    community = _communities(graph)
    urls = _urls(graph, entity_url)
    ego = [c for c in graph.graph.get("ego", ()) if c in graph]
    out = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        kind = attrs.get("type")
        _, color, shape = S.ENTITY_STYLES.get(kind, S.UNKNOWN_ENTITY)
        info = {"type": kind, "aliases": list(attrs.get("aliases", ())), "degree": graph.degree(node),
                "first_seen": attrs.get("first_seen"), "sizes": [sizes[m][node] for m in measures],
                "community": community["of"].get(node), "facts": _node_facts(attrs, table)}
        if urls:
            info["url"] = urls[node]
        out.add_node(node, label=attrs.get("label") or node, shape=shape, color=color,
                     size=sizes[measures[0]][node], kg=info)
    edge_labels = graph.number_of_edges() <= EDGE_LABEL_LIMIT
    for i, (u, v, attrs) in enumerate(graph.edges(data=True)):
        out.add_edge(u, v, **_edge(i, attrs, table, edge_labels))
    for node, (x, y) in _positions(graph, ego, out).items():
        out.nodes[node].update(x=x, y=y)
    large = len(graph) > physics_threshold
    physics = 0 < len(graph) and not large and not ego  # no node: nothing would ever stabilize
    data = _page_data(graph, table, measures, community["legend"], physics=physics, large=large)
    data["linksOnlyWhenServed"] = only_when_served
    data.update(physicsThreshold=physics_threshold, ego=bool(ego))
    return PageGraph(out, data, _options(data["physics"], large))


def _page_data(graph: "nx.MultiDiGraph", table: "_SourceTable", measures: list[str], communities: list[dict],
               physics: bool, large: bool) -> dict[str, Any]:
    """What the page's script reads besides the nodes and edges: sources, styles, choices, defaults."""
    return {
        "sources": table.sources, "articles": table.articles,
        "entityTypes": [{"type": t, "name": n, "color": c, "shape": s} for t, (n, c, s) in S.ENTITY_STYLES.items()],
        "relationTypes": [{"type": t, "name": n, "color": c, "dashes": d} for t, (n, c, d) in S.RELATION_STYLES.items()],
        "nodeFactNames": S.NODE_FACT_NAMES, "years": _years(graph),
        "sizeMeasures": [{"key": m, "name": S.SIZE_MEASURES[m]} for m in measures],
        "colorModes": [{"key": k, "name": n} for k, n in S.COLOR_MODES.items()],
        "communities": communities, "otherCommunity": S.OTHER_COMMUNITY,
        "hideIsolated": sum(1 for _, d in graph.degree() if d == 0) * 2 > len(graph),
        "physics": physics, "large": large,
    }


def _node_facts(attrs: dict, table: "_SourceTable") -> list[dict]:
    return [{"type": f["type"], "value": str(f["value"]), "sources": table.add_all(f["sources"])}
            for f in attrs.get("facts", ())]


def _edge(i: int, attrs: dict, table: "_SourceTable", labels: bool) -> dict:
    kind = attrs.get("type")
    name, color, dashes = S.RELATION_STYLES.get(kind, S.UNKNOWN_RELATION)
    info = {"type": kind, "date": attrs.get("date"), "sources": table.add_all(attrs.get("sources", ()))}
    info.update({k: attrs[k] for k in EDGE_FIELDS if attrs.get(k)})
    # from_nx turns "weight" into vis-network's "width"
    edge = {"id": f"e{i}", "color": color, "weight": S.WIDE_RELATIONS.get(kind, S.EDGE_WIDTH), "kg": info}
    if dashes:
        edge["dashes"] = [2, 4] if dashes == "dot" else True
    if labels:
        edge["label"] = attrs.get("post") or name.split(" ")[0]  # the Korean word
    return edge


def _sizes(graph: "nx.MultiDiGraph") -> tuple[dict[str, dict[Hashable, int]], list[str]]:
    """Node sizes by each measure offered (degree first), and those measures' names."""
    from kg.graph.analytics import betweenness, pagerank

    values = {"degree": dict(graph.degree()), "pagerank": pagerank(graph)}
    if len(graph) <= BETWEENNESS_MAX_NODES:
        values["betweenness"] = betweenness(graph, sample=BETWEENNESS_SAMPLE)
    sizes = {}
    for measure, by_node in values.items():
        top = max(by_node.values(), default=0) or 1
        sizes[measure] = {n: round(S.MIN_SIZE + (S.MAX_SIZE - S.MIN_SIZE) * math.sqrt(max(v, 0) / top))
                          for n, v in by_node.items()}
    return sizes, list(values)


def _communities(graph: "nx.MultiDiGraph") -> dict[str, Any]:
    """Each entity's community (Louvain, as ``kg network``), and a legend entry for each coloured one."""
    from kg.graph.analytics import communities

    found = communities(graph) if len(graph) else []
    of = {n: i for i, group in enumerate(found) for n in group}
    legend = []
    for i, group in enumerate(found[:len(S.COMMUNITY_COLORS)]):
        if len(group) < 2:
            break
        hub = max(sorted(group), key=graph.degree)
        legend.append({"color": S.COMMUNITY_COLORS[i], "count": len(group), "name": graph.nodes[hub].get("label") or hub})
    return {"of": of, "legend": legend}


def _urls(graph: "nx.MultiDiGraph", template: str | None) -> dict[Hashable, str] | None:
    """Each entity's page, from ``template`` (``{id}``, ``{iri}``)."""
    if template is None:
        return None
    scheme = template.split(":", 1)[0].lower() if ":" in template.split("/", 1)[0] else None
    if scheme not in (None, "http", "https"):
        raise UsageError(f"entity URL {template!r}: only a path or an http(s) URL can be an entity's page")
    base = graph.graph.get("base_iri") or ""
    try:
        return {n: template.format(id=quote(n[len(base):] if base and n.startswith(base) else n, safe="/"),
                                   iri=quote(n, safe="")) for n in graph}
    except (KeyError, IndexError, ValueError) as e:
        raise UsageError(f"entity URL {template!r}: use the fields {{id}} and {{iri}} only") from e


def _positions(graph: "nx.MultiDiGraph", ego: list, page: "nx.MultiDiGraph") -> dict:
    from kg.graph.layout import ego_layout, layout

    if not ego:
        return layout(graph)
    placed = ego_layout(graph, ego, lambda n: label_box(page.nodes[n]["label"], page.nodes[n]["size"]))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in placed.items()}


def label_box(label: str, size: float) -> tuple[float, float, float, float]:
    """The space a node and its label take on the canvas (left, top, right, bottom), with a margin."""
    width = sum(S.WIDE_CHAR if unicodedata.east_asian_width(c) in "WF" else S.NARROW_CHAR for c in label)
    half = max(size, width / 2) + 6
    return (-half, -size - 4, half, size + S.LABEL_FONT_SIZE * 1.6 + 8)


def _options(physics: bool, large: bool) -> dict[str, Any]:
    """vis-network's options (the page adds the font faces, which come from its style sheet)."""
    return {
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.3},
                    "stabilization": {"enabled": True, "iterations": 300, "fit": True}},
        "nodes": {"borderWidth": 1, "font": {"size": S.LABEL_FONT_SIZE, "color": "#222222", "strokeWidth": 3,
                                              "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "selectionWidth": 2,
                  "font": {"size": 11, "align": "middle", "strokeWidth": 3, "color": "#555555"}},
        "interaction": {"hover": False, "tooltipDelay": 3600000, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
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

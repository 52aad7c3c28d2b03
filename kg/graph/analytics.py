"""Network analytics over ``to_networkx``'s graph: centrality (degree, betweenness, PageRank), communities, time slices.

Every function takes the ``MultiDiGraph`` of ``kg.graph.projection.to_networkx`` and
returns plain Python data, so that the CLI (``kg network``), notebooks and
tests call the same code::

    rows = measures(as_of(to_networkx(store), 2024))
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import UsageError
from kg.graph.projection import restrict_period, set_degrees, year_of

if TYPE_CHECKING:
    import networkx as nx

# Exact betweenness costs O(nodes × edges); above this many nodes it is
# estimated from this many sampled sources (networkx's ``k``), seeded.
BETWEENNESS_SAMPLE = 500
FORMATS = ("csv", "json")
COLUMNS = ("id", "label", "type", "degree", "degree_centrality", "betweenness", "pagerank", "community",
           "component", "first_seen")


def simple_graph(graph: "nx.MultiDiGraph") -> "nx.Graph":
    """The undirected simple graph under ``graph``: ``weight`` = number of facts joining two entities."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v in graph.edges():
        if u == v:
            continue
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += 1
        else:
            simple.add_edge(u, v, weight=1)
    return simple


def degree_centrality(graph: "nx.MultiDiGraph") -> dict[str, float]:
    """Degree centrality of each entity (distinct neighbours / (n - 1))."""
    import networkx as nx

    return nx.degree_centrality(simple_graph(graph))


def betweenness(graph: "nx.MultiDiGraph", sample: int = BETWEENNESS_SAMPLE) -> dict[str, float]:
    """Normalized betweenness centrality (unweighted), estimated from ``sample`` sources on large graphs."""
    import networkx as nx

    simple = simple_graph(graph)
    k = sample if len(simple) > sample else None
    return nx.betweenness_centrality(simple, k=k, seed=0 if k else None)


def pagerank(graph: "nx.MultiDiGraph") -> dict[str, float]:
    """PageRank of each entity on the undirected graph weighted by fact count (every entity gets one)."""
    import networkx as nx

    simple = simple_graph(graph)
    if simple.number_of_edges() == 0:
        return {n: 1 / len(simple) for n in simple}
    return nx.pagerank(simple, weight="weight")


def communities(graph: "nx.MultiDiGraph") -> list[set[str]]:
    """Communities by Louvain modularity (weighted by fact count, seeded), largest first."""
    import networkx as nx

    simple = simple_graph(graph)
    if simple.number_of_edges() == 0:
        return [{n} for n in sorted(simple)]
    found = nx.community.louvain_communities(simple, weight="weight", seed=0)
    return sorted(found, key=lambda c: (-len(c), min(c)))


def components(graph: "nx.MultiDiGraph") -> list[set[str]]:
    """Connected components (edge direction ignored), largest first."""
    import networkx as nx

    return sorted(nx.weakly_connected_components(graph), key=lambda c: (-len(c), min(c)))


def as_of(graph: "nx.MultiDiGraph", year: int) -> "nx.MultiDiGraph":
    """The network as of year ``year``: facts dated that year or before, minus tenures ended before it."""
    sliced = restrict_period(graph, None, year)
    ended = [(u, v, k) for u, v, k, end in sliced.edges(keys=True, data="end")
             if year_of(end) is not None and year_of(end) < year]
    sliced.remove_edges_from(ended)
    set_degrees(sliced)
    return sliced


def measures(graph: "nx.MultiDiGraph", sample: int = BETWEENNESS_SAMPLE) -> list[dict]:
    """One row per entity: degree, centralities, community and component numbers (0 = largest)."""
    central = degree_centrality(graph)
    between = betweenness(graph, sample)
    rank = pagerank(graph)
    community = {n: i for i, group in enumerate(communities(graph)) for n in group}
    component = {n: i for i, group in enumerate(components(graph)) for n in group}
    rows = []
    for node, attrs in graph.nodes(data=True):
        rows.append({
            "id": node, "label": attrs.get("label", node), "type": attrs.get("type"),
            "degree": graph.degree(node), "degree_centrality": round(central.get(node, 0.0), 6),
            "betweenness": round(between.get(node, 0.0), 6), "pagerank": round(rank.get(node, 0.0), 6),
            "community": community.get(node),
            "component": component.get(node), "first_seen": attrs.get("first_seen"),
        })
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["label"]))
    return rows


def format_table(rows: list[dict], fmt: str = "csv") -> str:
    """``measures`` rows as CSV (with a header) or as a JSON array.

    Raises:
        UsageError: an unknown format.
    """
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt != "csv":
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def network_table(build_dir: str | Path = "build", fmt: str = "csv", year: int | None = None) -> str:
    """The ``measures`` table of a build's store (as of ``year`` if given), formatted.

    Raises:
        StoreError: no store in ``build_dir``.
        UsageError: an unknown format.
    """
    from kg.graph.projection import to_networkx
    from kg.store.open import open_store

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    with open_store(build_dir) as store:
        graph = to_networkx(store)
    if year is not None:
        graph = as_of(graph, year)
    return format_table(measures(graph), fmt)

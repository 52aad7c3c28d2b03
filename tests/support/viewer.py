"""Reading the viewer's page in tests: its JSON, and graphs shaped for a control of the viewer."""

from __future__ import annotations

import json
import re

import networkx as nx

from kg.graph.projection import set_degrees


def page_json(page: str) -> dict:
    """The JSON the viewer page embeds: pyvis's ``nodes``, ``edges``, ``options``, and kg's ``kg``."""
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))


def with_isolated(graph: nx.MultiDiGraph, count: int) -> nx.MultiDiGraph:
    """A copy of ``graph`` with ``count`` more organizations that no fact names (reported in 2024)."""
    out = graph.copy()
    for i in range(count):
        out.add_node(f"urn:kg:test:isolated{i}", type="Organization", label=f"고립기관{i}", aliases=[], facts=[],
                     first_seen="2024-01-01")
    set_degrees(out)
    return out

"""Stage 9: render a network as one self-contained HTML file (baseline; see issue 6).

Every string from an article is escaped by ``json.dumps`` with ``<``, ``>``
and ``&`` turned into ``\\u`` escapes, so nothing from an article can close
the script or inject markup.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

COLORS = {"Organization": "#1f77b4", "Person": "#ff7f0e", "Program": "#2ca02c", "Event": "#d62728", "Place": "#9467bd"}


def safe_json(value: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(graph: "nx.MultiDiGraph", path: str | Path) -> Path:
    """Write the viewer for ``graph`` to ``path``."""
    nodes = [{"id": n, "label": d.get("label", n), "type": d.get("type", "")} for n, d in graph.nodes(data=True)]
    edges = [{"from": u, "to": v, "type": d.get("type", "")} for u, v, d in graph.edges(data=True)]
    html = _TEMPLATE.replace("__DATA__", safe_json({"nodes": nodes, "edges": edges, "colors": COLORS}))
    path = Path(path)
    path.write_text(html, encoding="utf-8")
    return path


_TEMPLATE = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>kg graph</title>
<style>body{font-family:'NanumGothic','Noto Sans CJK KR',sans-serif;margin:1em}li{margin:.2em 0}</style></head>
<body><h1>kg</h1><p id="summary"></p><ul id="list"></ul>
<script>
const DATA = __DATA__;
document.getElementById('summary').textContent = DATA.nodes.length + ' entities, ' + DATA.edges.length + ' relations';
const list = document.getElementById('list');
for (const n of DATA.nodes) { const li = document.createElement('li'); li.textContent = n.type + ': ' + n.label; li.style.color = DATA.colors[n.type] || '#000'; list.appendChild(li); }
</script></body></html>
"""

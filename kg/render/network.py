"""The viewer as a pyvis ``Network``: ``to_pyvis(graph)``, for notebooks, and what ``to_html`` renders.

pyvis does what it is for: the ``Network`` is built by ``Network.from_nx``
from a networkx graph (``kg.render.data.page_graph`` of ``to_networkx``'s),
carries vis-network's options, and is rendered through pyvis's template
mechanism (``set_template_dir``; Jinja2) with our template,
``kg/assets/viewer/viewer.html``, so that ``generate_html``, ``write_html``,
``show`` and the notebook display all give the viewer page.

What pyvis cannot do, and what we do instead: ``kg.render``'s docstring.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from pyvis.network import Network

from kg.render.data import PHYSICS_THRESHOLD, page_graph

if TYPE_CHECKING:
    import networkx as nx

TEMPLATE = "viewer.html"
IFRAME_HEIGHT = 640  # pixels, in a notebook


def safe_json(value: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element (``<``, ``>``, ``&``, line separators escaped)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


class ViewerNetwork(Network):
    """A pyvis ``Network`` rendered with kg's viewer template; shows itself inline in Jupyter."""

    def _repr_html_(self) -> str:
        page = html.escape(self.generate_html(notebook=True), quote=True)
        return (f'<iframe srcdoc="{page}" style="width:100%;height:{IFRAME_HEIGHT}px;border:0" '
                f'title="{html.escape(self.heading)}"></iframe>')


def to_pyvis(graph: "nx.MultiDiGraph", title: str = "kg network", *, physics_threshold: int = PHYSICS_THRESHOLD,
             entity_url: str | None = None, only_when_served: bool = False) -> ViewerNetwork:
    """The viewer of ``graph`` (``to_networkx``'s) as a pyvis ``Network``.

    In a notebook, the Network as a cell's value shows the viewer inline
    (offline: the page is inside the output); ``net.show("name.html")``,
    ``net.write_html(...)`` and ``net.generate_html()`` work as in pyvis.
    Arguments: as ``kg.render.viewer.to_html``.
    """
    page = page_graph(graph, physics_threshold, entity_url, only_when_served)
    net = ViewerNetwork(heading=title, directed=True, cdn_resources="in_line", height=f"{IFRAME_HEIGHT}px")
    net.node_ids = _IdList()
    net.from_nx(page.graph)
    net.options = page.options  # pyvis writes a dict as it is (set_options would parse a JSON string)
    assets = _assets()
    net.set_template_dir(str(resources.files("kg") / "assets" / "viewer") + "/", TEMPLATE)
    env = net.templateEnv
    env.autoescape = True  # the title; every JSON goes through script_json
    env.filters["script_json"] = lambda value: Markup(safe_json(value))
    env.globals.update(
        kg_css=Markup(assets["viewer.css"]), kg_vis=Markup(assets["vis-network.min.js"]),
        kg_js=Markup(assets["viewer.js"]), kg_data=page.data,
        kg_script_hashes=Markup(" ".join(_sha256(assets[n]) for n in ("vis-network.min.js", "viewer.js"))))
    net.prep_notebook()  # loads our template for the notebook=True paths (show) too
    return net


class _IdList(list):
    """pyvis's list of node ids, with a set beside it: ``from_nx`` tests membership once per node and edge."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._ids.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._ids


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    folder = resources.files("kg") / "assets" / "viewer"
    out = {name: (folder / name).read_text(encoding="utf-8") for name in ("viewer.css", "viewer.js", "vis-network.min.js")}
    # A source map comment would make browser tools look for a file that is not there.
    out["vis-network.min.js"] = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", out["vis-network.min.js"])
    for name, text in out.items():
        if re.search(r"</(script|style)", text, re.I):
            raise ValueError(f"kg/assets/viewer/{name} cannot be inlined: it contains a closing tag")
    return out


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

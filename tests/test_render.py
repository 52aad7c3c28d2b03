"""The viewer's page without a browser: rendered through pyvis with our template, self-contained, escaped;
its data (sizes, communities, isolated entities, entity pages) and the ego layout."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from kg.errors import UsageError
from kg.graph.layout import ego_layout
from kg.graph.projection import ego_network, to_networkx
from kg.render.data import label_box, page_graph
from kg.render.network import safe_json, to_pyvis
from kg.render.viewer import render, to_html
from tests.support.handmade import network_dataset
from tests.support.hostile import PAYLOAD
from tests.support.viewer import page_json, with_isolated

BASE = "https://w3id.org/kgkr/id/"
ORG, UNI, PARK = BASE + "org/한빛산업진흥원", BASE + "org/한빛대학교", BASE + "person/박서준"


def test_safe_json_cannot_close_a_script():
    text = safe_json({"name": "</script><b>&amp;\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert page_json(f'<script type="application/json" id="kg-data">{text}</script>') == {"name": "</script><b>&amp;\u2028"}


def test_html_is_self_contained_and_escaped():
    page = to_html(to_networkx(network_dataset(hostile=True)), title="<b>제목</b>")
    assert PAYLOAD not in page and "<img" not in page and "onerror=\"window" not in page
    assert "&lt;b&gt;제목&lt;/b&gt;" in page
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, re.I)
    assert page.count("\n<script") == 3  # the JSON data, vis-network, ours
    assert "sourceMappingURL" not in page and "@@KG_" not in page and "{{" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert re.search(r"script-src 'sha256-[^']+' 'sha256-[^']+';", csp) and "unsafe-inline'; style" not in csp.split("style-src")[0]


def test_the_page_is_a_pyvis_network_with_our_template(network_graph, tmp_path):
    from pyvis.network import Network

    net = to_pyvis(network_graph, title="한빛")
    assert isinstance(net, Network) and net.num_nodes() == 9 and net.num_edges() == network_graph.number_of_edges()
    assert net.path == "viewer.html" and net.template.name == "viewer.html"
    page = net.generate_html()
    assert page == to_html(network_graph, title="한빛")
    assert "tom-select" not in page and "cdnjs" not in page and 'id="mynetwork"' not in page  # not pyvis's template
    data = page_json(page)
    assert [n["id"] for n in data["nodes"]] == net.get_nodes() and len(data["edges"]) == net.num_edges()
    assert data["options"]["physics"]["solver"] == "forceAtlas2Based"
    # pyvis's own ways to write the page give the same page
    net.write_html(str(tmp_path / "w.html"))
    assert (tmp_path / "w.html").read_text(encoding="utf-8") == page


def test_to_pyvis_shows_itself_inline_and_offline(network_graph, tmp_path, monkeypatch):
    import html

    net = to_pyvis(network_graph, title="한빛 <ego>")
    frame = net._repr_html_()
    assert frame.startswith("<iframe srcdoc=\"") and 'title="한빛 &lt;ego&gt;"' in frame
    inner = html.unescape(re.search(r'srcdoc="([^"]*)"', frame).group(1))
    assert "vis-network" in inner and "한빛산업진흥원" in inner
    assert not re.search(r"<(script|link|img)\b[^>]*\b(src|href)=", inner, re.I)
    monkeypatch.chdir(tmp_path)
    shown = net.show("ego.html")  # pyvis's notebook call: the file, and an IFrame of it
    assert shown.src == "ego.html" and not (tmp_path / "lib").exists()
    assert (tmp_path / "ego.html").read_text(encoding="utf-8") == inner


def test_page_data_positions_and_dedup(network_graph):
    page = page_graph(network_graph, physics_threshold=3)
    assert len(page.graph) == 9 and page.graph.number_of_edges() == network_graph.number_of_edges()
    assert all(isinstance(d["x"], float) for _, d in page.graph.nodes(data=True))
    assert page.data["physics"] is False and page.data["large"] is True
    assert len(page.data["articles"]) == 2 and page.data["years"] == [2023, 2024]
    assert len(page.data["sources"]) == len({(s["article"], s["start"]) for s in page.data["sources"]})
    assert page_graph(network_graph).data["physics"] is True


def test_sizes_by_each_measure_and_communities(network_graph, monkeypatch):
    page = page_graph(network_graph)
    assert [m["key"] for m in page.data["sizeMeasures"]] == ["degree", "pagerank", "betweenness"]
    sizes = {n: d["kg"]["sizes"] for n, d in page.graph.nodes(data=True)}
    assert sizes[ORG] == [40, 40, 40]  # the hub is largest by every measure
    assert all(8 <= s <= 40 for row in sizes.values() for s in row)
    assert page.graph.nodes[ORG]["size"] == sizes[ORG][0]
    legend = page.data["communities"]
    assert legend and sum(c["count"] for c in legend) <= 9 and len({c["color"] for c in legend}) == len(legend)
    members = {n for n, d in page.graph.nodes(data=True) if d["kg"]["community"] == 0}
    assert len(members) == legend[0]["count"]
    monkeypatch.setattr("kg.render.data.BETWEENNESS_MAX_NODES", 5)  # too costly on large graphs: not offered
    assert [m["key"] for m in page_graph(network_graph).data["sizeMeasures"]] == ["degree", "pagerank"]


def test_isolated_entities_hidden_by_default_only_when_most(network_graph):
    assert page_graph(with_isolated(network_graph, 9)).data["hideIsolated"] is False  # 9 of 18
    assert page_graph(with_isolated(network_graph, 10)).data["hideIsolated"] is True


def test_entity_pages_from_a_url_template(network_graph):
    page = page_graph(network_graph, entity_url="/entity/{id}")
    url = page.graph.nodes[UNI]["kg"]["url"]
    assert url == "/entity/org/%ED%95%9C%EB%B9%9B%EB%8C%80%ED%95%99%EA%B5%90"
    by_iri = page_graph(network_graph, entity_url="https://kg.example/e?iri={iri}").graph.nodes[UNI]["kg"]["url"]
    assert by_iri == "https://kg.example/e?iri=https%3A%2F%2Fw3id.org%2Fkgkr%2Fid%2Forg%2F" + url.rsplit("/", 1)[1]
    assert "url" not in page_graph(network_graph).graph.nodes[UNI]["kg"]  # offline: the panel
    for bad in ("/entity/{name}", "javascript:alert(1)//{id}", "/entity/{0}"):
        with pytest.raises(UsageError, match="entity URL"):
            page_graph(network_graph, entity_url=bad)


def _overlaps(boxes: dict) -> list:
    items = list(boxes.items())
    return [(a, b) for i, (a, p) in enumerate(items) for b, q in items[i + 1:]
            if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]]


def test_ego_layout_leaves_room_for_every_label():
    star = nx.star_graph(40)
    nx.add_path(star, [1, 100, 101])  # a second ring
    labels = {n: f"한빛산업진흥원 협력기관 {n}" for n in star}
    box = lambda n: label_box(labels[n], 12)  # noqa: E731
    pos = ego_layout(star, [0], box)
    assert pos[0] == (0.0, 0.0) and len(pos) == len(star)
    rects = {n: (x + box(n)[0], y + box(n)[1], x + box(n)[2], y + box(n)[3]) for n, (x, y) in pos.items()}
    assert _overlaps(rects) == []
    assert abs(pos[100][0] ** 2 + pos[100][1] ** 2) > max(x * x + y * y for n, (x, y) in pos.items() if n <= 40)
    squeezed = nx.circular_layout(star, scale=300)  # what a plain layout does with 40 labels
    assert _overlaps({n: (x + box(n)[0], y + box(n)[1], x + box(n)[2], y + box(n)[3])
                      for n, (x, y) in squeezed.items()})


def test_ego_network_is_drawn_in_rings_and_still(network_graph):
    ego = ego_network(network_graph, "한빛대", depth=2)
    page = page_graph(ego)
    assert page.data["ego"] is True and page.data["physics"] is False and page.data["large"] is False
    assert (page.graph.nodes[UNI]["x"], page.graph.nodes[UNI]["y"]) == (0.0, 0.0)


def test_render_writes_utf8(network_graph, tmp_path):
    path = render(network_graph, tmp_path / "graph.html", title="한빛")
    assert page_json(path.read_text(encoding="utf-8"))["kg"]["entityTypes"][0]["name"] == "기관 Organization"

"""The viewer in a real browser: Debian's Chromium driven by Playwright (no Playwright browser download)."""

from __future__ import annotations

import pytest

from kg.graph.projection import to_networkx
from kg.render.viewer import render
from tests.support.handmade import network_dataset
from tests.support.viewer import page_json, with_isolated

pytestmark = pytest.mark.browser

BASE = "https://w3id.org/kgkr/id/"
ORG, UNI, PARK = BASE + "org/한빛산업진흥원", BASE + "org/한빛대학교", BASE + "person/박서준"


@pytest.fixture(scope="module")
def hand_html(network_graph, tmp_path_factory):
    return render(network_graph, tmp_path_factory.mktemp("viewer") / "graph.html", title="한빛 테스트")


class Visit:
    """A page opened from file:// with every other request refused and recorded."""

    def __init__(self, browser, path, bypass_csp: bool = False, allow: str = "file:") -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp)
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(allow)
                        else route.abort())
        self.page.goto(path if isinstance(path, str) else path.resolve().as_uri())
        # Not wait_for_function: its polling evaluates strings, which the page's CSP forbids.
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def still(self) -> None:
        """Physics off, so that node positions stay where they are read."""
        if self.page.is_checked("#physics"):
            self.page.uncheck("#physics")
        self.js("new Promise((done) => requestAnimationFrame(() => done()))")

    def click_node(self, node_id: str) -> None:
        self.still()
        where = self.js("(id) => kgViewer.network.canvasToDOM(kgViewer.network.getPosition(id))", node_id)
        assert self.js("(p) => kgViewer.network.getNodeAt(p)", where) == node_id
        box = self.page.locator("#graph canvas").bounding_box()
        self.page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_(path, bypass_csp: bool = False, allow: str = "file:") -> Visit:
        opened.append(Visit(browser, path, bypass_csp, allow))
        return opened[-1]

    yield open_
    for v in opened:
        v.close()


def test_loads_from_file_with_no_error_and_no_request(visit, hand_html):
    v = visit(hand_html)
    assert v.errors == []
    assert v.requests and all(url.startswith("file:") for url in v.requests), v.requests
    assert v.page.title() == "한빛 테스트"


def test_node_and_edge_counts_equal_the_graph(visit, hand_html, network_graph):
    v = visit(hand_html)
    assert v.js("kgViewer.nodes.length") == network_graph.number_of_nodes() == 9
    assert v.js("kgViewer.edges.length") == network_graph.number_of_edges()
    assert v.page.text_content("#summary").startswith("9 / 9 entities")


def test_search_finds_an_entity_by_alias(visit, hand_html):
    v = visit(hand_html)
    v.page.fill("#search", "한빛대")
    first = v.page.locator("#results li").first
    assert first.text_content().startswith("한빛대학교") and "= 한빛대" in first.text_content()
    v.page.press("#search", "Enter")
    assert v.js("kgViewer.network.getSelectedNodes()") == [UNI]
    assert v.page.text_content("#details h2") == "한빛대학교"
    assert v.page.is_visible("#panel")


def test_clicking_a_node_shows_its_source_sentence(visit, hand_html):
    v = visit(hand_html)
    v.click_node(PARK)
    assert v.page.text_content("#details h2") == "박서준"
    quotes = v.page.locator("#details blockquote").all_text_contents()
    assert any(q.startswith("한빛산업진흥원(원장 박서준)은 지난 12일") for q in quotes)
    assert "한빛산업진흥원, 10주년 기념식 · 2023-03-15" in v.page.text_content("#details")
    assert v.page.get_attribute("#details a", "href") == "https://news.example.kr/articles/1001"
    # neighbours stay in colour, the others are dimmed
    dimmed = v.js("kgViewer.nodes.get().filter((n) => n.color.background === '#e4e4e4').map((n) => n.id)")
    assert PARK not in dimmed and ORG not in dimmed and len(dimmed) == 7


def test_clicking_an_edge_shows_the_fact(visit, hand_html):
    v = visit(hand_html)
    v.still()
    edge = v.js("(a) => kgViewer.edges.get().find((e) => e.from === a[0] && e.to === a[1]).id", [UNI, ORG])
    where = v.js("""(id) => { const n = kgViewer.network, e = kgViewer.edges.get(id);
        const a = n.getPosition(e.from), b = n.getPosition(e.to);
        return n.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}); }""", edge)
    assert v.js("(p) => kgViewer.network.getEdgeAt(p)", where) == edge
    box = v.page.locator("#graph canvas").bounding_box()
    v.page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])
    details = v.page.text_content("#details")
    assert "협약 partnership" in details and "2024-06-20" in details and "업무협약" in details


def test_filters_by_type_relation_and_year(visit, hand_html):
    v = visit(hand_html)
    v.page.locator("#entity-types label", has_text="Person").locator("input").uncheck()
    hidden = v.js("kgViewer.nodes.get().filter((n) => n.hidden).map((n) => n.id)")
    assert sorted(hidden) == sorted([PARK, BASE + "person/최유리"])
    v.page.locator("#relation-types label", has_text="partnership").locator("input").uncheck()
    assert v.js("kgViewer.edges.get().filter((e) => e.hidden).length") == 1
    v.page.fill("#year-from", "2024")
    v.page.dispatch_event("#year-from", "change")
    shown = v.js("kgViewer.edges.get().filter((e) => !e.hidden).length")
    assert shown == 3  # 2024: locatedIn, operates, subOrganizationOf (partnership is unticked)
    assert v.page.text_content("#summary").endswith("3 / 9 relations")


def test_png_export_and_physics_toggle(visit, hand_html):
    v = visit(hand_html)
    assert v.page.is_checked("#physics") and v.js("kgViewer.network.physics.physicsEnabled")
    v.page.uncheck("#physics")
    assert not v.js("kgViewer.network.physics.physicsEnabled")
    with v.page.expect_download() as download:
        v.page.click("#png")
    assert download.value.suggested_filename == "graph.png" and v.errors == []


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_article_runs_no_script(visit, tmp_path, bypass_csp):
    graph = to_networkx(network_dataset(hostile=True))
    v = visit(render(graph, tmp_path / "hostile.html", title="<script>window.__pwned=4</script>"), bypass_csp)
    hostile = next(n for n, label in graph.nodes(data="label") if "onerror" in label)
    v.click_node(hostile)
    v.page.fill("#search", "<img src=x")
    v.page.press("#search", "Enter")
    assert v.js("typeof window.__pwned") == "undefined"
    assert v.dialogs == [] and v.errors == []
    assert v.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert v.js("document.querySelectorAll('script').length") == 3
    assert v.js("document.querySelectorAll('a[href]:not([href^=\"https:\"])').length") == 0
    assert 'onerror="window.__pwned=1"' in v.page.text_content("#details")  # shown as text
    assert all(url.startswith("file:") for url in v.requests)


def test_large_graph_uses_python_positions_without_physics(visit, network_graph, tmp_path):
    from kg.graph.layout import layout

    v = visit(render(network_graph, tmp_path / "big.html", physics_threshold=3))
    assert v.page.is_disabled("#physics") and not v.page.is_checked("#physics")
    placed = v.js("kgViewer.network.getPositions()")
    expected = layout(network_graph)
    assert all(abs(placed[n]["x"] - expected[n][0]) < 1 and abs(placed[n]["y"] - expected[n][1]) < 1
               for n in network_graph)


@pytest.mark.slow
def test_screenshot_of_a_build(visit, sample_build):
    from kg.store.open import open_store

    with open_store(sample_build.out) as store:
        count = to_networkx(store).number_of_nodes()
    v = visit(sample_build.out / "graph.html")
    assert v.js("kgViewer.nodes.length") == count and v.errors == []
    shot = sample_build.out / "graph.png"
    v.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


@pytest.mark.slow
def test_two_thousand_entities_draw_quickly(visit, tmp_path):
    # Target 2 s (README); the bound is loose because the test machine is shared.
    from bench.viewer_bench import synthetic_graph

    graph = synthetic_graph(2000)
    v = visit(render(graph, tmp_path / "big.html"))
    assert v.js("kgViewer.nodes.length") == 2000 and v.errors == []
    assert v.js("kgViewer.stableMs") < 6000
    assert v.page.is_disabled("#physics")


# ---- the controls of issue 16: size, colour, isolated entities, degree, years, ego views, entity pages ----

def _shown(v) -> set[str]:
    return set(v.js("kgViewer.nodes.get().filter((n) => !n.hidden).map((n) => n.id)"))


def test_size_by_each_measure(visit, hand_html):
    data = page_json(hand_html.read_text(encoding="utf-8"))
    sizes = {n["id"]: n["kg"]["sizes"] for n in data["nodes"]}
    v = visit(hand_html)
    assert v.js("kgViewer.nodes.get().map((n) => [n.id, n.size])") == [[n, s[0]] for n, s in sizes.items()]
    for i, measure in enumerate(["degree", "pagerank", "betweenness"]):
        assert v.page.locator("#size-by option").nth(i).text_content().lower().endswith(measure)
        v.page.select_option("#size-by", str(i))
        assert dict(v.js("kgViewer.nodes.get().map((n) => [n.id, n.size])")) == {n: s[i] for n, s in sizes.items()}
    assert sizes[PARK][1] != sizes[PARK][2]  # the choice changes something


def test_colour_by_community_or_type(visit, hand_html):
    data = page_json(hand_html.read_text(encoding="utf-8"))
    palette = [c["color"] for c in data["kg"]["communities"]]
    community = {n["id"]: n["kg"]["community"] for n in data["nodes"]}
    colours = "kgViewer.nodes.get().map((n) => [n.id, n.color.background])"
    v = visit(hand_html)
    by_type = dict(v.js(colours))
    assert by_type[ORG] == "#4e79a7" and by_type[PARK] == "#f28e2b" and v.page.is_hidden("#community-box")
    v.page.select_option("#color-by", "community")
    by_community = dict(v.js(colours))
    assert by_community == {n: palette[c] if c < len(palette) else data["kg"]["otherCommunity"]
                            for n, c in community.items()}
    assert len(set(by_community.values())) >= 2 and by_community != by_type
    assert v.page.locator("#communities li").count() == len(palette) and v.page.is_visible("#community-box")
    v.page.select_option("#color-by", "type")
    assert dict(v.js(colours)) == by_type


def test_isolated_entities_hidden_when_most_are(visit, network_graph, tmp_path):
    v = visit(render(with_isolated(network_graph, 12), tmp_path / "lonely.html"))
    assert v.page.is_checked("#hide-isolated") and _shown(v) == set(network_graph)
    assert v.page.text_content("#summary").startswith("9 / 21 entities")
    v.page.uncheck("#hide-isolated")
    assert len(_shown(v)) == 21
    few = visit(render(with_isolated(network_graph, 2), tmp_path / "few.html"))
    assert not few.page.is_checked("#hide-isolated") and len(_shown(few)) == 11
    few.page.check("#hide-isolated")
    assert _shown(few) == set(network_graph)


def test_degree_filter(visit, hand_html, network_graph):
    v = visit(hand_html)
    v.page.fill("#min-degree", "3")
    v.page.dispatch_event("#min-degree", "change")
    expected = {n for n, d in network_graph.degree() if d >= 3}
    assert _shown(v) == expected and 1 < len(expected) < 9
    assert v.page.text_content("#summary").startswith(f"{len(expected)} / 9 entities")
    assert v.page.get_attribute("#min-degree", "max") == str(max(d for _, d in network_graph.degree()))


def _legend_counts(v) -> dict[str, int]:
    rows = v.js("""[...document.querySelectorAll('#legend label')].map((l) =>
        [l.querySelector('.name').textContent, Number(l.querySelector('.count').textContent)])""")
    return dict(rows)


def _in_view(v) -> tuple[list, dict]:
    """The screen positions of the shown nodes, and the canvas's size."""
    box = v.page.locator("#graph canvas").bounding_box()
    points = v.js("""() => { const n = kgViewer.network;
        return kgViewer.nodes.get().filter((x) => !x.hidden).map((x) => n.canvasToDOM(n.getPosition(x.id))); }""")
    return points, box


def test_year_filter_refits_the_view_and_updates_the_legend(visit, hand_html):
    v = visit(hand_html)
    v.still()
    before = _legend_counts(v)
    assert before["기관 Organization"] == 3 and before["인물 Person"] == 2 and before["협약 partnership"] == 1
    v.js("kgViewer.network.moveTo({position: {x: 5000, y: 5000}, scale: 0.2})")  # the reader looked elsewhere
    v.page.fill("#year-to", "2023")
    v.page.dispatch_event("#year-to", "change")
    after = _legend_counts(v)
    assert after["협약 partnership"] == 0 and after["위치 located in"] == 0 and after != before
    assert after["기관 Organization"] == sum(1 for n in _shown(v) if "/org/" in n) < before["기관 Organization"]
    points, box = _in_view(v)
    assert points and all(0 <= p["x"] <= box["width"] and 0 <= p["y"] <= box["height"] for p in points)
    xs, ys = [p["x"] for p in points], [p["y"] for p in points]
    middle = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)  # fitted: centred, and zoomed in again
    assert abs(middle[0] - box["width"] / 2) < 0.1 * box["width"] and abs(middle[1] - box["height"] / 2) < 0.1 * box["height"]
    assert v.js("kgViewer.network.getScale()") > 0.5


def _label_overlaps(v) -> list:
    boxes = v.js("""() => kgViewer.nodes.getIds().map((id) => [id, kgViewer.network.getBoundingBox(id)])""")
    return [(a, b) for i, (a, p) in enumerate(boxes) for b, q in boxes[i + 1:]
            if p["left"] < q["right"] and q["left"] < p["right"] and p["top"] < q["bottom"] and q["top"] < p["bottom"]]


def test_labels_do_not_pile_up_in_an_ego_view(visit, tmp_path):
    from bench.viewer_bench import synthetic_graph
    from kg.graph.projection import ego_network

    graph = synthetic_graph(400)
    hub = max(graph, key=graph.degree)
    ego = ego_network(graph, hub, depth=1)
    assert len(ego) > 15
    v = visit(render(ego, tmp_path / "ego.html"))
    assert not v.page.is_checked("#physics") and not v.page.is_disabled("#physics")
    assert _label_overlaps(v) == [] and v.errors == []
    del ego.graph["ego"]  # the same network laid out as a whole graph: labels pile up
    assert _label_overlaps(visit(render(ego, tmp_path / "whole.html")))


@pytest.fixture
def http_folder(tmp_path):
    """A real HTTP server (python -m http.server) on a free loopback port, serving ``tmp_path``; its URL."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory",
                             str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()  # "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
        yield tmp_path, f"http://127.0.0.1:{line.split(' port ')[1].split()[0]}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()


def test_clicking_an_entity_opens_its_page_when_served(visit, network_graph, http_folder):
    folder, url = http_folder
    render(network_graph, folder / "graph.html", entity_url="/entity/{id}")
    v = visit(f"{url}/graph.html", allow=url)
    with v.page.expect_navigation() as navigation:
        v.click_node(PARK)
    assert navigation.value.url == f"{url}/entity/person/%EB%B0%95%EC%84%9C%EC%A4%80"
    assert navigation.value.status == 404  # the pages are kg serve's; here only the link is tested


def test_a_build_viewer_opens_entity_pages_only_in_the_copy_kg_serve_marks(visit, network_graph, http_folder):
    from kg.render.viewer import SERVED_MARK

    folder, url = http_folder
    render(network_graph, folder / "graph.html", entity_url="/entity/{id}", only_when_served=True)
    page = (folder / "graph.html").read_bytes()
    (folder / "served.html").write_bytes(page.replace(*SERVED_MARK, 1))
    plain = visit(f"{url}/graph.html", allow=url)  # from disk or another server: the panel, no link
    plain.click_node(PARK)
    assert plain.page.url == f"{url}/graph.html" and plain.page.text_content("#details h2") == "박서준"
    assert plain.page.locator("#details a", has_text="entity page").count() == 0
    served = visit(f"{url}/served.html", allow=url)
    with served.page.expect_navigation() as navigation:
        served.click_node(PARK)
    assert navigation.value.url == f"{url}/entity/person/%EB%B0%95%EC%84%9C%EC%A4%80"


def test_nodes_added_to_the_pyvis_network_by_hand_are_shown(visit, network_graph, tmp_path):
    from kg.render import to_pyvis

    net = to_pyvis(network_graph)
    net.add_node("urn:kg:test:added", label="손으로 더한 기관")
    net.add_edge("urn:kg:test:added", ORG)
    path = tmp_path / "added.html"
    path.write_text(net.generate_html(), encoding="utf-8")
    v = visit(path)
    assert v.js("kgViewer.nodes.length") == 10 and v.errors == []
    v.page.fill("#search", "손으로")
    v.page.press("#search", "Enter")
    assert v.page.text_content("#details h2") == "손으로 더한 기관"
    assert "관계 relation → 한빛산업진흥원" in v.page.text_content("#details")


def test_an_empty_network_loads_and_says_so(visit, network_graph, tmp_path):
    from kg.graph.analytics import as_of

    empty = as_of(network_graph, 1990)  # kg viz --year before any fact
    assert len(empty) == 0
    v = visit(render(empty, tmp_path / "empty.html"))
    assert v.errors == [] and v.page.text_content("#summary") == "0 / 0 entities · 0 / 0 relations"

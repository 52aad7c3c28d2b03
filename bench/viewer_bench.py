"""Viewer benchmark: synthetic networks, Python-side cost, time to first stable drawing in Chromium.

Run ``python bench/viewer_bench.py [N ...] [--out DIR]`` or ``python -m
bench.viewer_bench ...`` (default 2000 10000); ``bench/run.py`` and the tests call ``bench_viewer``,
``synthetic_graph``, ``chromium_page`` and ``first_draw_seconds``. Needs
Playwright for Python and a Chromium (``/usr/bin/chromium`` by default: no
Playwright browser download). The time is ``window.kgViewer.stableMs``: set
by kg's viewer at its first drawing once the layout is stable.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import time
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    import networkx as nx

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
_SYLLABLES = "한빛누리가람새봄하늘바다솔빛다온미래희망나래온결단비"
_SUFFIXES = {"Organization": ("진흥원", "재단", "대학교", "테크노파크", "센터"), "Person": ("",),
             "Program": ("지원사업", "육성사업"), "Event": ("포럼", "기념식"), "Place": ("시", "산업단지")}
_WEIGHTS = {"Organization": 0.45, "Person": 0.3, "Program": 0.1, "Event": 0.1, "Place": 0.05}
_EDGE_TYPES = {("Person", "Organization"): "holdsPost", ("Organization", "Organization"): "partnership",
               ("Organization", "Program"): "operates", ("Organization", "Event"): "organizes",
               ("Event", "Place"): "heldAt", ("Organization", "Place"): "locatedIn"}


def synthetic_graph(nodes: int, edges_per_node: float = 1.5, seed: int = 0) -> "nx.MultiDiGraph":
    """A network shaped like ``to_networkx``'s: typed Korean-named entities, preferential attachment, sources."""
    import networkx as nx

    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    types = rng.choices(list(_WEIGHTS), weights=list(_WEIGHTS.values()), k=nodes)
    for i, kind in enumerate(types):
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(3 if kind == "Person" else 2))
        label = f"{stem}{rng.choice(_SUFFIXES[kind])}{i}"
        graph.add_node(f"urn:kg:bench:{i}", type=kind, label=label, aliases=[stem + str(i)], facts=[],
                       first_seen=f"{2015 + i % 10}-01-01")
    ids = list(graph)
    ends: list[str] = []
    for i in range(int(nodes * edges_per_node)):
        u = ids[rng.randrange(nodes)]
        v = rng.choice(ends) if ends and rng.random() < 0.7 else ids[rng.randrange(nodes)]
        if u == v:
            continue
        kind = _EDGE_TYPES.get((graph.nodes[u]["type"], graph.nodes[v]["type"]), "participatesIn")
        year = 2015 + i % 10
        source = {"article": f"bench-{i % (nodes // 3 + 1)}", "title": f"기사 {i}", "published": f"{year}-05-01",
                  "url": f"https://news.example.kr/{i}", "start": 0, "end": 30,
                  "sentence": f"{graph.nodes[u]['label']}은 {graph.nodes[v]['label']}과 협력한다고 밝혔다."}
        graph.add_edge(u, v, type=kind, date=f"{year}-05-01", sources=[source])
        ends.extend((u, v))
    for node, degree in graph.degree():
        graph.nodes[node]["degree"] = degree
    return graph


@contextlib.contextmanager
def chromium_page(executable: str = CHROMIUM, width: int = 1400, height: int = 900) -> Iterator:
    """A Playwright page in headless Chromium (``executable``), closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()


def first_draw_seconds(page, html: Path, timeout_s: float = 180.0) -> float:
    """Load ``html`` in ``page``; seconds from navigation start to the viewer's first stable drawing."""
    page.goto(Path(html).resolve().as_uri(), timeout=timeout_s * 1000)
    # wait_for_function would poll with eval, which the page's CSP forbids
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=timeout_s * 1000)
    return page.evaluate("window.kgViewer.stableMs") / 1000


def bench_viewer(sizes: tuple[int, ...] = (2000, 10000), out: str | Path = "bench/out",
                 executable: str = CHROMIUM) -> dict[str, dict]:
    """Per size (keyed by the node count as a string): layout and HTML time in Python (wall, CPU), file size, first drawing.

    The pages are written by whichever ``kg`` is imported: put an older
    checkout first on ``PYTHONPATH`` to measure it with the same harness.
    """
    from kg.graph.layout import layout
    from kg.render.viewer import render

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows = {}
    with chromium_page(executable) as page:
        for size in sizes:
            graph = synthetic_graph(size)
            clock = time.perf_counter()
            layout(graph)
            layout_s = time.perf_counter() - clock
            clock, cpu = time.perf_counter(), time.process_time()
            html = render(graph, out / f"viewer-{size}.html", title=f"synthetic {size}")
            render_s = time.perf_counter() - clock  # includes a second layout (and, the first time, imports)
            render_cpu_s = time.process_time() - cpu  # every thread of this process: steadier under load
            rows[str(size)] = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
                               "layout_s": layout_s, "render_s": render_s, "render_cpu_s": render_cpu_s,
                               "html_mb": html.stat().st_size / 2**20,
                               "first_draw_s": first_draw_seconds(page, html), "signal": "kgViewer.stableMs",
                               "timer": "bench/viewer_bench.py"}
    return rows


def main(argv: list[str] | None = None) -> None:
    """``python bench/viewer_bench.py``: print one JSON line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[2000, 10000], help="node counts")
    parser.add_argument("--out", default="bench/out", help="folder for the generated pages")
    parser.add_argument("--chromium", default=CHROMIUM, help="Chromium executable")
    args = parser.parse_args(argv)
    for row in bench_viewer(tuple(args.sizes), args.out, args.chromium).values():
        print(json.dumps(row))


if __name__ == "__main__":
    main()

"""Viewer: seconds from navigation start to the first stable drawing, in headless Chromium.

A synthetic network of N typed entities with Korean labels is rendered with
``kg.viewer.render``. When ``kg.viewer_bench`` is there (the viewer's own
synthetic graph, with sentence sources on its edges, and its timer
``first_draw_seconds``), it is used; otherwise our own graph (about 1.3
edges per node, a few hubs), and the page is loaded with
every non-``file:`` request refused, and the time is ``performance.now()`` when
the page reports itself drawn (``window.kgViewer.stableMs``, set by kg's viewer
at the first drawing after the layout is stable; else vis-network's
``afterDrawing``), else at the second animation frame after ``load``.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
TYPES = ("Organization", "Person", "Program", "Event", "Place")

_WAIT_JS = """
async () => {
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const deadline = performance.now() + 120000;
  while (performance.now() < deadline) {
    const kv = window.kgViewer;  // kg's viewer: ready after the first drawing once the layout is stable
    if (kv && kv.ready) return {t: kv.stableMs, how: 'kgViewer.stableMs'};
    if (kv) { await new Promise(r => setTimeout(r, 20)); continue; }
    const net = window.network;
    if (net && typeof net.once === 'function') {
      await new Promise(r => { net.once('afterDrawing', r); net.redraw && net.redraw(); setTimeout(r, 60000); });
      return {t: performance.now(), how: 'afterDrawing'};
    }
    if (document.readyState === 'complete' && !document.querySelector('canvas')) {
      await frames();
      if (!window.network && !document.querySelector('canvas')) return {t: performance.now(), how: 'frames'};
    }
    await new Promise(r => setTimeout(r, 20));
  }
  return {t: null, how: 'timeout'};
}
"""


def synthetic_network(n: int, seed: int = 7):
    """A MultiDiGraph of ``n`` entities shaped like ``kg.graph.projection.to_networkx`` output."""
    import networkx as nx

    rng = random.Random(f"{seed}:viewer:{n}")
    graph = nx.MultiDiGraph()
    base = "https://w3id.org/kgkr/id/"
    for i in range(n):
        kind = rng.choices(TYPES, weights=(5, 3, 2, 1, 1))[0]
        label = f"{rng.choice('가나다라마바사아자차카타파하')}{rng.choice('한빛누리새솔')}{kind[:2]}{i}"
        graph.add_node(f"{base}{kind.lower()}/{i}", type=kind, label=label)
    nodes = list(graph.nodes)
    hubs = nodes[: max(5, n // 100)]
    for i, node in enumerate(nodes):
        for _ in range(rng.choice((1, 1, 2))):
            other = rng.choice(hubs) if rng.random() < 0.4 else rng.choice(nodes)
            if other != node:
                graph.add_edge(node, other, type=rng.choice(("holdsPost", "partnership", "operates", "heldAt")))
    return graph


def _own_measure(path: Path, timeout_s: float) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
            page.set_default_timeout(timeout_s * 1000)
            page.goto(path.resolve().as_uri(), wait_until="commit")
            found = page.evaluate(_WAIT_JS)
        finally:
            browser.close()
    seconds = found["t"] / 1000 if found["t"] is not None else None
    return {"first_draw_s": seconds, "signal": found["how"], "timer": "bench/viewer_bench.py"}


def _theirs():
    """``kg.viewer_bench`` (the viewer's own synthetic graph and timer), when it is there."""
    try:
        from kg import viewer_bench
    except ImportError:
        return None
    needed = ("synthetic_graph", "chromium_page", "first_draw_seconds")
    return viewer_bench if all(hasattr(viewer_bench, n) for n in needed) else None


def bench_viewer(sizes: tuple[int, ...], work: Path, timeout_s: float = 180.0) -> dict:
    """First-draw seconds of the viewer at each node count."""
    import kg.viewer as viewer

    theirs = _theirs()
    out = {}
    for n in sizes:
        graph = theirs.synthetic_graph(n) if theirs else synthetic_network(n)
        path = work / f"viewer-{n}.html"
        clock = time.perf_counter()
        viewer.render(graph, path)
        render_s = time.perf_counter() - clock
        if theirs:
            with theirs.chromium_page(CHROMIUM) as page:
                seconds = theirs.first_draw_seconds(page, path, timeout_s)
            result = {"first_draw_s": seconds, "signal": "kgViewer.stableMs",
                      "timer": "kg.viewer_bench.first_draw_seconds"}
        else:
            result = _own_measure(path, timeout_s)
        out[str(n)] = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "render_s": render_s,
                       "html_mb": path.stat().st_size / 2**20, **result}
    return out

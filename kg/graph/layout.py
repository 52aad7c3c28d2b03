"""Layouts for the viewer: ``layout``, fast for whole networks of up to tens of thousands of nodes;
``ego_layout``, rings around the centre of an ego network with room for every label.

``nx.spring_layout`` needs ≈ 500 s at 10,000 nodes (research notes), so the
viewer's positions come from here instead:

1. each connected component is placed by Pivot MDS (Brandes & Pich 2006:
   breadth-first distances from up to 40 far-apart pivots, double
   centering, two singular vectors): O(pivots × edges);
2. a few rounds of local forces remove overlaps (repulsion only between
   nodes of one component closer than one unit, each node's 128 nearest,
   found with a k-d tree: memory linear in the nodes) and pull edges to
   unit length;
3. the components are packed on shelves, largest first.

numpy and scipy only; deterministic for a given graph and seed. BLAS runs on
one thread (threadpoolctl): its only large call is the singular value
decomposition of each component's n × 40 pivot distances, which OpenBLAS's
threads make slower, not faster (0.3–0.6 s of CPU spent waiting on two busy
cores at 3,400 nodes, against a few ms on one thread), and one thread gives
the same positions whatever the machine's core count.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Callable, Hashable, Iterable

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

PIVOTS = 40
ROUNDS = 40
GAP = 3.0  # space between packed components, in edge lengths
NEIGHBOURS = 128  # each node is pushed by at most this many nodes closer than one unit


def layout(graph: "nx.Graph", scale: float = 60.0, seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """Positions of ``graph``'s nodes (edge direction and multiplicity ignored), ≈ ``scale`` per edge."""
    from threadpoolctl import threadpool_limits

    nodes = list(graph)
    if not nodes:
        return {}
    with threadpool_limits(1, user_api="blas"):  # see the module's docstring
        pos = _positions(graph, nodes, seed)
    pos *= scale
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, pos)}


def _positions(graph: "nx.Graph", nodes: list, seed: int) -> "np.ndarray":
    import numpy as np
    from scipy.sparse import csgraph

    adj = _adjacency(graph, nodes)
    count, labels = csgraph.connected_components(adj, directed=False)
    rng = np.random.default_rng(seed)
    pos = np.zeros((len(nodes), 2))
    members = _groups(labels, count)
    for idx in members:
        pos[idx] = _place_component(adj[idx][:, idx], rng)
    pos += rng.normal(scale=0.05, size=pos.shape)  # separate nodes that MDS put on one point
    _refine(pos, adj, labels)
    _pack(pos, members)
    return pos


def _adjacency(graph: "nx.Graph", nodes: list) -> "object":
    import numpy as np
    from scipy.sparse import coo_matrix

    index = {n: i for i, n in enumerate(nodes)}
    pairs = np.array([(index[u], index[v]) for u, v in graph.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    data = np.ones(len(pairs))
    n = len(nodes)
    adj = coo_matrix((data, (pairs[:, 0], pairs[:, 1])), shape=(n, n)).tocsr()
    adj = ((adj + adj.T) > 0).astype(np.float64)
    return adj.tocsr()


def _groups(labels: "np.ndarray", count: int) -> list["np.ndarray"]:
    import numpy as np

    order = np.argsort(labels, kind="stable")
    bounds = np.cumsum(np.bincount(labels, minlength=count))[:-1]
    groups = np.split(order, bounds)
    return sorted(groups, key=len, reverse=True)


def _place_component(sub, rng) -> "np.ndarray":
    """Pivot MDS of one connected component, scaled to unit median edge length."""
    import numpy as np
    from scipy.sparse import csgraph

    n = sub.shape[0]
    if n == 1:
        return np.zeros((1, 2))
    if n <= 3:
        angles = 2 * np.pi * np.arange(n) / n
        return 0.6 * np.column_stack([np.cos(angles), np.sin(angles)])
    k = min(PIVOTS, n)
    dist = np.empty((n, k))
    nearest = np.full(n, np.inf)
    pivot = int(np.argmax(np.asarray(sub.sum(axis=1)).ravel()))  # start at the hub
    for j in range(k):
        dist[:, j] = csgraph.shortest_path(sub, unweighted=True, indices=pivot, directed=False)
        nearest = np.minimum(nearest, dist[:, j])
        pivot = int(np.argmax(nearest))
    sq = dist ** 2
    centred = -0.5 * (sq - sq.mean(axis=0) - sq.mean(axis=1, keepdims=True) + sq.mean())
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    coords = u[:, :2] * s[:2]
    if coords.shape[1] < 2 or not np.isfinite(coords).all():
        coords = rng.normal(size=(n, 2))
    rows, cols = sub.nonzero()
    lengths = np.linalg.norm(coords[rows] - coords[cols], axis=1)
    # Only lengths above rounding noise: in a star, MDS puts the hub and every leaf that is
    # no pivot on one point, 1e-16 apart, and their median would blow the layout up to 1e17.
    real = lengths > 1e-6 * float(np.ptp(coords, axis=0).max())
    coords /= np.median(lengths[real]) if real.any() else 1.0
    # Room for every node: at least 2 square units each (MDS piles up the leaves of a hub).
    area = float(np.prod(np.maximum(coords.max(axis=0) - coords.min(axis=0), 1.0)))
    return coords * max(1.0, float(np.sqrt(2.0 * n / area)))


def _refine(pos: "np.ndarray", adj, labels: "np.ndarray", rounds: int = ROUNDS) -> None:
    """Push apart nodes of one component closer than 1; pull edges towards length 1 (in place)."""
    import numpy as np
    rows, cols = adj.nonzero()
    keep = rows < cols
    rows, cols = rows[keep], cols[keep]
    for step in range(rounds):
        cool = 1.0 - step / rounds
        move = np.zeros_like(pos)
        near, other = _close_pairs(pos)
        if len(near):
            keep = labels[near] == labels[other]
            near, other = near[keep], other[keep]
            delta = pos[near] - pos[other]
            dist = np.linalg.norm(delta, axis=1, keepdims=True) + 1e-9
            move += _scatter(near, delta / dist * (1.0 - dist) * 0.5, len(pos))
        delta = pos[cols] - pos[rows]
        dist = np.linalg.norm(delta, axis=1, keepdims=True) + 1e-9
        pull = delta / dist * np.clip(dist - 1.0, 0, None) * 0.1
        move += _scatter(rows, pull, len(pos)) - _scatter(cols, pull, len(pos))
        length = np.linalg.norm(move, axis=1, keepdims=True) + 1e-9
        pos += move * np.minimum(1.0, 0.5 * cool / length)


def _close_pairs(pos: "np.ndarray") -> tuple["np.ndarray", "np.ndarray"]:
    """(node, neighbour) for each node's ``NEIGHBOURS`` nearest nodes closer than 1 (both ways round).

    All pairs closer than 1 would be quadratic where Pivot MDS piles up the
    leaves of a hub: 23 million pairs (1.4 GB) at 18,659 nodes (10,000
    generated articles); 128 neighbours leave about as few nodes close
    together (205 pairs closer than 5 units, against 168) in 0.5 GB.
    """
    import numpy as np
    from scipy.spatial import cKDTree

    k = min(NEIGHBOURS + 1, len(pos))
    dist, idx = cKDTree(pos).query(pos, k=k, distance_upper_bound=1.0)
    dist, idx = dist.reshape(len(pos), k)[:, 1:], idx.reshape(len(pos), k)[:, 1:]  # column 0: the node itself
    near, col = np.nonzero(np.isfinite(dist))
    return near, idx[near, col]


def _scatter(index: "np.ndarray", values: "np.ndarray", n: int) -> "np.ndarray":
    """Sum ``values`` rows into ``n`` rows by ``index`` (``np.add.at``, but fast)."""
    import numpy as np

    return np.column_stack([np.bincount(index, values[:, 0], n), np.bincount(index, values[:, 1], n)])


def _pack(pos: "np.ndarray", members: list["np.ndarray"]) -> None:
    """Move components onto shelves of a roughly square area, largest first (in place)."""
    import numpy as np

    boxes = []
    for idx in members:
        pos[idx] -= pos[idx].min(axis=0)
        boxes.append(pos[idx].max(axis=0) + GAP)
    width = max(float(np.sqrt(sum(w * h for w, h in boxes))), max(w for w, _ in boxes))
    x = y = shelf = 0.0
    for idx, (w, h) in zip(members, boxes):
        if x > 0 and x + w > width:
            x, y, shelf = 0.0, y + shelf, 0.0
        pos[idx] += (x, y)
        x, shelf = x + w, max(shelf, h)


Box = Callable[[Hashable], tuple[float, float, float, float]]


def ego_layout(graph: "nx.Graph", centres: Iterable[Hashable], box: Box, gap: float = 24.0
               ) -> dict[Hashable, tuple[float, float]]:
    """The centres in the middle, the entities ``k`` hops away on the ``k``-th ring around them.

    ``box(node)`` is the space the node and its label take, as (left, top,
    right, bottom) offsets from its position. Each ring is made just wide
    enough that no two boxes on it overlap (nor one on the ring inside it);
    an entity sits near the angle of its neighbours on the ring inside, so
    that edges fan out instead of crossing. Entities no centre reaches (after
    a filter) go on the outer ring.
    """
    import networkx as nx

    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    centres = [c for c in dict.fromkeys(centres) if c in graph]
    layers = [sorted(layer, key=str) for layer in nx.bfs_layers(undirected, centres)] if centres else []
    reached = {n for layer in layers for n in layer}
    if len(reached) < len(graph):
        layers.append(sorted((n for n in graph if n not in reached), key=str))
    pos: dict[Hashable, tuple[float, float]] = {}
    if layers and len(layers[0]) == 1:
        pos[layers[0][0]] = (0.0, 0.0)
        layers = layers[1:]
    radius, inner = 0.0, list(pos)
    for layer in layers:
        layer = _by_parent_angle(layer, undirected, pos)
        radius = _ring(layer, box, pos, radius + gap, [_rect(pos[n], box(n)) for n in inner])
        inner = layer
    return pos


def _by_parent_angle(layer: list, graph: "nx.Graph", pos: dict) -> list:
    """``layer`` ordered by the mean angle of each node's neighbours already placed (then by name)."""
    def angle(node) -> float:
        placed = [pos[m] for m in graph[node] if m in pos]
        if not placed:
            return math.pi
        return math.atan2(sum(y for _, y in placed), sum(x for x, _ in placed)) % (2 * math.pi)

    return sorted(layer, key=lambda n: (angle(n), str(n)))


def _ring(layer: list, box: Box, pos: dict, radius: float, inner: list) -> float:
    """Put ``layer`` on the smallest ring from ``radius`` out where no two boxes overlap; its outer radius.

    ``inner``: the boxes of the ring inside, which this one must not touch either.
    """
    boxes = [box(n) for n in layer]
    # No ring is smaller than its boxes laid side by side, each on its narrower side.
    smallest = sum(min(b[2] - b[0], b[3] - b[1]) for b in boxes) / (2 * math.pi)
    radius = max(radius, smallest if len(layer) > 1 else 0.0)
    step = 2 * math.pi / len(layer)
    inner_reach = max((math.hypot(max(abs(r[0]), abs(r[2])), max(abs(r[1]), abs(r[3]))) for r in inner), default=0.0)
    box_reach = max(math.hypot(max(-b[0], b[2]), max(-b[1], b[3])) for b in boxes)
    while True:
        points = [(radius * math.cos(i * step - math.pi / 2), radius * math.sin(i * step - math.pi / 2))
                  for i in range(len(layer))]  # the first at the top
        rects = [_rect(p, b) for p, b in zip(points, boxes)]
        # the inner ring's boxes can be reached only while this ring's boxes come closer to the centre
        if not _any_overlap(rects, inner if radius - box_reach < inner_reach else []):
            break
        radius = max(radius * 1.08, radius + 8.0)
    pos.update(zip(layer, points))
    return radius + max(max(b[3], b[2]) for b in boxes)


def _rect(point: tuple[float, float], box: tuple[float, float, float, float]) -> tuple[float, ...]:
    x, y = point
    return (x + box[0], y + box[1], x + box[2], y + box[3])


def _any_overlap(rects: list, inner: list, reach: int = 12) -> bool:
    """Whether two of ``rects`` (each with its ``reach`` next ones round the ring) or one and an ``inner`` overlap."""
    def hit(a, b) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    count = len(rects)
    for i, a in enumerate(rects):
        if any(hit(a, rects[(i + j) % count]) for j in range(1, min(reach, count - 1) + 1)):
            return True
        if any(hit(a, b) for b in inner):
            return True
    return False

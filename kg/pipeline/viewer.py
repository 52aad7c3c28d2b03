"""The viewer of a build (``graph.html``), drawn in a process of its own beside the derived graph.

The viewer and the derived graph each read the whole store and share
nothing: the projection reads the stated graphs only (``kg.store.derived``).
Past ``APART_ARTICLES`` articles the viewer is drawn by a second Python
process (started at once, its imports done while this one resolves and
writes the graph) from a checkpoint of the stated store, while this process
derives; on two cores
that takes the viewer's seconds off an incremental build, whose other stages
are now short. Smaller builds draw it here: a new interpreter would cost
more than it saves; so do builds on a machine with no idle core
(``spare_core``), where a second process only competes for the same one and
costs its start-up. The process is a plain ``python -c`` (not
``multiprocessing``, whose spawn would import the caller's main script
again), told the checkpoint on its stdin.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from kg.errors import StoreError
from kg.store.build_dir import BuildDir
from kg.store.graph_rows import RowFiles

APART_ARTICLES = 200
CHECKPOINT = ".viewer-store"  # in the version folder, removed before it is published


def spare_core() -> bool:
    """Whether a core is idle: the load average of the last minute is below the cores less a half."""
    try:
        return os.getloadavg()[0] < (os.cpu_count() or 1) - 0.5
    except OSError:  # no load average on this system
        return False


def draw_viewer(store: str | Path, path: str | Path, rows: RowFiles | None = None, skip: list[str] = ()) -> float:
    """Write the viewer of the store at ``store`` to ``path``; return the seconds it took.

    ``rows``: where the projection's rows of each article graph come from and go (``kg.store.graph_rows``);
    ``skip``: graphs the projection does not read (the derived graph, which a clean build's store lacks here).
    """
    from kg.graph.projection import to_networkx
    from kg.render.viewer import render
    from kg.serve.pages import ENTITY_PAGE
    from kg.store.open import open_store

    clock = time.perf_counter()
    with open_store(store) as opened:  # SPARQL on Oxigraph: far faster than on the rdflib Dataset
        local = rows.open(opened, skip) if rows is not None else None
        graph = to_networkx(opened, rows=local)
    if rows is not None:
        rows.save(local)
    render(graph, path, title="kg network", entity_url=ENTITY_PAGE, only_when_served=True)
    return time.perf_counter() - clock


def _warm() -> None:
    """Import what ``draw_viewer`` needs (in the second process, while the build goes on).

    Also what its functions import only when called (Oxigraph, the layout's numpy and scipy):
    ~0.4 s that would otherwise be on an incremental build's last stretch.
    """
    import numpy  # noqa: F401
    import pyoxigraph  # noqa: F401
    import scipy.sparse.csgraph  # noqa: F401
    import scipy.spatial  # noqa: F401
    import threadpoolctl  # noqa: F401

    import kg.graph.analytics  # noqa: F401
    import kg.graph.layout  # noqa: F401
    import kg.graph.projection  # noqa: F401
    import kg.render.network  # noqa: F401
    import kg.render.viewer  # noqa: F401
    import kg.serve.pages  # noqa: F401
    import kg.store.open  # noqa: F401


def _child() -> None:
    """The second process: imports, then draws the viewer of the store it is told on stdin (if told)."""
    _warm()
    from kg.pipeline.memory import frozen

    line = sys.stdin.readline()
    if line:  # nothing: the build stopped before its store was written
        store, path, rows, skip = json.loads(line)
        with frozen():  # as in the build's own process (0.3 CPU s of collections at 1,000 articles)
            draw_viewer(store, path, rows and RowFiles.from_json(rows), skip)


_CHILD = "from kg.pipeline.viewer import _child; _child()"


class Viewer:
    """Draws a version's viewer apart (``apart``) or here; a context manager that ends its process.

    ``draw`` is called once the stated graphs are in the store and before the
    derived graph is written; ``finish`` after, and returns the seconds the
    viewer took (drawn apart: from ``draw`` to its end, beside the derivation).
    """

    def __init__(self, version: BuildDir, apart: bool, rows: RowFiles | None = None, skip: list[str] = ()) -> None:
        self.version = version
        self.rows = rows
        self.skip = list(skip)
        self.clock = 0.0
        self.drawing = False
        self.process = subprocess.Popen([sys.executable, "-c", _CHILD], stdin=subprocess.PIPE,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        text=True) if apart else None

    def __enter__(self) -> "Viewer":
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()  # the build failed before ``finish``
            self.process.communicate()
        shutil.rmtree(self.version.path / CHECKPOINT, ignore_errors=True)

    def draw(self) -> None:
        """Start drawing from a checkpoint of the store (apart), or nothing yet (here)."""
        if self.process is None:
            return
        from kg.store.update import copy_store

        self.clock = time.perf_counter()
        checkpoint = self.version.path / CHECKPOINT
        copy_store(self.version.store, checkpoint)
        try:
            rows = self.rows and self.rows.to_json()
            self.process.stdin.write(json.dumps([str(checkpoint), str(self.version.viewer), rows, self.skip]) + "\n")
            self.process.stdin.flush()
            self.drawing = True
        except OSError:  # the process is gone (killed, or failed to start kg): drawn here by ``finish``
            pass

    def finish(self) -> float:
        """The viewer written: wait for it (apart) or draw it now (here); the seconds it took.

        Raises:
            StoreError: the process that drew it failed (its last error output is in the message).
        """
        if not self.drawing:
            return draw_viewer(self.version.store, self.version.viewer, self.rows, self.skip)
        _, errors = self.process.communicate()
        if self.process.returncode != 0:
            raise StoreError(f"drawing the viewer failed (exit {self.process.returncode}): {errors[-2000:]}")
        shutil.rmtree(self.version.path / CHECKPOINT, ignore_errors=True)
        return time.perf_counter() - self.clock

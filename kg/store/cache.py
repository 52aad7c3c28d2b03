"""The caches of a build folder: one pickled record per key, shared by its builds.

An incremental ``kg build`` looks each article up by a key that hashes its
source and the extractor (``kg.pipeline.extraction.cache_key``); what it
finds it reuses, what it extracts it adds. Likewise each article's named
graph, by a key that hashes its extraction's key and the decisions of the
resolution that its mapping reads (``kg.pipeline.graphs``). Entries are content-addressed and
never change once written (each is written to a temporary file and renamed),
so a build killed mid-way leaves only whole entries, which the next build
reuses, and never touches the published build (``kg.store.versions``).

Pickle, not JSON: an ``Extraction`` (or ``kg.rdf.article_graphs.ArticleGraph``)
is a tree of frozen dataclasses that pickle round-trips exactly, in a few milliseconds per thousand articles; a
JSON mapping would have to be written and kept in step with ``kg.records``.
The cache is as trusted as the build folder that holds it (kg wrote both):
never point ``kg build --out`` at a folder that others can write to.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterable

from kg import pickled

SUFFIX = ".pickle"


class RecordCache:
    """Records by key in ``folder`` (``BuildDir.extraction_cache`` or ``graph_cache``), two hex digits a subfolder.

    Args:
        folder: the cache folder (created on the first write).
    """

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def __repr__(self) -> str:
        return f"RecordCache({str(self.folder)!r})"

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / (key + SUFFIX)

    def get(self, key: str) -> object | None:
        """The record stored under ``key``, or None (absent, or unreadable: then it is extracted again)."""
        return pickled.load(self._path(key))

    def put(self, key: str, record: object) -> None:
        """Store ``record`` under ``key``, whole or not at all."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        pickled.save(path, record)

    def retain(self, keys: Iterable[str], since: float) -> int:
        """Remove the entries not in ``keys`` written before ``since`` (a Unix time); return how many.

        Entries written since then may belong to a build still running beside this one.
        """
        keep = {k + SUFFIX for k in keys}
        removed = 0
        if not self.folder.is_dir():
            return 0
        for sub in self.folder.iterdir():
            for path in sub.iterdir() if sub.is_dir() else ():
                if path.name in keep or _mtime(path) >= since:
                    continue
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return time.time()

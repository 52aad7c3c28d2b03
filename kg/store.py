"""Stage 7: the embedded store (an on-disk Oxigraph store in ``<build>/store``).

rdflib builds, parses, serializes and validates; pyoxigraph stores and
answers queries. Opening a store is one call and a context manager::

    with open_store("build") as store:
        ...
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

from kg.errors import StoreError

STORE_DIRNAME = "store"


def store_path(build_dir: str | Path) -> Path:
    """The store folder of a build folder (or the folder itself if it is a store)."""
    path = Path(build_dir)
    return path if (path / "CURRENT").exists() else path / STORE_DIRNAME


def write_store(trig_path: str | Path, target: str | Path) -> int:
    """Bulk-load a TriG file into a new on-disk store at ``target``; return the quad count."""
    import pyoxigraph as ox

    store = ox.Store(str(target))
    with open(trig_path, "rb") as f:
        store.bulk_load(f, ox.RdfFormat.TRIG)
    store.flush()
    count = len(store)
    del store
    return count


@contextlib.contextmanager
def open_store(build_dir: str | Path = "build", read_only: bool = True) -> Iterator["pyoxigraph.Store"]:  # noqa: F821
    """Open the store of a build.

    Raises:
        StoreError: there is no store at that place (run ``kg build`` first).
    """
    import pyoxigraph as ox

    path = store_path(build_dir)
    if not (path / "CURRENT").exists():
        raise StoreError(f"{path}: no store here; run `kg build` first or pass --store DIR")
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"{path}: cannot open the store: {e}") from e
    try:
        yield store
    finally:
        del store

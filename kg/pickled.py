"""Files of a build folder that hold one pickled object: written whole or not at all, read back or not at all.

A cached extraction, the rows and entity blocks kept for the next build, the
bodies' signatures: each only spares work, so a file that is missing,
truncated, written by another kg or Python, or not a pickle at all reads as
absent, and the build does the work again. Pickle, because what is kept is
kg's frozen records and pyoxigraph terms, which it round-trips exactly and
fast; a file is as trusted as the build folder that holds it. ``dumps`` and
``loads`` do the same for bytes kept inside such a file (a graph's rows).
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

PROTOCOL = pickle.HIGHEST_PROTOCOL  # of every file and bytes written here


def save(path: str | os.PathLike, value: object) -> None:
    """Write ``value`` to ``path`` through a file of its own beside it, so a reader never sees half of it."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            pickle.dump(value, f, protocol=PROTOCOL)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def load(path: str | os.PathLike | None, default: object = None) -> object:
    """The object ``save`` wrote to ``path``, or ``default`` if there is none or it cannot be read."""
    if path is None:
        return default
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - damaged bytes make pickle raise almost anything (Overflow, Memory, Unicode …)
        return default


def dumps(value: object) -> bytes:
    """``value`` as bytes that ``loads`` reads back (kept inside a file that ``save`` writes)."""
    return pickle.dumps(value, protocol=PROTOCOL)


def loads(data: bytes, default: object = None) -> object:
    """The object ``dumps`` made ``data`` of, or ``default`` if it cannot be read."""
    try:
        return pickle.loads(data)
    except Exception:  # noqa: BLE001 - as ``load``
        return default


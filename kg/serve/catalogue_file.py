"""The catalogue as a file: written once by ``kg build`` beside the store, copied into memory by ``kg serve``.

``write_catalogue(store, path)`` makes the catalogue of a finished store
(``Catalogue.of_store``, about 11 s at a million quads) and writes it as an
SQLite file, whole or not at all: into a temporary file beside ``path``,
then ``os.replace``. ``kg build`` writes ``catalogue.sqlite`` into the
version it is building (``BuildDir.catalogue``), published with the store
(``kg.store.versions``). ``open_catalogue(store, path)`` copies that file
into an in-memory database (``sqlite3``'s ``Connection.backup``), so the
serving code reads it exactly as one ``of_store`` made, and never writes
the file; when the file is missing, not a whole catalogue, or made from
another store, it reads the catalogue from the store and says so once.

Which store a file was made from is its ``meta`` table (``identity``):

- ``format``: a digest of the code whose output the tables are
  (``FORMAT_CODE``), so a file written by another version of kg is never
  read as this one's;
- ``built``: the build graph's activity and when it ended
  (``prov:endedAtTime``, one indexed lookup): it names the build;
- ``quads``: the store's quad count (``len(store)``: one pass over an
  index, no term decoded, about 0.2 s at a million quads). The build time
  alone is not enough: two builds in the same second, or under the same
  ``SOURCE_DATE_EPOCH``, share it, and so does a store written again in
  place (``write_store`` then ``derive_store`` into one folder, as tests
  and scripts do). The count changes with nearly any change of content.

The build time and the count are in every store kg writes, cost a
fraction of a second against the seconds the file saves, and stay the
same when a build folder is copied. A digest of every quad would be exact
but reads and decodes the whole store, which is what the file is there to
avoid. What they cannot tell apart, two stores of one build time and one
quad count (a change that only rewrites strings), arises only when files
are moved between build folders by hand: a build publishes its catalogue
with its own store, and ``kg serve`` looks for it beside the store its
links lead to (``Pages.open``).
"""

from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any, Callable

from kg.errors import CatalogueError
from kg.serve.catalogue import Catalogue
from kg.sparql.local import select

# The code that decides what the catalogue's rows are (kg/ relative): its schema and queries, the
# timeline's, the normalizer of names and sentences.
FORMAT_CODE = ("serve/catalogue.py", "serve/timeline.py", "text.py")
META = "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)"
Q_BUILT = """SELECT ?activity ?ended WHERE { GRAPH ?g { ?activity a prov:Activity ; prov:endedAtTime ?ended } }"""
FALLBACK = "reading the store instead (seconds at a million quads; `kg build` writes the file)"


@functools.lru_cache(maxsize=1)
def format_digest() -> str:
    """SHA-256 of the source of ``FORMAT_CODE``, read once per process."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for name in FORMAT_CODE:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()


def identity(store: Any) -> dict[str, str]:
    """What a catalogue of ``store`` is made from: kg's catalogue code, the build, the quad count."""
    built = sorted(f"{activity} {ended}" for activity, ended in select(store, Q_BUILT).rows)
    return {"format": format_digest(), "built": "; ".join(built), "quads": str(len(store))}


def write_catalogue(store: Any, path: str | Path) -> Path:
    """Write the catalogue of ``store`` (an open pyoxigraph store) to ``path``, whole or not at all; return it."""
    path = Path(path)
    catalogue = Catalogue.of_store(store)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        target = sqlite3.connect(tmp)
        try:
            catalogue.db.backup(target)
            target.execute(META)
            target.executemany("INSERT INTO meta VALUES (?, ?)", sorted(identity(store).items()))
            target.commit()
        finally:
            target.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
        catalogue.db.close()
    return path


def read_catalogue(path: str | Path, store: Any, base_iri: str | None = None) -> Catalogue:
    """The catalogue in the file at ``path``, copied into memory, if it was made from ``store`` by this kg.

    The file is opened read-only (``mode=ro``): serving never writes it.

    Raises:
        CatalogueError: there is no file, it is not a whole catalogue, or its ``meta`` names another
            store or another version of kg's catalogue code.
    """
    path = Path(path)
    if not path.is_file():
        raise CatalogueError(f"{path} is missing")
    try:
        source = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise CatalogueError(f"{path} cannot be opened ({e})") from e
    try:
        meta = dict(source.execute("SELECT key, value FROM meta").fetchall())
        size = source.execute("PRAGMA page_count").fetchone()[0] * source.execute("PRAGMA page_size").fetchone()[0]
        if size != path.stat().st_size:  # cut short: SQLite would read the missing pages as empty
            raise CatalogueError(f"{path} is not whole ({path.stat().st_size} bytes of {size})")
        if meta != identity(store):
            raise CatalogueError(f"{path} was made from another store, or by another version of kg")
        db = sqlite3.connect(":memory:", check_same_thread=False)
        source.backup(db)
    except sqlite3.Error as e:
        raise CatalogueError(f"{path} is not a catalogue kg wrote ({e})") from e
    finally:
        source.close()
    return Catalogue(db, base_iri)


def open_catalogue(store: Any, path: str | Path, base_iri: str | None = None,
                   log: Callable[[str], None] | None = None) -> Catalogue:
    """The catalogue of ``store``: the file at ``path`` when it is the store's, else read from the store.

    ``log`` (default: stderr) is told once why the file was not used.
    """
    try:
        return read_catalogue(path, store, base_iri)
    except CatalogueError as e:
        (log or _stderr)(f"kg: {e}: {FALLBACK}")
    return Catalogue.of_store(store, base_iri)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)

"""The catalogue as a file: saved by ``kg serve`` beside a build's store the first time it serves it.

``open_catalogue(store, build)`` is how ``kg serve`` gets its catalogue when
it starts (``Pages.open``). When ``catalogue.sqlite`` beside the store
(``BuildDir.catalogue``: in the build's version folder, ``kg.store.versions``)
was made from that store by this kg, it is copied into an in-memory database
(``sqlite3``'s ``Connection.backup``, 0.23 s at a million quads), so the
serving code reads it exactly as one ``Catalogue.of_store`` made. Otherwise
the catalogue is read from the store (``of_store``, about 11 s at a million
quads), said once (``log``), and saved for the next start
(``save_catalogue``), only when the folder around the store is a build that
kg wrote (its ``report.json`` is there) and can be written: the same
in-memory database, whole or not at all, into a temporary file beside it,
then ``os.replace``, so that two servers starting at once, or one killed,
never leave half a file. A bare ``store/`` folder gets no file; a failure to
save (a read-only folder, a full disk) is said, and serving goes on.

``kg build`` does not write the file: every build, incremental ones too,
would pay the catalogue in full (about 13 s at a million quads,
bench/RESULTS.md); the first start of ``kg serve`` pays it once instead.

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
are moved between build folders by hand: each version of a build gets its
own file, saved beside its own store, and ``kg serve`` looks for it beside
the store its links lead to (``Pages.open``).
"""

from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import sys
import uuid
from pathlib import Path
from typing import Any, Callable, Mapping

from kg.errors import CatalogueError
from kg.serve.catalogue import Catalogue
from kg.sparql.local import select
from kg.store.build_dir import BuildDir

# The code that decides what the catalogue's rows are (kg/ relative): its schema and queries, the
# timeline's, the normalizer of names and sentences.
FORMAT_CODE = ("serve/catalogue.py", "serve/timeline.py", "text.py")
META = "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)"
Q_BUILT = """SELECT ?activity ?ended WHERE { GRAPH ?g { ?activity a prov:Activity ; prov:endedAtTime ?ended } }"""
FROM_STORE = "reading the store (seconds at a million quads)"


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


def open_catalogue(store: Any, build: BuildDir, base_iri: str | None = None,
                   log: Callable[[str], None] | None = None) -> Catalogue:
    """The catalogue of ``store``: the file beside it if it is the store's, else read from the store and saved.

    Args:
        store: an open pyoxigraph store.
        build: the build folder around the store (``BuildDir.of`` the store's resolved path): its
            ``catalogue`` is read, and written when ``report`` is there.
        base_iri: the build's base IRI, for the catalogue's ids.
        log: told once (default: stderr) when the file was not used, and whether it was saved.
    """
    meta = identity(store)
    try:
        return read_catalogue(build.catalogue, meta, base_iri)
    except CatalogueError as e:
        why = e
    catalogue = Catalogue.of_store(store, base_iri)
    (log or _stderr)(f"kg: {why}: {FROM_STORE}; {_save_for_next_start(catalogue, meta, build)}")
    return catalogue


def _save_for_next_start(catalogue: Catalogue, meta: Mapping[str, str], build: BuildDir) -> str:
    """Save ``catalogue`` as ``build.catalogue`` if kg build wrote the folder and it is writable; say what happened."""
    if not build.report.is_file():  # a bare store/ folder, or one that kg build did not write: not ours to write
        return f"not saved: {build.path} is not a folder that kg build wrote (no {build.report.name})"
    if not os.access(build.path, os.W_OK | os.X_OK):
        return f"could not save it: {build.path} is read-only"
    try:
        save_catalogue(catalogue, meta, build.catalogue)
    except (OSError, sqlite3.Error) as e:
        return f"could not save it: {e}"
    return "saved for the next start"


def save_catalogue(catalogue: Catalogue, meta: Mapping[str, str], path: str | Path) -> Path:
    """Write ``catalogue``'s database and ``meta`` (``identity`` of its store) to ``path``, whole or not at all.

    Raises:
        OSError, sqlite3.Error: the file could not be written (nothing is left of it).
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")  # one per writer
    try:
        target = sqlite3.connect(tmp)
        try:
            with catalogue.lock:
                catalogue.db.backup(target)
            target.execute(META)
            target.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
            target.commit()
        finally:
            target.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def read_catalogue(path: str | Path, meta: Mapping[str, str], base_iri: str | None = None) -> Catalogue:
    """The catalogue in the file at ``path``, copied into memory, if its ``meta`` is ``meta`` (``identity(store)``).

    The file is opened read-only (``mode=ro``).

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
        found = dict(source.execute("SELECT key, value FROM meta").fetchall())
        size = source.execute("PRAGMA page_count").fetchone()[0] * source.execute("PRAGMA page_size").fetchone()[0]
        if size != path.stat().st_size:  # cut short: SQLite would read the missing pages as empty
            raise CatalogueError(f"{path} is not whole ({path.stat().st_size} bytes of {size})")
        if found != dict(meta):
            raise CatalogueError(f"{path} was made from another store, or by another version of kg")
        db = sqlite3.connect(":memory:", check_same_thread=False)
        source.backup(db)
    except sqlite3.Error as e:
        raise CatalogueError(f"{path} is not a catalogue kg wrote ({e})") from e
    finally:
        source.close()
    return Catalogue(db, base_iri)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)

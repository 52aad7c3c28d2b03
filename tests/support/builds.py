"""Helpers for comparing builds: a build's graph as canonical N-Quads (its TriG, its store), its derived graph, its catalogue's rows, a corpus copied from the sample."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

BUILD_TIME = "1767225600"  # SOURCE_DATE_EPOCH of the builds compared: their timestamps agree


def canonical_nquads(build_dir: Path) -> list[str]:
    """The quads of ``build_dir/kg.trig``, blank nodes canonicalized (RDFC-1.0), sorted."""
    import pyoxigraph as ox

    dataset = ox.Dataset(ox.parse(path=str(Path(build_dir) / "kg.trig"), format=ox.RdfFormat.TRIG))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(q) for q in dataset)


def store_nquads(build_dir: Path) -> list[str]:
    """The stated quads of the store of ``build_dir`` (its derived graph aside), blank nodes canonicalized, sorted."""
    import pyoxigraph as ox

    from kg.store import open_store
    from kg.store.load import stated_quads

    with open_store(build_dir) as store:
        dataset = ox.Dataset(stated_quads(store))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(q) for q in dataset)


def derived_nquads(build_dir: Path) -> list[str]:
    """The quads of the derived graph of the store of ``build_dir`` (``kg.store.derived``), sorted."""
    import pyoxigraph as ox

    from kg.rdf.iris import is_derived_graph
    from kg.store import open_store

    with open_store(build_dir) as store:
        return sorted(str(q) for q in store if is_derived_graph(q.graph_name.value))


def copy_sample(folder: Path, names: tuple[str, ...]) -> Path:
    """``folder`` holding copies of the sample corpus's files ``names``."""
    from kg.ingest.read import sample_corpus

    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(Path(sample_corpus()) / name, folder / name)
    return folder


def catalogue_rows(db: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every table of a catalogue (``kg.serve.catalogue.SCHEMA``, and ``meta`` if it has one), sorted.

    FTS5's own tables behind ``label_fts`` and ``sentence`` are left out: their rows are what was indexed.
    """
    from kg.serve.catalogue import SCHEMA

    tables = re.findall(r"CREATE (?:VIRTUAL )?TABLE (\w+)", SCHEMA)
    tables += [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE name = 'meta'")]
    return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}

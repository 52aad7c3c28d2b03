"""Article metadata given beside the articles: an index file with one row per file.

Crawls often keep what a page dump lost (its URL, publisher, publication
date, headline) in a table beside the folder. ``kg`` reads such a table,
tab-separated with a header row, from ``<folder>/index.tsv`` or from
``<folder>-index.tsv`` next to the folder, and keys its rows by the
``file`` column (the file's name in the folder). Known columns: ``url``,
``publisher``, ``published`` (ISO date, ``2023-06-15``), ``title``; other
columns are kept for whoever needs them (``kg train`` reads ``same_story_as``
and ``duplicate_of`` to keep the articles of one story in one
cross-validation fold). What an index gives wins over what a page prints,
as metadata given with a JSON Lines record does.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

INDEX_NAME = "index.tsv"
INDEX_SUFFIX = "-index.tsv"


def index_paths(folder: Path) -> list[Path]:
    """The index files that describe ``folder``'s files, inside it first."""
    folder = Path(folder)
    return [p for p in (folder / INDEX_NAME, folder.parent / (folder.name + INDEX_SUFFIX)) if p.is_file()]


def read_index(folder: Path) -> dict[str, dict[str, str]]:
    """File name -> its row (column -> value, blanks left out), merged over ``index_paths``.

    A row without a ``file`` value, or a file that is not a readable TSV, is skipped: an index is a
    convenience, and the articles build without it.
    """
    rows: dict[str, dict[str, str]] = {}
    for path in reversed(index_paths(folder)):  # the index inside the folder wins
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    name = (row.get("file") or "").strip()
                    if name:
                        values = {k.strip(): v.strip() for k, v in row.items() if k and isinstance(v, str) and v.strip()}
                        rows.setdefault(name, {}).update(values)
        except (OSError, UnicodeDecodeError, csv.Error):
            continue
    return rows


def iso_day(value: str | None) -> date | None:
    """``2023-06-15`` (or a longer ISO timestamp) as a date; anything else None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None

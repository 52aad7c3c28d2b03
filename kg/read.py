"""Stage 1: read documents from files and folders into ``Source`` records.

Plain-text page dumps (``.txt``), HTML (``.html``/``.htm``) and JSON Lines
(``.jsonl``, one article per line). Encodings are detected: UTF-8 (with or
without BOM), UTF-16 with BOM, CP949/EUC-KR. A file that cannot be read
yields a ``Failure`` and reading goes on.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import UsageError
from kg.records import Failure, Source

SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
MAX_BYTES = 64 * 1024 * 1024  # larger inputs are refused, not read into memory
JSONL_FIELDS = ("id", "url", "title", "published", "publisher", "text", "html")


def sample_corpus() -> Path:
    """The folder of the project's own sample articles (package data)."""
    return Path(__file__).parent / "data" / "sample"


def sample_gold() -> Path:
    """Gold annotations of the sample corpus (``gold/FORMAT.md`` shape), for ``kg eval``."""
    return Path(__file__).parent / "data" / "sample_gold"


def list_inputs(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Expand files and folders into a sorted list of input files.

    Raises:
        UsageError: a path does not exist.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            found.extend(_walk(path))
        else:
            found.append(path)
    return sorted(dict.fromkeys(found))


def _walk(root: Path) -> Iterator[Path]:
    # os.walk with followlinks=False never enters a symlink loop; symlinked
    # files are still listed and read.
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            if Path(name).suffix.lower() in SUFFIXES and not name.startswith("."):
                yield Path(folder) / name


def read_sources(paths: Iterable[str | os.PathLike]) -> Iterator[Source | Failure]:
    """Read every input file; yield one ``Source`` per article or a ``Failure``."""
    for path in list_inputs(paths):
        yield from read_file(path)


def read_file(path: Path) -> Iterator[Source | Failure]:
    """Read one file into its articles (several for JSON Lines)."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        yield Failure(str(path), f"unsupported file type {path.suffix!r} (use .txt, .html, .htm or .jsonl)")
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Failure(str(path), f"file too large ({size // 2**20} MB > {MAX_BYTES // 2**20} MB)")
            return
        data = path.read_bytes()
    except OSError as e:
        yield Failure(str(path), f"cannot read: {e.strerror or e}")
        return
    text = decode(data)
    if text is None:
        yield Failure(str(path), "not text (binary data or unknown encoding)")
        return
    if kind == "jsonl":
        yield from _read_jsonl(path, text)
    else:
        yield Source(id=path.name, path=str(path), kind=kind, text=text)


def decode(data: bytes) -> str | None:
    """Decode bytes of a Korean web page, or None when they are not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        return None
    for encoding in ("utf-8", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    return data.decode(best.encoding, errors="replace")


def _read_jsonl(path: Path, text: str) -> Iterator[Source | Failure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Failure(where, f"malformed JSON: {e.msg} at column {e.colno}")
            continue
        if not isinstance(record, dict):
            yield Failure(where, "a JSON Lines record must be an object")
            continue
        body = record.get("text") or record.get("html")
        if not isinstance(body, str) or not body.strip():
            yield Failure(where, "record has no 'text' or 'html' string")
            continue
        try:
            published = _iso_date(record.get("published"))
        except ValueError as e:
            yield Failure(where, f"bad 'published' date: {e}")
            continue
        yield Source(
            id=str(record.get("id") or f"{path.name}:{number}"),
            path=str(path),
            kind="html" if not record.get("text") else "txt-body",
            text=body,
            url=_opt_str(record.get("url")),
            title=_opt_str(record.get("title")),
            published=published,
            publisher=_opt_str(record.get("publisher")),
        )


def _iso_date(value: object) -> date | None:
    if value in (None, ""):
        return None
    return date.fromisoformat(str(value)[:10])


def _opt_str(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None

"""Read documents from files and folders into ``Source`` records.

Plain-text page dumps (``.txt``), HTML (``.html``/``.htm``) and JSON Lines
(``.jsonl``, one article per line). Encodings are detected: UTF-8 (with or
without BOM), UTF-16 with BOM, CP949/EUC-KR. A file that cannot be read
yields a ``Failure`` and reading goes on.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import UsageError
from kg.ingest.index import iso_day, read_index
from kg.records import Failure, Source

SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
MAX_BYTES = 64 * 1024 * 1024  # larger inputs are refused, not read into memory
MAX_PAGE_BYTES = 10 * 1024 * 1024  # one web page (.txt/.html); news pages are well under 2 MB
# Control characters that XML 1.0 (GraphML, GEXF, the viewer) cannot carry: vertical tab, form feed and
# the file/group/record separators end a line (as str.splitlines says); the others go.
_LINE_CONTROLS = re.compile("[\x0b\x0c\x1c-\x1e]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f\ufffe\uffff]")


def sample_corpus() -> Path:
    """The folder of the project's own sample articles (package data)."""
    return Path(__file__).resolve().parents[1] / "data" / "sample"


def sample_gold() -> Path:
    """Gold annotations of the sample corpus (``gold/FORMAT.md`` shape), for ``kg eval``."""
    return Path(__file__).resolve().parents[1] / "data" / "sample_gold"


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
    """Read every input file; yield one ``Source`` per article or a ``Failure``.

    A page's metadata missing from the page comes from the index beside its folder (``kg.ingest.index``).
    """
    indexes: dict[Path, dict[str, dict[str, str]]] = {}
    for path in list_inputs(paths):
        for item in read_file(path):
            if isinstance(item, Source) and path.suffix.lower() != ".jsonl":
                if path.parent not in indexes:
                    indexes[path.parent] = read_index(path.parent)
                item = with_index(item, indexes[path.parent].get(path.name))
            yield item


def with_index(source: Source, row: dict[str, str] | None) -> Source:
    """``source`` with the url, publisher, date and title of its index row (what the source has wins)."""
    if not row:
        return source
    return replace(source, url=source.url or row.get("url"), publisher=source.publisher or row.get("publisher"),
                   published=source.published or iso_day(row.get("published")), title=source.title or row.get("title"))


def read_file(path: Path) -> Iterator[Source | Failure]:
    """Read one file into its articles (several for JSON Lines)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8, kept by Python as lone surrogates
        yield Failure(printable_path(path), "the file name is not valid UTF-8: rename the file (or its folder)")
        return
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        yield Failure(str(path), f"unsupported file type {path.suffix!r} (use .txt, .html, .htm or .jsonl)")
        return
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            yield Failure(str(path), "not a regular file")
            return
        size, limit = info.st_size, MAX_BYTES if kind == "jsonl" else MAX_PAGE_BYTES
        if size > limit:
            hint = "" if kind == "jsonl" else " for one web page: split it into articles, or use JSON Lines"
            yield Failure(str(path), f"file too large ({size // 2**20} MB > {limit // 2**20} MB){hint}")
            return
        data = path.read_bytes()
    except OSError as e:
        yield Failure(str(path), f"cannot read: {e.strerror or e}")
        return
    text = decode(data, declared_charset(data) if kind == "html" else None)
    if text is None:
        yield Failure(str(path), "not text: binary data or an unknown encoding (expected UTF-8, UTF-16 with BOM, CP949/EUC-KR)")
        return
    if not text.strip():
        yield Failure(str(path), "empty file")
        return
    if kind == "jsonl":
        yield from _read_jsonl(path, text)
    else:
        yield Source(id=path.name, path=str(path), kind=kind, text=clean(text))


def clean(text: str) -> str:
    """``text`` without control characters: the line-ending ones become ``\\n``, the others are removed.

    Done when reading, so that every output (RDF, GraphML, GEXF, CSV, the
    viewer) and every offset refer to the same, printable text.
    """
    return _CONTROLS.sub("", _LINE_CONTROLS.sub("\n", text))


def printable_path(path: str | os.PathLike) -> str:
    """A path as text that can be printed and written as UTF-8 (bytes that are not UTF-8 as ``\\xff``)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def decode(data: bytes, declared: str | None = None) -> str | None:
    """Decode bytes of a Korean web page, or None when they are not text.

    UTF-8 (with or without BOM) and UTF-16 with a BOM first; then CP949 (a
    superset of EUC-KR; Korean pages often declare a wrong charset); then the
    charset an HTML page declares; then charset-normalizer. Text decoded with many control characters is refused
    as binary.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        return None
    text = _decode_strict(data, ("utf-8", "cp949", *([declared] if declared else [])))
    if text is None:
        text = _decode_mostly_utf8(data) or _decode_guess(data)
    if text is None or _looks_binary(text):
        return None
    return text


def _decode_strict(data: bytes, encodings: Iterable[str]) -> str | None:
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _decode_mostly_utf8(data: bytes) -> str | None:
    # UTF-8 with a few broken bytes (a file cut mid-character, one bad byte):
    # CP949 read as UTF-8 breaks on nearly every Hangul syllable instead.
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F)
    return text if broken * 10 <= multibyte or (broken <= 3 and multibyte > 3 * broken) else None


def _decode_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding, errors="replace")
    except LookupError:
        return None


# Control characters but tab, line feed, vertical tab, form feed, carriage return and escape (\t\n\v\f\r\x1b).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _looks_binary(text: str) -> bool:
    # counted by a regular expression: a Python loop over each character took 0.4 s per 1,000 articles
    sample = text[:20_000]
    controls = len(_CONTROLS.findall(sample))
    return controls > max(8, len(sample) // 100)


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag (first 4 KB), if any."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


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
            id=clean(str(record.get("id") or f"{path.name}:{number}")),
            path=str(path),
            kind="html" if not record.get("text") else "txt-body",
            text=clean(body),
            url=_opt_str(record.get("url")),
            title=_opt_str(record.get("title")),
            published=published,
            publisher=_opt_str(record.get("publisher")),
        )


def _iso_date(value: object) -> date | None:
    # ISO dates or datetimes, and the printed forms of Korean pages (2024.03.04).
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        from kg.ingest.dates import parse_printed_date

        found = parse_printed_date(str(value))
        if found is None:
            raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)") from None
        return found


def _opt_str(value: object) -> str | None:
    return clean(str(value)).strip() or None if value is not None else None

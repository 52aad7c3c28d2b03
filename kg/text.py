"""Names as text: the one name normalizer, readable IRI segments, suffix matching.

``normalize`` is how coreference, cross-article resolution, scoring against
gold files and the network search compare names: two forms that normalize
alike are the same name. ``slug`` turns a name into a readable, safe IRI path
segment: Hangul, Latin letters and digits stay readable (IRIs allow
Unicode); whitespace becomes ``_``; every other character is
percent-encoded; very long names are cut and suffixed with a hash so that
IRIs stay short and distinct.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from typing import Iterable
from urllib.parse import quote

_DROP = re.compile(r"[\s·ㆍ・․\-‐‑–—]")
# Corporate-form markers are not part of a name (gold/FORMAT.md, 2026-12-06): ㈜광진 = 광진.
_CORPORATE = re.compile(r"㈜|㈔|\(주\)|\(재\)|\(사\)|\(유\)|주식회사|재단법인|사단법인|유한회사")
_MAX_SLUG = 80


def normalize(name: str) -> str:
    """NFC, corporate-form markers, whitespace, middle dots and hyphens removed, Latin lower-cased."""
    return _DROP.sub("", _CORPORATE.sub("", unicodedata.normalize("NFC", name))).lower()


@functools.lru_cache(maxsize=1 << 16)  # article ids and names recur in every IRI of an article
def slug(name: str) -> str:
    """A readable IRI path segment for ``name``."""
    text = unicodedata.normalize("NFC", name).strip()
    parts = []
    for ch in text:
        if ch.isspace():
            parts.append("_")
        elif (ch.isalnum() and ch.isprintable()) or ch in "-.~":
            parts.append(ch)
        else:
            parts.append(quote(ch, safe=""))
    out = "".join(parts) or "_"
    if len(out) > _MAX_SLUG:
        out = out[:_MAX_SLUG].rstrip("%0123456789ABCDEF") + "-" + digest(text)
    return out


def digest(*parts: object, size: int = 10) -> str:
    """A short stable hash of ``parts``."""
    data = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:size]


def ends_with(word: str, suffixes: Iterable[str]) -> str | None:
    """The longest of ``suffixes`` that ``word`` ends with (and is longer than)."""
    seen = _SEEN.get(id(suffixes))
    if seen is not None and seen[0] is suffixes:
        longest, members = seen[1]
    else:
        longest, members = _by_length(tuple(suffixes))
        if type(suffixes) is tuple:  # kept here, so its id is no other's; immutable, so its content is the same
            if len(_SEEN) >= 64:
                _SEEN.clear()
            _SEEN[id(suffixes)] = (suffixes, (longest, members))
    for n in range(min(len(word) - 1, longest), 0, -1):
        if word[-n:] in members:
            return word[-n:]
    return None


# Tuples of suffixes by identity: the lexicons' tuples come again and again (~200 calls an article), and
# ``_by_length``'s key, the tuple itself, is hashed element by element at every call (0.7 of 2.3 us).
_SEEN: dict[int, tuple[tuple[str, ...], tuple[int, frozenset[str]]]] = {}


@functools.lru_cache(maxsize=64)
def _by_length(suffixes: tuple[str, ...]) -> tuple[int, frozenset[str]]:
    return max(map(len, suffixes), default=0), frozenset(suffixes)


def shorten(form: str, parts: tuple[tuple[str, str], ...]) -> tuple[str, list[str]]:
    """A normalized ``form`` with each long part written short, in the order of ``parts`` (long, short; normalized
    here, once per table), and the steps taken."""
    short, steps = form, []
    for long_part, short_part in _normalized(parts):
        if long_part in short:
            short = short.replace(long_part, short_part)
            steps.append(f"{long_part} = {short_part}")
    return short, steps


@functools.lru_cache(maxsize=8)
def _normalized(parts: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((normalize(a), normalize(b)) for a, b in parts)

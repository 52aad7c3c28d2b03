"""Deterministic, readable IRIs that are safe for any name.

Hangul, Latin letters and digits stay readable (IRIs allow Unicode);
whitespace becomes ``_``; every other character is percent-encoded; very
long names are cut and suffixed with a hash so that IRIs stay short and
distinct.
"""

from __future__ import annotations

import hashlib
import unicodedata
from urllib.parse import quote

_MAX_SLUG = 80


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

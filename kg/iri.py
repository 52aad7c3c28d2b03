"""Deterministic, readable IRIs that are safe for any name.

Hangul, Latin letters and digits stay readable (IRIs allow Unicode);
whitespace becomes ``_``; every other character is percent-encoded; very
long names are cut and suffixed with a hash so that IRIs stay short and
distinct.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from urllib.parse import quote

from kg.errors import UsageError

_MAX_SLUG = 80
# Characters an IRI may not hold (RFC 3987), whitespace and controls included.
BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def base_iri(base: str) -> str:
    """``base`` checked to be an absolute IRI, ending in ``/`` or ``#``.

    Raises:
        UsageError: it has no scheme, or a character an IRI may not hold.
    """
    if not _SCHEME.match(base) or BAD_IRI_CHARS.search(base):
        raise UsageError(f"--base-iri {base!r} is not an absolute IRI (e.g. https://example.org/kg/)")
    return base if base.endswith(("/", "#")) else base + "/"


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

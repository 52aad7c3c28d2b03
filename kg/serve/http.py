"""HTTP details of ``kg serve``: errors as answers, the request body, content negotiation, Host and Origin checks."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

MAX_BODY = 1_000_000  # bytes of a POSTed query
ASSETS = Path(__file__).resolve().parents[1] / "assets"  # the server's own files (package data)


@lru_cache(maxsize=None)
def asset(name: str) -> bytes:
    """A file under ``kg/assets`` (``name`` relative to it), read once per process: it is package data."""
    return (ASSETS / name).read_bytes()


class HttpError(Exception):
    """An HTTP answer other than 200, with a plain-text reason."""

    def __init__(self, status: str, reason: str, headers: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.headers = list(headers)


def read_body(environ: dict) -> bytes:
    """The request body, at most ``MAX_BODY`` bytes, its length given and consistent.

    Raises:
        HttpError: 400 for a length that is not a non-negative number, 411
            for a POST without one, 413 for a body over ``MAX_BODY``.
    """
    raw = (environ.get("CONTENT_LENGTH") or "").strip()
    if not raw:
        if environ["REQUEST_METHOD"] == "POST":
            raise HttpError("411 Length Required", "send Content-Length with the body of a POST")
        return b""
    if not raw.isdigit():  # also refuses "-1", "+5", " 5, 5"
        raise HttpError("400 Bad Request", f"bad Content-Length {raw[:40]!r}: give the body's size in bytes")
    size = int(raw)
    if size > MAX_BODY:
        raise HttpError("413 Content Too Large", f"the request body is larger than {MAX_BODY} bytes")
    body = environ["wsgi.input"].read(size) if size else b""
    if len(body) != size:
        raise HttpError("400 Bad Request", f"the body has {len(body)} bytes, Content-Length said {size}")
    return body


def decode(data: bytes, what: str) -> str:
    """UTF-8 text of a request part.

    Raises:
        HttpError: 400 when it is not UTF-8.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise HttpError("400 Bad Request", f"the {what} is not UTF-8 (byte {e.start}): send UTF-8") from e


def negotiate(accept: str, table: dict[str, str]) -> tuple[str, str]:
    """The media type and format for an Accept header (the table's first type when anything goes).

    Raises:
        HttpError: 406 when nothing acceptable is in the table.
    """
    choices = []
    for i, part in enumerate(p.strip() for p in accept.split(",") if p.strip()):
        media, *options = [x.strip() for x in part.split(";")]
        q = 1.0
        for opt in options:
            if opt.startswith("q="):
                try:
                    q = float(opt[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media.lower()))
    if not choices:
        choices = [(-1.0, 0, "*/*")]
    for negq, _, media in sorted(choices):
        if negq == 0:
            break
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*"):
            family = media.split("/")[0]
            for candidate in table:
                if family == "*" or candidate.startswith(family + "/"):
                    return candidate, table[candidate]
    raise HttpError("406 Not Acceptable", "acceptable types: " + ", ".join(table))


def host_name(host: str) -> str:
    """The name or address of a ``Host`` header, without the port or the brackets of an IPv6 address."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def check_host(environ: dict, allowed: frozenset[str]) -> None:
    """Refuse a ``Host`` that is a name other than localhost and ``allowed`` (DNS rebinding).

    A page on another site whose name is made to resolve to this machine
    sends its own name as ``Host``; an IP address, ``localhost`` or a name
    the operator allowed (``--allow-host``) cannot come from such a page.

    Raises:
        HttpError: 400 for any other name.
    """
    name = host_name(environ.get("HTTP_HOST") or environ.get("SERVER_NAME") or "")
    if name in allowed or name == "localhost":
        return
    try:
        ipaddress.ip_address(name)
    except ValueError:
        raise HttpError("400 Bad Request", f"Host {name[:80]!r} is not this server's: use its address, or "
                                           "start kg serve with --allow-host NAME") from None


def check_origin(environ: dict) -> None:
    """Refuse a POST that a browser sent from a page of another origin (cross-site request forgery).

    Raises:
        HttpError: 403 when ``Origin`` is not this server, or the browser says the request is cross-site.
    """
    origin = environ.get("HTTP_ORIGIN")
    site = environ.get("HTTP_SEC_FETCH_SITE", "")
    if site in ("cross-site", "same-site"):
        raise HttpError("403 Forbidden", "requests from pages of other sites are refused")
    if origin is None:
        return  # not from a browser page (curl, SPARQLWrapper, httpx …)
    parts = urlsplit(origin)
    if origin == "null" or parts.netloc.lower() != (environ.get("HTTP_HOST") or "").lower():
        raise HttpError("403 Forbidden", f"requests from pages of other origins ({origin[:80]}) are refused")

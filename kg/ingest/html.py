"""HTML pages: their visible text and the metadata of their ``<meta>`` tags (lxml)."""

from __future__ import annotations

import re
from datetime import date


def _parse_html(html: str):
    import lxml.html

    # lxml refuses str input that carries an XML encoding declaration; the text is decoded already.
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        return lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block per line; scripts and styles dropped."""
    root = _parse_html(html)
    if root is None:
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template|//head|//svg|//iframe"):
        bad.drop_tree()
    blocks = "p div li h1 h2 h3 h4 h5 h6 br tr figcaption header footer section article nav dt dd blockquote".split()
    for el in root.iter(*blocks):
        el.tail = "\n" + (el.tail or "")
    return re.sub(r"\n\s*\n+", "\n", root.text_content()).strip()


def html_meta(html: str) -> dict[str, str]:
    """Title, published date, publisher and URL from ``<meta>`` tags (Open Graph, article:*)."""
    root = _parse_html(html)
    if root is None:
        return {}
    keys = {
        "og:title": "title", "twitter:title": "title", "og:site_name": "publisher", "og:url": "url",
        "article:published_time": "published", "og:article:published_time": "published", "pubdate": "published",
        "publishdate": "published", "date": "published", "datepublished": "published", "article.published": "published",
    }
    meta: dict[str, str] = {}
    for el in root.iter("meta"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if name in keys and value and keys[name] not in meta:
            meta[keys[name]] = value
    return meta


def meta_date(value: str | None) -> date | None:
    """The date of an ISO date or datetime in a meta tag (``2024-05-20T10:12:00+09:00``)."""
    if not value:
        return None
    m = re.match(r"\s*((?:19|20)\d{2})-?(\d{2})-?(\d{2})", value)
    try:
        return date(int(m[1]), int(m[2]), int(m[3])) if m else None
    except ValueError:
        return None

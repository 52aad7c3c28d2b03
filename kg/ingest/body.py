"""Find the article body and its metadata in a ``Source``: the stage's entry, ``find_body``.

Page dumps: the body starts at the first *sentence line* and stops at a
footer marker (copyright, 관련기사, 많이 본 뉴스, a byline or e-mail) or a run
of short lines; short lines inside it are subheadings (``kg.ingest.page``).
The header zone above it gives the title, the deck and the publisher
(``kg.ingest.header``) and the date (``kg.ingest.dates.find_published``).
The text is the headline, the deck, then the body; photo captions (``▲ …``,
``사진=…``, ``/… 제공``, a trailing ``(기관명)``) are dropped when they repeat
the body and kept without their credit when they name something it does
not; the ``(지역=매체) 기자 =`` prefix of the first body line is cut.

HTML: trafilatura for the body, meta tags for the metadata, the visible text
read like a dump as a fallback. JSON Lines text is already a body. Metadata
given with the source (JSON Lines) wins over what the page prints.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from itertools import islice

from kg.ingest.dates import find_published
from kg.ingest.header import date_in_furniture, find_deck, find_publisher, find_title
from kg.ingest.html import html_meta, html_to_text, meta_date
from kg.ingest.page import (
    HANGUL,
    MENU_WORDS,
    WEATHER_LINE,
    Page,
    bigrams,
    caption_title,
    clean_caption,
    is_caption,
    is_cut_sentence,
    is_end,
    is_prose,
    is_sentence_line,
    repeats,
    split_trailer,
    strip_dateline,
)
from kg.records import Article, Source

# Lines inside a body that are neither text nor an end: ad slots, tracking codes.
_INLINE_JUNK = re.compile(r"^(?:광고|AD|Advertisement|[^가-힣]{1,30})$")
_MAX_SHORT_RUN = 2


def find_body(source: Source) -> Article:
    """The article in ``source``: body text, title, date, publisher."""
    if source.kind == "html":
        return _from_html(source)
    if source.kind == "txt-body":
        return _article(source, source.text.strip(), None, None, None)
    return _from_dump(source)


def _from_dump(source: Source) -> Article:
    page = Page([part for line in source.text.splitlines() for part in split_trailer(line.strip())
                 if not WEATHER_LINE.match(part)])
    _find_zones(page)
    header = page.lines[: page.start if page.start is not None else len(page.lines)]
    publisher = find_publisher(page)
    title_at, title = find_title(header, publisher)
    deck = find_deck(header, title_at)
    published = find_published(header) or date_in_furniture(page)
    text = _assemble(page, [(-1, title)] + deck if title else deck, header)
    return _article(source, text if page.body else "", title, published, publisher)


def _find_zones(page: Page, tries: int = 5) -> None:
    """Body start, end, lines and captions; a lone sentence line (a teaser above the article) is skipped."""
    starts = list(islice((i for i, line in enumerate(page.lines) if is_sentence_line(line)), tries))  # not every line
    for start in starts:
        _read_from(page, start)
        if len(page.body) >= 2:
            return
    if starts:
        _read_from(page, starts[0])
    else:
        page.start, page.end = None, len(page.lines)


def _read_from(page: Page, start: int) -> None:
    lines = page.lines
    page.start, page.end, page.body, page.captions = start, len(lines), [], []
    pending: list[tuple[int, str]] = []  # short lines: subheadings if body follows
    run = 0
    for i in range(start, len(lines)):
        line = lines[i]
        if not line:
            continue
        if is_end(line):
            page.end = i
            return
        if _INLINE_JUNK.match(line):
            continue
        if is_caption(line):
            page.captions.append((i, line))
        elif is_sentence_line(line) or is_prose(line):
            page.body.extend(pending)
            page.body.append((i, line))
            pending, run = [], 0
        else:
            run += 1
            if run > _MAX_SHORT_RUN:
                page.end = i
                return
            if not MENU_WORDS.search(line):
                pending.append((i, line))
    if pending and pending[-1][0] == _last_line(lines) and is_cut_sentence(pending[-1][1]):
        page.body.extend(pending)  # the page stops mid-sentence: its last line is the article's


def _last_line(lines: list[str]) -> int:
    return max((i for i, line in enumerate(lines) if line), default=-1)


def _assemble(page: Page, deck: list[tuple[int, str]], header: list[str]) -> str:
    body = list(page.body)
    if body:
        body[0] = (body[0][0], strip_dateline(body[0][1]))
    known = set().union(*(bigrams(text) for _, text in deck + body))
    header_captions = [(i, line) for i, line in enumerate(header) if is_caption(line) and not caption_title(header, i)]
    cleaned = [(at, clean_caption(line)) for at, line in header_captions + page.captions]
    unique = set(_dedupe([text for _, text in cleaned]))
    kept = []
    for at, text in cleaned:
        if text in unique and len(HANGUL.findall(text)) >= 5 and not repeats(text, known):
            kept.append((at, text))
            known |= bigrams(text)
    ordered = sorted(deck + kept + body, key=lambda x: x[0])
    return "\n".join(_dedupe([text for _, text in ordered]))


def _dedupe(lines: list[str], window: int = 3) -> list[str]:
    # Drop exact repeats, and of two neighbouring lines where one ends the other keep
    # the shorter (a caption printed as ``NSP통신-…`` and again without the prefix).
    out: list[str] = []
    seen: set[str] = set()
    for line in lines:
        if line in seen:
            continue
        seen.add(line)
        near = range(max(0, len(out) - window), len(out))
        j = next((k for k in near if min(len(out[k]), len(line)) >= 10 and (out[k].endswith(line) or line.endswith(out[k]))), None)
        if j is None:
            out.append(line)
        elif len(line) < len(out[j]):
            out[j] = line
    return out


def _from_html(source: Source) -> Article:
    import trafilatura

    dump = _from_dump(replace(source, kind="txt", text=html_to_text(source.text)))
    extracted = trafilatura.bare_extraction(source.text, with_metadata=True, include_comments=False, favor_precision=True)
    body = ""
    if extracted is not None:
        body = "\n".join(line.strip() for line in (extracted.text or "").splitlines() if line.strip())
    meta = html_meta(source.text)
    title = source.title or meta.get("title") or dump.title or (extracted.title if extracted else None)
    if body and title and not body.startswith(title):
        body = f"{title}\n{body}"
    return Article(
        id=source.id,
        path=source.path,
        text=body or dump.text,
        title=title,
        published=source.published or meta_date(meta.get("published")) or dump.published,
        publisher=source.publisher or meta.get("publisher") or dump.publisher,
        url=source.url or meta.get("url") or (extracted.url if extracted else None),
    )


def _article(source: Source, text: str, title: str | None, published: date | None, publisher: str | None) -> Article:
    # Metadata given with the source (JSON Lines) wins over what the page prints.
    return Article(
        id=source.id,
        path=source.path,
        text=text,
        title=source.title or title,
        published=source.published or published,
        publisher=source.publisher or publisher,
        url=source.url,
    )

"""Stage 2: find the article body and its metadata in a ``Source``.

Page dumps carry menus, bylines, captions, footers and teasers of other
articles; a line-based heuristic keeps the body lines (see
``research/NOTES.md``). HTML goes through trafilatura. JSON Lines text is
already a body; its metadata wins over anything found in the text.
"""

from __future__ import annotations

import re

from kg.dates import find_published
from kg.records import Article, Source

_SENTENCE_END = re.compile(r"(다|요|까|음|함|됨|임)[.!?]?\s*[\"”’'」)]*\s*$|[.!?][\"”’'」)]*\s*$")
_FOOTER = re.compile(
    r"^\s*(Copyright|COPYRIGHT|ⓒ|©|<저작권자|저작권자|\[저작권자|무단전재|\[뉴스출처|사이트 ?정보|더보기|관련기사|관련 기사|많이 본|"
    r"인기기사|주요기사|최신기사|이 기사를|기사제보|Tag|태그)"
)
_EMAIL_ONLY = re.compile(r"^\s*[\w.+-]+@[\w-]+(\.[\w-]+)+\s*$")
_CAPTION = re.compile(r"^\s*[▲△▶▷]|(사진\s*=|\(사진|제공\)?\s*$|ⓒ|©)")
_MIN_SENTENCE_LINE = 25
_MAX_SHORT_RUN = 2


def find_body(source: Source) -> Article:
    """The article in ``source``: body text, title, date, publisher."""
    if source.kind == "html":
        return _from_html(source)
    if source.kind == "txt-body":
        return _article(source, source.text.strip(), source.title)
    return _from_dump(source)


def is_sentence_line(line: str) -> bool:
    """A body-like line: long enough and ending like a Korean sentence."""
    stripped = line.strip()
    return len(stripped) >= _MIN_SENTENCE_LINE and bool(_SENTENCE_END.search(stripped)) and not _CAPTION.search(stripped)


def _from_dump(source: Source) -> Article:
    lines = source.text.splitlines()
    start = next((i for i, line in enumerate(lines) if is_sentence_line(line)), None)
    if start is None:
        return _article(source, "", _guess_title(lines, len(lines)))
    body: list[str] = []
    short_run: list[str] = []
    for line in lines[start:]:
        stripped = line.strip()
        if _FOOTER.search(stripped) or _EMAIL_ONLY.match(stripped):
            break
        if not stripped:
            continue
        if is_sentence_line(stripped):
            body.extend(short_run)
            short_run = []
            body.append(stripped)
        elif _CAPTION.search(stripped):
            continue
        else:
            short_run.append(stripped)
            if len(short_run) > _MAX_SHORT_RUN:
                break
    article = _article(source, "\n".join(body), _guess_title(lines, start))
    published = source.published or find_published(lines[:start])
    return Article(**{**article.__dict__, "published": published})


def _guess_title(lines: list[str], stop: int) -> str | None:
    # The first substantial header line that is not menu furniture.
    for line in lines[:stop]:
        stripped = line.strip()
        if len(stripped) >= 10 and re.search(r"[가-힣]", stripped) and not re.search(r"바로가기|메뉴|로그인|회원가입", stripped):
            return stripped
    return None


def _from_html(source: Source) -> Article:
    import trafilatura

    extracted = trafilatura.bare_extraction(source.text, with_metadata=True, include_comments=False, favor_precision=True)
    if extracted is None:
        return _article(source, "", source.title)
    body = "\n".join(line.strip() for line in (extracted.text or "").splitlines() if line.strip())
    published = source.published
    if published is None and extracted.date:
        from datetime import date

        published = date.fromisoformat(extracted.date[:10])
    return Article(
        id=source.id,
        path=source.path,
        text=body,
        title=source.title or extracted.title,
        published=published,
        publisher=source.publisher or extracted.sitename,
        url=source.url or extracted.url,
    )


def _article(source: Source, text: str, title: str | None) -> Article:
    return Article(
        id=source.id,
        path=source.path,
        text=text,
        title=source.title or title,
        published=source.published,
        publisher=source.publisher,
        url=source.url,
    )

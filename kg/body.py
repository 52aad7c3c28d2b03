"""Stage 2: find the article body and its metadata in a ``Source``.

Page dumps (see ``research/NOTES.md``, "Page dumps"): the body starts at the
first *sentence line* and stops at a footer marker (copyright, 관련기사, 많이 본
뉴스, a byline or e-mail) or a run of short lines; short lines inside it are
subheadings. The header zone above it gives the title (a repeated or first
headline-like line, never a menu, byline or the site name), the deck lines
under the title and the date (``kg.dates.find_published``). The text is the
headline, the deck, then the body; photo captions (``▲ …``, ``사진=…``,
``/… 제공``, a trailing ``(기관명)``) are dropped when they repeat the body and
kept without their credit when they name something it does not; the
``(지역=매체) 기자 =`` prefix of the first body line is cut.

HTML: trafilatura for the body, meta tags for the metadata, the visible text
read like a dump as a fallback. JSON Lines text is already a body. Metadata
given with the source (JSON Lines) wins over what the page prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from kg.dates import find_published, header_date_rank
from kg.read import html_meta, html_to_text, meta_date
from kg.records import Article, Source

_HANGUL = re.compile(r"[가-힣]")
_SENTENCE_END = re.compile(r"(다|요|까|음|함|됨|임|중)[.!?]?\s*[\"”’'」』)]*\s*$|[.!?][\"”’'」』)]*\s*$")
_FOOTER = re.compile(
    r"^\s*[<\[(]?\s*(Copyright|COPYRIGHT|copyright|ⓒ|©|\(c\)|저작권자|저작권|무단전재|뉴스출처|사이트 ?정보|더보기|more|MORE|"
    r"관련\s?기사|관련\s?뉴스|많이 ?본|댓글 많은|인기\s?기사|주요\s?기사|최신\s?기사|추천\s?기사|포토\s?뉴스|이 시각|"
    r"이전\s?기사|다음\s?기사|연재\s?기사|다른\s?기사|기사\s?제보|이 기사를|기자의 다른|Tag|TAG|태그|브랜드 뉴스룸|회사소개)"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(\.[\w-]{1,63})+")
# 성남=정민훈기자 | /황신섭기자 hss@… | 석민기자 sukmin@… | 김하늘 기자 | sky@…
_BYLINE = re.compile(r"^[/\s]*(?:[가-힣]{2,4}\s*=\s*)?[가-힣]{2,4}\s*(?:기자|특파원|통신원)(?:\s|$)")
_CAPTION_MARK = re.compile(r"^\s*[▲△▶▷■]")
_CREDIT = re.compile(
    r"(사진\s*=|\(사진|\[사진|사진\s*제공|[ⓒ©]|/\s*[가-힣A-Za-z·]+\s*제공\s*$|\([^()]{1,20}제공\)\s*$|(?<=[.다])\s*\([^()]{2,20}\)\s*$)"
)
_CLEAN_CREDIT = (
    re.compile(r"\s*[\[(]사진\s*=?[^\])]*[\])]"),
    re.compile(r"\s*[ⓒ©].*$"),
    re.compile(r"\s*/?\s*사진\s*=.*$"),
    re.compile(r"\s*/\s*[가-힣A-Za-z·]+\s*제공\s*$"),
    re.compile(r"\s*\(?[가-힣A-Za-z·]+\s*제공\s*\)?\s*$"),
    re.compile(r"(?<=[.다])\s*\([^()]{2,20}\)\s*$"),
    re.compile(r"\s*(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}\s*[^\s@]{0,64}@[^\s@]{1,255}\s*$"),
    re.compile(r"\s*[^\s@]{1,64}@[^\s@]{1,255}\s*$"),
)
# (경기=NSP통신) 김여울 기자 = | [대구=뉴스핌] 김용락 기자= | [국토매일] | 김하늘 기자 =
_DATELINE = re.compile(
    r"^\s*(?:[\[(【<][^\])】>\n]{1,30}=[^\])】>\n]{0,30}[\])】>]|\[[^\]=\s]{2,12}\])\s*"
    r"(?:[가-힣]{2,4}\s*(?:기자|특파원|통신원)?\s*=\s*)?|^\s*[가-힣]{2,4}\s*(?:기자|특파원)\s*=\s*"
)
# Site furniture phrases (never in a headline or an article sentence).
_MENU_WORDS = re.compile(
    r"바로가기|뒤로가기|전체메뉴|^메뉴|로그인|회원가입|전체검색|기사검색|^검색|페이지 정보|^본문$|상태바|공유하기|공유합니다|"
    r"글자 ?크기|번역할|구독하기|^댓글|조회수|^조회|^광고$|PC ?버전|모바일 ?버전|skip to|기사입력\s*:?\s*$|최종수정\s*:?\s*$|"
    r"^[※#]|^홈\s*>|^HOME\s*>|기후위기시계|실시간 ?뉴스"
)
# Bylines, date lines and e-mails of the header.
_META = re.compile(
    r"작성자|작성일|기사입력|입력\s*[:：]|승인\s*[:：]?\s*\d|등록\s*[:：]?\s*\d|(?<![가-힣])[가-힣]{2,4}\s*(?:기자|특파원)(?![가-힣])|"
    r"[\w.]{1,64}@|\d{1,2}:\d{2}"
)
# Section names of Korean news sites (menu lines are made of them).
_SECTIONS = frozenset(
    "정치 경제 사회 지역 문화 오피니언 포토 국제 스포츠 연예 생활 교육 피플 인물 산업 과학 IT 전국 사설 칼럼 기획 의료 "
    "바이오 정책 인터뷰 스타트업 사람들 기업 금융 부동산 건강 여행 영상 뉴스 전체 홈 HOME 종합 라이프 연재 행정 의회 "
    "환경 세계 증권 지역경제 지역뉴스 전체기사 최신뉴스 속보 IT·과학 자치 교통 복지 노동 농업 관광 기관소식 산업단지".split()
)
_SECTION_SUFFIX = re.compile(r"\s+>\s+[^>]{1,15}$")
_BULLET = re.compile(r"^\s*(?:[•·ㆍ\-–*]\s*)+")
# Lines inside a body that are neither text nor an end: ad slots, tracking codes.
_INLINE_JUNK = re.compile(r"^(?:광고|AD|Advertisement|[^가-힣]{1,30})$")
_MIN_SENTENCE_LINE = 25
_MIN_PROSE_LINE = 40
_MAX_SHORT_RUN = 2


def find_body(source: Source) -> Article:
    """The article in ``source``: body text, title, date, publisher."""
    if source.kind == "html":
        return _from_html(source)
    if source.kind == "txt-body":
        return _article(source, source.text.strip(), None, None, None)
    return _from_dump(source)


def is_sentence_line(line: str) -> bool:
    """A body-like line: long enough and ends like a Korean sentence, not a caption."""
    stripped = line.strip()
    return len(stripped) >= _MIN_SENTENCE_LINE and bool(_SENTENCE_END.search(stripped)) and not is_caption(stripped)


def is_caption(line: str) -> bool:
    """A photo caption: ``▲`` sentence, ``사진=``/``제공``/``©`` credit, or a trailing ``(기관명)``."""
    stripped = line.strip()
    if _CAPTION_MARK.match(stripped):
        return len(stripped) >= 30 or bool(_SENTENCE_END.search(stripped) or _CREDIT.search(stripped))
    return bool(_CREDIT.search(stripped))


def _is_prose(line: str) -> bool:
    # A long line of running text (a paragraph cut mid-sentence still counts).
    return len(line) >= _MIN_PROSE_LINE and line.count(" ") >= 4 and len(_HANGUL.findall(line)) >= len(line) // 3


def _is_end(line: str) -> bool:
    if _FOOTER.search(line):
        return True
    short = len(line) < _MIN_PROSE_LINE
    return short and (bool(_EMAIL.search(line)) or bool(_BYLINE.match(line)))


@dataclass
class _Page:
    """A page dump cut into zones: header lines above the body, then the article lines."""

    lines: list[str]
    start: int | None = None
    end: int = 0
    body: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)
    captions: list[tuple[int, str]] = field(default_factory=list)


def _from_dump(source: Source) -> Article:
    page = _Page([line.strip() for line in source.text.splitlines()])
    _find_zones(page)
    header = page.lines[: page.start if page.start is not None else len(page.lines)]
    publisher = find_publisher(page)
    title_at, title = find_title(header, publisher)
    deck = _deck(header, title_at)
    published = find_published(header) or _date_in_furniture(page)
    text = _assemble(page, [(-1, title)] + deck if title else deck, header)
    return _article(source, text if page.body else "", title, published, publisher)


def _find_zones(page: _Page, tries: int = 5) -> None:
    """Body start, end, lines and captions; a lone sentence line (a teaser above the article) is skipped."""
    starts = [i for i, line in enumerate(page.lines) if is_sentence_line(line)][:tries]
    for start in starts:
        _read_from(page, start)
        if len(page.body) >= 2:
            return
    if starts:
        _read_from(page, starts[0])
    else:
        page.start, page.end = None, len(page.lines)


def _read_from(page: _Page, start: int) -> None:
    lines = page.lines
    page.start, page.end, page.body, page.captions = start, len(lines), [], []
    pending: list[tuple[int, str]] = []  # short lines: subheadings if body follows
    run = 0
    for i in range(start, len(lines)):
        line = lines[i]
        if not line:
            continue
        if _is_end(line):
            page.end = i
            return
        if _INLINE_JUNK.match(line):
            continue
        if is_caption(line):
            page.captions.append((i, line))
        elif is_sentence_line(line) or _is_prose(line):
            page.body.extend(pending)
            page.body.append((i, line))
            pending, run = [], 0
        else:
            run += 1
            if run > _MAX_SHORT_RUN:
                page.end = i
                return
            if not _MENU_WORDS.search(line):
                pending.append((i, line))


def _assemble(page: _Page, deck: list[tuple[int, str]], header: list[str]) -> str:
    body = list(page.body)
    if body:
        body[0] = (body[0][0], strip_dateline(body[0][1]))
    known = set().union(*(_bigrams(text) for _, text in deck + body))
    header_captions = [(i, line) for i, line in enumerate(header) if is_caption(line) and not _caption_title(header, i)]
    cleaned = [(at, clean_caption(line)) for at, line in header_captions + page.captions]
    unique = set(_dedupe([text for _, text in cleaned]))
    kept = []
    for at, text in cleaned:
        if text in unique and len(_HANGUL.findall(text)) >= 5 and not repeats(text, known):
            kept.append((at, text))
            known |= _bigrams(text)
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


def strip_dateline(line: str) -> str:
    """The first body line without its ``(지역=매체) 기자 =`` prefix."""
    m = _DATELINE.match(line)
    return line[m.end():].lstrip() if m and len(line) - m.end() >= 10 else line


def clean_caption(line: str) -> str:
    """A caption without its marker, dateline and credits."""
    text = _CAPTION_MARK.sub("", line).strip()
    text = strip_dateline(text)
    for pattern in _CLEAN_CREDIT:
        text = pattern.sub("", text).strip()
    return text


def repeats(line: str, text: str | set[str], threshold: float = 0.7) -> bool:
    """Whether most of ``line``'s character bigrams already occur in ``text`` (a repeated sentence)."""
    grams = _bigrams(line)
    if not grams:
        return True
    known = text if isinstance(text, set) else _bigrams(text)
    return sum(g in known for g in grams) / len(grams) >= threshold


def _bigrams(text: str) -> set[str]:
    compact = re.sub(r"[^가-힣0-9A-Za-z]", "", text)
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


def _caption_title(lines: list[str], i: int) -> bool:
    # A photo's title: the line right before a caption of the same photo.
    following = next((line for line in lines[i + 1 : i + 4] if line), "")
    return bool(following) and is_caption(following) and not is_caption(lines[i])


# ---------------------------------------------------------------- header: title, deck, date


def _title_form(line: str) -> str:
    return _SECTION_SUFFIX.sub("", _BULLET.sub("", line)).strip()


def _is_menu(line: str) -> bool:
    if _MENU_WORDS.search(line) or line.count("|") >= 2 or line.count(">") >= 2:
        return True
    tokens = [t for t in re.split(r"[|·/\s]+", line) if t]
    sections = sum(t in _SECTIONS for t in tokens)
    spaced = len(re.findall(r"\S\s{2,}(?=\S)", line)) >= 2 and max(map(len, tokens), default=0) <= 6
    return len(tokens) >= 3 and (sections >= 0.6 * len(tokens) or spaced)


def _title_candidate(lines: list[str], i: int, publisher: str | None) -> str | None:
    line = lines[i]
    form = _title_form(line)
    if len(re.sub(r"\s", "", form)) < 10 or not _HANGUL.search(form) or _is_menu(line):
        return None
    if _META.search(form) or header_date_rank(form) or is_caption(form) or _caption_title(lines, i):
        return None
    if publisher and publisher in form and len(form) <= len(publisher) + 6:
        return None
    return form


def find_title(header: list[str], publisher: str | None = None) -> tuple[int | None, str | None]:
    """The headline among the header lines, and the index of its last occurrence.

    A headline-like line printed twice or more wins (pages repeat the title);
    else the first headline-like line.
    """
    forms = {i: f for i in range(len(header)) if (f := _title_candidate(header, i, publisher))}
    if not forms:
        return None, None
    counts: dict[str, int] = {}
    for f in forms.values():
        counts[f] = counts.get(f, 0) + 1
    repeated = [f for f in forms.values() if counts[f] > 1]
    title = repeated[0] if repeated else next(iter(forms.values()))
    last = max(i for i, f in forms.items() if f == title)
    return last, title


def _deck(header: list[str], title_at: int | None) -> list[tuple[int, str]]:
    """Deck lines (subtitles) between the title and the body."""
    if title_at is None:
        return []
    deck = []
    title = _title_form(header[title_at])
    for i in range(title_at + 1, len(header)):
        line = header[i]
        form = _BULLET.sub("", line).strip()
        if len(re.sub(r"\s", "", form)) < 8 or not _HANGUL.search(form) or _is_menu(line) or _title_form(line) == title:
            continue
        if _META.search(form) or header_date_rank(form) or is_caption(form) or _caption_title(header, i):
            continue
        deck.append((i, form))
    return deck


def _date_in_furniture(page: _Page) -> date | None:
    # No date in the header: a full date printed with a caption or byline inside the article.
    lines = [line for _, line in page.captions]
    lines += [line for line in page.lines[page.start or 0 : page.end] if _EMAIL.search(line)]
    found = [r for r in map(header_date_rank, lines) if r is not None]
    return found[0][1] if found else None


# ---------------------------------------------------------------- publisher

_COPYRIGHT = re.compile(
    r"(?:저작권자|Copyright|COPYRIGHT)?\s*(?:[ⓒ©]|\(c\)|Copyright)\s*(?:(?:19|20)\d{2}\s*)?"
    r"(?P<n>[^\s<>()|,][^<>()|,]*?)\s*(?:[,.]?\s*(?:무단|[Aa]ll\s*[Rr]ights|재배포|\(?https?:|\||>|$))"
)
_MASTHEAD = re.compile(r"(?:제호|인터넷신문|신문명|매체명)\s*[:：]\s*(?P<n>[가-힣A-Za-z0-9]{2,20})")
_MEDIA_SUFFIX = re.compile(r"(일보|신문|뉴스|통신|경제|매일|저널|타임즈|타임스|투데이|방송|미디어|뉴스타임|데일리|프레스|닷컴|[A-Za-z])$")
_REGIONS = frozenset(
    "서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주 수원 성남 고양 용인 창원 포항 청주 전주 천안 안산 안양".split()
)


def find_publisher(page: _Page) -> str | None:
    """The newspaper: copyright line below the body, dateline, byline, or a caption credit."""
    footer = page.lines[page.end :] if page.start is not None else page.lines
    for line in footer:
        name = _copyright_name(line)
        if name:
            if not _HANGUL.search(name):
                masthead = next((m["n"] for m in map(_MASTHEAD.search, footer) if m), None)
                return masthead or name
            return name
    first = page.body[0][1] if page.body else ""
    m = re.match(r"^\s*[\[(]\s*(?P<a>[^=\])]{1,15}?)\s*=\s*(?P<b>[^\])]{0,20}?)\s*[\])]", first)
    if m:
        a, b = m["a"].strip(), m["b"].strip()
        if b and not b.endswith("기자") and a in _REGIONS:
            return b
        if a not in _REGIONS:
            return a
    for line in page.lines[: page.start or 0]:
        if _META.search(line):
            head = re.split(r"\s*[|,]\s*", line)[0].strip()
            if head != line and _MEDIA_SUFFIX.search(head) and not head.endswith("기자"):
                return head
    for _, line in page.captions:
        name = _copyright_name(line[max(line.find("©"), line.find("ⓒ")) :]) if re.search("[©ⓒ]", line) else None
        if name:
            return name
    return None


def _copyright_name(line: str) -> str | None:
    m = _COPYRIGHT.search(line)
    if not m or not re.search(r"[ⓒ©]|\(c\)|Copyright|COPYRIGHT", line):
        return None
    name = re.sub(r"^['‘\"“][^'’\"”]*['’\"”]\s*", "", m["n"]).strip(" .'’\"”")
    return name if 2 <= len(name) <= 30 else None


# ---------------------------------------------------------------- HTML


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

"""A page dump as lines: what kind of line each is, and the zones it is cut into.

Page dumps (see ``research/NOTES.md``, "Page dumps") are web pages saved as
text, one block per line: menus, the header (headline, deck, byline, date),
the article's sentence lines and photo captions, then footers. This module
tells those lines apart (``is_sentence_line``, ``is_caption``, footers,
bylines) and cleans captions and the ``(지역=매체) 기자 =`` dateline; ``Page``
holds the zones ``kg.ingest.body`` finds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HANGUL = re.compile(r"[가-힣]")
_SENTENCE_END = re.compile(r"(다|요|까|음|함|됨|임|중)[.!?]?\s*[\"”’'」』)]*\s*$|[.!?][\"”’'」』)]*\s*$")
_FOOTER = re.compile(
    r"^\s*[<\[(]?\s*(Copyright|COPYRIGHT|copyright|ⓒ|©|\(c\)|저작권자|저작권|무단전재|뉴스출처|사이트 ?정보|더보기|more|MORE|"
    r"관련\s?기사|관련\s?뉴스|많이 ?본|댓글 많은|인기\s?기사|주요\s?기사|최신\s?기사|추천\s?기사|포토\s?뉴스|이 시각|"
    r"이전\s?기사|다음\s?기사|연재\s?기사|다른\s?기사|기사\s?제보|이 기사를|기자의 다른|Tag|TAG|태그|브랜드 뉴스룸|회사소개)"
)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(\.[\w-]{1,63})+")
# 성남=정민훈기자 | /황신섭기자 hss@… | 석민기자 sukmin@… | 김하늘 기자 | sky@…
_BYLINE = re.compile(r"^[/\s]*(?:[가-힣]{2,4}\s*=\s*)?[가-힣]{2,4}\s*(?:기자|특파원|통신원)(?:\s|$)")
_CAPTION_MARK = re.compile(r"^\s*[▲△▶▷■]")
# A photo's date and agency after its credit: ``(누리청 제공) 2024.3.12/한빛통신``.
_STAMP = r"(?:\s*(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?\s*/\s*[가-힣A-Za-z0-9]{1,10})?"
_CREDIT = re.compile(
    r"(사진\s*=|\(사진|\[사진|사진\s*제공|[ⓒ©]|/\s*[가-힣A-Za-z·]+\s*제공\s*$|\([^()]{1,20}제공\)" + _STAMP + r"\s*$|"
    r"(?<=[.다])\s*\([^()]{2,20}\)\s*$)"
)
_CLEAN_CREDIT = (
    re.compile(r"\s*[\[(]사진\s*=?[^\])]*[\])]"),
    re.compile(r"\s*[ⓒ©].*$"),
    re.compile(r"\s*/?\s*사진\s*=.*$"),
    re.compile(r"\s*/\s*[가-힣A-Za-z·]+\s*제공\s*$"),
    re.compile(r"\s*\(?[가-힣A-Za-z·]+\s*제공\s*\)?" + _STAMP + r"\s*$"),
    re.compile(r"(?<=[.다])\s*\([^()]{2,20}\)\s*$"),
    re.compile(r"\s*(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}\s*[^\s@]{0,64}@[^\s@]{1,255}\s*$"),
    re.compile(r"\s*[^\s@]{1,64}@[^\s@]{1,255}\s*$"),
)
# (경기=NSP통신) 김여울 기자 = | [대구=뉴스핌] 김용락 기자= | [국토매일] | 김하늘 기자 =
_DATELINE = re.compile(
    r"^\s*(?:[\[(【<][^\])】>\n]{1,30}=[^\])】>\n]{0,30}[\])】>]|\[[^\]=\s]{2,12}\])\s*"
    r"(?:[가-힣]{2,4}\s*(?:기자|특파원|통신원)?\s*=\s*)?|^\s*[가-힣]{2,4}\s*(?:기자|특파원)\s*=\s*"
)
# A weather widget's reading (맑음대구 19.0℃, 구름많음 서울 -2.1℃): site furniture, one city a line.
WEATHER_LINE = re.compile(r"^[•·\s]*(?:맑음|흐림|구름많음|구름조금|흐리고 ?비|비|눈|소나기|박무|연무|안개|황사)\s?[가-힣]{1,6}"
                          r"\s?-?\d{1,2}(?:\.\d)?\s?℃$")
# Site furniture phrases (never in a headline or an article sentence).
MENU_WORDS = re.compile(
    r"바로가기|뒤로가기|전체메뉴|^메뉴|로그인|회원가입|전체검색|기사검색|^검색|페이지 정보|^본문$|상태바|공유하기|공유합니다|"
    r"글자 ?크기|번역할|구독하기|^댓글|조회수|^조회|^광고$|PC ?버전|모바일 ?버전|skip to|기사입력\s*:?\s*$|최종수정\s*:?\s*$|"
    r"^[※#]|^홈\s*>|^HOME\s*>|기후위기시계|실시간 ?뉴스"
)
_MIN_SENTENCE_LINE = 25
_MIN_PROSE_LINE = 40
# A whole article printed as one line (older papers do): several sentences, whatever its last characters.
_MIN_PARAGRAPH_LINE, _INNER_SENTENCE_END = 150, re.compile(r"(다|요)[.!?][\"”’'」』)]*\s")
# A footer or a bracketed byline printed at the end of the body's last line.
# (A bare © is a photo credit, which marks a caption: not a trailer.)
_INLINE_FOOTER = re.compile(
    r"\s*(?:[<\[(【]?\s*(?:저작권자|Copyright\b|무단\s?전재)|"
    r"[\[(【<]\s*[가-힣]{2,4}\s*(?:기자|특파원|통신원)[^\])】>\n]{0,40}[\])】>]\s*$)"
)


@dataclass
class Page:
    """A page dump cut into zones: header lines above the body, then the article lines."""

    lines: list[str]
    start: int | None = None
    end: int = 0
    body: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)
    captions: list[tuple[int, str]] = field(default_factory=list)


def is_sentence_line(line: str) -> bool:
    """A body-like line: long enough and ends like a Korean sentence (or holds several), not a caption."""
    stripped = line.strip()
    if len(stripped) < _MIN_SENTENCE_LINE or is_caption(stripped):
        return False
    return bool(_SENTENCE_END.search(stripped)) or is_paragraph(stripped)


def is_paragraph(line: str) -> bool:
    """A long line of several sentences: an article printed on one line, maybe cut at its end."""
    return len(line) >= _MIN_PARAGRAPH_LINE and len(_INNER_SENTENCE_END.findall(line)) >= 2


def split_trailer(line: str) -> list[str]:
    """A body line with a footer or bracketed byline printed after its last sentence, as two lines.

    ``…라고 말했다. <저작권자 ⓒ 매체 무단전재 금지>`` and ``…밝혔다. [홍길동 기자]``: the
    sentence line, then the footer (which ends the body). A broken character at the very end of
    a line (a page cut mid-character) is dropped.
    """
    line = line.rstrip("\ufffd").rstrip()
    for m in _INLINE_FOOTER.finditer(line):
        before = line[:m.start()]
        if len(before) >= _MIN_PROSE_LINE and _SENTENCE_END.search(before):
            return [before.rstrip(), line[m.start():].strip()]
    return [line]


def is_caption(line: str) -> bool:
    """A photo caption: ``▲`` sentence, ``사진=``/``제공``/``©`` credit, or a trailing ``(기관명)``."""
    stripped = line.strip()
    if _CAPTION_MARK.match(stripped):
        return len(stripped) >= 30 or bool(_SENTENCE_END.search(stripped) or _CREDIT.search(stripped))
    return bool(_CREDIT.search(stripped))


def is_prose(line: str) -> bool:
    # A long line of running text (a paragraph cut mid-sentence still counts).
    return len(line) >= _MIN_PROSE_LINE and line.count(" ") >= 4 and len(HANGUL.findall(line)) >= len(line) // 3


# A word with a case particle and the word after it: running text, not a headline, a menu or a byline.
_PARTICLE_WORD = re.compile(r"[가-힣][)’”'\"]?(?:은|는|이|가|을|를|에서|에게|으로|와|과|의|에)\s\S")


def is_cut_sentence(line: str) -> bool:
    """The start of a sentence cut by the end of the page (``박하늘 누리진흥원장은 "지역``): a scraped page
    that stops at a length limit ends so; the words it holds are the article's own."""
    return (line.count(" ") >= 2 and "…" not in line and not MENU_WORDS.search(line)
            and len(HANGUL.findall(line)) * 2 >= len(line) and bool(_PARTICLE_WORD.search(line)))


def is_end(line: str) -> bool:
    if _FOOTER.search(line):
        return True
    short = len(line) < _MIN_PROSE_LINE
    return short and (bool(EMAIL.search(line)) or bool(_BYLINE.match(line)))


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
    grams = bigrams(line)
    if not grams:
        return True
    known = text if isinstance(text, set) else bigrams(text)
    return sum(g in known for g in grams) / len(grams) >= threshold


def bigrams(text: str) -> set[str]:
    compact = re.sub(r"[^가-힣0-9A-Za-z]", "", text)
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


def caption_title(lines: list[str], i: int) -> bool:
    # A photo's title: the line right before a caption of the same photo.
    following = next((line for line in lines[i + 1 : i + 4] if line), "")
    return bool(following) and is_caption(following) and not is_caption(lines[i])

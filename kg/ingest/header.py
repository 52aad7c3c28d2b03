"""The header zone of a page dump: headline, deck lines and publisher.

The title is a repeated or first headline-like line above the body, never a
menu, byline or the site name; the deck lines are the subtitles between it
and the body; the publisher comes from the copyright line below the body, the
dateline, the byline or a caption credit. The date is ``kg.ingest.dates``'s.
"""

from __future__ import annotations

import re
from datetime import date

from kg.ingest.dates import header_date_rank
from kg.ingest.page import EMAIL, HANGUL, MENU_WORDS, Page, caption_title, is_caption

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


def _title_form(line: str) -> str:
    return _SECTION_SUFFIX.sub("", _BULLET.sub("", line)).strip()


def _is_menu(line: str) -> bool:
    if MENU_WORDS.search(line) or line.count("|") >= 2 or line.count(">") >= 2:
        return True
    tokens = [t for t in re.split(r"[|·/\s]+", line) if t]
    sections = sum(t in _SECTIONS for t in tokens)
    spaced = len(re.findall(r"\S\s{2,}(?=\S)", line)) >= 2 and max(map(len, tokens), default=0) <= 6
    return len(tokens) >= 3 and (sections >= 0.6 * len(tokens) or spaced)


def _title_candidate(lines: list[str], i: int, publisher: str | None) -> str | None:
    line = lines[i]
    form = _title_form(line)
    if len(re.sub(r"\s", "", form)) < 10 or not HANGUL.search(form) or _is_menu(line):
        return None
    if _META.search(form) or header_date_rank(form) or is_caption(form) or caption_title(lines, i):
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


def find_deck(header: list[str], title_at: int | None) -> list[tuple[int, str]]:
    """Deck lines (subtitles) between the title and the body."""
    if title_at is None:
        return []
    deck = []
    title = _title_form(header[title_at])
    for i in range(title_at + 1, len(header)):
        line = header[i]
        form = _BULLET.sub("", line).strip()
        if len(re.sub(r"\s", "", form)) < 8 or not HANGUL.search(form) or _is_menu(line) or _title_form(line) == title:
            continue
        if _META.search(form) or header_date_rank(form) or is_caption(form) or caption_title(header, i):
            continue
        deck.append((i, form))
    return deck


def date_in_furniture(page: Page) -> date | None:
    # No date in the header: a full date printed with a caption or byline inside the article.
    lines = [line for _, line in page.captions]
    lines += [line for line in page.lines[page.start or 0 : page.end] if EMAIL.search(line)]
    found = [r for r in map(header_date_rank, lines) if r is not None]
    return found[0][1] if found else None


_COPYRIGHT = re.compile(
    r"(?:저작권자|Copyright|COPYRIGHT)?\s*(?:[ⓒ©]|\(c\)|Copyright)\s*(?:(?:19|20)\d{2}\s*)?"
    r"(?P<n>[^\s<>()|,][^<>()|,]*?)\s*(?:[,.]?\s*(?:무단|[Aa]ll\s*[Rr]ights|재배포|\(?https?:|\||>|$))"
)
_MASTHEAD = re.compile(r"(?:제호|인터넷신문|신문명|매체명)\s*[:：]\s*(?P<n>[가-힣A-Za-z0-9]{2,20})")
_MEDIA_SUFFIX = re.compile(r"(일보|신문|뉴스|통신|경제|매일|저널|타임즈|타임스|투데이|방송|미디어|뉴스타임|데일리|프레스|닷컴|[A-Za-z])$")
_REGIONS = frozenset(
    "서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주 수원 성남 고양 용인 창원 포항 청주 전주 천안 안산 안양".split()
)


def find_publisher(page: Page) -> str | None:
    """The newspaper: copyright line below the body, dateline, byline, or a caption credit."""
    footer = page.lines[page.end :] if page.start is not None else page.lines
    for line in footer:
        name = _copyright_name(line)
        if name:
            if not HANGUL.search(name):
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

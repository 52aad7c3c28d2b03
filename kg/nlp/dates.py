"""Dates in article text, resolved against the publication date.

``find_dates`` finds the date expressions of one sentence and resolves the
relative ones (``지난 9일``, ``오는 14일``, bare ``30일`` by the verb's tense,
``이날``, ``지난해``, ``지난달``) against the publication date, keeping their
granularity: ``"2023"``, ``"2023-06"``, ``"2023-06-09"``.

Not dates: durations (``22년 동안``, ``6년 간``, ``3개월``), ordinals and
counts (``22주년``, ``제8회``), years inside names (``경기발전 2020``, ``2012
성남산업융합전략 컨퍼런스``, ``‘2015년 … 컨퍼런스’``), and year ranges
(``5개년(2023 ∼ 2027년)``): a range names a period or a plan, never the date
of an event, so ``find_dates`` returns nothing for it (see ``tests/test_dates.py``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DateMention:
    """A date expression in a text, resolved to an ISO value of its granularity."""

    start: int  # offsets into the text passed in
    end: int
    text: str
    value: str | None  # "2023", "2023-06", "2023-06-09"; None when it cannot be resolved
    relative: bool  # True for 지난 9일 / 오는 14일 / 이날 / 지난해 …


_NUM_BEFORE = r"(?<![\d.,·∼~〜\-–])"
# After a number of years/months/days: a duration or an approximate count, not a date
# (22년 동안, 6년 간, 3일간, 10일째, 30일 이내, 3일 전, 10일여, 5일씩); 간담회, 전시회 are not.
_NOT_DURATION = r"(?!\s*(?:동안|간(?![가-힣])|이내|내로|전(?![가-힣])|후(?![가-힣])|뒤(?![가-힣])|가량)|(?:째|여간|여|만에|만의|씩|치))"
_DIGIT = re.compile(r"\d")
_RANGE = re.compile(r"(?:19|20)\d{2}\s*년?\s*[∼~〜\-–]\s*(?:19|20)?\d{2}\s*년")
_FULL = re.compile(
    _NUM_BEFORE + r"(?P<y>(?:19|20)\d{2})(?:\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"
    r"|\.\s?(?P<m2>\d{1,2})\.\s?(?P<d2>\d{1,2})(?![\d])\.?|[-/](?P<m3>\d{1,2})[-/](?P<d3>\d{1,2})(?!\d))"
)
_YEAR_MONTH = re.compile(_NUM_BEFORE + r"(?P<y>(?:19|20)\d{2})\s*년\s*(?P<m>\d{1,2})\s*월(?!\s*\d{1,2}\s*일)")
_YEAR = re.compile(
    _NUM_BEFORE + r"(?P<y>(?:19|20)\d{2})\s*년" + _NOT_DURATION + r"(?!도?\s*[∼~〜\-–])"
)
_MONTH_DAY = re.compile(r"(?<![\d개])(?P<rel>(?:지난|오는)\s*)?(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일" + _NOT_DURATION)
_MONTH = re.compile(r"(?<![\d개.])(?P<rel>(?:지난|오는)\s*)?(?P<m>\d{1,2})\s*월(?!\s*\d)" + _NOT_DURATION)
# 9일 | 13·14일 | 지난 9일 | 오는 14일; not 3일간, 5일 동안, 10일째, 30일 이내, 매월 10일
_DAY = re.compile(
    r"(?<![\d.,월])(?P<rel>(?:지난|오는)\s*)?(?:(?P<d0>\d{1,2})\s*[·,∼~〜\-–]\s*)?(?P<d>\d{1,2})\s*일"
    + _NOT_DURATION
)
_MONTH_WORD = re.compile(r"(?<![가-힣])(이달|이번 달|지난달|지난 달|다음달|다음 달|내달)\s*$")
_RECURRING = re.compile(r"((매월|매달|매년|매주)|(?<![가-힣])(주|하루))\s*$")
_WORDS = {
    "이날": "anchor", "이 날": "anchor", "당일": "anchor", "같은 날": "anchor",
    "올해": ("y", 0), "금년": ("y", 0), "지난해": ("y", -1), "작년": ("y", -1), "재작년": ("y", -2), "내년": ("y", 1),
    "지난 해": ("y", -1), "이달": ("m", 0), "이번 달": ("m", 0), "지난달": ("m", -1), "지난 달": ("m", -1),
    "다음달": ("m", 1), "다음 달": ("m", 1), "내달": ("m", 1),
}
_WORD = re.compile(r"(?<![가-힣])(" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + r")(?![리려렸])")
# The first predicate after a date decides its tense (see _tense).
_PAST = re.compile(
    r"(했|됐|었|았|였|렸|졌|혔|쳤|냈|섰|났|왔|갔|뒀|봤|줬|웠|켰|텼|깼|꿨)"
    r"|(?<![대관위통의인향강단])[한된린진친](?=\s|$|[,.])"
)
_FUTURE = re.compile(r"(한다|된다|린다|연다|는다|간다|(?<!역)할(?=\s)|될(?=\s)|릴(?=\s)|예정|계획이다|열리는|하는|되는|앞두고)")


def find_dates(text: str, published: date | None, anchor: str | None = None) -> list[DateMention]:
    """Date expressions in one sentence, resolved against ``published``.

    ``anchor`` is the last event date resolved earlier in the article (ISO),
    used for 이날/당일/같은 날.
    """
    digits = text if _DIGIT.search(text) else ""  # every pattern but _WORD needs a digit: skip them all
    taken: list[tuple[int, int]] = [m.span() for m in _RANGE.finditer(digits)]
    taken += _quoted_name_years(digits)
    found: list[DateMention] = []

    def add(start: int, end: int, value: str | None, relative: bool) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        found.append(DateMention(start, end, text[start:end], value, relative))

    for m in _FULL.finditer(digits):
        month, day = m["m"] or m["m2"] or m["m3"], m["d"] or m["d2"] or m["d3"]
        value = _iso(int(m["y"]), int(month), int(day))
        if value:
            add(m.start(), m.end(), value, False)
    for m in _YEAR_MONTH.finditer(digits):
        if 1 <= int(m["m"]) <= 12:
            add(m.start(), m.end(), f"{int(m['y']):04d}-{int(m['m']):02d}", False)
    for m in _YEAR.finditer(digits):
        add(m.start("y"), m.end(), m["y"], False)
    for m in _MONTH_DAY.finditer(digits):
        start = m.start("m") if not m["rel"] else m.start()
        add(start, m.end(), _month_day(int(m["m"]), int(m["d"]), published, _direction(m["rel"], text, m.end())), bool(m["rel"]))
    for m in _MONTH.finditer(digits):
        add(m.start() if m["rel"] else m.start("m"), m.end(), _month(int(m["m"]), published, _direction(m["rel"], text, m.end())), True)
    for m in _DAY.finditer(digits):
        _add_days(m, text, published, add)
    for m in _WORD.finditer(text):
        add(m.start(), m.end(), _word_value(_WORDS[m.group(1)], published, anchor), True)
    return sorted(found, key=lambda d: d.start)


def _add_days(m: re.Match, text: str, published: date | None, add) -> None:
    if _RECURRING.search(text[: m.start()]):
        return
    direction = _direction(m["rel"], text, m.end())
    start = m.start() if m["rel"] else m.start("d0") if m["d0"] else m.start("d")
    month = _MONTH_WORD.search(text, max(0, start - 8), start)  # 내달 4일: next month's 4th, whatever the tense
    shift = _WORDS[month.group(1)][1] if month else None
    if m["d0"]:
        # 13·14일: two days; the first is written without 일
        add(start, m.end("d0"), _day_of(int(m["d0"]), published, direction, shift), True)
        start = m.start("d")
    add(start, m.end(), _day_of(int(m["d"]), published, direction, shift), True)


def _day_of(day: int, published: date | None, direction: int, shift: int | None) -> str | None:
    """Day ``day`` of the month ``shift`` months from the published one if a month word says so, else ``_day``."""
    if shift is None or published is None:
        return _day(day, published, direction)
    return _iso(*_shift_month(published.year, published.month, shift), day)


def _quoted_name_years(text: str) -> list[tuple[int, int]]:
    # ‘2016년 지역 바이오 포럼’: a year opening a quoted title is part of the name
    spans = []
    for m in re.finditer(r"[‘'“\"「『<《]\s*((?:19|20)\d{2}\s*년?)\s+[^’'”\"」』>》]{2,60}[’'”\"」』>》]", text):
        spans.append(m.span(1))
    return spans


def _direction(rel: str | None, text: str, end: int) -> int:
    """-1 past (on/before the published date), +1 future, from 지난/오는 or the verb's tense."""
    if rel:
        return -1 if rel.strip() == "지난" else 1
    return _tense(text[end:])


def _tense(after: str) -> int:
    """Tense of the first predicate after a date: -1 past (the default), +1 future."""
    window = re.split(r"[.!?。]\s|\d{1,2}\s*일", after[:200], maxsplit=1)[0]
    past, future = _PAST.search(window), _FUTURE.search(window)
    if future and (not past or future.start() < past.start()):
        return 1
    return -1


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _day(day: int, published: date | None, direction: int) -> str | None:
    """Day ``day`` of the published month, or of the nearest month in ``direction``."""
    if published is None or not 1 <= day <= 31:
        return None
    year, month = published.year, published.month
    before = direction < 0
    if (before and day > published.day) or (not before and day < published.day):
        year, month = _shift_month(year, month, -1 if before else 1)
    for _ in range(12):  # 지난 31일 in a month after a 30-day month: go one more month
        if day <= calendar.monthrange(year, month)[1]:
            return date(year, month, day).isoformat()
        year, month = _shift_month(year, month, -1 if before else 1)
    return None


def _month_day(month: int, day: int, published: date | None, direction: int) -> str | None:
    if published is None:
        return None
    value = _iso(published.year, month, day)
    if value is None:
        return None
    when = date.fromisoformat(value)
    if direction < 0 and when > published:
        return _iso(published.year - 1, month, day)
    if direction > 0 and when < published:
        return _iso(published.year + 1, month, day)
    return value


def _month(month: int, published: date | None, direction: int) -> str | None:
    if published is None or not 1 <= month <= 12:
        return None
    year = published.year
    if direction < 0 and month > published.month:
        year -= 1
    elif direction > 0 and month < published.month:
        year += 1
    return f"{year:04d}-{month:02d}"


def _word_value(rule, published: date | None, anchor: str | None) -> str | None:
    if rule == "anchor":
        return anchor or (published.isoformat() if published else None)
    if published is None:
        return None
    unit, delta = rule
    if unit == "y":
        return f"{published.year + delta:04d}"
    year, month = _shift_month(published.year, published.month, delta)
    return f"{year:04d}-{month:02d}"

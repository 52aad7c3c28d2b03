"""Publication dates printed in page headers.

``find_published`` reads the header zone of a page (``작성일 23-06-15 15:57``,
``기사입력 2012/10/30 [16:10]``, ``노출승인 2018년 07월 03일``, …): labelled
lines win over bare dates. Dates inside article text are ``kg.nlp.dates``'s.
"""

from __future__ import annotations

import re
from datetime import date

# 23-06-15 | 2012/10/30 | 2025.12.16 | 2018년 07월 03일 | 2018-07-03
_YMD = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2}|\d{2})\s*(?:[./-]|년\s*)\s*(?P<m>\d{1,2})\s*(?:[./-]|월\s*)\s*(?P<d>\d{1,2})(?:\s*일)?(?![\d])"
)
_HEADER_LABEL = re.compile(r"(작성일|기사입력|최초입력|입력|등록일?|노출승인|승인|게재|발행일?|송고|수정|업데이트|최종수정)")
_MODIFIED = ("수정", "업데이트", "최종수정")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_BYLINE = re.compile(r"기자|특파원|통신원")


def parse_printed_date(text: str) -> date | None:
    """The first valid calendar date printed in ``text`` (a header line)."""
    for m in _YMD.finditer(text):
        year = int(m["y"])
        if len(m["y"]) == 2:
            year += 2000 if year < 70 else 1900
        try:
            return date(year, int(m["m"]), int(m["d"]))
        except ValueError:
            continue
    return None


def header_date_rank(line: str) -> tuple[int, date] | None:
    """How trustworthy a printed date in a header line is (lower is better), and the date.

    0: labelled (입력, 등록, 승인 …); 1: labelled as modified (수정);
    2: bare but with a time or a byline on the line; 3: bare.
    """
    found = parse_printed_date(line)
    if found is None:
        return None
    label = _HEADER_LABEL.search(line)
    if label:
        return (1 if label.group(1) in _MODIFIED else 0), found
    if _TIME.search(line) or _BYLINE.search(line):
        return 2, found
    return 3, found


def find_published(header_lines: list[str]) -> date | None:
    """The publication date from the header zone above the body.

    Labelled lines (작성일, 입력, 등록, 승인 …) win over bare dates; the label
    수정 (modified) counts only when no other label is printed; the first
    line of the best rank wins.
    """
    ranked = [r for r in map(header_date_rank, header_lines) if r is not None]
    if not ranked:
        return None
    return min(ranked, key=lambda r: r[0])[1]

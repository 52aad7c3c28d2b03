"""Dates: publication dates printed in page headers, and relative dates in text.

Relative expressions (``지난 9일``, ``오는 14일``, ``지난해``) resolve against the
publication date and keep their granularity (``2023``, ``2023-06``,
``2023-06-09``). Durations, ordinals and names with years are not dates.
"""

from __future__ import annotations

import re
from datetime import date

# Printed header forms: 작성일 23-06-15 15:57 | 기사입력 2012/10/30 [16:10] |
# 등록 2025.12.16 16:30:06 | 승인 2020.06.10 | 노출승인 2018년 07월 03일 | 2018-07-03 16:12
_YMD = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2}|\d{2})\s*(?:[./-]|년\s*)\s*(?P<m>\d{1,2})\s*(?:[./-]|월\s*)\s*(?P<d>\d{1,2})(?:\s*일)?(?!\d)"
)
_HEADER_LABEL = re.compile(r"(작성일|기사입력|입력|등록|승인|노출승인|게재|발행|수정|업데이트|송고)")


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


def find_published(header_lines: list[str]) -> date | None:
    """The publication date from the header zone above the body.

    Lines with a label (작성일, 입력, 등록, 승인 …) win over bare dates; the
    label 수정 (modified) counts only when nothing else is printed.
    """
    labelled: list[tuple[int, date]] = []
    bare: list[date] = []
    for line in header_lines:
        found = parse_printed_date(line)
        if found is None:
            continue
        label = _HEADER_LABEL.search(line)
        if label:
            rank = 1 if label.group(1) in ("수정", "업데이트") else 0
            labelled.append((rank, found))
        else:
            bare.append(found)
    if labelled:
        return sorted(labelled, key=lambda x: x[0])[0][1]
    return bare[0] if bare else None

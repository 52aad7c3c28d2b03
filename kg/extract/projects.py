"""Projects listed one by one with where or by whom they run: ``▲누리 소재 산업 육성(경북)``.

Announcements of selected projects list each with a mark (▲) and, in
parentheses, the region or the body that carries it out. The gold names
every such item a Program, however clause-like its name (``…을 활용한 …
개발``): no candidate of the mention model spans a name with particles
inside, so the list's shape says it. The parenthesis must hold names
already found (a place, an organization), which keeps out MOU scope items
(``▲공동 연구 (인력, 장비 등)``) and descriptions. The relations follow from
the parenthesis (``kg.extract.places``, ``kg.extract.programmes``).
"""

from __future__ import annotations

import re

from kg.nlp.mentions import Mention

# ▲ ‘item’(what is in parentheses): no other mark, line break or parenthesis inside the item.
_ITEM = re.compile(r"▲\s?[‘'\"“]?(?P<item>[^▲△■□●○◆◇\n()‘’'\"“”]{4,50}?)[’'\"”]?\s?\((?P<par>[^()\n]{1,20})\)")
_SENTENCE_END = re.compile(r"다[.,]|\.\s")
_BY = ("Place", "Organization")


def listed_projects(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with a Program for each listed item whose parenthesis names places or organizations.

    Names found inside an item are parts of the project's name (보령 in ``보령 머드 산업 육성``) and go.
    """
    items = []
    for m in _ITEM.finditer(text):
        start, end = m.span("item")
        if _SENTENCE_END.search(m.group("item")) or not _names_only(text, m.start("par"), m.end("par"), mentions):
            continue
        items.append(Mention(start, end, "Program", m.group("item")))
    if not items:
        return mentions
    kept = [x for x in mentions if not any(i.start <= x.start and x.end <= i.end or
                                           (x.start < i.end and i.start < x.end) for i in items)]
    return kept + items


def _names_only(text: str, start: int, end: int, mentions: list[Mention]) -> bool:
    """``text[start:end]`` is one or more places or organizations found, apart from spaces and middle dots."""
    inside = sorted((x.start, x.end) for x in mentions if x.type in _BY and start <= x.start and x.end <= end)
    at = start
    for s, e in inside:
        if s < at:
            continue
        if text[at:s].strip(" ·,") != "":
            return False
        at = e
    return bool(inside) and text[at:end].strip(" ·,") == ""

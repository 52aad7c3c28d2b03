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


def listed_projects(text: str, mentions: list[Mention], sent_starts: list[int]) -> list[Mention]:
    """``mentions`` with a Program for each listed item whose parenthesis names places or organizations, and
    for each item of a marked list that the sentence calls projects or programmes.

    Names found inside an item are parts of the project's name (보령 in ``보령 머드 산업 육성``) and go.
    """
    items = []
    for m in _ITEM.finditer(text):
        start, end = m.span("item")
        if _SENTENCE_END.search(m.group("item")) or not _names_only(text, m.start("par"), m.end("par"), mentions):
            continue
        items.append(Mention(start, end, "Program", m.group("item")))
    items += [i for i in _called_projects(text, sent_starts) if not any(i.start < x.end and x.start < i.end for x in items)]
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


# The sentence calls its marked items projects: ``…선도산업 프로젝트인 △A △B``, ``이 사업은 △A △B``, ``△A △B 등 …
# 활성화 프로그램``. Scope items of an agreement (협력, 협약) are none (gold/FORMAT.md).
_CALLED = re.compile(r"(?:프로젝트|사업)(?:인|은|는)\s?[△▲]|등\s(?:[가-힣A-Za-z]+\s){0,3}(?:프로젝트|프로그램)")
_MARKED = re.compile(r"[△▲]\s?([^△▲\n]+)")
# What ends an item: 등 and what follows, the sentence's predicate (…파워그리드로 나뉜다), punctuation.
_TAIL = re.compile(r"\s*(?:등|등을|등이|등의|등에|등으로)(?:\s.*)?$|(?:으로|로|을|를|이|가|에)\s[^\s]*다\.?$|[\s,.]+$")
_CLAUSE = re.compile(r"^.*(?:는|위한|한|된)\s")  # 공장 전력을 관리하는 한빛 팩토리그리드: the name after the clause


def _called_projects(text: str, sent_starts: list[int]) -> list[Mention]:
    """Items of a marked list (△A △B) in a sentence that calls them projects or programmes."""
    out = []
    for start, end in zip(sent_starts, [*sent_starts[1:], len(text)]):
        sentence = text[start:end]
        if len(_MARKED.findall(sentence)) < 2 or not _CALLED.search(sentence) or re.search("협력|협약", sentence):
            continue
        for m in _MARKED.finditer(sentence):
            item = _TAIL.sub("", m.group(1))
            cut = _CLAUSE.match(item)
            a = start + m.start(1) + (cut.end() if cut else 0)
            name = text[a:start + m.start(1) + len(item)]
            if 2 <= len(name) <= 40 and "(" not in name and not _SENTENCE_END.search(name):
                out.append(Mention(a, a + len(name), "Program", name))
    return out

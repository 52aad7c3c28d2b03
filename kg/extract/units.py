"""Units of organizations (``subOrganizationOf``), sentence by sentence.

A unit named after its parent (``누리산업단지공단 한빛지역본부``) or written right
after it (``중소벤처기업부 누리지방중소벤처기업청``); ``X 산하 Y``, ``X 내 A센터``;
the units a subject has (``A센터와 B센터 등을 갖추고``), equips (``A센터의 장비를
늘리고``) or names by its region (``서남지역본부에서``); the departments of a body
that is reorganized (``도시계획부를 신설한다``).
"""

from __future__ import annotations

import re

from kg.extract.entities import Entities, Ref
from kg.extract.sentence import Sentence, after_person, coordinated, subjects
from kg.lang import ko as L
from kg.text import ends_with


def sub_organization(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """Units named after their parent (``누리산업단지공단 한빛지역본부``), ``X 산하``, listed centres."""
    out = []
    for r in s.of("Organization"):
        name = table.text[r.start:r.end]
        parents = [p for p in s.of("Organization") if p.start == r.start and p.end < r.end and p.key != r.key
                   and name[p.end - r.start:].startswith(" ")]
        if parents:
            parent = max(parents, key=lambda p: p.end)
            out.append(("subOrganizationOf", {"child": r.key, "parent": parent.key}))
    for a in s.of("Organization"):  # 중소벤처기업부 누리지방중소벤처기업청: a unit written right after its parent
        b = unit_after(table, s, a)
        if b is not None and not after_person(s, b):
            out.append(("subOrganizationOf", {"child": b.key, "parent": a.key}))
    for m in re.finditer(r"(산하|소속|부설|직속|(?<![가-힣])내(?=\s))", s.text):
        pos = s.start + m.start()
        parent = [r for r in s.of("Organization") if 0 <= pos - r.end <= 2 and re.fullmatch(r"\s?(은|는|의)?\s?", table.text[r.end:pos])]
        after = _APPOSED.match(s.text[m.end():])  # P 산하의 연구 전담 기관인 ‘C’: C, described first
        child = [r for r in s.of("Organization") if r.start == s.start + m.end() + after.end()]
        if m.group(1) == "내":  # 재단 내 A센터, B센터: only units are inside an organization (not 국내, 단지 내)
            listed = [c for c in coordinated(s, child[0]) if c.start >= child[0].start] if child and parent else []
            out += [("subOrganizationOf", {"child": c.key, "parent": parent[-1].key}) for c in listed
                    if c.key != parent[-1].key and ends_with(table.ents[c.key].name, L.UNIT_SUFFIXES)]
            continue
        subj = subjects(s)
        if parent and child and child[0].key != parent[-1].key:  # P 산하 C, P는 산하 C, P 산하기관인 C
            out.append(("subOrganizationOf", {"child": child[0].key, "parent": parent[-1].key}))
        elif parent and subj and subj[0].key != parent[-1].key and _A_BODY.match(s.text, m.end()):  # C는 P 산하 기관이다
            out.append(("subOrganizationOf", {"child": subj[0].key, "parent": parent[-1].key}))
    return out + _listed_units(table, s) + _own_unit(table, s) + _own_branch(table, s)


# Between an organization and its unit: a space, after a parenthesis on the organization (누리공사(사장 김하늘) 한빛본부)
_UNIT_GAP = re.compile(r"(?:\([^()]{0,30}\))?\s")


def unit_after(table: Entities, s: Sentence, r: Ref) -> Ref | None:
    """The unit written right after organization ``r`` (``누리재단 한빛특구본부``, ``누리공사(사장 …) 한빛지역본부``)."""
    gap = _UNIT_GAP.match(s.text, r.end - s.start)
    unit = next((o for o in s.of("Organization") if gap and o.start - s.start == gap.end() and o.key != r.key), None)
    if unit is None or not ends_with(table.ents[unit.key].name, L.ATTACHED_UNIT_SUFFIXES):
        return None
    return unit


_APPOSED = re.compile(r"(?:의)?\s*(?:(?:[^\s]+\s){0,3}?[가-힣]*(?:기관|단체|조직|법인)인\s*)?[‘'\"“]?")


# 산하 기관이다, 소속 공공기관으로: the subject is the unit (not P 산하 전국 22개 센터 and others)
_A_BODY = re.compile(r"\s?(?:공공|연구|출연|전문|준정부|위탁)?(?:기관|단체|조직|법인)")


_HAS_UNITS = re.compile(r"등\s*(핵심\s*)?(인프라|기관|조직|시설|센터)|등을\s*(갖추|두|보유|거느리)|(으로|로)\s*구성")


_EQUIPS = re.compile(r"(늘리|늘린|늘려|확충|보강|증설|개편)")


_REORGANIZES = re.compile(r"(개편|신설|통폐합|통‧폐합|통·폐합|폐지|재편|조직도|직제)")
_DEPARTMENT_ENDS = (*L.ATTACHED_UNIT_SUFFIXES, "부", "과", "실", "국")
_BODIES = frozenset((*L.KNOWN_ORGS, *L.ABBREVIATIONS.values()))  # names of bodies of their own


def reorganized_units(table: Entities, s: Sentence, topic: str | None) -> list[tuple[str, dict]]:
    """``X는 도시계획부, 투자홍보부를 신설한다``, ``A팀 + B팀 ⇒ C팀으로 개편``: departments of the body reorganized.

    The subject organization, else the article's topic; only one-word names with a department's ending
    that name no body of their own (산업통상자원부 is a ministry, not a 부 of the topic).
    """
    if not _REORGANIZES.search(s.text):
        return []
    units = [r for r in s.of("Organization") if _department(table.ents[r.key].name) and not after_person(s, r)]
    subj = [r for r in subjects(s) if r.type == "Organization" and r not in units]  # 총무팀은 …으로 개편: no parent
    parent = subj[0].key if subj else topic
    if parent is None:
        return []
    return [("subOrganizationOf", {"child": r.key, "parent": parent}) for r in units
            if table.find(r.key) != table.find(parent)]


def _department(name: str) -> bool:
    """One word with a department's ending that names no body of its own (산업통상자원부 is a ministry)."""
    return " " not in name and name.endswith(_DEPARTMENT_ENDS) and name not in _BODIES


def _own_unit(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """``X는 올해 A센터의 시험 장비를 늘리고``: the subject equips a unit of its own."""
    topic = [r for r in subjects(s) if r.type == "Organization"]
    if not topic or not _EQUIPS.search(s.text):
        return []
    out = []
    for r in s.of("Organization"):
        name = table.ents[r.key].name
        if r.key != topic[0].key and r.start > topic[0].end and " " not in name and ends_with(name, L.UNIT_SUFFIXES) \
                and s.after(r, 1) == "의" and _EQUIPS.search(s.text[r.end - s.start:]):
            out.append(("subOrganizationOf", {"child": r.key, "parent": topic[0].key}))
    return out


_BRANCH = re.compile(r"([가-힣]{2,6}?)(?:지역)?(?:본부|지사|지부|지청|분원)")
_DIRECTIONS = ("동남", "동북", "서남", "서북", "남부", "북부", "동부", "서부", "중부", "경인", "호남", "영남", "충청")
_REGION_STEMS = frozenset((*L.PROVINCES, *L.CITY_STEMS, *_DIRECTIONS))


def _own_branch(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """``X는 9일 서남지역본부에서``, ``X는 경인지역본부와 인천센터를 옮긴다``: a regional branch named only
    by its region, in a sentence whose subject is an organization, is that organization's own."""
    topic = [r for r in subjects(s) if r.type == "Organization"]
    if not topic:
        return []
    out = []
    for r in s.of("Organization"):
        m = _BRANCH.fullmatch(table.ents[r.key].name)
        if m and r.start > topic[0].end and r.key != topic[0].key and m.group(1)[:2] in _REGION_STEMS \
                and not s.text[r.start - s.start - 1:r.start - s.start].strip() \
                and not any(o.end == r.start - 1 for o in s.of("Organization")):  # 산단공 경인본부: its parent is named
            out.append(("subOrganizationOf", {"child": r.key, "parent": topic[0].key}))
            out += [("subOrganizationOf", {"child": c.key, "parent": topic[0].key}) for c in coordinated(s, r)
                    if c.key not in (r.key, topic[0].key) and _regional_centre(table.ents[c.key].name)]
    return out


def _regional_centre(name: str) -> bool:
    """``인천남부센터``: a centre named only by its region, listed with a branch (… 지역본부와 인천남부센터)."""
    return name.endswith("센터") and 2 <= len(name) - 2 <= 6 and name[:2] in _REGION_STEMS


def _listed_units(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """``X는 A센터와 B센터, C센터 등을 갖추고``, ``X는 'A센터'와 'B센터'로 구성된다``: units of the subject."""
    topic = [r for r in subjects(s) if r.type == "Organization"]
    m = ([None] + list(_HAS_UNITS.finditer(s.text)))[-1]
    if not topic or not m:
        return []
    out = []
    for r in s.of("Organization"):
        name = table.ents[r.key].name
        if r.key != topic[0].key and topic[0].end < r.start < s.start + m.start() and ends_with(name, L.UNIT_SUFFIXES) \
                and " " not in name:
            out.append(("subOrganizationOf", {"child": r.key, "parent": topic[0].key}))
    return out

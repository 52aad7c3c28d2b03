"""Where things are (``locatedIn``), sentence by sentence.

Adjacent places (``경기 성남시``), a relative clause (``X에 위치한 Y``, ``X 소재 Y``, ``X에 있는 A와 B``),
what a place's counted kind lists (``X 6대 대학(A, B)``), places in
parentheses after a name (``Y(판교/위례)``, ``Y(충남)``), a list before a wider region (``수원과
화성 등 경기 남부``), a subject that moves in (``A는 … P에 입주해``), and a site named after its place
(``삼척 LNG 기지``). A place contains another when ``kg.extract.sentence.place_rank`` ranks it wider, and
a country the foreign city named after it (``중국 광저우``).
"""

from __future__ import annotations

import re

from kg.extract.entities import Entities
from kg.extract.sentence import COUNT, Sentence, coordinated, place_rank, subjects
from kg.lang import ko as L


# Between a place and a place inside it: a space, 의, or a street number (누리구 한빛동 12 누리빌딩).
_ADJACENT = re.compile(r" |의 | \d{1,5}(?:-\d{1,5})?(?:번지)? ")


# After an organization, the building that is its seat (한빛공단 본사에서, 누리진흥원 본원 2층)
_SEATS = "|".join(L.SEAT_WORDS)
_SEAT = re.compile(r" (?:{0})(?![가-힣])|(?:{0})(?:에서|에|의|\s|$)".format("|".join((*L.SEAT_WORDS, *L.SEAT_BUILDINGS))))
_SEAT_AFTER = re.compile(r" (?:%s)에서" % _SEATS)  # … 한빛구 본사에서: the subject's seat
_LIES_IN = re.compile(r"(?: 안| 내)?에 (?:함께 )?(위치한|소재한|자리한|있는|들어설|들어선|포함된|(?:본부|%s)을 둔)" % _SEATS
                      + r"| 소재(?:의)? |(?:으로|로) (?:이전한|옮긴|옮겨 온)")


def located_in(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """Adjacent places (경기 성남시, 수원 매탄동 누리컨벤션홀), ``X에 위치한 Y``, ``X 소재 Y``, ``X로 이전한 Y``, ``Y(판교/위례)``,
    ``Y(충남)``."""
    out = []
    refs = s.of("Place", "Organization", "Program")
    for a, b in zip(refs, refs[1:]):
        gap = table.text[a.end:b.start]
        if a.type == "Place" and _ADJACENT.fullmatch(gap) and a.key != b.key and b.type in ("Place",):
            if _wider(table, a.key, b.key) and not (gap == "의 " and table.ents[a.key].name in L.LIKENING_REGIONS):
                out.append(("locatedIn", {"entity": b.key, "place": a.key}))
        elif a.type == "Place" and gap == " " and b.type == "Organization" and (
                _SEAT.match(table.text, b.end) or place_rank(table.ents[a.key].name) == 4):
            out.append(("locatedIn", {"entity": b.key, "place": a.key}))  # 누리구 한빛공단 본사, 한빛동 누리진흥원: its seat
    for r in refs:
        m = re.match(r"\(([가-힣]+(?:/[가-힣]+)*)\)", table.text[r.end:r.end + 30])
        if m and r.type in ("Program", "Organization"):
            for part in m.group(1).split("/"):
                key = table.lookup("Place", part)
                if key:
                    out.append(("locatedIn", {"entity": r.key, "place": key}))
    for m in _LIES_IN.finditer(s.text):
        pos = s.start + m.start()
        where = [r for r in s.of("Place") if r.end == pos]
        what = [r for r in refs if r.start >= pos + len(m.group(0))][:1]
        if where and what:  # X에 있는 A와 B: each listed with the first
            listed = [r for r in coordinated(s, what[0], (what[0].type,)) if r.start >= what[0].start
                      and (r is what[0] or r.type != "Place")]  # places listed: by rank (_places_listed_in)
            out += [("locatedIn", {"entity": r.key, "place": where[0].key}) for r in listed if r.key != where[0].key]
    return out + _places_listed_in(table, s) + _listed_before_region(table, s) + _moves_in(table, s) + _inside(table, s) \
        + _named_within(table, s) + _counted_in(table, s) + _subject_seat(table, s)


# after ``A, B 등 P``: P counted as what A and B are (6개 대학), or said to hold them (내에 위치한, 소재)
_HOLDS_LISTED = re.compile(r"\s?(?:" + COUNT + r"[가-힣]|(?:지역\s?)?(?:내|안)(?:에|의)?\s|(?:에\s)?(?:위치한|소재한?)\s)")


def _listed_before_region(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """``A, B 등 누리 남부권 3개 대학``, ``A와 B 등 누리자유구역 내에 위치한``: what is listed before 등 lies in the place."""
    out = []
    refs = s.of("Place", "Organization", "Program")
    for where in refs:
        if where.type != "Place" or not _HOLDS_LISTED.match(table.text, where.end):
            continue
        last = [r for r in refs if r.end < where.start and re.fullmatch(r"\s?등\s", table.text[r.end:where.start])][:1]
        if not last:
            continue
        listed = coordinated(s, last[0], ("Place", "Organization", "Program"))  # the longest name before 등
        out += [("locatedIn", {"entity": r.key, "place": where.key}) for r in listed if r.key != where.key
                and not _wider(table, r.key, where.key)]
    return out


_COUNTED = re.compile(" " + COUNT + r"[가-힣]+\(([^()]+)\)")


def _counted_in(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """``서울 서남권 6대 대학(A, B, C)``: what a place's counted kind lists in parentheses lies in the place."""
    out = []
    for where in s.of("Place"):
        m = _COUNTED.match(table.text, where.end)
        if m:
            inside = [r for r in s.of("Organization", "Program") if m.start(1) <= r.start and r.end <= m.end(1)]
            out += [("locatedIn", {"entity": r.key, "place": where.key}) for r in inside if r.key != where.key]
    return out


def _named_within(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """``삼척 LNG 기지``, ``부산 센텀시티``: a site named after the wider place the article names lies in it."""
    out = []
    for r in s.of("Place"):
        name = table.ents[r.key].name
        first = name.split(" ", 1)[0]
        key = table.lookup("Place", first) if " " in name else None
        if key and table.find(key) != table.find(r.key) and _wider(table, key, r.key):
            out.append(("locatedIn", {"entity": r.key, "place": key}))
    return out


# Between a place and what is inside it: 내 (안), then nothing or an apposition (창업 지원시설인): 누리산단 내 ‘한빛허브’
_INSIDE = re.compile(r"\)?(?:\([^()]{1,30}\))?\s(?:내|안)(?:의)?\s(?:(?:[가-힣·]+\s){0,2}[가-힣]+인\s)?['‘\"“]?")


def _inside(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """``누리산단(한빛밸리) 내 창업 지원시설인 ‘누리허브’``, ``누리산단 내 한빛센터``: the name right after 내 lies in the place."""
    refs = s.of("Place", "Organization", "Program")
    return [("locatedIn", {"entity": b.key, "place": a.key}) for a, b in zip(refs, refs[1:])
            if a.type == "Place" and a.key != b.key and _INSIDE.fullmatch(table.text, a.end, b.start)]


def _subject_seat(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """``누리공단은 26일 한빛구 본사에서 …``: the subject organization's seat, so the subject, lies in the place."""
    subj = [r for r in subjects(s) if r.type == "Organization"][:1]
    return [("locatedIn", {"entity": subj[0].key, "place": r.key}) for r in s.of("Place")
            if subj and r.start > subj[0].end and _SEAT_AFTER.match(table.text, r.end, r.end + 6)]


_SETTLES = re.compile(r"( 안| 내)?에 (?:들어선다|들어섰다|들어설 예정|입주해|입주한다|입주했다|입주할 예정|위치해|위치한다|"
                      r"자리잡|자리를 잡|자리한다|둥지를 틀)")


def _moves_in(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """``A와 B는 이날부터 … P에 입주해``, ``‘X’가 … Y 내에 들어선다``: the subject (and those listed with it) lies in P."""
    m = _SETTLES.search(s.text)
    subj = [r for r in subjects(s) if r.start - s.start < (m.start() if m else 0)][:1]
    if not m or not subj:
        return []
    pos = s.start + m.start()
    kinds = ("Place", "Organization") if m.group(1) else ("Place",)  # only inside (내에) an organization
    where = [r for r in s.of(*kinds) if r.end == pos]
    if not where:
        return []
    what = coordinated(s, subj[0]) if subj[0].type == "Organization" else subj[:1]
    return [("locatedIn", {"entity": w.key, "place": where[0].key}) for w in what if w.key != where[0].key]


def _places_listed_in(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """``수원과 화성, 오산 등 경기 남부``: each listed place lies in the wider one after 등."""
    out = []
    places = s.of("Place")
    for k, region in enumerate(places):
        if not re.fullmatch(r"\s?등\s", table.text[places[k - 1].end:region.start] if k else "x"):
            continue
        j = k - 1
        while j >= 0:
            if _wider(table, region.key, places[j].key):
                out.append(("locatedIn", {"entity": places[j].key, "place": region.key}))
            if j == 0 or not re.fullmatch(r"\s?(와|과|,|및)\s?", table.text[places[j - 1].end:places[j].start]):
                break
            j -= 1
    return out


def _wider(table: Entities, outer: str, inner: str) -> bool:
    """``outer`` can contain ``inner`` (a province before a city, a city before a venue, 중국 before 광저우)."""
    a, b = table.ents[outer].name, table.ents[inner].name
    if b in L.FOREIGN_CITIES:
        return a in L.REGIONS and a not in L.FOREIGN_CITIES and a not in L.NEIGHBOURHOODS
    if a[-1:] in "읍면" and b[-1:] == "리" and len(b) >= 3:
        return True  # 애월읍 고성리: a village of a town
    return place_rank(a) < place_rank(b)

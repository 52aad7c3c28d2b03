"""Relations between organizations, programmes, events and places, sentence by sentence.

Each finder takes a ``Sentence`` (its offsets, the entity occurrences in it,
the dates in it) and yields ``(type, args)`` pairs; trigger words come from
``kg.lang.ko``. Conventions of gold/FORMAT.md: the organizer of an event is
not also its participant; no location from a name; MOU scope items (▲ lists)
are not programmes.
"""

from __future__ import annotations

import re

from kg.extract.entities import Entities, Ref
from kg.extract.sentence import COUNT, SUBJECT, Sentence, after_person, coordinated, place_rank, subjects
from kg.extract.units import unit_after
from kg.lang import ko as L

# Words that refer back to the article's event (이날 행사에는, 정기회에는): its occasion words, 행사 and 자리.
_EVENT_WORDS = re.compile(r"(이날|이번|당일|이)?\s*(행사|(?:업무\s?)?협약(?=에는|에 참석|에 참여)|%s|자리)"
                          % "|".join(sorted((w for w in L.OCCASION_HEADS if w != "회의"), key=len, reverse=True)))


def sentence_event(table: Entities, s: Sentence, last_event: str | None) -> str | None:
    """The event a sentence names, or refers back to with 이날/행사/기념식."""
    events = s.of("Event")
    back = _EVENT_WORDS.match(s.text) or (last_event and _head_word(table, s, last_event))
    if last_event and back and back.group(1) and not (events and events[0].start - s.start <= back.end()):
        return last_event  # 이날 행사는 …: the event named before, not one listed in this sentence
    if events:
        return events[0].key
    if _HABITUAL.search(s.text):
        return None  # 해마다 국제 전시회를 열어: events in general, not the one reported
    if last_event and (_EVENT_WORDS.search(s.text) or _AT_THE_EVENT.search(s.text)):
        return last_event  # 좌장을 맡았다, 200여 명이 참석했다: at the event told before
    return None


_HABITUAL = re.compile("|".join(L.HABITUAL_MARKERS))
_DID = r"(?:했|하였|한|해|하고|하여|할 예정|한다)"  # 참석했다, 참여할 예정이다
_AT_THE_EVENT = re.compile(r"좌장|기조강연|주제발표|발표자|토론자|축사|격려사|환영사|기념사|개회사|인사말|참석" + _DID + r"|함께\s?했|자리했")


def _head_word(table: Entities, s: Sentence, event: str) -> re.Match | None:
    """``이날 협의회에는``: the last word of the event's name, after 이날/이번, refers back to it."""
    back = re.match(r"(이날|이번|당일)\s+([가-힣]{2,})(?=에는|에서는|에서|에선|에)", s.text)
    return back if back and table.ents[event].name.endswith(back.group(2)) else None


def partnership(table: Entities, s: Sentence, previous: list[str], party: str | None = None) -> list[tuple[str, dict]]:
    """Organizations that sign an agreement in this sentence.

    ``두 기관`` = the last two named. Inside a quotation only the quotation's names count. Without
    an organization as subject (지난해 A, 올해 초 B와 협약을 맺은 데 이어 …), ``party`` — the
    speaker's or the topic organization — signs with each partner marked by 와/과 separately.
    """
    if _JOINED_AGREEMENT.match(s.text):  # 협약에는 A와 B, C 등 3개 기관이 참여했다: those listed (and the topic) sign it
        listed = attendees(s, "")
        listed = ([party] if party and party not in listed else []) + listed
        return [("partnership", {"orgs": tuple(listed), "date": None})] if len(listed) >= 2 else []
    if not any(t in s.text for t in L.AGREEMENT_TRIGGERS) or not any(v in s.text for v in L.SIGNING_VERBS):
        return []
    if re.match(r"\s*(?:이번|이|본|해당)?\s*(?:업무\s?)?(?:협약|MOU)(?:은|는)\s", s.text):
        return []  # 이번 협약은 A가 추진하는 사업을 잇기 위해 체결됐다: the agreement is the topic, its parties are elsewhere
    cut = min((s.text.find(t) for t in L.AGREEMENT_TRIGGERS if t in s.text), default=len(s.text))
    lo, hi = _quotation(s.text, cut)
    refs = [r for r in s.of("Organization", "Place") if lo <= r.start - s.start < hi and not _nested(s, r)]
    orgs, subject = [], False
    for r in refs:
        if r.start - s.start > cut + 40:
            continue
        if r.type == "Place" and not re.match(r"(와|과|는|가|이|은|,|-|·|및|\(|\))", s.after(r, 2)) and not _signs_for(s, r):
            continue
        if r.type == "Place" and s.text[r.end - s.start - 1] not in "시도군구청":
            continue  # 경북, 울산 등 8개 테크노파크: a region stands for a body; a government is 경북도, 울산시
        if _venue_of(s.after(r, 24)):
            continue  # 한빛프레스센터에서, 누리대학교 50주년 기념홀에서 협약을 맺었다: where they signed, not who
        if _COUNTED_KIND.match(s.after(r, 8)) and s.text[:r.start - s.start].endswith("등 "):
            continue  # A·B 등 누리청 두 곳과: the kind of the bodies listed, no party of its own
        if unit_after(table, s, r) is not None:
            continue  # 누리재단 한빛특구본부와: the unit signs, its parent only names it
        subject = subject or bool(SUBJECT.match(s.after(r, 20)))
        if r.key not in orgs:
            orgs.append(r.key)
    if len(orgs) < 2 and any(w in s.text for w in L.BOTH_PARTIES) and len(previous) >= 2:
        orgs = previous[-2:]
    date = s.day_before(s.start + cut)
    if not subject and party and orgs and party not in orgs and all(r.type == "Organization" for r in refs):
        partners = [r.key for r in refs if re.match(r"(와|과)(도|의)?(?![가-힣])", s.after(r, 3)) or s.after(r, 1) == ","]
        if partners and len(partners) == len(set(orgs)):
            return [("partnership", {"orgs": (party, k), "date": date}) for k in dict.fromkeys(partners)]
    if len(orgs) < 2:
        return []
    return [("partnership", {"orgs": tuple(orgs), "date": date})]


_JOINED_AGREEMENT = re.compile(r"\s*(?:이번|이날|이)?\s*(?:[^\s,]+\s){0,4}?(?:업무\s?)?(?:협약|MOU)(?:식)?에는\s")
_TITLED = re.compile(r"\s?([가-힣]{1,6}?)(?:과|와|이|가|은|는|,|및)\s")
_COUNTED_KIND = re.compile(r"\s" + COUNT + r"(?:기관|단체|사)?(?:%s)?(?![가-힣])" % "|".join(L.PARTICLES))


def _signs_for(s: Sentence, r: Ref) -> bool:
    """``박서준 수원시장과``: the head of a government signs for it (its title written right after it)."""
    m = _TITLED.match(s.after(r, 12))
    name = s.text[r.start - s.start:r.end - s.start]
    return bool(m) and (m.group(1) in L.POST_TITLES or name[-1] + m.group(1) in L.POST_TITLES)


_PARTICLE_END = re.compile(r"(?:%s|,)$" % "|".join(L.PARTICLES))


def _venue_of(after: str) -> bool:
    """The text after a name says that it, or a hall of it (``50주년 기념홀에서``), is where something happens."""
    at = after.find("에서")
    if at < 0 or not re.match(r"(?:는)?\s", after[at + 2:]):
        return False
    return not any(_PARTICLE_END.search(w) for w in after[:at].split()) and "," not in after[:at]


def _quotation(text: str, pos: int) -> tuple[int, int]:
    """The quotation around ``pos`` (relative offsets), else the whole sentence."""
    for m in re.finditer(r"[\"“][^\"”]*[\"”]", text):
        if m.start() < pos < m.end():
            return m.start(), m.end()
    return 0, len(text)


def _nested(s: Sentence, r: Ref) -> bool:
    """``r`` is a word of a longer name (가천대 in 가천대 산학협력단)."""
    return any(o.start <= r.start and r.end <= o.end and (o.start, o.end) != (r.start, r.end) for o in s.refs)


def founded(s: Sentence) -> list[tuple[str, dict]]:
    """``2001년 … 설립된 X`` / ``X는 2010년 설립된`` / ``2017년 … X를 설립``."""
    out = []
    resolved = {pos: value for pos, value in s.dates}
    for m in re.finditer(r"(?<!\d)((?:19|20)\d{2})년|(?<![가-힣])(지난해|작년|재작년|올해)", s.text):
        year = m.group(1) or resolved.get(s.start + m.start(), "")[:4]
        if not year:
            continue
        tail = s.text[m.end():m.end() + 40]
        trig = next((t for t in L.FOUNDING_TRIGGERS if t in tail), None)
        if not trig or re.match(r"\s*\d+\s*(주년|년|돌)", tail[tail.index(trig) + len(trig):]):
            continue  # 2021년 창립20주년: an anniversary, not a founding
        pos = s.start + m.end() + tail.index(trig)
        cands = [r for r in s.of("Organization", "Program") if not re.match(r"\s*(산하|소속)", s.after(r, 4))]
        objects = [r for r in cands if r.end <= pos and re.match(r"[’'”\"]?\s*(을|를)", s.after(r, 3))]
        subj = [r for r in subjects(s) if r.type == "Organization"]
        pool = objects or subj or cands
        if not pool:
            continue
        best = min(pool, key=lambda r: (abs(r.start - pos), r.short))
        out.append(("founded", {"org": best.key, "year": int(year)}))
    return out


_NAME_OF = re.compile(r"[’'”\"]?의\s?(?:기관\s?)?(?:명칭|이름|기관명|사명)")


def renamed(table: Entities, s: Sentence) -> list[tuple[str, dict]]:
    """``X가 … Y로 명칭을 변경``: the former name is an alias of the same entity."""
    if not any(t in s.text for t in L.RENAME_TRIGGERS) or not re.search(r"명칭|이름|기관명|사명|개칭", s.text):
        return []
    orgs = [r for r in s.of("Organization") if not r.short]
    if re.search(r"(지금|현재|현)의? (이름|명칭)", s.text):  # X로 출범한 진흥원은 … 지금의 이름으로 바꿨다
        source = next((r for r in orgs if re.match(r"(으로|로)\s*(출범|설립|창립|시작|문을)", s.after(r, 8))), None)
        target = next((r for r in subjects(s) if r.type == "Organization" and source and r.key != source.key), None)
        if source and target:
            return [("renamed", {"from": table.text[source.start:source.end], "to": target.key, "_merge": source.key})]
    target = next((r for r in orgs if re.match(r"[’'”\"]?\s*(으로|로)", s.after(r, 4))), None)
    before = [r for r in orgs if target and r.start < target.start and r.key != target.key]
    named = [r for r in before if _NAME_OF.match(s.after(r, 12))]  # A 산하 'B'의 명칭을 'C'로: B, not A
    subject = [r for r in before if SUBJECT.match(s.after(r, 20))]
    source = (named or subject or before or [None])[0]
    if not (target and source):
        return []
    old = table.text[source.start:source.end]
    return [("renamed", {"from": old, "to": target.key, "_merge": source.key})]


def _government(table: Entities, r: Ref) -> bool:
    """A province or city as the subject of a verb of hosting is its government (경기도는 … 발족식을 열었다)."""
    return r.type == "Place" and place_rank(table.ents[r.key].name) in (1, 2)


def organizes(table: Entities, s: Sentence, event: str | None) -> list[tuple[str, dict]]:
    """The host of the sentence's event: ``X가 주최``, ``X 주관으로``, or the subject of 열었다/개최."""
    if not event or not any(t in s.text for t in L.ORGANIZER_TRIGGERS + ("마무리", "성료")):
        return []
    hosts = []
    for r in s.of("Organization", "Place"):
        after = re.sub(r"^\([^()]{0,30}\)", "", s.after(r, 40))[:8]  # 중진공(중소벤처기업진흥공단)이 주관
        if re.match(r"(와|과|가|이|·|,)?\s*(공동\s*)?(주최|주관)", after) or re.match(r"\s*(주최|주관)", after):
            hosts.append(r.key)
    for r in s.of("Organization"):  # A와 B가 주최: A joins its partner
        nxt = next((n for n in s.refs if n.start > r.end), None)
        if r.key not in hosts and re.match(r"(와|과|,|·)$", s.after(r, 1)) and nxt and nxt.key in hosts:
            hosts.append(r.key)
    if not hosts and _EVENT_TOPIC.match(s.text):
        return []  # 이번 간담회는 A와 B가 맺은 협약의 후속 조치로 마련됐다: the event is the topic, not hosted here
    if not hosts:
        first = [r for r in subjects(s) if (r.type == "Organization" or _government(table, r))
                 and not _person_subject_after(s, r)][:1]
        hosts = [c.key for r in first for c in coordinated(s, r, ("Organization", "Place"))  # A와 B, 경남은 … 개최
                 if c.type == "Organization" or _government(table, c)]
    if not hosts:
        both = [r for r in s.of("Organization") if re.match(r"(와|과)", s.after(r, 1))]
        hosts = [c.key for r in both for c in coordinated(s, r)]
    if hosts:  # A와 B, 누리권 3개 시도(가, 나, 다)는 … 개최: the members of a counted group listed with the hosts
        hosts += _counted_members(table, s, hosts)
    if hosts and re.search(r"공동\s?(개최|주최|주관)|함께\s?(개최|주최|열)", s.text):  # A는 B(…)와 함께 E를 공동 개최
        hosts += [r.key for r in s.of("Organization") if re.match(r"(?:\([^()]{0,30}\))?(와|과)\s?함께", s.after(r, 40))]
    return [("organizes", {"org": h, "event": event}) for h in dict.fromkeys(hosts)]


_COUNTED_GROUP = re.compile(r"(?:\([^()]{0,20}\)|\))?\s?(?:,|와|과|및)\s?(?:[가-힣]+\s)?" + COUNT + r"[가-힣]{1,6}"
                            r"\(([^()]{2,60})\)(?:은|는|이|가)\s")


def _counted_members(table: Entities, s: Sentence, hosts: list[str]) -> list[str]:
    """The organizations and governments inside ``N개 지자체(가, 나, 다)`` written right after the last host."""
    last = max((r for r in s.of("Organization", "Place") if r.key in hosts), key=lambda r: r.end, default=None)
    m = _COUNTED_GROUP.match(table.text, last.end) if last else None
    if not m:
        return []
    return [r.key for r in s.of("Organization", "Place") if m.start(1) <= r.start and r.end <= m.end(1)
            and (r.type == "Organization" or _government(table, r))]


_EVENT_TOPIC = re.compile(r"\s*(?:이번|이날|올해|이)?\s*\S*(?:%s)(?:은|는)\s" % "|".join(L.EVENT_SUFFIXES))


def _person_subject_after(s: Sentence, r: Ref) -> bool:
    """``X는 박서준 신임 이사장이 … 취임식을 갖고``: the person, not X, is the subject of the event's verb."""
    return any(p.start > r.end and re.match(r"(\s?[가-힣]{1,8}?){0,2}(이|가)\s", s.text[p.end - s.start:p.end - s.start + 16])
               for p in s.of("Person"))


def participates(s: Sentence, event: str | None, people: set[str], past: bool = True) -> list[tuple[str, dict]]:
    """People (and signing organizations) taking part in the sentence's event.

    Trigger words inside a quotation do not count (``설명회에 참석하면 …``); the speaker of a quotation
    in a sentence about a past event spoke at it.
    """
    plain = _QUOTE.sub("", s.text)
    if not event:
        return []
    at_event = _AT_EVENT.match(s.text)  # 설명회에서는 A가 …을 안내하고: presenters at the event
    triggered = any(t in plain for t in L.PARTICIPATION_TRIGGERS)
    out = []
    if not at_event and _held_and_attended(s, event):  # A는 9일 열린 누리회의에서 …을 발표했다: the subject was there
        out += [("participatesIn", {"agent": r.key, "event": event}) for r in subjects(s)[:1]
                if (r.type == "Organization" or r.key in people) and not in_quotation(s, r)]
    if not triggered and past:
        out += [("participatesIn", {"agent": k, "event": event}) for k in speakers(s, people)]
    for r in s.of("Person") if triggered else ():
        if r.key in people and not in_quotation(s, r):
            out.append(("participatesIn", {"agent": r.key, "event": event}))
    for r in subjects(s) if triggered or at_event else ():
        if r.type == "Organization" and not _a_persons_note(s, r) and (at_event or re.search(r"(참가|참석|참여)(했|해|하고|하여|한다)", plain)):
            out.append(("participatesIn", {"agent": r.key, "event": event}))
    out += [("participatesIn", {"agent": k, "event": event}) for k in attendees(s, event)]
    out += [("participatesIn", {"agent": r.key, "event": event}) for r in s.of("Person")  # 박서준 위원장 주재로
            if r.key in people and _CHAIRED.match(s.text, r.end - s.start) and not in_quotation(s, r)]
    return out


_CHAIRED = re.compile(r"(?:\s[가-힣]{1,14})?\s주재(?:로|한|하에|\s하에|하는|해)")  # the chair of the meeting takes part


# ``…에는 A, B 등 아홉 곳이 참여했다``, ``… 최유리 누리부장관, 박서준 한빛도지사 등이 참석했다``
_ATTENDED = re.compile(r"(참석|참여|참가)" + _DID + r"|함께\s?했")
_LOCATIVE = re.compile(r"에서|에선")
_BREAK = re.compile(r"[,·]|(?:와|과|및|등|은|는|이|가|을|를|의)(?=\s)")
# ")": the last of a list in parentheses; 을 비롯해: the first of a list (A를 비롯해 B, C 등)
_LISTED = re.compile(r"\)?(?:\s*[,·]|와|과|\s및|\s등|이\s|가\s|[을를]\s비롯(?:해|하여|한|,))")


def _where(after: str) -> bool:
    """The name is (part of) where the event is: ``…에서`` before any list break (성남시 분당구 정자동 킨스타워에서)."""
    loc, brk = _LOCATIVE.search(after), _BREAK.search(after)
    return bool(loc) and (brk is None or loc.start() < brk.start())


def attendees(s: Sentence, event: str) -> list[str]:
    """Organizations and places listed before ``참석했다``/``참여했다``: they (their named people) attend.

    Not the place an event is held at (``…에서 열린``), nor names inside a quotation.
    """
    plain = _QUOTE.sub(lambda m: " " * len(m.group(0)), s.text)
    m = _ATTENDED.search(plain)
    if not m:
        return []
    out = []
    for r in s.of("Organization", "Place"):
        offset = r.start - s.start
        if offset >= m.start() or r.key == event or in_quotation(s, r) or _where(s.after(r, 40)):
            continue
        if not _LISTED.match(s.after(r, 6)) or after_person(s, r):
            continue  # listed as a party itself: not an address, nor the organization of a named guest
        if any(o.start <= r.start and r.end <= o.end and o is not r for o in s.refs) or _a_persons_note(s, r):
            continue  # a name inside a longer one (서울대 in 서울대 차세대융합기술원); 의원(누리당, 한빛2): a party
        out.append(r.key)
    return list(dict.fromkeys(out))


def _a_persons_note(s: Sentence, r: Ref) -> bool:
    """``김하늘(누리당, 한빛2) 의원``, ``김하늘 의원(누리당)``: a name in parentheses after a person or a title is
    the person's affiliation, not a party to the sentence."""
    m = re.search(r"([가-힣]+)\($", s.text[:r.start - s.start])
    if not m:
        return False
    word_start = s.start + m.start(1)
    return m.group(1) in L.POST_TITLES or any(p.start == word_start for p in s.of("Person"))


_HELD_BEFORE = re.compile(r"(?:열린|개최된|진행된)\s(?:[^\s,]+\s){0,3}$")


def _held_and_attended(s: Sentence, event: str) -> bool:
    """The event is told as held (``열린 …``) and as where the sentence happens (``…에서``), outside a quotation."""
    told = next((r for r in s.refs if r.key == event), None)
    return told is not None and not in_quotation(s, told) and s.after(told, 3).startswith("에서") \
        and bool(_HELD_BEFORE.search(s.text[:told.start - s.start]))


_AT_EVENT = re.compile(r"\s*(?:이날|이번|당일|이)?\s*\S*(?:%s|자리)에서" % "|".join(L.EVENT_SUFFIXES))


_QUOTE = re.compile(r"[\"“][^\"”]*[\"”]")


def in_quotation(s: Sentence, r: Ref) -> bool:
    """``r`` stands inside a quotation of the sentence."""
    return any(m.start() <= r.start - s.start < m.end() for m in _QUOTE.finditer(s.text))


# The verbs after a quotation that make its speaker's (…"라고 강조했다, …"며 말했다)
_SPOKE = re.compile(r"(?:말|강조|역설|설명|당부|주문|약속|제안|평가)(?:했|하고|하며)|밝[혔히]|덧붙였|전했|화답했|기대했|다짐했|라며")


def speakers(s: Sentence, people: set[str]) -> list[str]:
    """People who speak the sentence's quotation (``박서준 원장은 "…"라며``)."""
    first = min((s.text.find(q) for q in "\"“" if q in s.text), default=-1)
    if first < 0 or not _SPOKE.search(s.text[first:]):
        return []
    return [r.key for r in s.of("Person") if r.key in people and r.start - s.start < first
            and re.match(r"(\s?[가-힣]{1,8}?)?(은|는|이|가|도)\s", s.text[r.end - s.start:first])]


def held_at(s: Sentence, event: str | None) -> list[tuple[str, dict]]:
    """``PLACE에서`` in a sentence about an event (not in a quotation when the event is told outside it); else a city
    named inside the event's name."""
    if not event:
        return []
    told = next((r for r in s.refs if r.key == event), None)
    outside = told is not None and not in_quotation(s, told)  # the event told outside a quotation: a place inside is
    for r in s.of("Place", "Organization"):                  # the speaker's (이날 개소식에서 "…경기도에서 1위")
        if s.after(r, 3).startswith("에서") and not re.match(r"에서(?:는|도)(?![가-힣])", s.after(r, 4)) \
                and not (outside and in_quotation(s, r)):  # not 에서 도내
            return [("heldAt", {"event": event, "place": r.key})]
    return []


def held_in_name(table: Entities, event: str) -> list[tuple[str, dict]]:
    """``2011 중국 광저우 국제 박람회``: the last foreign city or country inside the name."""
    spans = table.ents[event].spans
    inner = [r for r in table.resolved_refs() if r.type == "Place" and any(a <= r.start and r.end <= b and (a, b) != (r.start, r.end) for a, b in spans)]
    foreign = [r for r in inner if table.ents[r.key].name in L.REGIONS]
    return [("heldAt", {"event": event, "place": foreign[-1].key})] if foreign else []


def event_date(s: Sentence, event: str | None) -> list[tuple[str, dict]]:
    """The day of the sentence's event."""
    if not event:
        return []
    pos = next((r.start for r in s.refs if r.key == event), s.end)
    day = s.day_before(pos)
    if not day:
        return []
    at = next((p for p, v in s.dates if v == day), None)
    span = _RANGE_START.search(s.text, max(0, at - s.start - 12), at - s.start) if at is not None else None
    if span and int(span.group(1)) < int(day[8:]):
        day = f"{day[:8]}{int(span.group(1)):02d}"  # 20일부터 21일까지, 21∼24일: the day it starts
    return [("eventDate", {"event": event, "date": day})]


_RANGE_START = re.compile(r"(?<!\d)(\d{1,2})일?\s?(?:부터|[~∼〜])\s?$")

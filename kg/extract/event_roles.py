"""Who takes part in an event and how, from the article around it: signatories, joined events, hosts named in
an event's name, and whether an event had taken place when the article was written.
"""

from __future__ import annotations

import re
from datetime import date

from kg.extract.entities import Entities
from kg.extract.relations import in_quotation
from kg.extract.sentence import Sentence
from kg.lang import ko as L
from kg.records import Relation


def signatories(s: Sentence, event: str, people: set[str]) -> list[tuple[str, dict]]:
    """The people named before the verb of signing (박서준 시장과 최유리 회장이 … 협약을 체결했다) sign at the
    signing: they take part in it (gold/FORMAT.md)."""
    verb = min((s.text.find(v) for v in L.SIGNING_VERBS if v in s.text), default=-1)
    return [("participatesIn", {"agent": r.key, "event": event}) for r in s.of("Person")
            if r.key in people and 0 <= r.start - s.start < verb and not in_quotation(s, r)]


def signing(name: str) -> bool:
    """An event that is the signing of an agreement (협약식, '… 업무협약', MOU 체결식)."""
    return name.endswith(L.SIGNING_EVENT_WORDS) or name.split()[-1].endswith(L.AGREEMENT_HEADS)  # … 상호업무협약


_JOINED_EVENTS = re.compile(r"[’'”\"]?\s?(?:및|과|와|,|과 더불어|와 더불어|에 이어)\s")


def joined_events(s: Sentence, event: str) -> list[str]:
    """``개소식 및 제2차 운영회의를 열어``, ``출범식과 더불어 기업 설명회를 열고``: the events joined to the sentence's
    event; they share its host, place and day, and those who attend it."""
    events = s.of("Event")
    joined, last = [], next((r for r in events if r.key == event), None)
    for r in events:
        if last is not None and r.start > last.end and _JOINED_EVENTS.fullmatch(s.text[last.end - s.start:r.start - s.start]):
            joined.append(r.key)
            last = r
    return [k for k in dict.fromkeys(joined) if k != event]


# 열렸다, 개최했다, 가졌다, 이날 …에서 …고 말했다; not 열릴 예정이다, 개최한다
_TOLD_PAST = re.compile(r"(?:렸|했|됐|었|였|겼)다|^\s*이날\s")
_TOLD_AHEAD = re.compile(r"예정|계획|[할될릴]\s|한다|된다|린다")


def told_in_past(text: str) -> bool:
    """The sentence tells its event in the past tense (열렸다, 이날 …), not ahead (열릴 예정이다)."""
    return bool(_TOLD_PAST.search(text)) and not _TOLD_AHEAD.search(text)


def happened(day: str | None, published: date | None, told_past: bool = False) -> bool:
    """The event took place by the publication date; where the day or the publication date is unknown,
    the article tells it in the past tense."""
    if day and published:
        return day <= published.isoformat()
    return told_past


_LEAD = re.compile(r"(?:제\s?\d+\s?[회차]\s?|\d{4}년?\s)?")  # 제64차, 2024년: before the host's name
# Occasions of the organization itself coming to be or changing hands (no host the gold names)
_OWN_OCCASIONS = ("출범식", "발족식", "창립총회", "현판식", "개소식", "개원식", "개관식", "취임식", "이임식")


def named_host(table: Entities, ev, sentences) -> list[Relation]:
    """``누리재단 전문가포럼``, ``제64차 누리TP 이사회``: the organization that leads an event's name organizes it,
    unless the event is its own launch or a change of its head (누리협의회 발족식)."""
    if ev.name.endswith(_OWN_OCCASIONS):
        return []
    for a, b in ev.spans:
        lead = _LEAD.match(table.text, a).end()
        host = next((r for r in table.refs_in(lead, lead + 1) if r.type == "Organization" and r.start == lead and r.end < b), None)
        sent = next((s for s in sentences if s.start <= a < s.end), None)
        if host is not None and sent is not None:
            return [Relation("organizes", {"org": host.key, "event": ev.key}, sent)]
    return []

"""Programmes and the organizations that run them (``operates``), sentence by sentence.

A programme's operator is, in order: the organizations of the clause that
modifies it (``A와 B가 조성 중인 'P'``), the runners named when the
programme is the topic (``P은 A가 B와 함께 추진하는 사업``), the organization
written right before it (``A의 P``), the subject of the sentence, else the
article's current topic organization. In a ▲ list, only the organization in
parentheses after an item (``▲…구축사업(한빛대)``) runs it. ``같은 사업``
and ``이 펀드`` refer back to the last programme so headed. MOU scope items
(▲ lists) are not programmes (gold/FORMAT.md).
"""

from __future__ import annotations

import re

from kg.extract.entities import Entities, Ref
from kg.extract.sentence import Sentence, coordinated, place_rank, subjects
from kg.lang import ko as L


def operates(table: Entities, s: Sentence, topic: str | None) -> list[tuple[str, dict]]:
    """Programmes in a sentence run by its subject, else by the current topic organization."""
    programs = s.of("Program")
    if programs and "▲" in s.text and "협력하기로" not in s.text:  # ▲…구축사업(한빛대): listed with its runner
        return [("operates", {"org": k, "program": p.key}) for p in programs for k in _runner_after(s, p)]
    if not programs or re.search(r"협력하기로|▲", s.text):
        return []
    subj = [r for r in subjects(s) if r.start < programs[0].start and _governs(table, r)]  # a site runs nothing
    owners = [c.key for c in coordinated(s, subj[0], ("Organization", "Place")) if _governs(table, c)] if subj else (
        [topic] if _RUNS_IT.search(s.text) else [])  # 누리시와 누리진흥원이: the city with the agency
    out = []
    runners = _runners_of_topic(s, programs[0])
    if runners:
        out += [("operates", {"org": k, "program": programs[0].key}) for k in runners]
        programs = programs[1:]
    subj_orgs = list(owners) if subj else []  # the subject: an organization or a government
    for p in list(programs):
        doers = _clause_runners(table, s, p, subj_orgs)  # A와 B가 조성 중인 'P': the clause's subject runs P
        if doers:
            chosen = subj_orgs if _SELECTED.match(s.text, p.end - s.start) else []  # A는 B가 추진하는 P 주관기관에 선정
            owner = _owner_before(s, p)  # A가 수행 중인 누리부 ‘P’: the ministry's programme, carried out by A
            out += [("operates", {"org": k, "program": p.key}) for k in dict.fromkeys(doers + chosen + owner)]
            programs.remove(p)
    for p in programs:
        inner = [r for r in s.of("Place", "Organization") if r.start == p.start and r.end < p.end]
        who = [inner[0].key] if inner and not subj and table.ents[inner[0].key].name.endswith(("시", "도")) else owners
        who = who + [k for k in _partners(s, p) if subj_orgs and k not in who]  # A는 B와 함께 P를 운영한다
        out += [("operates", {"org": k, "program": p.key}) for k in _owner_before(s, p) or who if k]
    return out


def _governs(table: Entities, r: Ref) -> bool:
    """An organization, or a province, city or district (a government), as opposed to a site."""
    return r.type == "Organization" or place_rank(table.ents[r.key].name) in (1, 2, 3)


# A sentence without a subject whose own verb is one of running (… 사업도 함께 운영한다) goes on with the topic
# organization as its subject; a programme named in a sentence that says something else of it (… 사업을 한눈에
# 볼 수 있는 안내서가 나왔다, … 사업은 … 사업이다) is run by nobody that the sentence says. On held-out folds of
# the shared gold, operators taken from the topic without such a verb were right one time in five.
_RUNS_IT = re.compile(r"(?:운영|추진|수행|시행|실시|진행|지원|펼치|펼쳐|펼친|맡)[가-힣\s]{0,14}다[”\"']*"
                      r"(?:\s?(?:고|라고)\s?[가-힣]{1,6}다)?\.?\s*$")  # … 지원도 넓히겠다"고 말했다: a speaker's own verb


# P의 주관기관으로 뽑혀 선정, P 전문기관에 지정: those chosen to carry the programme out
_SELECTED = re.compile(r"[’'”\"]?(?:의)?\s?(?:주관|전문|수행|운영|전담)\s?기관(?:으로|에)\s(?:최종\s?)?(?:선정|지정)")


_TOGETHER = r"(?:와|과)\s*(?:함께|공동으로|같이)"  # B와 함께, B와 공동으로: doing with the subject


def _partners(s: Sentence, program: Ref) -> list[str]:
    """``A는 B와 함께 P를``, ``B와 공동으로``: the organizations that run with the subject a programme named after
    them (not ``P 참여 기업을 골라 B와 함께 …``, where P is no object of what they do together)."""
    return [r.key for r in s.of("Organization") if r.end < program.start
            and re.match(r"(?:\([^()]{0,30}\))?" + _TOGETHER, s.after(r, 40))]


def _owner_before(s: Sentence, program: Ref) -> list[str]:
    """``누리공사의 B2C 물류사업``, ``누리무역 B2C 물류사업``, ``누리부 ‘P’``: the organization written right before a
    programme runs it, as does one it was brought into (``누리센터에 도입된 ‘P’``) or one it is an institution of
    (``누리시의 창업 지원 기관인 ‘P’``)."""
    return [r.key for r in s.of("Organization") if r.end < program.start
            and _OWNER_GAP.fullmatch(s.text[r.end - s.start:program.start - s.start])][-1:]


_OWNER_GAP = re.compile(r"(?:의?|에\s(?:도입된|도입한|도입하고\s있는|도입\s중인)|의\s(?:[가-힣]+\s){0,3}[가-힣]*기관인)"
                        r"\s[‘'\"“]?")


def _runner_after(s: Sentence, program: Ref) -> list[str]:
    """``▲…구축사업(한빛대)``: the organization alone in parentheses right after a listed programme."""
    return [r.key for r in s.of("Organization") if r.start == program.end + 1
            and s.text[program.end - s.start:program.end - s.start + 1] == "("
            and s.text[r.end - s.start:r.end - s.start + 1] == ")"]


def _runners_of_topic(s: Sentence, program: Ref) -> list[str]:
    """``P은 A가 B와 함께 추진하는 사업으로``: the programme is the topic, A (and B) run it."""
    if not re.match(r"[’'”\"]?\s*(은|는)\s", s.after(program, 4)):
        return []
    doers = [r for r in s.of("Organization") if r.start > program.end and re.match(r"(이|가)\s", s.after(r, 2))]
    if not doers or not any(t in s.text[doers[0].end - s.start:] for t in L.OPERATION_TRIGGERS):
        return []
    partners = [r.key for r in s.of("Organization")
                if r.start > doers[0].end and re.match(_TOGETHER, s.after(r, 8))]
    return list(dict.fromkeys([doers[0].key, *partners]))


_SAME_PROGRAMME = re.compile(r"(?<![가-힣])(?:이|같은|해당|동|이번|그) (사업|프로그램|펀드)(?=\s|[은는이가을를의에도으로와과]|$)")


# …기관은 사업을 운영한다: the bare word as the object of running, the programme the article is about
_BARE_PROGRAMME = re.compile(r"(?<![가-힣])(사업)(?:을|도)\s(?:%s)" % "|".join(L.OPERATION_TRIGGERS))


def same_programme(table: Entities, s: Sentence, seen: list[str]) -> list[tuple[str, dict]]:
    """``A는 지난해 같은 사업으로 기업 98곳을 지원했다``: the subject runs the last programme so headed;
    ``A, B 2개 기관은 사업을 운영한다``: the subject and those listed with it, the bare word as the
    object of running."""
    m = _SAME_PROGRAMME.search(s.text)
    bare = None if m else _BARE_PROGRAMME.search(s.text)
    if not (m or bare) or s.of("Program"):
        return []
    headed = [k for k in seen if table.ents[k].name.endswith((m or bare).group(1))]
    # 이 사업: the last so headed; the bare word: the one the article speaks of (a topic), most often, last
    last = (headed[-1] if m else max(reversed(headed), key=lambda k: (_a_topic(table, k), headed.count(k)))) \
        if headed else None
    subj = [r for r in subjects(s) if r.type == "Organization"] or (_counted_subject(s) if bare else [])
    if not last or not subj or not any(t in s.text[subj[0].end - s.start:] for t in L.OPERATION_TRIGGERS):
        return []
    runners = [subj[0]] if m else [r for r in coordinated(s, subj[0]) if r.end <= s.start + bare.start()]
    return [("operates", {"org": r.key, "program": last}) for r in runners]


# 선정 기관은 A, B 등이다; 최종 선정된 6개 기관은: those chosen (as the programme's 주관기관 just named) run it
_CHOSEN = re.compile(r"\s*(?:최종\s?)?(?:선정|지정)(?:된)?\s?(?:\d+\s?(?:개|곳)\s?)?기관(?:은|는|으로는)\s")
_RUNNERS_SOUGHT = re.compile(r"[^.\n]{0,40}?(?:주관|운영|수행|전담|전문)\s?기관")


def chosen_bodies(table: Entities, s: Sentence, seen: list[str]) -> list[tuple[str, dict]]:
    """``P의 주관기관 6곳을 선정했다. 선정 기관은 A, B 등이다``: the bodies chosen run the last programme named,
    when its runners were what was chosen."""
    if not seen or not _CHOSEN.match(s.text) or s.of("Program"):
        return []
    last = seen[-1]
    if not any(_RUNNERS_SOUGHT.match(table.text, end) for _, end in table.ents[last].spans):
        return []
    return [("operates", {"org": r.key, "program": last}) for r in dict.fromkeys(s.of("Organization"))]


def _a_topic(table: Entities, key: str) -> bool:
    """Whether the article makes the programme a sentence's topic somewhere (``‘P’은 …``)."""
    return any(re.match(r"[’'\"”`]?\s?(?:은|는)\s", table.text[end:end + 4]) for _, end in table.ents[key].spans)


_COUNTED_SUBJECT = re.compile(r"(?:\s?등)?\s?\d+\s?(?:개|곳)\s?(?:기관|기업|대학|단체)?(?:이|가|은|는)\s")


def _counted_subject(s: Sentence) -> list[Ref]:
    """``A, B, C 3개 기관이``: the last organization of a list counted as the sentence's subject."""
    return [r for r in s.of("Organization") if _COUNTED_SUBJECT.match(s.after(r, 20))][:1]


_RUNNING = re.compile(r"^(이|가|에서|(?:와|과)\s?(?:함께|공동으로))\s+(?:[가-힣\d]+\s+){0,2}?(?:(?:%s)\s?(?:하는|한|할|중인|해\s?온|하고\s?있는)|(?:%s))\s+(?:[^\s'‘]+\s+){0,6}?['‘]?$"
                      % ("|".join((*L.OPERATION_TRIGGERS, "주관")), "|".join(L.MAKING_VERBS)))


def _clause_runners(table: Entities, s: Sentence, program: Ref, subject: list[str] = ()) -> list[str]:
    """``A와 B가 조성 중인 'P'``, ``A가 추진하는 P``, ``A에서 추진 중인 P``, ``시가 내놓은 'P'``: who the clause modifying the programme names;
    ``S는 A·B와 공동으로 추진한 P``: A, B and the subject S.

    A city or province (a government) does so as an organization does.
    """
    before = [r for r in s.of("Organization", "Place") if r.end <= program.start]
    for r in reversed(before):
        m = _RUNNING.match(s.text[r.end - s.start:program.start - s.start]) if _governs(table, r) else None
        if m:
            partners = [o.key for o in before if o.end < r.start and re.fullmatch(r"(와|과|,|·)\s?", s.text[o.end - s.start:r.start - s.start])
                        and _governs(table, o)]
            return [*(subject if m.group(1) not in ("이", "가", "에서") else ()), *partners, r.key]
    return []  # A가 맡아 수행 중인 누리부 ‘P’: the runner may stand before another name

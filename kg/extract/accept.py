"""What the mention classifier's answers become: the names accepted, overlaps resolved, places cut at districts.

``kg.extract.model`` scores every candidate span; this module holds the
decisions taken on those scores that read the text around a span: a
doubted name listed beside an accepted one of its kind is kept
(``listed_with``), a common noun or a reporter is no person, a post with
its organization glued on is no name, a day written before a name is cut,
the most probable of overlapping spans wins (``select_mentions``),
districts before a place are places of their own (``place_parts``) and a
unit written right after its organization is named with it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from kg.extract.features import Context
from kg.extract.posts import PLACE_ENDING
from kg.extract.titles import split_title
from kg.lang import ko as L
from kg.nlp.mentions import NUMBERED_SITTING, Mention, dedupe_mentions, is_district
from kg.nlp.tokenizer import dictionary_noun
from kg.extract.sentence import place_rank

if TYPE_CHECKING:
    import numpy as np

_KNOWN_ORGS = frozenset(L.KNOWN_ORGS)
_OCCASIONS = tuple(w for w in L.OCCASION_HEADS if w not in ("회의", "이사회", "총회"))  # 누리회의, 이사회: bodies too
CLASSES = ("", "Organization", "Place", "Program", "Event", "Person")  # "" = not a name

# Short forms that kg.extract.coref resolves to another entity (재단, 이 기관): never names of their own.
SKIP_NAMES = frozenset(L.ORG_SHORT_FORMS)
# A candidate listed beside an accepted name of its type is kept from this probability (``listed_with``).
LISTED_THRESHOLD = 0.12


def accepted_mentions(ctx: Context, spans: list[tuple[int, int]], probs: "np.ndarray", threshold: float,
                       rule_threshold: float, persons: bool) -> list[Mention]:
    """The names among the candidate ``spans`` of ``ctx``'s article, from their class probabilities (``probs``).

    A span is a name of its most probable type at ``threshold``; a span the rules typed, of that type at
    ``rule_threshold``; a company by its corporate form (㈜누리) or a body of the lexicon (``KNOWN_ORGS``)
    whatever its probability. Persons only when ``persons`` (else the rules of ``kg.extract.posts`` find them).
    """
    text = ctx.text
    bests = probs.argmax(axis=1)
    accepted = []
    for i in _named(spans, bests, ctx.rule):
        (start, end), p, best = spans[i], probs[i], int(bests[i])
        rule = ctx.rule.get((start, end))
        if best and p[best] >= threshold:
            kind = CLASSES[best]
        elif rule in CLASSES and p[CLASSES.index(rule)] >= rule_threshold:
            kind = rule  # the rules named it so, and the model does not rule it out
        elif rule == "Organization" and (_CORPORATE.search(text[start:end]) or text[start:end] in _KNOWN_ORGS
                                         or _SHARED_KIND.fullmatch(text, start, end)):
            kind = rule  # ㈜누리, 한빛(주): a company by its corporate form, however rare its name; 환경부: the lexicon's;
            # 누리·한빛TP: two bodies of a kind every city has (org_parts)
        elif rule == "Event" and NUMBERED_SITTING.match(text, start, end):
            kind = rule  # 제64차 누리TP 이사회: a numbered sitting, however rare the body's name
        else:
            continue
        if _CLAUSE.search(text, start, end) or _credit(text, start, end) or _DISTRICT_SEAT.fullmatch(text, start, end):
            continue  # … 할 수 있게 힘쓸 계획: a clause; [누리일보 김하늘 기자], <누리일보>: the paper's own credit;
            # (누리당, 한빛2): a council member's electoral district
        if kind == "Person" and (_common_word(ctx, start, end) or _BYLINE.match(text, end) or PLACE_ENDING.match(text, end)):
            continue  # 육성, 마지막: a common noun; 김하늘 기자: the article's reporter; 위촉식에서: a place or a time
        if kind == "Organization" and text[start:end].endswith(_OCCASIONS) and text[start:end] not in _KNOWN_ORGS:
            kind = "Event"  # 정기회, 누리 정보교류회: a meeting, not a body
        if kind in ("Place", "Organization") and (_cut_from_title(text, start, end) or _with_title(text[start:end])):
            continue  # 수원부시 of 수원부시장; 충남도지사: a post, whose organization the posts name
        start = _after_lead_time(text, start, end) if kind != "Person" else start
        if persons or kind != "Person":
            accepted.append((float(p[CLASSES.index(kind)]), Mention(start, end, kind, text[start:end])))
    return _units_named_with_parent(select_mentions(accepted + listed_with(ctx, spans, probs, [m for _, m in accepted]), ctx), text)


_SITE_KINDS = frozenset(L.SITE_KINDS)
_ACADEMIC_UNITS = ("학과", "학부", "대학원")
_JOINED_UNITS = ("병원", *_ACADEMIC_UNITS, "지회", "지부", "지청", "공장", "제철소", "사업장", "지역본부", "본부", "센터", "상공회", "사업단")


def _units_named_with_parent(mentions: list[Mention], text: str) -> list[Mention]:
    """``고려대학교 안산병원``, ``누리대 경영학부``: a unit written right after its organization is named with it,
    as the gold names such units, and a site's kind after its place (``판교 도시첨단산단``); the organization or
    place keeps its own mention inside."""
    out: list[Mention] = []
    starts = {k.start for k in mentions}
    for m in mentions:
        before = next((k for k in reversed(out) if k.end <= m.start), None)
        if before is not None and before.end + 1 == m.start and text[before.end] == " " and " " not in m.text and (
                (before.type == m.type == "Organization" and m.text.endswith(_JOINED_UNITS))
                or (before.type == m.type == "Place" and m.text in _SITE_KINDS)):  # 판교 도시첨단산단: a site by its kind
            out.append(Mention(before.start, m.end, m.type, text[before.start:m.end]))
            continue
        out.append(m)
        unit = _UNIT_AFTER.match(text, m.end) if m.type == "Organization" else None
        if unit and m.end + 1 not in starts:  # 누리대 경영학부에서: a unit the model left out
            out.append(Mention(m.start, unit.end(1), "Organization", text[m.start:unit.end(1)]))
    return sorted(out, key=lambda m: (m.start, -m.end))


# A word right after an organization that names one of its units (two syllables or more before the unit's word).
_UNIT_AFTER = re.compile(r" ([가-힣]{2,10}(?:%s))(?=%s|[\s,.·)]|$)"
                         % ("|".join(_ACADEMIC_UNITS), "|".join(L.PARTICLES)))


def _named(spans: list[tuple[int, int]], bests: "np.ndarray", rule: dict[tuple[int, int], str]) -> list[int]:
    """The indexes, in order, of the sorted ``spans`` that the model (``bests``: class index) or the ``rule`` names.

    Most candidates are neither (a few dozen of ~750 an article): the others are never looked at.
    """
    named = set(bests.nonzero()[0].tolist())
    for span in rule:
        i = bisect_left(spans, span)
        if i < len(spans) and spans[i] == span:
            named.add(i)
    return sorted(named)


_CORPORATE = re.compile(r"㈜|\(주\)")
_LEAD_TIME = re.compile(r"(?:(?:(?:\d{1,2}월\s?)?\d{1,2}일|오전|오후|후)\s+)+(?=\S)")
# What only a clause holds: a verb's connective or final ending, or 수 있- (할 수 있도록, 노력했다, 추진한다)
_CLAUSE = re.compile(r"수 ?있|[가-힣]도록 |(?:겠|했|한|된)다(?![가-힣])")
_DISTRICT_SEAT = re.compile(r"[가-힣]{1,4}\d{1,2}")  # 한빛2: a place and a number, an electoral district
_PAIR = re.compile(r"([^\s\-]{2,})-([^\s\-]{2,})")  # two names joined by a hyphen
_CREDIT_AFTER = re.compile(r"\s?(?:[가-힣]{2,4}\s?(?:%s)|>)" % "|".join(L.BYLINE_WORDS))


def _credit(text: str, start: int, end: int) -> bool:
    """``[누리일보 김하늘 기자]``, ``<누리일보>``, ``저작권자 ⓒ 누리일보``: the outlet in its byline or credit line."""
    before = text[max(0, start - 8):start]
    return (before[-1:] in "[<" and bool(_CREDIT_AFTER.match(text, end))) or bool(re.search(r"[ⓒ©]\s?$", before))


_BYLINE = re.compile(r"\s?(?:%s)(?![가-힣])" % "|".join(L.BYLINE_WORDS))
# Between two names of one list: a middle dot, a comma, 와/과, 및.
_JOIN_BEFORE = re.compile(r"(?:\s?[·ㆍ,]\s?|와 |과 | 및 )$")
_JOIN_AFTER = re.compile(r"\s?[·ㆍ,]\s?|와 |과 | 및 ")
_LISTED_KINDS = ("Organization", "Place")
_REGION_WORDS = frozenset((*L.PROVINCES, *L.CITY_STEMS))


# An apposition naming a company's kind right before its name (사출 금형 업체인 ~, 제조혁신기업인 ~).
_COMPANY_BEFORE = re.compile(r"(?:업체|기업|회사|제조사|스타트업)인 $")


def listed_with(ctx: Context, spans: list[tuple[int, int]], probs: "np.ndarray", accepted: list[Mention]) -> list[tuple[float, Mention]]:
    """Candidates listed right beside an accepted organization or place (``A·B·C 등``), a province or city
    right before an accepted place (``경남 창원``), or a company introduced by its kind (``금형 업체인 A``), at
    ``LISTED_THRESHOLD``.

    A list names things of one kind: a name the classifier doubts (a rare company, a third 경제자유구역청)
    next to one it accepts is most often one of them (0.6 of such candidates on held-out folds of the shared
    gold); the gold names every province written before a place it names. A span with a list mark, a
    particle, or a generic word is none.
    """
    text = ctx.text
    ends: dict[int, set[str]] = {}
    starts: dict[int, set[str]] = {}
    for m in accepted:
        ends.setdefault(m.end, set()).add(m.type)
        starts.setdefault(m.start, set()).add(m.type)
    taken = {(m.start, m.end) for m in accepted}
    out = []
    likely = (probs[:, [CLASSES.index(k) for k in _LISTED_KINDS]] >= LISTED_THRESHOLD).any(axis=1)
    for i in likely.nonzero()[0].tolist():  # the few candidates of a listed kind at the threshold
        (start, end), p = spans[i], probs[i]
        if (start, end) in taken:
            continue
        before = _JOIN_BEFORE.search(text, max(0, start - 4), start)
        after = _JOIN_AFTER.match(text, end)
        kinds = (ends.get(before.start(), set()) if before else set()) | (starts.get(after.end(), set()) if after else set())
        if text[start:end] in _REGION_WORDS and "Place" in starts.get(end + 1, ()) and text[end:end + 1] == " ":
            kinds.add("Place")  # 경남 창원: a province or city before an accepted place
        if _COMPANY_BEFORE.search(text, max(0, start - 8), start):
            kinds.add("Organization")  # 금형 업체인 누리정밀과: a company introduced by its kind
        best = CLASSES[int(p[1:].argmax()) + 1]
        if best in kinds and best in _LISTED_KINDS and p[CLASSES.index(best)] >= LISTED_THRESHOLD \
                and _name_like(ctx, start, end):
            out.append((float(p[CLASSES.index(best)]), Mention(start, end, best, text[start:end])))
    return out


def _name_like(ctx: Context, start: int, end: int) -> bool:
    """No list mark, particle or ending inside; not a generic word, a short form or a title; some Hangul."""
    name = ctx.text[start:end]
    morphs = ctx.morphs_in(start, end)
    return bool(morphs) and not re.search(r"[·ㆍ,]", name) and re.search(r"[가-힣]", name) is not None \
        and morphs[-1].tag[0] not in "JE" and name not in L.GENERIC_WORDS and name not in SKIP_NAMES \
        and not name.endswith(_TITLE_WORDS) and not _DISTRICT_SEAT.fullmatch(name)
_TITLE_WORDS = (*L.POST_TITLES, *L.HONORIFICS)


def _common_word(ctx: Context, start: int, end: int) -> bool:
    """No personal name: one common noun of Kiwi's dictionary (육성, 당연직; 최연소, even before 원장), or one
    word that Kiwi guessed to be a common noun, with no title or honorific after it."""
    morphs = ctx.morphs_in(start, end)
    if not morphs or (morphs[0].start, morphs[-1].end) != (start, end):
        return False
    if dictionary_noun(morphs):
        return True
    if len(morphs) != 1 or morphs[0].tag != "NNG":
        return False
    after = re.match(r"\s*([가-힣]+)", ctx.text[end:end + 12])
    word = after.group(1) if after else ""
    return not (word.startswith(_TITLE_WORDS) or word.endswith(_TITLE_WORDS))


_WORD_REST = re.compile(r"[가-힣]+")


def _cut_from_title(text: str, start: int, end: int) -> bool:
    """``수원부시`` of ``수원부시장``: a name that ends inside a word the title split reads otherwise (수원 + 부시장)."""
    rest = _WORD_REST.match(text, end)
    if not rest:
        return False
    word = text[start:rest.end()]
    for particle in ("", *L.PARTICLES):
        if particle and not word.endswith(particle):
            continue
        titled = split_title(word[:len(word) - len(particle)], set())
        if titled and titled[0]:
            return titled[0] != text[start:end] and len(titled[0]) < end - start
        if titled:
            return True  # 기획팀 of 기획팀장: a post that names a unit inside its body (기획경영본부장 too)
    return False


def _after_lead_time(text: str, start: int, end: int) -> int:
    """Where a name starts after a day, 오전/오후 or 후 written before it (``11월1일 누리관 대강당``); a year stays."""
    lead = _LEAD_TIME.match(text, start, end)
    return lead.end() if lead else start


def _with_title(name: str) -> bool:
    """``충남도지사``, ``누리시의원``: a place or body with a post title glued on."""
    titled = split_title(name, set())
    return bool(titled and titled[0] and titled[1] in L.POST_TITLES and not name.endswith(_NOT_TITLES))


_NOT_TITLES = ("한의원", "치과의원")  # 누리한의원: a clinic, not a 의원 of 누리한


def select_mentions(scored: list[tuple[float, Mention]], ctx: Context | None = None) -> list[Mention]:
    """Most probable first; a span crossing a kept one goes; nesting follows the rules' ``dedupe_mentions``.

    A body named with the kind it shares with the next (``평택`` of ``평택·용인시산업진흥원``) comes first:
    its word is no place of the article there.
    """
    kept: list[Mention] = []
    parts = [(p, part) for p, m in scored for part in (org_parts(m) if m.type == "Organization" else place_parts(m, ctx))]
    shared = {(m.start, m.end) for _, m in parts if m.end - m.start < len(m.text) and m.type == "Organization"}
    for _, m in sorted(parts, key=lambda x: ((x[1].start, x[1].end) not in shared or x[1].type != "Organization",
                                             -x[0], x[1].start, x[1].end)):
        if any(k.start < m.end and m.start < k.end and not _nested(k, m) for k in kept):
            continue
        kept.append(m)
    return dedupe_mentions(kept)


# 평택·용인시산업진흥원, 누리·한빛TP: two bodies of one kind, the first written without the kind they share
_SHARED_KIND = re.compile(r"([가-힣]{2,4})[·ㆍ‧・]([가-힣]{2,4}?(?:시|군)?)(%s)" % "|".join(L.REGIONAL_BODIES))


def org_parts(m: Mention) -> list[Mention]:
    """``누리TP-한빛TP`` -> ``누리TP``, ``한빛TP``; ``평택·용인시산업진흥원`` -> ``평택산업진흥원``, ``용인시산업진흥원``;
    ``누리시 한빛구 가람동 누리진흥원`` -> its three districts (places) and ``누리진흥원``.

    Two bodies joined by a hyphen are two names, as headlines pair an agreement's parties. Two bodies of a kind every city has, listed with a dot before the kind they share, are two bodies;
    the first is named with that kind (the span stays its own word). An address of two districts or more
    before a body is no part of its name (the gold never names a body so); one place before it may be
    (``누리 창조경제혁신센터``).
    """
    pair = _PAIR.fullmatch(m.text)
    if pair:  # 누리TP-한빛TP, MOU: two bodies, as headlines pair the parties of an agreement
        return [Mention(m.start + pair.start(g), m.start + pair.end(g), m.type, pair.group(g)) for g in (1, 2)]
    shared = _SHARED_KIND.fullmatch(m.text)
    if shared:
        second = m.start + shared.start(2)
        return [Mention(m.start, m.start + shared.end(1), m.type, shared.group(1) + shared.group(3)),
                Mention(second, m.end, m.type, m.text[shared.start(2):])]
    words = m.text.split(" ")
    k = 0
    while k < len(words) - 1 and is_district(words[k]):
        k += 1
    if k < 2:
        return [m]
    out, at = [], m.start
    for word in words[:k]:
        out.append(Mention(at, at + len(word), "Place", word))
        at += len(word) + 1
    return out + [Mention(at, m.end, m.type, m.text[at - m.start:])]


def place_parts(m: Mention, ctx: Context | None = None) -> list[Mention]:
    """``수원 매탄동 누리컨벤션홀`` -> ``수원``, ``매탄동``, ``누리컨벤션홀``: districts before a place are places of their own.

    The rules cut venues so (``kg.nlp.mentions``), the gold names them so, and ``locatedIn`` needs the
    parts apart: each district a place, the venue without them. A run of districts alone (``제주시
    구좌읍``) is one place per word, as the gold names them, unless its last word is no city, district or
    neighbourhood of its own (``성남 벤처촉진지구``). With the article's morphemes (``ctx``), one district
    before a site named by common nouns stays in its name (``오창 과학산업단지``, ``삼척 LNG 기지``), as
    the gold names such sites: the nouns alone name none. Short names listed with dots before the ending
    they share (``송도·영종·청라지구``) are each a place.
    """
    if m.type == "Place" and _ELLIPTICAL.fullmatch(m.text):
        return _listed_places(m)
    if m.type != "Place" or " " not in m.text:
        return [m]
    words = m.text.split(" ")
    k = 0
    while k < len(words) - 1 and is_district(words[k]):  # a neighbourhood (판교) stays in the venue's name
        k += 1
    if k == 0 or words[-1] in L.REGIONS:
        return [m]
    if is_district(words[-1]):
        if place_rank(words[-1]) == 5:  # 벤처촉진지구: a zone, not a 구
            return [m]
        k = len(words)
    elif k == 1 and ctx is not None and _common_site(ctx, m.start + len(words[0]) + 1, m.end, len(words) > 2):
        return [m]
    out, at = [], m.start
    for word in words[:k]:
        out.append(Mention(at, at + len(word), m.type, word))
        at += len(word) + 1
    if k < len(words):
        out.append(Mention(at, m.end, m.type, m.text[at - m.start:]))
    return out


# 송도·영종·청라지구, 강서·관악·구로구청: short names listed with dots, the last with the ending they share
_ELLIPTICAL = re.compile(r"(?:[가-힣]{2,3}[·ㆍ‧・])+[가-힣]{2,4}(?:지구|구청|시청|군청|구|시|군|동)")


def _listed_places(m: Mention) -> list[Mention]:
    """Each place of an elliptical list a place of its own (the gold names them so, the short ones as aliases)."""
    out, at = [], m.start
    for part in re.split(r"[·ㆍ‧・]", m.text):
        out.append(Mention(at, at + len(part), "Place", part))
        at += len(part) + 1
    return out


def _common_site(ctx: Context, start: int, end: int, several: bool) -> bool:
    """``과학산업단지``, ``LNG 기지``: a site named by common nouns (or several words not led by a name), no venue."""
    morphs = ctx.morphs_in(start, end)
    if not morphs or ctx.text[start:end].endswith(L.VENUE_HEADS):
        return False
    return morphs[0].tag == "NNG" or (several and morphs[0].tag != "NNP")


def _nested(a: Mention, b: Mention) -> bool:
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)



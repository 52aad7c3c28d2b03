"""Happenings named only by an occasion word: ``이사회를 열고``, ``세미나를 개최했다``, ``열린 간담회에서는``.

The gold format counts a generic-sounding name that refers to one specific
happening of the article as an Event. The mention model rarely takes such a
word alone: most bare ``세미나`` or ``협약식`` in training articles refer back
to an event named in full, or to no happening at all. A verb of holding right
after the word (``를 열고``, ``이 개최됐다``) or a participle of holding right
before it (``열린``, ``진행한``) says it is one; the name is the word with
the bare nouns before it (``업무협조약정 체결식``), never crossing a name, a
particle, a number or a quotation. Words that say the happening recurs
(``매년``) leave the sentence alone. A quoted name that is held or attended
(``‘…’을 개최``, ``‘…’에 참가``) names an Event too.

Signings follow gold/FORMAT.md: one is an Event only when the article
presents it as an occasion (``협약에는 … 참석``), then named with its purpose
clause (``…을 위한 업무협약``); a named agreement only said to have been
signed is none.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from kg.lang import ko as L
from kg.nlp.mentions import Mention
from kg.nlp.tokenizer import Morph

_NOUNS = {"NNG", "NNP", "SL"}
_MAX_WORDS = 3  # nouns joined before the occasion word


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    heads = "|".join(sorted(map(re.escape, L.OCCASION_HEADS), key=len, reverse=True))
    word = re.compile(rf"[가-힣A-Za-z0-9]*(?:{heads})(?=[을를이가은는에과와도]|\s|$)")
    day = r"(?:\s(?:지난|오는)?\s?\d{1,2}일(?:\s?(?:오전|오후)(?:\s?\d{1,2}시)?)?)?"  # 이 지난 3일 열렸다
    after = re.compile(rf"(?:[을를이가은는도]|과 함께|와 함께)?{day}\s?(?:{'|'.join(map(re.escape, L.HOLDING_AFTER))})")
    before = re.compile(rf"(?:{'|'.join(map(re.escape, L.HOLDING_BEFORE))})\s$")
    return word, after, before


def occasion_mentions(text: str, morphs: list[Morph], sent_starts: list[int], mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the article's occasions: held occasion words, held quoted names, signings as this module says."""
    starts = [m.start for m in morphs]
    held_words = _held_words(text, morphs, starts, sent_starts, mentions)
    return _signings(text, morphs, starts, _named_by_quote(text, _quoted_occasions(text, sent_starts, held_words)))


def _held_words(text: str, morphs: list[Morph], starts: list[int], sent_starts: list[int],
                mentions: list[Mention]) -> list[Mention]:
    """``mentions`` and an Event for each occasion word that a verb of holding marks as one happening."""
    word = _patterns()[0]
    taken = sorted((m.start, m.end) for m in mentions)
    out = list(mentions)
    for m in word.finditer(text):
        if not (held(text, m.start(), m.end()) or _held_next(text, m.end())) or _overlaps(taken, m.start(), m.end()):
            continue
        if _habitual(text, sent_starts, m.start()):
            continue
        start = _joined_before(text, morphs, starts, taken, _extend_left(text, morphs, starts, taken, m.start()))
        out.append(Mention(start, m.end(), "Event", text[start:m.end()]))
        taken = sorted([*taken, (start, m.end())])
    return out


_JOIN_NEXT = re.compile(r"(?:·| 및 )(?:제?\d{1,3}(?:차|회)\s?)?")


def _held_next(text: str, end: int) -> bool:
    """``출범식 및 제3차 운영회의를 열고``: an occasion word joined to the numbered one that is held is held too."""
    join = _JOIN_NEXT.match(text, end)
    nxt = _patterns()[0].match(text, join.end()) if join and join.end() > end + 3 else None
    return bool(nxt) and held(text, nxt.start(), nxt.end())


def _joined_before(text: str, morphs: list[Morph], starts: list[int], taken: list[tuple[int, int]], start: int) -> int:
    """``총회·이사회를 열고``, ``박람회 및 수출상담회``: occasion words joined by · or 및 name one happening."""
    joined = re.search(r"(?:·| 및 )$", text[max(0, start - 3):start])
    if not joined or _ORDINAL.match(text, start):
        return start  # 개소식 및 제2차 운영회의: a numbered meeting is one of its own
    end = start - len(joined.group(0))
    before = [m for m in _patterns()[0].finditer(text, max(0, end - 20), end) if m.end() == end]
    if not before or _overlaps(taken, before[-1].start(), end):
        return start
    return _extend_left(text, morphs, starts, taken, before[-1].start())


_QUOTE = re.compile(r"[‘'“\"]([^‘’'“”\"\n]{3,40})[’'”\"]")
# After a quoted name: it is held (을 개최했다, 가 열린다) or attended (에 참가해); before it: 열린 ‘…’.
_QUOTE_HELD = re.compile(r"(?:\(\S+\))?(?:[을를이가은는]\s?(?:(?:지난|오는)\s)?(?:\d{1,2}일(?:부터|까지)?\s)*(?:공동\s?)?"
                         r"(?:개최|열[고어었며린리])|(?:을|를)\s연다|에\s?(?:참가|참석))")
_QUOTE_BEFORE = re.compile(r"(?:열린|열리는|열릴|개최된|개최되는|개최될)\s$")


def _quoted_occasions(text: str, sent_starts: list[int], mentions: list[Mention]) -> list[Mention]:
    """A quoted name that is held or attended (``‘2026 바이오 투자 주간’을 개최``) names an Event."""
    out = mentions
    for q in _QUOTE.finditer(text):
        s, e = q.span(1)
        name = q.group(1)
        if name.strip() != name or re.search(r"[.?!,]|다$", name) or name in L.GENERIC_WORDS:
            continue
        if not (_QUOTE_HELD.match(text, q.end()) or _QUOTE_BEFORE.search(text, max(0, q.start() - 8), q.start())):
            continue
        if _habitual(text, sent_starts, s) or any(m.type == "Event" and m.start <= s and e <= m.end for m in out):
            continue
        # the quoted name is the event's: a mention of all of it, or crossing its edges, gives way
        out = [m for m in out if not ((m.start, m.end) == (s, e) or m.start < s < m.end or m.start < e < m.end)]
        out.append(Mention(s, e, "Event", name))
    return out


_QUOTE_THEN_SPACE = re.compile(_QUOTE.pattern + " $")  # ‘…’ right before a word


def _named_by_quote(text: str, mentions: list[Mention]) -> list[Mention]:
    """``‘한빛 수소 협의체’ 발족식``: a bare occasion word after a quoted name is the occasion of it, so named.

    The quoted name keeps its own mention (the council is an organization), unless it was taken for the
    event itself.
    """
    out, renamed = [], []
    for m in mentions:
        quoted = _QUOTE_THEN_SPACE.search(text, max(0, m.start - 44), m.start) if m.type == "Event" else None
        if quoted and m.text in L.OCCASION_HEADS:
            m = Mention(quoted.start(), m.end, "Event", f"{quoted.group(1)} {m.text}")
            renamed.append((quoted.start(1), quoted.end(1)))
        out.append(m)
    return [m for m in out if not (m.type == "Event" and (m.start, m.end) in renamed)]


def _habitual(text: str, sent_starts: list[int], pos: int) -> bool:
    """The sentence at ``pos`` says the happening recurs (매년 포럼을 열고 있다)."""
    k = max(bisect_right(sent_starts, pos) - 1, 0)
    end = sent_starts[k + 1] if k + 1 < len(sent_starts) else len(text)
    return any(w in text[sent_starts[k] if sent_starts else 0:end] for w in L.HABITUAL_MARKERS)


def held(text: str, start: int, end: int) -> bool:
    """A verb of holding follows ``text[start:end]`` (``를 열고``) or a participle of holding precedes it (``열린``)."""
    _, after, before = _patterns()
    return bool(after.match(text, end) or before.search(text, max(0, start - 8), start))


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in taken)


_ORDINAL = re.compile(r"제?\d{1,3}(?:차|회)")


def _extend_left(text: str, morphs: list[Morph], starts: list[int], taken: list[tuple[int, int]], start: int) -> int:
    """The start of the bare nouns before ``start`` (``업무협조약정 체결식``), at most a few words."""
    for _ in range(_MAX_WORDS):
        if start < 2 or text[start - 1] != " ":
            break
        prev = text.rfind(" ", 0, start - 1) + 1
        cut = max(prev, text.rfind("\n", 0, start - 1) + 1)
        if _ORDINAL.fullmatch(text, cut, start - 1) and not _overlaps(taken, cut, start - 1):
            return cut  # 제2차 운영회의: the ordinal is the name's, and nothing before it
        piece = morphs[bisect_left(starts, cut):bisect_left(starts, start - 1)]
        if not piece or any(m.tag not in _NOUNS for m in piece) or _overlaps(taken, cut, start - 1):
            break
        if text[cut:start - 1] in L.TIME_NOUNS or (piece[0].start != cut or piece[-1].end != start - 1):
            break
        start = cut
    return start


_SIGNING_HEAD = (*L.AGREEMENT_HEADS, "양해각서")
# 업무협약을 체결했다, '…업무협약'이 체결됐다
_SIGNED = re.compile(r"[가-힣A-Za-z]*(?:%s)(?=(?:\(MOU\))?[’'\"”]?(?:[을를] (?:체결|맺)|[이가] 체결))" % "|".join(_SIGNING_HEAD))
# The article presents the signing as an occasion (FORMAT: a ceremony noun, the signing spoken of as a 행사 or
# 자리, people attending it).
_OCCASION_CUE = re.compile(r"(?:업무\s?)?협약(?:식)?에(?:는| 참석)|참석한 가운데|참석자|(?:이날|이번) (?:행사|자리)에(?:는|서)")


def _signings(text: str, morphs: list[Morph], starts: list[int], mentions: list[Mention]) -> list[Mention]:
    """A signing the article presents as an occasion is an Event, named with its purpose.

    ``A와 B는 청년 창업 기반 조성을 위한 업무협약을 맺었다 … 협약에는 … 참석했다``: the agreement's
    name (its purpose clause included, as the gold names such events) is the event's. A signing event the
    model found (``창업지원기관 업무협약``) takes its purpose clause too.
    """
    out, taken = [], sorted((m.start, m.end) for m in mentions)
    occasion = bool(_OCCASION_CUE.search(text))
    for m in mentions:
        if m.type == "Event" and m.text.endswith(_SIGNING_HEAD):
            if not occasion:
                continue  # only said to have been signed: a partnership, no Event (gold/FORMAT.md)
            start = _purpose(text, morphs, starts, taken, m.start)
            m = Mention(start, m.end, m.type, text[start:m.end])
        out.append(m)
    if any(m.type == "Event" for m in out) or not occasion:
        return out
    found = _SIGNED.search(text)
    if found and not _overlaps(taken, found.start(), found.end()):
        start = _purpose(text, morphs, starts, taken, _extend_left(text, morphs, starts, taken, found.start()))
        out.append(Mention(start, found.end(), "Event", text[start:found.end()]))
    return out


def _purpose(text: str, morphs: list[Morph], starts: list[int], taken: list[tuple[int, int]], start: int) -> int:
    """The start of ``… 구축을 위한`` before a name starting at ``start``, else ``start``."""
    if not text.endswith("위한 ", 0, start):
        return start
    end = start - len("위한 ") - 1
    cut = text.rfind(" ", 0, end) + 1
    piece = morphs[bisect_left(starts, cut):bisect_left(starts, end)]
    if len(piece) < 2 or piece[-1].tag != "JKO" or any(m.tag not in _NOUNS and m.tag != "XSN" for m in piece[:-1]) \
            or _overlaps(taken, cut, end):  # 활성화를 위한: a noun with its suffix
        return start
    begin = _extend_left(text, morphs, starts, taken, cut)
    # one genitive word before it (누리 기업의 해외 판로 개척을 위한)
    if begin >= 2 and text[begin - 1] == " ":
        prev = text.rfind(" ", 0, begin - 1) + 1
        piece = morphs[bisect_left(starts, prev):bisect_left(starts, begin - 1)]
        if len(piece) >= 2 and piece[-1].tag == "JKG" and all(m.tag in _NOUNS for m in piece[:-1]) \
                and not _overlaps(taken, prev, begin - 1):
            begin = prev
    return begin

"""Noun chains: runs of Kiwi morphemes in which names are looked for.

A *piece* is a run of morphemes without whitespace or punctuation; its *stem*
is its nominal prefix (the name without particle or ending). A *chain* is a
run of pieces joined by single spaces in which every piece but the last is
all stem (``누리산업단지공단 한빛지역본부는``). The rules (``kg.nlp.mentions``,
``kg.nlp.marked``) and the model's candidates (``kg.nlp.candidates``) look for
names inside chains.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kg.nlp.tokenizer import Morph

NOMINAL = frozenset(("NNG", "NNP", "NNB", "NR", "SN", "SL", "SH", "XPN", "XSN", "SO"))
_BREAK = frozenset("()[]{}<>‘’“”\"'`「」『』,;:!?…~∼/|=+▲△■□●○◆◇※☞▶▷-→←↔")
_INNER = frozenset("·ㆍ・&.-")


class Piece(NamedTuple):
    """A run of morphemes between whitespace/punctuation; ``stem_end`` ends its nominal part.

    A named tuple, as ``Morph``: ~450 are made an article, and a frozen dataclass takes three times as
    long to make.
    """

    start: int
    stem_end: int
    end: int
    tags: tuple[str, ...]  # tags of the stem morphemes


def pieces(text: str, morphs: list[Morph]) -> list[Piece]:
    """Pieces of ``text`` in reading order."""
    out: list[Piece] = []
    cur: list[tuple[Morph, str]] = []  # (morpheme, its surface)
    for m in morphs:
        start, end, tag = m.start, m.end, m.tag
        if end <= start:
            continue
        surface = text[start:end]
        if surface in _JOINING_MARKS and cur and start == cur[-1][0].end and _joining(text, start, surface):
            cur.append((m, surface))  # K-바이오, 5+2: a name's own hyphen or plus
            continue
        cut = surface in _BREAK or tag in _CUT_TAGS
        if cur and (start > cur[-1][0].end or cut):
            out.append(_piece(cur))
            cur = []
        if cut or (tag == "SP" and surface not in _INNER) or (not cur and surface in _INNER):
            continue  # a name neither starts with a joining mark (…)·누리협회: the dot joins a list)
        cur.append((m, surface))
    if cur:
        out.append(_piece(cur))
    return out


_CUT_TAGS = frozenset(("SSO", "SSC", "SF", "SE"))
_JOINING_MARKS = frozenset("-+")
_LATIN_LEAD = re.compile(r"(?:^|[^A-Za-z])[A-Za-z]{1,2}$")


def _joining(text: str, start: int, surface: str) -> bool:
    """A hyphen after a word's one or two Latin letters (K-콘텐츠, e-러닝), a plus between digits (5+2
    광역경제권): marks inside a name, not between names (한빛-누리 업무협약)."""
    after = text[start + 1:start + 2]
    if surface == "-":
        return bool(_LATIN_LEAD.search(text[max(0, start - 3):start])) and bool(re.match(r"[가-힣A-Za-z]", after))
    return surface == "+" and text[start - 1:start].isdigit() and after.isdigit()


_TRAILING_NOUNS = frozenset(("내", "간", "등", "측", "중", "외"))


def _piece(cur: list[tuple[Morph, str]]) -> Piece:
    # the stem ends where the trailing run of particles/endings starts
    k = len(cur)
    while k > 0 and not (cur[k - 1][0].tag in NOMINAL or cur[k - 1][1] in _INNER):
        k -= 1
    while k > 0 and cur[k - 1][1] in _INNER:
        k -= 1
    if k > 1 and cur[k - 1][0].tag == "NNB" and cur[k - 1][0].form in _TRAILING_NOUNS:
        k -= 1  # 경기도내 -> 경기도
    stem_end = cur[k - 1][0].end if k else cur[0][0].start
    return Piece(cur[0][0].start, stem_end, cur[-1][0].end, tuple([m.tag for m, _ in cur[:k]]))


def chains(text: str, ps: list[Piece]) -> list[list[Piece]]:
    """Runs of pieces joined by one space, all stem but the last."""
    out: list[list[Piece]] = []
    cur: list[Piece] = []
    for p in ps:
        if cur and (text[cur[-1].end:p.start] not in (" ", "") or cur[-1].stem_end != cur[-1].end or "\n" in text[cur[-1].end:p.start]):
            out.append(cur)
            cur = []
        if p.stem_end == p.start:  # no nominal part: a verb or adverb ends the chain
            if cur:
                out.append(cur)
            cur = []
            continue
        cur.append(p)
    if cur:
        out.append(cur)
    return out


_last_chains: tuple[str, list[Morph], list[list[Piece]]] | None = None


def text_chains(text: str, morphs: list[Morph]) -> list[list[Piece]]:
    """``chains(text, pieces(text, morphs))``, computed once for the article read last.

    The rules (``find_mentions``) and the model's candidates (``kg.nlp.candidates``) both walk the
    chains of the same article; the result is kept for the one ``(text, morphs)`` seen last and
    compared in full (equal morphemes, not the same list), so another article never gets it.
    Callers must not change what they get.
    """
    global _last_chains
    last = _last_chains
    if last is not None and last[0] == text and last[1] == morphs:
        return last[2]
    found = chains(text, pieces(text, morphs))
    _last_chains = (text, list(morphs), found)
    return found

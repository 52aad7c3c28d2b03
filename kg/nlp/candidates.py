"""Candidate names: every span of an article that may name an entity, with high recall.

The rules of ``kg.nlp.mentions`` decide from a name's last word; a trained
model (``kg.extract.model``) decides from many signals, and it can only pick
among the spans proposed here. So this module errs on the side of too many:

- every run of consecutive pieces inside a noun chain (``한국산업단지공단
  경인지역본부는`` gives both names and their parts), at most ``MAX_WORDS``;
- the parts of a piece joined by middle dots or commas (``광주·전남·전북``);
- a name with a post title glued to it, without the title (``인천경제자유구역청장``
  gives ``인천경제자유구역청`` and ``인천경제자유구역``);
- a proper noun into which Kiwi folded a particle (``포스코케미칼도``);
- quoted text and text in parentheses.

On the 151 articles of seeds, dev and train outside the lockbox, 97 % of
the gold entities have a name or alias among these spans (about 300 spans an
article).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from kg.lang import ko as L
from kg.nlp.chains import Piece, text_chains
from kg.nlp.tokenizer import Morph

MAX_WORDS = 7  # the longest names in the gold have 6 words
_DOT_CHARS = "·ㆍ・,"
_DOT = re.compile(f"[{_DOT_CHARS}]")
_NO_EDGE = re.compile(rf"[\s{_DOT_CHARS}]")  # whitespace (``str.isspace``), a dot or a comma: never a name's edge
_QUOTED = re.compile(r"[‘'“\"`「『]([^‘’'“”\"`」』\n]{2,60})[’'”\"`」』]")
_PAREN = re.compile(r"\(([^()\n]{2,40})\)")
_TITLES = frozenset((*L.POST_TITLES, "장"))
_PARTICLE_CHARS = frozenset("도은는이가을를의와과에")


def candidate_spans(text: str, morphs: list[Morph]) -> list[tuple[int, int]]:
    """Sorted, distinct ``(start, end)`` spans of ``text`` that may be names."""
    out: set[tuple[int, int]] = set()
    ends = sorted({m.end for m in morphs})
    dots = [m.start() for m in _DOT.finditer(text)]
    markets = _after_common_nouns(morphs)
    for chain in text_chains(text, morphs):
        _runs(chain, out)
        _inside_pieces(text, chain, ends, dots, out, markets)
    for m in morphs:  # a particle Kiwi left inside a proper noun (포스코케미칼도)
        if m.tag == "NNP" and m.end - m.start > 2 and text[m.end - 1] in _PARTICLE_CHARS:
            out.add((m.start, m.end - 1))
    out.update(m.span(1) for m in _QUOTED.finditer(text))
    out.update(m.span(1) for m in _PAREN.finditer(text))
    # the offsets of characters no name starts or ends with, once: an article has ~750 spans
    no_edge = {m.start() for m in _NO_EDGE.finditer(text)}
    return sorted((s, e) for s, e in out if e - s >= 2 and s not in no_edge and e - 1 not in no_edge)


def _runs(chain: list[Piece], out: set[tuple[int, int]]) -> None:
    for i in range(len(chain)):
        for j in range(i, min(len(chain), i + MAX_WORDS)):
            if chain[j].stem_end > chain[i].start:
                out.add((chain[i].start, chain[j].stem_end))


def _after_common_nouns(morphs: list[Morph]) -> set[tuple[int, int]]:
    """Morphemes like 시장 glued to a common noun (세계|시장, 해외|시장): a market, not the mayor of a 세계시.

    Only those that would leave a place ending (시, 군, 구, 도) before a cut title; ``진흥|원장`` still
    gives ``…진흥원``.
    """
    return {(b.start, b.end) for a, b in zip(morphs, morphs[1:])
            if a.tag == "NNG" and a.end == b.start and b.form[:1] in "시군구도" and len(b.form) > 1}


def _inside_pieces(text: str, chain: list[Piece], ends: list[int], dots: list[int], out: set[tuple[int, int]],
                   markets: set[tuple[int, int]] = frozenset()) -> None:
    """Spans that end inside a piece: at a morpheme, a dot or comma, or before a glued title.

    ``ends``: the morphemes' end offsets, sorted; ``dots``: the offsets of the text's dots and commas
    (``_DOT``), sorted. ``markets``: morphemes after a common noun; a cut inside one is no glued title
    (세계시장 is a market, not a mayor of 세계시).
    """
    for j, p in enumerate(chain):
        stem = text[p.start:p.stem_end]
        cuts = set(ends[bisect_right(ends, p.start):bisect_left(ends, p.stem_end)])
        cuts |= {p.stem_end - k for k in range(1, min(5, len(stem) - 1)) if stem[-k:] in _TITLES
                 and not any(a < p.stem_end - k < b for a, b in markets)}
        inside = dots[bisect_left(dots, p.start):bisect_left(dots, p.stem_end)]
        cuts.update(inside)
        for e in cuts:
            for i in range(max(0, j - MAX_WORDS + 1), j + 1):
                out.add((chain[i].start, e))
        for s in (d + 1 for d in inside):  # the parts after a dot, alone and with the words after them
            nxt = next((d for d in inside if d > s), p.stem_end)
            out.add((s, nxt))
            out.update((s, chain[k].stem_end) for k in range(j, min(len(chain), j + MAX_WORDS)))

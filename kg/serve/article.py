"""What an article page shows: its text cut into sentences, and each sentence into text and entity mentions.

The pieces are plain strings: the template (autoescaped) writes them as
text, so nothing in an article can become markup. Offsets are NIF's
(characters of ``nif:isString``), which the extractor keeps exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from kg.serve.facts import Fact


@dataclass
class Piece:
    """A run of an article's text, and the entity it mentions (None: plain text)."""

    text: str
    entity: str | None = None


@dataclass
class Sentence:
    """One sentence of an article (or the text between two, when not blank: ``begin`` is then -1), its pieces and facts."""

    begin: int
    end: int
    pieces: list[Piece]
    facts: list[Fact] = field(default_factory=list)


def segments(text: str, sentences: Iterable[tuple[int, int]], mentions: Iterable[tuple[int, int, str]],
             facts: Iterable[Fact] = ()) -> list[Sentence]:
    """``text`` as sentences (and the text between them), mentions marked, each sentence's facts beside it.

    Args:
        text: the article's text.
        sentences: (begin, end) of each sentence.
        mentions: (begin, end, entity IRI) of each mention; where two overlap, the earlier
            (then the longer) one is kept.
        facts: facts with their sources; each is listed beside the sentences that state it.
    """
    spans = sorted({(b, e) for b, e in sentences if 0 <= b < e <= len(text)})
    marks = _non_overlapping(mentions, len(text))
    by_sentence: dict[int, list[Fact]] = {}
    for f in facts:
        for begin in sorted({b for _, b, _, _ in f.sources}):
            by_sentence.setdefault(begin, []).append(f)
    out, at = [], 0
    for b, e in spans:
        if b < at:
            continue  # overlapping sentences: the first is shown
        if text[at:b].strip():
            out.append(Sentence(-1, b, _pieces(text, at, b, marks)))
        out.append(Sentence(b, e, _pieces(text, b, e, marks), by_sentence.get(b, [])))
        at = e
    if text[at:].strip():
        out.append(Sentence(-1, len(text), _pieces(text, at, len(text), marks)))
    return out


def _non_overlapping(mentions: Iterable[tuple[int, int, str]], size: int) -> list[tuple[int, int, str]]:
    kept, end = [], 0
    for b, e, entity in sorted(mentions, key=lambda m: (m[0], -m[1], m[2])):
        if b >= end and 0 <= b < e <= size:
            kept.append((b, e, entity))
            end = e
    return kept


def _pieces(text: str, begin: int, end: int, marks: list[tuple[int, int, str]]) -> list[Piece]:
    """The text from ``begin`` to ``end``, mentions inside it as their own pieces (one cut at the edges)."""
    pieces, at = [], begin
    for b, e, entity in marks:
        b, e = max(b, begin), min(e, end)
        if e <= at or b >= end:
            continue
        if b > at:
            pieces.append(Piece(text[at:b]))
        pieces.append(Piece(text[b:e], entity))
        at = e
    if at < end:
        pieces.append(Piece(text[at:end]))
    return pieces

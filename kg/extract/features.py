"""Features of a candidate name, for the trained mention model.

Each candidate span (``kg.nlp.candidates``) becomes a dict of named features:
its last and first characters, its head word, the Kiwi tags inside it, what
the rules of ``kg.nlp.mentions`` say of it and of its head word, the
lexicons it belongs to, the characters, particles and words around it,
whether it is quoted or in parentheses, and how often the article repeats
it. Feature names are strings (``suf2=진흥``); values are numbers. The model
keeps the vocabulary it was trained with and ignores names it never saw,
so adding a feature here means training a new model.

The gazetteer features (``gz_*``) say in how many *other* training articles
the same string was a gold name of each type: a trained model carries the
counts (``Gazetteer``); training computes them leaving out each article's own
gold, so that a model does not learn to trust the gazetteer more than it
deserves on new text.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from kg.lang import ko as L
from kg.nlp.mentions import Mention, classify
from kg.nlp.tokenizer import Morph
from kg.text import ends_with, normalize

FEATURES_VERSION = 1  # bump when a feature changes meaning: a model records the version it was trained with

_SETS = {
    "known": frozenset((*L.KNOWN_ORGS, *L.ABBREVIATIONS)), "prov": frozenset(L.PROVINCES), "city": frozenset(L.CITY_STEMS),
    "region": frozenset(L.REGIONS), "post": frozenset(L.POST_TITLES), "generic": frozenset(L.GENERIC_WORDS),
    "short": frozenset(L.ORG_SHORT_FORMS), "hon": frozenset(L.HONORIFICS), "time": frozenset(L.TIME_NOUNS),
}
_SUFFIXES = {
    "org": L.ORG_SUFFIXES, "place": L.PLACE_SUFFIXES, "prog": L.PROGRAM_SUFFIXES, "event": L.EVENT_SUFFIXES,
    "venue": L.VENUE_HEADS, "unit": L.UNIT_SUFFIXES,
}
_PARTICLE = re.compile(r"(은|는|이|가|을|를|의|과|와|에|도|로|으로)$")
_NEXT_WORD = re.compile(r"\s*(\S+)")
_PREV_WORD = re.compile(r"(\S+)\s*$")
_WORDY = re.compile(r"[가-힣A-Za-z0-9]")
_PERSON = re.compile(r"[가-힣]{2,4}")
_OPEN_QUOTES = "‘'“\"「『"


@dataclass
class Gazetteer:
    """Per normalized string: articles where it was a candidate, and a gold name of each type."""

    seen: dict[str, int] = field(default_factory=dict)
    types: dict[str, dict[str, int]] = field(default_factory=dict)

    def features(self, name: str, own_type: str | None = None, own_seen: bool = False) -> dict[str, float]:
        """``gz_*`` features of ``name``; ``own_type``/``own_seen``: the article's own share, left out (training)."""
        counts = {t: c - int(t == own_type) for t, c in self.types.get(name, {}).items()}
        counts = {t: c for t, c in counts.items() if c > 0}
        if not counts:
            return {}
        seen = max(self.seen.get(name, 0) - int(own_seen), 1)
        out = {"gz_" + t: math.log1p(c) for t, c in counts.items()}
        out["gz_seen"] = math.log1p(seen)
        out["gz_ratio"] = sum(counts.values()) / seen
        return out


class Context:
    """What the features of one article's candidates look at: text, morphemes, sentences, rule mentions."""

    def __init__(self, text: str, morphs: list[Morph], sent_starts: list[int], rule_mentions: list[Mention],
                 title: str | None = None) -> None:
        self.text = text
        self.morphs = morphs
        self._starts = [m.start for m in morphs]
        self.sent_starts = sent_starts
        self.rule = {(m.start, m.end): m.type for m in rule_mentions}
        self.rule_spans = sorted((m.start, m.end, m.type) for m in rule_mentions)
        self.title = (title or "") + "\n" + text.split("\n", 1)[0]

    def morphs_in(self, start: int, end: int) -> list[Morph]:
        return self.morphs[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def morph_at(self, pos: int) -> Morph | None:
        i = bisect_left(self._starts, pos)
        return self.morphs[i] if i < len(self.morphs) and self.morphs[i].start == pos else None

    def morph_before(self, pos: int) -> Morph | None:
        i = bisect_left(self._starts, pos) - 1
        while i >= 0 and self.morphs[i].end > pos:
            i -= 1
        return self.morphs[i] if i >= 0 else None


def mention_features(ctx: Context, start: int, end: int) -> dict[str, float]:
    """The features of the candidate ``ctx.text[start:end]`` (without the gazetteer)."""
    text = ctx.text
    name = text[start:end]
    words = name.split()
    f: dict[str, float] = {f"nw={min(len(words), 6)}": 1, "len": len(name)}
    f.update(_shape(words, name))
    tags = [m.tag for m in ctx.morphs_in(start, end)]
    f.update(_tags(tags, words[-1], name))
    f.update(_rules(ctx, start, end))
    f.update(_context(ctx, start, end))
    f["count"] = min(text.count(name), 10)
    f["in_title"] = int(name in ctx.title)
    return f


def _shape(words: list[str], name: str) -> dict[str, float]:
    head, first = words[-1], words[0]
    f: dict[str, float] = {"head=" + head: 1}
    for k in (1, 2, 3):
        f[f"suf{k}={head[-k:]}"] = 1
        f[f"pre{k}={first[:k]}"] = 1
    if len(words) > 1:
        f["w-2=" + words[-2]] = 1
    for label, members in _SETS.items():
        if name in members:
            f["in_" + label] = 1
    f.update(_head_lexicons(head))
    f["person_shape"] = int(bool(_PERSON.fullmatch(name)) and name[0] in L.SURNAMES)
    f["hangul"] = int(bool(re.fullmatch(r"[가-힣 ]+", name)))
    f["latin"] = int(bool(re.search(r"[A-Za-z]", name)))
    f["digit"] = int(bool(re.search(r"\d", name)))
    f["dot"] = int(bool(re.search(r"[·ㆍ・]", name)))
    return f


@lru_cache(maxsize=4096)
def _head_lexicons(head: str) -> dict[str, float]:
    """The lexicons and suffix lists a head word belongs to (one head, hundreds of candidates: computed once)."""
    f: dict[str, float] = {}
    for label, members in _SETS.items():
        if head in members:
            f["head_in_" + label] = 1
    for label, suffixes in _SUFFIXES.items():
        suffix = ends_with(head, suffixes) or (head if head in suffixes else None)
        if suffix:
            f[f"suf_{label}={suffix}"] = 1
            f["suf_" + label] = 1
    return f


def _tags(tags: list[str], head: str, name: str) -> dict[str, float]:
    f: dict[str, float] = {"tags=" + "+".join(tags[-3:]): 1, "ftag=" + (tags[0] if tags else ""): 1}
    for tag in set(tags):
        f["has_" + tag] = 1
    f["nnp_frac"] = sum(t == "NNP" for t in tags) / max(1, len(tags))
    f[f"cls={classify(head, tuple(tags[-1:]))}"] = 1
    f[f"clsw={classify(name, ('NNP',) if 'NNP' in tags else ())}"] = 1
    return f


def _rules(ctx: Context, start: int, end: int) -> dict[str, float]:
    """What the rules' mentions say of this span: the same span, one around it, one inside it."""
    around = next((t for s, e, t in ctx.rule_spans if s <= start and end <= e and (s, e) != (start, end)), None)
    inside = [t for s, e, t in ctx.rule_spans if start <= s and e <= end and (s, e) != (start, end)]
    return {f"rule={ctx.rule.get((start, end))}": 1, f"in_rule={around}": 1,
            f"has_rule={inside[-1] if inside else None}": 1}


def _context(ctx: Context, start: int, end: int) -> dict[str, float]:
    text = ctx.text
    after, before = text[end:end + 6], text[max(0, start - 1):start]
    nxt = ctx.morph_at(end)
    f: dict[str, float] = {
        "next_tag=" + (nxt.tag if nxt else ("SPACE" if after[:1].isspace() else after[:1])): 1,
        "prev_tag=" + (p.tag if (p := ctx.morph_before(start)) else "BOS"): 1,
        "prev_ch=" + (before if before and not before.isspace() else "SP"): 1,
        "next_ch=" + (after[:1] if after[:1] and not after[:1].isspace() else "SP"): 1,
        "quoted": int(bool(before) and before in _OPEN_QUOTES),
        "paren_in": int(text.rfind("(", 0, start) > text.rfind(")", 0, start)),
        "paren_after": int(after[:1] == "("),
        "glued_after": int(bool(after[:1]) and bool(_WORDY.match(after[:1]))
                           and not (nxt and nxt.tag.startswith(("J", "E", "VCP", "XS")))),
        "glued_before": int(bool(before) and bool(_WORDY.match(before))),
        "linestart": int(start == 0 or text[start - 1] == "\n"),
    }
    if nxt and nxt.tag.startswith("J"):
        f["next_j=" + text[nxt.start:nxt.end]] = 1
    word = _NEXT_WORD.match(text, end, min(len(text), end + 20))
    if word:
        stem = _PARTICLE.sub("", word.group(1))
        f["nextw=" + stem[:4]] = 1
        if stem in _SETS["post"] or stem.startswith(tuple(L.POST_TITLES)):
            f["next_post"] = 1
        if stem in _SETS["hon"]:
            f["next_hon"] = 1
    word = _PREV_WORD.search(text, max(0, start - 20), start)
    if word:
        f["prevw=" + word.group(1)[-4:]] = 1
    return f


def normalized(text: str, start: int, end: int) -> str:
    """The candidate's name as the gold compares names (``kg.text.normalize``)."""
    return normalize(text[start:end])

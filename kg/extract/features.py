"""Features of a candidate name, for the trained mention model.

Each candidate span (``kg.nlp.candidates``) becomes a dict of named features:
its last and first characters, its head word, the Kiwi tags inside it, what
the rules of ``kg.nlp.mentions`` say of it and of its head word, the
lexicons it belongs to, the characters, particles and words around it,
whether it is quoted or in parentheses, and how often the article repeats
it. Feature names are strings (``suf2=진흥``); values are numbers. The model
keeps the vocabulary it was trained with and ignores names it never saw,
so adding a feature here means training a new model. The features come in
parts that depend on less than the whole span (its string, the text before
its start, after its end...): ``Featurizer`` computes each part once per
what it reads, for the hundreds of candidates of an article.

The gazetteer features (``gz_*``) say in how many *other* training articles
the same string was a gold name of each type: a trained model carries the
counts (``Gazetteer``); training computes them leaving out each article's own
gold, so that a model does not learn to trust the gazetteer more than it
deserves on new text.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Callable, Generic, TypeVar

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
_WORDY = re.compile(r"[가-힣A-Za-z0-9]")
_PERSON = re.compile(r"[가-힣]{2,4}")
_HANGUL, _LATIN, _DIGIT = re.compile(r"[가-힣 ]+"), re.compile(r"[A-Za-z]"), re.compile(r"\d")
_DOT = re.compile(r"[·ㆍ・]")
_OPEN, _CLOSE = re.compile(r"\("), re.compile(r"\)")
_OPEN_QUOTES = "‘'“\"「『"
_POST_TITLES = tuple(L.POST_TITLES)
T = TypeVar("T")
_NO_RULES = (None, None, None)


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
        self.tags = tuple([m.tag for m in morphs])  # a tuple: its slices are the string parts' keys as they are
        self.oov = tuple([m.oov for m in morphs])  # morphemes Kiwi guessed (not in its dictionary)
        self.sent_starts = sent_starts
        self.rule = {(m.start, m.end): m.type for m in rule_mentions}
        self.rule_spans = sorted((m.start, m.end, m.type) for m in rule_mentions)
        self._rule_starts = [s for s, _, _ in self.rule_spans]
        self._rule_reach = list(accumulate((e for _, e, _ in self.rule_spans), max))  # furthest end so far
        self._opens = [m.start() for m in _OPEN.finditer(text)]  # not a loop over every character: ~0.3 ms an article
        self._closes = [m.start() for m in _CLOSE.finditer(text)]
        self.title = (title or "") + "\n" + text.split("\n", 1)[0]

    def morphs_in(self, start: int, end: int) -> list[Morph]:
        return self.morphs[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def tags_and_guesses_in(self, start: int, end: int) -> tuple[tuple[str, ...], tuple[bool, ...]]:
        """The Kiwi tags of the morphemes that start in ``[start, end)``, and whether Kiwi guessed each."""
        first, end = self.morph_index(start), self.morph_index(end)
        return self.tags[first:end], self.oov[first:end]

    def morph_index(self, pos: int) -> int:
        """The index of the first morpheme that starts at or after ``pos``."""
        return bisect_left(self._starts, pos)

    def rule_index(self, pos: int, after: bool = False) -> int:
        """The index in ``rule_spans`` of the first mention that starts at or (``after``) after ``pos``."""
        return (bisect_right if after else bisect_left)(self._rule_starts, pos)

    def morph_at(self, pos: int) -> Morph | None:
        i = bisect_left(self._starts, pos)
        return self.morphs[i] if i < len(self.morphs) and self.morphs[i].start == pos else None

    def morph_before(self, pos: int) -> Morph | None:
        i = bisect_left(self._starts, pos) - 1
        while i >= 0 and self.morphs[i].end > pos:
            i -= 1
        return self.morphs[i] if i >= 0 else None

    def rules_covering(self, pos: int) -> list[tuple[int, int, str]]:
        """The rules' mentions (sorted) that start at or before ``pos`` and end after it."""
        i = bisect_right(self._rule_starts, pos)
        if not i or self._rule_reach[i - 1] <= pos:
            return []
        return [r for r in self.rule_spans[:i] if r[1] > pos]

    def in_parens(self, pos: int) -> bool:
        """Whether the last bracket before ``pos`` is an open one."""
        i, j = bisect_left(self._opens, pos), bisect_left(self._closes, pos)
        return (self._opens[i - 1] if i else -1) > (self._closes[j - 1] if j else -1)

    def rules_starting_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The rules' mentions (sorted) that start in ``[start, end]``."""
        return self.rule_spans[self.rule_index(start):self.rule_index(end, after=True)]


def mention_features(ctx: Context, start: int, end: int) -> dict[str, float]:
    """The features of the candidate ``ctx.text[start:end]`` (without the gazetteer)."""
    name = ctx.text[start:end]
    return {**string_features(name, *ctx.tags_and_guesses_in(start, end)),
            **rule_features(ctx, start, end),
            **start_features(*start_context(ctx, start)), **end_features(*end_context(ctx, end)),
            **article_features(ctx, name)}


class Featurizer(Generic[T]):
    """The features of an article's candidates, part by part, each part computed and encoded once.

    A candidate's features are the union of five parts (``mention_features``): of its string and the
    Kiwi tags inside it (and which of those morphemes Kiwi guessed), of the rules' mentions around and
    inside it, of the text before its start, of the text after its end, and of how often and where the
    article uses its string. Hundreds of candidates of an article share a start, an end or a string, so
    each part is computed once per what it depends on (the string part once per process, up to
    ``max_cached`` strings) and passed to ``encode``: for training the dicts themselves, for prediction
    the columns of a feature matrix.

    Args:
        encode: turns one part (feature name -> value) into what the caller collects.
        extra: more features of a candidate's string alone, joined to its string part (the gazetteer).
    """

    def __init__(self, encode: Callable[[dict[str, float]], T],
                 extra: Callable[[str], dict[str, float]] | None = None, max_cached: int = 100_000) -> None:
        self.encode = encode
        self.extra = extra
        self.max_cached = max_cached
        self._strings: dict[tuple[str, tuple[str, ...], tuple[bool, ...]], T] = {}
        self._starts: dict[tuple, T] = {}  # by start_context: texts share phrases, and so starts and ends
        self._ends: dict[tuple, T] = {}
        self._usages: dict[tuple, T] = {}
        self._rules: dict[tuple, T] = {}

    def parts(self, ctx: Context, spans: list[tuple[int, int]]) -> list[tuple[T, T, T, T, T]]:
        """The five encoded parts of each span of ``ctx``'s article."""
        # the loop runs for every candidate (~750 an article): what it reads is bound to locals
        text, tags, oov, rule_spans = ctx.text, ctx.tags, ctx.oov, ctx.rule_spans
        strings, rules = self._strings, self._rules
        at_start: dict[int, tuple[T, list, int, int]] = {}  # its part, the rules around it, its morpheme, rule
        at_end: dict[int, tuple[T, int, int]] = {}
        in_article: dict[str, T] = {}
        out = []
        append = out.append
        for start, end in spans:
            before = at_start.get(start)
            if before is None:
                before = at_start[start] = self._before(ctx, start)
            after = at_end.get(end)
            if after is None:
                after = at_end[end] = self._after(ctx, end)
            name = text[start:end]
            usage = in_article.get(name)
            if usage is None:
                usage = in_article[name] = self._usage(ctx, name)
            if before[1] or before[3] < after[2]:  # a rule mention around the span, or one starting in it
                found = rule_types(ctx, start, end, before[1], rule_spans[before[3]:after[2]])
            else:
                found = _NO_RULES
            rule = rules.get(found)
            if rule is None:
                rule = rules[found] = self.encode(_rule_dict(*found))
            key = (name, tags[before[2]:after[1]], oov[before[2]:after[1]])
            string = strings.get(key)
            if string is None:
                string = self._string(key)
            append((string, rule, before[0], after[0], usage))
        return out

    def _before(self, ctx: Context, start: int) -> tuple[T, list, int, int]:
        """A start's part, the rules' mentions around it, its first morpheme and rule mention (indexes)."""
        return (self._cached(self._starts, start_features, start_context(ctx, start)),
                ctx.rules_covering(start), ctx.morph_index(start), ctx.rule_index(start))

    def _after(self, ctx: Context, end: int) -> tuple[T, int, int]:
        """An end's part, and the indexes of the first morpheme and rule mention that start after it."""
        return (self._cached(self._ends, end_features, end_context(ctx, end)),
                ctx.morph_index(end), ctx.rule_index(end, after=True))

    def _usage(self, ctx: Context, name: str) -> T:
        return self._cached(self._usages, _usage_dict, article_usage(ctx, name))

    def _string(self, key: tuple[str, tuple[str, ...], tuple[bool, ...]]) -> T:
        if len(self._strings) >= self.max_cached:
            self._strings.clear()
        f = string_features(*key)
        got = self._strings[key] = self.encode({**f, **self.extra(key[0])} if self.extra else f)
        return got

    def _cached(self, cache: dict[tuple, T], features: Callable[..., dict[str, float]], args: tuple) -> T:
        got = cache.get(args)
        if got is None:
            if len(cache) >= self.max_cached:
                cache.clear()
            got = cache[args] = self.encode(features(*args))
        return got


def string_features(name: str, tags: tuple[str, ...], oov: tuple[bool, ...] = ()) -> dict[str, float]:
    """What a candidate's string and the Kiwi tags of its morphemes say: words, shape, lexicons, tags.

    ``oov``: for each morpheme, whether Kiwi guessed it (a word its dictionary lacks: most often a name).
    """
    words = name.split()
    f: dict[str, float] = {f"nw={min(len(words), 6)}": 1, "len": len(name)}
    f.update(_shape(words, name))
    f.update(_tags(list(tags), words[-1], name))
    if any(oov):
        f["oov"] = min(sum(oov), 3)
        f["oov_last"] = int(oov[-1])
    return f


def article_features(ctx: Context, name: str) -> dict[str, float]:
    """How often the article repeats a candidate's string, and whether its title or first line has it."""
    return _usage_dict(*article_usage(ctx, name))


def article_usage(ctx: Context, name: str) -> tuple[int, bool]:
    return min(ctx.text.count(name), 10), name in ctx.title


def _usage_dict(count: int, in_title: bool) -> dict[str, float]:
    return {"count": count, "in_title": int(in_title)}


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
    f["hangul"] = int(bool(_HANGUL.fullmatch(name)))
    f["latin"] = int(bool(_LATIN.search(name)))
    f["digit"] = int(bool(_DIGIT.search(name)))
    f["dot"] = int(bool(_DOT.search(name)))
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
    f["nnp_frac"] = tags.count("NNP") / max(1, len(tags))
    f[f"cls={classify(head, tuple(tags[-1:]))}"] = 1
    f[f"clsw={classify(name, ('NNP',) if 'NNP' in tags else ())}"] = 1
    return f


def rule_types(ctx: Context, start: int, end: int, covering: list[tuple[int, int, str]],
               inside: list[tuple[int, int, str]]) -> tuple[str | None, str | None, str | None]:
    """The rules' types of this span, of the first mention around it, of the last one inside it.

    ``covering``: ``ctx.rules_covering(start)``, the only mentions that can be around the span;
    ``inside``: ``ctx.rules_starting_in(start, end)``, the only ones that can be inside it or be it.
    """
    around = next((t for s, e, t in covering if end <= e and (s, e) != (start, end)), None)
    within = [t for s, e, t in inside if e <= end and (s, e) != (start, end)]
    return ctx.rule.get((start, end)), around, within[-1] if within else None


def rule_features(ctx: Context, start: int, end: int) -> dict[str, float]:
    """What the rules' mentions say of this span: the same span, one around it, one inside it."""
    return _rule_dict(*rule_types(ctx, start, end, ctx.rules_covering(start), ctx.rules_starting_in(start, end)))


def _rule_dict(same: str | None, around: str | None, inside: str | None) -> dict[str, float]:
    return {f"rule={same}": 1, f"in_rule={around}": 1, f"has_rule={inside}": 1}


def start_context(ctx: Context, start: int) -> tuple[str, str | None, bool, str | None]:
    """All that ``start_features`` reads before ``start``: the character, the morpheme's tag, open brackets, the word.

    Only what the features read (of the 20 characters before, the last one and the last word's last four), so that
    the starts of an article and of others that read alike share one cached part.
    """
    text = ctx.text
    p = ctx.morph_before(start)
    before = text[max(0, start - 20):start]
    words = before.rsplit(None, 1)  # its last word: what ``(\S+)\s*$`` finds, ten times faster
    return before[-1:], p.tag if p else None, ctx.in_parens(start), words[-1][-4:] if words else None


def start_features(ch: str, prev_tag: str | None, in_parens: bool, word: str | None) -> dict[str, float]:
    """What the text before a candidate says (``start_context``): the morpheme, character and word before it."""
    f: dict[str, float] = {
        "prev_tag=" + ("BOS" if prev_tag is None else prev_tag): 1,
        "prev_ch=" + (ch if ch and not ch.isspace() else "SP"): 1,
        "quoted": int(bool(ch) and ch in _OPEN_QUOTES),
        "paren_in": int(in_parens),
        "glued_before": int(bool(ch) and bool(_WORDY.match(ch))),
        "linestart": int(ch in ("", "\n")),
    }
    if word is not None:
        f["prevw=" + word] = 1
    return f


def end_context(ctx: Context, end: int) -> tuple[str, str | None, str, str | None]:
    """All that ``end_features`` reads after ``end``: the character, the morpheme's tag (and text, if a particle), the word.

    Only what the features read (of the 20 characters after, the first one and the first word), as ``start_context``.
    """
    text = ctx.text
    nxt = ctx.morph_at(end)
    tag = nxt.tag if nxt else None
    word = _NEXT_WORD.match(text, end, end + 20)
    return (text[end:end + 1], tag, text[end:nxt.end] if tag is not None and tag.startswith("J") else "",
            word.group(1) if word else None)


def end_features(ch: str, next_tag: str | None, next_morph: str, word: str | None) -> dict[str, float]:
    """What the text after a candidate says (``end_context``): the morpheme, character, particle and word after it."""
    f: dict[str, float] = {
        "next_tag=" + (("SPACE" if ch.isspace() else ch) if next_tag is None else next_tag): 1,
        "next_ch=" + (ch if ch and not ch.isspace() else "SP"): 1,
        "paren_after": int(ch == "("),
        "glued_after": int(bool(ch) and bool(_WORDY.match(ch))
                           and not (next_tag is not None and next_tag.startswith(("J", "E", "VCP", "XS")))),
    }
    if next_tag is not None and next_tag.startswith("J"):
        f["next_j=" + next_morph] = 1
    if word is not None:
        stem = _PARTICLE.sub("", word)
        f["nextw=" + stem[:4]] = 1
        if stem in _SETS["post"] or stem.startswith(_POST_TITLES):
            f["next_post"] = 1
        if stem in _SETS["hon"]:
            f["next_hon"] = 1
    return f


def normalized(text: str, start: int, end: int) -> str:
    """The candidate's name as the gold compares names (``kg.text.normalize``)."""
    return normalize(text[start:end])

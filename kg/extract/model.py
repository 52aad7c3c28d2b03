"""The trained layer of extraction: a model folder, loaded by path, that decides which candidates are names.

Morphology and the rules propose candidate spans with high recall
(``kg.nlp.candidates``); a gradient-boosted classifier (LightGBM) gives each
the probability of being an Organization, Place, Program, Event, Person or
nothing, from the features of ``kg.extract.features``. The spans it accepts
replace the rules' mentions; coreference, posts and relations then run as
before. ``kg train`` makes a model folder from gold annotations
(``kg.train``); ``kg/models/default`` is the one shipped, trained on every
shared gold article.

A model folder holds ``model.json`` (format, feature vocabulary, classes,
threshold, gazetteer, training configuration) and ``mentions.txt`` (the
LightGBM booster in its own text format), and ``scores.json`` beside them.
Loading takes well under a second; a loaded model is cached per process, so
worker processes load it once.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sys
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from kg.errors import UsageError
from kg.lang import ko as L
from kg.extract.features import FEATURES_VERSION, Context, Featurizer, Gazetteer
from kg.extract.sentence import place_rank
from kg.extract.titles import split_title
from kg.nlp.candidates import candidate_spans
from kg.nlp.mentions import Mention, dedupe_mentions, is_district
from kg.nlp.tokenizer import Morph
from kg.text import normalize

if TYPE_CHECKING:
    import numpy as np

Encoded = tuple[int, tuple[int, ...], tuple[float, ...]]  # a part of a row of features: id, columns, values

MODEL_FORMAT = 1
CLASSES = ("", "Organization", "Place", "Program", "Event", "Person")  # "" = not a name
MODEL_FILE, BOOSTER_FILE, SCORES_FILE = "model.json", "mentions.txt", "scores.json"
# A candidate's trees stop being summed once one class leads the others by this margin (of raw scores):
# most candidates are plainly not names, so prediction costs a quarter of the full sum. On 29,900
# candidates of generated articles no decision changed and no probability moved by more than 0.008;
# the shipped model's scores on its 200 real training articles are the same with and without it.
EARLY_STOP_MARGIN = 6.0
# Distinct feature rows whose probabilities a process keeps (a row's key shares its parts with others).
ROWS_KEPT = 200_000
# A candidate listed beside an accepted name of its type is kept from this probability (``listed_with``).
LISTED_THRESHOLD = 0.12
# Short forms that kg.extract.coref resolves to another entity (재단, 이 기관): never names of their own.
SKIP_NAMES = frozenset((*L.ORG_SHORT_FORMS, "이 기관", "동 기관"))


@dataclass(frozen=True)
class MentionModel:
    """A trained mention classifier: the booster, its feature columns, and how its answers are used."""

    booster: object  # lightgbm.Booster
    columns: dict[str, int]
    threshold: float
    gazetteer: Gazetteer
    persons: bool = False  # Person names from the model too (else from the rules of kg.extract.posts only)
    rule_threshold: float = 1.0  # a span the rules typed is kept at this lower probability of that type

    def probabilities(self, ctx: Context, spans: list[tuple[int, int]]) -> "np.ndarray":
        """Class probabilities (``CLASSES`` order) of candidate spans of ``ctx``'s article.

        A row of features has the same probabilities in every article, so each distinct row is
        predicted once per process (up to ``ROWS_KEPT`` rows): articles share phrases (bylines,
        reprinted releases), and the rows of an article repeat.
        """
        import numpy as np

        known = self._predicted
        if len(known) > ROWS_KEPT:
            known.clear()
        rows = self._featurizer.parts(ctx, spans)
        keys = [(a[0], b[0], c[0], d[0], e[0]) for a, b, c, d, e in rows]  # the rows' parts, by their ids
        new = {key: row for key, row in zip(keys, rows) if key not in known}
        if new:
            # one thread: a few hundred rows an article, and OpenMP thread pools do not survive fork()
            known.update(zip(new, self.booster.predict(
                self._matrix(list(new.values())), num_threads=1, pred_early_stop=True, pred_early_stop_freq=5,
                pred_early_stop_margin=EARLY_STOP_MARGIN)))
        return np.array([known[key] for key in keys], dtype=np.float64).reshape(len(keys), len(CLASSES))

    def _matrix(self, rows: list[tuple[Encoded, ...]]):
        """The sparse matrix of rows of encoded parts."""
        import numpy as np
        from scipy.sparse import csr_matrix

        data: list[float] = []
        indices: list[int] = []
        indptr = [0]
        for parts in rows:
            for _, cols, values in parts:
                indices += cols
                data += values
            indptr.append(len(indices))
        return csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int32),
                           np.asarray(indptr)), shape=(len(rows), len(self.columns)))

    @cached_property
    def _featurizer(self) -> Featurizer[Encoded]:
        return Featurizer(self._encode, lambda name: self.gazetteer.features(normalize(name)))

    @cached_property
    def _predicted(self) -> dict[tuple[int, ...], "np.ndarray"]:
        return {}

    @cached_property
    def _encodings(self) -> dict[tuple[tuple[int, ...], tuple[float, ...]], Encoded]:
        return {}

    @cached_property
    def _ids(self) -> Iterator[int]:
        return itertools.count()

    @cached_property
    def _read_columns(self) -> dict[str, int]:
        """The columns that prediction reads: those the trees split on (all of them, if leaves are linear)."""
        if self.booster.params.get("linear_tree"):
            return self.columns
        splits = self.booster.feature_importance("split")
        return {name: col for name, col in self.columns.items() if splits[col]}

    def _encode(self, features: dict[str, float]) -> Encoded:
        """The columns and values of ``features`` that prediction reads and that are not zero, with an id.

        Equal columns and values get the same id (up to ``ROWS_KEPT`` encodings; ids are never reused).
        """
        columns = self._read_columns
        kept = [(col, value) for name, value in features.items()
                if value and (col := columns.get(name)) is not None]
        content = tuple(c for c, _ in kept), tuple(v for _, v in kept)
        encodings = self._encodings
        got = encodings.get(content)
        if got is None:
            if len(encodings) > ROWS_KEPT:
                encodings.clear()
            got = encodings[content] = (next(self._ids), *content)
        return got


@dataclass(frozen=True)
class ExtractorModel:
    """A loaded model folder."""

    path: str
    meta: dict
    mentions: MentionModel

    def find_mentions(self, text: str, morphs: list[Morph], sent_starts: list[int], rule_mentions: list[Mention],
                      title: str | None = None) -> list[Mention]:
        """The names of ``text``: candidates the classifier accepts, overlaps resolved."""
        ctx = Context(text, morphs, sent_starts, rule_mentions, title)
        spans = candidates(ctx)
        probs = self.mentions.probabilities(ctx, spans)
        bests = probs.argmax(axis=1)
        accepted = []
        for i in _named(spans, bests, ctx.rule):
            (start, end), p, best = spans[i], probs[i], int(bests[i])
            rule = ctx.rule.get((start, end))
            if best and p[best] >= self.mentions.threshold:
                kind = CLASSES[best]
            elif rule in CLASSES and p[CLASSES.index(rule)] >= self.mentions.rule_threshold:
                kind = rule  # the rules named it so, and the model does not rule it out
            elif rule == "Organization" and _CORPORATE.search(text[start:end]):
                kind = rule  # ㈜누리, 한빛(주): a company by its corporate form, however rare its name
            else:
                continue
            if kind == "Person" and (_common_word(ctx, start, end) or _BYLINE.match(text, end)):
                continue  # 육성, 마지막: a common noun; 김하늘 기자: the article's reporter
            if kind in ("Place", "Organization") and (_cut_from_title(text, start, end) or _with_title(text[start:end])):
                continue  # 수원부시 of 수원부시장; 충남도지사: a post, whose organization the posts name
            start = _after_lead_time(text, start, end) if kind != "Person" else start
            if self.mentions.persons or kind != "Person":
                accepted.append((float(p[CLASSES.index(kind)]), Mention(start, end, kind, text[start:end])))
        return select_mentions(accepted + listed_with(ctx, spans, probs, [m for _, m in accepted]), ctx)


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


def candidates(ctx: Context) -> list[tuple[int, int]]:
    """The candidate spans of an article (``kg.nlp.candidates`` and the rules' mentions), sorted."""
    spans = set(candidate_spans(ctx.text, ctx.morphs)) | {(s, e) for s, e, _ in ctx.rule_spans}
    return [(s, e) for s, e in sorted(spans) if ctx.text[s:e] not in SKIP_NAMES]


def candidate_rows(ctx: Context) -> list[tuple[tuple[int, int], dict[str, float]]]:
    """Each candidate span of an article with its features (no gazetteer)."""
    spans = candidates(ctx)
    return [(span, {**string, **rule, **before, **after, **usage})
            for span, (string, rule, before, after, usage) in zip(spans, Featurizer(dict).parts(ctx, spans))]


_CORPORATE = re.compile(r"㈜|\(주\)")
_LEAD_TIME = re.compile(r"(?:(?:(?:\d{1,2}월\s?)?\d{1,2}일|오전|오후)\s+)+(?=\S)")
_BYLINE = re.compile(r"\s?(?:%s)(?![가-힣])" % "|".join(L.BYLINE_WORDS))
# Between two names of one list: a middle dot, a comma, 와/과, 및.
_JOIN_BEFORE = re.compile(r"(?:\s?[·ㆍ,]\s?|와 |과 | 및 )$")
_JOIN_AFTER = re.compile(r"\s?[·ㆍ,]\s?|와 |과 | 및 ")
_LISTED_KINDS = ("Organization", "Place")
_REGION_WORDS = frozenset((*L.PROVINCES, *L.CITY_STEMS))


def listed_with(ctx: Context, spans: list[tuple[int, int]], probs: "np.ndarray", accepted: list[Mention]) -> list[tuple[float, Mention]]:
    """Candidates listed right beside an accepted organization or place (``A·B·C 등``), or a province or city
    right before an accepted place (``경남 창원``), at ``LISTED_THRESHOLD``.

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
        and not name.endswith(_TITLE_WORDS)
_TITLE_WORDS = (*L.POST_TITLES, *L.HONORIFICS)


def _common_word(ctx: Context, start: int, end: int) -> bool:
    """One common noun for Kiwi (육성, 마지막, 태양광) with no title or honorific after it: no personal name."""
    morphs = ctx.morphs_in(start, end)
    if len(morphs) != 1 or morphs[0].tag != "NNG" or (morphs[0].start, morphs[0].end) != (start, end):
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
    return False


def _after_lead_time(text: str, start: int, end: int) -> int:
    """Where a name starts after a day or 오전/오후 written before it (``11월1일 누리관 대강당``); a year stays."""
    lead = _LEAD_TIME.match(text, start, end)
    return lead.end() if lead else start


def _with_title(name: str) -> bool:
    """``충남도지사``, ``누리시의원``: a place or body with a post title glued on."""
    titled = split_title(name, set())
    return bool(titled and titled[0] and titled[1] in L.POST_TITLES and not name.endswith(_NOT_TITLES))


_NOT_TITLES = ("한의원", "치과의원")  # 누리한의원: a clinic, not a 의원 of 누리한


def select_mentions(scored: list[tuple[float, Mention]], ctx: Context | None = None) -> list[Mention]:
    """Most probable first; a span crossing a kept one goes; nesting follows the rules' ``dedupe_mentions``."""
    kept: list[Mention] = []
    parts = ((p, part) for p, m in scored for part in place_parts(m, ctx))
    for _, m in sorted(parts, key=lambda x: (-x[0], x[1].start, x[1].end)):
        if any(k.start < m.end and m.start < k.end and not _nested(k, m) for k in kept):
            continue
        kept.append(m)
    return dedupe_mentions(kept)


def place_parts(m: Mention, ctx: Context | None = None) -> list[Mention]:
    """``수원 매탄동 누리컨벤션홀`` -> ``수원``, ``매탄동``, ``누리컨벤션홀``: districts before a place are places of their own.

    The rules cut venues so (``kg.nlp.mentions``), the gold names them so, and ``locatedIn`` needs the
    parts apart: each district a place, the venue without them. A run of districts alone (``제주시
    구좌읍``) is one place per word, as the gold names them, unless its last word is no city, district or
    neighbourhood of its own (``성남 벤처촉진지구``). With the article's morphemes (``ctx``), one district
    before a site named by common nouns stays in its name (``오창 과학산업단지``, ``삼척 LNG 기지``), as
    the gold names such sites: the nouns alone name none.
    """
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


def _common_site(ctx: Context, start: int, end: int, several: bool) -> bool:
    """``과학산업단지``, ``LNG 기지``: a site named by common nouns (or several words not led by a name), no venue."""
    morphs = ctx.morphs_in(start, end)
    if not morphs or ctx.text[start:end].endswith(L.VENUE_HEADS):
        return False
    return morphs[0].tag == "NNG" or (several and morphs[0].tag != "NNP")


def _nested(a: Mention, b: Mention) -> bool:
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


def to_matrix(rows: Sequence[dict[str, float]], columns: dict[str, int]):
    """A sparse matrix of feature rows; names outside ``columns`` are dropped."""
    import numpy as np
    from scipy.sparse import csr_matrix

    data, indices, indptr = [], [], [0]
    for row in rows:
        for name, value in row.items():
            col = columns.get(name)
            if col is not None and value:
                indices.append(col)
                data.append(value)
        indptr.append(len(indices))
    return csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
                      shape=(len(rows), len(columns)))


def default_model_path() -> Path:
    """The model shipped with kg (package data), trained on all the shared gold."""
    return Path(__file__).resolve().parents[1] / "models" / "default"


def load_model(path: str | Path | None = None) -> ExtractorModel:
    """The model in folder ``path`` (default: the shipped one), loaded once per process.

    Raises:
        UsageError: the folder holds no model, or one of another format.
    """
    return _load(str(Path(path or default_model_path()).resolve()))


# Imported by lightgbm only to accept their estimators and data frames, which kg never hands it.
_LIGHTGBM_EXTRAS = ("sklearn", "pandas")


def import_lightgbm():
    """``lightgbm``, imported with OpenMP threads that sleep rather than spin while they wait.

    LightGBM's OpenMP threads busy-wait by default; on a machine whose cores are all taken (a shared
    server, parallel test runs) that made training 10 to 25 times slower here. The policy is read
    when the OpenMP runtime starts, so it is set (unless the user set it) before the first import.

    Its first import also leaves out scikit-learn and pandas unless they are already imported: they
    took ~1 CPU second of every process that loads a model (a build, each worker of a cluster), and
    kg gives lightgbm sparse matrices only. They stay importable; in such a process lightgbm's own
    scikit-learn estimators and data-frame input are off.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    if "lightgbm" in sys.modules:
        return sys.modules["lightgbm"]
    left_out = [name for name in _LIGHTGBM_EXTRAS if name not in sys.modules]
    for name in left_out:
        sys.modules[name] = None  # an import of it fails (ImportError) while lightgbm is imported
    try:
        import lightgbm
    finally:
        for name in left_out:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
    return lightgbm


@lru_cache(maxsize=4)
def _load(path: str) -> ExtractorModel:
    lightgbm = import_lightgbm()

    folder = Path(path)
    try:
        meta = json.loads((folder / MODEL_FILE).read_text(encoding="utf-8"))
        booster = lightgbm.Booster(model_file=str(folder / BOOSTER_FILE))
    except (OSError, ValueError, lightgbm.basic.LightGBMError) as e:
        raise UsageError(f"{folder}: not a kg model folder (make one with `kg train`): {e}") from e
    if meta.get("format") != MODEL_FORMAT or meta.get("features_version") != FEATURES_VERSION:
        raise UsageError(f"{folder}: a model of another kg version (format {meta.get('format')}, features "
                         f"{meta.get('features_version')}); retrain it with `kg train`")
    gaz = meta["gazetteer"]
    mentions = MentionModel(booster, {name: i for i, name in enumerate(meta["columns"])}, meta["threshold"],
                            Gazetteer(gaz["seen"], gaz["types"]), meta.get("persons", False),
                            meta.get("rule_threshold", meta["threshold"]))
    return ExtractorModel(path, meta, mentions)

"""The trained layer of extraction: a model folder, loaded by path, that decides which candidates are names.

Morphology and the rules propose candidate spans with high recall
(``kg.nlp.candidates``); a gradient-boosted classifier (LightGBM) gives each
the probability of being an Organization, Place, Program, Event, Person or
nothing, from the features of ``kg.extract.features``. The spans it accepts
(``kg.extract.accept``: thresholds, lists, overlaps, districts) replace the rules' mentions; coreference, posts and relations then run as
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
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from kg.errors import UsageError
from kg.extract.accept import CLASSES, SKIP_NAMES, accepted_mentions
from kg.extract.features import FEATURES_VERSION, Context, Featurizer, Gazetteer
from kg.nlp.candidates import candidate_spans
from kg.nlp.mentions import Mention
from kg.nlp.tokenizer import Morph
from kg.text import normalize

if TYPE_CHECKING:
    import numpy as np

Encoded = tuple[int, tuple[int, ...], tuple[float, ...]]  # a part of a row of features: id, columns, values

MODEL_FORMAT = 1
MODEL_FILE, BOOSTER_FILE, SCORES_FILE = "model.json", "mentions.txt", "scores.json"
# A candidate's trees stop being summed once one class leads the others by this margin (of raw scores):
# most candidates are plainly not names, so prediction costs a fraction of the full sum. 5 rather than
# 6: on the 23,708 rows of 300 generated articles, LightGBM took 26 % less CPU (1.18 against 1.59 s), no
# row changed class or crossed 0.5, and no probability moved by more than 0.09 from the full sum (0.011
# at 6); the cross-validation over the 189 shared articles kept every name it found and predicted two
# spurious ones fewer (entity F1 0.8500 -> 0.8504, relations the same). At 4, 23 rows changed class.
EARLY_STOP_MARGIN = 5.0
# Distinct feature rows whose probabilities a process keeps (a row's key shares its parts with others).
ROWS_KEPT = 200_000


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
        known, table = self._predicted, self._table
        if len(known) > ROWS_KEPT:
            known.clear()
            table.clear()
        rows = self._featurizer.parts(ctx, spans)
        keys = [(a[0], b[0], c[0], d[0], e[0]) for a, b, c, d, e in rows]  # the rows' parts, by their ids
        new = {key: row for key, row in zip(keys, rows) if key not in known}
        if new:
            # one thread: a few hundred rows an article, and OpenMP thread pools do not survive fork()
            first = table.add(self.booster.predict(
                self._matrix(list(new.values())), num_threads=1, pred_early_stop=True, pred_early_stop_freq=5,
                pred_early_stop_margin=EARLY_STOP_MARGIN))
            known.update(zip(new, range(first, first + len(new))))
        return table.take([known[key] for key in keys])

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
    def _predicted(self) -> dict[tuple[int, ...], int]:
        """Each distinct row predicted (its parts' ids) -> its probabilities' row in ``_table``."""
        return {}

    @cached_property
    def _table(self) -> "_Table":
        return _Table(len(CLASSES))

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


class _Table:
    """Rows of probabilities, appended as they are predicted and taken by row number.

    One fancy-indexed copy an article instead of an array made from ~750 small ones (~1 ms an article).
    """

    def __init__(self, width: int) -> None:
        import numpy as np

        self.rows = np.empty((1024, width), dtype=np.float64)
        self.size = 0

    def add(self, block: "np.ndarray") -> int:
        """Append ``block``'s rows; the number of its first row."""
        import numpy as np

        first, end = self.size, self.size + len(block)
        if end > len(self.rows):
            grown = np.empty((max(end, 2 * len(self.rows)), self.rows.shape[1]), dtype=np.float64)
            grown[:first] = self.rows[:first]
            self.rows = grown
        self.rows[first:end] = block
        self.size = end
        return first

    def take(self, numbers: list[int]) -> "np.ndarray":
        """A new array of the rows ``numbers``, in that order."""
        import numpy as np

        return self.rows[np.array(numbers, dtype=np.intp)]

    def clear(self) -> None:
        self.size = 0


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
        return accepted_mentions(ctx, spans, probs, self.mentions.threshold, self.mentions.rule_threshold,
                                 self.mentions.persons)


def candidates(ctx: Context) -> list[tuple[int, int]]:
    """The candidate spans of an article (``kg.nlp.candidates`` and the rules' mentions), sorted."""
    spans = set(candidate_spans(ctx.text, ctx.morphs)) | {(s, e) for s, e, _ in ctx.rule_spans}
    return [(s, e) for s, e in sorted(spans) if ctx.text[s:e] not in SKIP_NAMES]


def candidate_rows(ctx: Context) -> list[tuple[tuple[int, int], dict[str, float]]]:
    """Each candidate span of an article with its features (no gazetteer)."""
    spans = candidates(ctx)
    return [(span, {**string, **rule, **before, **after, **usage})
            for span, (string, rule, before, after, usage) in zip(spans, Featurizer(dict).parts(ctx, spans))]


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
    matrix = csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
                        shape=(len(rows), len(columns)))
    # Columns in order within each row: a row's features come in the order its dict got them, which
    # follows set iteration (string hashing, per process), and LightGBM trains another model on
    # another order of the same values (one fold in three under another PYTHONHASHSEED).
    matrix.sort_indices()
    return matrix


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

"""Score per-article annotations against gold files (``gold/FORMAT.md``).

Micro precision, recall and F1 over all articles, for entities and
relations, overall and per type, with the matching rules of FORMAT.md.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

from kg.errors import UsageError
from kg.records import RELATION_FIELDS
from kg.text import normalize


def _forms(entity: dict) -> set[str]:
    return {normalize(entity["name"]), *(normalize(a) for a in entity.get("aliases") or ())}


def _types(entity: dict) -> set[str]:
    t = entity["type"]
    return set(t) if isinstance(t, list) else {t}


@dataclass
class Score:
    """Counts for one slice (overall or one type)."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "predicted": self.predicted, "gold": self.gold,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Errors:
    """Unmatched items of one article, for error analysis."""

    doc: str
    missed_entities: list[dict] = field(default_factory=list)
    spurious_entities: list[dict] = field(default_factory=list)
    missed_relations: list[dict] = field(default_factory=list)
    spurious_relations: list[dict] = field(default_factory=list)
    # A missed gold item and a spurious prediction that are nearly the same, taken out of the
    # two lists above: an entity found under another type, a relation with one argument wrong.
    wrong_type_entities: list[tuple[dict, dict]] = field(default_factory=list)  # (gold, predicted)
    wrong_argument_relations: list[tuple[dict, dict]] = field(default_factory=list)  # (gold, predicted)


@dataclass
class Evaluation:
    """The result of ``evaluate``: overall and per-type scores, and the errors."""

    entities: Score
    relations: Score
    entity_types: dict[str, Score]
    relation_types: dict[str, Score]
    errors: list[Errors]
    articles: int
    unpredicted: tuple[str, ...] = ()  # gold files with no prediction file: scored as articles where nothing was found

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            **({"unpredicted": list(self.unpredicted)} if self.unpredicted else {}),  # only a warning: absent if none
            "entities": self.entities.as_dict(),
            "relations": self.relations.as_dict(),
            "entity_types": {k: v.as_dict() for k, v in sorted(self.entity_types.items())},
            "relation_types": {k: v.as_dict() for k, v in sorted(self.relation_types.items())},
            "errors": dict(sorted(error_kinds(self).items())),
        }


def match_entities(pred: list[dict], gold: list[dict]) -> dict[int, int]:
    """Greedy matching, each gold entity at most once: predicted index -> gold index."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if j not in used and _types(p) & _types(g) and _forms(p) & _forms(g):
                pairs[i] = j
                used.add(j)
                break
    return pairs


class _Names:
    """Which gold entities a name in a relation argument refers to."""

    def __init__(self, pred_entities: list[dict], gold_entities: list[dict]) -> None:
        self.gold_forms = [_forms(g) for g in gold_entities]
        self.pred_forms: dict[str, set[str]] = {}
        for p in pred_entities:
            for form in _forms(p):
                self.pred_forms.setdefault(form, set()).update(_forms(p))

    def same(self, pred_name: object, gold_name: str) -> bool:
        if not isinstance(pred_name, str):
            return False
        p, g = normalize(pred_name), normalize(gold_name)
        if p == g:
            return True
        forms = self.pred_forms.get(p, {p})
        return any(g in gf and forms & gf for gf in self.gold_forms)


def _relation_matches(p: dict, g: dict, names: _Names) -> bool:
    return p["type"] == g["type"] and not _wrong_fields(p, g, names)


def _wrong_fields(p: dict, g: dict, names: _Names) -> list[str]:
    """The fields of relation ``p`` that do not match gold relation ``g`` of the same type."""
    wrong = []
    for fld, kind in RELATION_FIELDS[g["type"]].items():
        pv, gv = p.get(fld), g.get(fld)
        if kind in ("entity", "name"):
            ok = names.same(pv, gv)
        elif kind == "entities":
            ok = isinstance(pv, list) and len(pv) == len(gv or []) and _same_set(pv, gv, names)
        elif kind == "str":
            ok = normalize(str(pv or "")) == normalize(str(gv or ""))
        else:  # date / year: a gold null matches anything
            ok = gv is None or pv == gv
        if not ok:
            wrong.append(fld)
    return wrong


def _same_set(pv: list[str], gv: list[str], names: _Names) -> bool:
    remaining = list(gv)
    for name in pv:
        hit = next((g for g in remaining if names.same(name, g)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return not remaining


def score_article(pred: dict, gold: dict, totals: dict) -> Errors:
    """Add one article's counts into ``totals``; return its unmatched items."""
    errors = Errors(doc=gold.get("doc", ""))
    pe, ge = pred.get("entities", []), gold.get("entities", [])
    pairs = match_entities(pe, ge)
    for i, p in enumerate(pe):
        # A prediction counts under the type it matched, else its first type.
        t = ge[pairs[i]]["type"] if i in pairs else sorted(_types(p))[0]
        totals["entity_types"].setdefault(t, Score()).predicted += 1
        if i in pairs:
            totals["entity_types"][t].tp += 1
        else:
            errors.spurious_entities.append(p)
    for g in ge:
        totals["entity_types"].setdefault(g["type"], Score()).gold += 1
    matched = set(pairs.values())
    errors.missed_entities = [g for j, g in enumerate(ge) if j not in matched]
    totals["entities"].tp += len(pairs)
    totals["entities"].predicted += len(pe)
    totals["entities"].gold += len(ge)

    pr, gr = pred.get("relations", []), gold.get("relations", [])
    names = _Names(pe, ge)
    used: set[int] = set()
    for p in pr:
        totals["relation_types"].setdefault(p["type"], Score()).predicted += 1
        j = next((j for j, g in enumerate(gr) if j not in used and _relation_matches(p, g, names)), None)
        if j is None:
            errors.spurious_relations.append(p)
        else:
            used.add(j)
            totals["relation_types"][p["type"]].tp += 1
    for g in gr:
        totals["relation_types"].setdefault(g["type"], Score()).gold += 1
    errors.missed_relations = [g for j, g in enumerate(gr) if j not in used]
    _pair_near_misses(errors, names)
    totals["relations"].tp += len(used)
    totals["relations"].predicted += len(pr)
    totals["relations"].gold += len(gr)
    return errors


def _pair_near_misses(errors: Errors, names: _Names) -> None:
    """Move (missed, spurious) pairs that differ in type only, or in one argument only, to their own lists."""
    def forms(e: dict) -> set[str]:
        return {normalize(n) for n in [e.get("name", ""), *e.get("aliases", [])] if n}

    errors.wrong_type_entities = _take_pairs(
        errors.missed_entities, errors.spurious_entities,
        lambda g, p: bool(forms(g) & forms(p)) and g["type"] not in _types(p))
    errors.wrong_argument_relations = _take_pairs(
        errors.missed_relations, errors.spurious_relations,
        lambda g, p: p["type"] == g["type"] and len(_wrong_fields(p, g, names)) == 1)


def _take_pairs(gold: list[dict], pred: list[dict], near: Callable[[dict, dict], bool]) -> list[tuple[dict, dict]]:
    pairs = []
    for g in list(gold):
        p = next((p for p in pred if near(g, p)), None)
        if p is not None:
            gold.remove(g)
            pred.remove(p)
            pairs.append((g, p))
    return pairs


def evaluate(gold_dirs: str | Path | Sequence[str | Path], pred_dir: str | Path) -> Evaluation:
    """Score the annotation files in ``pred_dir`` against those in the gold folder(s).

    A gold file with no prediction file of the same name counts as an article where nothing was found
    (``Evaluation.unpredicted`` names them).

    Raises:
        UsageError: a folder is missing or holds no gold file, or no gold file has a prediction (the
            wrong folder given as ``pred_dir``, most likely).
    """
    folders = [Path(gold_dirs)] if isinstance(gold_dirs, (str, Path)) else [Path(g) for g in gold_dirs]
    pred_dir = Path(pred_dir)
    for folder, what in [*((g, "gold") for g in folders), (pred_dir, "prediction")]:
        if not folder.is_dir():
            raise UsageError(f"{folder}: no such {what} folder")
    pairs, unpredicted = [], []
    for folder in folders:
        gold_files = sorted(folder.glob("*.json"))
        if not gold_files:
            raise UsageError(f"{folder}: no gold .json files")
        for gold_file in gold_files:
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            pred_file = pred_dir / gold_file.name
            if pred_file.exists():
                pairs.append((json.loads(pred_file.read_text(encoding="utf-8")), gold))
            else:
                pairs.append(({}, gold))
                unpredicted.append(gold_file.name)
    if len(unpredicted) == len(pairs):
        raise UsageError(f"{pred_dir}: no prediction for any of the {len(pairs)} gold articles (files are matched by "
                         f"name, e.g. {unpredicted[0]}); give --pred the annotations/ folder of a build of these articles")
    return replace(score_pairs(pairs), unpredicted=tuple(unpredicted))


def score_pairs(pairs: Iterable[tuple[dict, dict]]) -> Evaluation:
    """Score (prediction, gold) annotation pairs, micro over all of them (``kg eval``, cross-validation)."""
    totals = {"entities": Score(), "relations": Score(), "entity_types": {}, "relation_types": {}}
    errors = [score_article(pred, gold, totals) for pred, gold in pairs]
    return Evaluation(totals["entities"], totals["relations"], totals["entity_types"],
                      totals["relation_types"], errors, len(errors))


def error_kinds(evaluation: Evaluation) -> Counter:
    """Count remaining errors by kind, for the closing notes and the notebook."""
    kinds: Counter = Counter()
    for err in evaluation.errors:
        kinds["missed entity"] += len(err.missed_entities)
        kinds["spurious entity"] += len(err.spurious_entities)
        kinds["missed relation"] += len(err.missed_relations)
        kinds["spurious relation"] += len(err.spurious_relations)
        kinds["wrong type (entity)"] += len(err.wrong_type_entities)
        kinds["wrong argument (relation)"] += len(err.wrong_argument_relations)
    return kinds


def format_evaluation(evaluation: Evaluation) -> str:
    """A plain-text table of the scores and the remaining errors by kind."""
    lines = [f"{'':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"]

    def row(label: str, s: Score) -> None:
        lines.append(f"{label:22} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.predicted:5d} {s.gold:5d}")

    row("entities", evaluation.entities)
    for name, s in sorted(evaluation.entity_types.items()):
        row(f"  {name}", s)
    row("relations", evaluation.relations)
    for name, s in sorted(evaluation.relation_types.items()):
        row(f"  {name}", s)
    kinds = error_kinds(evaluation)
    lines.append(f"articles: {evaluation.articles}; errors: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    if evaluation.unpredicted:
        names = ", ".join(evaluation.unpredicted[:5]) + (" …" if len(evaluation.unpredicted) > 5 else "")
        lines.append(f"{len(evaluation.unpredicted)} gold articles have no prediction, scored as finding nothing: {names}")
    return "\n".join(lines)

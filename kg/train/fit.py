"""Train the mention model from gold examples, and write a model folder.

The candidates of each article (``kg.nlp.candidates``) are labelled by the
gold: a candidate whose normalized text is a name or alias of a gold entity
takes that entity's type, any other is not a name. A LightGBM multiclass
booster learns the labels from the features of ``kg.extract.features``;
the gazetteer (how often a string was a gold name in the training articles)
is computed leaving each article's own gold out. Training is deterministic
(fixed seed and thread count, LightGBM's deterministic mode, sorted
vocabulary): the same gold gives the same files.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from kg import __version__
from kg.errors import UsageError
from kg.extract.features import FEATURES_VERSION, Gazetteer
from kg.extract.accept import CLASSES
from kg.extract.model import (
    BOOSTER_FILE, MODEL_FILE, MODEL_FORMAT, SCORES_FILE, ExtractorModel, MentionModel, candidate_rows, import_lightgbm,
    to_matrix,
)
from kg.text import normalize
from kg.train.examples import Example

DEFAULT_CONFIG = Path(__file__).with_name("config.cfg")


def load_config(path: str | Path | None = None) -> dict:
    """The training configuration (``config.cfg`` beside this module by default).

    Raises:
        UsageError: the file is missing or not a valid config.
    """
    from confection import Config

    path = Path(path or DEFAULT_CONFIG)
    try:
        return dict(Config().from_disk(path, interpolate=True))
    except (OSError, ValueError) as e:
        raise UsageError(f"{path}: cannot read the training config: {e}") from e


@dataclass(frozen=True)
class LabelledArticle:
    """The candidates of one example with their features and gold labels."""

    names: list[str]  # normalized candidate names
    rows: list[dict[str, float]]
    labels: list[int]  # index into CLASSES
    gold_types: dict[str, str]  # normalized gold name/alias -> type


def label_candidates(example: Example) -> LabelledArticle:
    """Candidates of an example, labelled by its gold entities (first entity wins a shared form)."""
    gold_types: dict[str, str] = {}
    for ent in example.gold.get("entities", []):
        type_ = ent["type"][0] if isinstance(ent["type"], list) else ent["type"]
        for form in [ent["name"], *(ent.get("aliases") or [])]:
            gold_types.setdefault(normalize(form), type_)
    text = example.article.text
    spans = candidate_rows(example.context())
    names = [normalize(text[s:e]) for (s, e), _ in spans]
    labels = [CLASSES.index(gold_types[n]) if gold_types.get(n) in CLASSES else 0 for n in names]
    return LabelledArticle(names, [f for _, f in spans], labels, gold_types)


def build_gazetteer(labelled: Sequence[LabelledArticle]) -> Gazetteer:
    """Per string that is a gold name somewhere: in how many articles it was a candidate, a gold name of each type."""
    seen: Counter = Counter()
    types: dict[str, Counter] = {}
    for art in labelled:
        for name in set(art.names):
            seen[name] += 1
        for name, type_ in art.gold_types.items():
            types.setdefault(name, Counter())[type_] += 1
    return Gazetteer({n: seen[n] for n in sorted(types)}, {n: dict(sorted(types[n].items())) for n in sorted(types)})


def fit(examples: Sequence[Example], config: dict | None = None) -> ExtractorModel:
    """A model trained on ``examples`` (in memory; ``save_model`` writes it).

    Raises:
        UsageError: the examples hold no name at all to learn from.
    """
    import numpy as np

    lightgbm = import_lightgbm()
    config = config or load_config()
    labelled = [label_candidates(e) for e in examples]
    gazetteer = build_gazetteer(labelled)
    rows, labels = [], []
    for art in labelled:
        for name, row, label in zip(art.names, art.rows, art.labels):
            rows.append({**row, **gazetteer.features(name, art.gold_types.get(name), own_seen=True)})
            labels.append(label)
    if not any(labels):
        raise UsageError("the gold names no entity that the candidates could find: nothing to learn")
    settings = config["mentions"]
    counts = Counter(name for row in rows for name in row)
    columns = sorted(name for name, c in counts.items() if c >= settings["min_feature_count"])
    index = {name: i for i, name in enumerate(columns)}
    params = {**config["lightgbm"], "num_class": len(CLASSES)}
    rounds = params.pop("n_estimators")
    data = lightgbm.Dataset(to_matrix(rows, index), label=np.asarray(labels), free_raw_data=True)
    booster = lightgbm.train(params, data, num_boost_round=rounds)
    meta = {
        "format": MODEL_FORMAT, "features_version": FEATURES_VERSION, "kg_version": __version__,
        "lightgbm_version": lightgbm.__version__, "classes": list(CLASSES), "threshold": settings["threshold"],
        "persons": settings["persons"], "rule_threshold": settings["rule_threshold"], "columns": columns, "config": config,
        "trained_on": {"articles": len(examples), "candidates": len(rows), "names": int(sum(1 for x in labels if x))},
        "gazetteer": {"seen": gazetteer.seen, "types": gazetteer.types},
    }
    mentions = MentionModel(booster, index, settings["threshold"], gazetteer, settings["persons"],
                            settings["rule_threshold"])
    return ExtractorModel("", meta, mentions)


def save_model(model: ExtractorModel, out: str | Path, scores: dict | None = None) -> Path:
    """Write a model folder (``model.json``, ``mentions.txt``, ``scores.json``); returns its path.

    The files are written into a new folder beside ``out`` that then takes its place, so a crash
    leaves the old model whole. ``out`` must be new, empty, or a model folder.

    Raises:
        UsageError: ``out`` holds something other than a model.
    """
    import shutil
    import tempfile

    out = Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MODEL_FILE).is_file())):
        raise UsageError(f"{out}: not empty and not a model folder; give a new folder to --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        model.mentions.booster.save_model(str(staging / BOOSTER_FILE), num_iteration=-1)
        _write_json(staging / MODEL_FILE, model.meta)
        if scores is not None:
            _write_json(staging / SCORES_FILE, scores)
        if out.exists():
            old = out.with_name(f".{out.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")

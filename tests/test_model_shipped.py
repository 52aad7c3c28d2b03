"""The shipped model (kg/models/default) is what the README's train command makes, and scores what it says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.evaluate import evaluate
from kg.extract.model import default_model_path, load_model
from kg.pipeline import build
from kg.train import train

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def _train_command_args() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"<!-- train command -->\n```\n(.+?)\n```", readme).group(1).split()
    assert command[:2] == ["kg", "train"]
    return command[2:]


def test_retraining_reproduces_the_shipped_model(shared_dir, tmp_path):
    args = _train_command_args()
    gold = [ROOT / a for a in args[: args.index("--corpus")]]
    corpus = [ROOT / args[i + 1] for i, a in enumerate(args) if a == "--corpus"]
    assert args[args.index("--out") + 1] == "kg/models/default"
    scores = train(gold, corpus, tmp_path / "model")
    shipped = default_model_path()
    assert scores == json.loads((shipped / "scores.json").read_text(encoding="utf-8"))
    same_lightgbm = load_model().meta["lightgbm_version"] == json.loads(
        (tmp_path / "model" / "model.json").read_text(encoding="utf-8"))["lightgbm_version"]
    if same_lightgbm:  # byte for byte with the LightGBM it was made with
        for name in ("model.json", "mentions.txt"):
            assert (tmp_path / "model" / name).read_bytes() == (shipped / name).read_bytes(), name


@pytest.mark.parametrize("corpus, entity_f1, relation_f1", [("seeds", 0.90, 0.80), ("dev", 0.88, 0.78)])
def test_the_shipped_model_on_the_gold_it_was_trained_with(shared_dir, tmp_path, corpus, entity_f1, relation_f1):
    # Trained on these articles: a floor that says the model learned them, not how it does on new text.
    result = build([shared_dir / "corpus" / corpus], out=tmp_path / "build")
    assert result.exit_code == 0, result.failures
    scores = evaluate(shared_dir / "gold" / corpus, tmp_path / "build" / "annotations")
    assert scores.entities.f1 >= entity_f1, scores.as_dict()["entities"]
    assert scores.relations.f1 >= relation_f1, scores.as_dict()["relations"]

"""The rules alone on the shared gold sets they were written for (``../shared``): the thresholds of issue 3.

The rules are also what the trained model reads (its features); the model's own figures are in
``tests/test_model_shipped.py``.
"""

from __future__ import annotations

import pytest

from kg.evaluate import evaluate
from kg.pipeline import build

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "corpus, entity_f1, relation_f1",
    [("seeds", 0.85, 0.70), ("dev", 0.80, 0.60)],
)
def test_rules_alone_on_the_shared_gold(shared_dir, tmp_path, corpus, entity_f1, relation_f1):
    result = build([shared_dir / "corpus" / corpus], out=tmp_path / "build", model=None)
    assert result.exit_code == 0, result.failures
    scores = evaluate(shared_dir / "gold" / corpus, tmp_path / "build" / "annotations")
    assert scores.articles > 0
    assert scores.entities.f1 >= entity_f1, scores.as_dict()["entities"]
    assert scores.relations.f1 >= relation_f1, scores.as_dict()["relations"]

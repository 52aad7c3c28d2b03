"""Train: a model from gold annotations (``kg train``), and cross-validation by article (``kg eval --cv``).

``train(gold_dirs, corpus_dirs, out)`` reads the gold files and the
articles they annotate, trains the mention model (``kg.train.fit``) and
writes a model folder that ``kg build --model`` loads; ``cross_validate``
measures what such a model does on articles it never saw.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from kg.evaluate import Evaluation, score_pairs
from kg.extract import extract
from kg.extract.annotations import to_annotation
from kg.train.cv import cross_validate, story_folds
from kg.train.examples import Example, load_examples
from kg.train.fit import fit, load_config, save_model

__all__ = ["Example", "cross_validate", "evaluate_cv", "fit", "load_config", "load_examples", "save_model",
           "story_folds", "train"]

Note = Callable[[str], None]


def train(gold_dirs: Sequence[str | Path], corpus_dirs: Sequence[str | Path], out: str | Path,
          config_path: str | Path | None = None, progress: Note | None = None) -> dict:
    """Train a model on every gold article of the corpus folders and write it to ``out``.

    Returns the scores written beside it (``scores.json``): the model on its own training
    articles, which says that it learned, not how it does on new text (``kg eval --cv`` does).
    """
    config = load_config(config_path)
    examples = load_examples(gold_dirs, corpus_dirs, _reading(progress))
    if progress:
        progress(f"training on {len(examples)} articles")
    model = fit(examples, config)
    evaluation = score_pairs((to_annotation(extract(e.article, model)) if e.article.text.strip() else {}, e.gold)
                             for e in examples)
    scores = {"on_training_articles": {k: v for k, v in evaluation.as_dict().items() if k != "errors"},
              "articles": len(examples)}
    save_model(model, out, scores)
    return scores


def evaluate_cv(gold_dirs: Sequence[str | Path], corpus_dirs: Sequence[str | Path], k: int = 5,
                config_path: str | Path | None = None, progress: Note | None = None) -> Evaluation:
    """``kg eval --cv K``: K-fold cross-validation of a model trained as ``kg train`` would, by article."""
    config = load_config(config_path)
    return cross_validate(load_examples(gold_dirs, corpus_dirs, _reading(progress)), k, config, progress)


def _reading(progress: Note | None) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(f"read and parsed {done}/{total} gold articles") if done == total or done % 50 == 0 else None

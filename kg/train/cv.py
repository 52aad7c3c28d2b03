"""Cross-validation by article: train on K−1 folds, score the held fold, micro over all held folds.

Articles of one story (reprints and rewrites of one press release, joined
by the index's ``same_story_as`` / ``duplicate_of``) stay in one fold, so a
fold never holds a near copy of a training article. Folds are made by
sorting stories by a hash of their id and dealing them out in turn: the same
examples give the same folds on every machine.
"""

from __future__ import annotations

import hashlib
from typing import Callable, Sequence

from kg.errors import UsageError
from kg.evaluate import Evaluation, score_pairs
from kg.extract import extract
from kg.extract.annotations import to_annotation
from kg.train.examples import Example
from kg.train.fit import fit, load_config

Progress = Callable[[str], None]


def story_folds(examples: Sequence[Example], k: int) -> list[int]:
    """The fold (0..k-1) of each example; one story, one fold."""
    stories = sorted({e.story for e in examples}, key=lambda s: (hashlib.sha1(s.encode("utf-8")).hexdigest(), s))
    fold_of = {story: i % k for i, story in enumerate(stories)}
    return [fold_of[e.story] for e in examples]


def cross_validate(examples: Sequence[Example], k: int = 5, config: dict | None = None,
                   progress: Progress | None = None) -> Evaluation:
    """Scores of K-fold cross-validation: each article predicted by a model that never saw it (or its story).

    Raises:
        UsageError: fewer than two folds, or fewer stories than folds.
    """
    if k < 2:
        raise UsageError(f"--cv {k}: cross-validation needs at least 2 folds")
    if len({e.story for e in examples}) < k:
        raise UsageError(f"--cv {k}: only {len({e.story for e in examples})} stories for {k} folds")
    config = config or load_config()
    folds = story_folds(examples, k)
    pairs = []
    for fold in range(k):
        train = [e for e, f in zip(examples, folds) if f != fold]
        held = [e for e, f in zip(examples, folds) if f == fold]
        if progress:
            progress(f"fold {fold + 1}/{k}: training on {len(train)} articles, scoring {len(held)}")
        model = fit(train, config)
        pairs += [(to_annotation(extract(e.article, model)) if e.article.text.strip() else {}, e.gold) for e in held]
    return score_pairs(pairs)

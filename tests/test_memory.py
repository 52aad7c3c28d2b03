"""The collector during a build (``kg.pipeline.memory``): frozen while it runs, nothing left frozen after."""

from __future__ import annotations

import gc

import pytest

from kg.pipeline import build
from kg.pipeline.memory import frozen, settle, settling


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_settle_freezes_only_inside_and_the_end_unfreezes(unfrozen):
    settle()
    assert gc.get_freeze_count() == 0  # outside a build: nothing to keep
    with frozen():
        kept = [[] for _ in range(100)]
        settle()
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0


def test_a_callers_frozen_objects_stay_frozen(unfrozen):
    gc.freeze()
    before = gc.get_freeze_count()
    with frozen():
        settle()
    assert gc.get_freeze_count() >= before > 0


def test_settling_passes_every_result_and_settles_on_the_way(unfrozen):
    with frozen():
        assert list(settling(iter(range(7)), every=3)) == list(range(7))
        assert gc.get_freeze_count() > 0


def test_a_build_leaves_nothing_frozen(tmp_path, unfrozen):
    build(out=tmp_path / "b", model=None)
    assert gc.get_freeze_count() == 0


def test_young_objects_are_collected_less_often_within_and_as_before_after(unfrozen):
    before = gc.get_threshold()
    with frozen():
        assert gc.get_threshold()[0] >= 10_000
    assert gc.get_threshold() == before

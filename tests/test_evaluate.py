"""Scoring of annotations (gold/FORMAT.md) and the kinds of the remaining errors, on hand-made annotations."""

from __future__ import annotations

import json

import pytest

from kg.errors import UsageError
from kg.evaluate import error_kinds, evaluate, format_evaluation

ENTITIES = [
    {"type": "Organization", "name": "한빛산업진흥원", "aliases": ["진흥원"]},
    {"type": "Person", "name": "김하늘", "aliases": []},
    {"type": "Organization", "name": "누리바이오협회", "aliases": []},
    {"type": "Program", "name": "한빛 창업지원 사업", "aliases": []},
]
HOLDS = {"type": "holdsPost", "person": "김하늘", "org": "한빛산업진흥원", "post": "원장"}
SIGNED = {"type": "partnership", "orgs": ["한빛산업진흥원", "누리바이오협회"], "date": "2024-03-14"}


def score(tmp_path, pred_entities, pred_relations):
    for folder, entities, relations in (("gold", ENTITIES, [HOLDS, SIGNED]), ("pred", pred_entities, pred_relations)):
        (tmp_path / folder).mkdir()
        doc = {"doc": "a1.txt", "entities": entities, "relations": relations}
        (tmp_path / folder / "a1.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return evaluate(tmp_path / "gold", tmp_path / "pred")


def test_a_perfect_prediction_has_no_errors(tmp_path):
    result = score(tmp_path, ENTITIES, [SIGNED, HOLDS])
    assert result.entities.f1 == result.relations.f1 == 1.0
    assert sum(error_kinds(result).values()) == 0


@pytest.mark.parametrize("pred_relations, expected", [
    # one argument wrong: the post, or one party, or the date
    ([{**HOLDS, "post": "이사장"}, SIGNED], {"wrong argument (relation)": 1}),
    ([HOLDS, {**SIGNED, "orgs": ["한빛산업진흥원", "김하늘"]}], {"wrong argument (relation)": 1}),
    ([HOLDS, {**SIGNED, "date": "2024-03-15"}], {"wrong argument (relation)": 1}),
    # two arguments wrong is a miss and a spurious fact, not a near miss
    ([{**HOLDS, "post": "이사장", "org": "누리바이오협회"}, SIGNED], {"missed relation": 1, "spurious relation": 1}),
    # another type is never a wrong argument
    ([{"type": "memberOf", "person": "김하늘", "org": "한빛산업진흥원"}, SIGNED],
     {"missed relation": 1, "spurious relation": 1}),
    ([SIGNED], {"missed relation": 1}),
])
def test_relation_errors_by_kind(tmp_path, pred_relations, expected):
    result = score(tmp_path, ENTITIES, pred_relations)
    assert {k: v for k, v in error_kinds(result).items() if v} == expected
    assert result.as_dict()["errors"] == dict(sorted(error_kinds(result).items()))


@pytest.mark.parametrize("pred_entities, expected", [
    # found under another type, by name or by alias
    ([*ENTITIES[:3], {"type": "Event", "name": "한빛 창업지원 사업", "aliases": []}], {"wrong type (entity)": 1}),
    ([{"type": "Place", "name": "진흥원", "aliases": []}, *ENTITIES[1:]], {"wrong type (entity)": 1}),
    # another name of the right type is not a type error
    ([*ENTITIES[:3], {"type": "Program", "name": "누리 수출 사업", "aliases": []}],
     {"missed entity": 1, "spurious entity": 1}),
    (ENTITIES[:3], {"missed entity": 1}),
])
def test_entity_errors_by_kind(tmp_path, pred_entities, expected):
    result = score(tmp_path, pred_entities, [HOLDS, SIGNED])
    assert {k: v for k, v in error_kinds(result).items() if v and "entity" in k} == expected


@pytest.mark.parametrize("pred, gold", [
    ("㈜광진", "광진"), ("(주)광진", "광진"), ("광진㈜", "광진"), ("주식회사 광진", "광진"),
    ("재단법인 한빛테크노파크", "한빛테크노파크"), ("(재)한빛테크노파크", "한빛테크노파크"), ("(사)한빛협회", "한빛협회"),
    ("한빛․누리 협의회", "한빛누리협의회"), ("한빛ㆍ누리 협의회", "한빛·누리협의회"),
])
def test_names_match_without_corporate_markers_and_dots(tmp_path, pred, gold):
    # gold/FORMAT.md (2026-12-06): corporate-form markers and the ․ dot are not part of a name.
    for folder, name in (("gold", gold), ("pred", pred)):
        (tmp_path / folder).mkdir()
        doc = {"doc": "a1.txt", "entities": [{"type": "Organization", "name": name}], "relations": []}
        (tmp_path / folder / "a1.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert evaluate(tmp_path / "gold", tmp_path / "pred").entities.f1 == 1.0


def _write(folder, name, entities):
    folder.mkdir(exist_ok=True)
    doc = {"doc": name + ".txt", "entities": entities, "relations": []}
    (folder / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_a_gold_article_without_a_prediction_finds_nothing_and_is_named(tmp_path):
    for name in ("a1", "a2"):
        _write(tmp_path / "gold", name, ENTITIES[:2])
    _write(tmp_path / "pred", "a1", ENTITIES[:2])
    result = evaluate(tmp_path / "gold", tmp_path / "pred")
    assert (result.entities.tp, result.entities.gold, result.entities.predicted) == (2, 4, 2)
    assert result.unpredicted == ("a2.json",) and result.as_dict()["unpredicted"] == ["a2.json"]
    assert "1 gold articles have no prediction, scored as finding nothing: a2.json" in format_evaluation(result)


def test_a_prediction_folder_that_matches_no_gold_article_is_an_error(tmp_path):
    _write(tmp_path / "gold", "a1", ENTITIES)
    _write(tmp_path / "pred", "other", ENTITIES)
    with pytest.raises(UsageError, match="no prediction for any of the 1 gold articles .*a1.json"):
        evaluate(tmp_path / "gold", tmp_path / "pred")

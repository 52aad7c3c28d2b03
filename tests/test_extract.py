"""Extraction on our own short news-style sentences: each relation pattern, coreference, tenure."""

from __future__ import annotations

from datetime import date

import pytest

from kg.coref import is_abbreviation
from kg.extract import extract
from kg.titles import split_title
from kg.records import RELATION_FIELDS, STATUS_CURRENT, STATUS_ENDED, STATUS_FORMER, STATUS_STARTED, Article

PUBLISHED = date(2024, 3, 15)


def run(text: str, published: date | None = PUBLISHED):
    return extract(Article(id="t", path="t", text=text, published=published))


def facts(x) -> set[tuple]:
    """Relations as tuples of entity names and literals, in field order."""
    names = {e.key: e.name for e in x.entities}
    out = set()
    for rel in x.relations:
        row = [rel.type]
        for field, kind in RELATION_FIELDS[rel.type].items():
            value = rel.args[field]
            if kind == "entity":
                value = names[value]
            elif kind == "entities":
                value = frozenset(names[k] for k in value)
            row.append(value)
        out.add(tuple(row))
    return out


def entity(x, name: str):
    return next(e for e in x.entities if e.name == name)


@pytest.mark.parametrize(
    "text, fact",
    [
        ("한빛산업진흥원(원장 박서준)은 새 사업을 시작한다고 밝혔다.", ("holdsPost", "박서준", "한빛산업진흥원", "원장")),
        ("박서준 한빛산업진흥원장은 기업 지원을 늘리겠다고 말했다.", ("holdsPost", "박서준", "한빛산업진흥원", "원장")),
        ("김하늘 누리바이오협회 회장이 축사를 했다.", ("holdsPost", "김하늘", "누리바이오협회", "회장")),
        ("최유리 수원시 부시장이 격려사를 했다.", ("holdsPost", "최유리", "수원시", "부시장")),
        ("한빛대 조민준 대외협력처장이 발표를 맡았다.", ("holdsPost", "조민준", "한빛대", "대외협력처장")),
        ("누리협의회(회장 정 준)는 모임을 가졌다.", ("holdsPost", "정 준", "누리협의회", "회장")),
        ("오후에는 사례 발표(정민호 박사. 한빛생산기술연구원)가 이어졌다.", ("memberOf", "정민호", "한빛생산기술연구원")),
        ("오후에는 사례 발표(강지우 대표. 누리바이오메드)가 이어졌다.", ("holdsPost", "강지우", "누리바이오메드", "대표")),
        ("누리디지털산업진흥원은 창립총회를 열고 김하늘 수원시 경제국장을 이사장으로 선출했다.",
         ("holdsPost", "김하늘", "누리디지털산업진흥원", "이사장")),
        ("누리디지털산업진흥원은 창립총회를 열고 김하늘 수원시 경제국장을 이사장으로 선출했다.",
         ("holdsPost", "김하늘", "수원시", "경제국장")),
        ("누리테크노파크는 박서준 ㈜한빛 대표이사를 회장으로, 최유리 ㈜누리 대표이사와 정민호 ㈜가람 대표이사를 "
         "각각 부회장과 총무로 선출했다.", ("holdsPost", "정민호", "누리테크노파크", "총무")),
        ("누리테크노파크는 박서준 ㈜한빛 대표이사를 회장으로, 최유리 ㈜누리 대표이사와 정민호 ㈜가람 대표이사를 "
         "각각 부회장과 총무로 선출했다.", ("holdsPost", "박서준", "누리테크노파크", "회장")),
    ],
)
def test_posts_and_membership(text, fact):
    assert fact in facts(run(text))


@pytest.mark.parametrize(
    "text, fact",
    [
        ("한빛산업진흥원과 누리바이오협회는 지난 12일 바이오산업 육성을 위한 업무협약을 체결했다.",
         ("partnership", frozenset({"한빛산업진흥원", "누리바이오협회"}), "2024-03-12")),
        ("한빛산업진흥원은 2005년 설립된 산업지원 전문기관이다.", ("founded", "한빛산업진흥원", 2005)),
        ("한빛산업진흥원은 행사를 열었다. 이 기관은 2010년 설립됐다.", ("founded", "한빛산업진흥원", 2010)),
        ("한빛산업진흥원은 오는 30일 수원시청에서 `한빛 산업융합 포럼`을 개최한다.", ("heldAt", "한빛 산업융합 포럼", "수원시청")),
        ("한빛산업진흥원은 오는 30일 수원시청에서 `한빛 산업융합 포럼`을 개최한다.", ("eventDate", "한빛 산업융합 포럼", "2024-03-30")),
        ("누리시는 2019년 ‘누리특허은행’을 설립해 상담을 지원하고 있다.", ("founded", "누리특허은행", 2019)),
        ("한빛산업진흥재단이 ‘한빛산업진흥원’으로 명칭을 변경했다.", ("renamed", "한빛산업진흥재단", "한빛산업진흥원")),
        ("한빛산업진흥원은 새 비전을 밝혔다.\n2005년 한빛산업진흥재단으로 출범한 진흥원은 2019년 지금의 이름으로 바꿨다.",
         ("renamed", "한빛산업진흥재단", "한빛산업진흥원")),
        ("한국산업단지공단 호남지역본부는 새 사업을 추진한다.", ("subOrganizationOf", "한국산업단지공단 호남지역본부", "한국산업단지공단")),
        ("누리메디허브는 보건복지부 산하 공공기관으로 성장했다.", ("subOrganizationOf", "누리메디허브", "보건복지부")),
        ("한빛산업진흥원은 ‘한빛 창업카페’를 운영하고 있다.", ("operates", "한빛산업진흥원", "한빛 창업카페")),
        ("경기 수원시의 기업들이 참여했다.", ("locatedIn", "수원시", "경기")),
        ("한빛산업진흥원은 창업지원주택(수원/화성) 입주기업을 모집한다.", ("locatedIn", "창업지원주택", "화성")),
        ("누리산업진흥원은 서울 여의도 누리컨벤션센터에서 포럼을 열었다.", ("locatedIn", "누리컨벤션센터", "여의도")),
    ],
)
def test_relation_patterns(text, fact):
    assert fact in facts(run(text))


EVENT_TEXT = (
    "한빛산업진흥원(원장 박서준)은 지난 12일 한빛타워 대강당에서 창립 10주년 기념식을 열었다.\n"
    "이날 기념식에는 최유리 수원시 부시장이 참석해 격려사를 했다."
)


@pytest.mark.parametrize(
    "fact",
    [
        ("organizes", "한빛산업진흥원", "창립 10주년 기념식"),
        ("heldAt", "창립 10주년 기념식", "한빛타워 대강당"),
        ("eventDate", "창립 10주년 기념식", "2024-03-12"),
        ("participatesIn", "최유리", "창립 10주년 기념식"),
    ],
)
def test_event_relations(fact):
    assert fact in facts(run(EVENT_TEXT))


def test_event_words_refer_back_to_the_named_event():
    text = ("한빛산업진흥원은 지난 12일 창립 10주년 기념식을 열었다.\n"
            "이날 행사에는 최유리 수원시 부시장이 참석했으며 투자 상담회와 기업 설명회가 이어졌다.")
    found = facts(run(text))
    assert ("participatesIn", "최유리", "창립 10주년 기념식") in found
    assert not [f for f in found if f[0] == "participatesIn" and f[2] != "창립 10주년 기념식"]


def test_organizer_is_not_a_participant_of_its_own_event():
    found = facts(run(EVENT_TEXT))
    assert ("participatesIn", "한빛산업진흥원", "창립 10주년 기념식") not in found


def test_relative_event_date_left_out_without_publication_date():
    assert not [f for f in facts(run(EVENT_TEXT, published=None)) if f[0] == "eventDate"]


def test_signatories_take_part_in_the_signing_ceremony():
    text = ("한빛산업진흥원과 누리바이오협회는 업무협약을 체결했다.\n"
            "한빛산업진흥원에서 열린 업무협약식에는 양 기관 관계자가 참석했다.")
    found = facts(run(text))
    assert ("participatesIn", "누리바이오협회", "업무협약식") in found
    assert ("heldAt", "업무협약식", "한빛산업진흥원") in found


def test_mou_scope_items_are_not_programmes():
    text = ("한빛산업진흥원과 누리바이오협회는 업무협약을 체결하고 ▲공동 연구과제 기획 ▲기업 창업지원 프로그램 운영 "
            "등에 협력하기로 했다.")
    x = run(text)
    assert not [e for e in x.entities if e.type == "Program"]


@pytest.mark.parametrize(
    "text, name, alias",
    [
        ("한빛산업진흥원은 행사를 열었다. 진흥원은 앞으로 지원을 늘린다.", "한빛산업진흥원", "진흥원"),
        ("누리메디허브가 협약을 맺었다. 재단은 연구 인프라를 개방한다.", "누리메디허브", "재단"),
        ("한국산업단지공단이 사업을 시작했다. 산단공은 예산을 늘린다.", "한국산업단지공단", "산단공"),
        ("누리메디허브(누리첨단의료산업진흥재단)는 협약을 맺었다.", "누리첨단의료산업진흥재단", "누리메디허브"),
        ("한빛산업진흥재단이 ‘한빛산업진흥원’으로 명칭을 변경했다. 한빛산업진흥원은 새로 출발한다.", "한빛산업진흥원", "한빛산업진흥재단"),
        ("한국산업단지공단 호남지역본부는 사업을 넓힌다. 산단공 호남본부는 예산도 늘린다.",
         "한국산업단지공단 호남지역본부", "산단공 호남본부"),
    ],
)
def test_short_forms_abbreviations_and_former_names_are_aliases(text, name, alias):
    x = run(text)
    assert alias in entity(x, name).aliases
    assert not [e for e in x.entities if e.name == alias]


def test_short_form_takes_the_nearest_compatible_name():
    text = ("한빛산업진흥원은 누리의료재단과 손잡았다. 재단은 장비를 지원한다. "
            "한빛산업진흥원은 누리바이오진흥원과도 협력한다. 진흥원은 공간을 제공한다.")
    x = run(text)
    assert "재단" in entity(x, "누리의료재단").aliases
    assert "진흥원" in entity(x, "누리바이오진흥원").aliases


def test_anniversaries_are_not_foundings():
    assert not [f for f in facts(run("누리산업진흥원은 2026년 창립 25주년을 앞두고 있다.")) if f[0] == "founded"]


def test_generic_words_are_not_entities():
    x = run("기업과 지원사업, 컨퍼런스, 센터 등 여러 기관이 참여했다.")
    assert not x.entities


@pytest.mark.parametrize(
    "text, status, start, end",
    [
        ("박서준 한빛산업진흥원장은 기업 지원을 늘리겠다고 말했다.", STATUS_CURRENT, None, None),
        ("박서준 한빛산업진흥원장이 지난 4일 취임했다.", STATUS_STARTED, "2024-03-04", None),
        ("박서준 한빛산업진흥원장이 지난 4일 퇴임했다.", STATUS_ENDED, None, "2024-03-04"),
        ("김하늘 전 한빛산업진흥원장이 강연했다.", STATUS_FORMER, None, None),
    ],
)
def test_tenure_status(text, status, start, end):
    x = run(text)
    posts = [r for r in x.relations if r.type == "holdsPost"]
    assert [(r.status, r.start, r.end) for r in posts] == [(status, start, end)]


def test_former_posts_stay_out_of_the_annotations():
    from kg.annotations import to_annotation

    ann = to_annotation(run("김하늘 전 한빛산업진흥원장이 강연했다."))
    assert not [r for r in ann["relations"] if r["type"] == "holdsPost"]


def test_every_relation_and_mention_points_at_its_characters():
    x = run(EVENT_TEXT)
    for rel in x.relations:
        assert x.article.text[rel.sentence.start:rel.sentence.end] == rel.sentence.text
    for ent in x.entities:
        for m in ent.mentions:
            assert x.article.text[m.start:m.end] == m.text


@pytest.mark.parametrize(
    "word, expected",
    [
        ("원장", ("", "원장")),
        ("한빛산업진흥원장", ("한빛산업진흥원", "원장")),
        ("수원시장", ("수원시", "시장")),
        ("수원부시장", ("수원", "부시장")),
        ("누리구청장", ("누리구", "구청장")),
        ("기획경영본부장", ("", "기획경영본부장")),
        ("기념사", None),
    ],
)
def test_split_title(word, expected):
    assert split_title(word, set()) == expected


@pytest.mark.parametrize(
    "short, full, expected",
    [
        ("경인본부", "경인지역본부", True),
        ("산단공", "한국산업단지공단", True),
        ("산단공 경인본부", "한국산업단지공단 경인지역본부", True),
        ("누리TP", "누리테크노파크", True),
        ("누리대", "누리대학교", True),
        ("누리디지털진흥원", "재단법인 누리디지털진흥원", True),
        ("성남시", "성남산업진흥원", False),
        ("경기도", "경기도의회", False),
    ],
)
def test_is_abbreviation(short, full, expected):
    assert is_abbreviation(short, full) is expected

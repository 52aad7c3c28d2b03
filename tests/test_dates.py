"""Dates: printed header forms, relative dates in text, and what is not a date.

Every sentence here is written by us in Korean news style.
"""

from __future__ import annotations

from datetime import date

import pytest

from kg.nlp.dates import DateMention, find_dates
from kg.ingest.dates import find_published, parse_printed_date

PUBLISHED = date(2023, 6, 15)


# ---------------------------------------------------------------- printed header forms


@pytest.mark.parametrize(
    "line, expected",
    [
        ("작성자 작성일 24-02-07 09:41본문", date(2024, 2, 7)),
        ("홍길동 | 기사입력 2014/05/21 [09:05]", date(2014, 5, 21)),
        ("홍길동 | 입력 : 2014/05/21 [09:05]", date(2014, 5, 21)),
        ("  • 등록 2026.02.03 11:12:45", date(2026, 2, 3)),
        ("  • 승인 2021.08.19 07:55", date(2021, 8, 19)),
        ("  • 승인 2021.08.19", date(2021, 8, 19)),
        ("김기자 기자 kim@example.kr 노출승인 2019년 11월 08일 08:15   발행일 2019년 11월 09일 토요일", date(2019, 11, 8)),
        ("2017-04-26 13:03", date(2017, 4, 26)),
        ("한빛통신, 김기자 기자, 2017-04-26 13:03 XQ2", date(2017, 4, 26)),
        ("디지털산업입력 :2016/03/22 17:19", date(2016, 3, 22)),
        ("입력 2024-09-12 09:00 | 수정 2024-09-12 11:24", date(2024, 9, 12)),
        ("입력 1999.12.31", date(1999, 12, 31)),
    ],
)
def test_header_forms(line, expected):
    assert parse_printed_date(line) == expected
    assert find_published([line]) == expected


@pytest.mark.parametrize("line", ["입력 2023.02.30 10:00", "조회수 0", "기사입력 :", "제10회 행사 1,200명 참석", "전화 031-700-1234"])
def test_header_lines_without_a_date(line):
    assert find_published([line]) is None


def test_labelled_date_wins_over_bare_and_modified():
    header = ["[2018.06.28] 다른 기사 제목", "수정 2018-07-05 09:00", "노출승인 2018년 07월 03일 08:25"]
    assert find_published(header) == date(2018, 7, 3)
    assert find_published(header[:2]) == date(2018, 7, 5)
    assert find_published(header[:1]) == date(2018, 6, 28)


def test_bare_date_with_time_wins_over_a_teaser_date():
    assert find_published(["[2018.06.28] 다른 기사 제목", "홍길동 기자 2018-07-03 16:12"]) == date(2018, 7, 3)


# ---------------------------------------------------------------- dates in text


def values(text: str, published: date | None = PUBLISHED, anchor: str | None = None) -> list[tuple[str, str | None, bool]]:
    return [(d.text, d.value, d.relative) for d in find_dates(text, published, anchor)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # absolute
        ("두 기관은 2023년 6월 9일 협약을 맺었다.", [("2023년 6월 9일", "2023-06-09", False)]),
        ("협약은 2022.11.3 체결됐다.", [("2022.11.3", "2022-11-03", False)]),
        ("행사는 2021-04-07 열렸다.", [("2021-04-07", "2021-04-07", False)]),
        ("진흥원은 2001년 문을 열었다.", [("2001년", "2001", False)]),
        ("지난 2001년 출범한 재단이다.", [("2001년", "2001", False)]),
        ("센터는 2019년 3월 개소했다.", [("2019년 3월", "2019-03", False)]),
        ("협약식은 6월 9일 열렸다.", [("6월 9일", "2023-06-09", False)]),
        # 지난 N일: this month if N <= published day, else the previous month
        ("재단은 지난 9일 기념식을 열었다.", [("지난 9일", "2023-06-09", True)]),
        ("재단은 지난 15일 기념식을 열었다.", [("지난 15일", "2023-06-15", True)]),
        ("재단은 지난 20일 기념식을 열었다.", [("지난 20일", "2023-05-20", True)]),
        # 오는 N일: the next such day
        ("설명회는 오는 20일 열린다.", [("오는 20일", "2023-06-20", True)]),
        ("설명회는 오는 3일 열린다.", [("오는 3일", "2023-07-03", True)]),
        # bare N일: the tense of the verb decides
        ("시장은 9일 시청에서 열린 행사에 참석했다.", [("9일", "2023-06-09", True)]),
        ("시장은 30일 오전 시청에서 강연했다.", [("30일", "2023-05-30", True)]),
        ("포럼은 20일 시청에서 열린다.", [("20일", "2023-06-20", True)]),
        ("포럼은 3일 시청에서 개최할 예정이다.", [("3일", "2023-07-03", True)]),
        ("기관은 13·14일 이틀간 박람회를 연다.", [("13", "2023-07-13", True), ("14일", "2023-07-14", True)]),
        ("기관은 지난 9~10일 박람회를 열었다.", [("지난 9", "2023-06-09", True), ("10일", "2023-06-10", True)]),
        ("접수는 오는 20일부터 30일까지 받는다.", [("오는 20일", "2023-06-20", True), ("30일", "2023-06-30", True)]),
        ("협회는 오는 30일 포럼을 연다고 12일 밝혔다.", [("오는 30일", "2023-06-30", True), ("12일", "2023-06-12", True)]),
        # words that begin like a duration marker but are not one
        ("재단은 지난 14일 여의도에서 포럼을 열었다.", [("지난 14일", "2023-06-14", True)]),
        ("시는 3일 전시회를 열었다.", [("3일", "2023-06-03", True)]),
        ("협회는 2019년 간담회를 시작했다.", [("2019년", "2019", False)]),
        ("진흥원은 2019년 5개 기업을 지원했다.", [("2019년", "2019", False)]),
        # 이날/당일: the published date without an anchor
        ("이날 행사에는 200명이 참석했다.", [("이날", "2023-06-15", True)]),
        ("당일 현장에서 접수한다.", [("당일", "2023-06-15", True)]),
        # calendar words
        ("지난해 유치한 센터가 올해 문을 열고 내년에 확장한다.", [("지난해", "2022", True), ("올해", "2023", True), ("내년", "2024", True)]),
        ("지난달 공고에 이어 이달 선정하고 다음달 발표한다.", [("지난달", "2023-05", True), ("이달", "2023-06", True), ("다음달", "2023-07", True)]),
        ("지난 3월 개소한 센터다.", [("지난 3월", "2023-03", True)]),
        # a month word before a day: that month's day, whatever the verb's tense
        ("출범식은 내달 4일 시청에서 열리며", [("내달", "2023-07", True), ("4일", "2023-07-04", True)]),
        ("센터는 지난달 10일 문을 열었다.", [("지난달", "2023-05", True), ("10일", "2023-05-10", True)]),
        ("지난 9월 개소한 센터다.", [("지난 9월", "2022-09", True)]),
        ("오는 2월 개소한다.", [("오는 2월", "2024-02", True)]),
    ],
)
def test_find_dates(text, expected):
    assert values(text) == expected


def test_offsets_point_into_the_text():
    text = "진흥원은 지난 9일 킨스타워에서 창립 기념식을 열었다고 12일 밝혔다."
    mentions = find_dates(text, PUBLISHED)
    assert [text[d.start : d.end] for d in mentions] == [d.text for d in mentions] == ["지난 9일", "12일"]
    assert all(isinstance(d, DateMention) for d in mentions)


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # month rollover: 지난 28일 on 2 March is 28 February
        ("지난 28일 열렸다.", date(2024, 3, 2), "2024-02-28"),
        # day missing in the previous month: 지난 31일 on 5 March → 31 January
        ("지난 31일 열렸다.", date(2023, 3, 5), "2023-01-31"),
        # year rollover backwards and forwards
        ("지난 30일 열렸다.", date(2024, 1, 3), "2023-12-30"),
        ("오는 5일 열린다.", date(2023, 12, 28), "2024-01-05"),
        ("오는 2월 열린다.", date(2023, 12, 28), "2024-02"),
        ("지난 11월 열렸다.", date(2024, 1, 10), "2023-11"),
        ("지난달 열렸다.", date(2024, 1, 10), "2023-12"),
        ("다음달 열린다.", date(2023, 12, 10), "2024-01"),
        ("12월 30일 개최했다.", date(2024, 1, 4), "2023-12-30"),
        ("1월 8일 개최한다.", date(2023, 12, 20), "2024-01-08"),
        # leap day
        ("지난 29일 열렸다.", date(2024, 3, 1), "2024-02-29"),
    ],
)
def test_rollover(text, published, expected):
    assert find_dates(text, published)[0].value == expected


def test_this_day_uses_the_anchor():
    assert values("이날 협약식에는 30명이 참석했다.", anchor="2023-06-09") == [("이날", "2023-06-09", True)]
    assert values("같은 날 오후 간담회가 이어졌다.", anchor="2023-06-09") == [("같은 날", "2023-06-09", True)]


def test_without_published_relative_values_are_none():
    assert values("지난 9일 열렸다. 이날 행사에 지난해 대비 두 배가 왔다.", None) == [
        ("지난 9일", None, True), ("이날", None, True), ("지난해", None, True)]
    assert values("이날 협약식이 열렸다.", None, anchor="2023-06-09") == [("이날", "2023-06-09", True)]
    assert values("2023년 6월 9일 협약을 맺었다.", None) == [("2023년 6월 9일", "2023-06-09", False)]
    assert values("6월 9일 협약을 맺었다.", None) == [("6월 9일", None, False)]


@pytest.mark.parametrize(
    "text",
    [
        "진흥원은 지난 22년 동안 기업을 도왔다.",
        "재단은 22년간 기업을 지원했다.",
        "6년 간 특허출원 598건을 지원했다.",
        "사업 기간은 3개월이다.",
        "창립 22주년 기념식을 열었다.",
        "제8회 산업단지 클러스터의 날 행사가 열렸다.",
        "이사장은 5대 이사장으로 취임했다.",
        "직원 13명으로 시작했다.",
        "경기도는 경기발전 2020을 통해 지원한다.",
        "시는 성남 비전 2030에 따라 육성한다.",
        "2012 성남산업융합전략 컨퍼런스가 열렸다.",
        "매출액 100조원을 달성했다.",
        "스마트산업 육성 5개년(2024 ∼ 2028년) 계획을 세웠다.",
        "2023~2027년 중기 계획을 세웠다.",
        "‘2016년 지역 바이오 융합기술 포럼’을 개최했다.",
        "3일간 박람회가 이어졌다.",
        "10일째 이어지고 있다.",
        "접수 후 30일 이내 결과를 알린다.",
        "행사는 3일 전 취소됐다.",
        "10일여 동안 이어졌다.",
        "교육은 5일씩 두 차례 열린다.",
        "매월 10일 정기 회의를 연다.",
        "주 5일 근무제를 도입했다.",
        "축하 영상이 전달되는 동안 자리를 지켰다.",
        "기업 2,100여 곳과 1,624개 벤처기업이 있다.",
    ],
)
def test_not_dates(text):
    assert find_dates(text, PUBLISHED) == []


def test_a_date_inside_a_sentence_with_traps():
    text = "2001년 설립된 진흥원은 지난 22년 동안 기업을 도왔으며 지난 9일 창립 22주년 기념식을 열었다."
    assert values(text) == [("2001년", "2001", False), ("지난 9일", "2023-06-09", True)]

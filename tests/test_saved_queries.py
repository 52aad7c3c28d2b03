"""Saved queries (ontology/queries/*.rq): headers, and exact answers on two graphs.

- a graph made by hand (``tests/handmade.py``): proves each query's logic,
  independently of extraction;
- the sample corpus built by the real pipeline: the expected answers are
  the facts of the gold files (``kg/data/sample_gold/``), so these tests
  pass as extraction and entity resolution get them right.
"""

from __future__ import annotations

from datetime import date

import pytest

from kg.errors import UsageError
from kg.sparql import query, saved_queries, saved_query
from kg.sparql.saved import parse_saved, queries_dir

REQUIRED = {"partners", "heads", "post_holder", "programmes", "events", "name_history", "most_connected",
            "co_participation", "entity"}


def run(store, query_name: str, **params) -> list[dict]:
    return query(saved_query(query_name), store, params=params).dicts()


def pick(rows: list[dict], *columns: str) -> list[tuple]:
    return [tuple(r[c] for c in columns) for r in rows]


def split(value: str | None) -> set[str]:
    return set(value.split(" · ")) if value else set()


# Headers


def test_the_required_questions_are_saved():
    assert REQUIRED <= set(saved_queries())


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_header_has_title_questions_and_parameters(name):
    q = saved_query(name)
    assert q.title and q.question_ko and q.question_en
    assert any("\uac00" <= ch <= "\ud7a3" for ch in q.question_ko)  # Korean
    for p in q.params:
        assert p.kind in {"name", "text", "date", "int", "bool", "iri"} and p.meaning and p.example


def test_malformed_header_is_refused(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("# title: t\n# ko: 질문\n# en: q\n# param: org organization\nSELECT * {}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="malformed parameter"):
        parse_saved(path)
    path.write_text("# title: t\nSELECT * {}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="ko, en"):
        parse_saved(path)


def test_unknown_saved_query_lists_the_names():
    with pytest.raises(UsageError, match="partners"):
        saved_query("no-such-query")
    with pytest.raises(UsageError, match="did you mean name_history"):
        saved_query("name_histroy")


def test_required_parameter_is_asked_for(handmade_build):
    with pytest.raises(UsageError, match="missing parameter org.*성남산업진흥원"):
        run(handmade_build, "partners")


def test_queries_dir_is_the_ontology_folder():
    assert (queries_dir() / "partners.rq").exists()


# The hand-made graph: every query, exact answers


def test_partners_by_alias_with_dates_and_sentences(handmade_build):
    # 진흥원, a generic short form, stands for the agency only inside its article: no graph alias.
    assert run(handmade_build, "partners", org="진흥원") == []
    rows = run(handmade_build, "partners", org="한빛진흥원")
    assert pick(rows, "partner", "signedOn", "article", "published", "sentence") == [
        ("가람대학교 산학협력단", None, "a3", date(2023, 9, 4), "한빛산업진흥원은 가람대학교 산학협력단과 창업 지원 협약을 맺었다."),
        ("누리바이오협회", date(2023, 5, 10), "a2", date(2023, 5, 12),
         "한빛산업진흥원과 누리바이오협회는 2023년 5월 10일 바이오 기업 육성을 위한 업무협약을 맺었다."),
    ]
    # The former name finds the same organization; the other side sees it as a partner.
    assert run(handmade_build, "partners", org="한빛산업재단") == rows
    assert pick(run(handmade_build, "partners", org="누리바이오협회"), "partner", "article") == [("한빛산업진흥원", "a2")]
    assert run(handmade_build, "partners", org="없는기관") == []


def test_partners_of_an_organization_with_its_sub_units(handmade_build):
    # 가람대학교 signed nothing itself; its unit 가람대학교 산학협력단 did (and its unit's unit, nothing).
    assert run(handmade_build, "partners", org="가람대학교") == []
    assert run(handmade_build, "partners", org="가람대학교", include_units="false") == []
    rows = run(handmade_build, "partners", org="가람대학교", include_units="true")
    assert pick(rows, "partner", "unit", "article") == [("한빛산업진흥원", "가람대학교 산학협력단", "a3")]
    # An organization without units: the same rows either way, no unit named.
    assert run(handmade_build, "partners", org="한빛진흥원", include_units="yes") == run(
        handmade_build, "partners", org="한빛진흥원")
    with pytest.raises(UsageError, match="not a valid bool"):
        run(handmade_build, "partners", org="가람대학교", include_units="maybe")


def test_heads_over_time(handmade_build):
    rows = run(handmade_build, "heads", org="한빛산업진흥원")
    # 김하늘 기획본부장 is not a head; the 전(former) mention of 박서준 counts as an article, not as a sighting.
    assert pick(rows, "person", "post", "firstSeen", "lastSeen", "started", "ended", "articles") == [
        ("박서준", "원장", date(2023, 3, 1), date(2023, 3, 1), None, None, 2),
        ("최유리", "원장", date(2024, 2, 5), date(2024, 2, 5), date(2024, 2, 1), None, 1),
    ]


@pytest.mark.parametrize("on, expected", [
    ("2022-01-01", []),  # before any evidence
    ("2023-06-01", [("박서준", date(2023, 3, 1))]),
    ("2024-01-15", []),  # 박서준 reported as former on 2024-01-10; nobody new yet
    ("2024-02-03", [("최유리", date(2024, 2, 1))]),  # stated start date
    ("2024-03-01", [("최유리", date(2024, 2, 5))]),
])
def test_post_holder_on_a_date(handmade_build, on, expected):
    rows = run(handmade_build, "post_holder", org="한빛진흥원", post="원장", on=on)
    assert pick(rows, "person", "since") == expected


def test_post_holder_rejects_a_malformed_date(handmade_build):
    with pytest.raises(UsageError, match="not a valid date"):
        run(handmade_build, "post_holder", org="한빛진흥원", post="원장", on="2024-13-01")


def test_programmes_by_operator(handmade_build):
    assert pick(run(handmade_build, "programmes"), "operator", "programme", "articles") == [
        ("누리바이오협회", "바이오 성장 프로그램", 1),
        ("한빛산업진흥원", "특허은행", 1),
        ("한빛산업진흥원", "한빛창업카페", 2),
    ]
    assert pick(run(handmade_build, "programmes", org="누리협회"), "programme") == [("바이오 성장 프로그램",)]


def test_events_timeline(handmade_build):
    rows = run(handmade_build, "events")
    assert [(r["date"], r["event"], r["place"], split(r["organizers"]), split(r["participants"]), r["articles"])
            for r in rows] == [
        (date(2023, 2, 27), "한빛 창립 10주년 기념식", "한빛타워 대강당", {"한빛산업진흥원"}, {"박서준", "누리바이오협회"}, 1),
        (date(2023, 5, 10), "협약식", None, set(), {"누리바이오협회", "한빛산업진흥원"}, 1),
    ]
    assert pick(run(handmade_build, "events", since="2023-03-01"), "event") == [("협약식",)]
    assert pick(run(handmade_build, "events", until="2023-03-01"), "event") == [("한빛 창립 10주년 기념식",)]


def test_name_history_and_units(handmade_build):
    assert pick(run(handmade_build, "name_history", org="한빛산업진흥원"), "relation", "name", "article") == [
        ("former name", "한빛산업재단", "a1")]
    assert pick(run(handmade_build, "name_history", org="가람대학교"), "relation", "name", "depth") == [
        ("sub-unit", "가람대학교 산학협력단", 1), ("sub-unit", "창업보육센터", 2)]
    assert pick(run(handmade_build, "name_history", org="가람대 산학협력단"), "relation", "name", "depth") == [
        ("part of", "가람대학교", None), ("sub-unit", "창업보육센터", 1)]


def test_most_connected(handmade_build):
    assert pick(run(handmade_build, "most_connected"), "organization", "connections", "articles") == [
        ("한빛산업진흥원", 9, 5),
        ("누리바이오협회", 4, 2),
        ("가람대학교 산학협력단", 3, 1),
        ("가람대학교", 1, 1),
        ("창업보육센터", 1, 1),
    ]


def test_co_participation(handmade_build):
    rows = run(handmade_build, "co_participation")
    assert [(r["organization"], r["other"], r["events"], split(r["eventNames"])) for r in rows] == [
        ("누리바이오협회", "한빛산업진흥원", 2, {"한빛 창립 10주년 기념식", "협약식"})]
    # Asked for one side, it comes first.
    assert pick(run(handmade_build, "co_participation", org="한빛진흥원"), "organization", "other") == [
        ("한빛산업진흥원", "누리바이오협회")]


def test_entity_everything_known(handmade_build):
    rows = run(handmade_build, "entity", name="누리바이오협회")
    assert pick(rows, "relation", "as", "other", "detail", "article") == [
        ("operates", "org", "바이오 성장 프로그램", None, "a2"),
        ("participatesIn", "agent", "한빛 창립 10주년 기념식", None, "a1"),
        ("participatesIn", "agent", "협약식", None, "a2"),
        ("partnership", "orgs", "한빛산업진흥원", "2023-05-10", "a2"),
    ]
    assert rows[0]["sentence"] == "협회는 바이오 성장 프로그램을 함께 운영한다."
    facts = pick(run(handmade_build, "entity", name="한빛산업재단"), "relation", "as", "other", "article")
    assert ("renamed", "to", "한빛산업재단", "a1") in facts and ("founded", "org", "2014", "a1") in facts
    assert ("holdsPost", "org", "최유리", "a5") in facts and len(facts) == 13


# The sample corpus: expected answers are the gold files' facts


KMEDIHUB = "대구경북첨단의료산업진흥재단"  # the resolved name of 케이메디허브 (its longest name)


@pytest.fixture(scope="module")
def sample(sample_rules_build):
    return sample_rules_build.out


@pytest.mark.slow
def test_sample_partners(sample):
    rows = run(sample, "partners", org="성남산업진흥원")
    assert pick(rows, "partner", "signedOn", "article") == [
        ("가천대학교 산학협력단", None, "s04_kmedihub_mou.txt"),
        ("가천대학교 산학협력단", date(2024, 3, 14), "s05_gachon_mou.txt"),
        (KMEDIHUB, None, "s06_kmedihub_chair.txt"),
        (KMEDIHUB, date(2024, 9, 10), "brief-2025-001"),
        (KMEDIHUB, date(2024, 9, 10), "s04_kmedihub_mou.txt"),
        ("한국바이오협회", None, "s02_anniversary_23.txt"),
        ("한국바이오협회", None, "s04_kmedihub_mou.txt"),
        ("한국바이오협회", date(2023, 10, 17), "s03_biohealth_mou.txt"),
    ]
    assert all(r["sentence"] for r in rows)


@pytest.mark.slow
def test_sample_heads(sample):
    assert pick(run(sample, "heads", org="케이메디허브"), "person", "post", "firstSeen", "lastSeen") == [
        ("양진영", "이사장", date(2024, 9, 12), date(2024, 9, 12)),
        ("박구선", "이사장", date(2025, 1, 22), date(2025, 2, 18)),
    ]
    assert pick(run(sample, "heads", org="성남산업진흥원"), "person", "post", "firstSeen", "lastSeen", "articles") == [
        ("서창범", "원장", date(2018, 7, 5), date(2018, 7, 5), 1),
        ("류해필", "원장", date(2024, 3, 4), date(2024, 9, 12), 5),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("org, post, on, expected", [
    ("케이메디허브", "이사장", "2024-01-01", []),
    ("케이메디허브", "이사장", "2024-12-01", [("양진영", date(2024, 9, 12))]),
    ("케이메디허브", "이사장", "2025-02-01", [("박구선", date(2025, 1, 22))]),
    ("성남산업진흥원", "원장", "2020-01-01", [("서창범", date(2018, 7, 5))]),
    ("성남산업진흥원", "원장", "2024-06-01", [("류해필", date(2024, 5, 13))]),
])
def test_sample_post_holder(sample, org, post, on, expected):
    assert pick(run(sample, "post_holder", org=org, post=post, on=on), "person", "since") == expected


@pytest.mark.slow
def test_sample_programmes(sample):
    assert pick(run(sample, "programmes", org="경인본부"), "operator", "programme", "articles") == [
        ("한국산업단지공단 경인지역본부", "미니클러스터 운영 사업", 1),
        ("한국산업단지공단 경인지역본부", "산업단지 환경개선펀드", 2),
        ("한국산업단지공단 경인지역본부", "스마트공장 보급확산 사업", 2),
    ]
    assert pick(run(sample, "programmes", org="성남산업진흥원"), "programme", "articles") == [
        # 성남특허은행: not in the brief whose companies only "receive its counselling" (no verb of running it)
        ("성남 바이오헬스 기업 성장지원 프로그램", 1), ("성남 의료기기 사업화 지원사업", 1), ("성남특허은행", 3),
        ("중장년기술창업센터", 1), ("창업지원주택", 4), ("킨스타워", 1), ("판교역 창업카페", 4),
    ]


# date -> (names the event goes by in gold, place, organizers, participants)
SAMPLE_EVENTS = [
    ("2018-07-02", {"명칭 변경 선포식"}, "킨스타워 대강당", {"성남산업진흥원"}, {"김윤정", "서창범"}),
    ("2023-10-17", {"협약식", "성남 바이오헬스 산업 생태계 활성화를 위한 업무협약"}, "판교 글로벌R&D센터 세미나실", set(),
     {"류해필", "오승준", "성남산업진흥원", "한국바이오협회"}),
    ("2024-03-07", {"입주 설명회"}, "판교역 창업카페 세미나실", {"성남산업진흥원"}, set()),
    ("2024-03-14", {"협약식"}, "가천대 글로벌캠퍼스 비전타워 대회의실", set(), {"류해필", "윤성호", "성남산업진흥원", "가천대학교 산학협력단"}),
    ("2024-05-09", {"창립 23주년 기념식"}, "킨스타워 대강당", {"성남산업진흥원"}, {"류해필", "정태윤", "한미숙"}),
    ("2024-05-17", {"협약식", "경기 북부 제조업 디지털 전환 협력을 위한 업무협약"}, "TP 본관 대회의실", set(),
     {"최영석", "배정환", "임태준", "경기대진테크노파크", "한국생산기술연구원"}),
    ("2024-06-14", {"2024년 스마트공장 보급확산 사업 설명회"}, "남동비즈니스센터 대회의실", {"한국산업단지공단 경인지역본부"},
     {"중소벤처기업부 스마트제조혁신추진단"}),
    ("2024-09-10", {"협약식", "의료산업 혁신 성장 지원을 위한 업무협약"}, "재단 본부동 대회의실", set(),
     {"양진영", "류해필", KMEDIHUB, "성남산업진흥원"}),
    ("2024-11-01", {"제10회 경인 산업단지 클러스터의 날"}, "남동비즈니스센터 컨벤션홀", {"한국산업단지공단 경인지역본부"},
     {"장윤석", "한승덕", "오경민", "문재성", "정다은"}),
    ("2025-01-20", {"취임식"}, "재단 대강당", set(), {"박구선", "김현우"}),
    ("2025-02-17", {"성남 의료기업 현장 간담회"}, "킨스타워 회의실", {KMEDIHUB}, {"박구선", "이수진"}),
]


@pytest.mark.slow
def test_sample_events(sample):
    rows = run(sample, "events")
    assert [r["date"].isoformat() for r in rows] == [e[0] for e in SAMPLE_EVENTS]
    for row, (_, names, place, organizers, participants) in zip(rows, SAMPLE_EVENTS):
        assert row["event"] in names, row
        assert (row["place"], split(row["organizers"]), split(row["participants"])) == (place, organizers, participants)


@pytest.mark.slow
def test_sample_name_history(sample):
    assert pick(run(sample, "name_history", org="성남산업진흥원"), "relation", "name", "article") == [
        ("former name", "성남산업진흥재단", "s01_rename_2018.txt"),
        ("former name", "성남산업진흥재단", "s02_anniversary_23.txt"),
    ]
    assert pick(run(sample, "name_history", org="케이메디허브"), "relation", "name", "depth") == [
        ("sub-unit", "신약개발지원센터", 1), ("sub-unit", "전임상센터", 1), ("sub-unit", "첨단의료기기개발지원센터", 1)]
    assert pick(run(sample, "name_history", org="가천대"), "relation", "name", "depth") == [
        ("sub-unit", "가천대학교 산학협력단", 1), ("sub-unit", "창업보육센터", 2)]


@pytest.mark.slow
def test_sample_most_connected(sample):
    # Counted from the gold files (kg/data/sample_gold) by hand-written Python, not by SPARQL.
    assert pick(run(sample, "most_connected"), "organization", "connections", "articles") == [
        ("성남산업진흥원", 19, 8), (KMEDIHUB, 10, 3), ("한국산업단지공단 경인지역본부", 7, 2),
        ("가천대학교 산학협력단", 5, 2), ("경기대진테크노파크", 4, 1), ("한국생산기술연구원", 4, 1),
        ("한국바이오협회", 3, 3), ("한국산업단지공단", 2, 2), ("국회 산업통상자원중소벤처기업위원회", 2, 1),
        ("중소벤처기업부", 2, 1), ("중소벤처기업부 스마트제조혁신추진단", 2, 1), ("한국생산기술연구원 융합생산기술연구소", 2, 1),
        ("가천대학교", 1, 2), ("첨단의료기기개발지원센터", 1, 2), ("국회", 1, 1), ("성남시의회", 1, 1),
        ("신약개발지원센터", 1, 1), ("인하대학교", 1, 1), ("전임상센터", 1, 1), ("창업보육센터", 1, 1),
    ]


@pytest.mark.slow
def test_sample_co_participation(sample):
    assert pick(run(sample, "co_participation"), "organization", "other", "events") == [
        ("가천대학교 산학협력단", "성남산업진흥원", 1),
        ("경기대진테크노파크", "한국생산기술연구원", 1),
        (KMEDIHUB, "성남산업진흥원", 1),
        ("성남산업진흥원", "한국바이오협회", 1),
        ("중소벤처기업부 스마트제조혁신추진단", "한국산업단지공단 경인지역본부", 1),
    ]


@pytest.mark.slow
def test_sample_entity(sample):
    rows = run(sample, "entity", name="가천대학교 산학협력단")
    assert set(pick(rows, "relation", "as", "other", "detail", "article")) == {
        ("holdsPost", "org", "윤성호", "단장", "s05_gachon_mou.txt"),
        ("participatesIn", "agent", "협약식", None, "s05_gachon_mou.txt"),
        ("partnership", "orgs", "성남산업진흥원", "2024-03-14", "s05_gachon_mou.txt"),
        ("partnership", "orgs", "성남산업진흥원", None, "s04_kmedihub_mou.txt"),
        ("subOrganizationOf", "child", "가천대학교", None, "s04_kmedihub_mou.txt"),
        ("subOrganizationOf", "child", "가천대학교", None, "s05_gachon_mou.txt"),
        ("subOrganizationOf", "parent", "창업보육센터", None, "s05_gachon_mou.txt"),
    }


def test_every_saved_query_is_documented():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Saved queries", 1)[1].split("\n## ", 1)[0]
    for name in saved_queries():
        assert f"| `{name}` |" in section, f"README's saved-query table lacks {name}"

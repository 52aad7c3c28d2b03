"""The trained layer: candidates, features, training, model folders, cross-validation, `kg train`."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from kg.errors import UsageError
from kg.extract import extract
from kg.extract.annotations import to_annotation
from kg.extract.features import Context, Gazetteer, mention_features
from kg.extract.accept import (
    CLASSES, LISTED_THRESHOLD, _after_lead_time, _common_word, _cut_from_title, _with_title, accepted_mentions, listed_with,
    place_parts,
)
from kg.extract.model import EARLY_STOP_MARGIN, candidate_rows, load_model, to_matrix
from kg.nlp.mentions import Mention
from kg.ingest.read import read_sources, sample_corpus, sample_gold
from kg.nlp.candidates import candidate_spans
from kg.nlp.tokenizer import analyze
from kg.records import Article
from kg.text import normalize
from kg.train import fit, load_config, load_examples, save_model, story_folds

# Small and fast: the sample corpus has 11 articles.
FAST = {"n_estimators": 30, "min_child_samples": 2}


def _config(**mentions) -> dict:
    config = load_config()
    config["lightgbm"].update(FAST)
    config["mentions"].update(min_feature_count=1, **mentions)
    return config


@pytest.fixture(scope="module")
def sample_examples():
    return load_examples([sample_gold()], [sample_corpus()])


@pytest.mark.parametrize("text, name", [
    ("윤한결 인천경제자유구역청장은 이날 투자 설명회를 열었다.", "인천경제자유구역청"),  # a title glued to the name
    ("류해필 성남산업진흥원장이 참석했다.", "성남산업진흥원"),
    ("박서준 대전시장이 참석했다.", "대전시"),
    ("광주·전남·전북 등 3개 시·도가 협의했다.", "광주"),  # parts joined by middle dots
    ("광주·전남·전북 등 3개 시·도가 협의했다.", "전남"),
    ("광주·전남·전북 등 3개 시·도가 협의했다.", "전북"),
    ("한국산업단지공단 경인지역본부는 4일 밝혔다.", "한국산업단지공단 경인지역본부"),  # a run of words
    ("한국산업단지공단 경인지역본부는 4일 밝혔다.", "경인지역본부"),
    ("재단은 ‘지역 바이오 창업 지원 사업’을 시작했다.", "지역 바이오 창업 지원 사업"),  # quoted
    ("케이메디허브(대구경북첨단의료산업진흥재단)는 밝혔다.", "대구경북첨단의료산업진흥재단"),  # in parentheses
])
def test_candidates_include_the_name(text, name):
    morphs, _ = analyze(text)
    assert name in {text[s:e] for s, e in candidate_spans(text, morphs)}


@pytest.mark.parametrize("text, name", [("기업들의 세계시장 선점을 돕는다.", "세계시"), ("해외시장 진출을 돕는다.", "해외시")])
def test_a_market_is_no_city_with_its_mayor(text, name):
    morphs, _ = analyze(text)
    assert name not in {text[s:e] for s, e in candidate_spans(text, morphs)}


@pytest.mark.parametrize("text, parts", [
    ("수원 매탄동 누리컨벤션홀", ["수원", "매탄동", "누리컨벤션홀"]),  # districts before a venue: places of their own
    ("제주시 구좌읍", ["제주시", "구좌읍"]),  # a run of districts: one place each
    ("성남 벤처촉진지구", ["성남 벤처촉진지구"]),  # a zone is no 구
    ("판교 킨스타워", ["판교 킨스타워"]),  # a neighbourhood stays in the venue's name
    ("누리‧한빛‧가람지구", ["누리", "한빛", "가람지구"]),  # an elliptical list: each a place
    ("누리·한빛·가람구청", ["누리", "한빛", "가람구청"]),
    ("누리·한빛벤처파크", ["누리·한빛벤처파크"]),  # one name with a dot in it
])
def test_a_place_is_cut_at_its_districts(text, parts):
    found = place_parts(Mention(5, 5 + len(text), "Place", text))
    assert [m.text for m in found] == parts
    assert all(("x" * 5 + text)[m.start:m.end] == m.text for m in found)


@pytest.mark.parametrize("text, parts", [
    ("누리 과학산업단지", ["누리 과학산업단지"]),  # common nouns name no site alone
    ("삼척 LNG 기지", ["삼척 LNG 기지"]),
    ("안산 반월국가산업단지", ["안산", "반월국가산업단지"]),  # a name of its own
    ("서울 양재동 교육문화회관", ["서울", "양재동", "교육문화회관"]),  # a venue
])
def test_one_district_before_a_site_of_common_nouns_stays_in_its_name(text, parts):
    morphs, _ = analyze(text)
    found = place_parts(Mention(0, len(text), "Place", text), Context(text, morphs, [0], []))
    assert [m.text for m in found] == parts


@pytest.mark.parametrize("text, word, common", [
    ("지역 소재산업 육성, 해외 개척", "육성", True),  # a common noun of Kiwi's dictionary
    ("누리대 최고봉 교수가 발표했다.", "최고봉", True),  # a dictionary word, even before a title
    ("그는 최연소 원장이다.", "최연소", True),  # a prefix and a dictionary noun: 최/XPN 연소
    ("누리TP 도해솔 원장은 말했다.", "도해솔", False),  # a name Kiwi guessed (an out-of-vocabulary NNG) before a title
])
def test_a_common_noun_is_no_name(text, word, common):
    morphs, _ = analyze(text)
    start = text.index(word)
    assert _common_word(Context(text, morphs, [0], []), start, start + len(word)) == common


def test_a_doubted_name_listed_beside_an_accepted_one_of_its_type_is_kept():
    text = "한빛경제자유구역청·누리경제자유구역청과 가온정밀은 협약을 맺었다."
    morphs, _ = analyze(text)
    ctx = Context(text, morphs, [0], [])
    first, second = (text.index(n) for n in ("한빛경제자유구역청", "누리경제자유구역청"))
    spans = [(second, second + 9), (text.index("가온정밀"), text.index("가온정밀") + 4), (text.index("협약"), text.index("협약") + 2)]
    probs = np.zeros((3, len(CLASSES)))
    probs[:, 0] = 0.8
    probs[:, CLASSES.index("Organization")] = LISTED_THRESHOLD + 0.01
    accepted = [Mention(first, first + 9, "Organization", text[first:first + 9])]
    kept = [m.text for _, m in listed_with(ctx, spans, probs, accepted)]
    assert kept == ["누리경제자유구역청"]  # 가온정밀 is listed with no accepted name; 협약 with none at all
    probs[0, CLASSES.index("Organization")] = LISTED_THRESHOLD - 0.01
    assert not listed_with(ctx, spans, probs, accepted)


def _accepted_alone(text: str, span: str, kind: str) -> list[Mention]:
    """What ``accepted_mentions`` keeps of the one candidate ``span`` of ``text``, scored 0.9 ``kind`` by the model."""
    morphs, _ = analyze(text)
    start = text.index(span)
    probs = np.zeros((1, len(CLASSES)))
    probs[0, CLASSES.index(kind)] = 0.9
    return accepted_mentions(Context(text, morphs, [0], []), [(start, start + len(span))], probs, 0.5, 0.15, True)


@pytest.mark.parametrize("span, kept", [("협력이 오래 갈 수 있게 힘쓸 계획", False), ("협력 강화 계획", True)])
def test_a_clause_ending_in_a_name_s_head_word_is_no_name(span, kept):
    found = _accepted_alone(f"두 기관은 {span}이다.", span, "Program")
    assert [m.text for m in found] == ([span] if kept else [])


@pytest.mark.parametrize("text, kept", [
    ("[가온일보 김하늘 기자] 한빛공단이 협약을 맺었다.", False),  # the byline
    ("한빛공단이 협약을 맺었다.<가온일보>", False),  # the credit line
    ("한빛공단이 주최하고 가온일보가 후원한다.", True),  # a sponsor
])
def test_the_outlet_of_a_byline_or_credit_line_is_no_name(text, kept):
    found = _accepted_alone(text, "가온일보", "Organization")
    assert [m.text for m in found] == (["가온일보"] if kept else [])


@pytest.mark.parametrize("kind", ["Organization", "Place"])
def test_a_council_member_s_electoral_district_is_no_name(kind):
    text = "김하늘(누리당, 한빛2) 의원이 참석했다."
    assert _accepted_alone(text, "한빛2", kind) == []
    party, seat = text.index("누리당"), text.index("한빛2")
    probs = np.zeros((1, len(CLASSES)))
    probs[0, 0], probs[0, CLASSES.index(kind)] = 0.6, 0.4
    accepted = [Mention(party, party + 3, kind, "누리당")]  # listed beside an accepted name, doubted
    assert not listed_with(Context(text, analyze(text)[0], [0], []), [(seat, seat + 3)], probs, accepted)


@pytest.mark.parametrize("name, kind", [("가온 정보교류회", "Event"), ("정기회", "Event"), ("가온이사회", "Organization")])
def test_a_meeting_the_model_reads_as_a_body_is_an_event(name, kind):
    found = _accepted_alone(f"한빛공단은 지난달 {name}를 열었다.", name, "Organization")
    assert [(m.text, m.type) for m in found] == [(name, kind)]


def test_two_bodies_joined_by_a_hyphen_are_two_names():
    found = _accepted_alone("한빛TP-가온진흥원, 인재 교류 MOU", "한빛TP-가온진흥원", "Organization")
    assert [(m.text, m.start) for m in found] == [("한빛TP", 0), ("가온진흥원", 5)]


@pytest.mark.parametrize("span, names", [
    ("한빛·가온시산업진흥원", [("한빛산업진흥원", "한빛"), ("가온시산업진흥원", "가온시산업진흥원")]),
    ("누리·한빛TP", [("누리TP", "누리"), ("한빛TP", "한빛TP")]),
    ("누리·한빛경제자유구역청", [("누리·한빛경제자유구역청", "누리·한빛경제자유구역청")]),  # one body of two cities
])
def test_two_bodies_listed_before_the_kind_they_share_are_two_names(span, names):
    text = f"{span}과 가람상공회의소는 협약을 맺었다."
    found = _accepted_alone(text, span, "Organization")
    assert [(m.text, text[m.start:m.end], m.type) for m in found] == [(n, s, "Organization") for n, s in names]


def test_two_bodies_before_their_shared_kind_are_kept_when_the_rules_name_them_and_the_model_doubts():
    text, span = "한빛·가온시산업진흥원과 가람상공회의소는 협약을 맺었다.", "한빛·가온시산업진흥원"
    morphs, _ = analyze(text)
    start, end = text.index(span), text.index(span) + len(span)
    probs = np.zeros((1, len(CLASSES)))
    probs[0, 0], probs[0, CLASSES.index("Organization")] = 0.95, 0.05
    ctx = Context(text, morphs, [0], [Mention(start, end, "Organization", span)])
    found = accepted_mentions(ctx, [(start, end)], probs, 0.5, 0.15, True)
    assert [m.text for m in found] == ["한빛산업진흥원", "가온시산업진흥원"]


@pytest.mark.parametrize("span, parts", [
    ("누리시 한빛구 가온동 누리디지털진흥원", [("누리시", "Place"), ("한빛구", "Place"), ("가온동", "Place"),
                                       ("누리디지털진흥원", "Organization")]),
    ("누리 창조경제혁신센터", [("누리 창조경제혁신센터", "Organization")]),  # one place may lead a body's name
])
def test_an_address_before_a_body_is_no_part_of_its_name(span, parts):
    found = _accepted_alone(f"새 센터가 {span} 내에 들어선다.", span, "Organization")
    assert [(m.text, m.type) for m in found] == parts


def test_a_doubted_province_right_before_an_accepted_place_is_kept():
    text = "누리공사는 경남 창원으로 옮긴다."
    morphs, _ = analyze(text)
    probs = np.zeros((1, len(CLASSES)))
    probs[0, 0], probs[0, CLASSES.index("Place")] = 0.85, LISTED_THRESHOLD + 0.01
    city = text.index("창원")
    kept = listed_with(Context(text, morphs, [0], []), [(city - 3, city - 1)], probs, [Mention(city, city + 2, "Place", "창원")])
    assert [(m.text, m.type) for _, m in kept] == [("경남", "Place")]


@pytest.mark.parametrize("text, kept", [
    ("사출 금형 업체인 가온정밀과 협약을 맺었다.", ["가온정밀"]),  # a company introduced by its kind
    ("누리시는 가온정밀과 협약을 맺었다.", []),
])
def test_a_doubted_company_introduced_by_its_kind_is_kept(text, kept):
    morphs, _ = analyze(text)
    probs = np.zeros((1, len(CLASSES)))
    probs[0, 0], probs[0, CLASSES.index("Organization")] = 0.85, LISTED_THRESHOLD + 0.01
    start = text.index("가온정밀")
    found = listed_with(Context(text, morphs, [0], []), [(start, start + 4)], probs, [])
    assert [m.text for _, m in found] == kept


@pytest.mark.parametrize("text, name, cut", [
    ("박하늘 수원부시장이 인사했다.", "수원부시", True),  # 수원 + 부시장
    ("수원시장이 인사했다.", "수원시", False),
    ("한빛진흥원장은 인사했다.", "한빛진흥원", False),
])
def test_a_name_the_title_split_reads_otherwise_is_no_name(text, name, cut):
    start = text.index(name)
    assert _cut_from_title(text, start, start + len(name)) is cut


@pytest.mark.parametrize("text", [
    "성남시와 성남산업진흥원은 9일 판교 킨스타워 대강당에서 ‘2024 성남 산업 포럼’을 열었다.",
    "행사 이름은 ‘ 누리 산업 포럼 ’이고, 주관 기관(누리진흥원, 한빛재단, )이 함께 열었다.",  # spaces and a comma inside
])
def test_candidates_do_not_start_or_end_in_space_or_a_comma(text):
    morphs, _ = analyze(text)
    spans = candidate_spans(text, morphs)
    assert spans
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and e - s >= 2
        assert text[s] not in "·ㆍ・," and text[e - 1] not in "·ㆍ・,"


def test_gazetteer_leaves_the_article_own_share_out():
    gaz = Gazetteer(seen={"성남시": 3}, types={"성남시": {"Place": 2}})
    assert gaz.features("성남시")["gz_Place"] == pytest.approx(1.0986, abs=1e-3)  # log1p(2)
    own = gaz.features("성남시", own_type="Place", own_seen=True)
    assert own["gz_Place"] == pytest.approx(0.6931, abs=1e-3) and own["gz_ratio"] == 0.5
    assert gaz.features("성남시", own_type="Place", own_seen=True) != gaz.features("성남시")
    assert Gazetteer(seen={"x": 1}, types={"x": {"Place": 1}}).features("x", own_type="Place", own_seen=True) == {}
    assert gaz.features("판교") == {}


def test_training_is_deterministic_and_a_folder_round_trips(sample_examples, tmp_path):
    config = _config()
    a = save_model(fit(sample_examples, config), tmp_path / "a")
    b = save_model(fit(sample_examples, config), tmp_path / "b")
    for name in ("model.json", "mentions.txt"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    model = load_model(a)
    article = sample_examples[0].article
    assert to_annotation(extract(article, model)) == to_annotation(extract(article, load_model(b)))


def test_what_a_model_learns_changes_what_it_extracts(sample_examples, tmp_path):
    """Relabel one organization as a programme in the gold: a model trained on that gold says so."""
    def names(ent) -> list[str]:
        return [ent["name"], *ent.get("aliases", [])]

    target = next(e for e in sample_examples if any("케이메디허브" in names(x) for x in e.gold["entities"]))
    before = save_model(fit(sample_examples, _config()), tmp_path / "before")
    relabelled = []
    for ex in sample_examples:
        gold = json.loads(json.dumps(ex.gold))
        for ent in gold["entities"]:
            if "케이메디허브" in names(ent):
                ent["type"] = "Program"
        relabelled.append(type(ex)(ex.article, gold, ex.morphs, ex.sent_starts, ex.rule_mentions, ex.story))
    after = save_model(fit(relabelled, _config()), tmp_path / "after")

    def types_of(model_dir) -> set[str]:
        ann = to_annotation(extract(target.article, load_model(model_dir)))
        return {e["type"] for e in ann["entities"] if "케이메디허브" in names(e)}

    assert "Organization" in types_of(before) and "Program" not in types_of(before)
    assert "Program" in types_of(after)


def test_story_folds_keep_a_story_together(sample_examples):
    stories = [e.story for e in sample_examples]
    for k in (2, 3):
        folds = story_folds(sample_examples, k)
        assert set(folds) == set(range(k))
        assert all(len({f for f, s in zip(folds, stories) if s == story}) == 1 for story in stories)
        assert folds == story_folds(list(sample_examples), k)


def test_not_a_model_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="not a kg model folder"):
        load_model(tmp_path)


def test_a_model_of_another_format_is_refused(sample_examples, tmp_path):
    folder = save_model(fit(sample_examples, _config()), tmp_path / "m")
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta["features_version"] = -1
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(UsageError, match="retrain"):
        load_model(folder)


def test_gold_without_its_article_is_a_usage_error(tmp_path):
    shutil.copytree(sample_gold(), tmp_path / "gold")
    (tmp_path / "gold" / "zz_missing.json").write_text(json.dumps({"doc": "zz_missing.txt", "entities": []}))
    with pytest.raises(UsageError, match="annotate no article"):
        load_examples([tmp_path / "gold"], [sample_corpus()])


def test_the_shipped_model_loads_and_is_used_by_default():
    model = load_model()
    assert model.meta["trained_on"]["articles"] >= 150
    source = next(s for s in read_sources([sample_corpus()]) if s.id.startswith("s04"))
    from kg.ingest.body import find_body

    ann = to_annotation(extract(find_body(source), model))
    assert any("케이메디허브" in [e["name"], *e.get("aliases", [])] and e["type"] == "Organization" for e in ann["entities"])


@pytest.mark.parametrize("text", [
    "【한빛일보 이수진 기자】 | 누리경제자유구역청이 15일 협약을 맺었다. 박도윤 청장은 기업을 돕겠다고 말했다.",
    "(누리경제 문서연 기자) 누리개발센터는 2일 설명회를 열었다. 박도윤 센터장은 기업을 돕겠다고 말했다.",
    "누리진흥원은 20일 설명회를 열었다. 박도윤 원장은 기업을 돕겠다고 말했다. 최현우 기자 chw@nuri.co.kr",
])
def test_the_article_s_reporter_is_no_person_of_its_story(text):
    names = {e.name for e in extract(Article("t", "t", text), load_model()).entities if e.type == "Person"}
    assert names == {"박도윤"}


@pytest.mark.parametrize("name, titled", [
    ("충남도지사", True), ("인천시의원", True), ("누리진흥원장", True),  # a post, whose organization the posts name
    ("누리한의원", False), ("안산병원", False), ("누리테크노파크", False), ("누리시", False),
])
def test_a_name_with_a_post_title_glued_on_is_no_name(name, titled):
    assert _with_title(name) is titled


@pytest.mark.parametrize("text, name", [
    ("11월1일 누리관 대강당", "누리관 대강당"), ("6일 오전 누리센터", "누리센터"), ("오후 누리센터", "누리센터"),
    ("후 누리 수소 실증사업", "누리 수소 실증사업"),  # 조사를 마친 후 …: after, not a word of the name
    ("2014년 특구 설명회", "2014년 특구 설명회"),  # a year is part of a programme's or event's name
    ("누리관", "누리관"),
])
def test_a_day_before_a_name_is_none_of_it(text, name):
    assert text[_after_lead_time(text, 0, len(text)):] == name


def test_a_unit_written_after_its_organization_is_named_with_it():
    x = extract(Article("t", "t", "박도윤 누리대학교 한빛병원 원장은 기업을 돕겠다고 말했다."), load_model())
    assert {e.name for e in x.entities if e.type == "Organization"} == {"누리대학교 한빛병원", "누리대학교"}


def test_a_chamber_s_district_office_is_named_with_it_and_its_own_name_refers_back():
    text = ("누리경제청은 15일 서울상공회의소 한빛구상공회와 투자 유치 협약을 맺었다. "
            "이날 박하늘 한빛구상공회 회장과 회원사 대표들이 참석했다.")
    orgs = {e.name: e.aliases for e in extract(Article("t", "t", text), load_model()).entities if e.type == "Organization"}
    assert orgs.get("서울상공회의소 한빛구상공회") == ("한빛구상공회",) and "한빛구상공회" not in orgs


def test_the_shortening_of_a_body_before_a_title_is_that_body_not_its_head():
    text = "한빛시장진흥공단은 센터를 옮겼다고 밝혔다. 김하늘 한진공 이사장은 기업을 돕겠다고 말했다."
    x = extract(Article("t", "t", text), load_model())
    names = {e.key: e.name for e in x.entities}
    assert [(names[r.args["person"]], names[r.args["org"]]) for r in x.relations if r.type == "holdsPost"] \
        == [("김하늘", "한빛시장진흥공단")]


def test_a_site_s_kind_after_its_place_is_named_with_it_and_takes_its_other_name():
    text = "누리부는 올해 하반기 판교 도시첨단산단(누리창조밸리)에 새 센터를 연다."
    places = {e.name: e.aliases for e in extract(Article("t", "t", text), load_model()).entities if e.type == "Place"}
    assert places.get("판교 도시첨단산단") == ("누리창조밸리",)


def test_a_department_after_its_university_is_named_with_it_even_when_the_model_leaves_it_out():
    x = extract(Article("t", "t", "박서준 회장은 누리대학교 전자공학과 박사학위를 받았다."), load_model())
    assert "누리대학교 전자공학과" in {e.name for e in x.entities if e.type == "Organization"}


def test_a_kind_of_institution_is_no_organization():
    text = "누리시에는 종합병원 세 곳과 연구중심병원이 있다."
    names = {e.name for e in extract(Article("t", "t", text), load_model()).entities}
    assert not names & {"종합병원", "연구중심병원"}


def test_the_parts_of_a_candidate_make_its_features(sample_examples):
    # Training gets each candidate's features as the union of parts cached per string, start and end.
    for example in sample_examples[:3]:
        ctx = example.context()
        rows = candidate_rows(ctx)
        assert len(rows) > 100
        for (start, end), features in rows:
            assert features == mention_features(ctx, start, end)


def test_a_name_kiwi_guessed_has_features_a_dictionary_word_has_not():
    text = "누리TP 도해솔 원장은 당연직 이사를 만났다."
    morphs, starts = analyze(text)
    ctx = Context(text, morphs, starts, [])
    features = {word: mention_features(ctx, text.index(word), text.index(word) + len(word)) for word in ("도해솔", "당연직")}
    assert features["도해솔"]["oov"] == 1 and features["도해솔"]["oov_last"] == 1
    assert "oov" not in features["당연직"] and "oov_last" not in features["당연직"]


def test_probabilities_are_the_booster_on_every_candidate_s_full_row(sample_examples):
    # Prediction encodes parts once, reads only the columns the trees split on and keeps the rows it
    # predicted: all of it gives, bit for bit, what the booster gives on each candidate's full row.
    model = load_model().mentions
    for example in sample_examples:
        ctx = example.context()
        rows = candidate_rows(ctx)
        full = [{**f, **model.gazetteer.features(normalize(ctx.text[s:e]))} for (s, e), f in rows]
        expected = model.booster.predict(to_matrix(full, model.columns), num_threads=1, pred_early_stop=True,
                                         pred_early_stop_freq=5, pred_early_stop_margin=EARLY_STOP_MARGIN)
        for _ in range(2):  # the second time from the rows kept
            assert np.array_equal(model.probabilities(ctx, [span for span, _ in rows]), expected)


@pytest.mark.slow
def test_the_shipped_model_on_the_sample_gold(sample_build):
    # The sample's gold is among what the shipped model was trained on: it must have learned it.
    from kg.evaluate import evaluate

    scores = evaluate(sample_gold(), sample_build.out / "annotations")
    assert scores.entities.f1 >= 0.90 and scores.relations.f1 >= 0.75, (scores.entities.f1, scores.relations.f1)


def test_a_model_folder_is_replaced_whole_and_other_folders_are_refused(sample_examples, tmp_path):
    model = fit(sample_examples, _config())
    first = save_model(model, tmp_path / "m")
    (first / "model.json").write_text("{}", encoding="utf-8")  # an old model, to be replaced
    save_model(model, first)
    assert json.loads((first / "model.json").read_text(encoding="utf-8"))["format"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]  # no staging folder left behind
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("내 메모", encoding="utf-8")
    with pytest.raises(UsageError, match="not a model folder"):
        save_model(model, tmp_path / "notes")
    assert (tmp_path / "notes" / "mine.txt").read_text(encoding="utf-8") == "내 메모"


def test_a_feature_row_makes_the_same_matrix_whatever_the_order_of_its_features():
    """A row's features come in set order, which string hashing changes per process; LightGBM learns
    another model from another order within a row (one fold in three, before the columns were sorted)."""
    columns = {"a": 0, "b": 1, "c": 2}
    one = to_matrix([{"c": 1.0, "a": 2.0}, {"b": 3.0, "c": 0.5, "a": 1.0}], columns)
    other = to_matrix([{"a": 2.0, "c": 1.0}, {"a": 1.0, "c": 0.5, "b": 3.0}], columns)
    assert one.has_sorted_indices
    assert one.indices.tolist() == other.indices.tolist() == [0, 2, 0, 1, 2]
    assert one.data.tolist() == other.data.tolist() == [2.0, 1.0, 1.0, 3.0, 0.5]

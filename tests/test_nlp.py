"""The Kiwi tokenizer under spaCy: exact text and offsets, particles, tags, sentences, pickling."""

from __future__ import annotations

import pickle

import pytest

from kg.nlp.language import make_nlp, parse
from kg.nlp.tokenizer import KiwiTokenizer, analyze, common_nouns, morphs_of, tokens

TEXTS = [
    "한빛산업진흥원은 지난 12일 창립 기념식을 열었다.",
    "첫 줄입니다.\n\n둘째 줄에는  공백이 두 번 있다.",
    "누리시청\xa0대회의실에서 행사가 열렸다.",
    "자세한 내용은 example.com에서 볼 수 있다.",
    "  앞뒤 공백이 있는 문장이다.  \n",
    "이는 오랜 투자의 결과라고 평가했다.",
    "(김하늘 박사. 누리생산기술연구원) 등이 발표했다.",
    "‘한빛 창업카페’를 운영한다…",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_doc_text_equals_input_and_offsets_are_exact(text):
    doc = parse(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text


@pytest.mark.parametrize(
    "text, particle",
    [
        ("한빛산업진흥원은 발표했다.", "은"),
        ("누리바이오협회와 협약했다.", "와"),
        ("한빛시가 나섰다.", "가"),
        ("‘한빛특허은행’을 세웠다.", "을"),
        ("한빛산업진흥원(원장 박서준)이 밝혔다.", "이"),
    ],
)
def test_particles_are_tokens_with_kiwi_tags(text, particle):
    doc = parse(text)
    hits = [t for t in doc if t.text == particle]
    assert hits, [t.text for t in doc]
    assert hits[0].tag_.startswith("J")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("누리\n\n한빛", ["누리", "\n\n", "한빛"]),
        ("누리  한빛", ["누리", " ", "한빛"]),
        ("누리\xa0한빛", ["누리", "\xa0", "한빛"]),
    ],
)
def test_whitespace_other_than_one_space_becomes_tokens(text, expected):
    words, spaces, tags = tokens(text, analyze(text)[0])
    assert words == expected
    assert "_SP" in tags


def test_latin_words_with_dots_stay_whole():
    doc = parse("자료는 heraldcorp.com에 있다.")
    assert "heraldcorp.com" in [t.text for t in doc]


def test_user_dictionary_keeps_abbreviations_whole():
    doc = parse("산단공 경인본부는 사업을 확대한다.")
    assert doc[0].text == "산단공"
    assert doc[0].tag_ == "NNP"


def test_morphemes_kept_in_user_data():
    doc = parse("한빛시 원장이 말했다.")
    morphs = {(doc.text[m.start:m.end], m.tag) for m in morphs_of(doc)}
    assert ("원장", "NNG") in morphs
    assert ("이", "JKS") in morphs


@pytest.mark.parametrize(
    "text, count",
    [
        ("첫 문장이다. 둘째 문장이다.", 2),
        ("제목 줄\n본문 문장이다.", 2),
        ("발표(김하늘 박사. 누리생산기술연구원)가 이어졌다.", 1),
    ],
)
def test_sentences_split_by_line_and_kiwi_but_not_inside_parentheses(text, count):
    assert len(list(parse(text).sents)) == count


@pytest.mark.parametrize("text, nouns, guessed", [
    ("당연직 이사로 임명했다.", {"당연직", "이사", "임명"}, set()),
    ("그는 최연소 원장이다.", {"최연소", "연소", "원장"}, set()),  # 최/XPN 연소: a prefixed noun
    ("누리TP 도해솔 원장은 말했다.", {"원장"}, {"도해솔"}),  # a name Kiwi does not know: a guess, no noun
])
def test_common_nouns_are_dictionary_words_not_guesses(text, nouns, guessed):
    morphs, _ = analyze(text)
    assert nouns <= common_nouns(text, morphs)
    assert not guessed & common_nouns(text, morphs)
    assert guessed == {m.form for m in morphs if m.oov}


def test_tokenizer_pickles_and_still_tokenizes():
    nlp = make_nlp()
    clone = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert isinstance(clone, KiwiTokenizer)
    assert clone("한빛시는 밝혔다.").text == "한빛시는 밝혔다."


def test_pipeline_registers_mentions_component():
    nlp = make_nlp()
    assert "kg_mentions" in nlp.pipe_names
    doc = nlp("한빛산업진흥원은 수원시에서 행사를 열었다.")
    labels = {(s.text, s.label_) for s in doc.spans["kg_mentions"]}
    assert ("한빛산업진흥원", "Organization") in labels
    assert ("수원시", "Place") in labels


def test_pipe_matches_single_calls():
    nlp = make_nlp()
    texts = ["한빛시가 밝혔다.", "누리재단은 설립됐다."]
    assert [d.text for d in nlp.pipe(texts)] == texts


def test_doc_user_data_survives_serialization():
    from spacy.tokens import Doc

    from kg.nlp.mentions import mentions_of

    doc = parse("한빛산업진흥원은 수원시에서 행사를 열었다.")
    clone = Doc(doc.vocab).from_bytes(doc.to_bytes())
    assert morphs_of(clone) == morphs_of(doc)
    assert [m.text for m in mentions_of(clone)] == ["한빛산업진흥원", "수원시"]


@pytest.mark.parametrize(
    "text, company",
    [("수원시는 ㈜누리바이오는 공장을 지었다.", "㈜누리바이오"), ("공사는 ㈜한빛엔지니어링이 맡는다.", "㈜한빛엔지니어링"),
     ("한빛(주)와 협약을 맺었다.", "한빛(주)")],
)
def test_a_company_with_its_corporate_form_leaves_the_particle_out(text, company):
    from kg.nlp.mentions import mentions_of

    assert company in [m.text for m in mentions_of(parse(text)) if m.type == "Organization"]


@pytest.mark.parametrize("text, company", [
    ("협약 기업 중 ㈜누리화학이, 한빛정공㈜, 가람정밀㈜ 등 3곳은 부품 업체다.", "㈜누리화학이"),  # another item follows
    ("협약 기업 중 한빛정공㈜, 가람정밀㈜, ㈜누리화학이 부품 업체다.", "㈜누리화학"),  # the last item's subject
    ("협약 기업 중 ㈜누리화학이, 올해 공장을 짓는다.", "㈜누리화학"),  # no list after the comma
])
def test_a_listed_company_keeps_its_final_i_unless_it_ends_the_list(text, company):
    from kg.nlp.mentions import mentions_of

    found = [m.text for m in mentions_of(parse(text)) if m.type == "Organization" and "누리화학" in m.text]
    assert found == [company]


def test_the_chains_kept_for_the_last_article_never_serve_another_analysis():
    from kg.nlp.chains import chains, pieces, text_chains

    text = "한빛산업진흥원은 수원시에서 행사를 열었다."
    morphs, _ = analyze(text)
    retagged = [m._replace(tag="VV") if i == 0 else m for i, m in enumerate(morphs)]  # same text, other morphemes
    first = text_chains(text, morphs)
    assert first == chains(text, pieces(text, morphs))
    assert text_chains(text, morphs) is first  # kept
    assert text_chains(text, retagged) == chains(text, pieces(text, retagged)) != first
    other = "누리재단은 설립됐다."
    assert text_chains(other, analyze(other)[0]) == chains(other, pieces(other, analyze(other)[0]))


@pytest.mark.parametrize(
    "text, sitting",
    [("누리테크노파크는 제64차 누리TP 이사회에서 원장을 뽑았다.", "제64차 누리TP 이사회"),
     ("한빛협회는 제3회 정기총회에서 회장을 뽑았다.", "제3회 정기총회"),
     ("누리부는 제34차 누리특구위원회에서 안건을 의결했다.", "제34차 누리특구위원회")],
)
def test_a_numbered_sitting_of_a_body_is_an_event(text, sitting):
    from kg.nlp.mentions import mentions_of

    assert sitting in [m.text for m in mentions_of(parse(text)) if m.type == "Event"]


def test_reading_without_a_doc_matches_the_pipeline():
    # extraction and training read the text through kg.nlp.reading, not through a spaCy Doc
    from kg.ingest.body import find_body
    from kg.ingest.read import read_sources, sample_corpus
    from kg.nlp.mentions import mentions_of
    from kg.nlp.reading import read
    from kg.records import Source

    bodies = [find_body(s).text for s in read_sources([sample_corpus()]) if isinstance(s, Source)]
    for text in [*TEXTS, *bodies]:
        doc = parse(text)
        reading = read(text)
        assert reading.morphs == morphs_of(doc)
        assert reading.sent_starts == doc.user_data["sent_starts"]
        assert reading.mentions == mentions_of(doc)

"""Finding the article body, title, date and publisher in page dumps and HTML.

The pages here are written by us; the shared corpus is read at run time only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date

import pytest

from kg.ingest.body import find_body
from kg.ingest.header import find_title
from kg.ingest.html import html_to_text
from kg.ingest.page import clean_caption, is_caption, repeats, strip_dateline
from kg.ingest.read import read_file
from kg.records import Source

PAGE = """\
본문 바로가기
전체메뉴
정치   경제   사회   지역   문화   포토
로그인  회원가입
홈 > 지역 > 경기
한빛산업진흥원, 개원 10주년 맞아 '기업 동반자' 선언
한빛산업진흥원, 개원 10주년 맞아 '기업 동반자' 선언
임직원·입주기업 120명 참석…장기근속 직원 표창
노출승인 2024년 03월 15일 10:20
김하늘 기자 | sky@hanbit.example.kr
▲ 박서준 원장이 지난 12일 한빛타워 대강당에서 기념사를 하고 있다. (사진=한빛산업진흥원 제공)
(경기=한빛일보) 김하늘 기자 = 한빛산업진흥원(원장 박서준)은 지난 12일 한빛타워 대강당에서 개원 10주년 기념식을 열었다고 15일 밝혔다.
이날 행사에는 최유리 한빛시 부시장과 임직원, 입주기업 대표 등 120여 명이 참석해 지난 10년을 돌아봤다.
▲ (왼쪽부터)최유리 한빛시 부시장, 박서준 원장, 오지훈 노조위원장 (사진=한빛산업진흥원 제공)
새 비전 발표
진흥원은 이 자리에서 '기업이 먼저 찾는 동반자'라는 새 비전을 발표하고 입주 공간을 두 배로 늘리겠다고 밝혔다.
박서준 원장은 "지역 기업과 함께 성장하는 기관이 되겠다"고 말했다.
저작권자 © 한빛일보 무단전재 및 재배포 금지
관련기사
· [2024.03.11] 다른진흥원, 창업기업 모집 설명회 열어
다른재단은 지난 8일 새 이사장 취임식을 열고 기업 지원 확대 계획을 내놓았다고 밝혔다.
한빛일보 | 발행인 : 오세진 | 등록번호 : 경기 아 51234 | 등록일 : 2015.03.02
"""

EXPECTED_LINES = [
    "한빛산업진흥원, 개원 10주년 맞아 '기업 동반자' 선언",
    "임직원·입주기업 120명 참석…장기근속 직원 표창",
    "한빛산업진흥원(원장 박서준)은 지난 12일 한빛타워 대강당에서 개원 10주년 기념식을 열었다고 15일 밝혔다.",
    "이날 행사에는 최유리 한빛시 부시장과 임직원, 입주기업 대표 등 120여 명이 참석해 지난 10년을 돌아봤다.",
    "(왼쪽부터)최유리 한빛시 부시장, 박서준 원장, 오지훈 노조위원장",
    "새 비전 발표",
    "진흥원은 이 자리에서 '기업이 먼저 찾는 동반자'라는 새 비전을 발표하고 입주 공간을 두 배로 늘리겠다고 밝혔다.",
    '박서준 원장은 "지역 기업과 함께 성장하는 기관이 되겠다"고 말했다.',
]


def dump(text: str, **meta) -> Source:
    return Source(id="page.txt", path="page.txt", kind="txt", text=text, **meta)


def test_page_dump_keeps_exactly_the_article():
    article = find_body(dump(PAGE))
    assert article.text.split("\n") == EXPECTED_LINES
    assert article.title == "한빛산업진흥원, 개원 10주년 맞아 '기업 동반자' 선언"
    assert article.published == date(2024, 3, 15)
    assert article.publisher == "한빛일보"


def test_teaser_dates_and_furniture_never_leak():
    article = find_body(dump(PAGE))
    for furniture in ("바로가기", "회원가입", "sky@", "저작권자", "관련기사", "다른재단", "2024.03.11", "발행인", "사진="):
        assert furniture not in article.text


def test_a_weather_widget_above_the_headline_is_furniture():
    widget = "2024.03.15 (금)\n\n  • 구름많음한빛 17.6℃\n  • 맑음누리 20.3℃\n  • 맑음가온시 -1.5℃\n기상청 제공\n\n지역경제\n\n"
    body = "\n\n".join(EXPECTED_LINES[:1] + EXPECTED_LINES[2:4] + EXPECTED_LINES[6:])
    article = find_body(dump(widget + body))
    assert article.title == EXPECTED_LINES[0]
    assert "℃" not in article.text and "맑음" not in article.text


def test_metadata_given_with_the_source_wins():
    article = find_body(dump(PAGE, title="주어진 제목", published=date(2024, 3, 16), publisher="주어진 매체"))
    assert (article.title, article.published, article.publisher) == ("주어진 제목", date(2024, 3, 16), "주어진 매체")


def test_page_without_header_has_no_title_or_date():
    text = "한빛산업진흥원은 지난 12일 한빛타워에서 개원 10주년 기념식을 열었다.\n박서준 원장은 기념사를 했다고 밝혔다.\n"
    article = find_body(dump(text))
    assert article.title is None and article.published is None
    assert article.text.split("\n")[0].startswith("한빛산업진흥원은")


def test_page_without_sentences_has_no_body():
    assert find_body(dump("메뉴\n정치 경제 사회\n로그인\n")).text == ""


def test_cut_paragraph_at_the_end_is_kept():
    # Dumps cut mid-sentence: a long running-text line still belongs to the body.
    text = PAGE.split("저작권자")[0] + "이어 박서준 원장은 새로 문을 여는 창업 공간과 입주기업 지원 방안을 차례로 소개하며 지역 기업과의"
    assert find_body(dump(text)).text.endswith("지역 기업과의")


@pytest.mark.parametrize("last, kept", [
    ('박서준 원장은 "지역', True),  # a page that stops at a length limit: a cut sentence is the article's
    ("한빛시는 이번 사업을 계기로 누리공단,", True),
    ("인기 배우의 새 영화 개봉…관객 몰려", False),  # a headline of another story
    ("다른 기사 더 보기", False),
    ("2024년에", False),
])
def test_a_short_cut_sentence_ending_the_page_is_kept(last, kept):
    text = PAGE.split("저작권자")[0] + last + "\n"
    assert find_body(dump(text)).text.endswith(last) is kept


def test_a_short_cut_line_is_kept_only_at_the_end_of_the_page():
    text = PAGE.split("저작권자")[0] + '박서준 원장은 "지역\n오늘의 운세\n'
    assert find_body(dump(text)).text.split("\n") == EXPECTED_LINES


def test_short_lines_after_the_body_are_not_kept():
    text = PAGE.split("저작권자")[0] + "인기 연예인, 과거 사진 공개\n오늘의 운세\n날씨 맑음 기온 12도\n"
    assert find_body(dump(text)).text.split("\n") == EXPECTED_LINES


@pytest.mark.parametrize(
    "line, expected",
    [
        ("(경기=한빛통신) 김하늘 기자 = 진흥원이 새 이름으로 출발한다.", "진흥원이 새 이름으로 출발한다."),
        ("[대구=한빛뉴스] 김하늘 기자= 재단은 새 이사장이 취임했다고 밝혔다.", "재단은 새 이사장이 취임했다고 밝혔다."),
        ("[한빛뉴스= 기자] 재단이 진흥원과 손잡았다고 밝혔다.", "재단이 진흥원과 손잡았다고 밝혔다."),
        ("[한빛매일]산업통상자원부는 지난 1일 회의를 열었다.", "산업통상자원부는 지난 1일 회의를 열었다."),
        ("김하늘 기자 = 진흥원이 새 이름으로 출발한다.", "진흥원이 새 이름으로 출발한다."),
        ("(사)한빛협회는 지난 1일 총회를 열었다.", "(사)한빛협회는 지난 1일 총회를 열었다."),
        ("[포토] 진흥원 전경을 하늘에서 내려다봤다.", "진흥원 전경을 하늘에서 내려다봤다."),
    ],
)
def test_dateline_prefix(line, expected):
    assert strip_dateline(line) == expected


@pytest.mark.parametrize(
    "line, caption, cleaned",
    [
        ("▲ 박서준 원장이 기념사를 하고 있다. (사진=한빛산업진흥원 제공)", True, "박서준 원장이 기념사를 하고 있다."),
        ("▲ 박서준 원장이 기념사를 하고 있다.     © 한빛일보", True, "박서준 원장이 기념사를 하고 있다."),
        ("박서준 원장이 협약서에 서명하고 있다. /한빛시 제공", True, "박서준 원장이 협약서에 서명하고 있다."),
        ("한빛통신-박서준 원장이 기념촬영을 하고 있다. (한빛산업진흥원)", True, "한빛통신-박서준 원장이 기념촬영을 하고 있다."),
        ("[대구=김하늘 기자] 재단 새 이사장 박서준[사진=한빛시]2025.01.22 sky@hanbit.example.kr", True, "재단 새 이사장 박서준"),
        ("박서준 누리청장(왼쪽)과 최유리 한빛시장이 협약서를 들어 보이고 있다. (누리청 제공) 2024.3.12/한빛통신", True,
         "박서준 누리청장(왼쪽)과 최유리 한빛시장이 협약서를 들어 보이고 있다."),  # the agency's date stamp after the credit
        ("▲기업성장 단계별 맞춤 지원", False, None),
        ("진흥원은 입주기업을 모집한다고 밝혔다.", False, None),
    ],
)
def test_captions(line, caption, cleaned):
    assert is_caption(line) is caption
    if cleaned:
        assert clean_caption(line) == cleaned


def test_caption_repeating_the_body_is_dropped():
    body = "박서준 원장은 지난 12일 한빛타워 대강당에서 열린 기념식에서 기념사를 했다."
    assert repeats("박서준 원장이 지난 12일 한빛타워 대강당에서 기념사를 하고 있다.", body)
    assert not repeats("(왼쪽부터)최유리 한빛시 부시장, 박서준 원장, 오지훈 노조위원장", body)


def test_subheadings_marked_with_triangles_are_kept():
    text = PAGE.replace("새 비전 발표", "▲새 비전 발표")
    assert "▲새 비전 발표" in find_body(dump(text)).text.split("\n")


@pytest.mark.parametrize(
    "header, title",
    [
        (["한빛산업진흥원, 개원 10주년 기념식 성료 > 주요뉴스", "본문 바로가기", "한빛산업진흥원, 개원 10주년 기념식 성료"],
         "한빛산업진흥원, 개원 10주년 기념식 성료"),
        (["기후위기시계", "실시간 뉴스", "  • 한빛공단 경인본부, 클러스터 사업 확대", "<인천=김하늘 기자/@sky>"], "한빛공단 경인본부, 클러스터 사업 확대"),
        (["전체기사 최신뉴스 속보", "지역뉴스 대구 | 경북 | 의료 | 과학", "재단 제5대 이사장에 박서준 취임", "기사입력 :"], "재단 제5대 이사장에 박서준 취임"),
        (["한빛시장 한빛공사와 창업 육성 협약식1", "박서준 한빛시장이 협약서에 서명하고 있다. /한빛시 제공", "市·공사·TP '맞손'"], "市·공사·TP '맞손'"),
        (['"첨단 부품소재산업 거점"'], '"첨단 부품소재산업 거점"'),
        (["메뉴", "로그인", "정치 경제 사회 지역"], None),
        (["한빛일보", "한빛일보 - 지역 경제 뉴스"], None),
    ],
)
def test_title(header, title):
    assert find_title(header, publisher="한빛일보")[1] == title


def test_date_in_a_caption_when_the_header_has_none():
    text = ("재단 새 이사장 취임\n기사입력 :\n"
            "재단은 박서준 이사장이 제5대 이사장으로 취임했다고 22일 밝혔다.\n"
            "[대구=김하늘 기자] 재단 새 이사장 박서준[사진=한빛시]2025.01.22 sky@hanbit.example.kr\n"
            "박서준 이사장은 지난 20일 본관 회의실에서 취임식을 가졌다고 설명했다.\n")
    article = find_body(dump(text))
    assert article.published == date(2025, 1, 22)
    assert "sky@" not in article.text


HTML = """<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8">
<title>한빛진흥원, 창업기업 모집 - 한빛일보</title>
<meta property="og:title" content="한빛진흥원, 창업기업 모집">
<meta property="og:site_name" content="한빛일보">
<meta property="article:published_time" content="2024-05-20T10:12:00+09:00">
<style>.article-body p { color: #222; } /* 스타일시트비밀 */</style>
<script>var secret = "스크립트비밀"; document.write("스크립트비밀");</script>
</head><body>
<nav><a href="/">정치</a><a href="/">경제</a></nav>
<article><h1>한빛진흥원, 창업기업 모집</h1>
<div class="article-body">
<p>한빛진흥원은 창업 3년 이내 기업 20곳을 모집한다고 20일 밝혔다.</p>
<script>console.log("본문속스크립트비밀")</script>
<p>선정된 기업은 한빛타워 입주 공간과 사업화 자금을 지원받는다.</p>
<style>p { margin: 0 } /* 본문속스타일비밀 */</style>
<p>박서준 원장은 "지역 창업 생태계를 키우겠다"고 말했다.</p>
</div></article>
<noscript>노스크립트비밀</noscript>
<footer>저작권자 © 한빛일보 무단전재 및 재배포 금지</footer>
</body></html>"""


def test_html_body_and_meta():
    article = find_body(Source(id="p.html", path="p.html", kind="html", text=HTML))
    assert "모집한다고 20일 밝혔다" in article.text and "키우겠다" in article.text
    assert (article.title, article.published, article.publisher) == ("한빛진흥원, 창업기업 모집", date(2024, 5, 20), "한빛일보")
    assert "저작권자" not in article.text


@pytest.mark.parametrize("secret", ["스타일시트비밀", "스크립트비밀", "본문속스크립트비밀", "본문속스타일비밀", "노스크립트비밀", "color", "console"])
def test_html_scripts_and_styles_never_reach_the_body(secret):
    article = find_body(Source(id="p.html", path="p.html", kind="html", text=HTML))
    assert secret not in article.text
    assert secret not in html_to_text(HTML)


def test_html_without_main_content_falls_back_to_the_visible_text():
    html = "<html><body><script>var x='스크립트비밀';</script><p>진흥원은 기업 20곳을 모집한다고 밝혔다 지원 내용은 공고를 참고하면 된다.</p></body></html>"
    article = find_body(Source(id="p.html", path="p.html", kind="html", text=html))
    assert "모집한다고" in article.text and "스크립트비밀" not in article.text


def test_json_lines_text_is_the_body_and_its_metadata_wins():
    source = Source(id="b1", path="b.jsonl", kind="txt-body", text=" 진흥원은 입주기업을 모집한다.\n", title="제목", published=date(2024, 3, 4))
    article = find_body(source)
    assert (article.text, article.title, article.published) == ("진흥원은 입주기업을 모집한다.", "제목", date(2024, 3, 4))


# ---------------------------------------------------------------- shared corpus (read at run time)


def _norm(name: str) -> str:
    return re.sub(r"[\s·ㆍ・\-]", "", unicodedata.normalize("NFC", name)).lower()


def _shared_articles(shared_dir, corpus):
    for gold_file in sorted((shared_dir / "gold" / corpus).glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        (source,) = read_file(shared_dir / "corpus" / corpus / gold["doc"])
        yield gold, find_body(source)


@pytest.mark.parametrize("corpus, minimum", [("seeds", 0.98), ("dev", 0.97)])
def test_shared_corpus_body_recall(shared_dir, corpus, minimum):
    found = total = 0
    for gold, article in _shared_articles(shared_dir, corpus):
        text = _norm(article.text)
        for entity in gold["entities"]:
            for name in [entity["name"], *entity.get("aliases", [])]:
                total += 1
                found += _norm(name) in text
    assert total and found / total >= minimum


@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_shared_corpus_title_and_published(shared_dir, corpus):
    for gold, article in _shared_articles(shared_dir, corpus):
        assert (article.published.isoformat() if article.published else None) == gold["published"], gold["doc"]
        assert article.title == gold["title"], gold["doc"]


def test_sample_corpus_title_and_published():
    from kg.ingest.read import read_sources, sample_corpus, sample_gold

    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sample_gold().glob("*.json")}
    sources = [s for s in read_sources([sample_corpus()]) if isinstance(s, Source)]
    assert sources
    for source in sources:
        gold = golds[source.id.rsplit(".", 1)[0] if source.kind != "txt-body" else source.id]
        article = find_body(source)
        assert (article.published.isoformat() if article.published else None) == gold["published"], source.id
        assert article.title == gold["title"], source.id


def test_short_latin_copyright_ends_the_body():
    text = PAGE.split("저작권자")[0] + "ⓒ Hanbit\n다른재단은 지난 8일 새 이사장 취임식을 열고 기업 지원 확대 계획을 내놓았다고 밝혔다.\n"
    assert find_body(dump(text)).text.split("\n") == EXPECTED_LINES


def test_ad_slots_inside_the_body_do_not_end_it():
    lines = PAGE.split("\n")
    at = lines.index("새 비전 발표")
    text = "\n".join(lines[:at] + ["광고", "AD-2231", "G03-8236672469", "광고"] + lines[at:])
    assert find_body(dump(text)).text.split("\n") == EXPECTED_LINES


@pytest.mark.parametrize(
    "text, body",
    [("", ""), ("\n\n\n", ""), ("가" * 100_000, ""), ("메뉴\n" * 5_000, ""),
     ("진흥원은 기업을 지원한다고 밝혔다 그리고 또 밝혔다.\n" * 3_000, "진흥원은 기업을 지원한다고 밝혔다 그리고 또 밝혔다."),
     ("\x00\x01\x02", ""), ("▲\n©\n(\n[=]\n" * 100, ""), ("<html>" * 1000, "")],
    ids=["empty", "newlines", "one-long-line", "menus", "many-sentences", "controls", "marks", "tags"],
)
def test_odd_pages_give_no_body_or_their_one_sentence(text, body):
    assert find_body(dump(text)).text == body
    assert find_body(Source(id="p.html", path="p.html", kind="html", text=text or " ")).text == body


BODY_LINES = "진흥원은 지난 12일 한빛타워 대강당에서 개원 10주년 기념식을 열었다고 15일 밝혔다.\n박서준 원장은 기념사를 통해 지역 기업과 함께 성장하겠다고 말했다.\n"


@pytest.mark.parametrize(
    "header, footer, publisher",
    [
        ("", "<저작권자 ⓒ 한빛일보 (http://www.hanbit.example.kr) 무단전재 및 재배포 금지>", "한빛일보"),
        ("", "저작권자 © 한빛경제신문, 무단전재 및 재배포 금지", "한빛경제신문"),
        ("", "©'세계로 가는 경제신문' 한빛경제. 무단전재·재배포 금지", "한빛경제"),
        ("", "Copyright © 2023 한빛브릿지. All rights reserved.", "한빛브릿지"),
        ("", "Copyright © hanbitnews.example.kr, all rights reserved\n인터넷신문 : 한빛도시신문 | 등록번호 경기 아 00011", "한빛도시신문"),
        ("한빛통신, 김하늘 기자, 2018-07-03 16:12", "", "한빛통신"),
        ("한빛매일 | 기사입력 2016/08/30 [08:07]", "", "한빛매일"),
        ("김하늘 | 기사입력 2016/08/30 [08:07]", "", None),
        ("", "[뉴스출처 : 한빛시]", None),
    ],
)
def test_publisher(header, footer, publisher):
    page = f"한빛산업진흥원, 개원 10주년 기념식 열어\n{header}\n{BODY_LINES}{footer}\n"
    assert find_body(dump(page)).publisher == publisher


@pytest.mark.parametrize(
    "first, publisher",
    [("[대구=한빛뉴스] 김하늘 기자= ", "한빛뉴스"), ("(경기=한빛통신) 김하늘 기자 = ", "한빛통신"), ("[한빛뉴스타임=김기자] ", "한빛뉴스타임"),
     ("[대구=김하늘 기자] ", None)],
)
def test_publisher_from_the_dateline(first, publisher):
    article = find_body(dump(first + BODY_LINES))
    assert article.publisher == publisher
    assert article.text.startswith("진흥원은 지난 12일")


def test_a_teaser_sentence_above_the_article_is_not_its_start():
    text = "많이 본 뉴스\n다른재단은 지난 8일 새 이사장 취임식을 열었다고 밝혔다.\n오늘의 운세\n" + PAGE
    assert find_body(dump(text)).text.split("\n") == EXPECTED_LINES


ONE_LINE = ("한빛산업진흥원(원장 박서준)은 오는 12일 한빛타워 대강당에서 개원 10주년 기념식을 연다고 밝혔다. "
            "이날 행사에는 최유리 한빛시 부시장과 입주기업 대표 등 120여 명이 참석할 예정이다. "
            "진흥원은 이 자리에서 새 비전을 발표하고 입주 공간을 두 배로 늘리는 계획도 함께 내놓는다.")


@pytest.mark.parametrize("trailer", [
    " <저작권자 ⓒ 한빛일보 무단전재 및 재배포 금지>",
    " [김하늘 기자]",
    " (김하늘 기자 sky@hanbit.example.kr)",
    " Copyright ⓒ 한빛일보. All rights reserved.",
])
def test_an_article_printed_on_one_line_with_its_footer_is_read(trailer):
    # Older papers print the whole body on one line, a footer or the reporter's name at its end.
    page = "한빛산업진흥원 개원 10주년 기념식\n\n" + ONE_LINE + trailer + "\n댓글\n|\n"
    assert find_body(dump(page)).text.splitlines()[-1] == ONE_LINE


def test_an_article_on_one_line_cut_in_a_broken_character_is_read():
    page = "한빛산업진흥원 개원 10주년 기념식\n\n" + ONE_LINE + " 박서준 원장은 \"지역 기업과 함께 성장\ufffd\n"
    assert find_body(dump(page)).text.splitlines()[-1].endswith("함께 성장")


def test_a_caption_credited_on_its_line_is_still_a_caption():
    # A bare © at the end marks a photo credit, not the end of the body.
    line = "박서준 원장이 한빛타워 대강당에서 열린 기념식에서 새 비전을 발표하고 있다. © 한빛일보"
    assert is_caption(line)
    body = find_body(dump(PAGE.replace("새 비전 발표\n", line + "\n"))).text
    assert "오지훈 노조위원장" in body and body.endswith("기관이 되겠다\"고 말했다.")

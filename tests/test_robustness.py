"""`kg build` under bad input: every bad file named with its reason, every good article built (issue 8).

Rule (README, `kg build`): an input that yields no article (empty, binary,
unreadable, too large, no article body) is an error: it is named on stderr and
in report.json and the build exits 1. An article that was read and has a
body but states no fact is built (status ok, zero counts): exit 0.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.support.corpus import TINY_ARTICLE, write_tiny_corpus

GOOD = "t00.txt"


def build(*paths: Path, out: Path, workers: int = 1):
    """Run `kg build` in process; return the result and the parsed report."""
    result = CliRunner().invoke(main, ["build", *map(str, paths), "--out", str(out), "--quiet",
                                       "--workers", str(workers)], catch_exceptions=False)
    report_path = out / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else None
    return result, report


def inputs_named(report: dict, name: str) -> list[dict]:
    return [i for i in report["inputs"] if name in Path(i["source"]).name or name in (i["id"] or "")]


def assert_failed(result, report, name: str, reason: str) -> None:
    """``name`` failed with ``reason`` (a regex) on stderr and in report.json; the good article is built."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    line = next((line for line in result.stderr.splitlines() if name in line), None)
    assert line is not None, result.stderr
    assert re.search(reason, line.split(name, 1)[1], re.I), line
    failed = inputs_named(report, name)
    assert failed and all(i["status"] == "error" for i in failed), report["inputs"]
    assert re.search(reason, failed[0]["error"], re.I), failed[0]
    good = inputs_named(report, GOOD)
    assert good and good[0]["status"] == "ok" and good[0]["counts"]["entities"] > 0


def _binary(folder: Path) -> str:
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    return "photo.txt"


def _empty(folder: Path) -> str:
    (folder / "empty.txt").write_bytes(b"")
    return "empty.txt"


def _no_korean(folder: Path) -> str:
    text = "Home | News | Sports\nCity council approves new budget for the harbour district.\nCopyright 2024\n"
    (folder / "english.txt").write_text(text * 5, encoding="utf-8")
    return "english.txt"


def _dangling_symlink(folder: Path) -> str:
    (folder / "moved.txt").symlink_to(folder / "no-longer-here.txt")
    return "moved.txt"


def _fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    return "pipe.txt"


def _self_loop(folder: Path) -> str:
    (folder / "loop.txt").symlink_to("loop.txt")
    return "loop.txt"


def _huge(folder: Path) -> str:
    line = ("한빛산업진흥원은 지역 기업을 돕는 사업을 계속 이어 가겠다고 밝혔다. " * 20 + "\n").encode("utf-8")
    with open(folder / "huge.txt", "wb") as f:
        for _ in range(50 * 2**20 // len(line) + 1):
            f.write(line)
    return "huge.txt"


@pytest.mark.slow
@pytest.mark.parametrize("make_bad, reason", [
    (_empty, r"empty"),
    (_binary, r"not text|binary"),
    (_no_korean, r"no Korean text"),
    (_dangling_symlink, r"cannot read|no such file|broken"),
    (_fifo, r"not a regular file"),
    (_self_loop, r"cannot read|symbolic links|loop"),
    (_huge, r"too large"),
])
def test_bad_file_is_named_and_the_rest_builds(tmp_path, make_bad, reason):
    corpus = write_tiny_corpus(tmp_path / "in", 1)
    name = make_bad(corpus)
    clock = time.perf_counter()
    result, report = build(corpus, out=tmp_path / "b")
    assert time.perf_counter() - clock < 120
    assert_failed(result, report, name, reason)


@pytest.mark.slow
def test_unreadable_file(tmp_path, monkeypatch):
    """Permission denied (tests run as root, where chmod 000 does not stop reading: simulate the error)."""
    corpus = write_tiny_corpus(tmp_path / "in", 1)
    secret = corpus / "secret.txt"
    secret.write_text(TINY_ARTICLE, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result, report = build(corpus, out=tmp_path / "b")
    assert_failed(result, report, "secret.txt", r"permission denied")


@pytest.mark.slow
def test_folder_with_a_symlink_loop_builds(tmp_path):
    corpus = write_tiny_corpus(tmp_path / "in", 1)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up").symlink_to(corpus)  # sub/up/sub/up/... never ends when followed
    (corpus / "sub" / "self").symlink_to(corpus / "sub")
    result, report = build(corpus, out=tmp_path / "b")
    assert result.exit_code == 0, result.output
    assert [Path(i["source"]).name for i in report["inputs"]] == [GOOD]


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["cp949", "euc-kr", "utf-16", "utf-8-sig"])
def test_korean_encodings_build(tmp_path, encoding):
    corpus = tmp_path / "in"
    corpus.mkdir()
    text = TINY_ARTICLE.replace("©", "(c)")  # no © in CP949
    (corpus / GOOD).write_bytes(text.encode(encoding))  # utf-16 writes a BOM
    result, report = build(corpus, out=tmp_path / "b")
    assert result.exit_code == 0, result.output
    ann = json.loads((tmp_path / "b" / "annotations" / "t00.json").read_text(encoding="utf-8"))
    assert ann["published"] == "2024-03-15"
    assert {"type": "Organization", "name": "한빛산업진흥원"} in [
        {k: e[k] for k in ("type", "name")} for e in ann["entities"]]


@pytest.mark.slow
def test_html_scripts_and_styles_never_reach_the_body(tmp_path):
    corpus = write_tiny_corpus(tmp_path / "in", 1)
    body = "\n".join(f"<p>{line}</p>" for line in TINY_ARTICLE.splitlines()[5:8])
    page = f"""<!doctype html><html><head><title>한빛산업진흥원 창립 기념식</title>
<style>.x {{ content: "스타일시트에 숨은 문장이 본문에 들어갔다고 밝혔다." }}</style>
<script>var s = "스크립트에 숨은 문장이 본문에 들어갔다고 밝혔다."; document.write(s);</script></head>
<body><nav>전체메뉴</nav><article><h1>한빛산업진흥원, 창립 10주년 기념식 열어</h1>{body}
<script>console.log("기사 중간 스크립트 문장도 본문이 아니라고 밝혔다.")</script></article>
<noscript>자바스크립트를 켜야 한다고 안내했다.</noscript></body></html>"""
    (corpus / "page.html").write_text(page, encoding="utf-8")
    result, report = build(corpus, out=tmp_path / "b")
    assert result.exit_code == 0, result.output
    assert inputs_named(report, "page.html")[0]["status"] == "ok"
    trig = (tmp_path / "b" / "kg.trig").read_text(encoding="utf-8")
    assert "박서준" in trig  # the body is there ...
    for hidden in ("스타일시트에 숨은", "스크립트에 숨은", "기사 중간 스크립트", "document.write", "console.log"):
        assert hidden not in trig  # ... and nothing from a script or a style


@pytest.mark.slow
def test_jsonl_with_a_malformed_line_builds_the_good_lines(tmp_path):
    corpus = write_tiny_corpus(tmp_path / "in", 1)
    text = TINY_ARTICLE.split("kim@example.com\n")[1].split("저작권자")[0]
    lines = [json.dumps({"id": "first", "text": text}, ensure_ascii=False),
             '{"id": "broken", "text": "따옴표가 닫히지 않았다',
             json.dumps({"id": "third", "text": text}, ensure_ascii=False)]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result, report = build(corpus, out=tmp_path / "b")
    assert result.exit_code == 1, result.output
    assert re.search(r"feed\.jsonl:2: malformed JSON", result.stderr)
    [bad] = [i for i in report["inputs"] if i["status"] == "error"]
    assert bad["source"].endswith("feed.jsonl:2") and "malformed JSON" in bad["error"]
    assert {i["id"] for i in report["inputs"] if i["status"] == "ok"} == {"first", "third", GOOD}


@pytest.mark.slow
def test_overlong_article_body_is_refused(tmp_path):
    corpus = write_tiny_corpus(tmp_path / "in", 1)
    sentence = "한빛산업진흥원은 지역 기업을 돕는 사업을 계속 이어 가겠다고 밝혔다.\n"
    record = {"id": "endless", "text": sentence * (1_100_000 // len(sentence))}
    (corpus / "feed.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    clock = time.perf_counter()
    result, report = build(corpus, out=tmp_path / "b")
    assert time.perf_counter() - clock < 60
    assert_failed(result, report, "endless", r"body too long")


@pytest.mark.slow
def test_article_without_facts_is_built_and_exits_0(tmp_path):
    corpus = write_tiny_corpus(tmp_path / "in", 1)
    calm = "하늘이 맑고 바람이 잔잔해서 많은 사람들이 공원을 천천히 걸으며 여유로운 오후를 보냈다.\n"
    (corpus / "calm.txt").write_text("오늘의 풍경\n" + calm * 3, encoding="utf-8")
    result, report = build(corpus, out=tmp_path / "b")
    assert result.exit_code == 0, result.output
    [calm_input] = inputs_named(report, "calm.txt")
    assert calm_input["status"] == "ok" and calm_input["counts"]["relations"] == 0
    assert (tmp_path / "b" / "annotations" / "calm.json").exists()


# Hostile text: markup, script closers, SPARQL/Turtle metacharacters, very long tokens.

XSS = "<img src=x onerror=alert(1)>"
CLOSER = "</script><script>alert(2)</script>"
META = '"}> \\ {'
LONG = "가" * 3000


def hostile_extraction():
    """An extraction whose every string carries a payload (ids, title, URL, names, post, sentences)."""
    from datetime import date

    from kg.records import Article, Entity, Extraction, Relation, Span

    org, person, program = f"{XSS}산업진흥원", f'김"철}}수{CLOSER}', f"{LONG}{META}사업"
    sentences = [f"{org}({META}원장 {person})은 {program}을 운영한다고 밝혔다.", f"{CLOSER} {META} {LONG} 끝이라고 말했다."]
    text = "\n".join(sentences)

    def span(name: str, start: int = 0) -> Span:
        at = text.index(name, start)
        return Span(at, at + len(name), name)

    entities = (Entity("e1", "Organization", org, (f"{META}약칭",), (span(org),)),
                Entity("e2", "Person", person, (), (span(person),)),
                Entity("e3", "Program", program, (), (span(program),)))
    first = Span(0, len(sentences[0]), sentences[0])
    second = Span(len(sentences[0]) + 1, len(text), sentences[1])
    relations = (Relation("holdsPost", {"person": "e2", "org": "e1", "post": f'원장{META}'}, first),
                 Relation("operates", {"org": "e1", "program": "e3"}, first))
    article = Article(f'../evil{CLOSER}"}}.txt', "evil.txt", text, title=f"{CLOSER}{XSS}{META}",
                      published=date(2024, 5, 1), publisher=f"{XSS}일보", url="javascript:alert(3)")
    return Extraction(article, (first, second), entities, relations)


def assert_safe_iris(ds) -> None:
    from rdflib import URIRef
    from rdflib.term import _is_valid_uri

    iris = {t for quad in ds.quads() for t in quad if isinstance(t, URIRef)}
    assert iris
    for iri in iris:
        assert _is_valid_uri(iri) and not re.search(r"[\s<>\"{}|\\^`]", iri), iri
        assert len(iri) < 300, iri[:100]


def assert_inert_viewer(html: str) -> None:
    """No payload unescaped, as markup or as a script closer (static check; the browser test is the viewer's)."""
    for payload in (XSS, CLOSER, "</script><script>alert(", "onerror=alert(1)>"):
        assert payload not in html
    assert "<img" not in html.lower()
    markup = re.sub(r"<script\b.*?</script>", "", html, flags=re.S | re.I)
    assert "alert(" not in markup  # nothing of the payload outside the scripts
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I)


def test_hostile_records_give_a_valid_graph_store_and_viewer(tmp_path):
    from rdflib import Dataset

    from kg.graph.projection import to_networkx
    from kg.rdf import to_rdf
    from kg.rdf.datasets import isomorphic_datasets
    from kg.resolve import resolve
    from kg.store.open import open_store
    from kg.store.write import write_store
    from kg.render.viewer import render

    x = hostile_extraction()
    ds = to_rdf([x], resolve([x]))
    assert_safe_iris(ds)
    trig = tmp_path / "kg.trig"
    ds.serialize(trig, format="trig")
    parsed = Dataset()
    parsed.parse(trig, format="trig")
    assert isomorphic_datasets(ds, parsed)
    write_store(trig, tmp_path / "store")
    with open_store(tmp_path / "store") as store:
        labels = {str(s["l"].value) for s in store.query(
            "SELECT ?l WHERE { GRAPH ?g { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }")}
        assert {e.name for e in x.entities} <= labels  # every metacharacter round-trips
        graph = to_networkx(store)
    html = render(graph, tmp_path / "graph.html").read_text(encoding="utf-8")
    assert_inert_viewer(html)
    assert any(XSS in d.get("label", "") for _, d in graph.nodes(data=True))  # the payload did reach the viewer


@pytest.mark.slow
def test_hostile_article_builds_end_to_end(tmp_path):
    from rdflib import Dataset

    from kg.store.load import stated_quads
    from kg.store.open import open_store

    corpus = write_tiny_corpus(tmp_path / "in", 1)
    body = (f"{XSS}산업진흥원(원장 김철수)은 지난 3일 {CLOSER} 행사를 열었다고 5일 밝혔다.\n"
            f"김철수 원장은 \"{META} 따옴표와 역슬래시 \\ 그리고 중괄호 }} 를 썼다\"고 말했다.\n"
            f"{LONG}산업진흥원은 긴 토큰 {LONG} 을 포함한 문장을 발표했다고 밝혔다.\n")
    record = {"id": f"evil{CLOSER}", "text": body, "title": f"{CLOSER}{XSS}", "url": "javascript:alert(3)",
              "published": "2024-05-05"}
    (corpus / "evil.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (corpus / "evil.txt").write_text(f"{CLOSER}\n입력 2024-05-05 10:00\n{body}저작권자 © 한빛일보\n", encoding="utf-8")
    result, report = build(corpus, out=tmp_path / "b")
    assert result.exit_code == 0, result.output
    assert all(i["status"] == "ok" for i in report["inputs"])
    ds = Dataset()
    ds.parse(tmp_path / "b" / "kg.trig", format="trig")
    assert_safe_iris(ds)
    assert any(XSS in str(q[2]) for q in ds.quads())  # the text is in the graph, as a literal
    with open_store(tmp_path / "b") as store:
        assert len(list(stated_quads(store))) == len(list(ds.quads()))  # the derived graph aside
    assert_inert_viewer((tmp_path / "b" / "graph.html").read_text(encoding="utf-8"))
    annotations = tmp_path / "b" / "annotations"
    assert all(p.parent.resolve() == annotations.resolve() for p in annotations.iterdir())
    assert len(list(annotations.iterdir())) == 3


@pytest.mark.slow
def test_generated_corpus_rebuilds_identically_with_workers(tmp_path):
    from rdflib import Dataset

    from bench.generate import write_corpus
    from kg.rdf.datasets import isomorphic_datasets
    from kg.rdf.iris import Iris

    corpus = tmp_path / "in"
    write_corpus(corpus, 30, seed=11)
    graphs, annotations = [], []
    for name in ("one", "two"):
        result, report = build(corpus, out=tmp_path / name, workers=2)
        assert result.exit_code == 0, result.output
        assert report["totals"]["articles"] == 30 and report["totals"]["relations"] > 30
        ds = Dataset()
        ds.parse(tmp_path / name / "kg.trig", format="trig")
        graphs.append(ds)
        annotations.append({p.name: p.read_bytes() for p in (tmp_path / name / "annotations").iterdir()})
    assert len(annotations[0]) == 30 and annotations[0] == annotations[1]
    assert isomorphic_datasets(graphs[0], graphs[1], ignore=[str(Iris().build_graph)])


def test_one_failing_article_of_a_batch_fails_alone(monkeypatch):
    """``process_many`` has Kiwi analyse a batch of bodies before extracting them: an article without Korean
    or whose analysis raises fails alone, and each other one is extracted as it is on its own, analysed once."""
    from kg.nlp import tokenizer
    from kg.pipeline.extraction import process, process_many
    from kg.records import Extraction, Failure, Source

    other = TINY_ARTICLE.replace("한빛", "누리")
    sources = [Source("good", "good.txt", "txt", TINY_ARTICLE),
               Source("english", "english.txt", "txt", "City council approves a new budget.\n" * 5),
               Source("broken", "broken.txt", "txt", TINY_ARTICLE.replace("한빛", "고장")),
               Source("other", "other.txt", "txt", other)]
    alone = {s.id: process(s) for s in (sources[0], sources[3])}
    kiwi, analysed = tokenizer.load_kiwi(), []

    class Kiwi:  # the shared analyzer, counting what it is given; it breaks on one body
        def tokenize(self, text):
            analysed.append(text)
            if "고장" in text:
                raise ValueError("the analyzer broke")
            return kiwi.tokenize(text)

    monkeypatch.setattr(tokenizer, "load_kiwi", Kiwi)
    good, english, broken, last = process_many(sources)
    assert good == alone["good"] and last == alone["other"]
    assert isinstance(good, Extraction) and good.entities
    assert isinstance(english, Failure) and "no Korean text" in english.reason
    assert isinstance(broken, Failure) and broken.reason == "internal error while extracting: ValueError: the analyzer broke"
    assert len(analysed) == 3  # each Korean body once: extraction takes the batch's analysis

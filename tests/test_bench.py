"""The benchmark machinery (issue 8): a deterministic, varied generator; `bench/run.py --quick` on tiny sizes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate, josa, make_article, to_extraction, write_corpus
from tests.support.tools import require_tool

RUN = Path(__file__).resolve().parents[1] / "bench" / "run.py"


def test_generator_is_deterministic_and_prefix_stable():
    a, b = generate(40, seed=5), generate(40, seed=5)
    assert [x.page for x in a] == [x.page for x in b]
    assert make_article(5, 39).page == a[39].page  # article i depends on (seed, i) only
    assert [x.page for x in generate(40, seed=6)] != [x.page for x in a]


def test_generator_is_varied_and_article_sized():
    articles = generate(200, seed=7)
    assert len({a.body for a in articles}) == 200
    assert len({a.title for a in articles}) > 150
    lengths = sorted(len(a.body) for a in articles)
    assert 1300 <= lengths[len(lengths) // 2] <= 2600 and lengths[-1] < 3000
    sentences = [a.body[s:e] for a in articles for s, e in a.sentences]
    assert len(set(sentences)) > 0.5 * len(sentences)  # templates recombined with varied slots, not copies
    orgs = {name for a in articles for (t, name) in a.mentions if t == "Organization"}
    people = {name for a in articles for (t, name) in a.mentions if t == "Person"}
    assert len(orgs) > 100 and len(people) > 150
    dated = [line for a in articles for line in a.page.splitlines()[:20] if re.search(r"(입력|작성일|등록|승인)", line)]
    assert len(dated) > 150  # bylines with a printed date, in several formats
    assert {"관련기사", "많이 본 뉴스"} & {line for a in articles for line in a.page.splitlines()}


def test_particles_fit_the_last_syllable():
    assert (josa("진흥원", "은/는"), josa("허브", "은/는"), josa("재단", "과/와"), josa("협회", "과/와")) == ("은", "는", "과", "와")


def test_extraction_offsets_point_at_the_names():
    for art in generate(30, seed=9):
        x = to_extraction(art)
        assert x.relations
        for ent in x.entities:
            assert all(x.article.text[m.start:m.end] == ent.name == m.text for m in ent.mentions)
        assert all(x.article.text[s.start:s.end] == s.text for s in x.sentences)


def test_no_long_run_shared_with_the_third_party_corpus(shared_dir):
    third = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (shared_dir / "corpus").rglob("*.txt"))
    runs = {third[i:i + 24] for i in range(len(third) - 23)}
    ours = "".join(a.page for a in generate(300, seed=7))
    shared = [ours[i:i + 24] for i in range(len(ours) - 23) if ours[i:i + 24] in runs]
    assert not shared, shared[:3]


def test_write_corpus_writes_pages_and_jsonl(tmp_path):
    articles = write_corpus(tmp_path, 5, seed=1, jsonl=True)
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == [a.id for a in articles]
    rows = [json.loads(line) for line in (tmp_path / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == [a.body for a in articles]


@pytest.mark.slow
def test_quick_run_prints_one_json_summary(tmp_path):
    proc = subprocess.run([sys.executable, str(RUN), "--quick", "--out", str(tmp_path), "--skip", "viewer",
                           "--articles", "12", "--workers", "1", "--quads", "4000", "--rdflib-cap", "3"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    [line] = proc.stdout.strip().splitlines()
    summary = json.loads(line)
    assert summary["build_articles"] == 12 and summary["articles_per_s"] > 0 and summary["build_vs_kiwi"] > 1
    assert summary["build_peak_mb"] > 50
    assert summary["load_quads"] > 3000 and summary["load_1m_quads_s"] is None  # a small graph says its size
    assert summary["saved_queries"] == len(list((RUN.parents[1] / "ontology" / "queries").glob("*.rq")))
    assert summary["query_p50_ms"] > 0 and summary["query_speedup_vs_rdflib"] > 0
    assert (tmp_path / "results-quick-build-queries-12.json").exists()


@pytest.mark.slow
@pytest.mark.browser
def test_quick_run_times_the_viewer(tmp_path):
    require_tool("chromium", "/usr/bin/chromium")
    proc = subprocess.run([sys.executable, str(RUN), "--quick", "--out", str(tmp_path), "--skip", "build,queries",
                           "--nodes", "60"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    summary = json.loads(proc.stdout)
    assert summary["viewer_first_draw_s"]["nodes"] == 60 and 0 < summary["viewer_first_draw_s"]["s"] < 60


@pytest.mark.slow
def test_serve_load_case_runs_on_a_small_graph(tmp_path):
    out = tmp_path / "serve.json"
    proc = subprocess.run([sys.executable, str(RUN.with_name("serve_bench.py")), "--quads", "3000", "--seconds", "1",
                           "--clients", "4", "--runaways", "1", "--timeout", "2", "--work", str(tmp_path / "work"),
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    for case in ("after, 0 runaways", "after, 1 runaways"):
        assert figures[case]["queries"] > 4 and figures[case]["errors"] == 0 and figures[case]["p99_ms"] > 0


@pytest.mark.slow
def test_pages_case_runs_on_a_small_graph(tmp_path):
    proc = subprocess.run([sys.executable, str(RUN.with_name("pages_bench.py")), "--quads", "3000", "--repeat", "2",
                           "--starts", "1", "--work", str(tmp_path / "work")], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures = json.loads(proc.stdout)
    assert len(figures["pages (ms)"]) == 9 and all(t["p50"] > 0 for t in figures["pages (ms)"].values())
    assert figures["bounded vs unbounded"]["hub facts"] > 0
    started = figures["start-up"]
    assert started["first start: the store read, the file saved (s)"] > 0 and started["catalogue file (MB)"] > 0
    assert len(started["all (s)"]["first"]) == len(started["all (s)"]["next"]) == 1


@pytest.mark.slow
def test_query_change_and_names_benches_run_on_a_small_graph(tmp_path):
    if not (RUN.parents[1] / ".git").exists():
        pytest.skip("bench/query_change.py reads the old text from git: not a git checkout")
    change = subprocess.run([sys.executable, str(RUN.with_name("query_change.py")), "partners", "--before", "HEAD",
                             "--quads", "3000", "--runs", "1", "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert change.returncode == 0, change.stderr[-3000:]
    figures = json.loads(change.stdout)
    assert figures["same_rows"] and figures["before"]["p50_ms"] > 0 and figures["ratio_after_to_before"] > 0
    names = subprocess.run([sys.executable, str(RUN.with_name("names_bench.py")), "--quads", "3000", "--runs", "1",
                            "--out", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert names.returncode == 0, names.stderr[-3000:]
    prefixes = json.loads(names.stdout)["prefixes"]
    assert all(row["same_names"] and row["speedup"] > 0 for row in prefixes.values())


def test_resolution_scorer_counts_pairs_of_different_articles():
    """bench/resolution.py: pairwise precision and recall of entity clusters against gold names."""
    from bench.resolution import pairwise, story_pairs
    from kg.records import Article, Entity, Extraction, Relation, Span
    from kg.resolve import resolve

    s = Span(0, 1, "가")

    def x(aid: str, *names: tuple[str, str]) -> Extraction:
        ents = tuple(Entity(f"e{i}", t, n) for i, (t, n) in enumerate(names))
        rels = (Relation("partnership", {"orgs": ("e0", "e1"), "date": None}, s),) if len(names) > 1 else ()
        return Extraction(Article(aid, aid, "가"), (s,), ents, rels)

    def gold(*names: tuple[str, str], aliases: dict | None = None) -> dict:
        ents = [{"type": t, "name": n, "aliases": (aliases or {}).get(n, [])} for t, n in names]
        rels = [{"type": "partnership", "orgs": [n for _, n in names[:2]], "date": None}] if len(names) > 1 else []
        return {"entities": ents, "relations": rels}

    org, uni = ("Organization", "한빛산업진흥원"), ("Organization", "가람대학교")
    xs = [x("a", org, uni), x("b", org, ("Organization", "가람대")), x("c", ("Organization", "누리협회"))]
    golds = {"a": gold(org, uni), "b": gold(org, ("Organization", "가람대"), aliases={"가람대": ["가람대학교"]}),
             "c": gold(("Organization", "한빛산업진흥원"))}  # gold: c's entity is the agency; predicted: another
    res = resolve(xs)
    scores = pairwise(xs, res, golds, {})["Organization"]
    # Gold-same pairs of two articles: the agency of a and b, 가람대학교 of a and 가람대 of b (a gold alias);
    # c's prediction matches no gold entity and is left out. Resolution joins both pairs (short-form).
    assert (scores["pairs_gold"], scores["pairs_predicted"], scores["precision"]) == (2, 2, 1.0)
    counts = story_pairs([("a", "b")], xs, res, golds)
    assert counts["agreements"] == {"shared": 1, "found_in_both": 1, "joined": 0}  # no date, no related text


@pytest.mark.slow
def test_incremental_case_adds_ten_articles_and_matches_a_clean_build(tmp_path):
    """``bench/scale_bench.py incremental`` on 20 articles, rules only: its figures and its equality check."""
    script = Path(__file__).resolve().parents[1] / "bench" / "scale_bench.py"
    proc = subprocess.run([sys.executable, str(script), "incremental", "20", "--rules-only", "--work", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert (result["reused"], result["extracted"]) == (20, 10)
    assert result["identical_to_clean"] is True
    assert 0 < result["incremental_vs_full"] < 10

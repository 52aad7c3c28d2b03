"""`kg query` and `kg.sparql.query`: query forms, safe parameters, refusals, row cap, timeout, formats."""

from __future__ import annotations

import csv
import io
import json
import time
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery

from kg.cli import main
from kg.errors import QueryError, QueryRefusedError, QueryTimeoutError, StoreError, UsageError
from kg.sparql.inspect import inspect_query
from kg.sparql.params import inject_values
from kg.sparql.results import format_table
from kg.sparql.run import DEFAULT_TIMEOUT, MAX_ROWS, query
from kg.sparql.saved import saved_queries
from tests.support.queries import RUNAWAY

LABELS = "SELECT ?e ?label WHERE { GRAPH ?g { ?e kg:entityKind ?k ; skos:prefLabel ?label } } ORDER BY ?label"
BASE = "https://w3id.org/kgkr/id/"


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# Parsing and refusing


@pytest.mark.parametrize("text, form", [
    ("SELECT * WHERE { ?s ?p ?o }", "select"),
    ("ASK { ?s ?p ?o }", "ask"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "construct"),
    ("DESCRIBE <https://w3id.org/kgkr/id/org/x>", "describe"),
])
def test_query_form_is_recognised(text, form):
    assert inspect_query(text).form == form


def test_syntax_error_gives_line_and_column():
    with pytest.raises(QueryError, match=r"line 2, column 9") as info:
        inspect_query("SELECT ?s\nWHERE { ?s ?p . }")
    assert not isinstance(info.value, QueryRefusedError)
    assert "^" in str(info.value)


@pytest.mark.parametrize("text, why", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE SILENT ?x { ?s ?p ?o } } }", "SERVICE"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM <file:///etc/passwd>"),
    ("PREFIX ex: <http://127.0.0.1:9/> SELECT * FROM NAMED ex:g WHERE { ?s ?p ?o }", "FROM <http://127.0.0.1:9/g>"),
    ("LOAD <http://127.0.0.1:9/data.ttl>", "LOAD"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
    ("DROP ALL", "read-only"),
])
def test_unsafe_queries_are_refused(text, why):
    with pytest.raises(QueryRefusedError, match=why.replace("(", r"\(")):
        inspect_query(text, BASE)


def test_from_inside_the_build_is_allowed_and_narrows_the_dataset(handmade_build):
    everything = query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", handmade_build).values("n")[0]
    entities = query(f"SELECT (COUNT(*) AS ?n) FROM <{BASE}graph/entities> WHERE {{ ?s ?p ?o }}",
                     handmade_build).values("n")[0]
    assert 0 < entities < everything


# Parameters: bound as terms, never spliced


def test_parameter_binds_a_string(handmade_build):
    r = query("SELECT ?e WHERE { GRAPH ?g { ?e skos:prefLabel ?l } FILTER (STR(?l) = ?name) }", handmade_build,
              params={"name": "누리바이오협회"})
    assert r.values("e") == [BASE + "org/누리바이오협회"]


def test_hostile_parameter_is_a_literal(handmade_build):
    hostile = '누리바이오협회" ) } } ; DROP ALL ; SELECT * { ?s ?p ?o } #'
    r = query("SELECT ?e WHERE { GRAPH ?g { ?e skos:prefLabel ?l } FILTER (STR(?l) = ?name) }", handmade_build,
              params={"name": hostile})
    assert r.rows == []
    text = inject_values("SELECT * WHERE { ?s ?p ?name }", {"name": [Literal(hostile)]})
    parsed = parseQuery(text)  # still one SELECT, the value one literal
    assert parsed[1].name == "SelectQuery" and hostile.replace('"', '\\"') in text


def test_iri_parameter_and_a_list_of_values(handmade_build):
    r = query("SELECT ?l WHERE { GRAPH ?g { ?e skos:prefLabel ?l } } ORDER BY ?l", handmade_build,
              params={"e": [f"<{BASE}org/누리바이오협회>", f"<{BASE}org/가람대학교>"]})
    assert r.values("l") == ["가람대학교", "누리바이오협회"]
    with pytest.raises(UsageError, match="not a valid IRI"):
        query("SELECT ?l WHERE { ?e skos:prefLabel ?l }", handmade_build, params={"e": "<not an iri>"})


def test_unknown_parameter_is_refused(handmade_build):
    with pytest.raises(UsageError, match=r"no variable \?nope"):
        query("SELECT ?s WHERE { ?s ?p ?o }", handmade_build, params={"nope": "x"})


@pytest.mark.parametrize("text", [
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "# a { in a comment\nSELECT ?s WHERE { ?s ?p \"{ a string }\" . ?s ?p ?o }",
    "PREFIX ex: <http://example.org/a#b> SELECT * { ?s ?p ?o }",  # not a comment
])
def test_values_go_first_in_the_where_group(text):
    out = inject_values(text, {"o": [Literal("x")]})
    parsed = parseQuery(out)
    where = parsed[1]["where"]
    assert "VALUES (?o)" in out and where.name == "GroupGraphPatternSub"
    assert where["part"][0].name == "InlineData"


def test_values_need_a_group_that_is_not_a_bare_subquery():
    with pytest.raises(UsageError, match="subquery"):
        inject_values("SELECT * WHERE { SELECT ?s WHERE { ?s ?p ?o } }", {"s": [URIRef("urn:x")]})


# Results


def test_results_type(handmade_build):
    r = query(LABELS, handmade_build, limit=3)
    assert r.kind == "select" and r.columns == ["e", "label"] and len(r) == 3 and r.truncated
    assert r.dicts()[0] == {"e": BASE + "org/가람대학교", "label": "가람대학교"}
    full = query(LABELS, handmade_build)
    assert not full.truncated and len(full) > 3
    df = full.to_dataframe()
    assert list(df.columns) == ["e", "label"] and len(df) == len(full)


def test_python_values_keep_their_types(handmade_build):
    r = query(saved_queries()["heads"], handmade_build, params={"org": "한빛산업진흥원"})
    first = r.dicts()[0]
    assert first["firstSeen"] == date(2023, 3, 1) and first["articles"] == 2 and first["ended"] is None


def test_ask_construct_describe(handmade_build):
    assert query("ASK { ?s skos:prefLabel \"누리바이오협회\"@ko }", handmade_build).boolean is True
    assert query("ASK { ?s skos:prefLabel \"없음\"@ko }", handmade_build).boolean is False
    g = query("CONSTRUCT { ?s skos:prefLabel ?l } WHERE { GRAPH ?g { ?s kg:entityKind \"Organization\" ; "
              "skos:prefLabel ?l } }", handmade_build).graph()
    assert len(g) == 5 and (URIRef(BASE + "org/가람대학교"), None, None) in g
    described = query(f"DESCRIBE <{BASE}org/가람대학교>", handmade_build)
    assert described.kind == "graph" and len(described) > 0


def test_result_formats(handmade_build):
    r = query(LABELS, handmade_build)
    data = json.loads(r.serialize("json"))
    assert data["head"]["vars"] == ["e", "label"]
    assert data["results"]["bindings"][0]["label"] == {"type": "literal", "value": "가람대학교", "xml:lang": "ko"}
    root = ET.fromstring(r.serialize("xml"))
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert len(root.findall(".//s:result", ns)) == len(r)
    rows = list(csv.reader(io.StringIO(r.serialize("csv").decode("utf-8"))))
    assert rows[0] == ["e", "label"] and rows[1] == [BASE + "org/가람대학교", "가람대학교"]
    tsv = r.serialize("tsv").decode("utf-8").splitlines()
    assert tsv[0] == "?e\t?label" and tsv[1] == f"<{BASE}org/가람대학교>\t\"가람대학교\"@ko"


def test_table_aligns_korean(handmade_build):
    text = format_table(query(LABELS, handmade_build, limit=2), {"kgid": BASE})
    lines = text.splitlines()
    assert lines[2].startswith("kgid:org/가람대학교") and "가람대학교" in lines[2]


def test_open_store_object_runs_in_process(handmade_build):
    import pyoxigraph as ox

    store = ox.Store.read_only(str(handmade_build / "store"))
    assert query("ASK { ?s ?p ?o }", store).boolean is True


def test_runaway_query_is_stopped(handmade_build):
    start = time.monotonic()
    with pytest.raises(QueryTimeoutError, match="stopped after 1 s"):
        query(RUNAWAY, handmade_build, timeout=1)
    assert time.monotonic() - start < 10
    assert query("ASK { ?s ?p ?o }", handmade_build, timeout=5).boolean is True  # still answering


def test_missing_store():
    with pytest.raises(StoreError, match="kg build"):
        query("ASK {}", "/nonexistent/build")


# The CLI


def test_cli_saved_query_table(handmade_build):
    result = cli("query", "--saved", "partners", "--param", "org=한빛진흥원", "--store", str(handmade_build))
    assert result.exit_code == 0, result.output
    assert "누리바이오협회" in result.stdout and "2023-05-10" in result.stdout
    assert "2 rows in" in result.stderr


def test_cli_csv_json_and_file(handmade_build, tmp_path):
    path = tmp_path / "labels.rq"
    path.write_text(LABELS, encoding="utf-8")
    out = cli("query", str(path), "--store", str(handmade_build), "--format", "csv", "--max-rows", "2")
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[0] == "e,label" and len(out.stdout.splitlines()) == 3
    assert "--max-rows" in out.stderr
    js = cli("query", LABELS, "--store", str(handmade_build), "--format", "json")
    assert json.loads(js.stdout)["head"]["vars"] == ["e", "label"]


@pytest.mark.parametrize("text, answer", [("ASK { ?s ?p ?o }", "true"), ("ASK { ?s skos:prefLabel \"없음\"@ko }", "false")])
def test_cli_ask_prints_only_the_answer(handmade_build, text, answer):
    result = cli("query", text, "--store", str(handmade_build))
    assert result.exit_code == 0, result.output
    assert result.stdout == answer + "\n" and result.stderr == ""


def test_cli_ask_and_construct(handmade_build):
    out = cli("query", "CONSTRUCT { ?s a org:Organization } WHERE { GRAPH ?g { ?s kg:entityKind \"Organization\" } }",
              "--store", str(handmade_build))
    assert len(Graph().parse(data=out.stdout, format="turtle")) == 5
    rows = cli("query", "CONSTRUCT { ?s a org:Organization } WHERE { GRAPH ?g { ?s kg:entityKind \"Organization\" } }",
               "--store", str(handmade_build), "--format", "csv").stdout.splitlines()
    assert rows[0] == "subject,predicate,object" and len(rows) == 6


def test_own_rq_file_without_a_header(handmade_build, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# my own query\nSELECT ?l WHERE { GRAPH ?g { ?e skos:prefLabel ?l } FILTER (STR(?l) = ?n) }",
                    encoding="utf-8")
    assert query(str(path), handmade_build, params={"n": "가람대학교"}).values("l") == ["가람대학교"]


@pytest.mark.parametrize("args, message", [
    (["SELECT * WHERE { ?s ?p }"], "line 1, column"),
    (["SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], "SERVICE is refused"),
    (["ASK {}", "--saved", "partners"], "not both"),
    ([], "not both"),
    (["--saved", "partners"], "missing parameter org"),
    (["--saved", "nope"], "no saved query named"),
    (["--saved", "partner"], "did you mean partners?"),
    (["--saved", "Name-History"], "did you mean name_history?"),
    (["--saved", "../queries/partners"], "no saved query named"),
    (["ASK {}", "--param", "novalue"], "NAME=VALUE"),
])
def test_cli_errors_exit_2_with_a_message(handmade_build, args, message):
    result = cli("query", *args, "--store", str(handmade_build))
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_cli_timeout(handmade_build):
    result = cli("query", RUNAWAY, "--store", str(handmade_build), "--timeout", "1")
    assert result.exit_code == 2 and "stopped after 1 s" in result.stderr


def test_cli_list_names_every_saved_query():
    out = cli("query", "--list").stdout
    for name, q in saved_queries().items():
        assert f"kg query --saved {name}" in out and q.question_ko in out


def test_cli_defaults_match_the_library():
    params = {p.name: p for p in main.commands["query"].params}
    assert params["max_rows"].default == MAX_ROWS and params["timeout"].default == DEFAULT_TIMEOUT
    serve = {p.name: p for p in main.commands["serve"].params}
    assert serve["max_rows"].default == MAX_ROWS and serve["timeout"].default == DEFAULT_TIMEOUT
    assert serve["host"].default == "127.0.0.1" and "authentication" in serve["host"].help


def test_readme_shows_the_query_ui_screenshot():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    assert "](docs/img/query-ui.png)" in (root / "README.md").read_text(encoding="utf-8")
    assert (root / "docs" / "img" / "query-ui.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p \"a SeRvIcE in a string\" }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "ASK { " + "{ " * 70 + "}" * 70 + " }",
    "   ",
])
def test_screen_sends_anything_that_could_be_refused_to_the_parser(text):
    from kg.sparql.inspect import screen

    assert screen(text) is None


def test_screened_query_runs_unparsed_with_its_form_from_the_engine(handmade_build):
    import pyoxigraph as ox

    from kg.sparql.inspect import screen
    from kg.sparql.local import execute

    store = ox.Store.read_only(str(handmade_build / "store"))
    for text, kind in (("ASK { ?s ?p ?o }", "ask"), ("SELECT ?s WHERE { ?s ?p ?o } LIMIT 2", "select"),
                       ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2", "graph")):
        info = screen(text)
        assert info is not None and info.form == ""
        assert execute(store, text, info, {}).kind == kind


def test_query_processes_are_kept_for_the_next_query_on_a_store(handmade_build):
    from kg.sparql import run

    query("ASK { ?s ?p ?o }", handmade_build, timeout=10)
    pool = run._POOLS[str((handmade_build / "store").resolve())]
    pids = pool.pids()
    assert query("ASK { ?s ?p ?o }", handmade_build, timeout=10).boolean is True
    assert pool.pids() == pids and not pool.closed


def test_select_text_gives_the_text_of_selects_terms():
    """``select_text`` (the projection's) is ``str`` of ``select``'s values, normalized lexical forms included."""
    import pyoxigraph as ox

    from kg.sparql.local import select, select_text

    store = ox.Store()
    s, p, g = ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.NamedNode("urn:g")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for o in (ox.NamedNode("urn:o"), ox.BlankNode("b1"), ox.Literal("이름", language="ko"), ox.Literal("plain"),
              ox.Literal("007", datatype=ox.NamedNode(xsd + "integer")),  # rdflib writes 7
              ox.Literal("2024-01-05", datatype=ox.NamedNode(xsd + "date")), ox.Literal("x", datatype=ox.NamedNode("urn:t"))):
        store.add(ox.Quad(s, p, o, g))
    text = "SELECT ?s ?o ?none WHERE { GRAPH ?g { ?s ?p ?o } }"
    expected = select(store, text)
    columns, rows = select_text(store, text)
    assert columns == expected.columns == ["s", "o", "none"]
    assert sorted(rows, key=str) == sorted(
        (tuple(None if v is None else str(v) for v in row) for row in expected.rows), key=str)
    assert ("urn:s", "7", None) in rows and ("urn:s", "b1", None) in rows

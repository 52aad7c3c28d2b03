"""The query UI of `kg serve` (YASGUI, offline) and its name completion, on a real server and a real Chromium."""

from __future__ import annotations

import contextlib
import json
import re
from typing import Iterator
from urllib.parse import quote

import pytest

from kg.rdf.namespaces import PREFIXES
from kg.serve.names import MAX_NAMES, MAX_PREFIX
from tests.support.serving import http
from tests.support.tools import require_tool

pytestmark = pytest.mark.slow

LABELS = "SELECT ?e ?label WHERE { GRAPH ?g { ?e kg:entityKind \"Organization\" ; skos:prefLabel ?label } } ORDER BY ?label"
BASE = "https://w3id.org/kgkr/id/"


@pytest.fixture(scope="module")
def server(handmade_server) -> str:
    return handmade_server[0]


def names(server: str, prefix: str) -> tuple[int, list[str]]:
    status, _, body = http(f"{server}names?prefix={quote(prefix)}")
    return status, json.loads(body)["names"] if status == 200 else []


# Over HTTP


def test_query_ui_is_offline_and_preloaded(server):
    status, headers, body = http(server)
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert re.findall(r'(?:src|href)="(?!assets/|graph\.html|data:,)[^"]*"', page) == []  # nothing from elsewhere
    config = json.loads(re.search(r'id="kg-config">(.*?)</script>', page, re.S).group(1))
    assert config["endpoint"] == "sparql" and config["viewer"] is True and config["names"] == "names"
    assert config["base"] == BASE and config["prefixes"] == dict(PREFIXES) and "org" in config["entityPaths"]
    tabs = {q["name"]: q["query"] for q in config["queries"]}
    assert {"partners", "heads", "entity"} <= set(tabs)
    assert 'VALUES (?org) { ("성남산업진흥원"@ko) }' in tabs["partners"]  # the example, bound
    script = http(server + "assets/query-ui.js")[2].decode("utf-8")
    assert 'Yasqe.defaults.autocompleters = ["variables", "kgPrefixes", "kgNames"]' in script
    for asset in ("assets/yasgui/yasgui.min.js", "assets/yasgui/yasgui.min.css", "graph.html"):
        assert http(server + asset)[0] == 200


def test_names_complete_from_the_graph(server):
    assert names(server, "한빛산") == (200, ["한빛산업재단", "한빛산업진흥원"])  # former name too, shortest first
    assert names(server, "가람대") == (200, ["가람대학교", "가람대 산학협력단", "가람대학교 산학협력단"])
    assert names(server, "  ") == (200, [])


def test_names_are_bounded_and_the_prefix_is_a_value(server):
    assert len(names(server, "한")[1]) <= MAX_NAMES
    assert names(server, "가" * (MAX_PREFIX + 1))[0] == 400
    assert names(server, '") } UNION { ?e ?p ?name } #')[1] == []  # bound as a string, never pasted


# In Chromium


@contextlib.contextmanager
def browser_page(server: str) -> Iterator:
    """A Chromium page that may reach only ``server``; on leaving, no request went elsewhere and no error was logged."""
    chromium = require_tool("chromium", "/usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    outside, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        try:
            context = browser.new_context()
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
                          else (outside.append(route.request.url), route.abort()))
            page = context.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            yield page
        finally:
            browser.close()
    assert outside == [] and errors == []


def open_ui(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".tabPanel.active .yasqe_queryButton")


def run_query(page, text: str | None = None) -> str:
    """Run ``text`` (or the tab's query) in the selected tab; the HTML of its results table."""
    if text is not None:
        page.evaluate("text => kgYasgui.getTab().getYasqe().setValue(text)", text)
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(".tabPanel.active .yasr table tbody tr td", timeout=20_000)
    return page.locator(".tabPanel.active .yasr table tbody").inner_html()


def editor_text(page) -> str:
    return page.evaluate("() => kgYasgui.getTab().getYasqe().getValue()")


@pytest.mark.browser
def test_query_ui_runs_offline_in_chromium(server):
    """YASGUI loads from our server only, runs a saved query, and shows its table."""
    with browser_page(server) as page:
        open_ui(page, server)
        assert page.locator(".tabsList .tab").count() >= 9
        page.click(".tabsList .tab:has-text('most_connected')")
        run_query(page)
        cells = page.locator(".tabPanel.active .yasr table tbody").inner_text()
        page.click(".tabPanel.active .CodeMirror")  # typing must not call a completion service (LOV)
        page.keyboard.type(" SELECT ?x WHERE { ?x a sch")
        page.keyboard.press("Control+Space")
        page.wait_for_timeout(800)
    assert "한빛산업진흥원" in cells and "누리바이오협회" in cells


@pytest.mark.browser
def test_entities_link_to_their_pages_and_literals_are_plain_text(server):
    with browser_page(server) as page:
        open_ui(page, server)
        run_query(page, LABELS)
        link = page.locator(".tabPanel.active .yasr a.kg-entity", has_text="org/가람대학교_산학협력단")
        href = link.evaluate("a => a.href")
        cells = page.locator(".tabPanel.active .yasr table tbody .nonIri").all_inner_texts()
        link.click()  # from the answer to the entity's page
        page.wait_for_url("**/entity/**")
        heading = page.inner_text("h1")
    assert href == server + "entity/org/" + quote("가람대학교_산학협력단")
    assert heading.startswith("가람대학교 산학협력단")
    assert "가람대학교" in cells and not [c for c in cells if '"' in c or "@ko" in c]


SOURCES = """SELECT ?agreement ?doc ?s WHERE { GRAPH ?g { ?agreement a kg:Agreement ; prov:wasDerivedFrom ?s .
  ?s nif:referenceContext ?doc } } ORDER BY ?doc LIMIT 1"""


@pytest.mark.browser
def test_articles_and_sentences_link_to_the_article_page_other_iris_are_text(server):
    with browser_page(server) as page:
        open_ui(page, server)
        run_query(page, SOURCES)
        cells = page.locator(".tabPanel.active .yasr table tbody tr").first.locator("td")
        agreement_links = cells.nth(0).locator("a").count()
        agreement = cells.nth(0).inner_text()
        article = cells.nth(1).locator("a.kg-article").evaluate("a => a.href")
        sentence = cells.nth(2).locator("a.kg-article")
        sentence_href = sentence.evaluate("a => a.href")
        sentence.click()  # to the article, at the sentence
        page.wait_for_url("**/article/**")
        target = page.locator(":target").inner_text()
    assert agreement_links == 0 and agreement.startswith("kgid:agreement/")  # no page: text, not a dead link
    assert re.fullmatch(re.escape(server) + r"article/a\d", article)
    assert re.fullmatch(re.escape(article) + r"#s\d+", sentence_href)
    assert "협약" in target


@pytest.mark.browser
def test_share_link_restores_the_query(server):
    shared = "SELECT ?label WHERE { GRAPH ?g { ?e skos:prefLabel ?label } FILTER (STRSTARTS(?label, \"누리\")) }"
    with browser_page(server) as page:
        open_ui(page, server)
        page.evaluate("text => kgYasgui.getTab().getYasqe().setValue(text)", shared)
        link = page.evaluate("() => kgYasgui.getTab().getShareableLink()")
    assert "#query=" in link
    with browser_page(server) as page:  # a new browser: nothing kept from the first
        open_ui(page, link)
        page.wait_for_selector(".tabPanel.active .yasr table tbody .nonIri", timeout=20_000)  # and it ran
        restored = editor_text(page)
        cells = page.locator(".tabPanel.active .yasr table tbody").inner_text()
        tabs = page.locator(".tabsList .tab").all_inner_texts()
    assert restored == shared and "누리바이오협회" in cells
    assert len(tabs) == 10 and any("shared: partners" in t for t in tabs)  # the saved queries are there too


@pytest.mark.browser
def test_edits_and_the_selected_tab_survive_a_reload(server):
    with browser_page(server) as page:
        open_ui(page, server)
        tabs = page.locator(".tabsList .tab").count()
        page.click(".tabsList .tab:has-text('heads')")
        page.click(".tabPanel.active .CodeMirror")
        page.keyboard.press("Control+Home")
        page.keyboard.type("# 내 수정\n")
        page.reload()
        page.wait_for_selector(".tabPanel.active .yasqe_queryButton")
        text, question = editor_text(page), page.locator("#question").inner_text()
        assert page.locator(".tabsList .tab").count() == tabs  # the saved queries are not added twice
    assert text.startswith("# 내 수정\n") and "Who headed" in question


@pytest.mark.browser
@pytest.mark.parametrize("selected", ["partners", "heads"])  # the saved query's tab shown at load, or not
def test_an_unedited_saved_query_follows_the_server(server, selected):
    with browser_page(server) as page:
        open_ui(page, server)
        served = page.evaluate("() => kgYasgui.getTab().getQuery()")
        # As if the server had served another text of partners before, and the tab still held it.
        page.evaluate("""() => { const tab = kgYasgui.getTab(); tab.setQuery('SELECT * WHERE { ?old ?p ?o }');
            const served = JSON.parse(localStorage.getItem('kg-query-ui:served'));
            served.partners = 'SELECT * WHERE { ?old ?p ?o }';
            localStorage.setItem('kg-query-ui:served', JSON.stringify(served)); }""")
        page.click(f".tabsList .tab:has-text('{selected}')")
        page.reload()
        page.wait_for_selector(".tabPanel.active .yasqe_queryButton")
        page.click(".tabsList .tab:has-text('partners')")
        page.wait_for_timeout(100)
        text = editor_text(page)
    assert text == served and "include_units" in text


@pytest.mark.browser
def test_project_prefixes_are_known_to_the_editor(server):
    with browser_page(server) as page:
        open_ui(page, server)
        page.click(".tabPanel.active .CodeMirror")
        page.keyboard.press("Control+End")
        page.keyboard.type("\n# kgid:")
        page.wait_for_timeout(300)
        commented = editor_text(page)
        page.evaluate("() => kgYasgui.getTab().getYasqe().setValue('SELECT ?e WHERE { ?e ?p ')")
        page.keyboard.press("Control+End")
        page.keyboard.type("kgid:")
        page.wait_for_function("() => kgYasgui.getTab().getYasqe().getValue().startsWith('PREFIX kgid:')")
        text = editor_text(page)
        # The results table shortens IRIs by the project's prefixes even where the query declares none.
        table = run_query(page, LABELS)
    assert "PREFIX kgid:" not in commented  # in a comment, nothing is added
    assert text.splitlines()[0] == f"PREFIX kgid: <{BASE}>"
    assert ">kgid:org/가람대학교<" in table


@pytest.mark.browser
def test_names_autocomplete_in_a_string(server):
    with browser_page(server) as page:
        open_ui(page, server)
        page.evaluate("() => kgYasgui.getTab().getYasqe().setValue('SELECT * WHERE { ?e skos:altLabel ')")
        page.click(".tabPanel.active .CodeMirror")
        page.keyboard.press("Control+End")
        page.keyboard.type('"한빛산')
        page.wait_for_selector(".CodeMirror-hints li")
        offered = page.locator(".CodeMirror-hints li").all_inner_texts()
        page.click(".CodeMirror-hints li:has-text('한빛산업재단')")
        text = editor_text(page)
    assert offered == ['"한빛산업재단"', '"한빛산업진흥원"']
    assert text.endswith('?e skos:altLabel "한빛산업재단"')


@pytest.mark.browser
def test_question_header_follows_the_selected_tab(server):
    with browser_page(server) as page:
        open_ui(page, server)
        seen = {}
        for name in ("heads", "events", "partners"):
            page.click(f".tabsList .tab:has-text('{name}')")
            page.wait_for_timeout(100)
            seen[name] = page.locator("#question").inner_text()
        page.click(".tabsList .tab:has-text('partners') .closeTab")  # closing the selected tab selects another
        page.wait_for_timeout(100)
        after_close = page.locator("#question").inner_text(), page.evaluate("() => kgYasgui.getTab().getName()")
        page.click(".tabsList .addTab")  # a new, empty tab has no question
        page.wait_for_timeout(100)
        new_tab = page.locator("#question").inner_text()
    assert "Who headed" in seen["heads"] and "Which events" in seen["events"]
    assert "Which organizations signed agreements" in seen["partners"]
    question, selected = after_close
    assert selected != "partners" and "Which organizations signed" not in question and question
    assert new_tab == ""

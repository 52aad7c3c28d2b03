"""The explorer pages in Debian's Chromium (Playwright), served by a real ``kg serve`` subprocess.

On the sample corpus (always), and on the shared seeds + dev corpus when
``../shared`` holds it. Every request to anything but the server is refused
and recorded: none may be made.
"""

from __future__ import annotations

import json
import shutil
from urllib.parse import quote, urlencode

import pytest

from kg.rdf.iris import DEFAULT_BASE_IRI
from tests.support.serving import http, running_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PARTNERS = """SELECT DISTINCT ?partner WHERE { GRAPH ?g { ?a kg:party ?org , ?partner }
  GRAPH ?h { ?org skos:prefLabel "성남산업진흥원"@ko . ?partner skos:prefLabel "대구경북첨단의료산업진흥재단"@ko } }"""


@pytest.fixture(scope="module")
def sample_server(sample_build):
    with running_server(sample_build.out) as (url, _):
        yield url


@pytest.fixture(scope="module")
def shared_server(shared_dir, tmp_path_factory):
    from kg.pipeline import build

    corpora = [shared_dir / "corpus" / name for name in ("seeds", "dev")]
    if not all(c.is_dir() for c in corpora):
        pytest.skip("../shared/corpus has no seeds/ or dev/")
    out = tmp_path_factory.mktemp("shared-build")
    build(corpora, out=out)
    with running_server(out) as (url, _):
        yield url


class Tab:
    """A page of the browser on the server: requests elsewhere refused and recorded, errors and dialogs kept."""

    def __init__(self, browser, server: str, scripts: bool = True, bypass_csp: bool = False) -> None:
        self.server, self.outside, self.errors, self.dialogs = server, [], [], []
        self.context = browser.new_context(java_script_enabled=scripts, bypass_csp=bypass_csp,
                                           viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def _route(self, route) -> None:
        if route.request.url.startswith(self.server):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path: str):
        response = self.page.goto(self.server + path.lstrip("/"))
        assert response.status == 200, path
        return response

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser):
    opened: list[Tab] = []

    def open_(server: str, **options) -> Tab:
        opened.append(Tab(browser, server, **options))
        return opened[-1]

    yield open_
    for t in opened:
        assert t.outside == [], t.outside  # no request leaves the machine
        t.close()


def _entity_path(iri: str) -> str:
    return "/entity/" + quote(iri[len(DEFAULT_BASE_IRI):], safe="/")


def test_from_a_query_answer_to_the_entity_its_article_and_the_focused_viewer(tab, sample_server):
    status, _, body = http(sample_server + "sparql?" + urlencode({"query": PARTNERS}),
                           headers={"Accept": "application/sparql-results+json"})
    iri = json.loads(body)["results"]["bindings"][0]["partner"]["value"]
    t = tab(sample_server)
    headers = t.open(_entity_path(iri)).headers
    assert headers["content-security-policy"].startswith("default-src 'none'")
    assert "script-src" not in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"
    assert t.page.inner_text("h1").startswith("대구경북첨단의료산업진흥재단")
    assert "케이메디허브" in t.page.inner_text("dl.names")
    source = t.page.locator("#rel-partnership blockquote.src").first
    sentence = source.evaluate("(q) => q.firstChild.textContent.trim()")
    source.locator("a.art").click()
    t.page.wait_for_url("**/article/**")
    target = t.page.locator(":target")
    assert target.count() == 1 and target.locator("p.sentence").inner_text().strip() == sentence
    background = target.evaluate("(e) => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # the sentence is highlighted
    assert t.page.locator(":target a.mention").count() >= 1
    t.page.go_back()
    t.page.click("a.network")
    t.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
    assert t.page.evaluate("(id) => kgViewer.nodes.get(id) !== null", iri)
    assert t.page.evaluate("kgViewer.nodes.length") >= 2
    assert "대구경북첨단의료산업진흥재단" in t.page.title()
    assert t.errors == []


def test_pages_work_with_scripts_disabled(tab, sample_server):
    t = tab(sample_server, scripts=False)
    t.open("/search?q=" + quote("성남산업진흥원"))
    t.page.click("section.found-entities a.ent >> nth=0")
    t.page.wait_for_url("**/entity/**")
    assert t.page.inner_text("h1").startswith("성남산업진흥원")
    t.page.fill("header form.find input", "케이메디허브")
    t.page.press("header form.find input", "Enter")
    t.page.wait_for_url("**/search?q=**")
    assert "대구경북첨단의료산업진흥재단" in t.page.inner_text("section.found-entities")


@pytest.mark.parametrize("query", ["케이메디허브", "대구경북첨단의료산업진흥재단", "대구경북 첨단의료산업 진흥재단",
                                   "메디허브"])
def test_search_finds_kmedihub_by_full_name_and_short_forms(tab, sample_server, query):
    t = tab(sample_server)
    t.open("/search")
    t.page.fill("form.search input", query)
    t.page.press("form.search input", "Enter")
    t.page.wait_for_url("**/search?q=**")
    names = t.page.locator("section.found-entities a.ent").all_inner_texts()
    assert names[0] == "대구경북첨단의료산업진흥재단", names


def _agreements_in_order(t, server: str) -> list[str]:
    t.open("/timeline")
    t.page.fill("input[name=org]", "성남산업진흥원")
    t.page.select_option("select[name=kind]", "agreement")
    t.page.click("form.filter button")
    t.page.wait_for_url("**/timeline?**")
    dates = t.page.locator("ol.timeline li time").all_inner_texts()
    assert dates == sorted(dates)
    for row in t.page.locator("ol.timeline li").all():
        assert "성남산업진흥원" in row.locator("a.ent").all_inner_texts()
    return dates


def test_timeline_lists_the_agreements_of_seongnam_in_date_order(tab, sample_server):
    assert len(_agreements_in_order(tab(sample_server), sample_server)) >= 3


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_markup_in_article_text_never_executes(tab, hostile_build, tmp_path, bypass_csp):
    build = tmp_path / "build"
    shutil.copytree(hostile_build, build)
    with running_server(build) as (server, _):
        t = tab(server, bypass_csp=bypass_csp)
        t.open("/article/a1.txt")
        assert "onerror" in t.page.inner_text("h1")  # shown as text
        t.page.locator("a.mention").first.click()  # to the hostile entity's page
        t.page.wait_for_url("**/entity/**")
        t.page.click("a.network")
        t.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
        t.open("/search?q=" + quote("<img src=x"))
        t.open("/timeline")
        assert t.page.evaluate("typeof window.__pwned") == "undefined"
        assert t.dialogs == []


def test_on_seeds_and_dev(tab, shared_server):
    t = tab(shared_server)
    t.open("/search?q=" + quote("케이메디허브"))
    names = t.page.locator("section.found-entities a.ent").all_inner_texts()
    assert any("케이메디허브" in n or "첨단의료산업진흥재단" in n for n in names), names
    t.page.locator("section.found-entities a.ent").first.click()
    t.page.wait_for_url("**/entity/**")
    t.page.locator("a.art").first.click()
    t.page.wait_for_url("**/article/**")
    assert t.page.locator(":target").count() == 1
    assert len(_agreements_in_order(t, shared_server)) >= 2

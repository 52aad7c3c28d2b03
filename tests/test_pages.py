"""The explorer pages of ``kg serve`` (entity, article, search, timeline), through the WSGI app on hand-made builds."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
from urllib.parse import quote, unquote

import lxml.html
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.serve.article import segments
from kg.serve.catalogue import Catalogue
from kg.serve.catalogue_file import identity, read_catalogue, save_catalogue
from kg.serve.entity import facts_csv
from kg.serve.facts import Fact
from kg.serve.http import HttpError
from kg.serve.pages import CSP, Pages
from kg.serve.timeline import timeline
from kg.store.build_dir import BuildDir
from kg.store.open import open_store
from tests.support.builds import catalogue_rows
from tests.support.hostile import PAYLOAD

BASE = "https://w3id.org/kgkr/id/"
ORG = "org/한빛산업진흥원"


@pytest.fixture(scope="module")
def pages(network_build):
    return Pages.open(network_build, BASE)


@pytest.fixture(scope="module")
def hostile(hostile_build):
    return Pages.open(hostile_build, BASE)


def get(pages: Pages, path: str, query: str = ""):
    """(status, headers as a dict, body) of one GET, the path given as a browser sends it (percent-encoded)."""
    status, headers, body = pages.answer(unquote(path).encode("utf-8").decode("latin-1"), query)
    return status, dict(headers), body


def page(pages: Pages, path: str, query: str = ""):
    status, headers, body = get(pages, path, query)
    assert status == "200 OK" and headers["Content-Security-Policy"] == CSP
    return lxml.html.fromstring(body.decode("utf-8"))


def texts(doc, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in doc.xpath(xpath)]


def test_organization_page_has_names_summary_and_every_fact(pages):
    doc = page(pages, "/entity/" + quote(ORG))
    assert texts(doc, "//h1")[0].startswith("한빛산업진흥원")
    assert texts(doc, "//dd[@class='former']") == ["한빛테크노센터"]
    assert "한빛진흥원" in texts(doc, "//dl[@class='names']/dd")[0]
    assert texts(doc, "//section[@id='heads']//li") == ["박서준 원장"]
    assert texts(doc, "//section[@id='partners']//li") == ["한빛대학교 2024-06-20"]
    assert texts(doc, "//section[@id='programmes']//li") == ["스마트공장 지원사업"]
    assert texts(doc, "//section[@id='events']//li") == ["창립 10주년 기념식"]
    relations = {e.get("id") for e in doc.xpath("//section[@class='facts']")}
    assert relations == {"rel-holdsPost", "rel-partnership", "rel-operates", "rel-organizes", "rel-founded",
                         "rel-locatedIn", "rel-renamed"}
    # each fact: its sentence, and a link to that sentence in its article
    partner = doc.xpath("//section[@id='rel-partnership']//li")[0]
    assert "2024-06-20" in partner.text_content()
    assert "업무협약을 맺었다고" in partner.xpath(".//blockquote")[0].text_content()
    assert partner.xpath(".//a[@class='art']/@href") == ["/article/a2.txt#s0"]
    assert "/entity/org/%ED%95%9C%EB%B9%9B%EB%8C%80%ED%95%99%EA%B5%90" in partner.xpath(".//a/@href")
    assert doc.xpath("//script") == []


def test_person_page_lists_posts_over_time(pages):
    doc = page(pages, "/entity/" + quote("person/박서준"))
    assert texts(doc, "//section[@id='posts']//li") == ["한빛산업진흥원 원장"]
    sources = doc.xpath("//section[@id='rel-holdsPost']//a[@class='art']/@href")
    assert sorted(sources) == ["/article/a1.txt#s0", "/article/a2.txt#s" + sources[-1].split("#s")[1]]
    assert len(doc.xpath("//section[@id='rel-holdsPost']//li")) == 1  # one fact, stated by two articles


def test_every_entity_has_a_page(pages):
    for row in pages.catalogue.rows("SELECT iri FROM entity"):
        doc = page(pages, pages.entity_link(row["iri"]))
        assert doc.xpath("//article[@class='entity']/@data-iri") == [row["iri"]]


def test_article_page_links_mentions_and_lists_facts_beside_their_sentence(pages):
    doc = page(pages, "/article/a2.txt")
    assert texts(doc, "//h1") == ["한빛 지역 산학 협력 협약"]
    assert doc.xpath("//a[@class='url']/@href") == ["https://news.example.kr/articles/2002"]
    first = doc.xpath("//div[@id='s0']")[0]
    assert [a.text_content() for a in first.xpath(".//a[@class='mention']")] == ["한빛산업진흥원", "한빛대학교", "한빛시"]
    assert first.xpath(".//a[@class='mention']/@href")[0] == "/entity/" + quote(ORG)
    beside = texts(first, ".//ul[@class='beside']/li")
    assert len(beside) == 1 and sorted(beside[0].split()) == sorted("한빛산업진흥원 업무협약 한빛대학교 2024-06-20".split())
    rows = doc.xpath("//div[contains(@class, 'row')]")
    assert "".join(r.xpath("string(.//p)") for r in rows).replace("\n", "") == "".join(
        pages.run(f"SELECT ?t WHERE {{ GRAPH ?g {{ <{BASE}article/a2.txt> nif:isString ?t }} }}").rows[0][0].split("\n"))


@pytest.mark.parametrize("path", ["/article/a1.txt", "/entity/{org}", "/search?q=한빛", "/timeline",
                                  "/entity/{org}/network"])
def test_hostile_text_stays_text(hostile, path):
    org = next(r["iri"] for r in hostile.catalogue.rows("SELECT iri, label FROM entity") if "onerror" in r["label"])
    path, _, query = path.format(org=hostile.entity_link(org)[len("/entity/"):]).partition("?")
    status, headers, body = get(hostile, path, query)
    html = body.decode("utf-8")
    assert status == "200 OK"
    if path.endswith("/network"):  # the viewer: its own CSP, strings written by textContent (tests/test_viewer.py)
        assert "<img src=x" not in html and "</script><script>window.__pwned" not in html
        return
    doc = lxml.html.fromstring(html)
    assert doc.xpath("//script | //img | //iframe | //object | //embed | //*[@onerror]") == []
    assert all(h.startswith(("/", "#", "?", "https://")) for h in doc.xpath("//@href")), doc.xpath("//@href")
    assert "script-src" not in headers["Content-Security-Policy"]  # default-src 'none': no script at all
    assert PAYLOAD in doc.text_content() or path == "/timeline"


def test_hostile_url_is_shown_not_linked(hostile):
    doc = page(hostile, "/article/a1.txt")
    assert doc.xpath("//a[@class='url']") == []
    assert texts(doc, "//span[@class='url']") == ["javascript:window.__pwned=3"]


def test_facts_download_as_csv_and_turtle(pages):
    status, headers, body = get(pages, "/entity/" + quote(ORG) + "/facts.csv")
    assert status == "200 OK" and body.startswith(b"\xef\xbb\xbf")
    assert "filename*=UTF-8''" in headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {r["relation"] for r in rows} == {"holdsPost", "partnership", "operates", "organizes", "founded",
                                             "locatedIn", "renamed"}
    assert all(r["sentence"] and r["article"].startswith(BASE + "article/") for r in rows)
    status, headers, body = get(pages, "/entity/" + quote(ORG) + "/facts.ttl")
    assert status == "200 OK" and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body.decode("utf-8"), format="turtle")
    assert (URIRef(BASE + ORG), SKOS.prefLabel, Literal("한빛산업진흥원", lang="ko")) in graph
    sentences = {str(o) for o in graph.objects(None, URIRef("http://persistence.uni-leipzig.org/nlp2rdf/"
                                                             "ontologies/nif-core#anchorOf"))}
    assert {r["sentence"] for r in rows} <= sentences


def test_csv_neutralises_formulas():
    fact = Fact("f", "operates", "x", "y", sources=[("a", 0, 5, "=1+1")])
    rows = list(csv.reader(io.StringIO(facts_csv([fact], {"x": "@SUM(A1)", "y": "-2"}).decode("utf-8-sig"))))
    assert rows[1][2] == "'@SUM(A1)" and rows[1][4] == "'-2" and rows[1][12] == "'=1+1"


def test_entity_facts_page_through_a_hub(pages, monkeypatch):
    monkeypatch.setattr("kg.serve.pages.FACTS_PER_PAGE", 3)
    first = page(pages, "/entity/" + quote(ORG))
    second = page(pages, "/entity/" + quote(ORG), "page=2")
    shown = [texts(d, "//section[@class='facts']//li/span[@class='fact']") for d in (first, second)]
    assert len(shown[0]) == 3 and shown[1] and not set(shown[0]) & set(shown[1])
    assert first.xpath("//a[@rel='next']/@href") == ["?page=2"]
    monkeypatch.setattr("kg.serve.pages.DOWNLOAD_FACTS", 3)
    _, headers, body = get(pages, "/entity/" + quote(ORG) + "/facts.csv")
    _, last, rest = get(pages, "/entity/" + quote(ORG) + "/facts.csv", "page=3")
    assert headers["Link"] == '<?page=2>; rel="next"' and "Link" not in last
    assert {r["fact"] for r in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}.isdisjoint(
        r["fact"] for r in csv.DictReader(io.StringIO(rest.decode("utf-8-sig"))))


@pytest.mark.parametrize("query, found", [
    ("한빛산업진흥원", "한빛산업진흥원"), ("한빛 산업 진흥원", "한빛산업진흥원"), ("한빛진흥원", "한빛산업진흥원"),
    ("진흥원", "한빛산업진흥원"), ("테크노센터", "한빛산업진흥원"), ("산학협력단", "한빛대학교 산학협력단"),
    ("한빛대", "한빛대학교"),
])
def test_search_finds_names_aliases_and_short_forms(pages, query, found):
    doc = page(pages, "/search", "q=" + quote(query))
    assert found in texts(doc, "//section[@class='found-entities']//a[contains(@class, 'ent')]")


def test_search_finds_sentences_with_facets(pages):
    doc = page(pages, "/search", "q=" + quote("업무협약"))
    assert texts(doc, "//section[@class='found-sentences']//blockquote") == [
        "한빛산업진흥원과 한빛대학교는 20일 한빛시에서 업무협약을 맺었다고 밝혔다."]
    assert doc.xpath("//section[@class='found-sentences']//a[@class='art']/@href") == ["/article/a2.txt#s0"]
    years = doc.xpath("//aside[@class='facets']//a/@href")
    assert any("year=2024" in h for h in years)
    none = page(pages, "/search", "q=" + quote("업무협약") + "&year=2023")
    assert texts(none, "//section[@class='found-sentences']//blockquote") == []


def test_timeline_by_date_filtered_by_organization(pages):
    doc = page(pages, "/timeline", "org=" + quote("한빛대학교"))
    kinds = texts(doc, "//ol[@class='timeline']/li/span[@class='hkind']")
    assert kinds == ["업무협약"]
    everything = page(pages, "/timeline")
    dates = texts(everything, "//ol[@class='timeline']/li/time")
    assert dates == sorted(dates) and len(dates) >= 3
    assert "2013" in dates and "2024-06-20" in dates
    renamed = everything.xpath("//ol[@class='timeline']/li[@class='h-rename']")[0]
    assert renamed.xpath(".//time")[0].text == "2023-03-15" and "(보도일)" in renamed.text_content()  # no date in the text


@pytest.mark.parametrize("path, query, status", [
    ("/entity/org/없는기관", "", "404"), ("/article/nope.txt", "", "404"), ("/entity/", "", "404"),
    ("/timeline", "kind=lunch", "400"), ("/timeline", "page=-1", "400"), ("/search", "year=abc&q=a", "400"),
])
def test_bad_requests(pages, path, query, status):
    with pytest.raises(HttpError) as e:
        get(pages, path, query)
    assert e.value.status.startswith(status)


@pytest.mark.parametrize("text, sentences, mentions, expected", [
    ("가나 다라", [(0, 5)], [(0, 2, "e1")], [[("가나", "e1"), (" 다라", None)]]),
    ("가나 다라", [(0, 2), (3, 5)], [(1, 4, "e1")], [[("가", None), ("나", "e1")], [("다", "e1"), ("라", None)]]),
    ("가나다", [(0, 3)], [(0, 3, "a"), (1, 2, "b"), (0, 2, "c")], [[("가나다", "a")]]),
    ("<b>x</b>", [(0, 8)], [], [[("<b>x</b>", None)]]),
])
def test_segments(text, sentences, mentions, expected):
    got = [[(p.text, p.entity) for p in s.pieces] for s in segments(text, sentences, mentions) if s.begin >= 0]
    assert got == expected


def test_ego_network_from_the_entity_articles_equals_the_whole_projection(pages):
    from kg.graph.projection import ego_network, to_networkx
    from kg.serve.ego import ego_graph

    whole = to_networkx(pages.store)

    def known(iris):
        return pages.catalogue.labels(iris).keys()
    for iri in whole:
        ego, expected = ego_graph(pages.store, iri, BASE, known), ego_network(whole, iri, 1)
        assert set(ego.nodes) == set(expected.nodes), iri
        assert sorted((u, v, d["type"]) for u, v, d in ego.edges(data=True)) == sorted(
            (u, v, d["type"]) for u, v, d in expected.edges(data=True)), iri
    one = ego_graph(pages.store, BASE + ORG, BASE, known, articles=1)  # bounded: the facts of one article only
    assert set(one.nodes) < set(ego_network(whole, BASE + ORG, 1).nodes)


# The catalogue file: kg serve reads the store the first time it serves a build, saves the catalogue beside
# the store, and copies that file into memory at the next starts


def _refuse(*args, **kwargs):
    raise AssertionError("the catalogue was read from the store")


def _without_meta(db: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {k: v for k, v in catalogue_rows(db).items() if k != "meta"}


def _kg_build(source, folder) -> BuildDir:
    """A copy of a hand-made build folder with the ``report.json`` that kg build leaves in every build."""
    shutil.copytree(source, folder)
    build = BuildDir(folder)
    build.report.write_text('{"totals": {}}', encoding="utf-8")
    return build


def _save_of(store_folder, path) -> None:
    """``path``: a catalogue file of the store in ``store_folder``."""
    with open_store(store_folder) as store:
        save_catalogue(Catalogue.of_store(store), identity(store), path)


def _files(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _answers(pages: Pages) -> tuple:
    """What search and the timeline say about the network graph's organizations."""
    found = texts(page(pages, "/search", "q=" + quote("진흥원")),
                  "//section[@class='found-entities']//a[contains(@class, 'ent')]")
    kinds = texts(page(pages, "/timeline", "org=" + quote("한빛대학교")), "//ol[@class='timeline']/li/span[@class='hkind']")
    return found, kinds


NETWORK_ANSWERS = (["한빛산업진흥원"], ["업무협약"])


@pytest.mark.slow
def test_the_first_start_of_a_fresh_build_saves_the_catalogue_and_the_next_reads_it(tiny_corpus, tmp_path,
                                                                                   monkeypatch):
    from kg.pipeline import build as kg_build

    out = kg_build([tiny_corpus], out=tmp_path / "b", model=None).out
    version = BuildDir.of(BuildDir(out).store.resolve())
    written = BuildDir.OUTPUTS + BuildDir.KEPT
    assert sorted(p.name for p in version.path.iterdir()) == sorted(written)  # the build wrote none
    assert "catalogue.sqlite" not in BuildDir.OUTPUTS and not BuildDir(out).catalogue.exists()
    said: list[str] = []
    first = Pages.open(out, BASE, said.append)
    assert len(said) == 1 and "catalogue.sqlite is missing: reading the store" in said[0], said
    assert said[0].endswith("saved for the next start"), said
    # saved into the version beside its store, nothing else; out/ itself is left as the build published it
    assert sorted(p.name for p in version.path.iterdir()) == sorted(written + ("catalogue.sqlite",))
    assert not BuildDir(out).catalogue.exists()
    saved = version.catalogue.read_bytes()
    search, agenda = page(first, "/search", "q=" + quote("진흥원")), page(first, "/timeline")
    assert "한빛산업진흥원" in texts(search, "//section[@class='found-entities']//a[contains(@class, 'ent')]")
    assert texts(agenda, "//ol[@class='timeline']/li/time") == ["2024-03-12"]

    monkeypatch.setattr(Catalogue, "of_store", _refuse)
    said.clear()
    second = Pages.open(out, BASE, said.append)
    assert said == []
    assert _without_meta(second.catalogue.db) == _without_meta(first.catalogue.db)
    assert lxml.html.tostring(page(second, "/search", "q=" + quote("진흥원"))) == lxml.html.tostring(search)
    assert lxml.html.tostring(page(second, "/timeline")) == lxml.html.tostring(agenda)
    assert version.catalogue.read_bytes() == saved  # a file that matches is read, never written


@pytest.mark.parametrize("fixture", ["network_build", "handmade_build"])
def test_the_saved_catalogue_answers_as_the_store_does(request, fixture, tmp_path):
    build = _kg_build(request.getfixturevalue(fixture), tmp_path / "build")
    Pages.open(build.path, BASE, lambda message: None)
    with open_store(build.store) as store:
        stored, fresh = read_catalogue(build.catalogue, identity(store), BASE), Catalogue.of_store(store, BASE)
    assert _without_meta(stored.db) == _without_meta(fresh.db)
    assert all(catalogue_rows(fresh.db)[t] for t in ("entity", "sentence", "happening"))  # nothing compared empty
    for text in ("한빛", "진흥원", "업무협약", "원장", "가"):
        assert stored.search(text) == fresh.search(text), text
    for org in (None, "한빛대학교", "한빛산업진흥원"):
        assert timeline(stored, org) == timeline(fresh, org), org


def _add_an_entity(build: BuildDir) -> None:
    """The store changed after its catalogue was saved: one organization more."""
    import pyoxigraph as ox

    store = ox.Store(str(build.store))
    org, graph = ox.NamedNode(BASE + "org/새별기관"), ox.NamedNode(BASE + "graph/entities")
    store.add(ox.Quad(org, ox.NamedNode("https://w3id.org/kgkr/ns#entityKind"), ox.Literal("Organization"), graph))
    store.add(ox.Quad(org, ox.NamedNode(str(SKOS.prefLabel)), ox.Literal("새별기관", language="ko"), graph))
    store.flush()
    del store


def _set_format(build: BuildDir) -> None:
    with sqlite3.connect(build.catalogue) as db:
        db.execute("UPDATE meta SET value = 'another' WHERE key = 'format'")
    db.close()


SPOILS = {
    "missing": lambda build, other: build.catalogue.unlink(),
    "not sqlite": lambda build, other: build.catalogue.write_bytes(b"SQLite format 3\0" + bytes(4096)),
    "cut short": lambda build, other: build.catalogue.write_bytes(build.catalogue.read_bytes()[:-1]),
    "another store": lambda build, other: _save_of(other, build.catalogue),
    "another kg": lambda build, other: _set_format(build),
    "the store changed": lambda build, other: _add_an_entity(build),
}


@pytest.mark.parametrize("spoil", SPOILS)
def test_a_missing_stale_or_corrupt_catalogue_is_read_from_the_store_and_replaced(network_build, handmade_build,
                                                                                   tmp_path, monkeypatch, spoil):
    build = _kg_build(network_build, tmp_path / "build")
    Pages.open(build.path, BASE, lambda message: None)
    assert build.catalogue.is_file()
    SPOILS[spoil](build, handmade_build)
    with open_store(network_build) as store:
        expected = _without_meta(Catalogue.of_store(store).db)
    said: list[str] = []
    pages = Pages.open(build.path, BASE, said.append)
    assert len(said) == 1 and "catalogue.sqlite" in said[0] and "reading the store" in said[0], said
    assert said[0].endswith("saved for the next start"), said
    if spoil == "the store changed":
        doc = page(pages, "/search", "q=" + quote("새별"))
        assert texts(doc, "//section[@class='found-entities']//a[contains(@class, 'ent')]") == ["새별기관"]
        expected["entity"] = sorted(expected["entity"] + [(BASE + "org/새별기관", "Organization", "새별기관", 0)],
                                    key=repr)
    assert _without_meta(pages.catalogue.db)["entity"] == expected["entity"]
    if spoil != "the store changed":
        assert _without_meta(pages.catalogue.db) == expected
    assert page(pages, "/timeline").xpath("//ol[@class='timeline']/li")
    with open_store(build.store) as store:  # replaced by the store's own catalogue
        assert _without_meta(read_catalogue(build.catalogue, identity(store)).db) == _without_meta(pages.catalogue.db)
    assert not list(build.path.glob(".catalogue.sqlite.*"))  # no temporary file left
    monkeypatch.setattr(Catalogue, "of_store", _refuse)
    said.clear()
    again = Pages.open(build.path, BASE, said.append)
    assert said == [] and _without_meta(again.catalogue.db) == _without_meta(pages.catalogue.db)


@pytest.mark.parametrize("where", ["bare store", "build folder without report.json"])
def test_a_store_outside_a_kg_build_gets_no_file(network_build, tmp_path, where):
    shutil.copytree(network_build, tmp_path / "build")
    served = tmp_path / "build"
    if where == "bare store":  # a store folder alone, no build folder around it
        served = shutil.move(tmp_path / "build" / "store", tmp_path / "bare")
        shutil.rmtree(tmp_path / "build")
    before = _files(tmp_path)
    for _ in range(2):  # the next start too: nothing was saved
        said: list[str] = []
        pages = Pages.open(served, BASE, said.append)
        assert len(said) == 1 and "reading the store" in said[0], said
        assert "not saved" in said[0] and "not a folder that kg build wrote" in said[0], said
        assert _answers(pages) == NETWORK_ANSWERS
        assert _files(tmp_path) == before


@pytest.mark.parametrize("stale", [False, True])
def test_a_read_only_build_is_served_and_nothing_is_written(network_build, handmade_build, tmp_path, stale,
                                                            monkeypatch):
    build = _kg_build(network_build, tmp_path / "build")
    if stale:
        _save_of(handmade_build, build.catalogue)
    before = _files(build.path)
    build.path.chmod(0o555)
    if os.geteuid() == 0:  # root writes into a read-only folder: the folder is said to be read-only instead
        import kg.serve.catalogue_file as catalogue_file

        access = os.access
        monkeypatch.setattr(catalogue_file.os, "access",
                            lambda path, mode: False if os.fspath(path) == os.fspath(build.path) and mode & os.W_OK else access(path, mode))
    try:
        said: list[str] = []
        pages = Pages.open(build.path, BASE, said.append)
        assert len(said) == 1 and "reading the store" in said[0], said
        assert said[0].endswith(f"could not save it: {build.path} is read-only"), said
        assert _answers(pages) == NETWORK_ANSWERS
        assert _files(build.path) == before
    finally:
        build.path.chmod(0o755)


def test_a_failure_to_save_is_said_and_serving_goes_on(network_build, tmp_path):
    build = _kg_build(network_build, tmp_path / "build")
    build.catalogue.mkdir()  # something in the way: os.replace fails after the file was written
    said: list[str] = []
    pages = Pages.open(build.path, BASE, said.append)
    assert len(said) == 1 and "could not save it: " in said[0] and "Is a directory" in said[0], said
    assert _answers(pages) == NETWORK_ANSWERS
    assert sorted(p.name for p in build.path.iterdir()) == sorted(
        [p.name for p in network_build.iterdir()] + ["catalogue.sqlite", "report.json"])  # no temporary file left
    assert not list(build.catalogue.iterdir())


def test_the_catalogue_is_the_one_of_the_store_the_links_lead_to(network_build, handmade_build, tmp_path,
                                                                 monkeypatch):
    """``out/store`` and ``out/catalogue.sqlite`` lead to two versions (a build published between two reads)."""
    version = _kg_build(network_build, tmp_path / ".versions" / "a")
    Pages.open(version.path, BASE, lambda message: None)
    out = tmp_path / "out"
    out.mkdir()
    (out / "store").symlink_to(version.store)
    _save_of(handmade_build, tmp_path / "other.sqlite")
    (out / "catalogue.sqlite").symlink_to(tmp_path / "other.sqlite")
    monkeypatch.setattr(Catalogue, "of_store", _refuse)
    said: list[str] = []
    pages = Pages.open(out, BASE, said.append)
    assert said == [] and pages.catalogue.entity(BASE + ORG) is not None

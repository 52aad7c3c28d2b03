"""The explorer pages of ``kg serve`` at about a million quads: each page's time, and what bounding them saves.

The graph is the query benchmark's (``bench.query_bench.make_graph``:
generated articles, our own ontology), served by a real ``kg serve``
subprocess. Each page is asked ``--repeat`` times over HTTP, one after
another; reported per page: p50 and max in ms, against the 200 ms target.
The pages asked are those of the hubs: the organization named in most
articles (the most facts), a person, the article that names most entities,
search for a hub's short name and for a common word, the whole timeline
and the hub's, the hub's facts as CSV and its network.

Two ratios in the same run, in this process on the same store: an entity
page's facts bounded to one page (``FACTS_PER_PAGE``) against all of the
hub's facts, and the catalogue's search against the same search as SPARQL
``CONTAINS`` over every label and sentence (what it would cost without the
catalogue).

Start-up, first: ``Pages.open`` (what ``kg serve`` does before it answers)
at the first start on a build (no ``catalogue.sqlite``: the catalogue read
from the store, then saved beside it) and at the next one (the saved file
read), ``--starts`` times each, alternately; the best of each, their ratio,
and what checking the file against the store and saving it cost. ``kg serve``
saves the file only in a folder that ``kg build`` wrote: the bench's store
stands for one, with a ``report.json`` of its own.

    python bench/pages_bench.py --quads 1000000 --repeat 20
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_bench import make_build, start  # noqa: E402

from kg.rdf.iris import DEFAULT_BASE_IRI  # noqa: E402

SPARQL_SEARCH = """SELECT DISTINCT ?x WHERE {{ {{ GRAPH ?g {{ ?x skos:prefLabel|skos:altLabel ?l }}
  FILTER (CONTAINS(REPLACE(STR(?l), " ", ""), "{key}")) }} UNION {{ GRAPH ?g {{ ?x nif:anchorOf ?t }}
  FILTER (CONTAINS(REPLACE(STR(?t), " ", ""), "{key}")) }} }} LIMIT 100"""


def pick(pages) -> dict[str, str]:
    """The paths to time: the hubs of the graph (most articles), chosen from the catalogue."""
    cat = pages.catalogue
    hub = cat.rows("SELECT iri, label FROM entity WHERE kind = 'Organization' ORDER BY articles DESC LIMIT 1")[0]
    person = cat.rows("SELECT iri FROM entity WHERE kind = 'Person' ORDER BY articles DESC LIMIT 1")[0]["iri"]
    article = cat.rows("SELECT a.iri FROM mention m JOIN article a ON a.iri = m.article GROUP BY a.iri "
                       "ORDER BY count(*) DESC LIMIT 1")[0]["iri"]
    short = hub["label"][-5:] if len(hub["label"]) > 5 else hub["label"]
    return {"entity (hub organization)": pages.entity_link(hub["iri"]),
            "entity (person)": pages.entity_link(person),
            "article (most mentions)": pages.article_link(article),
            "search (hub, short form)": "/search?q=" + quote(short),
            "search (common word)": "/search?q=" + quote("업무협약"),
            "timeline (all)": "/timeline",
            "timeline (hub)": "/timeline?org=" + quote(hub["iri"], safe=""),
            "facts.csv (hub)": pages.entity_link(hub["iri"]) + "/facts.csv",
            "network (hub)": pages.entity_link(hub["iri"]) + "/network"}


def timed_get(url: str, path: str) -> float:
    """Seconds for one GET of ``path`` (a new connection, the whole body read); it must answer 200."""
    parts = urlsplit(url)
    clock = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status}")
    return time.perf_counter() - clock


def ratios(pages, hub: str, key: str, repeat: int) -> dict:
    """Bounded against unbounded, in this process: the hub's facts, and search."""
    from kg.serve.facts import entity_facts
    from kg.serve.pages import FACTS_PER_PAGE

    def best(f) -> float:
        times = []
        for _ in range(max(3, repeat // 4)):
            clock = time.perf_counter()
            f()
            times.append(time.perf_counter() - clock)
        return statistics.median(times)

    paged = best(lambda: entity_facts(pages.run, hub, FACTS_PER_PAGE))
    whole = best(lambda: entity_facts(pages.run, hub))
    catalogue = best(lambda: pages.catalogue.search(key))
    scan = best(lambda: pages.run(SPARQL_SEARCH.format(key=key)))
    return {"hub facts": len(entity_facts(pages.run, hub)[0]),
            "entity facts, one page (ms)": round(paged * 1000, 1), "entity facts, all (ms)": round(whole * 1000, 1),
            "ratio all / one page": round(whole / paged, 1),
            "search, catalogue (ms)": round(catalogue * 1000, 1), "search, SPARQL CONTAINS (ms)": round(scan * 1000, 1),
            "ratio CONTAINS / catalogue": round(scan / catalogue, 1)}


def startup(build: Path, starts: int) -> dict:
    """Seconds of ``Pages.open`` at the first start on a build and at the next (best of ``starts`` each)."""
    import os

    from kg.serve.catalogue_file import identity, save_catalogue
    from kg.serve.pages import Pages
    from kg.store.build_dir import BuildDir
    from kg.store.open import open_store

    folder = BuildDir(build)
    if not folder.report.exists():  # kg serve saves the catalogue only beside a build that kg wrote
        folder.report.write_text('{"bench": "pages_bench: this store stands for a build\'s"}\n', encoding="utf-8")
    with open_store(build) as store:
        clock = time.perf_counter()
        meta = identity(store)
        check = time.perf_counter() - clock
    times: dict[str, list[float]] = {"first": [], "next": []}
    for _ in range(starts):
        folder.catalogue.unlink(missing_ok=True)
        for start in times:
            said: list[str] = []
            clock = time.perf_counter()
            pages = Pages.open(build, DEFAULT_BASE_IRI, said.append)
            times[start].append(time.perf_counter() - clock)
            if start == "first":
                fresh, ok = pages, len(said) == 1 and said[0].endswith("saved for the next start")
            else:
                ok = said == []
            if not ok:
                raise RuntimeError(f"Pages.open at the {start} start: {said}")
    aside = folder.catalogue.with_name("saved-again.sqlite")
    clock = time.perf_counter()
    save_catalogue(fresh.catalogue, meta, aside)  # the catalogue read from the store, as the first start saves it
    saving = time.perf_counter() - clock
    os.remove(aside)
    best = {k: min(v) for k, v in times.items()}
    return {"first start: the store read, the file saved (s)": round(best["first"], 2),
            "of which saving the file (s)": round(saving, 2),
            "next start: the file read (s)": round(best["next"], 2), "of which the store check (s)": round(check, 2),
            "ratio first / next": round(best["first"] / best["next"], 1),
            "catalogue file (MB)": round(folder.catalogue.stat().st_size / 1e6, 1),
            "all (s)": {k: [round(t, 2) for t in v] for k, v in times.items()}}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--starts", type=int, default=3, help="Pages.open at a first start and at the next, each")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-pages-bench")
    args = parser.parse_args(argv)
    from kg.serve.pages import Pages

    build, _ = make_build(args.work, args.quads)
    started = startup(build, args.starts)
    pages = Pages.open(build, DEFAULT_BASE_IRI)
    paths = pick(pages)
    proc, url = start([sys.executable, "-m", "kg", "serve", "--store", str(build), "--port", "0"], Path.cwd())
    try:
        pages_ms = {}
        for name, path in paths.items():
            timed_get(url, path)  # the first answer: caches warm
            times = sorted(timed_get(url, path) * 1000 for _ in range(args.repeat))
            pages_ms[name] = {"p50": round(statistics.median(times), 1), "max": round(times[-1], 1)}
    finally:
        proc.terminate()
        proc.wait(30)
    hub = pages.base + paths["entity (hub organization)"][len("/entity/"):]
    from urllib.parse import unquote

    out = {"quads": len(pages.store), "start-up": started,
           "pages (ms)": pages_ms,
           "bounded vs unbounded": ratios(pages, unquote(hub), "업무협약", args.repeat)}
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return out


if __name__ == "__main__":
    main()

"""Projection to networkx, analytics, layout, and their CLI commands (the viewer's page: test_render)."""

from __future__ import annotations

import csv
import io
import json
import math
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.graph.analytics import as_of, betweenness, communities, components, format_table, measures
from kg.cli import main
from kg.errors import UsageError
from kg.graph.layout import layout
from kg.graph.projection import ego_network, find_entities, to_networkx
from tests.support.handmade import network_dataset, network_extractions

BASE = "https://w3id.org/kgkr/id/"
ORG, UNI, UNIT = BASE + "org/한빛산업진흥원", BASE + "org/한빛대학교", BASE + "org/한빛대학교_산학협력단"
PARK, CHOI = BASE + "person/박서준", BASE + "person/최유리"
EVENT, TOWER, CITY = BASE + "event/창립_10주년_기념식", BASE + "place/한빛타워", BASE + "place/한빛시"
PROGRAM = BASE + "program/스마트공장_지원사업"


def _edges(graph, kind):
    return [(u, v, d) for u, v, d in graph.edges(data=True) if d["type"] == kind]


def test_same_graph_from_the_dataset_and_from_a_store_on_disk(network_rdf, network_graph, tmp_path):
    from kg.store.open import open_store
    from kg.store.write import write_store

    network_rdf.serialize(tmp_path / "kg.trig", format="trig")
    write_store(tmp_path / "kg.trig", tmp_path / "store")  # what a build does; offsets become xsd:integer
    with open_store(tmp_path / "store") as store:
        other = to_networkx(store)
    assert list(other.nodes(data=True)) == list(network_graph.nodes(data=True))  # same order too: reproducible pages
    assert sorted(other.edges(keys=True, data=True), key=repr) == sorted(network_graph.edges(keys=True, data=True),
                                                                          key=repr)


def test_nodes_carry_type_label_aliases_degree(network_graph):
    assert network_graph.number_of_nodes() == 9
    org = network_graph.nodes[ORG]
    assert (org["type"], org["label"]) == ("Organization", "한빛산업진흥원")
    assert org["aliases"] == ["한빛진흥원", "한빛테크노센터"]  # 진흥원 is generic: an alias in its article only
    assert org["degree"] == network_graph.degree(ORG) == 5
    assert org["first_seen"] == "2023-03-15"
    assert {n: d["type"] for n, d in network_graph.nodes(data=True)}[PROGRAM] == "Program"


def test_literal_relations_are_node_facts(network_graph):
    assert network_graph.nodes[EVENT]["date"] == "2023-03-12"
    assert network_graph.nodes[ORG]["founded"] == 2013
    facts = {f["type"]: f for f in network_graph.nodes[ORG]["facts"]}
    assert facts["renamed"]["value"] == "한빛테크노센터"
    assert "2013년" in facts["founded"]["sources"][0]["sentence"]


@pytest.mark.parametrize("kind, source, target", [
    ("holdsPost", PARK, ORG), ("memberOf", CHOI, UNI), ("operates", ORG, PROGRAM),
    ("subOrganizationOf", UNIT, UNI), ("organizes", ORG, EVENT), ("participatesIn", CHOI, EVENT),
    ("heldAt", EVENT, TOWER), ("locatedIn", ORG, CITY), ("partnership", UNI, ORG),
])
def test_every_relation_is_a_typed_directed_edge(network_graph, kind, source, target):
    assert [(u, v) for u, v, _ in _edges(network_graph, kind)] == [(source, target)]


def test_edges_carry_date_and_source_sentences(network_graph):
    (_, _, post), = _edges(network_graph, "holdsPost")
    assert post["post"] == "원장"
    # stated by both articles: one edge, two sources, dated by the earlier article
    assert [s["article"] for s in post["sources"]] == ["a1.txt", "a2.txt"]
    assert post["date"] == "2023-03-15"
    first = post["sources"][0]
    assert first["url"] == "https://news.example.kr/articles/1001" and first["published"] == "2023-03-15"
    extraction = network_extractions()[0][0]
    assert extraction.article.text[first["start"]:first["end"]] == first["sentence"]
    (_, _, deal), = _edges(network_graph, "partnership")
    assert deal["date"] == "2024-06-20" and "업무협약" in deal["sources"][0]["sentence"]


def test_tenure_dates_from_rdf_and_as_of():
    import dataclasses

    from kg.rdf import to_rdf

    extractions, resolution = network_extractions()
    second = extractions[1]
    ended = dataclasses.replace(second.relations[-1], status="ended", start="2019-03", end="2024")
    extractions[1] = dataclasses.replace(second, relations=second.relations[:-1] + (ended,))
    graph = to_networkx(to_rdf(extractions, resolution))
    (_, _, post), = _edges(graph, "holdsPost")
    assert (post["start"], post["end"], post["date"]) == ("2019-03", "2024", "2019-03")
    assert as_of(graph, 2024).has_edge(PARK, ORG) and not as_of(graph, 2025).has_edge(PARK, ORG)


def test_include_and_exclude_types(network_rdf):
    people_orgs = to_networkx(network_rdf, include=["person", "Organization"])
    assert {t for _, t in people_orgs.nodes(data="type")} == {"Person", "Organization"}
    assert {d["type"] for *_, d in people_orgs.edges(data=True)} == {"holdsPost", "memberOf", "partnership",
                                                                     "subOrganizationOf"}
    no_places = to_networkx(network_rdf, exclude=["Place"])
    assert "Place" not in {t for _, t in no_places.nodes(data="type")} and len(no_places) == 7
    assert no_places.nodes[ORG]["degree"] == 4  # degree is recomputed after filtering
    with pytest.raises(UsageError, match="unknown entity type"):
        to_networkx(network_rdf, include=["Company"])


def test_period_keeps_facts_of_those_years(network_rdf):
    later = to_networkx(network_rdf, period=(2024, None))
    assert {d["type"] for *_, d in later.edges(data=True)} == {"partnership", "locatedIn", "operates",
                                                               "subOrganizationOf"}
    assert TOWER not in later and CHOI not in later and CITY in later
    earlier = to_networkx(network_rdf, period=(None, 2023))
    assert CITY not in earlier and "partnership" not in {d["type"] for *_, d in earlier.edges(data=True)}


def test_ego_network_by_alias(network_rdf, network_graph):
    ego = to_networkx(network_rdf, ego="한빛대", depth=1)
    assert set(ego) == {UNI, ORG, UNIT, CHOI} and ego.graph["ego"] == [UNI]
    assert set(ego_network(network_graph, [UNI, "한빛대"], depth=1)) == set(ego)
    assert set(to_networkx(network_rdf, ego="한빛대", depth=2)) >= {PARK, EVENT, PROGRAM}
    assert set(ego_network(network_graph, "한빛 대학교", depth=0)) == {UNI}  # spacing does not matter
    assert find_entities(network_graph, "한빛진흥원") == [ORG]
    assert find_entities(network_graph, "진흥원") == []  # a generic short form is no graph alias
    with pytest.raises(UsageError, match="no entity named"):
        to_networkx(network_rdf, ego="없는기관")


def test_measures_table(network_graph):
    rows = measures(network_graph)
    assert len(rows) == network_graph.number_of_nodes()
    top = rows[0]
    assert top["id"] == ORG and top["degree"] == 5 and top["betweenness"] > 0
    assert all(r["component"] == 0 for r in rows)  # the hand-made network_graph is connected
    assert abs(sum(r["pagerank"] for r in rows) - 1) < 1e-3 and top["pagerank"] == max(r["pagerank"] for r in rows)
    parsed = list(csv.DictReader(io.StringIO(format_table(rows, "csv"))))
    assert parsed[0]["label"] == "한빛산업진흥원" and len(parsed) == len(rows)
    assert json.loads(format_table(rows, "json")) == rows
    with pytest.raises(UsageError):
        format_table(rows, "xml")


def test_betweenness_communities_components():
    path = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    assert max(betweenness(path).items(), key=lambda kv: kv[1])[0] == "b"
    two = nx.MultiDiGraph()
    for group in ("abcd", "wxyz"):
        two.add_edges_from((u, v) for i, u in enumerate(group) for v in group[i + 1:])
    two.add_edge("d", "w")
    assert communities(two) == [set("abcd"), set("wxyz")]
    two.add_node("lonely")
    assert [len(c) for c in components(two)] == [8, 1]


def test_as_of_year(network_graph):
    in_2023 = as_of(network_graph, 2023)
    assert "partnership" not in {d["type"] for *_, d in in_2023.edges(data=True)}
    assert in_2023.has_edge(PARK, ORG)
    tenure = nx.MultiDiGraph()
    tenure.add_edge("p", "o", type="holdsPost", date="2019-01-01", end="2021-06-30")
    tenure.add_nodes_from(["p", "o"], first_seen="2019-01-01")
    assert tenure.number_of_edges() == 1 and as_of(tenure, 2021).number_of_edges() == 1
    assert as_of(tenure, 2022).number_of_edges() == 0


def test_layout_places_every_node_apart():
    graph = nx.barabasi_albert_graph(300, 1, seed=3)
    graph.add_edges_from([(1000, 1001), (1002, 1003), (1003, 1004)])
    graph.add_node(2000)
    pos = layout(graph)
    assert set(pos) == set(graph) and pos == layout(graph)
    points = list(pos.values())
    assert all(math.isfinite(c) for p in points for c in p)
    close = sum(1 for i, p in enumerate(points) for q in points[i + 1:] if math.dist(p, q) < 5)
    assert close < len(points) * 0.02
    lengths = [math.dist(pos[u], pos[v]) for u, v in graph.edges()]
    assert sorted(lengths)[len(lengths) // 2] < 200  # neighbours stay near each other (scale 60 per edge)


def test_layout_runs_blas_on_one_thread(monkeypatch):
    """The pivot distances' SVD is too small for OpenBLAS's threads: they only cost CPU (``kg.graph.layout``)."""
    import numpy as np
    from threadpoolctl import threadpool_info

    seen = []
    real = np.linalg.svd

    def svd(*args, **kwargs):
        seen.extend(info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas")
        return real(*args, **kwargs)

    monkeypatch.setattr(np.linalg, "svd", svd)
    layout(nx.barabasi_albert_graph(300, 1, seed=3))
    assert seen and set(seen) == {1}


def test_layout_repulsion_stays_linear_where_nodes_pile_up():
    import numpy as np

    from kg.graph.layout import NEIGHBOURS, _close_pairs

    piled = np.random.default_rng(0).normal(scale=0.01, size=(1000, 2))  # 499,500 pairs closer than 1
    near, other = _close_pairs(piled)
    assert len(near) == 1000 * NEIGHBOURS and (near != other).all()
    hub = nx.barabasi_albert_graph(300, 1, seed=3)
    hub.add_edges_from((0, 1000 + i) for i in range(1500))  # Pivot MDS piles the leaves of a hub up
    points = list(layout(hub).values())
    close = sum(1 for i, p in enumerate(points) for q in points[i + 1:] if math.dist(p, q) < 5)
    assert close < len(points) * 0.02


@pytest.mark.parametrize("leaves", [10, 200, 1500])
def test_layout_of_a_pure_star_stays_at_edge_scale(leaves):
    # Pivot MDS puts the hub and every leaf that is no pivot on one point (1e-16 apart).
    pos = layout(nx.star_graph(leaves))
    points = list(pos.values())
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    side = 60 * 4 * math.sqrt(leaves + 1)  # scale 60 per edge; a few edge lengths per node
    assert max(xs) - min(xs) < side and max(ys) - min(ys) < side
    assert max(math.dist(pos[0], pos[leaf]) for leaf in range(1, leaves + 1)) > 60
    close = sum(1 for i, p in enumerate(points) for q in points[i + 1:] if math.dist(p, q) < 5)
    assert close < len(points) * 0.02


@pytest.mark.slow
def test_build_writes_the_viewer(sample_build):
    page = (sample_build.out / "graph.html").read_text(encoding="utf-8")
    assert 'id="kg-data"' in page and "vis-network" in page
    assert not re.search(r"<(script|link)[^>]+(src|href)=", page, re.I)


@pytest.mark.slow
def test_cli_viz_and_network(sample_build, tmp_path):
    runner = CliRunner()
    out = tmp_path / "viz.html"
    result = runner.invoke(main, ["network", "--store", str(sample_build.out), "--format", "json",
                                  "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 0, result.output
    rows = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    graph_ids = {r["id"] for r in rows}
    assert rows and set(rows[0]) >= {"degree", "betweenness", "community", "component"}
    csv_result = runner.invoke(main, ["network", "--store", str(sample_build.out), "--year", "2030"])
    assert csv_result.exit_code == 0 and csv_result.output.startswith("id,label,type,degree")
    focus = rows[0]["label"]
    result = runner.invoke(main, ["viz", "--store", str(sample_build.out), "--focus", focus, "--depth", "1",
                                  "--year", "2030", "--out", str(out)])
    assert result.exit_code == 0, result.output
    shown = json.loads(re.search(r'id="kg-data">(.*?)</script>', out.read_text(encoding="utf-8"), re.S).group(1))
    assert {n["id"] for n in shown["nodes"]} <= graph_ids and rows[0]["id"] in {n["id"] for n in shown["nodes"]}
    bad = runner.invoke(main, ["viz", "--store", str(sample_build.out), "--focus", "없는기관이름", "--out", str(out)])
    assert bad.exit_code == 2 and "no entity named" in bad.output
    missing = runner.invoke(main, ["network", "--store", str(tmp_path / "nothing")])
    assert missing.exit_code == 2 and "no store" in missing.output



def test_first_seen_is_the_earliest_date_of_an_article_naming_the_entity(network_rdf, network_graph):
    """Every entity's ``first_seen``: the least ``dcterms:issued`` of the articles whose mentions name it."""
    from rdflib.namespace import DCTERMS

    from kg.rdf.namespaces import ITSRDF, NIF

    earliest: dict[str, str] = {}
    for mention, _, entity, graph in network_rdf.quads((None, ITSRDF.taIdentRef, None, None)):
        for _, _, article, _ in network_rdf.quads((mention, NIF.referenceContext, None, graph)):
            for _, _, day, _ in network_rdf.quads((article, DCTERMS.issued, None, graph)):
                earliest[str(entity)] = min(earliest.get(str(entity), str(day)), str(day))
    assert len(earliest) > 3  # the fixture names entities in dated articles
    assert {n: d["first_seen"] for n, d in network_graph.nodes(data=True) if d["first_seen"]} == earliest

"""Exports open in their consumers: rdflib, networkx, pandas."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from kg.cli import main
from kg.export.formats import FORMATS, export, flatten_attributes
from kg.rdf.datasets import isomorphic_datasets


@pytest.fixture(scope="module")
def original(handmade_build) -> Dataset:
    ds = Dataset()
    ds.parse(handmade_build / "kg.trig", format="trig")
    return ds


@pytest.mark.parametrize("fmt, parser", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_rdf_exports_round_trip(handmade_build, tmp_path, original, fmt, parser):
    (path,) = export(handmade_build, fmt, tmp_path / f"kg.{fmt}")
    again = Dataset()
    again.parse(path, format=parser)
    # Oxigraph stores xsd:nonNegativeInteger offsets as xsd:integer: compare values, not datatypes.
    assert len(again) == len(original)
    assert isomorphic_datasets(_integers(original), _integers(again))


def _integers(ds: Dataset) -> Dataset:
    from rdflib import XSD, Literal

    out = Dataset()
    for s, p, o, g in ds.quads():
        if isinstance(o, Literal) and o.datatype in (XSD.nonNegativeInteger, XSD.integer):
            o = Literal(int(o), datatype=XSD.integer)
        out.add((s, p, o, g))
    return out


def test_jsonld_export_uses_the_context_file(handmade_build, tmp_path):
    from kg.export.formats import jsonld_context

    (path,) = export(handmade_build, "jsonld", tmp_path / "kg.jsonld")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"] == jsonld_context() and doc["@context"]["org"] == "http://www.w3.org/ns/org#"
    assert '"org:Membership"' in path.read_text(encoding="utf-8")


def test_turtle_export_is_the_union_of_the_graphs(handmade_build, tmp_path, original):
    (path,) = export(handmade_build, "turtle", tmp_path / "kg.ttl")
    union = Graph().parse(path, format="turtle")
    assert len(union) == len({(s, p, o) for s, p, o, _ in original.quads()})


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_open_in_networkx(handmade_build, tmp_path, fmt):
    import networkx as nx

    from kg.graph.projection import to_networkx
    from kg.store.open import open_store

    (path,) = export(handmade_build, fmt, tmp_path / f"kg.{fmt}")
    graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(path)
    with open_store(handmade_build) as store:
        expected = to_networkx(store)
    assert graph.number_of_nodes() == expected.number_of_nodes() > 5
    assert graph.number_of_edges() == expected.number_of_edges() > 5
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert "한빛산업진흥원" in labels


def test_flatten_attributes_makes_gephi_safe_values():
    import networkx as nx

    g = nx.MultiDiGraph()
    g.add_node("a", aliases=["진흥원", "재단"], facts={"founded": 2014}, label="한빛", missing=None)
    g.add_edge("a", "b", key="k", sources=[{"sentence": "문장", "start": 0}], weight=2)
    flat = flatten_attributes(g)
    assert flat.nodes["a"] == {"aliases": '["진흥원", "재단"]', "facts": '{"founded": 2014}', "label": "한빛"}
    assert flat.edges["a", "b", "k"]["sources"] == '[{"sentence": "문장", "start": 0}]'
    assert flat.edges["a", "b", "k"]["weight"] == 2


def test_csv_tables_open_in_pandas_with_source_sentences(handmade_build, tmp_path):
    import pandas as pd

    paths = export(handmade_build, "csv", tmp_path / "csv")
    entities = pd.read_csv(paths[0])
    relations = pd.read_csv(paths[1])
    assert {"iri", "kind", "label", "aliases", "articles", "mentions"} <= set(entities.columns)
    org = entities[entities.label == "한빛산업진흥원"].iloc[0]
    assert org.kind == "Organization" and org.articles == 5
    assert set(relations.relation) >= {"holdsPost", "partnership", "renamed", "operates", "subOrganizationOf",
                                       "organizes", "participatesIn", "heldAt", "eventDate", "founded", "locatedIn"}
    post = relations[(relations.relation == "holdsPost") & (relations.subject_label == "최유리")].iloc[0]
    assert post.value == "원장" and post.object_label == "한빛산업진흥원" and post.article == "a5"
    assert post.sentence.startswith("최유리 한빛산업진흥원 원장이")
    assert post.sentence_end - post.sentence_start == len(post.sentence)


def test_cli_export_default_paths(handmade_build, tmp_path):
    import shutil

    build = tmp_path / "b"
    shutil.copytree(handmade_build, build)
    for fmt in FORMATS:
        result = CliRunner().invoke(main, ["export", "--store", str(build / "store"), "--format", fmt])
        assert result.exit_code == 0, result.output
        for line in result.output.split():
            assert line.startswith(str(build / "export"))
    assert (build / "export" / "kg.trig").stat().st_size > 1000
    assert (build / "export" / "csv" / "relations.csv").exists()


def test_cli_export_rejects_an_unknown_format(handmade_build):
    result = CliRunner().invoke(main, ["export", "--store", str(handmade_build), "--format", "xml"])
    assert result.exit_code == 2 and "xml" in result.output

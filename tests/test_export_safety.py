"""Exports that open where researchers open them, whatever the articles said (issue 14, items 10–11; issue 16).

CSV in Excel (UTF-8 with a BOM, formulas neutralised), GraphML and GEXF that
are well-formed and Gephi-valid even with control characters in names, and
no export ever left half-written.
"""

from __future__ import annotations

import csv
import io

import pytest
from lxml import etree

from kg.export.formats import export, write_network
from kg.export.tables import write_csv
from kg.ingest.read import read_file
from tests.support.hostile import hostile_extraction

FORMULAS = ['=HYPERLINK("http://127.0.0.1/x","클릭")', "+82-2-123", "-1+2", "@SUM(A1)", "\t탭", "\r캐리지"]
CONTROLS = ["제어\x02문자", "벨\x07소리", "널\x00문자"]
GEXF_EDGE_TYPES = {"directed", "undirected", "mutual"}


def _dataset(names):
    from kg.rdf import to_rdf
    from kg.resolve import resolve

    xs = [hostile_extraction(i, name) for i, name in enumerate(names)]
    return to_rdf(xs, resolve(xs))


def test_csv_opens_in_excel_with_korean_and_no_formula(tmp_path):
    written = write_csv(_dataset(FORMULAS), tmp_path)
    for path in written:
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with its BOM
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        cells = [c for row in rows for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], path.name
    labels = (tmp_path / "entities.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in labels and "한빛대학교" in labels


def test_csv_still_reads_in_pandas(tmp_path):
    import pandas as pd

    write_csv(_dataset(["한빛"]), tmp_path)
    frame = pd.read_csv(tmp_path / "entities.csv")
    assert list(frame.columns)[0] == "iri" and "한빛진흥원" in set(frame["label"])


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_with_control_characters_are_well_formed(tmp_path, fmt):
    import networkx as nx

    path = tmp_path / f"kg.{fmt}"
    write_network(_dataset(CONTROLS), path, fmt)
    etree.parse(str(path))  # well-formed XML
    graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(path)
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert "제어문자진흥원" in labels and not any("\x02" in str(label) for label in labels)


def test_gexf_keeps_the_relation_in_an_attribute_gephi_accepts(tmp_path):
    path = tmp_path / "kg.gexf"
    write_network(_dataset(["한빛"]), path, "gexf")
    ns = {"g": "http://www.gexf.net/1.2draft"}
    root = etree.parse(str(path)).getroot()
    edges = root.findall(".//g:edge", ns)
    assert edges and all(e.get("type") in (None, *GEXF_EDGE_TYPES) for e in edges)
    titles = {a.get("id"): a.get("title") for a in root.findall(".//g:attributes[@class='edge']/g:attribute", ns)}
    relation = next(i for i, t in titles.items() if t == "relation")
    values = {v.get("value") for v in root.findall(f".//g:edge//g:attvalue[@for='{relation}']", ns)}
    assert {"partnership", "holdsPost"} <= values


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_a_failed_export_leaves_the_previous_file(tmp_path, fmt, monkeypatch):
    import networkx as nx

    path = tmp_path / f"kg.{fmt}"
    path.write_text("the previous export", encoding="utf-8")

    def broken(graph, target, *args, **kwargs):
        with open(target, "wb") as f:
            f.write(b"<graphml")
        raise ValueError("cut off")

    monkeypatch.setattr(nx, f"write_{fmt}", broken)
    with pytest.raises(Exception):
        write_network(_dataset(["한빛"]), path, fmt)
    assert path.read_text(encoding="utf-8") == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_control_characters_are_removed_when_reading(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("한빛산업진흥원\x02은 협약을\x07 맺었다.\x0c다음 줄\n", encoding="utf-8")
    (source,) = read_file(page)
    assert source.text == "한빛산업진흥원은 협약을 맺었다.\n다음 줄\n"
    lines = tmp_path / "a.jsonl"
    lines.write_text('{"id": "a\\u0002b", "title": "제목\\u0001", "text": "한빛\\u0002산업진흥원은 협약을 맺었다."}\n',
                     encoding="utf-8")
    (record,) = read_file(lines)
    assert (record.id, record.title, record.text) == ("ab", "제목", "한빛산업진흥원은 협약을 맺었다.")


def test_cli_export_csv_is_excel_ready(handmade_build, tmp_path):
    paths = export(handmade_build, "csv", tmp_path / "csv")
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in paths)

"""Every notebook runs top to bottom on a fresh kernel, and computes real values (issue 7)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def execute(path: Path, workdir: Path) -> list[dict]:
    """Run a notebook with nbclient; return its code cells' outputs."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    import os

    os.environ["KG_NOTEBOOK_DIR"] = str(workdir)
    try:
        client.execute()
    finally:
        os.environ.pop("KG_NOTEBOOK_DIR", None)
    return [c for c in nb.cells if c.cell_type == "code"]


def run(name: str, workdir: Path) -> tuple[list[dict], dict]:
    """Execute ``notebooks/<name>``; return its code cells and its JSON summary."""
    cells = execute(NOTEBOOKS[0].parent / name, workdir)
    return cells, last_json(cells)


def last_json(cells: list[dict]) -> dict:
    """The JSON summary a notebook prints in its last cell."""
    text = "".join(o.get("text", "") for o in cells[-1].outputs if o.get("output_type") == "stream")
    return json.loads(text.strip().splitlines()[-1])


@pytest.mark.slow
def test_your_own_corpus_notebook(tmp_path):
    cells = execute(Path(NOTEBOOKS[0].parent / "04_your_own_corpus.ipynb"), tmp_path)
    summary = last_json(cells)
    # 3 page dumps + 1 good JSON Lines record built; a malformed line and a binary file reported.
    assert summary["inputs"] == 6 and summary["failed"] == 2 and summary["articles"] == 4
    assert 0 < summary["entity_f1"] <= 1


def test_four_numbered_notebooks():
    assert [p.name[:3] for p in NOTEBOOKS] == ["01_", "02_", "03_", "04_"]
    for path in NOTEBOOKS:  # stored without outputs: CI makes them
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        assert not any(c.get("outputs") for c in cells if c["cell_type"] == "code"), path.name


ORGANIZATIONS = '''PREFIX kg: <https://w3id.org/kgkr/ns#>
SELECT DISTINCT ?o WHERE { GRAPH ?g { ?o kg:entityKind "Organization" } }'''


@pytest.mark.slow
def test_getting_started_notebook(tmp_path, sample_build):
    from kg.sparql import query

    _, summary = run("01_getting_started.ipynb", tmp_path)
    assert summary["organizations"] == len(query(ORGANIZATIONS, sample_build.out)) > 10
    assert summary["articles"] == sample_build.report["totals"]["articles"] == len(sample_build.extractions)
    # Distinct facts: one stated by several articles (or twice in one) counts once.
    assert summary["relations"] == sample_build.report["totals"]["relations"] > 0
    assert summary["relations"] < sum(len(x.relations) for x in sample_build.extractions)


@pytest.mark.slow
def test_partnership_network_notebook(tmp_path, sample_build):
    import kg
    from kg.graph import analytics
    from kg.sparql import query, saved_query

    cells, summary = run("02_partnership_network.ipynb", tmp_path)
    with kg.open_store(sample_build.out) as store:
        graph = kg.to_networkx(store)
    assert (summary["nodes"], summary["edges"]) == (graph.number_of_nodes(), graph.number_of_edges())
    assert summary["top_organization"] == query(saved_query("most_connected"), sample_build.out).dicts()[0]["organization"]
    assert summary["communities"] == len(analytics.communities(graph)) > 1
    assert summary["external_urls"] == 0
    # The viewer is really embedded, whole, and loads nothing from the network.
    shown = [o["data"]["text/html"] for c in cells for o in c.outputs if "text/html" in o.get("data", {})]
    frames = [html.unescape(m) for h in shown for m in re.findall(r'<iframe srcdoc="([^"]*)"', h)]
    assert len(frames) == 1 and "vis-network" in frames[0] and "성남산업진흥원" in frames[0]
    assert not re.search(r"<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", frames[0], re.I)
    assert (tmp_path / "kg.graphml").stat().st_size > 0 and (tmp_path / "kg.gexf").stat().st_size > 0


@pytest.mark.slow
def test_people_and_posts_notebook(tmp_path, sample_build):
    from kg.sparql import query

    cells, summary = run("03_people_and_posts_over_time.ipynb", tmp_path)
    heads = query('''PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?p WHERE { GRAPH ?e { ?o skos:prefLabel|skos:altLabel ?name } FILTER (STR(?name) = "케이메디허브")
                                   GRAPH ?g { ?m org:organization ?o ; org:member ?p ; org:role/skos:prefLabel ?role }
                                   FILTER (STR(?role) = "이사장") }''',
                  sample_build.out)
    events = query('''PREFIX schema: <https://schema.org/>
        SELECT DISTINCT ?e ?d WHERE { GRAPH ?g { ?e schema:startDate ?d } }''', sample_build.out)
    assert summary["kmedihub_heads"] == len(heads) >= 2
    assert summary["dated_events"] == len(events) > 5
    assert summary["dated_agreements"] > 0
    assert any("image/png" in o.get("data", {}) for c in cells for o in c.outputs)  # the timeline was drawn

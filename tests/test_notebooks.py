"""Every notebook runs top to bottom on a fresh kernel, on a given build or the sample, and computes real values.

The notebooks hold no test-only cells: each test runs one with nbclient,
then one more cell of its own in the same kernel that prints, as JSON, the
values the notebook computed, and checks them here.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def run(name: str, workdir: Path, values: str, build: Path | None = None) -> tuple[list[dict], dict]:
    """Execute ``notebooks/<name>`` (on ``build``: ``KG_BUILD``), then print ``values``, a Python expression, in its kernel.

    Returns:
        The notebook's code cells with their outputs, and ``values`` as computed there.
    """
    import nbformat
    from nbclient import NotebookClient

    path = NOTEBOOKS[0].parent / name
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(f"import json as _json\nprint(_json.dumps({values}, ensure_ascii=False))"))
    env = {k: v for k, v in os.environ.items() if k != "KG_BUILD"}
    env["KG_NOTEBOOK_DIR"] = str(workdir)
    if build is not None:
        env["KG_BUILD"] = str(build)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute(env=env)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    text = "".join(o.get("text", "") for o in cells[-1].outputs if o.get("output_type") == "stream")
    return cells[:-1], json.loads(text.strip().splitlines()[-1])


def test_four_numbered_notebooks():
    assert [p.name[:3] for p in NOTEBOOKS] == ["01_", "02_", "03_", "04_"]
    for path in NOTEBOOKS:  # stored without outputs (CI makes them), and without cells for the tests
        cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
        assert not any(c.get("outputs") for c in cells), path.name
        assert not any("summary" in "".join(c["source"]).lower() for c in cells), path.name


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS[:3]])
def test_notebooks_take_a_build_from_the_environment_or_a_first_cell(name):
    import nbformat

    first = next(c for c in nbformat.read(NOTEBOOKS[0].parent / name, as_version=4).cells if c.cell_type == "code")
    assert 'KG_BUILD = os.environ.get("KG_BUILD", "")' in first.source


@pytest.mark.slow
def test_your_own_corpus_notebook(tmp_path):
    _, found = run("04_your_own_corpus.ipynb", tmp_path, '{"inputs": len(result.report["inputs"]), '
                   '"failed": len(result.failures), "articles": result.report["totals"]["articles"], '
                   '"entity_f1": evaluation.entities.f1}')
    # 3 page dumps + 1 good JSON Lines record built; a malformed line and a binary file reported.
    assert found["inputs"] == 6 and found["failed"] == 2 and found["articles"] == 4
    assert 0 < found["entity_f1"] <= 1


ORGANIZATIONS = '''PREFIX kg: <https://w3id.org/kgkr/ns#>
SELECT DISTINCT ?o WHERE { GRAPH ?g { ?o kg:entityKind "Organization" } }'''


@pytest.mark.slow
def test_getting_started_notebook_builds_the_sample_without_a_build(tmp_path, sample_build):
    from kg.sparql import query

    _, found = run("01_getting_started.ipynb", tmp_path, '{"organizations": int(organizations), "build": str(BUILD), '
                   '"totals": report["totals"], "article": ARTICLE, "sentences": len(sentences)}')
    assert found["build"] == str(tmp_path / "build")  # built here, since no build was given
    assert found["organizations"] == len(query(ORGANIZATIONS, sample_build.out)) > 10
    assert found["totals"]["articles"] == sample_build.report["totals"]["articles"] == len(sample_build.extractions)
    # Distinct facts: one stated by several articles (or twice in one) counts once.
    assert found["totals"]["relations"] == sample_build.report["totals"]["relations"] > 0
    assert found["article"] == "s05_gachon_mou.txt" and found["sentences"] > 0


@pytest.mark.slow
def test_getting_started_notebook_on_a_given_build(tmp_path, sample_build):
    _, found = run("01_getting_started.ipynb", tmp_path, '{"build": str(BUILD), "totals": report["totals"]}',
                   build=sample_build.out)
    assert found == {"build": str(sample_build.out), "totals": sample_build.report["totals"]}
    assert not (tmp_path / "build").exists()  # nothing was rebuilt


@pytest.mark.slow
def test_partnership_network_notebook(tmp_path, sample_build):
    import kg
    from kg.graph import analytics
    from kg.sparql import query, saved_query

    cells, found = run("02_partnership_network.ipynb", tmp_path, '{"nodes": graph.number_of_nodes(), '
                       '"edges": graph.number_of_edges(), "top_organization": organizations.iloc[0]["label"], '
                       '"communities": len(groups), "external_urls": len(external)}', build=sample_build.out)
    with kg.open_store(sample_build.out) as store:
        graph = kg.to_networkx(store)
    assert (found["nodes"], found["edges"]) == (graph.number_of_nodes(), graph.number_of_edges())
    assert found["top_organization"] == query(saved_query("most_connected"), sample_build.out).dicts()[0]["organization"]
    assert found["communities"] == len(analytics.communities(graph)) > 1
    assert found["external_urls"] == 0 and not (tmp_path / "build").exists()
    # The viewer is really embedded, whole, and loads nothing from the network.
    shown = [o["data"]["text/html"] for c in cells for o in c.outputs if "text/html" in o.get("data", {})]
    frames = [html.unescape(m) for h in shown for m in re.findall(r'<iframe srcdoc="([^"]*)"', h)]
    assert len(frames) == 1 and "vis-network" in frames[0] and "성남산업진흥원" in frames[0]
    assert not re.search(r"<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", frames[0], re.I)
    assert (tmp_path / "kg.graphml").stat().st_size > 0 and (tmp_path / "kg.gexf").stat().st_size > 0


@pytest.mark.slow
def test_people_and_posts_notebook(tmp_path, sample_build):
    from kg.sparql import query

    cells, found = run("03_people_and_posts_over_time.ipynb", tmp_path, '{"kmedihub_heads": len(heads), '
                       '"dated_events": int(events["date"].notna().sum()), "dated_agreements": len(agreements)}',
                       build=sample_build.out)
    heads = query('''PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?p WHERE { GRAPH ?e { ?o skos:prefLabel|skos:altLabel ?name } FILTER (STR(?name) = "케이메디허브")
                                   GRAPH ?g { ?m org:organization ?o ; org:member ?p ; org:role/skos:prefLabel ?role }
                                   FILTER (STR(?role) = "이사장") }''',
                  sample_build.out)
    events = query('''PREFIX schema: <https://schema.org/>
        SELECT DISTINCT ?e ?d WHERE { GRAPH ?g { ?e schema:startDate ?d } }''', sample_build.out)
    assert found["kmedihub_heads"] == len(heads) >= 2
    assert found["dated_events"] == len(events) > 5
    assert found["dated_agreements"] > 0
    assert any("image/png" in o.get("data", {}) for c in cells for o in c.outputs)  # the timeline was drawn
    assert not (tmp_path / "build").exists()

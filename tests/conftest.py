"""The fixtures of the test suite: tiny corpora written by us, builds and graphs made once per session.

Helpers and data the tests share are in ``tests/support/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.corpus import SHARED, write_tiny_corpus


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory) -> Path:
    """A folder of two copies of ``tests.support.corpus.TINY_ARTICLE``."""
    return write_tiny_corpus(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample corpus built once, through the library call the CLI makes (a real build: mark tests slow)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("sample-build")
    return build([], out=out)


@pytest.fixture(scope="session")
def sample_rules_build(tmp_path_factory):
    """The sample corpus built with the rules alone (``model=None``), which reproduce its gold exactly.

    The saved-query tests check exact answers against the sample gold: they test the queries, so
    they run on the graph of the extractor written for that gold; the trained model's figures are
    tested on their own (tests/test_train.py, tests/test_model_shipped.py).
    """
    from kg.pipeline import build

    return build([], out=tmp_path_factory.mktemp("sample-rules-build"), model=None)


@pytest.fixture(scope="session")
def handmade_build(tmp_path_factory) -> Path:
    """A build folder (kg.trig, store/) of the hand-made query graph (``tests.support.handmade``)."""
    from tests.support.handmade import write_query_build

    return write_query_build(tmp_path_factory.mktemp("handmade"))


@pytest.fixture(scope="session")
def network_build(tmp_path_factory) -> Path:
    """A build folder of the hand-made network graph (two articles, every relation type)."""
    from tests.support.handmade import write_network_build

    return write_network_build(tmp_path_factory.mktemp("network-build"))


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory) -> Path:
    """A build folder of the network graph whose names, text and article URL carry markup and scripts."""
    from tests.support.handmade import write_network_build

    return write_network_build(tmp_path_factory.mktemp("hostile-build"), hostile=True)


@pytest.fixture(scope="session")
def network_rdf():
    """The RDF dataset of the hand-made network graph."""
    from tests.support.handmade import network_dataset

    return network_dataset()


@pytest.fixture(scope="session")
def network_graph(network_rdf):
    """The hand-made network graph projected to networkx (nine entities, every relation type)."""
    from kg.graph.projection import to_networkx

    return to_networkx(network_rdf)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the project; skipped cleanly when absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def handmade_server(handmade_build, tmp_path_factory):
    """``kg serve --port 0 --timeout 2 --max-rows 50`` on a copy of the hand-made build with a viewer page.

    Yields its base URL and process (a real server: mark tests slow).
    """
    import shutil

    from tests.support.serving import running_server

    build = tmp_path_factory.mktemp("served") / "build"
    shutil.copytree(handmade_build, build)
    (build / "graph.html").write_text("<!DOCTYPE html><title>viewer</title>", encoding="utf-8")
    with running_server(build, "--timeout", "2", "--max-rows", "50") as (url, proc):
        yield url, proc


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (skipped cleanly when it is not installed)."""
    from bench.viewer_bench import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    from tests.support.tools import require_tool

    executable = require_tool("chromium", CHROMIUM)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()

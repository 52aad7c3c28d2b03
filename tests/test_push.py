"""`kg push` to a real Oxigraph server (PyPI `oxigraph`) on loopback: idempotent, and queryable."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import Request, urlopen

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from kg.cli import main
from kg.errors import UsageError
from kg.errors import PushError
from kg.push import push
from kg.query import query, saved_query
from kg.rdf import isomorphic_datasets
from tests.conftest import require_tool

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph(tmp_path):
    """``oxigraph serve`` on a free loopback port with an empty store; yields its base URL."""
    exe = require_tool("oxigraph", str(Path(sys.executable).parent / "oxigraph"))
    port = _free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "oxi"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def server_dataset(url: str) -> Dataset:
    """Everything the server holds, as an rdflib Dataset."""
    with urlopen(Request(f"{url}/store", headers={"Accept": "application/n-quads"}), timeout=30) as r:
        data = r.read().decode("utf-8")
    ds = Dataset()
    ds.parse(data=data, format="nquads")
    return ds


def store_dataset(build: Path) -> Dataset:
    """The embedded store's contents (Oxigraph keeps xsd:nonNegativeInteger as xsd:integer, so not kg.trig)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(build / "store"))
    ds = Dataset()
    ds.parse(data=ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    return ds


def test_push_twice_leaves_the_same_contents(oxigraph, handmade_build):
    first = push(f"{oxigraph}/store", handmade_build)
    after_first = server_dataset(oxigraph)
    second = push(f"{oxigraph}/store", handmade_build)
    after_second = server_dataset(oxigraph)
    local = store_dataset(handmade_build)
    assert first.graphs == second.graphs == 7  # five articles, the entity graph, the build graph
    assert first.quads == second.quads == len(list(local.quads()))
    assert len(list(after_second.quads())) == len(list(after_first.quads())) == first.quads
    assert isomorphic_datasets(after_first, after_second)
    assert isomorphic_datasets(after_second, local)


@pytest.mark.parametrize("name, params", [
    ("partners", {"org": "진흥원"}),
    ("heads", {"org": "한빛산업진흥원"}),
    ("post_holder", {"org": "진흥원", "post": "원장", "on": "2024-03-01"}),
    ("most_connected", {}),
    ("name_history", {"org": "가람대학교"}),
    ("entity", {"name": "누리바이오협회"}),
])
def test_saved_query_on_the_server_matches_the_embedded_store(oxigraph, handmade_build, name, params):
    push(f"{oxigraph}/store", handmade_build)
    remote = query(saved_query(name), f"{oxigraph}/query", params=params)
    local = query(saved_query(name), handmade_build, params=params)
    assert local.rows and remote.columns == local.columns and remote.rows == local.rows


def test_cli_push(oxigraph, handmade_build):
    result = CliRunner().invoke(main, ["push", f"{oxigraph}/store", "--store", str(handmade_build)])
    assert result.exit_code == 0, result.output
    assert "pushed 7 graphs" in result.stderr


def test_unreachable_server_and_bad_url(handmade_build):
    with pytest.raises(PushError, match="cannot reach"):
        push(f"http://127.0.0.1:{_free_port()}/store", handmade_build, timeout=5)
    with pytest.raises(UsageError, match="http"):
        push("ftp://example.org/store", handmade_build)
    result = CliRunner().invoke(main, ["push", f"http://127.0.0.1:{_free_port()}/store", "--store", str(handmade_build)])
    assert result.exit_code == 2 and "cannot reach" in result.stderr

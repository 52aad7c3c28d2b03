"""Exports of a build: RDF serializations and GraphML/GEXF for Gephi; CSV tables in ``kg.export.tables``.

``export(build_dir, fmt, out)`` reads the build's store and writes one
format. TriG and N-Quads keep the named graphs; Turtle is the union of all
graphs (graph names and the per-article split are lost, duplicates merge);
JSON-LD keeps the named graphs and is compacted with ``ontology/context.jsonld``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ExportError, UsageError
from kg.export.tables import write_csv
from kg.rdf.namespaces import PREFIXES

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
RDF_FORMATS = ("trig", "turtle", "nquads", "jsonld")
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = RDF_FORMATS + NETWORK_FORMATS + ("csv",)
SUFFIXES = {"trig": ".trig", "turtle": ".ttl", "nquads": ".nq", "jsonld": ".jsonld", "graphml": ".graphml",
            "gexf": ".gexf", "csv": ""}


def export(build_dir: str | Path = "build", fmt: str = "trig", out: str | Path | None = None) -> list[Path]:
    """Write the graph of a build in ``fmt``; return the files written.

    Args:
        build_dir: a build folder (or its ``store/``).
        fmt: one of ``FORMATS``.
        out: the file to write (a folder for ``csv``); default
            ``<build_dir>/export/kg.<suffix>`` (``<build_dir>/export/csv/``).

    Raises:
        UsageError: unknown format.
        StoreError: no readable store in ``build_dir``.
    """
    from kg.store.build_dir import BuildDir
    from kg.store.load import load_build
    from kg.store.open import open_store

    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    folder = BuildDir.of(build_dir).export
    target = Path(out) if out else folder / ("csv" if fmt == "csv" else f"kg{SUFFIXES[fmt]}")
    if fmt == "csv":
        return write_csv(load_build(build_dir), target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt in NETWORK_FORMATS:
        with open_store(build_dir) as store:  # the projection runs SPARQL: far faster on Oxigraph
            write_network(store, target, fmt)
    elif fmt in ("trig", "nquads"):
        with open_store(build_dir) as store:
            target.write_bytes(_dump(store, fmt))
    else:
        target.write_bytes(serialize(load_build(build_dir), fmt))
    return [target]


def _dump(store, fmt: str) -> bytes:
    """The stated graphs of the store (its derived graph left out: ``kg.store.load.stated_quads``)."""
    import pyoxigraph as ox

    from kg.store.load import stated_quads

    if fmt == "nquads":
        return ox.serialize(stated_quads(store), format=ox.RdfFormat.N_QUADS)
    return ox.serialize(stated_quads(store), format=ox.RdfFormat.TRIG, prefixes=dict(PREFIXES))


def serialize(ds: "Dataset", fmt: str) -> bytes:
    """The dataset as ``trig``, ``turtle`` (union of the graphs), ``nquads`` or ``jsonld``."""
    if fmt == "trig":
        return to_trig(ds)
    if fmt == "jsonld":
        return ds.serialize(format="json-ld", context=jsonld_context(), encoding="utf-8")
    if fmt == "nquads":
        return ds.serialize(format="nquads", encoding="utf-8")
    if fmt == "turtle":
        from rdflib import Graph

        union = Graph()
        for prefix, ns in ds.namespaces():
            union.bind(prefix, ns)
        for s, p, o, _ in ds.quads():
            union.add((s, p, o))
        return union.serialize(format="turtle", encoding="utf-8")
    raise UsageError(f"{fmt!r} is not an RDF format; choose one of {', '.join(RDF_FORMATS)}")


def to_trig(ds: "Dataset") -> bytes:
    """TriG, written by Oxigraph (rdflib's TriG writer is quadratic: 23 s for 300 articles)."""
    import pyoxigraph as ox

    nquads = ds.serialize(format="nquads", encoding="utf-8")
    prefixes = {p: str(ns) for p, ns in ds.namespaces() if p in PREFIXES}
    return ox.serialize(ox.parse(nquads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG, prefixes=prefixes)


def jsonld_context() -> dict:
    """The JSON-LD context of ``ontology/context.jsonld``."""
    from kg.rdf.ontology import ontology_path

    return json.loads(ontology_path("context.jsonld").read_text(encoding="utf-8"))["@context"]


def write_network(source, path: Path, fmt: str) -> None:
    """GraphML or GEXF of the entity network (``kg.graph.projection.to_networkx`` of a Dataset or Store), flattened.

    GEXF reserves an edge's ``type`` (directed, undirected, mutual), so the
    relation goes in the edge attribute ``relation`` there. The file is
    written beside ``path``, parsed back, and only then put in its place: an
    export is never left half-written.

    Raises:
        UsageError: ``fmt`` is not a network format.
        ExportError: the file written is not well-formed XML (the previous file is kept).
    """
    import networkx as nx

    from kg.graph.projection import to_networkx

    if fmt not in NETWORK_FORMATS:
        raise UsageError(f"{fmt!r} is not a network format; choose one of {', '.join(NETWORK_FORMATS)}")
    graph = flatten_attributes(to_networkx(source))
    if fmt == "gexf":
        for _, _, data in graph.edges(data=True):
            if "type" in data:
                data["relation"] = data.pop("type")
    writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    _write_checked(path, lambda tmp: writer(graph, tmp))


def _write_checked(path: Path, write) -> None:
    """``write(tmp)`` beside ``path``; the result parsed as XML, then moved over ``path``."""
    import os
    import tempfile

    from lxml import etree

    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        etree.parse(str(tmp))
        os.replace(tmp, path)
    except etree.XMLSyntaxError as e:
        raise ExportError(f"{path.name} came out as broken XML ({e}); nothing was written: please report it") from e
    finally:
        tmp.unlink(missing_ok=True)


def flatten_attributes(graph: "nx.MultiDiGraph") -> "nx.MultiDiGraph":
    """A copy whose attributes are all str/int/float/bool (lists and dicts as JSON), for GraphML/GEXF."""
    flat = graph.__class__()
    flat.graph.update({k: _flat(v) for k, v in graph.graph.items() if v is not None})
    for node, data in graph.nodes(data=True):
        flat.add_node(_flat(node), **{k: _flat(v) for k, v in data.items() if v is not None})
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(_flat(u), _flat(v), key=_flat(key), **{k: _flat(x) for k, x in data.items() if x is not None})
    return flat


def _flat(value: object) -> object:
    if isinstance(value, str):
        return _XML_INVALID.sub("", value)  # XML 1.0 cannot carry them (they are removed when reading, too)
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        value = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
    try:
        return _XML_INVALID.sub("", json.dumps(value, ensure_ascii=False, default=str))
    except (TypeError, ValueError):
        return _XML_INVALID.sub("", str(value))

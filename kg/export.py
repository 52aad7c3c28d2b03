"""Exports of a build: RDF serializations, GraphML/GEXF for Gephi, CSV tables for pandas.

``export(build_dir, fmt, out)`` reads the build's store and writes one
format. TriG and N-Quads keep the named graphs; Turtle is the union of all
graphs (graph names and the per-article split are lost, duplicates merge);
JSON-LD keeps the named graphs and is compacted with ``ontology/context.jsonld``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from kg.errors import UsageError
from kg.rdf.namespaces import PREFIXES

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

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
    import pyoxigraph as ox

    if fmt == "nquads":
        return store.dump(format=ox.RdfFormat.N_QUADS)
    return store.dump(format=ox.RdfFormat.TRIG, prefixes=dict(PREFIXES))


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
    """GraphML or GEXF of the entity network (``kg.graph.projection.to_networkx`` of a Dataset or Store), flattened."""
    import networkx as nx

    from kg.graph.projection import to_networkx

    graph = flatten_attributes(to_networkx(source))
    if fmt == "graphml":
        nx.write_graphml(graph, path)
    elif fmt == "gexf":
        nx.write_gexf(graph, path)
    else:
        raise UsageError(f"{fmt!r} is not a network format; choose one of {', '.join(NETWORK_FORMATS)}")


def flatten_attributes(graph: "nx.MultiDiGraph") -> "nx.MultiDiGraph":
    """A copy whose attributes are all str/int/float/bool (lists and dicts as JSON), for GraphML/GEXF."""
    flat = graph.__class__()
    flat.graph.update({k: _flat(v) for k, v in graph.graph.items() if v is not None})
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: _flat(v) for k, v in data.items() if v is not None})
    for u, v, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **{k: _flat(x) for k, x in data.items() if x is not None})
    return flat


def _flat(value: object) -> object:
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        value = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


ENTITY_COLUMNS = ("iri", "kind", "label", "aliases", "articles", "mentions")
RELATION_COLUMNS = ("relation", "subject", "subject_label", "object", "object_label", "value", "detail",
                    "asserted_on", "article", "sentence_start", "sentence_end", "sentence", "fact")


def write_csv(ds: "Dataset", folder: Path) -> list[Path]:
    """``entities.csv`` and ``relations.csv`` (each relation with its source sentence) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    from kg.rdf.datasets import union_view

    with union_view(ds):
        for name, columns, rows in (("entities.csv", ENTITY_COLUMNS, entity_rows(ds)),
                                    ("relations.csv", RELATION_COLUMNS, relation_rows(ds))):
            path = folder / name
            with path.open("w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, fieldnames=columns)
                writer.writeheader()
                writer.writerows(_sorted(rows))
            written.append(path)
    return written


def _sorted(rows: Iterator[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: tuple(str(v) for v in r.values()))


def entity_rows(ds: "Dataset") -> Iterator[dict]:
    """One row per graph entity: IRI, kind, label, aliases, how many articles and mentions name it."""
    from rdflib.namespace import SKOS

    from kg.rdf.namespaces import ITSRDF, KG, NIF

    mentions: dict = {}
    for mention, entity in ds.subject_objects(ITSRDF.taIdentRef):
        mentions.setdefault(entity, []).append(ds.value(mention, NIF.referenceContext))
    for entity, kind in ds.subject_objects(KG.entityKind):
        found = mentions.get(entity, [])
        yield {"iri": str(entity), "kind": str(kind), "label": str(ds.value(entity, SKOS.prefLabel) or ""),
               "aliases": " | ".join(sorted(str(a) for a in ds.objects(entity, SKOS.altLabel))),
               "articles": len(set(found)), "mentions": len(found)}


def relation_rows(ds: "Dataset") -> Iterator[dict]:
    """One row per relation, with the sentence it comes from (article, offsets, text)."""
    from rdflib import RDF
    from rdflib.namespace import ORG, SKOS

    from kg.rdf.mapping import DIRECT
    from kg.rdf.namespaces import KG

    def label(node) -> str:
        return str(ds.value(node, SKOS.prefLabel) or "")

    names = {pred: rel for rel, (_, pred, _) in DIRECT.items()}
    for fact in ds.subjects(RDF.type, ORG.Membership):
        role = ds.value(fact, ORG.role)
        status = ds.value(fact, KG.tenureStatus)
        yield _row(ds, fact, "holdsPost" if role else "memberOf", ds.value(fact, ORG.member),
                   ds.value(fact, ORG.organization), label(role) if role else "", f"status={status}", label)
    for fact in ds.subjects(RDF.type, KG.Agreement):
        parties = sorted(ds.objects(fact, KG.party))
        signed = ds.value(fact, KG.signedOn)
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                yield _row(ds, fact, "partnership", a, b, str(signed or ""), f"parties={len(parties)}", label)
    for fact in ds.subjects(RDF.type, ORG.ChangeEvent):
        yield _row(ds, fact, "renamed", ds.value(fact, ORG.resultingOrganization), None,
                   str(ds.value(fact, KG.formerName) or ""), f"new name={ds.value(fact, KG.newName)}", label)
    for fact in ds.subjects(RDF.type, RDF.Statement):
        obj = ds.value(fact, RDF.object)
        is_node = not hasattr(obj, "datatype")
        yield _row(ds, fact, names.get(ds.value(fact, RDF.predicate), str(ds.value(fact, RDF.predicate))),
                   ds.value(fact, RDF.subject), obj if is_node else None, "" if is_node else str(obj), "", label)


def _row(ds: "Dataset", fact, relation: str, subject, obj, value: str, detail: str, label) -> dict:
    from rdflib.namespace import DCTERMS, PROV

    from kg.rdf.namespaces import KG, NIF

    sentence = ds.value(fact, PROV.wasDerivedFrom)
    article = ds.value(sentence, NIF.referenceContext) if sentence is not None else None

    def get(node, pred) -> str:
        found = ds.value(node, pred) if node is not None else None
        return str(found) if found is not None else ""

    return {"relation": relation, "subject": str(subject or ""), "subject_label": label(subject) if subject else "",
            "object": str(obj or ""), "object_label": label(obj) if obj is not None else "", "value": value,
            "detail": detail, "asserted_on": get(fact, KG.assertedOn),
            "article": get(article, DCTERMS.identifier), "sentence_start": get(sentence, NIF.beginIndex),
            "sentence_end": get(sentence, NIF.endIndex), "sentence": get(sentence, NIF.anchorOf), "fact": str(fact)}

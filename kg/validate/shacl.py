"""SHACL validation of a dataset (``ontology/shapes.ttl``), with sentences and mentions checked in Python.

pySHACL checks the shapes over the union of the build's graphs. Sentences
and mentions (most of the nodes) are checked by ``check_spans`` in plain
Python instead: the constraints of the deactivated ``kgsh:Span`` and
``kgsh:Mention`` shapes, plus what SHACL Core cannot say, that the offsets
slice exactly the span's text out of its article (``text[begin:end] ==
anchorOf``). That made validation 3–4× faster (see ``ontology/DESIGN.md``).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from kg.rdf.datasets import union_view
from kg.rdf.namespaces import NIF
from kg.rdf.ontology import ontology_path
from kg.validate.report import MENTION_SHAPE, SH, SPAN_SHAPE, ValidationReport, Violation, make_report, short_name

if TYPE_CHECKING:
    from rdflib import Dataset, Graph


def load_shapes() -> "Graph":
    """The SHACL shapes graph (``ontology/shapes.ttl``)."""
    from rdflib import Graph

    return Graph().parse(ontology_path("shapes.ttl"), format="turtle")


def validate_dataset(ds: "Dataset", shapes: "Graph | None" = None) -> ValidationReport:
    """Validate a dataset against the shapes, plus the offset check.

    Args:
        ds: a build's dataset (every named graph is validated as one union).
        shapes: the shapes graph (``ontology/shapes.ttl`` if None).
    """
    clock = time.perf_counter()
    return make_report(find_problems(ds, shapes if shapes is not None else load_shapes()),
                       time.perf_counter() - clock, len(ds))


def find_problems(ds: "Dataset | Graph", shapes: "Graph") -> list[Violation]:
    """Every SHACL result and span problem of ``ds`` (unsorted, as found)."""
    from pyshacl import validate

    with union_view(ds):  # pySHACL sets default_union on the dataset and leaves it set
        _, results, _ = validate(ds, shacl_graph=shapes, inference="none", advanced=False,
                                 allow_infos=True, allow_warnings=True)
        return [*_violations(results, shapes), *check_spans(ds)]


def _violations(results: "Graph", shapes: "Graph"):
    from rdflib import RDF, URIRef

    sh = lambda name: URIRef(SH + name)  # noqa: E731
    for result in results.subjects(RDF.type, sh("ValidationResult")):
        value = results.value(result, sh("value"))
        path = results.value(result, sh("resultPath"))
        severity = results.value(result, sh("resultSeverity"))
        yield Violation(
            focus=str(results.value(result, sh("focusNode"))),
            message=str(results.value(result, sh("resultMessage")) or "does not conform"),
            path=short_name(path) if path is not None else None,
            value=str(value) if value is not None else None,
            shape=_shape_name(results.value(result, sh("sourceShape")), shapes),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        )


def _shape_name(shape, shapes: "Graph") -> str:
    """A shape's name; a blank property shape is named by its node shape and path (stable across loads)."""
    from rdflib import BNode, URIRef

    if not isinstance(shape, BNode):
        return short_name(shape)
    parent = shapes.value(None, URIRef(SH + "property"), shape)
    path = shapes.value(shape, URIRef(SH + "path"))
    if parent is None or path is None:
        return "a blank shape"
    return f"{short_name(parent)} {short_name(path)}"


def check_spans(ds: "Dataset | Graph") -> list[Violation]:
    """Sentences and mentions that break ``kgsh:Span`` or ``kgsh:Mention`` (deactivated in SHACL).

    Each span has exactly one begin, end, anchor and article (a ``kg:Article``
    with a text), and ``text[begin:end] == anchor``; each mention identifies an
    entity (two or more: a warning) and is in at most one sentence. One scan
    per predicate over every named graph (call it in ``union_view``): no
    per-node lookups.
    """
    from rdflib import RDF

    from kg.rdf.namespaces import ITSRDF, KG

    def of_type(cls) -> set:
        return set(ds.subjects(RDF.type, cls))

    texts = {ctx: (next(iter(t)) if len(t) == 1 else None) for ctx, t in _index(ds, NIF.isString).items()}
    articles, sentences, mentions = of_type(KG.Article), of_type(NIF.Sentence), of_type(NIF.Phrase)
    values = {p: _index(ds, p) for p in _SPAN_PROPERTIES}
    out = _check_mentions(mentions, sentences, _index(ds, ITSRDF.taIdentRef), _index(ds, NIF.sentence))
    for span in sorted(sentences | mentions):
        found = {p: values[p].get(span, ()) for p in _SPAN_PROPERTIES}
        wrong = [p for p, v in found.items() if len(v) != 1]
        if wrong:
            names = ", ".join(short_name(p) for p in wrong)
            out.append(Violation(str(span), f"a span has exactly one of each: {names}", shape=SPAN_SHAPE))
            continue
        out.extend(_check_span(span, *(next(iter(found[p])) for p in _SPAN_PROPERTIES), texts, articles))
    return out


def _index(ds: "Dataset | Graph", predicate) -> dict:
    """Subject -> set of objects of ``predicate``, over all graphs."""
    out: dict = {}
    for s, o in ds.subject_objects(predicate):
        out.setdefault(s, set()).add(o)
    return out


def _check_span(span, begin, end, anchor, ctx, texts: dict, articles: set) -> list[Violation]:
    def bad(message: str, path: str) -> list[Violation]:
        return [Violation(str(span), message, path=path, value=str(anchor)[:80], shape=SPAN_SHAPE)]

    if ctx not in articles or texts.get(ctx) is None:
        return bad("a span points into a kg:Article with exactly one text", "nif:referenceContext")
    try:
        b, e = int(str(begin)), int(str(end))
    except ValueError:
        return bad("offsets are integers", "nif:beginIndex")
    text = str(texts[ctx])
    if not (0 <= b < e <= len(text)) or text[b:e] != str(anchor):
        return bad(f"offsets {b},{e} do not slice nif:anchorOf out of the article text", "nif:anchorOf")
    return []


def _check_mentions(mentions: set, sentences: set, identifies: dict, within: dict) -> list[Violation]:
    from rdflib import URIRef

    out = []
    for mention in sorted(mentions):
        entities = identifies.get(mention, set())
        if not entities or not all(isinstance(e, URIRef) for e in entities):
            out.append(Violation(str(mention), "a mention identifies an entity", path="itsrdf:taIdentRef",
                                 shape=MENTION_SHAPE))
        elif len(entities) > 1:
            out.append(Violation(str(mention), "the same characters are a mention of two or more entities",
                                 path="itsrdf:taIdentRef", shape=MENTION_SHAPE, severity="Warning"))
        inside = within.get(mention, set())
        if len(inside) > 1 or not inside <= sentences:
            out.append(Violation(str(mention), "a mention is in at most one sentence", path="nif:sentence",
                                 shape=MENTION_SHAPE))
    return out


_SPAN_PROPERTIES = (NIF.beginIndex, NIF.endIndex, NIF.anchorOf, NIF.referenceContext)

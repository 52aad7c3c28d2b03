"""SHACL validation of a build (``ontology/shapes.ttl``), with a readable report.

pySHACL checks the shapes over the union of the build's graphs. Sentences
and mentions (most of the nodes) are checked by ``check_spans`` in plain
Python instead: the constraints of the deactivated ``kgsh:Span`` and
``kgsh:Mention`` shapes, plus what SHACL Core cannot say, that the offsets
slice exactly the span's text out of its article (``text[begin:end] ==
anchorOf``). That made validation 3–4× faster (see ``ontology/DESIGN.md``).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from kg.errors import StoreError
from kg.rdf.datasets import union_view
from kg.rdf.namespaces import NIF, PREFIXES, SHAPES, curie
from kg.rdf.ontology import ontology_path

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

SH = "http://www.w3.org/ns/shacl#"
STRATEGY = "pySHACL over the union of the graphs; spans and mentions checked in Python"
SPAN_SHAPE = "kgsh:Span"
MENTION_SHAPE = "kgsh:Mention"


@dataclass(frozen=True)
class Violation:
    """One result of the validation: which node, which property, what is wrong."""

    focus: str
    message: str
    path: str | None = None
    value: str | None = None
    shape: str | None = None
    severity: str = "Violation"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a build."""

    conforms: bool
    violations: tuple[Violation, ...] = ()
    warnings: tuple[Violation, ...] = ()
    seconds: float = 0.0
    triples: int = 0
    strategy: str = STRATEGY

    def as_dict(self) -> dict:
        """The summary recorded in ``report.json``."""
        return {"conforms": self.conforms, "violations": len(self.violations), "warnings": len(self.warnings),
                "seconds": round(self.seconds, 3), "triples": self.triples, "strategy": self.strategy}


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


def make_report(found: "Iterable[Violation]", seconds: float, triples: int, strategy: str = STRATEGY
                ) -> ValidationReport:
    """The report of what was found: violations and warnings, each once, in a fixed order."""
    ordered = sorted(set(found), key=lambda v: (v.message, v.focus, v.path or "", v.value or "", v.shape or ""))
    violations = [v for v in ordered if v.severity == "Violation"]
    return ValidationReport(
        conforms=not violations,
        violations=tuple(violations),
        warnings=tuple(v for v in ordered if v.severity != "Violation"),
        seconds=seconds,
        triples=triples,
        strategy=strategy,
    )


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
            path=_short(path) if path is not None else None,
            value=str(value) if value is not None else None,
            shape=_shape_name(results.value(result, sh("sourceShape")), shapes),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        )


def _shape_name(shape, shapes: "Graph") -> str:
    """A shape's name; a blank property shape is named by its node shape and path (stable across loads)."""
    from rdflib import BNode, URIRef

    if not isinstance(shape, BNode):
        return _short(shape)
    parent = shapes.value(None, URIRef(SH + "property"), shape)
    path = shapes.value(shape, URIRef(SH + "path"))
    if parent is None or path is None:
        return "a blank shape"
    return f"{_short(parent)} {_short(path)}"


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
            names = ", ".join(_short(p) for p in wrong)
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


def _short(term) -> str:
    return curie(term, _SHORT)


_SHORT = {"kgsh": str(SHAPES), **PREFIXES}


def validate_build(build_dir: str | Path = "build", articles: int | None = None) -> ValidationReport:
    """Validate the graph of a build folder (or its ``store/``), in bounded memory.

    The store is read and validated ``articles`` articles at a time
    (``kg.validate_batch``; None: its default batch size); the report is the
    one ``validate_dataset(kg.store.load.load_build(build_dir))`` gives, without holding
    the whole graph.
    """
    from kg.validate_batch import ARTICLES_PER_BATCH, validate_build_batched

    return validate_build_batched(build_dir, articles or ARTICLES_PER_BATCH)


# Above this size ``kg build`` skips validation (run ``kg validate`` instead):
# 150k triples validate in 2.5 s, about 17 s per million (see DESIGN.md).
BUILD_VALIDATION_MAX_TRIPLES = 5_000_000
# ``kg build`` validates at most this many articles (spread evenly over the
# sorted ids), with the shared triples about their entities and the build
# graph; ``kg validate`` checks every article. ~8 ms per article.
BUILD_VALIDATION_ARTICLES = 100


@dataclass(frozen=True)
class BuildSample:
    """What ``kg build`` validates: ``articles`` of its ``total`` articles, as one dataset."""

    dataset: "Dataset"
    articles: int
    total: int

    def scope(self) -> dict:
        """The ``scope`` entry of the validation summary in ``report.json``."""
        if self.articles >= self.total:
            return {"kind": "full", "articles": self.total}
        return {"kind": "sample", "articles": self.articles, "of": self.total,
                "how": "articles spread evenly over the sorted ids, with the shared triples about their entities "
                       "and the build graph; `kg validate` checks every article"}


def validate_build_graph(graph: "Dataset | BuildSample", max_triples: int = BUILD_VALIDATION_MAX_TRIPLES) -> dict:
    """The ``validation`` entry of ``report.json`` for a freshly built dataset (or a sample of it).

    ``{"conforms", "violations", "warnings", "seconds", "scope", ...}``, or
    ``{"skipped": reason, "scope", ...}`` above ``max_triples``. ``scope``
    says whether every article was validated (``"full"``) or a sample.
    """
    ds = graph.dataset if isinstance(graph, BuildSample) else graph
    scope = graph.scope() if isinstance(graph, BuildSample) else {"kind": "full"}
    size = len(ds)
    if size > max_triples:
        return {"skipped": f"{size} triples > {max_triples}: run `kg validate` on the build", "triples": size,
                "scope": scope}
    report = validate_dataset(ds)
    summary = report.as_dict()
    summary["scope"] = scope
    if report.violations:
        summary["first"] = [f"<{v.focus}> {v.path or ''}: {v.message}" for v in report.violations[:5]]
    return summary


def format_report(report: ValidationReport, limit: int = 20) -> str:
    """A readable report: verdict, counts per shape and message, then examples."""
    warned = f", {len(report.warnings)} warnings" if report.warnings else ""
    if report.conforms:
        lines = [f"valid: {report.triples} triples conform to the kg shapes{warned} ({report.seconds:.2f} s)"]
    else:
        lines = [f"NOT valid: {len(report.violations)} violations{warned} in {report.triples} triples "
                 f"({report.seconds:.2f} s)"]
    for title, found in (("violations", report.violations), ("warnings", report.warnings)):
        if found:
            lines.extend(_section(title, found, limit))
    return "\n".join(lines)


def _section(title: str, found: tuple[Violation, ...], limit: int) -> list[str]:
    counts = Counter(v.message for v in found)
    lines = [f"{title} by kind:"]
    lines.extend(f"  {n:5d}  {message}" for message, n in counts.most_common())
    lines.append(f"first {min(limit, len(found))} {title}:")
    for v in found[:limit]:
        where = f" {v.path}" if v.path else ""
        value = f" = {v.value!r}" if v.value is not None else ""
        lines.append(f"  <{v.focus}>{where}{value}: {v.message}")
    return lines

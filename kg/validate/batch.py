"""Validation in bounded memory: a build's store validated batch by batch (``kg validate``).

Loading a whole store into one rdflib ``Dataset`` took 1.9 GB for 0.5
million triples (1,000 articles). Instead the store's subjects are cut into
batches, and each batch is validated (pySHACL and ``check_spans``) on its own
small graph, the *neighbourhood* of its subjects, read from the store:

1. every quad whose subject is in the batch, from every graph;
2. the ``rdf:type`` quads of the nodes reached through a property whose
   values' class a shape checks (``sh:class``, also inside ``sh:or``), and
   the ``nif:isString`` of the articles spans point into;
3. all the quads of the nodes reached through a property with an ``sh:node``
   shape (tenure intervals, their instants), and of the class-checked nodes
   that are targets of a shape themselves (roles, merge decisions, articles,
   the build activity), recursively: no node is checked on partial data;
4. every ``rdfs:subClassOf`` quad of the store.

The paths come from the shapes graph (``Reach``). Every shape of
``ontology/shapes.ttl`` targets subjects (``sh:targetClass``,
``sh:targetSubjectsOf``) and follows single predicates from them, so a focus
node's results depend only on its neighbourhood: they are those of the
whole-store validation. Results are kept for the batch's own subjects only;
a subject met in several batches (a node in two article graphs) gives the
same results each time, kept once. No shape needs
the whole graph at once (no uniqueness across nodes, no SPARQL constraints).

Batches: the subjects of ``articles`` article graphs at a time, then the
subjects of the other graphs (shared entities, build), ``subjects`` at a time.
A subject of an article graph that is also one of another graph (an entity
with a relation triple in the article) is left to the second kind: an entity
named in many articles would otherwise bring all its quads, merge decisions
and their articles into every batch of articles that names it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, URIRef

from kg.rdf.iris import is_article_graph, is_derived_graph
from kg.rdf.namespaces import NIF
from kg.rdf.terms import to_rdflib
from kg.validate.report import SH, ValidationReport, Violation, make_report
from kg.validate.shacl import find_problems, load_shapes

if TYPE_CHECKING:
    from rdflib import Graph

STRATEGY = ("pySHACL over the union of the graphs, in batches of articles with the neighbourhood of their "
            "subjects; spans and mentions checked in Python")
ARTICLES_PER_BATCH = 100
SUBJECTS_PER_BATCH = 20_000
RDF_TYPE = str(RDF.type)
SUBCLASS_OF = str(RDFS.subClassOf)


def validate_store(store: "ox.Store", articles: int | None = ARTICLES_PER_BATCH,
                   subjects: int = SUBJECTS_PER_BATCH, shapes: "Graph | None" = None) -> ValidationReport:
    """Validate every graph of ``store``, ``articles`` article graphs at a time (None: all at once).

    The result is the whole-store validation's: same violations and warnings.
    """
    clock = time.perf_counter()
    shapes = shapes if shapes is not None else load_shapes()
    paths = reach(shapes)
    found: set[Violation] = set()
    triples = Fraction(0)
    for batch in subject_batches(store, articles, subjects):
        found.update(validate_subjects(store, batch, shapes, paths))
        triples += triples_of(store, batch)
    return make_report(found, time.perf_counter() - clock, int(triples), STRATEGY)


def triples_of(store: "ox.Store", subjects: list) -> Fraction:
    """How many distinct triples (in the union of the graphs) have these subjects, shared by the batches.

    ``subject_batches`` yields a subject once per graph it is a subject of
    (among the article graphs, or among the others if it is in one): each
    time, it counts for that share of its triples, so the batches add up to
    what ``len`` of the whole dataset says, without holding it.
    """
    total = Fraction(0)
    for s in subjects:  # a subject of two graphs of the batch is in it twice, for two shares
        quads = list(store.quads_for_pattern(s, None, None, None))
        graphs = {q.graph_name for q in quads}
        other = {g for g in graphs if isinstance(g, ox.DefaultGraph) or not is_article_graph(g.value)}
        total += Fraction(len({(q.predicate, q.object) for q in quads}), len(other or graphs))
    return total


@dataclass(frozen=True)
class Reach:
    """What the shapes look at beyond a focus node's own triples (derived from the shapes graph)."""

    follow: frozenset[str]  # predicates whose values are checked against a node shape (sh:node)
    typed: frozenset[str]  # predicates whose values' classes are checked (sh:class, also in sh:or)
    targets: frozenset[str]  # the classes of sh:targetClass


def reach(shapes: "Graph") -> Reach:
    """The ``Reach`` of ``shapes`` (deactivated shapes too: ``kg.validate.shacl.check_spans`` does their work)."""
    sh = lambda name: URIRef(SH + name)  # noqa: E731

    def inside(node) -> set:  # the node and the blank nodes under it (sh:or lists, nested shapes)
        found, todo = set(), [node]
        while todo:
            n = todo.pop()
            found.add(n)
            todo.extend(o for o in shapes.objects(n, None) if isinstance(o, BNode) and o not in found)
        return found

    def paths_with(predicate: str) -> frozenset[str]:
        return frozenset(str(path) for shape, path in shapes.subject_objects(sh("path"))
                         if any(shapes.value(n, sh(predicate)) is not None for n in inside(shape)))

    return Reach(paths_with("node"), paths_with("class") | {str(NIF.referenceContext)},
                 frozenset(str(c) for c in shapes.objects(None, sh("targetClass"))))


def subject_batches(store: "ox.Store", articles: int | None, subjects: int) -> Iterator[list]:
    """The store's subjects in batches: those of ``articles`` article graphs, then of the other graphs.

    The derived graph is left out: it states nothing (counts and dates read off
    the others, ``kg.store.derived``), and its triples must not count twice.
    """
    graphs = sorted((g for g in store.named_graphs() if not is_derived_graph(g.value)), key=lambda g: g.value)
    in_articles = [g for g in graphs if is_article_graph(g.value)]
    others = [g for g in graphs if not is_article_graph(g.value)] + [ox.DefaultGraph()]
    step = articles if articles else max(len(in_articles), 1)
    for i in range(0, len(in_articles), step):  # a subject also in another graph comes with that graph
        yield [s for s in _subjects(store, in_articles[i:i + step]) if not _in_any(store, s, others)]
    batch: list = []
    for subject in _subjects(store, others):
        batch.append(subject)
        if len(batch) >= subjects:
            yield batch
            batch = []
    if batch:
        yield batch


def _in_any(store: "ox.Store", subject, graphs: list) -> bool:
    """Whether ``subject`` has a quad in one of ``graphs`` (blank nodes never leave their graph)."""
    if isinstance(subject, ox.BlankNode):
        return False
    return any(next(iter(store.quads_for_pattern(subject, None, None, g)), None) is not None for g in graphs)


def _subjects(store: "ox.Store", graphs: Iterable) -> Iterator:
    """The distinct subjects of ``graphs``, graph by graph (a subject in two graphs comes twice)."""
    for graph in graphs:
        last = None
        for quad in store.quads_for_pattern(None, None, None, graph):  # GSPO order: grouped by subject
            if quad.subject != last:
                last = quad.subject
                yield last


def validate_subjects(store: "ox.Store", subjects: list, shapes: "Graph", paths: Reach) -> list[Violation]:
    """What validation says about ``subjects``: pySHACL and the span check over their neighbourhood."""
    ds = neighbourhood(store, subjects, paths)
    mine = {_name(s) for s in subjects}
    return [v for v in find_problems(ds, shapes) if v.focus in mine]


def neighbourhood(store: "ox.Store", subjects: list, paths: Reach) -> "Graph":
    """The quads of ``subjects`` and what their shapes look at (see the module doc), as one rdflib graph."""
    rdf_type, is_string = ox.NamedNode(RDF_TYPE), ox.NamedNode(str(NIF.isString))
    context = str(NIF.referenceContext)
    quads: set = set(store.quads_for_pattern(None, ox.NamedNode(SUBCLASS_OF), None, None))
    whole, typed = set(), set()
    todo = list(dict.fromkeys(subjects))
    while todo:  # nodes with all their quads: the subjects, then nodes they point to that shapes look into
        nxt = []
        for s in todo:
            whole.add(s)
            for q in store.quads_for_pattern(s, None, None, None):
                quads.add(q)
                o, p = q.object, q.predicate.value
                if isinstance(o, ox.Literal) or o in whole:
                    continue
                if p in paths.follow:
                    nxt.append(o)
                elif p in paths.typed and o not in typed:
                    typed.add(o)
                    types = list(store.quads_for_pattern(o, rdf_type, None, None))
                    quads.update(types)
                    if p == context:
                        quads.update(store.quads_for_pattern(o, is_string, None, None))
                    if any(t.object.value in paths.targets for t in types):
                        nxt.append(o)  # a target of a shape itself: all of it, or its results would be partial
        todo = [o for o in dict.fromkeys(nxt) if o not in whole]
    return to_graph(quads)


def to_graph(quads: Iterable["ox.Quad"]) -> "Graph":
    """Oxigraph quads as one rdflib graph, their union (terms as ``kg.store.load.load_build`` parses them)."""
    from rdflib import Graph

    g = Graph()
    terms: dict = {}

    def term(t):
        found = terms.get(t)
        if found is None:
            found = terms[t] = to_rdflib(t)
        return found

    g.addN((term(q.subject), term(q.predicate), to_rdflib(q.object), g) for q in quads)
    return g


def _name(term) -> str:
    """A focus node as ``Violation.focus`` names it."""
    return term.value


def validate_build_batched(build_dir: str | Path, articles: int | None = ARTICLES_PER_BATCH) -> ValidationReport:
    """Validate the store of a build folder in batches of ``articles`` articles."""
    from kg.store.open import open_store

    with open_store(build_dir) as store:
        return validate_store(store, articles)

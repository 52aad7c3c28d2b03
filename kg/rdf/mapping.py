"""Map extractions and their resolution to an RDF dataset: the stage's entry, ``to_rdf``.

- ``<base>graph/entities`` (shared): each graph entity once: types, labels,
  aliases, hierarchy (``org:subOrganizationOf``), posts (``org:Post``), and
  the entity-resolution decisions that joined it (``kg:mergedBy``).
- ``<base>graph/article/<id>`` (one per article): the article (PROV-O,
  DCTERMS, NIF context with its text), its sentences and entity mentions
  (NIF offsets), and the facts it states, each fact linked to its sentence
  with ``prov:wasDerivedFrom``. An agreement stated by several articles is
  one node (``<base>agreement/…``): each article's graph says what that
  article states of it, with its own sentence and the decision that joined
  its statement (``kg:mergedBy``). An article of a story printed more than
  once is ``dcterms:isVersionOf`` its ``kg:Story`` node, with the decision
  that found it so.
- ``<base>graph/build``: the extraction activity (PROV-O: software agent with
  its version, start and end time); the only graph that differs between two
  builds of the same input.

Binary relations are direct triples (``kg:operates``, ``schema:organizer`` …)
plus an ``rdf:Statement`` node carrying their provenance; n-ary facts
(memberships, agreements, renames) are nodes of their own.
See ``ontology/DESIGN.md`` for the reasons behind each choice.
"""

from __future__ import annotations

import bisect
import functools
import re
from datetime import datetime, timezone
from typing import Container, Iterable, Protocol

from rdflib import RDF, RDFS, XSD, BNode, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SDO, SKOS, TIME

from kg import __version__
from kg.rdf.iris import DEFAULT_BASE_IRI, Iris
from kg.rdf.namespaces import ITSRDF, KG, NIF, PREFIXES
from kg.records import Extraction, GraphEntity, Merge, Relation, Resolution, Span, Story
from kg.text import digest

CLASSES = {
    "Organization": ORG.Organization,
    "Person": FOAF.Person,
    "Program": KG.Program,
    "Event": SDO.Event,
    "Place": SDO.Place,
}
# Binary relation type -> (subject field, predicate, object field).
DIRECT = {
    "operates": ("org", KG.operates, "program"),
    "subOrganizationOf": ("child", ORG.subOrganizationOf, "parent"),
    "organizes": ("event", SDO.organizer, "org"),
    "participatesIn": ("event", SDO.attendee, "agent"),
    "heldAt": ("event", SDO.location, "place"),
    "eventDate": ("event", SDO.startDate, "date"),
    "founded": ("org", SDO.foundingDate, "year"),
    "locatedIn": ("entity", SDO.containedInPlace, "place"),
}
KO = "ko"
# Date granularity -> (literal datatype, OWL-Time property of an instant).
DATE_TYPES = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date, TIME.inXSDDate),
    (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth, TIME.inXSDgYearMonth),
    (re.compile(r"\d{4}"), XSD.gYear, TIME.inXSDgYear),
)


class Sink(Protocol):
    """Where the mapping puts triples: an rdflib ``Graph``, or ``kg.rdf.nquads``' N-Quads lines."""

    def add(self, triple: tuple) -> object: ...


def to_rdf(
    extractions: Iterable[Extraction],
    resolution: Resolution,
    base_iri: str = DEFAULT_BASE_IRI,
    generated_at: datetime | None = None,
    started_at: datetime | None = None,
) -> Dataset:
    """The RDF dataset of a build.

    Args:
        extractions: one per article.
        resolution: the cross-article entities of those extractions.
        base_iri: the namespace under which every IRI of the build is minted.
        generated_at: the time the extraction activity ended (now if None).
        started_at: the time it started (``generated_at`` if None).

    Raises:
        UsageError: ``base_iri`` is not an absolute IRI.
    """
    iris = Iris(base_iri)
    ds = Dataset()
    _bind(ds)
    shared = ds.graph(iris.entities_graph)
    for ent in resolution.entities:
        add_entity(shared, ent, iris)
    for extraction in extractions:
        add_article(ds.graph(iris.graph(extraction.article.id)), shared, extraction, resolution, iris)
    add_build(ds.graph(iris.build_graph), iris, generated_at, started_at)
    return ds


def add_build(build: Sink, iris: Iris, ended: datetime | None, started: datetime | None) -> None:
    """The build graph's triples: the extraction activity and its software agent."""
    act, agent = iris.activity, iris.agent
    build.add((act, RDF.type, PROV.Activity))
    build.add((act, RDFS.label, Literal(f"kg {__version__} extraction", lang="en")))
    build.add((act, PROV.wasAssociatedWith, agent))
    build.add((agent, RDF.type, PROV.SoftwareAgent))
    build.add((agent, RDFS.label, Literal(f"kg {__version__}")))
    build.add((agent, SDO.softwareVersion, Literal(__version__)))
    ended = (ended or datetime.now(timezone.utc)).replace(microsecond=0)
    started = (started or ended).replace(microsecond=0)
    build.add((act, PROV.startedAtTime, Literal(started.isoformat(), datatype=XSD.dateTime)))
    build.add((act, PROV.endedAtTime, Literal(ended.isoformat(), datatype=XSD.dateTime)))


def date_literal(value: object) -> Literal:
    """A date at its granularity: ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``.

    Anything else stays a plain literal, which the SHACL shapes then report.
    """
    text = str(value)
    for pattern, datatype, _ in DATE_TYPES:
        if pattern.fullmatch(text):
            return Literal(text, datatype=datatype)
    return Literal(text)


def _time_property(value: str) -> URIRef:
    for pattern, _, prop in DATE_TYPES:
        if pattern.fullmatch(value):
            return prop
    return TIME.inXSDDate


def _bind(ds: Dataset) -> None:
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)


def add_entity(g: Sink, ent: GraphEntity, iris: Iris, articles: Container[str] | None = None) -> None:
    """One graph entity's triples in the shared graph.

    ``articles``: keep only the merge decisions of these articles (a
    validation sample); all of them if None.
    """
    node = iris.entity(ent.id)
    g.add((node, RDF.type, CLASSES[ent.type]))
    g.add((node, KG.entityKind, Literal(ent.type)))
    g.add((node, SKOS.prefLabel, Literal(ent.name, lang=KO)))
    for alias in ent.aliases:
        g.add((node, SKOS.altLabel, Literal(alias, lang=KO)))
    _add_merges(g, node, ent, iris, articles)


def _add_merges(g: Sink, node: URIRef, ent: GraphEntity, iris: Iris, articles: Container[str] | None) -> None:
    # Resolution evidence, queryable: which article's entity joined, by which rule.
    for merge in ent.merges:
        if articles is not None and merge.article_id not in articles:
            continue
        _add_decision(g, node, merge, iris)


def _add_decision(g: Sink, node: URIRef, merge: Merge, iris: Iris) -> None:
    decision = iris.merge(merge)
    g.add((node, KG.mergedBy, decision))
    g.add((decision, RDF.type, KG.MergeDecision))
    g.add((decision, KG.mergeRule, Literal(merge.rule)))
    g.add((decision, KG.mergeEvidence, Literal(merge.evidence)))
    g.add((decision, KG.mergedFrom, iris.article(merge.article_id)))
    g.add((decision, KG.localKey, Literal(merge.key)))


def add_article(g: Sink, shared: Sink, x: Extraction, resolution: Resolution, iris: Iris) -> None:
    """One article's triples into its graph ``g`` (hierarchy and posts also into ``shared``)."""
    a = x.article
    art = iris.article(a.id)
    g.add((art, RDF.type, KG.Article))
    g.add((art, RDF.type, NIF.Context))
    g.add((art, RDF.type, PROV.Entity))
    g.add((art, DCTERMS.identifier, Literal(a.id)))
    g.add((art, DCTERMS.language, Literal(KO, datatype=XSD.language)))
    g.add((art, NIF.isString, Literal(a.text)))
    g.add((art, PROV.wasGeneratedBy, iris.activity))
    if a.title:
        g.add((art, DCTERMS.title, Literal(a.title, lang=KO)))
    if a.published:
        g.add((art, DCTERMS.issued, Literal(a.published.isoformat(), datatype=XSD.date)))
    if a.publisher:
        g.add((art, DCTERMS.publisher, Literal(a.publisher)))
    if a.url:
        g.add((art, SDO.url, Literal(a.url, datatype=XSD.anyURI)))
    for sent in x.sentences:
        _add_span(g, iris, a.id, sent, NIF.Sentence)
    starts = [s.start for s in x.sentences]
    for ent in x.entities:
        node = iris.entity(resolution.index[(a.id, ent.key)])
        for mention in ent.mentions:
            m = _add_span(g, iris, a.id, mention, NIF.Phrase)
            g.add((m, ITSRDF.taIdentRef, node))
            i = bisect.bisect_right(starts, mention.start) - 1
            if i >= 0 and x.sentences[i].end >= mention.end:
                g.add((m, NIF.sentence, iris.span(a.id, x.sentences[i])))
    story = resolution.story_of.get(a.id)
    if story is not None:
        _add_story(g, art, a.id, story, iris)
    for i, rel in enumerate(x.relations):
        if (a.id, i) not in resolution.dropped:
            _add_relation(g, shared, x, i, rel, resolution, iris)


def _add_story(g: Sink, art: URIRef, article_id: str, story: Story, iris: Iris) -> None:
    """The article is a version of its story; the decision says how like the others its text is."""
    node = iris.entity(story.id)
    g.add((art, DCTERMS.isVersionOf, node))
    g.add((node, RDF.type, KG.Story))
    if article_id in story.like:
        merge = Merge(article_id, "story", "near-duplicate",
                      f"body text {story.similarity[article_id]:.2f} similar to {story.like[article_id]} "
                      "(MinHash estimate of the Jaccard similarity of their 5-character shingles)")
    else:
        merge = Merge(article_id, "story", "new", "the first article of its story (by id)")
    _add_decision(g, node, merge, iris)


# Spans are most of a graph: their predicates and offset literals made once, not per span.
_SPAN_PREDICATES = (RDF.type, NIF.beginIndex, NIF.endIndex, NIF.anchorOf, NIF.referenceContext)


@functools.lru_cache(maxsize=1 << 15)
def _offset(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


def _add_span(g, iris: Iris, article_id: str, span: Span, cls: URIRef) -> URIRef:
    node = iris.span(article_id, span)
    is_a, begin, end, anchor, context = _SPAN_PREDICATES
    g.add((node, is_a, cls))
    g.add((node, begin, _offset(span.start)))
    g.add((node, end, _offset(span.end)))
    g.add((node, anchor, Literal(span.text)))
    g.add((node, context, iris.article(article_id)))
    return node


def _add_relation(g, shared, x: Extraction, i: int, rel: Relation, resolution: Resolution, iris: Iris) -> None:
    aid = x.article.id

    def ent(key: str) -> URIRef:
        return iris.entity(resolution.index[(aid, key)])

    if rel.type == "partnership":
        fact = iris.entity(resolution.fact_index[(aid, i)])
    else:
        fact = iris.fact(aid, rel.type, sorted((k, str(v)) for k, v in rel.args.items()), rel.sentence.start)
    sentence = iris.span(aid, rel.sentence)
    g.add((fact, PROV.wasDerivedFrom, sentence))
    if rel.type in ("holdsPost", "memberOf"):
        _add_membership(g, shared, fact, x, rel, ent, resolution, iris)
    elif rel.type == "partnership":
        # One node for the agreement, whichever articles state it; this article's statement of it.
        g.add((fact, RDF.type, KG.Agreement))
        for key in rel.args["orgs"]:
            g.add((fact, KG.party, ent(key)))
        if rel.args.get("date"):
            g.add((fact, KG.signedOn, date_literal(rel.args["date"])))
        _add_decision(g, fact, resolution.fact_merges[(aid, i)], iris)
    elif rel.type == "renamed":
        g.add((fact, RDF.type, ORG.ChangeEvent))
        # One entity before and after a rename: the former name is its alias.
        g.add((fact, ORG.originalOrganization, ent(rel.args["to"])))
        g.add((fact, ORG.resultingOrganization, ent(rel.args["to"])))
        g.add((fact, KG.formerName, Literal(rel.args["from"], lang=KO)))
        g.add((fact, KG.newName, Literal(x.entity(rel.args["to"]).name, lang=KO)))
    else:
        _add_statement(g, shared, fact, rel, ent)


def _add_statement(g, shared, fact: URIRef, rel: Relation, ent) -> None:
    """A binary relation: the direct triple, and a statement node carrying its provenance."""
    s_field, pred, o_field = DIRECT[rel.type]
    subject = ent(rel.args[s_field])
    value = rel.args[o_field]
    if o_field == "date":
        obj = date_literal(value)
    elif o_field == "year":
        obj = Literal(str(value), datatype=XSD.gYear)
    else:
        obj = ent(value)
    g.add((subject, pred, obj))
    if pred == ORG.subOrganizationOf:
        # Hierarchy belongs to the entities too: once, in the shared graph.
        shared.add((subject, pred, obj))
    g.add((fact, RDF.type, RDF.Statement))
    g.add((fact, RDF.subject, subject))
    g.add((fact, RDF.predicate, pred))
    g.add((fact, RDF.object, obj))


def _add_membership(g, shared, fact: URIRef, x: Extraction, rel: Relation, ent, resolution: Resolution,
                    iris: Iris) -> None:
    g.add((fact, RDF.type, ORG.Membership))
    g.add((fact, ORG.member, ent(rel.args["person"])))
    g.add((fact, ORG.organization, ent(rel.args["org"])))
    g.add((fact, KG.tenureStatus, Literal(rel.status)))
    if x.article.published:
        g.add((fact, KG.assertedOn, Literal(x.article.published.isoformat(), datatype=XSD.date)))
    if rel.type == "holdsPost":
        role = iris.role(rel.args["post"])
        g.add((fact, ORG.role, role))
        g.add((role, RDF.type, ORG.Role))
        g.add((role, SKOS.prefLabel, Literal(rel.args["post"], lang=KO)))
        org = resolution.lookup(x.article.id, rel.args["org"])
        _add_post(g, shared, ent(rel.args["person"]), org, role, rel.args["post"], iris)
    if rel.start or rel.end:
        interval = BNode(f"i{digest(fact)}")
        g.add((fact, ORG.memberDuring, interval))
        g.add((interval, RDF.type, TIME.Interval))
        for when, pred in ((rel.start, TIME.hasBeginning), (rel.end, TIME.hasEnd)):
            if when:
                instant = BNode(f"t{digest(fact, when)}")
                g.add((interval, pred, instant))
                g.add((instant, RDF.type, TIME.Instant))
                g.add((instant, _time_property(when), date_literal(when)))


def _add_post(g, shared, person: URIRef, org: GraphEntity, role: URIRef, title: str, iris: Iris) -> None:
    # ORG's post: the role at one organization, once in the shared graph.
    post = iris.post(org.id, title)
    shared.add((post, RDF.type, ORG.Post))
    shared.add((post, ORG.postIn, iris.entity(org.id)))
    shared.add((post, ORG.role, role))
    shared.add((post, SKOS.prefLabel, Literal(f"{org.name} {title}", lang=KO)))
    g.add((person, ORG.holds, post))

"""The build's RDF written article by article as N-Quads (what ``kg build`` does).

``kg.rdf.mapping.to_rdf`` builds one rdflib ``Dataset`` of the whole corpus; at
10,000 articles that is 5.6 million quads and ~11 GB. ``kg build`` instead
maps each article into its own small set of N-Quads lines (the same
``kg.rdf.mapping``, so the same triples) and appends them to a file:

1. the shared entities graph, entity by entity, from the resolution;
2. each article's named graph, in input order; hierarchy and posts that
   articles add to the shared graph are kept once, in a set, and written
   after the articles (TriG allows a graph in several blocks);
3. the build graph.

Oxigraph bulk-loads that file into the store and turns it into ``kg.trig``
(Rust, streaming; Oxigraph's store would turn ``xsd:nonNegativeInteger``
offsets into ``xsd:integer``, its parser and serializer do not). Memory is
then what one article's graph takes, plus the shared additions, plus the
validation sample (an rdflib ``Dataset`` of at most
``kg.validate.build.BUILD_VALIDATION_ARTICLES`` articles).
"""

from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Collection, Mapping, Sequence

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg.rdf.iris import Iris
from kg.rdf.mapping import Sink, add_article, add_build, add_entity
from kg.rdf.namespaces import PREFIXES
from kg.rdf.terms import to_ntriples
from kg.records import Extraction, Resolution


class Lines:
    """A graph as N-Quads lines, each once, in the order first added (a ``kg.rdf.mapping.Sink``).

    Oxigraph writes each term's syntax (``kg.rdf.terms.to_ntriples``).
    """

    def __init__(self, graph: URIRef) -> None:
        self.graph = ox.NamedNode(str(graph))
        self._end = f" {self.graph} .\n"  # a quad is its terms and its graph, space-separated
        self.lines: dict[str, None] = {}

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        self.lines[f"{to_ntriples(s)} {to_ntriples(p)} {to_ntriples(o)}{self._end}"] = None

    def __len__(self) -> int:
        return len(self.lines)


@dataclass(frozen=True)
class Written:
    """What ``write_nquads`` wrote: how many quads and articles, and the validation sample."""

    quads: int
    articles: int
    sample: Dataset  # the sample articles' graphs, the shared triples about their entities, the build graph
    sample_articles: tuple[str, ...]


def sample_ids(article_ids: Sequence[str], size: int) -> tuple[str, ...]:
    """The ``size`` article ids of least hash (all of them if there are few), sorted.

    By hash, not by position: an id once chosen stays chosen as articles are added, until ``size``
    added ones hash lower, so that an incremental build validates again only what changed
    (``kg.pipeline.validation``).
    """
    ids = sorted(article_ids)
    if len(ids) <= size:
        return tuple(ids)
    return tuple(sorted(heapq.nsmallest(size, ids, key=_id_hash)))


def sample_groups(ids: Sequence[str], per_group: int) -> list[tuple[str, ...]]:
    """``ids`` in groups of about ``per_group``, each id's group fixed by its hash while the number of groups is."""
    count = max(1, round(len(ids) / per_group))
    groups: list[list[str]] = [[] for _ in range(count)]
    for i in sorted(ids):
        groups[int(_id_hash(i)[-8:], 16) % count].append(i)
    return [tuple(g) for g in groups if g]


def _id_hash(article_id: str) -> str:
    return hashlib.sha256(article_id.encode("utf-8")).hexdigest()


def write_nquads(
    out: IO[str],
    extractions: Sequence[Extraction],
    resolution: Resolution,
    base_iri: str,
    generated_at: datetime | None = None,
    sample: Collection[str] = (),
) -> Written:
    """Write the build's dataset as N-Quads to ``out``, one article at a time.

    The articles in ``sample`` are also mapped into an rdflib ``Dataset``,
    with the shared triples about their entities and the build graph, for
    validation.
    """
    iris = Iris(base_iri)
    ended = generated_at or datetime.now(timezone.utc)
    wanted = set(sample)
    chosen = [x for x in extractions if x.article.id in wanted]
    entities = entity_lines(resolution, iris)
    out.writelines(entities)
    count = len(entities)
    shared = Lines(iris.entities_graph)
    for x in extractions:
        g = Lines(iris.graph(x.article.id))
        add_article(g, shared, x, resolution, iris)
        out.writelines(g.lines)
        count += len(g)
    out.writelines(shared.lines)
    build = build_lines(iris, ended)
    out.writelines(build)
    return Written(count + len(shared) + len(build), len(extractions), sample_dataset(chosen, resolution, iris, ended),
                   tuple(sorted(x.article.id for x in chosen)))


def entity_lines(resolution: Resolution, iris: Iris) -> list[str]:
    """The entities graph's lines of ``resolution``'s entities (the hierarchy and posts that articles add aside)."""
    return [line for block in entity_blocks(resolution, iris).values() for line in block]


def entity_blocks(resolution: Resolution, iris: Iris,
                  known: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, tuple[str, ...]]:
    """Each of ``resolution``'s entities' lines in the entities graph, by the entity's ``repr``, in order.

    ``known``: an earlier build's blocks, mapped with the same base IRI and code: an entity equal to
    one of them (the same names, members and merge decisions) is not mapped again. By ``repr``, not
    the entity: strings unpickle ~5× faster than the records (most entities, in an incremental build).
    """
    known = known or {}
    blocks: dict[str, tuple[str, ...]] = {}
    for ent in resolution.entities:  # one entity at a time: merge decisions are its own nodes
        key = repr(ent)
        block = known.get(key)
        if block is None:
            g = Lines(iris.entities_graph)
            add_entity(g, ent, iris)
            block = tuple(g.lines)
        blocks[key] = block
    return blocks


def build_lines(iris: Iris, ended: datetime) -> list[str]:
    """The build graph's lines (``kg.rdf.mapping.add_build``)."""
    build = Lines(iris.build_graph)
    add_build(build, iris, ended, None)
    return list(build.lines)


def sample_dataset(chosen: Sequence[Extraction], resolution: Resolution, iris: Iris,
                   ended: datetime | None) -> Dataset:
    """The validation sample ``chosen`` as ``to_rdf`` maps it, keeping only the sample's own merge decisions.

    ``ended``: the build graph's time (None: no build graph).
    """
    ds = Dataset()
    shared = ds.graph(iris.entities_graph)
    for x in chosen:
        add_article(ds.graph(iris.graph(x.article.id)), shared, x, resolution, iris)
    _add_sample_entities(shared, chosen, resolution, iris)
    if ended is not None:
        add_build(ds.graph(iris.build_graph), iris, ended, None)
    return ds


def sample_entity_lines(chosen: Sequence[Extraction], resolution: Resolution, iris: Iris) -> list[str]:
    """The entities graph's lines that ``sample_dataset`` adds for the entities of ``chosen`` (its articles' aside)."""
    lines = Lines(iris.entities_graph)
    _add_sample_entities(lines, chosen, resolution, iris)
    return list(lines.lines)


def build_dataset(iris: Iris, ended: datetime) -> Dataset:
    """The build graph alone, as a dataset."""
    ds = Dataset()
    add_build(ds.graph(iris.build_graph), iris, ended, None)
    return ds


def _add_sample_entities(shared: Sink, chosen: Sequence[Extraction], resolution: Resolution, iris: Iris) -> None:
    gids = {resolution.index[(x.article.id, e.key)] for x in chosen for e in x.entities}
    ids = {x.article.id for x in chosen}
    for ent in resolution.entities:
        if ent.id in gids:
            add_entity(shared, ent, iris, articles=ids)


def nquads_to_trig(nquads: str | Path, trig: str | Path) -> None:
    """Rewrite an N-Quads file as TriG with kg's prefixes (Oxigraph, streaming)."""
    ox.serialize(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS), str(trig), ox.RdfFormat.TRIG,
                 prefixes=dict(PREFIXES))

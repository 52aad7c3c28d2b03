"""One article's named graph as text, and all that its mapping reads, so that a build can reuse it.

An incremental ``kg build`` must give the clean build's graph. An article's
graph (``kg.rdf.mapping.add_article``) depends on its extraction, the base
IRI, the mapping code, and a few decisions of the resolution across articles:
which graph entity each of its entities joined, its story, its dropped
relations, its agreements. ``ArticleResolution`` is the resolution restricted
to exactly those decisions; ``map_article`` maps the article through it (not
through the whole ``Resolution``), so a mapping that read anything else of
the resolution would fail (``AttributeError``) rather than be reused stale.
Its ``digest`` is thus a sound part of the key under which a build caches the
article's graph (``kg.pipeline.graphs``).

The graph is kept as N-Quads (what the store loads) and as its TriG block
(``kg.trig`` is the concatenation of the blocks: Oxigraph's TriG of each
graph, which is byte for byte its TriG of the whole, the prefixes aside).
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from typing import Iterable, Mapping

import pyoxigraph as ox

from kg.rdf.iris import Iris
from kg.rdf.mapping import add_article
from kg.rdf.namespaces import PREFIXES
from kg.rdf.nquads import Lines
from kg.records import Extraction, Merge, Resolution, Story


@dataclass(frozen=True)
class EntityName:
    """What the mapping of an article reads of a graph entity it looks up: its id and name."""

    id: str
    name: str


@dataclass(frozen=True)
class ArticleResolution:
    """A ``Resolution`` restricted to one article: the attributes ``add_article`` reads, and no other.

    Build it with ``of``; ``digest`` hashes every decision in it.
    """

    index: Mapping[tuple[str, str], str]
    story_of: Mapping[str, Story]
    dropped: Mapping[tuple[str, int], str]
    fact_index: Mapping[tuple[str, int], str]
    fact_merges: Mapping[tuple[str, int], Merge]
    names: Mapping[tuple[str, str], EntityName]

    @classmethod
    def of(cls, resolution: Resolution, x: Extraction) -> "ArticleResolution":
        """The decisions of ``resolution`` about the article of ``x``."""
        aid = x.article.id
        keys = [(aid, e.key) for e in x.entities]
        rels = [(aid, i) for i in range(len(x.relations))]
        story = resolution.story_of.get(aid)
        return cls(
            index={k: resolution.index[k] for k in keys if k in resolution.index},
            story_of={aid: story} if story is not None else {},
            dropped={k: resolution.dropped[k] for k in rels if k in resolution.dropped},
            fact_index={k: resolution.fact_index[k] for k in rels if k in resolution.fact_index},
            fact_merges={k: resolution.fact_merges[k] for k in rels if k in resolution.fact_merges},
            names={k: EntityName(e.id, e.name) for k in keys if k in resolution.index
                   for e in [resolution.lookup(*k)]},
        )

    def lookup(self, article_id: str, key: str) -> EntityName:
        """The graph entity an entity of this article belongs to (its id and name)."""
        return self.names[(article_id, key)]

    def digest(self) -> str:
        """SHA-256 of every decision held, in a canonical form (sorted keys)."""
        data = {name: sorted(([list(k), _plain(v)] for k, v in getattr(self, name).items()), key=repr)
                for name in ("index", "story_of", "dropped", "fact_index", "fact_merges", "names")}
        return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _plain(value: object) -> object:
    """A JSON-able form of a decision (``Story``, ``Merge``, ``EntityName`` or a string)."""
    if isinstance(value, Story):
        return [value.id, list(value.articles), sorted(value.similarity.items()), sorted(value.like.items())]
    if isinstance(value, (Merge, EntityName)):
        return [type(value).__name__, *vars(value).values()]
    return value


@dataclass(frozen=True)
class ArticleGraph:
    """One article's named graph: N-Quads, its TriG block, and the N-Quads lines it adds to the entities graph.

    The N-Quads and the TriG are UTF-8 bytes, as they are written to the store and to ``kg.trig``:
    an incremental build reads every article's from the cache (~140 MB at 1,000 articles) and
    decoding them to text cost ~1.5 CPU s, for the N-Quads of the few graphs it loads.
    """

    nquads: bytes
    trig: bytes
    shared: tuple[str, ...]
    quads: int


def map_article(x: Extraction, decisions: ArticleResolution, iris: Iris) -> ArticleGraph:
    """The graph of the article of ``x`` (``kg.rdf.mapping.add_article``, through ``decisions`` only)."""
    g, shared = Lines(iris.graph(x.article.id)), Lines(iris.entities_graph)
    add_article(g, shared, x, decisions, iris)  # type: ignore[arg-type] - the resolution as far as it is read
    nquads = "".join(g.lines)
    return ArticleGraph(nquads.encode("utf-8"), trig_block(nquads).encode("utf-8"), tuple(shared.lines), len(g))


@functools.lru_cache(maxsize=1)
def trig_header() -> str:
    """The ``@prefix`` lines that start ``kg.trig``: kg's prefixes, in the order Oxigraph writes them."""
    one = "<urn:kg:s> <urn:kg:p> <urn:kg:o> <urn:kg:g> .\n"
    trig = ox.serialize(ox.parse(one, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG,
                        prefixes=dict(PREFIXES)).decode("utf-8")
    return "".join(line for line in trig.splitlines(keepends=True) if line.startswith("@prefix "))


def trig_block(nquads: str | Iterable[str]) -> str:
    """The TriG of N-Quads (Oxigraph's, with kg's prefixes) less the ``@prefix`` lines: one block of ``kg.trig``."""
    text = nquads if isinstance(nquads, str) else "".join(nquads)
    if not text:
        return ""
    # lenient: kg.rdf wrote every term (Oxigraph's checks of each IRI were a third of the time)
    trig = ox.serialize(ox.parse(text, format=ox.RdfFormat.N_QUADS, lenient=True), format=ox.RdfFormat.TRIG,
                        prefixes=dict(PREFIXES)).decode("utf-8")
    header = trig_header()
    if not trig.startswith(header):  # the prefixes as Oxigraph writes them: checked, not assumed
        raise ValueError("Oxigraph's TriG does not start with kg's prefixes")
    return trig[len(header):]

"""Records that flow between pipeline stages: frozen, and carrying provenance.

Offsets are character offsets into ``Article.text`` (the article body as the
pipeline found it), so every extracted fact can be traced to its characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

ENTITY_TYPES = ("Organization", "Person", "Program", "Event", "Place")

# Relation type -> its fields, each "entity" (an entity key), "entities"
# (a tuple of entity keys), "name" (a literal name of an entity, e.g. the
# former name of a renamed organization, which is an alias of that same
# entity), or a literal kind ("str", "date", "int").
# The same fields, with entity names in place of keys, make the gold format.
RELATION_FIELDS: Mapping[str, Mapping[str, str]] = {
    "holdsPost": {"person": "entity", "org": "entity", "post": "str"},
    "memberOf": {"person": "entity", "org": "entity"},
    "partnership": {"orgs": "entities", "date": "date"},
    "operates": {"org": "entity", "program": "entity"},
    "subOrganizationOf": {"child": "entity", "parent": "entity"},
    "renamed": {"from": "name", "to": "entity"},
    "founded": {"org": "entity", "year": "int"},
    "organizes": {"org": "entity", "event": "entity"},
    "participatesIn": {"agent": "entity", "event": "entity"},
    "heldAt": {"event": "entity", "place": "entity"},
    "eventDate": {"event": "entity", "date": "date"},
    "locatedIn": {"entity": "entity", "place": "entity"},
}

# Tenure status of a holdsPost/memberOf fact, as the text states it.
STATUS_CURRENT = "current"  # holds the post as of the article date
STATUS_STARTED = "started"  # 취임/선임/임명: starts at `start`, current afterwards
STATUS_ENDED = "ended"  # 이임/퇴임: ends at `end`
STATUS_FORMER = "former"  # 전(前): held it before the article date


@dataclass(frozen=True)
class Source:
    """One input as read from disk, before the article body is found."""

    id: str
    path: str
    kind: str  # "txt" (page dump), "html", or "txt-body" (JSON Lines text: body only)
    text: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class Article:
    """An article body with its metadata; offsets elsewhere point into ``text``."""

    id: str
    path: str
    text: str
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Span:
    """Characters ``text == article.text[start:end]`` of one article."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """An entity as one article names it.

    ``key`` is unique within the article; ``mentions`` are where it is named.
    """

    key: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A fact stated by one sentence.

    ``args`` maps each field of ``RELATION_FIELDS[type]`` to an entity key, a
    tuple of keys (``orgs``), or a literal (``post``: str, ``date``: ISO date
    string or None, ``year``: int).
    """

    type: str
    args: Mapping[str, object]
    sentence: Span
    status: str = STATUS_CURRENT
    start: str | None = None  # ISO date the tenure started, if stated
    end: str | None = None  # ISO date the tenure ended, if stated


@dataclass(frozen=True)
class Extraction:
    """Everything one article yields."""

    article: Article
    sentences: tuple[Span, ...]
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]

    def entity(self, key: str) -> Entity:
        """The entity with this key."""
        for ent in self.entities:
            if ent.key == key:
                return ent
        raise KeyError(key)


@dataclass(frozen=True)
class Merge:
    """Why an article-level entity was joined to a graph entity."""

    article_id: str
    key: str
    rule: str  # e.g. "same-name", "alias", "abbreviation", "person-context"
    evidence: str


@dataclass(frozen=True)
class GraphEntity:
    """One entity of the whole graph, joined across articles."""

    id: str  # readable slug, unique in the graph, used in IRIs
    type: str
    name: str
    aliases: tuple[str, ...]
    members: tuple[tuple[str, str], ...]  # (article id, entity key)
    merges: tuple[Merge, ...] = ()


@dataclass(frozen=True)
class Story:
    """Articles whose bodies are the same or nearly the same text (a wire story republished).

    ``articles`` are sorted; ``similarity`` maps each article after the first
    to the estimated Jaccard similarity of its body with the body of the
    article of the story most like it (``like``).
    """

    id: str  # a digest of the sorted article ids, used in IRIs
    articles: tuple[str, ...]
    similarity: Mapping[str, float] = field(default_factory=dict)
    like: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GraphFact:
    """One happening stated by one or more relations of one or more articles (an agreement)."""

    id: str  # readable path, unique in the graph, used in IRIs (``agreement/<digest>``)
    type: str  # a relation type of ``RELATION_FIELDS`` (``partnership``)
    members: tuple[tuple[str, int], ...]  # (article id, index of the relation in the article's relations)
    merges: tuple[Merge, ...] = ()  # one per member; ``Merge.key`` is ``r<index>``


@dataclass(frozen=True)
class Resolution:
    """Cross-article resolution: graph entities, stories, agreements, and the member indexes.

    ``fact_index`` maps (article id, relation index) of each joined relation
    to its ``GraphFact`` id; ``dropped`` maps a relation that resolution left
    out of the graph (an agreement whose parties became one entity) to why.
    """

    entities: tuple[GraphEntity, ...]
    index: Mapping[tuple[str, str], str] = field(default_factory=dict)
    stories: tuple[Story, ...] = ()
    facts: tuple[GraphFact, ...] = ()
    fact_index: Mapping[tuple[str, int], str] = field(default_factory=dict)
    dropped: Mapping[tuple[str, int], str] = field(default_factory=dict)

    by_id: Mapping[str, GraphEntity] = field(init=False, repr=False, compare=False)
    story_of: Mapping[str, Story] = field(init=False, repr=False, compare=False)
    fact_merges: Mapping[tuple[str, int], Merge] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {e.id: e for e in self.entities})
        object.__setattr__(self, "story_of", {a: s for s in self.stories for a in s.articles})
        object.__setattr__(self, "fact_merges", {(a, i): m for f in self.facts for (a, i), m in zip(f.members, f.merges)})

    def lookup(self, article_id: str, key: str) -> GraphEntity:
        """The graph entity an article-level entity belongs to."""
        return self.by_id[self.index[(article_id, key)]]


@dataclass(frozen=True)
class Failure:
    """An input that could not be built, and why (for report.json and stderr)."""

    source: str
    reason: str

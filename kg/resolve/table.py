"""The entities of all articles as one table of nodes, joined into clusters with networkx's union-find.

A node is one article's entity, numbered in the order of the article ids and
of the entities in their article. Clusters only ever grow by joins the
resolution passes ask for; each node records the one decision (``Merge``)
that placed it. A cluster is known by its earliest node (``first``), so
every choice "the earliest candidate" is the same in every process, however
Python orders its sets.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Sequence

from networkx.utils import UnionFind

from kg.records import Entity, Extraction, GraphEntity, Merge
from kg.resolve.names import Key, is_generic, name_keys
from kg.resolve.stories import Texts
from kg.text import normalize, slug

TYPE_PATHS = {"Organization": "org", "Person": "person", "Program": "program", "Event": "event", "Place": "place"}


@dataclass
class Node:
    """One article's entity, with its keys and the article's date and story."""

    index: int
    article: str
    entity: Entity
    keys: dict[str, Key]
    published: str  # ISO date of the article, "" if unknown
    story: str  # the id of the article's story, or the article id when it has no duplicate


@dataclass
class Cluster:
    """What the passes need to know of a cluster: its nodes, and the context they gathered."""

    members: list[int]
    context: set = field(default_factory=set)  # people: organizations and posts; events: roles
    dates: set[str] = field(default_factory=set)  # events: the dates the articles state


class Table:
    """Nodes, their clusters and the decision that placed each node."""

    def __init__(self, ordered: Sequence[Extraction], texts: Texts | None = None) -> None:
        self.texts = texts if texts is not None else Texts(())
        self.published = {x.article.id: x.article.published for x in ordered if x.article.published}
        self.nodes: list[Node] = []
        self.at: dict[tuple[str, str], int] = {}
        for x in ordered:
            when = x.article.published.isoformat() if x.article.published else ""
            story = self.texts.story_of(x.article.id)
            for ent in x.entities:
                node = Node(len(self.nodes), x.article.id, ent, name_keys(ent.type, (ent.name, *ent.aliases)), when,
                            story)
                self.at[(x.article.id, ent.key)] = node.index
                self.nodes.append(node)
        self.uf = UnionFind()
        self.clusters: dict[int, Cluster] = {}
        self.merges: dict[int, Merge] = {}
        self._names: dict[int, str] = {}

    def story_of(self, article: str) -> str:
        """The id of the article's story, or the article id when its text was printed once."""
        return self.texts.story_of(article)

    def of_type(self, *types: str) -> list[Node]:
        return [n for n in self.nodes if n.entity.type in types]

    def place(self, node: Node, target: int | None, rule: str, evidence: str) -> int:
        """Put ``node`` in the cluster of node ``target`` (a new cluster if None); its cluster's first node."""
        self.merges[node.index] = Merge(node.article, node.entity.key, rule, evidence)
        self.clusters[self.uf[node.index]] = Cluster([node.index])
        if target is not None:
            self.join(target, node.index)
        return self.first(node.index)

    def join(self, a: int, b: int) -> None:
        """Join the clusters of nodes ``a`` and ``b``."""
        ra, rb = self.uf[a], self.uf[b]
        if ra == rb:
            return
        big, small = self.clusters.pop(ra), self.clusters.pop(rb)
        if len(big.members) < len(small.members):
            big, small = small, big
        # The smaller into the bigger, in place: an organization named in 10,000 articles grows one node at
        # a time, at the end (nodes are placed in order), so it is never copied.
        if small.members[0] > big.members[-1]:
            big.members.extend(small.members)
        else:
            big.members = list(heapq.merge(big.members, small.members))
        big.context |= small.context
        big.dates |= small.dates
        self.uf.union(ra, rb)
        self.clusters[self.uf[ra]] = big

    def cluster(self, node: int) -> Cluster:
        return self.clusters[self.uf[node]]

    def first(self, node: int) -> int:
        """The earliest node of ``node``'s cluster: the cluster's stable name."""
        return self.cluster(node).members[0]

    def name(self, node: int, former: frozenset[str] = frozenset()) -> str:
        """The graph name of ``node``'s cluster (cached: call once its cluster is complete)."""
        first = self.first(node)
        if first not in self._names:
            self._names[first] = _graph_name([self.nodes[i] for i in self.cluster(node).members], former)
        return self._names[first]

    def finish(self, former: frozenset[str]) -> tuple[list[GraphEntity], dict[tuple[str, str], str]]:
        """Graph entities, in the order of their first node, and the (article, key) → entity id index."""
        entities, index, used = [], {}, set()
        for first in sorted(c.members[0] for c in self.clusters.values()):
            members = [self.nodes[i] for i in self.cluster(first).members]
            type_, name = members[0].entity.type, self.name(first, former)
            gid, n = f"{TYPE_PATHS[type_]}/{slug(name)}", 2
            while gid in used:
                gid, n = f"{TYPE_PATHS[type_]}/{slug(name)}-{n}", n + 1
            used.add(gid)
            names = dict.fromkeys(x for m in members for x in (m.entity.name, *m.entity.aliases))
            aliases = tuple(a for a in names if a != name and not is_generic(type_, a))
            entities.append(GraphEntity(gid, type_, name, aliases, tuple((m.article, m.entity.key) for m in members),
                                        tuple(self.merges[m.index] for m in members)))
            index.update({(m.article, m.entity.key): gid for m in members})
        return entities, index


def _graph_name(members: list[Node], former: frozenset[str]) -> str:
    """The name the latest article uses, longest on ties; a person keeps the first name.

    An organization takes the fuller name of an article that gives the latest name as its alias
    (케이메디허브 -> 대구경북첨단의료산업진흥재단), unless that name is a former one.
    """
    first = members[0].entity
    if first.type == "Person":
        return first.name
    latest = max((m.published, len(normalize(m.entity.name)), m.entity.name) for m in members)[2]
    if first.type != "Organization":
        return latest
    fuller = [m.entity.name for m in members if latest in m.entity.aliases and m.entity.name not in former]
    return max([latest, *fuller], key=lambda n: (len(normalize(n)), n == latest))

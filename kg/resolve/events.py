"""Events across articles: one happening, one graph entity, whichever articles report it.

An event of one article joins the earliest event cluster that, in order:

1. ``same-story`` / ``related-text``: is of another article of the same story,
   or of an article whose text is related (``kg.resolve.stories.RELATED``:
   one press release rewritten), and of the same kind (its normalized name;
   every signing ceremony word is one kind: 협약식 = 업무협약식 = 체결식), or
   one is named by a generic word (출범식) the other's name ends with;
2. a key of ``kg.resolve.names`` (``same-name`` …): a distinctive name in
   common (제10회 경인 산업단지 클러스터의 날);
3. ``same-happening``: the same kind, the same date, and an organizer,
   participant or place in common (an inauguration of the same person at
   the same organization on the same day; a signing ceremony of the same
   parties on the same day).

Never two events whose dates disagree (2024-09 agrees with 2024-09-10). So a
generic event (기념식, 협약식) of an unrelated article stays apart: it has
another date, or no one in common.
"""

from __future__ import annotations

import functools
from collections import defaultdict

from kg.lang import ko as L
from kg.records import Extraction
from kg.resolve.names import explain
from kg.resolve.table import Node, Table
from kg.text import ends_with, normalize

SIGNING = frozenset(normalize(w) for w in L.SIGNING_EVENT_WORDS)
GENERIC_EVENTS = tuple(sorted({normalize(w) for w in (*L.BARE_EVENT_WORDS, *L.EVENT_SUFFIXES)}))
# Reports of one press release appear within days of each other: related texts published more than
# this many days apart are not one release.
NEAR_DAYS = 14
# Relation type -> (role in the event, field of the other side).
ROLES = {"organizes": ("organizer", "org"), "participatesIn": ("participant", "agent"), "heldAt": ("place", "place")}


@functools.lru_cache(maxsize=1 << 14)
def kind(name: str) -> str:
    """The kind of an event, to compare across articles: its normalized name, 협약식 for every signing word."""
    form = normalize(name)
    return normalize("협약식") if form in SIGNING else form


def compatible(a: set[str], b: set[str]) -> bool:
    """Whether two sets of stated dates may be of one event (either unknown, or one date agrees with one)."""
    return not a or not b or any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def event_contexts(table: Table, ordered: list[Extraction]) -> tuple[dict[int, set[str]], dict[int, set[tuple]]]:
    """Each event node's stated dates, and its (role, first node of the other side's cluster)."""
    dates: dict[int, set[str]] = defaultdict(set)
    roles: dict[int, set[tuple]] = defaultdict(set)
    for x in ordered:
        aid = x.article.id
        for rel in x.relations:
            event = table.at.get((aid, str(rel.args.get("event"))))
            if event is None:
                continue
            if rel.type == "eventDate" and rel.args.get("date"):
                dates[event].add(str(rel.args["date"]))
            elif rel.type in ROLES:
                other = table.at.get((aid, str(rel.args[ROLES[rel.type][1]])))
                if other is not None:
                    roles[event].add((ROLES[rel.type][0], table.first(other)))
    return dates, roles


class _Index:
    """The event clusters seen so far: by article and kind, by key, and by kind and date."""

    def __init__(self) -> None:
        self.in_article: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (cluster's first node, node with the key)
        self.by_date: dict[tuple[str, str], list[int]] = defaultdict(list)

    def add(self, node: Node, first: int, dates: set[str]) -> None:
        k = kind(node.entity.name)
        for tag in (k, *(f"ends:{e}" for e in [ending(k)] if e)):
            _add(self.in_article[(node.article, tag)], first)
        for f in node.keys:
            if all(c != first for c, _ in self.by_key[f]):
                self.by_key[f].append((first, node.index))
        for d in dates:
            _add(self.by_date[(k, d)], first)

    def told_alike(self, article: str, name: str) -> list[int]:
        """Clusters of ``article`` with an event of this kind: the same, or a generic name and a name ending in it."""
        return [c for tag in _tags(name) for c in self.in_article.get((article, tag), ())]



def _near(table: Table, node: Node) -> list[str]:
    """The articles with related texts (``Texts.neighbours``) published within ``NEAR_DAYS`` of the node's."""
    mine = table.published.get(node.article)
    return [other for other in table.texts.neighbours(node.article)
            if mine is None or (theirs := table.published.get(other)) is None or abs((mine - theirs).days) <= NEAR_DAYS]


def _tags(name: str) -> list[str]:
    k = kind(name)
    return [k, f"ends:{k}"] if k in GENERIC_EVENTS else [k, *(e for e in [ending(k)] if e)]


@functools.lru_cache(maxsize=1 << 14)
def ending(form: str) -> str | None:
    """The generic event word a distinctive event name ends with (충청권 선도산업지원단 출범식 → 출범식)."""
    found = ends_with(form, GENERIC_EVENTS)
    return kind(found) if found else None


def _add(items: list[int], first: int) -> None:
    if first not in items:
        items.append(first)


def join_events(table: Table, ordered: list[Extraction], former: frozenset[str]) -> None:
    """Join the events of all articles (after organizations, places and people)."""
    dates, roles = event_contexts(table, ordered)
    index = _Index()
    for node in table.of_type("Event"):
        mine, context = dates.get(node.index, set()), roles.get(node.index, set())
        found = _candidates(table, index, node, mine, context, former)
        target, rule, evidence = min(found)[1:] if found else (None, "new", "first mention")
        first = table.place(node, target, rule, evidence)
        table.cluster(first).dates |= mine
        table.cluster(first).context |= context
        index.add(node, first, mine)


def _candidates(table: Table, index: _Index, node: Node, mine: set[str], context: set[tuple],
                former: frozenset[str]) -> list[tuple[int, int, str, str]]:
    """(priority, cluster's first node, rule, evidence) of every cluster the event may join."""
    found = []
    k = kind(node.entity.name)
    for other in sorted({*table.texts.printings(node.article), *_near(table, node)}):
        similarity = table.texts.similarity(node.article, other)
        rule, why = (("same-story", "a printing of the same text") if table.story_of(other) == node.story
                     else ("related-text", "one press release"))
        for c in index.told_alike(other, node.entity.name):
            if compatible(mine, table.cluster(c).dates):
                found.append((0, c, rule, f"{other}'s text is {similarity:.2f} like this one's ({why}), "
                                          f"and tells of {table.nodes[c].entity.name!r}"))
    for f in sorted(node.keys):
        for c, holder in index.by_key[f]:
            if compatible(mine, table.cluster(c).dates):
                found.append((1, c, *explain(node.keys[f], table.nodes[holder].keys[f])))
    for d in sorted(mine):
        for c in index.by_date[(k, d)]:
            shared = sorted(context & table.cluster(c).context)
            if shared and compatible(mine, table.cluster(c).dates):
                role, other = shared[0]
                found.append((2, c, "same-happening", f"the same event {k!r} on {d}, with the same {role} "
                                                      f"{table.name(other, former)!r}"))
    return found

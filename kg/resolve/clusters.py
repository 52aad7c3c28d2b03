"""Resolve entities across articles into graph entities: the stage's entry, ``resolve``.

First the stories (``kg.resolve.stories``: the same text printed or crawled
more than once), then the entities, in three passes, then the agreements
(``kg.resolve.facts``). Each join records its rule and evidence:

- ``same-story``: in two articles of one story, entities of the same type and
  the same name (a generic one included: 협약식, 재단) are one;
- ``same-name`` and the derived keys of ``kg.resolve.names``
  (``abbreviation``, ``short-form``, ``bare-name``, ``synonym``):
  organizations, places and programmes with a key in common are one;
  generic short forms (``진흥원``, ``재단``) never join across articles;
- ``person-context``: people merge on the same name only when their contexts
  agree (a shared organization — after the organizations themselves are
  resolved, so a renamed organization still agrees — or the same post); a
  name without any context joins the only candidate, never one of several;
- events (``kg.resolve.events``): by name within a story or when the name is
  distinctive, and by name, date and a shared organizer, participant or
  place otherwise; never two events whose dates disagree.

Clusters are kept with networkx's ``UnionFind`` (``kg.resolve.table``).
Articles are taken in the order of their ids and every choice among
candidates takes the earliest, so that the result does not depend on the
order of the input or on Python's hash seed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, MutableMapping

from kg.records import Extraction, Resolution
from kg.resolve.events import join_events
from kg.resolve.facts import join_facts
from kg.resolve.names import explain
from kg.resolve.stories import Texts
from kg.resolve.table import Node, Table
from kg.text import normalize

PASS_BY_NAME = ("Organization", "Place", "Program")


def resolve(extractions: Iterable[Extraction], signatures: MutableMapping | None = None) -> Resolution:
    """Join the entities and agreements of all articles into those of the graph, and find the stories.

    A graph entity is named as the latest article names it (by publication date); an organization by
    the fuller name of an article that gives that one as an alias (케이메디허브 = 대구경북첨단의료산업진흥재단).
    ``signatures``: the bodies' MinHash signatures already known (``kg.resolve.stories.signatures``'s
    ``known``, e.g. an earlier build's): taken, and the new ones added; the result is the same.
    """
    ordered = sorted(extractions, key=lambda e: e.article.id)
    table = Table(ordered, Texts((x.article for x in ordered), signatures))
    former = frozenset(r.args["from"] for x in ordered for r in x.relations if r.type == "renamed")
    join_by_name(table)
    join_people(table, ordered, former)
    join_events(table, ordered, former)
    entities, index = table.finish(former)
    facts, fact_index, dropped = join_facts(ordered, index, table, {e.id: e.name for e in entities})
    return Resolution(tuple(entities), index, table.texts.stories, facts, fact_index, dropped)


def story_link(table: Table, node: Node, seen: dict[tuple, int], kind: str) -> tuple[int | None, str]:
    """An earlier node of another article of the same story with the same type and ``kind`` of name."""
    key = (node.story, node.entity.type, kind)
    j = seen.setdefault(key, node.index)
    if j == node.index or table.nodes[j].article == node.article or node.story == node.article:
        return None, ""
    other = table.nodes[j]
    return j, f"the same story as {other.article} (near-duplicate text), same name {node.entity.name!r}"


def join_by_name(table: Table) -> None:
    """Organizations, places and programmes: one story, then any key in common."""
    first_by_key: dict[tuple[str, str], int] = {}
    in_story: dict[tuple, int] = {}
    for node in table.of_type(*PASS_BY_NAME):
        links: list[tuple[int, int, str, str]] = []  # (target's first node, priority, rule, evidence)
        j, why = story_link(table, node, in_story, normalize(node.entity.name))
        if j is not None:
            links.append((table.first(j), 0, "same-story", why))
        for form in sorted(node.keys):
            j = first_by_key.setdefault((node.entity.type, form), node.index)
            if j != node.index:
                links.append((table.first(j), 1, *explain(node.keys[form], table.nodes[j].keys[form])))
        if not links:
            table.place(node, None, "new", "first mention")
            continue
        target, _, rule, evidence = min(links)
        table.place(node, target, rule, evidence)
        for other, *_ in links:  # the entity links clusters found apart
            table.join(node.index, other)


def join_people(table: Table, ordered: list[Extraction], former: frozenset[str]) -> None:
    """People: one story, then the same name with an agreeing context."""
    contexts = person_contexts(table, ordered)
    by_form: dict[str, list[int]] = defaultdict(list)  # form -> first node of each cluster with it
    in_story: dict[tuple, int] = {}
    for node in table.of_type("Person"):
        ctx = contexts.get(node.index, set())
        j, why = story_link(table, node, in_story, normalize(node.entity.name))
        if j is not None:
            first = table.place(node, j, "same-story", why)
        else:
            candidates = sorted({table.first(c) for f in node.keys for c in by_form[f]})
            target, rule, evidence = _choose_person(table, candidates, ctx, former)
            first = table.place(node, target, rule, evidence)
        table.cluster(first).context |= ctx
        for f in node.keys:
            if first not in by_form[f]:
                by_form[f].append(first)


def _choose_person(table: Table, candidates: list[int], ctx: set, former: frozenset[str]):
    if not candidates:
        return None, "new", "first mention"
    agreeing = [c for c in candidates if ctx & table.cluster(c).context]
    if agreeing:
        why = sorted(_describe(table, item, former) for item in ctx & table.cluster(agreeing[0]).context)[0]
        return agreeing[0], "person-context", f"same name and same {why}"
    if len(candidates) == 1 and (not ctx or not table.cluster(candidates[0]).context):
        return candidates[0], "person-context", "same name; no conflicting organization or post"
    return None, "new", "same name as another person, but a different context"


def person_contexts(table: Table, ordered: list[Extraction]) -> dict[int, set]:
    """Each person node's organizations (as resolved clusters: their first nodes) and posts."""
    out: dict[int, set] = defaultdict(set)
    for x in ordered:
        for rel in x.relations:
            if rel.type not in ("holdsPost", "memberOf"):
                continue
            person, org = table.at.get((x.article.id, rel.args["person"])), table.at.get((x.article.id, rel.args["org"]))
            if person is None or org is None or table.nodes[org].entity.type == "Person":
                continue
            out[person].add(("organization", table.first(org)))
            if rel.type == "holdsPost":
                out[person].add(("post", str(rel.args["post"]), table.first(org)))
    return out


def _describe(table: Table, item: tuple, former: frozenset[str]) -> str:
    if item[0] == "organization":
        return f"organization {table.name(item[1], former)}"
    return f"post {item[1]} at {table.name(item[2], former)}"


"""Resolve entities across articles into graph entities: the stage's entry, ``resolve``.

Rules, in order (each merge records its rule and evidence):
- ``same-name``: same type and a distinctive normalized name or alias in
  common (organizations, programmes, events, places). Generic short forms
  (``진흥원``, ``재단``, ``센터``) are aliases within one article only: they
  never join entities across articles by themselves;
- ``abbreviation``: a well-known abbreviation (``산단공``) and its full name;
- ``person-context``: people merge on the same name only when their contexts
  agree (a shared organization — after the organizations themselves are
  resolved, so a renamed organization still agrees — or the same post); a
  name without any context joins the only candidate, never one of several.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from kg.lang import ko as L
from kg.text import normalize, slug
from kg.records import Extraction, GraphEntity, Merge, Resolution

TYPE_PATHS = {"Organization": "org", "Person": "person", "Program": "program", "Event": "event", "Place": "place"}
_GENERIC = {normalize(w) for w in (*L.ORG_SHORT_FORMS, *L.GENERIC_WORDS, *L.BARE_EVENT_WORDS, *L.EVENT_SUFFIXES)}
_ABBREVIATIONS = {normalize(k): normalize(v) for k, v in L.ABBREVIATIONS.items()}


class _Cluster:
    def __init__(self, type_: str) -> None:
        self.type = type_
        self.names: list[str] = []  # in order of first appearance
        self.forms: set[str] = set()
        self.context: set[str] = set()  # person context: org cluster ids and posts
        self.members: list[tuple[str, str]] = []
        self.merges: list[Merge] = []
        self.titles: list[tuple[str, int, str]] = []  # (article date, name length, name) of each member
        self.named: list[tuple[str, frozenset[str]]] = []  # (name, aliases) of each member

    def add(self, article_id: str, key: str, names: Sequence[str], context: set[str], rule: str, evidence: str) -> None:
        for n in names:
            if n not in self.names:
                self.names.append(n)
        self.forms.update(merge_keys(self.type, names))
        self.context |= context
        self.members.append((article_id, key))
        self.merges.append(Merge(article_id, key, rule, evidence))

    def name(self, former: frozenset[str] = frozenset()) -> str:
        """The name the latest article uses, longest on ties.

        An organization takes the fuller name of an article that gives the latest name as its alias
        (케이메디허브 -> 대구경북첨단의료산업진흥재단), unless that name is a former one.
        """
        if self.type == "Person" or not self.titles:
            return self.names[0]
        latest = max(self.titles)[2]
        if self.type != "Organization":
            return latest
        fuller = [n for n, aliases in self.named if latest in aliases and n not in former]
        return max([latest, *fuller], key=lambda n: (len(normalize(n)), n == latest))


def merge_keys(type_: str, names: Iterable[str]) -> set[str]:
    """Normalized forms that may join entities across articles (generic short forms left out)."""
    keys = set()
    for n in names:
        form = normalize(n)
        if not form or (type_ != "Person" and form in _GENERIC):
            continue
        keys.add(form)
        if form in _ABBREVIATIONS:
            keys.add(_ABBREVIATIONS[form])
    return keys


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    """Join the entities of all articles into graph entities (people last, by context).

    A graph entity is named as the latest article names it (by publication date); an organization by
    the fuller name of an article that gives that one as an alias (케이메디허브 = 대구경북첨단의료산업진흥재단).
    """
    ordered = sorted(extractions, key=lambda e: e.article.id)
    clusters: list[_Cluster] = []
    by_form: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
    placed: dict[tuple[str, str], _Cluster] = {}
    for people in (False, True):
        for x in ordered:
            context = _person_context(x, placed) if people else {}
            for ent in x.entities:
                if (ent.type == "Person") != people:
                    continue
                names = (ent.name, *ent.aliases)
                forms = merge_keys(ent.type, names)
                candidates = list(dict.fromkeys(c for f in forms for c in by_form[(ent.type, f)]))
                target, rule, evidence = _choose(ent.type, candidates, forms, context.get(ent.key, set()))
                if target is not None and not people:
                    for other in candidates[1:]:  # the entity links clusters found apart
                        _absorb(target, other, clusters, by_form, placed)
                if target is None:
                    target = _Cluster(ent.type)
                    clusters.append(target)
                target.add(x.article.id, ent.key, names, context.get(ent.key, set()), rule, evidence)
                when = x.article.published.isoformat() if x.article.published else ""
                target.titles.append((when, len(normalize(ent.name)), ent.name))
                target.named.append((ent.name, frozenset(ent.aliases)))
                placed[(x.article.id, ent.key)] = target
                for f in forms:
                    if target not in by_form[(ent.type, f)]:
                        by_form[(ent.type, f)].append(target)
    former = frozenset(r.args["from"] for x in ordered for r in x.relations if r.type == "renamed")
    return _finish(clusters, former)


def _absorb(target: _Cluster, other: _Cluster, clusters: list, by_form: dict, placed: dict) -> None:
    """Join cluster ``other`` into ``target`` (an entity named both ways links them)."""
    if other is target or other not in clusters:
        return
    for n in other.names:
        if n not in target.names:
            target.names.append(n)
    target.forms |= other.forms
    target.members += other.members
    target.merges += other.merges
    target.titles += other.titles
    target.named += other.named
    clusters.remove(other)
    for lst in by_form.values():
        if other in lst:
            lst.remove(other)
            if target not in lst:
                lst.append(target)
    for k, c in list(placed.items()):
        if c is other:
            placed[k] = target


def _choose(type_: str, candidates: list, forms: set[str], context: set[str]):
    if not candidates:
        return None, "new", "first mention"
    if type_ != "Person":
        target = candidates[0]
        shared = sorted(forms & target.forms)
        full = {_ABBREVIATIONS[f] for f in forms if f in _ABBREVIATIONS}
        if shared and set(shared) <= full:
            return target, "abbreviation", f"abbreviation of {shared[0]!r}"
        return target, "same-name", f"shares the name {shared[0]!r}"
    agreeing = [c for c in candidates if context & c.context]
    if agreeing:
        why = sorted(context & agreeing[0].context)[0]
        return agreeing[0], "person-context", f"same name and same {why}"
    if len(candidates) == 1 and (not context or not candidates[0].context):
        return candidates[0], "person-context", "same name; no conflicting organization or post"
    return None, "new", "same name as another person, but a different context"


def _person_context(x: Extraction, placed: dict) -> dict[str, set[str]]:
    """Each person's organizations (as resolved clusters) and posts."""
    names = {e.key: e.name for e in x.entities}
    out: dict[str, set[str]] = defaultdict(set)
    for rel in x.relations:
        if rel.type in ("holdsPost", "memberOf"):
            org = placed.get((x.article.id, rel.args["org"]))
            label = org.names[0] if org is not None else names.get(rel.args["org"], "")
            where = f"{label} {org.members[0] if org is not None else ''}".strip()
            out[rel.args["person"]].add(f"organization {where}")
            if rel.type == "holdsPost":
                out[rel.args["person"]].add(f"post {rel.args['post']} at {where}")
    return out


def _finish(clusters: list[_Cluster], former: frozenset[str] = frozenset()) -> Resolution:
    entities, index, used = [], {}, set()
    for c in clusters:
        name = c.name(former)
        gid = f"{TYPE_PATHS[c.type]}/{slug(name)}"
        n = 2
        while gid in used:
            gid, n = f"{TYPE_PATHS[c.type]}/{slug(name)}-{n}", n + 1
        used.add(gid)
        aliases = tuple(a for a in c.names if a != name)
        entities.append(GraphEntity(gid, c.type, name, aliases, tuple(c.members), tuple(c.merges)))
        for member in c.members:
            index[member] = gid
    return Resolution(tuple(entities), index)

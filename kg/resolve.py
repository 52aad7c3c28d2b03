"""Stage 5: resolve entities across articles into graph entities.

Rules, in order (each merge records its rule and evidence):
- ``same-name``: same type and a normalized name or alias in common
  (organizations, programmes, events, places);
- ``person-context``: people merge on the same name only when their contexts
  agree (a shared organization); a name without context joins the only
  candidate, never one of several.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from kg.evaluate import normalize
from kg.iri import slug
from kg.records import Extraction, GraphEntity, Merge, Resolution

TYPE_PATHS = {"Organization": "org", "Person": "person", "Program": "program", "Event": "event", "Place": "place"}


class _Cluster:
    def __init__(self, type_: str) -> None:
        self.type = type_
        self.names: list[str] = []  # in order of first appearance
        self.forms: set[str] = set()
        self.orgs: set[str] = set()  # person context: normalized org names
        self.members: list[tuple[str, str]] = []
        self.merges: list[Merge] = []

    def add(self, article_id: str, key: str, names: Sequence[str], orgs: set[str], rule: str, evidence: str) -> None:
        for n in names:
            if n not in self.names:
                self.names.append(n)
        self.forms.update(normalize(n) for n in names)
        self.orgs |= orgs
        self.members.append((article_id, key))
        self.merges.append(Merge(article_id, key, rule, evidence))


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    """Join the entities of all articles into graph entities."""
    clusters: list[_Cluster] = []
    by_form: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
    for x in sorted(extractions, key=lambda e: e.article.id):
        person_orgs = _person_orgs(x)
        for ent in x.entities:
            names = (ent.name, *ent.aliases)
            forms = {normalize(n) for n in names}
            orgs = person_orgs.get(ent.key, set())
            candidates = list(dict.fromkeys(c for f in forms for c in by_form[(ent.type, f)]))
            target, rule, evidence = _choose(ent.type, candidates, forms, orgs)
            if target is None:
                target = _Cluster(ent.type)
                clusters.append(target)
            target.add(x.article.id, ent.key, names, orgs, rule, evidence)
            for f in forms:
                if target not in by_form[(ent.type, f)]:
                    by_form[(ent.type, f)].append(target)
    return _finish(clusters)


def _choose(type_: str, candidates: list[_Cluster], forms: set[str], orgs: set[str]):
    if not candidates:
        return None, "new", "first mention"
    if type_ != "Person":
        shared = sorted(forms & candidates[0].forms)
        return candidates[0], "same-name", f"shares the name {shared[0]!r}"
    agreeing = [c for c in candidates if orgs & c.orgs]
    if agreeing:
        return agreeing[0], "person-context", f"same name and organization {sorted(orgs & agreeing[0].orgs)[0]!r}"
    if len(candidates) == 1 and (not orgs or not candidates[0].orgs):
        return candidates[0], "person-context", "same name; no conflicting organization"
    return None, "new", "same name as another person, but a different context"


def _person_orgs(x: Extraction) -> dict[str, set[str]]:
    names = {e.key: e.name for e in x.entities}
    out: dict[str, set[str]] = defaultdict(set)
    for rel in x.relations:
        if rel.type in ("holdsPost", "memberOf"):
            out[rel.args["person"]].add(normalize(names[rel.args["org"]]))
    return out


def _finish(clusters: list[_Cluster]) -> Resolution:
    entities, index, used = [], {}, set()
    for c in clusters:
        name = max(c.names, key=len) if c.type != "Person" else c.names[0]
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

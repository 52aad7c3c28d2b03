"""Agreements across articles, relations that resolution empties, and the count of distinct happenings.

An agreement (a ``partnership`` relation) is one agreement whichever
article states it, with one member per article and sentence, when its
parties — after entity resolution — are the same set and:

- ``same-parties-and-date``: the signing dates are equal;
- ``same-parties-same-story``: one gives no date, and the other is stated by
  the same article or another article of the same story;
- ``same-parties-related-text``: one gives no date, and the other is stated by
  an article whose text is related (``kg.resolve.stories.RELATED``: one
  press release rewritten by another newsroom);
- ``same-parties-near-date``: one gives no date, and its article was
  published within ``WINDOW_DAYS`` days after the other's signing date (or,
  when neither gives a date, after the other's article).

A relation that resolution turns into nonsense is left out of the graph, and
said so in ``Resolution.dropped``: an agreement whose parties became one
entity (so it would have one party, which its shape forbids), or a binary
relation from an entity to itself (a place ``locatedIn`` itself once 대구 and
대구시 are one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Hashable, Iterable, Mapping, Sequence

from kg.records import RELATION_FIELDS, Extraction, GraphFact, Merge, Relation, Resolution
from kg.resolve.table import Table
from kg.text import digest

WINDOW_DAYS = 14


@dataclass
class _Agreement:
    parties: tuple[str, ...]
    date: str | None
    members: list[tuple[str, int]] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)
    published: list[date] = field(default_factory=list)


def join_facts(ordered: Sequence[Extraction], index: Mapping[tuple[str, str], str], table: Table,
               names: Mapping[str, str]) -> tuple[tuple[GraphFact, ...], dict, dict]:
    """The agreements of the graph, the (article, relation index) → agreement id index, and the dropped relations."""
    groups: dict[tuple[str, ...], list[tuple[Extraction, int, Relation]]] = {}
    dropped: dict[tuple[str, int], str] = {}
    for x in ordered:
        for i, rel in enumerate(x.relations):
            why = _dropped(x, rel, index, names)
            if why:
                dropped[(x.article.id, i)] = why
            elif rel.type == "partnership":
                parties = tuple(sorted({index[(x.article.id, k)] for k in rel.args["orgs"]}))
                groups.setdefault(parties, []).append((x, i, rel))
    facts, fact_index = [], {}
    for parties, stated in groups.items():
        for agreement in _join_group(parties, stated, table, names):
            first_aid, first_i = agreement.members[0]
            fid = f"agreement/{digest(*parties, agreement.date or '', '' if agreement.date else f'{first_aid}#{first_i}')}"
            order = sorted(range(len(agreement.members)), key=lambda n: agreement.members[n])
            facts.append(GraphFact(fid, "partnership", tuple(agreement.members[n] for n in order),
                                   tuple(agreement.merges[n] for n in order)))
            fact_index.update({m: fid for m in agreement.members})
    facts.sort(key=lambda f: f.members[0])
    return tuple(facts), fact_index, dropped


def _dropped(x: Extraction, rel: Relation, index: Mapping[tuple[str, str], str], names: Mapping[str, str]) -> str:
    aid = x.article.id
    if rel.type == "partnership":
        parties = sorted({index[(aid, k)] for k in rel.args["orgs"]})
        if len(parties) < 2:
            return f"an agreement whose parties are one entity after resolution ({names[parties[0]]})"
        return ""
    ends = [index[(aid, str(rel.args[f]))] for f, kind in RELATION_FIELDS[rel.type].items() if kind == "entity"]
    if len(ends) == 2 and ends[0] == ends[1]:
        return f"a {rel.type} relation from an entity to itself after resolution ({names[ends[0]]})"
    return ""


def _join_group(parties: tuple[str, ...], stated: list, table: Table,
                names: Mapping[str, str]) -> list[_Agreement]:
    """The agreements of one party set: dated ones by date first, then each undated one."""
    who = " · ".join(names[p] for p in parties)
    out: list[_Agreement] = []
    by_date: dict[str, _Agreement] = {}
    for x, i, rel in [s for s in stated if s[2].args.get("date")]:
        when = str(rel.args["date"])
        agreement = by_date.get(when)
        if agreement is None:
            agreement = by_date[when] = _Agreement(parties, when)
            out.append(agreement)
            _add(agreement, x, i, table, "new", "first statement")
        else:
            _add(agreement, x, i, table, "same-parties-and-date", f"same parties ({who}) and signing date {when}")
    for x, i, rel in [s for s in stated if not s[2].args.get("date")]:
        found = _undated_target(out, x, table)
        if found is None:
            agreement = _Agreement(parties, None)
            out.append(agreement)
            _add(agreement, x, i, table, "new", "first statement")
        else:
            rule, why = found[1]
            _add(found[0], x, i, table, rule, f"same parties ({who}); {why}")
    return out


def _undated_target(agreements: list[_Agreement], x: Extraction, table: Table):
    """The agreement an undated statement joins (dated ones first, the earliest), with the rule and why; or None."""
    story, published = table.story_of(x.article.id), x.article.published
    for dated in (True, False):
        for a in agreements:
            if (a.date is not None) != dated:
                continue
            if story in a.stories:
                return a, ("same-parties-same-story", f"no date here; {_told(a)} in the same story")
            alike = sorted((-sim, m) for m, _ in a.members for sim in [table.texts.related(x.article.id, m)] if sim)
            if alike:
                return a, ("same-parties-related-text", f"no date here; {_told(a)} in {alike[0][1]}, whose text is "
                                                        f"{-alike[0][0]:.2f} like this one's (one press release)")
            since = [_day(a.date)] if a.date else a.published
            earliest = 0 if dated else -WINDOW_DAYS  # after a signing; either side of an undated report
            near = [d for d in since if d and published and earliest <= (published - d).days <= WINDOW_DAYS]
            if near:
                return a, ("same-parties-near-date", f"no date here; published {published.isoformat()}, within "
                                                     f"{WINDOW_DAYS} days of {near[0].isoformat()} ({_told(a)})")
    return None


def _told(a: _Agreement) -> str:
    return f"signed on {a.date}" if a.date else f"stated undated by {a.members[0][0]}"


def _add(a: _Agreement, x: Extraction, i: int, table: Table, rule: str, evidence: str) -> None:
    a.members.append((x.article.id, i))
    a.merges.append(Merge(x.article.id, f"r{i}", rule, evidence))
    a.stories.add(table.story_of(x.article.id))
    if x.article.published:
        a.published.append(x.article.published)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:  # 2024-09 or 2024: no day to count from
        return None


def happening(x: Extraction, i: int, resolution: Resolution) -> Hashable | None:
    """What relation ``i`` of ``x`` states, as resolved: equal for two statements of one fact (None if dropped)."""
    aid, rel = x.article.id, x.relations[i]
    if (aid, i) in resolution.dropped:
        return None
    if rel.type == "partnership":
        return ("partnership", resolution.fact_index[(aid, i)])
    args = []
    for name, kind in sorted(RELATION_FIELDS[rel.type].items()):
        value = rel.args.get(name)
        args.append(resolution.index[(aid, str(value))] if kind == "entity" else str(value))
    return (rel.type, tuple(args), rel.status, rel.start, rel.end)


def count_happenings(extractions: Iterable[Extraction], resolution: Resolution) -> int:
    """The number of distinct facts the articles state (a fact stated by many articles counts once)."""
    keys = {happening(x, i, resolution) for x in extractions for i in range(len(x.relations))}
    keys.discard(None)
    return len(keys)

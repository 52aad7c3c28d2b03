"""What an entity page shows, from its facts (``kg.serve.facts``): the summary of its kind, its downloads.

Pure functions over ``Fact`` lists: the page (``kg.serve.pages``) runs the
queries, these say what to list. A fact stated by several articles is one
row with several sources (``merge_facts``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from typing import Iterable

from kg.serve.facts import Fact

CSV_COLUMNS = ("relation", "subject", "subject_label", "object", "object_label", "post", "date", "end",
               "status", "article", "sentence_start", "sentence_end", "sentence", "fact")
# A text cell beginning so is a formula to a spreadsheet: it gets a leading ' (OWASP's advice on CSV
# injection). The same rule as kg.export.tables, which this stage may not import (sibling stages).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Row:
    """One line of a summary section: the other entity (or a value), what links them, when."""

    other: str
    detail: str = ""
    date: str = ""
    end: str = ""
    facts: list[Fact] = field(default_factory=list)


@dataclass
class Section:
    """A titled list of rows of an entity page's summary (heads over time, partners …)."""

    key: str
    title: str
    rows: list[Row]


def merge_facts(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per (relation, sides, post, dates), its sources those of every fact node that says it."""
    merged: dict[tuple, Fact] = {}
    for f in facts:
        key = (f.relation, f.x, f.y, f.post, f.date, f.end)
        first = merged.get(key)
        if first is None:
            merged[key] = replace(f, sources=list(f.sources))
        else:
            first.sources.extend(s for s in f.sources if s not in first.sources)
            first.status = first.status or f.status
    return list(merged.values())


def summary(iri: str, kind: str, facts: list[Fact]) -> list[Section]:
    """The sections an entity of ``kind`` opens with: an organization's heads, parent and sub-units,
    partners, programmes and events; a person's posts; others' nothing (their facts say it all)."""
    if kind == "Person":
        posts = [f for f in facts if f.relation in ("holdsPost", "memberOf") and f.x == iri]
        return _nonempty([Section("posts", "직위 (posts over time)", _rows(posts, iri, post=True))])
    if kind != "Organization":
        return []

    def of(relation: str, side: str | None = None) -> list[Fact]:
        return [f for f in facts if f.relation == relation and (side is None or getattr(f, side) == iri)]

    heads = [f for f in facts if f.relation == "holdsPost" and f.y == iri]
    events = of("organizes") + of("participatesIn")
    return _nonempty([
        Section("heads", "기관장·임원 (heads over time)", _rows(heads, iri, post=True)),
        Section("parent", "상위 조직 (parent)", _rows(of("subOrganizationOf", "x"), iri)),
        Section("units", "하위 조직 (sub-units)", _rows(of("subOrganizationOf", "y"), iri)),
        Section("partners", "협약 상대 (partners)", _partners(of("partnership"), iri)),
        Section("programmes", "운영 사업 (programmes)", _rows(of("operates"), iri)),
        Section("events", "행사 (events)", _rows(events, iri)),
    ])


def _nonempty(sections: list[Section]) -> list[Section]:
    return [s for s in sections if s.rows]


def _rows(facts: list[Fact], iri: str, post: bool = False) -> list[Row]:
    rows = [Row(f.other(iri), (f.post or "") if post else "", f.date or "", f.end or "", [f]) for f in facts]
    return sorted(rows, key=lambda r: (r.date or "~", r.other, r.detail))


def _partners(facts: list[Fact], iri: str) -> list[Row]:
    """One row per partner, with the dates of every agreement with it."""
    by_partner: dict[str, Row] = {}
    for f in sorted(facts, key=lambda f: f.date or "~"):
        row = by_partner.setdefault(f.other(iri), Row(f.other(iri)))
        row.facts.append(f)
        if f.date and f.date not in row.detail.split(", "):
            row.detail = ", ".join(filter(None, (row.detail, f.date)))
        row.date = row.date or f.date or ""
    return sorted(by_partner.values(), key=lambda r: (r.date or "~", r.other))


def facts_csv(facts: Iterable[Fact], label: dict[str, str]) -> bytes:
    """The facts as CSV, one row per (fact, source sentence): UTF-8 with a BOM (Excel reads Korean)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for f in facts:
        for art, begin, end, sentence in f.sources or [("", "", "", "")]:
            row = {"relation": f.relation, "subject": f.x, "subject_label": label.get(f.x, ""),
                   "object": f.y, "object_label": label.get(f.y, ""), "post": f.post or "",
                   "date": f.date or "", "end": f.end or "", "status": f.status or "", "article": art,
                   "sentence_start": begin, "sentence_end": end, "sentence": sentence, "fact": f.iri}
            writer.writerow({k: neutralise(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8-sig")


def neutralise(value: object) -> object:
    """A cell value a spreadsheet will not take for a formula (text only; numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value

"""The timeline of a served build: agreements, appointments, foundings, renames and events, by date.

``add_happenings`` fills the catalogue's ``happening`` tables from the store
(kg's own SELECTs) whenever the catalogue is read from the store: the
first time ``kg serve`` serves a build, which then saves it
(``kg.serve.catalogue_file``); ``timeline`` reads them, optionally for the
happenings that one organization takes part in.

A happening's date is the date the text gives (signing, start of a tenure,
founding year, event date), else the publication date of the first article
that reports it (renames, agreements without a date): ``dated_by`` says
which (``text`` or ``article``). One happening is one row, however many articles state it; its
source is the first article's sentence.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Protocol


class Tables(Protocol):
    """What the timeline reads the catalogue through (``kg.serve.catalogue.Catalogue``, which imports this)."""

    def rows(self, sql: str, args: Iterable[Any] = ()) -> list[dict]: ...

    def entity_iris(self, name: str) -> list[str]: ...


Select = Callable[[Any, str], list[tuple]]  # (store, query) -> rows of strings

KINDS = {  # kind -> (Korean, English)
    "agreement": ("업무협약", "agreement"),
    "appointment": ("취임·선임", "appointment"),
    "founding": ("설립", "founding"),
    "rename": ("명칭 변경", "rename"),
    "event": ("행사", "event"),
}
_SOURCE = """OPTIONAL { ?fact prov:wasDerivedFrom ?s . ?s nif:anchorOf ?text ; nif:referenceContext ?art
  OPTIONAL { ?art dcterms:issued ?issued } }"""
# Each: ?fact, ?date (may be unbound), ?entity ?role (one row per taking part), ?text ?s ?art ?issued.
QUERIES = {
    "agreement": f"""SELECT ?fact ?date ?entity ?role ?detail ?text ?s ?art ?issued WHERE {{ GRAPH ?g {{
  ?fact a kg:Agreement ; kg:party ?entity . BIND ("party" AS ?role)
  OPTIONAL {{ ?fact kg:signedOn ?date }} {_SOURCE} }} }}""",
    "appointment": f"""SELECT ?fact ?date ?entity ?role ?detail ?text ?s ?art ?issued WHERE {{ GRAPH ?g {{
  ?fact a org:Membership ; org:role/skos:prefLabel ?detail ; kg:tenureStatus ?status .
  {{ ?fact org:member ?entity BIND ("person" AS ?role) }} UNION {{ ?fact org:organization ?entity BIND ("org" AS ?role) }}
  OPTIONAL {{ ?fact org:memberDuring/time:hasBeginning ?t . ?t ?tp ?date
             FILTER (?tp IN (time:inXSDDate, time:inXSDgYearMonth, time:inXSDgYear)) }}
  FILTER (?status = "started" || BOUND(?date)) {_SOURCE} }} }}""",
    "founding": f"""SELECT ?fact ?date ?entity ?role ?detail ?text ?s ?art ?issued WHERE {{ GRAPH ?g {{
  ?fact rdf:predicate schema:foundingDate ; rdf:subject ?entity ; rdf:object ?date . BIND ("org" AS ?role)
  {_SOURCE} }} }}""",
    "rename": f"""SELECT ?fact ?date ?entity ?role ?detail ?text ?s ?art ?issued WHERE {{ GRAPH ?g {{
  ?fact a org:ChangeEvent ; org:resultingOrganization ?entity ; kg:formerName ?detail . BIND ("org" AS ?role)
  {_SOURCE} }} }}""",
    "event": f"""SELECT ?fact ?date ?entity ?role ?detail ?text ?s ?art ?issued WHERE {{ GRAPH ?g {{
  ?st rdf:predicate schema:startDate ; rdf:subject ?fact ; rdf:object ?date .
  OPTIONAL {{ ?st prov:wasDerivedFrom ?s . ?s nif:anchorOf ?text ; nif:referenceContext ?art
             OPTIONAL {{ ?art dcterms:issued ?issued }} }} }}
  {{ BIND (?fact AS ?entity) BIND ("event" AS ?role) }}
  UNION {{ GRAPH ?h {{ ?fact schema:organizer ?entity }} BIND ("organizer" AS ?role) }}
  UNION {{ GRAPH ?h {{ ?fact schema:attendee ?entity }} BIND ("attendee" AS ?role) }} }}""",
}


@dataclass
class Happening:
    """One row of the timeline being gathered: its date, what it is, who takes part, its first source."""

    kind: str
    fact: str
    date: str | None = None
    detail: str | None = None
    source: tuple = ("", None, None, None)  # (issued, sentence IRI, text, article IRI): the earliest
    entities: dict[str, str] = field(default_factory=dict)  # IRI -> role, in order of appearance


def add_happenings(db: sqlite3.Connection, store: Any, select: Select) -> None:
    """Gather every dated happening of the store into the catalogue's tables (``select`` runs kg's SELECTs)."""
    rows, links = [], []
    for kind, text in QUERIES.items():
        for h in _gather(kind, store, select):
            date = h.date or h.source[0]
            if not date:
                continue  # nothing dates it
            rows.append((len(rows) + 1, date, int(date[:4]), kind, h.fact, h.detail, *h.source[1:],
                         "text" if h.date else "article"))
            links += [(len(rows), entity, role, i) for i, (entity, role) in enumerate(h.entities.items())]
    db.executemany("INSERT INTO happening VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO happening_entity VALUES (?, ?, ?, ?)", links)


def _gather(kind: str, store: Any, select: Select) -> list[Happening]:
    """The happenings of one kind, one per fact node; then one per (entities, date, detail).

    Agreements and events are one node each already (``kg.resolve``); a
    founding, a rename or an appointment is a fact node per article that
    states it, and the same one when they say the same.
    """
    by_fact: dict[str, Happening] = {}
    for fact, date, entity, role, detail, sentence, s, art, issued in select(store, QUERIES[kind]):
        h = by_fact.setdefault(fact, Happening(kind, fact))
        h.date = min(filter(None, (h.date, date)), default=None)
        h.detail = h.detail or detail
        h.entities.setdefault(entity, role)
        if _earlier((issued, s, sentence, art), h.source):
            h.source = (issued, s, sentence, art)
    if kind in ("agreement", "event"):
        return list(by_fact.values())
    merged: dict[tuple, Happening] = {}
    for h in by_fact.values():
        key = (tuple(sorted(h.entities.items())), h.date, h.detail)
        first = merged.setdefault(key, h)
        if h is not first and _earlier(h.source, first.source):
            first.source, first.fact = h.source, h.fact
    return list(merged.values())


def _earlier(source: tuple, than: tuple) -> bool:
    """Whether ``source`` (issued, sentence IRI, …) is a sentence, of an earlier article than ``than``'s."""
    return bool(source[1]) and (not than[1] or (source[0] or "~", source[1]) < (than[0] or "~", than[1]))


@dataclass
class Timeline:
    """The happenings of one page of the timeline, oldest first, each with the entities that take part."""

    rows: list[dict]
    total: int
    kinds: list[tuple[str, int]]
    years: list[tuple[int, int]]
    organizations: list[dict]  # the organizations it is filtered by (none: every happening)


def timeline(catalogue: Tables, org: str | None = None, kind: str | None = None, year: int | None = None,
             limit: int = 200, offset: int = 0) -> Timeline:
    """The happenings (of ``org``, a name, alias or entity IRI; of a ``kind``; in a ``year``), by date."""
    orgs = catalogue.entity_iris(org) if org else []
    where, args = ["1"], []
    if org:
        marks = ",".join("?" * len(orgs)) or "NULL"
        where.append(f"h.id IN (SELECT happening FROM happening_entity WHERE entity IN ({marks}))")
        args += orgs
    base_where, base_args = " AND ".join(where), list(args)
    if kind:
        where.append("h.kind = ?")
        args.append(kind)
    if year is not None:
        where.append("h.year = ?")
        args.append(year)
    cond = " AND ".join(where)
    total = catalogue.rows(f"SELECT count(*) AS n FROM happening h WHERE {cond}", args)[0]["n"]
    rows = catalogue.rows(f"SELECT h.*, a.id AS article_id, a.title FROM happening h LEFT JOIN article a "
                          f"ON a.iri = h.article WHERE {cond} ORDER BY h.date, h.kind, h.id LIMIT ? OFFSET ?",
                          [*args, limit, offset])
    _add_entities(catalogue, rows)
    kinds = catalogue.rows(f"SELECT kind AS v, count(*) AS n FROM happening h WHERE {base_where} GROUP BY kind "
                           "ORDER BY n DESC", base_args)
    years = catalogue.rows(f"SELECT year AS v, count(*) AS n FROM happening h WHERE {base_where} GROUP BY year "
                           "ORDER BY year", base_args)
    named = [r for iri in orgs for r in catalogue.rows("SELECT iri, label, kind FROM entity WHERE iri = ?", [iri])]
    return Timeline(rows, total, [(r["v"], r["n"]) for r in kinds], [(r["v"], r["n"]) for r in years], named)


def _add_entities(catalogue: Tables, rows: list[dict]) -> None:
    if not rows:
        return
    ids = [r["id"] for r in rows]
    linked = catalogue.rows(f"SELECT he.happening, he.role, e.iri, e.label, e.kind FROM happening_entity he "
                            f"JOIN entity e ON e.iri = he.entity WHERE he.happening IN ({','.join('?' * len(ids))}) "
                            f"ORDER BY he.happening, he.ord", ids)
    by_id: dict[int, list[dict]] = {}
    for link in linked:
        by_id.setdefault(link["happening"], []).append(link)
    for row in rows:
        row["entities"] = by_id.get(row["id"], [])

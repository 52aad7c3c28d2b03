"""The catalogue of a served build: names, articles and sentences in SQLite, for search and the timeline.

``Catalogue.of_store(store)`` reads a build's store once into an in-memory
SQLite database: every label of every entity (name, alias, former name),
every article's metadata, every sentence, which articles name which entity,
and the dated happenings of the timeline (``kg.serve.timeline``). ``kg
serve`` does so the first time it serves a build and saves the database
beside the store; later starts copy that file into memory
(``kg.serve.catalogue_file``). Search (``search``) and the timeline then
answer from it in milliseconds at a million quads, where a SPARQL
``CONTAINS`` over every sentence would scan them all for each request.

Why SQLite: it ships with Python, its FTS5 ``trigram`` tokenizer indexes
substrings of any script (Korean names have no word boundaries to index on),
and ``GROUP BY`` gives the facets (datasette's approach). Names and
sentences are matched in ``kg.text.normalize``'s form, so spacing, middle
dots and hyphens do not matter: ``대구경북 첨단의료산업진흥재단`` finds
``대구경북첨단의료산업진흥재단``.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from typing import Any, Iterable

from kg.serve.timeline import add_happenings
from kg.sparql.local import select
from kg.text import normalize

SCHEMA = """
CREATE TABLE entity(iri TEXT PRIMARY KEY, kind TEXT, label TEXT, articles INTEGER DEFAULT 0);
CREATE TABLE label(iri TEXT, label TEXT, norm TEXT, how TEXT);
CREATE INDEX label_norm ON label(norm);
CREATE INDEX label_iri ON label(iri);
CREATE VIRTUAL TABLE label_fts USING fts5(norm, tokenize='trigram');
CREATE TABLE article(iri TEXT PRIMARY KEY, id TEXT, title TEXT, issued TEXT, year INTEGER, publisher TEXT, url TEXT);
CREATE VIRTUAL TABLE sentence USING fts5(norm, iri UNINDEXED, article UNINDEXED, text UNINDEXED,
                                         tokenize='trigram');
CREATE TABLE mention(entity TEXT, article TEXT, PRIMARY KEY (entity, article)) WITHOUT ROWID;
CREATE INDEX mention_article ON mention(article);
CREATE TABLE happening(id INTEGER PRIMARY KEY, date TEXT, year INTEGER, kind TEXT, fact TEXT, detail TEXT,
                       sentence TEXT, text TEXT, article TEXT, dated_by TEXT);
CREATE INDEX happening_date ON happening(date, kind, id);
CREATE TABLE happening_entity(happening INTEGER, entity TEXT, role TEXT, ord INTEGER);
CREATE INDEX happening_entity_entity ON happening_entity(entity);
"""
# kg's prefixes are declared for every query (kg.rdf.namespaces.PREFIXES).
Q_ENTITIES = """SELECT ?e ?kind ?label WHERE { GRAPH ?g { ?e kg:entityKind ?kind ; skos:prefLabel ?label } }"""
Q_LABELS = """SELECT DISTINCT ?e ?label ?how WHERE {
  { GRAPH ?g { ?e skos:altLabel ?label } BIND ("alias" AS ?how) }
  UNION { GRAPH ?g { ?c org:resultingOrganization ?e ; kg:formerName ?label } BIND ("former" AS ?how) } }"""
Q_ARTICLES = """SELECT ?art ?id ?title ?issued ?publisher ?url WHERE { GRAPH ?g { ?art a kg:Article ;
  dcterms:identifier ?id OPTIONAL { ?art dcterms:title ?title } OPTIONAL { ?art dcterms:issued ?issued }
  OPTIONAL { ?art dcterms:publisher ?publisher } OPTIONAL { ?art schema:url ?url } } }"""
Q_SENTENCES = """SELECT ?s ?text ?art WHERE { GRAPH ?g { ?s a nif:Sentence ; nif:anchorOf ?text ;
  nif:referenceContext ?art } }"""
Q_MENTIONS = """SELECT DISTINCT ?e ?art WHERE { GRAPH ?g { ?m itsrdf:taIdentRef ?e ; nif:referenceContext ?art } }"""
KINDS = ("Organization", "Person", "Program", "Event", "Place")
PAGE = 50  # results shown per list


@dataclass
class Facet:
    """One facet: its name, and (value, count) pairs, most frequent first."""

    name: str
    values: list[tuple[Any, int]]


@dataclass
class SearchResults:
    """What ``Catalogue.search`` found: entities (one row per entity) and sentences, each with facets."""

    query: str
    entities: list[dict] = field(default_factory=list)
    entity_count: int = 0
    sentences: list[dict] = field(default_factory=list)
    sentence_count: int = 0
    facets: list[Facet] = field(default_factory=list)


class Catalogue:
    """A build's names, articles, sentences and happenings in an in-memory SQLite database (thread-safe)."""

    def __init__(self, db: sqlite3.Connection, base_iri: str | None) -> None:
        self.db = db
        self.base_iri = base_iri
        self.lock = threading.Lock()

    @classmethod
    def of_store(cls, store: Any, base_iri: str | None = None) -> "Catalogue":
        """Read an open pyoxigraph store into a new catalogue (kg's own queries, in this process)."""
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.executescript(SCHEMA)
        _add_entities(db, store)
        _add_articles(db, store)
        add_happenings(db, store, _select)
        db.commit()
        return cls(db, base_iri)

    def rows(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """Rows of one SQL query (as dict-like rows), under the lock."""
        with self.lock:
            cur = self.db.execute(sql, tuple(args))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]

    def entity_iris(self, name: str) -> list[str]:
        """The entities that ``name`` names exactly (any label, normalized), or the entity with that IRI."""
        found = self.rows("SELECT DISTINCT iri FROM label WHERE norm = ? ORDER BY iri", [normalize(name)])
        if not found:
            found = self.rows("SELECT iri FROM entity WHERE iri = ?", [name])
        return [r["iri"] for r in found]

    def entity(self, iri: str) -> dict | None:
        """The entity's row (iri, kind, label, articles) and its labels (``labels``: label, how), or None."""
        found = self.rows("SELECT iri, kind, label, articles FROM entity WHERE iri = ?", [iri])
        if not found:
            return None
        found[0]["labels"] = self.rows("SELECT label, how FROM label WHERE iri = ? ORDER BY how, label", [iri])
        return found[0]

    def labels(self, iris: Iterable[str]) -> dict[str, dict]:
        """The label and kind of each of ``iris`` that is an entity."""
        iris = sorted(set(iris))
        out: dict[str, dict] = {}
        for i in range(0, len(iris), 500):  # SQLite's bound on parameters
            chunk = iris[i:i + 500]
            for row in self.rows(f"SELECT iri, label, kind FROM entity WHERE iri IN ({','.join('?' * len(chunk))})",
                                 chunk):
                out[row["iri"]] = row
        return out

    def article(self, iri: str) -> dict | None:
        """An article's metadata (iri, id, title, issued, year, publisher, url), or None."""
        found = self.rows("SELECT * FROM article WHERE iri = ?", [iri])
        return found[0] if found else None

    def names(self, prefix: str, limit: int = 20) -> list[dict]:
        """Labels that start with ``prefix`` (normalized), the most named entities first: for autocompletion."""
        key = normalize(prefix)
        if not key:
            return []
        return self.rows(
            "SELECT l.label, l.how, e.iri, e.kind FROM label l JOIN entity e ON e.iri = l.iri "
            "WHERE l.norm >= ? AND l.norm < ? ORDER BY e.articles DESC, length(l.label), l.label LIMIT ?",
            [key, key + "\U0010ffff", limit])

    def search(self, text: str, kind: str | None = None, year: int | None = None,
               publisher: str | None = None) -> SearchResults:
        """Entities whose names contain ``text``, and sentences that contain it, with facets.

        ``kind`` keeps entities of that type; ``year`` and ``publisher`` keep
        sentences of such articles, and entities named in one.
        """
        key = normalize(text)
        out = SearchResults(text)
        if not key:
            return out
        label_match, arg = _contains("f.norm", key)
        scope, scope_args = _article_scope(year, publisher)
        matched = f"SELECT DISTINCT l.iri FROM label_fts f JOIN label l ON l.rowid = f.rowid WHERE {label_match}"
        where = f"e.iri IN ({matched})" + (f" AND e.iri IN (SELECT m.entity FROM mention m JOIN article a "
                                           f"ON a.iri = m.article WHERE {scope})" if scope else "")
        args = [arg, *scope_args]
        kinds = self.rows(f"SELECT e.kind, count(*) AS n FROM entity e WHERE {where} GROUP BY e.kind "
                          "ORDER BY n DESC", args)
        out.entity_count = sum(r["n"] for r in kinds if not kind or r["kind"] == kind)
        out.entities = self.rows(
            f"SELECT e.iri, e.kind, e.label, e.articles, (SELECT group_concat(l.label, ' · ') FROM label l "
            f"WHERE l.iri = e.iri AND l.how != 'name') AS aliases, (SELECT min(CASE WHEN l.norm = ? THEN 0 "
            f"WHEN substr(l.norm, 1, ?) = ? THEN 1 ELSE 2 END) FROM label l WHERE l.iri = e.iri) AS rank "
            f"FROM entity e WHERE {where}{' AND e.kind = ?' if kind else ''} "
            f"ORDER BY rank, e.articles DESC, length(e.label), e.label LIMIT {PAGE}",
            [key, len(key), key, *args, *([kind] if kind else [])])
        sentence_match, arg = _contains("s.norm", key)
        sentence_where = sentence_match + (f" AND {scope}" if scope else "")
        join = "FROM sentence s JOIN article a ON a.iri = s.article"
        out.sentence_count = self.rows(f"SELECT count(*) AS n {join} WHERE {sentence_where}", args)[0]["n"]
        out.sentences = self.rows(f"SELECT s.iri, s.text, a.iri AS article, a.id, a.title, a.issued, a.publisher "
                                  f"{join} WHERE {sentence_where} ORDER BY a.issued DESC, a.id, s.iri LIMIT {PAGE}",
                                  args)
        out.facets = [Facet("type", [(r["kind"], r["n"]) for r in kinds])] + self._facets(sentence_match, arg)
        return out

    def _facets(self, match: str, arg: str) -> list[Facet]:
        """Years and publishers of the articles whose sentences match (before those filters)."""
        out = []
        for name, column in (("year", "a.year"), ("publisher", "a.publisher")):
            rows = self.rows(f"SELECT {column} AS v, count(DISTINCT a.iri) AS n FROM sentence s JOIN article a "
                             f"ON a.iri = s.article WHERE {match} AND {column} IS NOT NULL "
                             f"GROUP BY v ORDER BY {'v DESC' if name == 'year' else 'n DESC, v'} LIMIT 30", [arg])
            out.append(Facet(name, [(r["v"], r["n"]) for r in rows]))
        return out


def _contains(column: str, key: str) -> tuple[str, str]:
    """SQL that ``column`` contains ``key``, and its argument.

    Three characters or more: ``LIKE``, which FTS5's trigram index answers;
    shorter keys (and ``%``, ``_``) are a scan (``instr``): the trigram
    index matches nothing shorter than a trigram.
    """
    if len(key) >= 3 and not {"%", "_"} & set(key):
        return f"{column} LIKE ?", f"%{key}%"
    return f"instr({column}, ?) > 0", key


def _article_scope(year: int | None, publisher: str | None) -> tuple[str, list]:
    parts, args = [], []
    if year is not None:
        parts.append("a.year = ?")
        args.append(year)
    if publisher:
        parts.append("a.publisher = ?")
        args.append(publisher)
    return " AND ".join(parts), args


def _add_entities(db: sqlite3.Connection, store: Any) -> None:
    entities = {}
    for iri, kind, label in _select(store, Q_ENTITIES):
        entities.setdefault(iri, (iri, kind, label))
    db.executemany("INSERT INTO entity(iri, kind, label) VALUES (?, ?, ?)", entities.values())
    labels = {(iri, label, "name") for iri, _, label in entities.values()}
    labels |= {(iri, label, how) for iri, label, how in _select(store, Q_LABELS)
               if iri in entities and (iri, label, "name") not in labels}
    db.executemany("INSERT INTO label(iri, label, norm, how) VALUES (?, ?, ?, ?)",
                   sorted((iri, label, normalize(label), how) for iri, label, how in labels))
    db.execute("INSERT INTO label_fts(rowid, norm) SELECT rowid, norm FROM label")
    db.executemany("INSERT OR IGNORE INTO mention VALUES (?, ?)", _select(store, Q_MENTIONS))
    db.execute("UPDATE entity SET articles = (SELECT count(*) FROM mention WHERE entity = entity.iri)")


def _add_articles(db: sqlite3.Connection, store: Any) -> None:
    rows = {}
    for art, aid, title, issued, publisher, url in _select(store, Q_ARTICLES):
        year = int(issued[:4]) if issued and issued[:4].isdigit() else None
        rows.setdefault(art, (art, aid, title, issued, year, publisher, url))
    db.executemany("INSERT INTO article VALUES (?, ?, ?, ?, ?, ?, ?)", rows.values())
    db.executemany("INSERT INTO sentence(norm, iri, article, text) VALUES (?, ?, ?, ?)",
                   ((normalize(text), s, art, text) for s, text, art in _select(store, Q_SENTENCES)))


def _select(store: Any, text: str) -> list[tuple]:
    """Every row of one of kg's own SELECTs, values as strings (None when unbound)."""
    results = select(store, text)
    return [tuple(None if v is None else str(v) for v in row) for row in results.rows]

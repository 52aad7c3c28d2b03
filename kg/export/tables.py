"""CSV tables of a build for pandas and Excel: ``entities.csv``, and ``relations.csv`` with each relation's source sentence.

UTF-8 with a byte order mark, which Excel needs to read Korean (pandas and
the csv module skip it with ``utf-8-sig``; pandas' default reads it too).
A text cell that begins with ``= + - @``, a tab or a carriage return starts
with ``'`` instead, so that a spreadsheet shows it and does not run it as a
formula (OWASP's advice on CSV injection).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from rdflib import Dataset

ENTITY_COLUMNS = ("iri", "kind", "label", "aliases", "articles", "mentions")
RELATION_COLUMNS = ("relation", "subject", "subject_label", "object", "object_label", "value", "detail",
                    "asserted_on", "article", "sentence_start", "sentence_end", "sentence", "fact")


def write_csv(ds: "Dataset", folder: Path) -> list[Path]:
    """``entities.csv`` and ``relations.csv`` (each relation with its source sentence) in ``folder``."""
    from kg.rdf.datasets import union_view

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with union_view(ds):
        for name, columns, rows in (("entities.csv", ENTITY_COLUMNS, entity_rows(ds)),
                                    ("relations.csv", RELATION_COLUMNS, relation_rows(ds))):
            path = folder / name
            with path.open("w", encoding="utf-8-sig", newline="") as f:
                writer = csv.DictWriter(f, fieldnames=columns)
                writer.writeheader()
                writer.writerows({k: neutralise(v) for k, v in row.items()} for row in _sorted(rows))
            written.append(path)
    return written


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell value a spreadsheet will not take for a formula (text only; numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _sorted(rows: Iterator[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: tuple(str(v) for v in r.values()))


def entity_rows(ds: "Dataset") -> Iterator[dict]:
    """One row per graph entity: IRI, kind, label, aliases, how many articles and mentions name it."""
    from rdflib.namespace import SKOS

    from kg.rdf.namespaces import ITSRDF, KG, NIF

    mentions: dict = {}
    for mention, entity in ds.subject_objects(ITSRDF.taIdentRef):
        mentions.setdefault(entity, []).append(ds.value(mention, NIF.referenceContext))
    for entity, kind in ds.subject_objects(KG.entityKind):
        found = mentions.get(entity, [])
        yield {"iri": str(entity), "kind": str(kind), "label": str(ds.value(entity, SKOS.prefLabel) or ""),
               "aliases": " | ".join(sorted(str(a) for a in ds.objects(entity, SKOS.altLabel))),
               "articles": len(set(found)), "mentions": len(found)}


def relation_rows(ds: "Dataset") -> Iterator[dict]:
    """One row per relation, with the sentence it comes from (article, offsets, text)."""
    from rdflib import RDF
    from rdflib.namespace import ORG, SKOS

    from kg.rdf.mapping import DIRECT
    from kg.rdf.namespaces import KG

    def label(node) -> str:
        return str(ds.value(node, SKOS.prefLabel) or "")

    names = {pred: rel for rel, (_, pred, _) in DIRECT.items()}
    for fact in ds.subjects(RDF.type, ORG.Membership):
        role = ds.value(fact, ORG.role)
        status = ds.value(fact, KG.tenureStatus)
        yield _row(ds, fact, "holdsPost" if role else "memberOf", ds.value(fact, ORG.member),
                   ds.value(fact, ORG.organization), label(role) if role else "", f"status={status}", label)
    for fact in ds.subjects(RDF.type, KG.Agreement):
        parties = sorted(ds.objects(fact, KG.party))
        signed = ds.value(fact, KG.signedOn)
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                yield _row(ds, fact, "partnership", a, b, str(signed or ""), f"parties={len(parties)}", label)
    for fact in ds.subjects(RDF.type, ORG.ChangeEvent):
        yield _row(ds, fact, "renamed", ds.value(fact, ORG.resultingOrganization), None,
                   str(ds.value(fact, KG.formerName) or ""), f"new name={ds.value(fact, KG.newName)}", label)
    for fact in ds.subjects(RDF.type, RDF.Statement):
        obj = ds.value(fact, RDF.object)
        is_node = not hasattr(obj, "datatype")
        yield _row(ds, fact, names.get(ds.value(fact, RDF.predicate), str(ds.value(fact, RDF.predicate))),
                   ds.value(fact, RDF.subject), obj if is_node else None, "" if is_node else str(obj), "", label)


def _row(ds: "Dataset", fact, relation: str, subject, obj, value: str, detail: str, label) -> dict:
    from rdflib.namespace import DCTERMS, PROV

    from kg.rdf.namespaces import KG, NIF

    sentence = ds.value(fact, PROV.wasDerivedFrom)
    article = ds.value(sentence, NIF.referenceContext) if sentence is not None else None

    def get(node, pred) -> str:
        found = ds.value(node, pred) if node is not None else None
        return str(found) if found is not None else ""

    return {"relation": relation, "subject": str(subject or ""), "subject_label": label(subject) if subject else "",
            "object": str(obj or ""), "object_label": label(obj) if obj is not None else "", "value": value,
            "detail": detail, "asserted_on": get(fact, KG.assertedOn),
            "article": get(article, DCTERMS.identifier), "sentence_start": get(sentence, NIF.beginIndex),
            "sentence_end": get(sentence, NIF.endIndex), "sentence": get(sentence, NIF.anchorOf), "fact": str(fact)}

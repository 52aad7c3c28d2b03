"""Per-article annotations in the gold format of ``shared/gold/FORMAT.md``.

Only facts true at the article date are written: a holdsPost or memberOf
whose status is ``former`` or ``ended`` is history, not a current post.
"""

from __future__ import annotations

from kg.records import RELATION_FIELDS, STATUS_ENDED, STATUS_FORMER, Extraction

_PAST = (STATUS_FORMER, STATUS_ENDED)


def to_annotation(extraction: Extraction) -> dict:
    """The gold-format dict of one extraction (entities by name, relations by name)."""
    article = extraction.article
    names = {e.key: e.name for e in extraction.entities}
    entities = []
    for ent in extraction.entities:
        item: dict = {"type": ent.type, "name": ent.name}
        if ent.aliases:
            item["aliases"] = list(ent.aliases)
        entities.append(item)
    relations = []
    for rel in extraction.relations:
        if rel.type in ("holdsPost", "memberOf") and rel.status in _PAST:
            continue
        item = {"type": rel.type}
        for field, kind in RELATION_FIELDS[rel.type].items():
            value = rel.args.get(field)
            if kind == "entity":
                item[field] = names[value]
            elif kind == "entities":
                item[field] = [names[k] for k in value]
            else:
                item[field] = value
        if item not in relations:
            relations.append(item)
    return {
        "doc": article.id,
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
        "entities": entities,
        "relations": relations,
    }


MAX_NAME_BYTES = 150  # of a file name's stem; file systems allow 255


def annotation_filename(article_id: str) -> str:
    """``000_x.txt`` -> ``000_x.json``; a JSON Lines id -> ``<id>.json`` (path-safe, at most 150 bytes).

    An id with nothing left to name a file (``.``, ``..``), or too long for
    one (a 10,000 character id), is cut and gets a digest of itself
    (``x…x-1f3a….json``). Ids that still share a name (``a/b`` and ``a_b``)
    are for the caller to refuse (``kg build`` does: ``kg.pipeline.distinct``).
    """
    from kg.text import digest

    stem = article_id.rsplit(".", 1)[0] if article_id.endswith((".txt", ".html", ".htm")) else article_id
    safe = "".join(c if c.isalnum() or c in "-_.가" else "_" for c in stem).strip(".")
    if safe and len(safe.encode("utf-8")) <= MAX_NAME_BYTES:
        return safe + ".json"
    while len(safe.encode("utf-8")) > MAX_NAME_BYTES - 11:
        safe = safe[: len(safe) * 3 // 4]
    return f"{safe.rstrip('.') or '_'}-{digest(article_id)}.json"

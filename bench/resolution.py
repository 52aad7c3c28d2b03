"""Cross-article resolution against the gold: entity clusters, and the happenings of one story.

    python -m bench.resolution [--shared DIR] [--json]

Extracts and resolves the articles of ``../shared/corpus`` (seeds, dev, train;
the lockbox of ``bench/lockbox.txt`` left out, never read) with the library
(``kg.pipeline.extract_all``, ``kg.resolve.resolve``) and scores:

1. **Entity clusters, pairwise.** Gold: entities of different articles are
   the same when they have the same type and share a normalized name or
   alias (generic short forms such as 진흥원 aside), joined transitively.
   Generic forms join entities only within one story of the index files.
   The gold files give an alias only where an article writes both forms, so
   such a gold calls 대구 and 대구시 of two articles two places:
   ``entities_lexicon`` scores again with gold names also joined by the
   forms of ``kg.resolve.names`` (issue 12's cross-article names), so that
   what remains are errors.
   Each gold entity is matched to the article's predicted entity by
   ``kg.evaluate.match_entities`` (FORMAT.md's rule); over the pairs of
   matched entities of different articles, precision is the share of pairs
   resolved into one graph entity that gold calls the same, recall the share
   of gold-same pairs resolved into one. Unmatched entities (extraction
   misses) are left out: this scores resolution, not extraction.
2. **Agreements, pairwise** the same way (``agreement_pairs``: gold
   agreements of two articles are one with the same parties and date, or,
   undated, in one story of the index files).
3. **Stories.** The ``same_story_as`` pairs of ``train-index.tsv`` and the
   ``duplicate_of`` pairs of ``dev-index.tsv``: the agreements and events that
   both gold files state (same parties and compatible dates; same event name,
   or the same kind of ceremony on the same date), and of those, how many the
   build found in both articles and how many it made one node.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from kg.evaluate import match_entities
from kg.resolve.events import kind
from kg.resolve.names import GENERIC, name_keys
from kg.text import normalize

ROOT = Path(__file__).resolve().parents[1]
SETS = ("seeds", "dev", "train")
INDEXES = (("train-index.tsv", "same_story_as", "train"), ("dev-index.tsv", "duplicate_of", "dev"))


def lockbox() -> set[str]:
    """File names of the sealed train articles (never read here)."""
    lines = (ROOT / "bench" / "lockbox.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def load(shared: Path) -> tuple[list, dict[str, dict]]:
    """Extractions of the shared articles with gold (lockbox aside), and their gold files by article id."""
    from kg.ingest.read import read_sources
    from kg.pipeline import extract_all
    from kg.records import Failure

    sealed, golds, paths = lockbox(), {}, []
    for name in SETS:
        for path in sorted((shared / "corpus" / name).iterdir()):
            gold = shared / "gold" / name / f"{path.stem}.json"
            if gold.exists() and not (name == "train" and path.name in sealed):
                paths.append(path)
                golds[path.name] = json.loads(gold.read_text(encoding="utf-8"))
    sources = [s for s in read_sources(paths) if not isinstance(s, Failure)]
    extractions = [x for x in extract_all(sources) if not isinstance(x, Failure)]
    return extractions, golds


def forms(entity: dict) -> set[str]:
    """Normalized name and aliases, generic short forms aside."""
    return {normalize(n) for n in (entity["name"], *(entity.get("aliases") or ()))} - GENERIC - {""}


def _predicted(x) -> list[dict]:
    return [{"type": e.type, "name": e.name, "aliases": list(e.aliases)} for e in x.entities]


def gold_clusters(golds: dict[str, dict], story: dict[str, str],
                  lexicon: bool = False) -> dict[tuple[str, int], tuple[str, int]]:
    """(article, gold entity index) -> its cluster: same type and a shared form, transitively.

    A generic form (협약식, 재단) is shared only within one story of the index files (``story``).
    ``lexicon``: two gold names are also one when ``kg.resolve.names`` says they are (대구 = 대구시).
    """
    from networkx.utils import UnionFind

    uf, first = UnionFind(), {}
    for aid in sorted(golds):
        for j, g in enumerate(golds[aid]["entities"]):
            uf[(aid, j)]
            names = _all_forms([g["name"], *(g.get("aliases") or ())])
            if lexicon:
                names |= set(name_keys(g["type"], [g["name"], *(g.get("aliases") or ())]))
            keys = [(g["type"], f) for f in sorted(names - GENERIC)]
            keys += [(g["type"], f, story[aid]) for f in sorted(names & GENERIC) if aid in story]
            for key in keys:
                uf.union((aid, j), first.setdefault(key, (aid, j)))
    return {ref: uf[ref] for ref in list(uf)}


def index_stories(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Article -> the first article of its story, from the index files' pairs."""
    from networkx.utils import UnionFind

    uf = UnionFind()
    for a, b in pairs:
        uf.union(a, b)
    return {a: min(group) for group in uf.to_sets() for a in group}


def pairwise(extractions: list, resolution, golds: dict[str, dict], story: dict[str, str],
             lexicon: bool = False) -> dict:
    """Pairwise precision, recall and F1 of the graph's entity clusters against the gold, per type and overall."""
    clusters = gold_clusters(golds, story, lexicon)
    items: dict[str, list[tuple[str, object, str]]] = defaultdict(list)  # type -> (article, gold cluster, graph id)
    for x in extractions:
        gold = golds.get(x.article.id)
        if gold is None:
            continue
        for i, j in match_entities(_predicted(x), gold["entities"]).items():
            items[gold["entities"][j]["type"]].append(
                (x.article.id, clusters[(x.article.id, j)], resolution.index[(x.article.id, x.entities[i].key)]))
    out, total = {}, [0, 0, 0]
    for type_, rows in sorted(items.items()):
        counts = _count_pairs(rows)
        out[type_] = _prf(*counts)
        total = [t + c for t, c in zip(total, counts)]
    out["all"] = _prf(*total)
    return out


def _count_pairs(rows: list[tuple[str, object, str]]) -> list[int]:
    """Over pairs of (article, gold cluster, graph node) of two articles: both same, predicted same, gold same."""
    counts = [0, 0, 0]
    for (a1, g1, p1), (a2, g2, p2) in combinations(rows, 2):
        if a1 != a2:
            counts[0] += g1 == g2 and p1 == p2
            counts[1] += p1 == p2
            counts[2] += g1 == g2
    return counts


def agreement_pairs(extractions: list, resolution, golds: dict[str, dict], story: dict[str, str]) -> dict:
    """Pairwise precision and recall of the graph's agreements against the gold.

    Gold: the agreements of two articles are one when their parties are the same entities (a shared
    name or alias) and their dates equal, or, one of them undated, when the articles are of one story
    in the index files.
    """
    from networkx.utils import UnionFind

    refs = [(aid, k, h) for aid in sorted(golds) for k, h in enumerate(gold_happenings(golds[aid])[0])]
    uf = UnionFind((aid, k) for aid, k, _ in refs)
    for (a1, k1, (p1, d1)), (a2, k2, (p2, d2)) in combinations(refs, 2):
        if a1 != a2 and _same_parties(p1, p2):
            if (d1 and d2 and d1 == d2) or ((not d1 or not d2) and a1 in story and story.get(a1) == story.get(a2)):
                uf.union((a1, k1), (a2, k2))
    by_id = {x.article.id: x for x in extractions}
    rows = []
    for aid, k, h in refs:
        nodes = _nodes(by_id[aid], resolution, h) if aid in by_id else set()
        if nodes:
            rows.append((aid, uf[(aid, k)], min(nodes)))
    return _prf(*_count_pairs(rows))


def _prf(both: int, predicted: int, gold: int) -> dict:
    p = both / predicted if predicted else 1.0
    r = both / gold if gold else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "pairs_gold": gold, "pairs_predicted": predicted}


def index_pairs(shared: Path, golds: dict[str, dict]) -> list[tuple[str, str]]:
    """The same-story pairs of the index files whose articles both have gold here (lockbox aside)."""
    pairs = set()
    for index, column, _ in INDEXES:
        with open(shared / "corpus" / index, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                for other in filter(None, (o.strip() for o in (row.get(column) or "").split(","))):
                    if row["file"] in golds and other in golds:
                        pairs.add(tuple(sorted((row["file"], other))))
    return sorted(pairs)


def _all_forms(names) -> set[str]:
    return {normalize(n) for n in names} - {""}


def _entity_named(gold: dict, name: str) -> dict | None:
    form = normalize(name)
    return next((e for e in gold["entities"] if form in _all_forms([e["name"], *(e.get("aliases") or ())])), None)


def gold_happenings(gold: dict) -> tuple[list, list]:
    """The gold file's agreements (party entities, date) and events (entity, stated dates)."""
    agreements = []
    for rel in gold["relations"]:
        if rel["type"] == "partnership":
            parties = [_entity_named(gold, n) for n in rel["orgs"]]
            if all(parties):
                agreements.append((parties, rel.get("date")))
    events = []
    for e in gold["entities"]:
        if e["type"] == "Event":
            names = _all_forms([e["name"], *(e.get("aliases") or ())])
            dates = {r["date"] for r in gold["relations"] if r["type"] == "eventDate" and normalize(r["event"]) in names}
            events.append((e, dates))
    return agreements, events


def _same_parties(a: list[dict], b: list[dict]) -> bool:
    return len(a) == len(b) and all(any(forms(p) & forms(q) for q in b) for p in a) \
        and all(any(forms(q) & forms(p) for p in a) for q in b)


def _same_event(a: tuple, b: tuple) -> bool:
    (ea, da), (eb, db) = a, b
    if forms(ea) & forms(eb):
        return not da or not db or bool(da & db)
    return kind(ea["name"]) == kind(eb["name"]) and bool(da & db)


def _nodes(x, resolution, happening) -> set[str]:
    """The graph nodes of article ``x`` that state the gold ``happening`` (an agreement or an event)."""
    ents = {e.key: e for e in x.entities}
    if isinstance(happening[0], list):  # an agreement: its gold parties
        out = set()
        for i, rel in enumerate(x.relations):
            if rel.type == "partnership" and (x.article.id, i) in resolution.fact_index:
                parties = [_all_forms([ents[k].name, *ents[k].aliases]) for k in rel.args["orgs"]]
                gold = [_all_forms([e["name"], *(e.get("aliases") or ())]) for e in happening[0]]
                if len(parties) == len(gold) and all(any(p & g for p in parties) for g in gold):
                    out.add(resolution.fact_index[(x.article.id, i)])
        return out
    gold = _all_forms([happening[0]["name"], *(happening[0].get("aliases") or ())])
    return {resolution.index[(x.article.id, e.key)] for e in x.entities
            if e.type == "Event" and _all_forms([e.name, *e.aliases]) & gold}


def story_pairs(pairs: list[tuple[str, str]], extractions: list, resolution, golds: dict[str, dict]) -> dict:
    """For the happenings both articles of a pair state (gold): how many the build found in both, and made one."""
    by_id = {x.article.id: x for x in extractions}
    counts = {"pairs": len(pairs), "pairs_sharing": 0, "pairs_all_joined": 0}
    for what in ("agreements", "events"):
        counts[what] = {"shared": 0, "found_in_both": 0, "joined": 0}
    for a, b in pairs:
        if a not in by_id or b not in by_id:
            continue
        ga, gb = gold_happenings(golds[a]), gold_happenings(golds[b])
        shared = [("agreements", h) for h in ga[0] if any(_same_parties(h[0], o[0]) and
                                                          (not h[1] or not o[1] or h[1] == o[1]) for o in gb[0])]
        shared += [("events", h) for h in ga[1] if any(_same_event(h, o) for o in gb[1])]
        joined_all = bool(shared)
        for what, h in shared:
            na = _nodes(by_id[a], resolution, h)
            other = next(o for o in (gb[0] if what == "agreements" else gb[1])
                         if (_same_parties(h[0], o[0]) if what == "agreements" else _same_event(h, o)))
            nb = _nodes(by_id[b], resolution, other)
            counts[what]["shared"] += 1
            counts[what]["found_in_both"] += bool(na and nb)
            counts[what]["joined"] += bool(na & nb)
            joined_all &= bool(na & nb)
        counts["pairs_sharing"] += bool(shared)
        counts["pairs_all_joined"] += joined_all
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder (corpus/, gold/)")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(argv)
    from kg.resolve import resolve

    shared = Path(args.shared)
    extractions, golds = load(shared)
    resolution = resolve(extractions)
    pairs = index_pairs(shared, golds)
    stories = index_stories(pairs)
    result = {"articles": len(extractions), "entities": pairwise(extractions, resolution, golds, stories),
              "entities_lexicon": pairwise(extractions, resolution, golds, stories, lexicon=True),
              "agreements": agreement_pairs(extractions, resolution, golds, stories),
              "stories": story_pairs(pairs, extractions, resolution, golds)}
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

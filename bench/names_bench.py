"""``/names`` (the query UI's name completion) against a first, naive text of its query, in one run.

    python bench/names_bench.py [--quads 1000000] [--runs 15]

On ``query_bench``'s graph (generated, cached in ``--out``, bulk-loaded into
an on-disk Oxigraph store), ``kg.serve.names.NAMES_QUERY`` with the
parameters the server binds (the prefix and the build's entities graph)
against ``NAIVE``: every graph, the entity kind joined, case-blind. Both run
alternately, warm, on the store opened read-only, for a few prefixes (one
syllable, a word, a prefix nothing starts with); one JSON line: p50 and p95
(ms) of each, the ratio, and whether the names agree.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAIVE = """
PREFIX kg: <https://w3id.org/kgkr/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?name WHERE {
  GRAPH ?g { ?e kg:entityKind ?kind ; skos:prefLabel|skos:altLabel ?label . }
  BIND (STR(?label) AS ?name)
  FILTER (STRSTARTS(LCASE(?name), LCASE(?prefix)))
}
ORDER BY STRLEN(?name) ?name
LIMIT 20
"""
PREFIXES = ("한", "한국", "정보통신", "없는이름")


def bench(quads: int, runs: int, work: Path) -> dict:
    """p50/p95 of both texts for each prefix, their ratio, and whether the names agree."""
    sys.path.insert(0, str(HERE))
    import pyoxigraph as ox
    import query_bench

    from kg.rdf.iris import DEFAULT_BASE_IRI
    from kg.serve.names import NAMES_QUERY, PARAMS, names_params
    from kg.sparql.inspect import inspect_query
    from kg.sparql.local import execute
    from kg.sparql.params import bind, inject_values

    work.mkdir(parents=True, exist_ok=True)
    nquads = work / f"graph-{quads}-7.nq"
    query_bench.make_graph(nquads, quads)
    store_dir = work / f"store-{quads}"
    if not (store_dir / "CURRENT").exists():
        query_bench.load_oxigraph(nquads, store_dir)
    store = ox.Store.read_only(str(store_dir))
    out: dict = {"quads": len(store), "prefixes": {}}
    for prefix in PREFIXES:
        texts = {"naive": (NAIVE, {"prefix": prefix}), "names": (NAMES_QUERY, names_params(prefix, DEFAULT_BASE_IRI))}
        cases = {}
        for key, (text, params) in texts.items():
            bound = inject_values(text, bind(params, inspect_query(text, DEFAULT_BASE_IRI), PARAMS))
            cases[key] = (bound, inspect_query(bound, DEFAULT_BASE_IRI))
        times: dict[str, list[float]] = {k: [] for k in cases}
        found: dict[str, list[str]] = {}
        for _ in range(runs + 2):  # two warm-up rounds, not counted
            for key, (text, info) in cases.items():
                clock = time.perf_counter()
                found[key] = execute(store, text, info, {}, 100, None).values("name")
                times[key].append(time.perf_counter() - clock)
        row = {}
        for key, samples in times.items():
            kept = sorted(samples[2:])
            row[key] = {"p50_ms": round(statistics.median(kept) * 1000, 1),
                        "p95_ms": round(kept[int(0.95 * (len(kept) - 1))] * 1000, 1), "names": len(found[key])}
        row["speedup"] = round(row["naive"]["p50_ms"] / row["names"]["p50_ms"], 1)
        row["same_names"] = found["naive"] == found["names"]
        out["prefixes"][prefix] = row
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000, help="graph size [1000000]")
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each text and prefix [15]")
    parser.add_argument("--out", default=str(HERE / "out"), help="working folder (the graph is cached) [bench/out]")
    args = parser.parse_args()
    print(json.dumps(bench(args.quads, args.runs, Path(args.out)), ensure_ascii=False))


if __name__ == "__main__":
    main()

"""What a build reports: ``report.json``, and the progress bar of its extraction."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator, Sequence

from kg import __version__
from kg.records import Extraction, Failure, Resolution, Source
from kg.resolve.facts import count_happenings
from kg.pipeline.extraction import Extracted, Progress


def make_report(sources: Sequence[Source], done: Extracted, failures: Sequence[Failure],
                extractions: Sequence[Extraction], resolution: Resolution, quads: int, timings: dict) -> dict:
    """The contents of ``report.json`` (see the README): each input, totals, stories, dropped facts, timings.

    Each article input says whether its extraction was ``reused`` from an earlier build or ``extracted``
    (failures are always tried again: ``extracted``).
    """
    inputs = []
    by_id = done.results
    for source in sources:
        result = by_id[source.id]
        how = "reused" if source.id in done.reused else "extracted"
        if isinstance(result, Failure):
            inputs.append({"id": source.id, "source": source.path, "status": "error", "error": result.reason,
                           "extraction": how})
        else:
            inputs.append({"id": source.id, "source": source.path, "status": "ok", "extraction": how,
                           "counts": {"sentences": len(result.sentences), "entities": len(result.entities),
                                      "relations": len(result.relations)}})
    read_failures = [f for f in failures if f.source not in by_id]
    inputs.extend({"id": None, "source": f.source, "status": "error", "error": f.reason} for f in read_failures)
    return {
        "tool": f"kg {__version__}",
        "inputs": inputs,
        "totals": {
            "inputs": len(inputs),
            "articles": len(extractions),
            "failed": sum(1 for i in inputs if i["status"] == "error"),
            "entities": len(resolution.entities),
            "events": sum(1 for e in resolution.entities if e.type == "Event"),
            "agreements": len(resolution.facts),
            "relations": count_happenings(extractions, resolution),
            "relation_statements": sum(len(x.relations) for x in extractions),
            "stories": len(resolution.stories),
            "quads": quads,
            "reused": len(done.reused),
            "extracted": len(sources) - len(done.reused),
        },
        "extractor": done.extractor,
        "stories": [{"articles": list(s.articles), "similarity": dict(s.similarity), "like": dict(s.like)}
                    for s in resolution.stories],
        "dropped": [{"article": aid, "relation": i, "reason": why} for (aid, i), why in sorted(resolution.dropped.items())],
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }



@contextmanager
def stderr_progress(quiet: bool = False) -> Iterator[Progress | None]:
    """A progress bar of the extraction on stderr (tqdm), closed on exit; None when ``quiet``.

    tqdm rather than a bar of our own: it redraws at most every 0.2 s, keeps
    to the terminal's width, and still writes its line when stderr is a file
    or a pipe (click's bar then shows only its label), so long builds stay
    visible in logs.
    """
    if quiet:
        yield None
        return
    from tqdm import tqdm

    bar = None

    def show(done: int, total: int) -> None:
        nonlocal bar
        if total < 2:
            return
        if bar is None:
            bar = tqdm(total=total, desc="extracting", unit="article", file=sys.stderr, mininterval=0.2,
                       dynamic_ncols=True)
        bar.update(done - bar.n)

    try:
        yield show
    finally:
        if bar is not None:
            bar.close()

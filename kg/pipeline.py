"""The main job: read → body → extract → resolve → RDF → store → viewer.

``build(paths, out)`` is what ``kg build`` calls and what notebooks call.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from kg import __version__
from kg.extract.annotations import annotation_filename, to_annotation
from kg.errors import NothingToBuildError, UsageError
from kg.rdf.iris import DEFAULT_BASE_IRI
from kg.store.build_dir import BuildDir
from kg.store.versions import claim, new_version, publish
from kg.ingest.read import read_sources, sample_corpus
from kg.records import Extraction, Failure, Source
from kg.resolve.facts import count_happenings

Progress = Callable[[int, int], None]
DEFAULT_MODEL = "default"  # the model shipped in kg/models/default
MAX_BODY_CHARS = 100_000  # a news article body is 1-20k characters; longer ones would take minutes
_HANGUL = re.compile("[가-힣]")


@dataclass
class BuildResult:
    """What ``build`` did: the report written to ``report.json``, and where."""

    out: Path
    report: dict
    extractions: list[Extraction] = field(default_factory=list, repr=False)

    @property
    def failures(self) -> list[dict]:
        return [i for i in self.report["inputs"] if i["status"] == "error"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


def process(source: Source, model: str | None = None) -> Extraction | Failure:
    """Body, NLP and extraction of one source (runs in worker processes).

    ``model`` is the folder of a trained model (loaded once per process), or None for the rules alone.
    """
    from kg.ingest.body import find_body
    from kg.extract import extract
    from kg.extract.model import load_model

    try:
        if not _HANGUL.search(source.text):
            return Failure(source.id, "no Korean text (kg reads Korean news articles)")
        article = find_body(source)
        if not article.text.strip():
            return Failure(source.id, "no article body found (no Korean sentence lines)")
        if len(article.text) > MAX_BODY_CHARS:
            return Failure(source.id, f"article body too long ({len(article.text):,} characters > "
                                      f"{MAX_BODY_CHARS:,}): not one news article; split it")
        return extract(article, load_model(model) if model else None)
    except Exception as e:  # noqa: BLE001 - one bad article must not stop a build; reported per file
        return Failure(source.id, f"internal error while extracting: {type(e).__name__}: {e}")


def extract_all(sources: Sequence[Source], workers: int = 1, progress: Progress | None = None,
                model: str | None = None) -> Iterator[Extraction | Failure]:
    """``process`` every source, in input order, on ``workers`` processes, with the model in folder ``model``."""
    total = len(sources)
    work = functools.partial(process, model=model)
    if workers <= 1 or total < 2:
        results: Iterable = map(work, sources)
        pool = None
    else:
        import multiprocessing

        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        results = pool.map(work, sources, chunksize=max(1, min(32, total // (workers * 4) or 1)))
    try:
        for done, result in enumerate(results, start=1):
            if progress:
                progress(done, total)
            yield result
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def build(
    paths: Sequence[str | os.PathLike] = (),
    out: str | os.PathLike = "build",
    base_iri: str = DEFAULT_BASE_IRI,
    workers: int = 1,
    progress: Progress | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    force: bool = False,
    model: str | os.PathLike | None = DEFAULT_MODEL,
) -> BuildResult:
    """Build the knowledge graph of ``paths`` (the sample corpus if empty) into ``out``.

    ``out`` must be new, empty, or a folder kg build wrote, unless ``force``
    (``kg.store.versions.claim``). ``model``: the folder of a trained model (``kg train``);
    ``DEFAULT_MODEL`` the one shipped with kg; None the rules alone.

    Raises:
        UsageError: a path does not exist, ``workers`` < 1, ``out`` holds other content, or ``model``
            is not a model folder.
        NothingToBuildError: no input yielded an article.
    """
    if workers < 1:
        raise UsageError("--workers must be at least 1")
    from kg.extract.model import default_model_path, load_model

    model_dir = None if model is None else str(default_model_path() if model == DEFAULT_MODEL else model)
    if model_dir:
        load_model(model_dir)  # a bad folder is a usage error now, not one failure per article
    from kg.rdf.iris import base_iri as check_base_iri

    check_base_iri(base_iri)  # before extraction, not after minutes of it
    claim(Path(out), force)
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    items = list(read_sources(paths or [sample_corpus()]))
    sources, failures = distinct([i for i in items if isinstance(i, Source)])
    failures = [i for i in items if isinstance(i, Failure)] + failures
    timings["read_s"] = time.perf_counter() - clock
    for f in failures:
        on_failure and on_failure(f)
    if not sources:
        raise NothingToBuildError(_nothing_message(paths, failures))

    clock = time.perf_counter()
    extractions: list[Extraction] = []
    by_id: dict[str, Extraction | Failure] = {}
    for source, result in zip(sources, extract_all(sources, workers, progress, model_dir)):
        by_id[source.id] = result
        if isinstance(result, Failure):
            failures.append(result)
            on_failure and on_failure(result)
        else:
            extractions.append(result)
    timings["extract_s"] = time.perf_counter() - clock
    if not extractions:
        raise NothingToBuildError(_nothing_message(paths, failures))
    report = _write(Path(out), sources, by_id, failures, extractions, base_iri, timings)
    return BuildResult(Path(out), report, extractions)


def distinct(sources: Sequence[Source]) -> tuple[list[Source], list[Failure]]:
    """The sources whose ids name distinct articles and annotation files; a ``Failure`` for each later clash.

    Ids that differ only in ways the article IRI does not keep (space or
    ``_``, NFC or NFD, spaces around) would merge two articles into one.
    """
    from kg.text import slug

    kept, clashes = [], []
    by_iri: dict[str, Source] = {}
    by_file: dict[str, Source] = {}
    for source in sources:
        key, name = slug(source.id), annotation_filename(source.id)
        first = by_iri.get(key) or by_file.get(name)
        if first is not None:
            clashes.append(Failure(f"{source.path} (id {source.id[:80]!r})",
                                   f"its id names the same article as {first.id[:80]!r} in {first.path}: "
                                   "give each article its own id"))
            continue
        by_iri[key], by_file[name] = source, source
        kept.append(source)
    return kept, clashes


def _nothing_message(paths: Sequence, failures: list[Failure]) -> str:
    where = ", ".join(map(str, paths)) or "the sample corpus"
    detail = "; ".join(f"{f.source}: {f.reason}" for f in failures[:5])
    return f"nothing to build in {where}: no readable article" + (f" ({detail})" if detail else "")


def _write(out: Path, sources, by_id, failures, extractions, base_iri, timings) -> dict:
    from kg.graph.projection import to_networkx
    from kg.resolve import resolve
    from kg.store.open import open_store
    from kg.render.viewer import render

    out.mkdir(parents=True, exist_ok=True)
    version = BuildDir(new_version(out))
    clock = time.perf_counter()
    resolution = resolve(extractions)
    timings["resolve_s"] = time.perf_counter() - clock

    clock = time.perf_counter()
    version.annotations.mkdir()
    for x in extractions:
        (version.annotations / annotation_filename(x.article.id)).write_text(
            json.dumps(to_annotation(x), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    timings["annotations_s"] = time.perf_counter() - clock

    quads, validation = _write_graph(version, extractions, resolution, base_iri, timings)

    clock = time.perf_counter()
    with open_store(version.store) as store:  # SPARQL on Oxigraph: far faster than on the rdflib Dataset
        graph = to_networkx(store)
    render(graph, version.viewer, title="kg network")
    timings["viewer_s"] = time.perf_counter() - clock

    report = _report(sources, by_id, failures, extractions, resolution, quads, timings)
    report["validation"] = validation
    version.report.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    publish(out, version.path)
    return report


def _write_graph(version: BuildDir, extractions, resolution, base_iri: str, timings: dict) -> tuple[int, dict]:
    """``kg.trig`` and ``store/`` streamed article by article; the quad count and the validation summary.

    The N-Quads are written once (``kg.rdf.nquads``), then Oxigraph's bulk load
    (which releases the GIL) runs beside the TriG rewrite and SHACL
    validation of a sample, so ``store_s`` overlaps ``rdf_s`` and
    ``validate_s`` in the timings.
    """
    from concurrent.futures import ThreadPoolExecutor

    from kg.rdf.nquads import nquads_to_trig, sample_ids, write_nquads
    from kg.store.derived import derive_store
    from kg.validate.build import BUILD_VALIDATION_ARTICLES, BuildSample, validate_build_graph

    clock = time.perf_counter()
    nquads = version.nquads  # removed once loaded and rewritten as kg.trig
    chosen = sample_ids([x.article.id for x in extractions], BUILD_VALIDATION_ARTICLES)
    with open(nquads, "w", encoding="utf-8", newline="\n") as f:
        written = write_nquads(f, extractions, resolution, base_iri, generated_at=_build_time(), sample=chosen)
    with ThreadPoolExecutor(1) as pool:
        loading = pool.submit(_load_store, nquads, version.store)
        nquads_to_trig(nquads, version.trig)
        timings["rdf_s"] = time.perf_counter() - clock
        # SHACL (ontology/shapes.ttl) on a sample; recorded, never fatal
        validation = validate_build_graph(BuildSample(written.sample, len(written.sample_articles), written.articles))
        timings["validate_s"] = validation.get("seconds", 0.0)
        quads, timings["store_s"] = loading.result()
    timings["derive_s"] = derive_store(version.store).seconds  # what the saved queries aggregate
    nquads.unlink()
    return quads, validation


def _load_store(nquads: Path, target: Path) -> tuple[int, float]:
    from kg.store.write import write_store

    clock = time.perf_counter()
    return write_store(nquads, target), time.perf_counter() - clock


def _build_time() -> datetime:
    # Reproducible builds: honour SOURCE_DATE_EPOCH when it is set.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


def _report(sources, by_id, failures, extractions, resolution, quads, timings) -> dict:
    inputs = []
    for source in sources:
        result = by_id[source.id]
        if isinstance(result, Failure):
            inputs.append({"id": source.id, "source": source.path, "status": "error", "error": result.reason})
        else:
            inputs.append({"id": source.id, "source": source.path, "status": "ok",
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
        },
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

"""The main job: read → body → extract → resolve → RDF → store → viewer.

``build(paths, out)`` is what ``kg build`` calls and what notebooks call.
A build into a folder that holds an earlier one extracts only the articles
whose source or extractor changed (``kg.pipeline.extraction``); the stages
after extraction always run on every article, so the result is the clean
build's.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from kg.extract.annotations import annotation_filename, to_annotation
from kg.errors import NothingToBuildError, UsageError
from kg.rdf.iris import DEFAULT_BASE_IRI
from kg.store.build_dir import BuildDir
from kg.store.cache import ExtractionCache
from kg.store.versions import claim, new_version, publish
from kg.ingest.read import read_sources, sample_corpus
from kg.records import Extraction, Failure, Source
from kg.pipeline.extraction import Extracted, Progress, extract_all, extract_sources
from kg.pipeline.report import make_report

DEFAULT_MODEL = "default"  # the model shipped in kg/models/default


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


def build(
    paths: Sequence[str | os.PathLike] = (),
    out: str | os.PathLike = "build",
    base_iri: str = DEFAULT_BASE_IRI,
    workers: int = 1,
    progress: Progress | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    force: bool = False,
    model: str | os.PathLike | None = DEFAULT_MODEL,
    full: bool = False,
    scheduler: str | None = None,
) -> BuildResult:
    """Build the knowledge graph of ``paths`` (the sample corpus if empty) into ``out``.

    ``out`` must be new, empty, or a folder kg build wrote, unless ``force``
    (``kg.store.versions.claim``). ``model``: the folder of a trained model (``kg train``);
    ``DEFAULT_MODEL`` the one shipped with kg; None the rules alone. An article
    that an earlier build into ``out`` extracted from the same source with the
    same extractor is reused, unless ``full``. ``scheduler``: the address of a
    Dask scheduler (``tcp://host:8786``) to extract on instead of ``workers``
    local processes (``kg.pipeline.cluster``).

    Raises:
        UsageError: a path does not exist, ``workers`` < 1, ``out`` holds other content, or ``model``
            is not a model folder.
        ClusterError: the scheduler cannot be reached, or its workers run another extractor.
        NothingToBuildError: no input yielded an article.
    """
    if workers < 1:
        raise UsageError("--workers must be at least 1")
    model_dir = _model_dir(model)
    from kg.rdf.iris import base_iri as check_base_iri

    check_base_iri(base_iri)  # before extraction, not after minutes of it
    claim(Path(out), force)
    started = time.time()
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    sources, failures = _read(paths)
    timings["read_s"] = time.perf_counter() - clock
    for f in failures:
        on_failure and on_failure(f)
    if not sources:
        raise NothingToBuildError(_nothing_message(paths, failures))

    clock = time.perf_counter()
    cache = ExtractionCache(BuildDir(out).extraction_cache)
    done = extract_sources(sources, cache, model_dir, _extractor(workers, scheduler, progress, model_dir), full)
    extractions = [r for r in (done.results[s.id] for s in sources) if isinstance(r, Extraction)]
    for source in sources:
        if isinstance(result := done.results[source.id], Failure):
            failures.append(result)
            on_failure and on_failure(result)
    timings["extract_s"] = time.perf_counter() - clock
    if not extractions:
        raise NothingToBuildError(_nothing_message(paths, failures))
    report = _write(Path(out), sources, done, failures, extractions, base_iri, timings)
    cache.retain(done.keys.values(), since=started)  # after publishing: a killed build keeps its entries
    return BuildResult(Path(out), report, extractions)


def _model_dir(model: str | os.PathLike | None) -> str | None:
    """The folder of ``model`` (``DEFAULT_MODEL``: the shipped one), checked now rather than per article."""
    if model is None:
        return None
    from kg.extract.model import default_model_path, load_model

    model_dir = str(default_model_path() if model == DEFAULT_MODEL else model)
    load_model(model_dir)  # a bad folder is a usage error now, not one failure per article
    return model_dir


def _read(paths: Sequence[str | os.PathLike]) -> tuple[list[Source], list[Failure]]:
    items = list(read_sources(paths or [sample_corpus()]))
    sources, clashes = distinct([i for i in items if isinstance(i, Source)])
    return sources, [i for i in items if isinstance(i, Failure)] + clashes


def _extractor(workers: int, scheduler: str | None, progress: Progress | None, model_dir: str | None):
    """The function that extracts a list of sources: on the Dask ``scheduler``, or on ``workers`` processes."""
    if scheduler:
        from kg.pipeline.cluster import extract_on_cluster

        return lambda todo: extract_on_cluster(todo, scheduler, model_dir, progress)
    return lambda todo: extract_all(todo, workers, progress, model_dir)


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


def _write(out: Path, sources, done: Extracted, failures, extractions, base_iri, timings) -> dict:
    from kg.graph.projection import to_networkx
    from kg.resolve import resolve
    from kg.store.open import open_store
    from kg.render.viewer import render
    from kg.serve.pages import ENTITY_PAGE

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
    render(graph, version.viewer, title="kg network", entity_url=ENTITY_PAGE, only_when_served=True)
    timings["viewer_s"] = time.perf_counter() - clock

    report = make_report(sources, done, failures, extractions, resolution, quads, timings)
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
    return write_store(nquads, target, lenient=True), time.perf_counter() - clock  # kg.rdf.nquads wrote it


def _build_time() -> datetime:
    # Reproducible builds: honour SOURCE_DATE_EPOCH when it is set.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)



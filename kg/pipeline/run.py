"""The main job: read → body → extract → resolve → RDF → store → viewer.

``build(paths, out)`` is what ``kg build`` calls and what notebooks call.
A build into a folder that holds an earlier one extracts only the articles
whose source or extractor changed (``kg.pipeline.extraction``), maps only
their graphs and patches the store (``kg.pipeline.graphs``); the derived
graph and the viewer ask the store only about the graphs that changed and
take the other articles' rows from the previous build
(``kg.store.graph_rows``). Whatever reads across articles is computed again
from all of them, so the result is the clean build's.
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
from kg.store.cache import RecordCache
from kg.store.versions import CURRENT, claim, new_version, publish
from kg.ingest.read import read_sources, sample_corpus
from kg.records import Extraction, Failure, Source
from kg.pipeline.extraction import Extracted, Progress, extract_all, extract_sources
from kg.pipeline.memory import frozen, settle, settling
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
    cache = RecordCache(BuildDir(out).extraction_cache)
    with frozen():  # what the build keeps is not walked by every full collection (kg.pipeline.memory)
        done = extract_sources(sources, cache, model_dir, _extractor(workers, scheduler, progress, model_dir), full)
        extractions = [r for r in (done.results[s.id] for s in sources) if isinstance(r, Extraction)]
        for source in sources:
            if isinstance(result := done.results[source.id], Failure):
                failures.append(result)
                on_failure and on_failure(result)
        timings["extract_s"] = time.perf_counter() - clock
        if not extractions:
            raise NothingToBuildError(_nothing_message(paths, failures))
        settle()
        report, graph_keys = _write(Path(out), sources, done, failures, extractions, base_iri, timings, full)
    # after publishing: a killed build keeps its entries
    cache.retain(done.keys.values(), since=started)
    RecordCache(BuildDir(out).graph_cache).retain(graph_keys, since=started)
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

        return lambda todo: settling(extract_on_cluster(todo, scheduler, model_dir, progress))
    return lambda todo: settling(extract_all(todo, workers, progress, model_dir))


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


def _write(out: Path, sources, done: Extracted, failures, extractions, base_iri, timings,
           full: bool) -> tuple[dict, tuple[str, ...]]:
    """Resolution and every output in a new version of ``out``, then published; the report and the cache keys.

    The graph starts from the current version's unless ``full`` (``kg.pipeline.graphs``). The viewer
    is drawn beside the derived graph (``kg.pipeline.viewer``), so ``viewer_s`` overlaps ``derive_s``.
    """
    from kg.pipeline.graphs import previous_build, write_graph
    from kg.pipeline.viewer import APART_ARTICLES, Viewer, spare_core
    from kg.rdf.iris import Iris
    from kg.store.derived import derive_store
    from kg.store.graph_rows import RowFiles

    out.mkdir(parents=True, exist_ok=True)
    version = BuildDir(new_version(out))
    previous = None if full else previous_build(out, base_iri)
    current = BuildDir(out / CURRENT) if previous is not None else None  # its rows: kg.store.graph_rows
    skip = [str(Iris(base_iri).derived_graph)]
    viewer_rows = RowFiles(version.graph_manifest, current and current.viewer_rows, version.viewer_rows)
    with Viewer(version, len(extractions) >= APART_ARTICLES and spare_core(), viewer_rows, skip) as viewer:
        resolution = _resolve(out, version, extractions, full, timings)
        settle()
        _write_annotations(version, extractions, timings)
        written = write_graph(version, previous, extractions, done.keys, resolution, base_iri, _build_time(),
                              RecordCache(BuildDir(out).graph_cache), timings)
        settle()
        viewer.draw()
        # what the saved queries aggregate; patched from the previous build's in a store copied from it
        derived = derive_store(version.store, version.derived_lines,
                               previous.derived if previous and written.store == "updated" else None,
                               RowFiles(version.graph_manifest, current and current.derived_rows, version.derived_rows))
        timings["derive_s"] = derived.seconds
        timings["viewer_s"] = viewer.finish()

    quads = derived.stored - derived.quads  # the stated quads
    report = make_report(sources, done, failures, extractions, resolution, quads, timings)
    report["validation"] = written.validation
    report["graph"] = written.summary()
    version.report.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    publish(out, version.path)
    return report, written.keys + written.checked


def _resolve(out: Path, version: BuildDir, extractions, full: bool, timings: dict):
    """The resolution, with the bodies' MinHash signatures of the current version (unless ``full``) reused and kept."""
    from kg.resolve import resolve
    from kg.resolve.stories import load_signatures, save_signatures

    clock = time.perf_counter()
    signatures = {} if full else load_signatures(BuildDir(out / CURRENT).signatures)
    resolution = resolve(extractions, signatures)
    save_signatures(version.signatures, signatures, (x.article for x in extractions))
    timings["resolve_s"] = time.perf_counter() - clock
    return resolution


def _write_annotations(version: BuildDir, extractions, timings: dict) -> None:
    """One annotation file per article, always written: a user may have corrected the current version's copies in
    place (the README's retraining loop), so a copy or a link of them is not what the extractor says."""
    clock = time.perf_counter()
    version.annotations.mkdir()
    for x in extractions:
        (version.annotations / annotation_filename(x.article.id)).write_text(
            json.dumps(to_annotation(x), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    timings["annotations_s"] = time.perf_counter() - clock


def _build_time() -> datetime:
    # Reproducible builds: honour SOURCE_DATE_EPOCH when it is set.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)



"""Extraction of every source: from the cache of the build folder, on local processes, or on a Dask cluster.

``process`` turns one source into an ``Extraction`` (or a ``Failure``);
``extract_sources`` reuses what the cache holds for an unchanged source and
extractor, and sends the rest to ``extract_all`` (processes of this machine)
or ``kg.pipeline.cluster`` (a Dask scheduler).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import kg
from kg import __version__
from kg.nlp.tokenizer import Analysis, analyze
from kg.records import Article, Extraction, Failure, Source
from kg.store.cache import RecordCache

Progress = Callable[[int, int], None]
MAX_BODY_CHARS = 100_000  # a news article body is 1-20k characters; longer ones would take minutes
RULES_ONLY = "rules-only"
KIWI_BATCH = 16  # articles whose bodies Kiwi analyzes one after another (``process_many``)
# The code whose output an extraction is: a change in any of it makes every cached extraction stale.
EXTRACTOR_CODE = ("ingest", "nlp", "extract", "lang", "text.py", "records.py", "pipeline/extraction.py")
_HANGUL = re.compile("[가-힣]")


def process(source: Source, model: str | None = None) -> Extraction | Failure:
    """Body, NLP and extraction of one source (runs in worker processes).

    ``model`` is the folder of a trained model (loaded once per process), or None for the rules alone.
    """
    return process_many([source], model)[0]


def process_many(sources: Sequence[Source], model: str | None = None) -> list[Extraction | Failure]:
    """``process`` each source, with Kiwi's analyses of all their bodies done first, one after another.

    Kiwi and extraction taking turns article by article evict each other's data from the CPU's caches:
    analysing 16 bodies back to back, then extracting them, took 5-10 % less CPU over 400 generated
    articles (bench/RESULTS.md, seventeenth session). One article's failure is its own.
    """
    bodies = [_guarded(s, _body, s) for s in sources]
    analyses = [b if isinstance(b, Failure) else _guarded(s, analyze, b.text) for s, b in zip(sources, bodies)]
    return [a if isinstance(a, Failure) else _guarded(s, _extract, b, a, model)
            for s, b, a in zip(sources, bodies, analyses)]


def _body(source: Source) -> Article | Failure:
    """The article of ``source``, or why it has none that kg reads."""
    from kg.ingest.body import find_body

    if not _HANGUL.search(source.text):
        return Failure(source.id, "no Korean text (kg reads Korean news articles)")
    article = find_body(source)
    if not article.text.strip():
        return Failure(source.id, "no article body found (no Korean sentence lines)")
    if len(article.text) > MAX_BODY_CHARS:
        return Failure(source.id, f"article body too long ({len(article.text):,} characters > "
                                  f"{MAX_BODY_CHARS:,}): not one news article; split it")
    return article


def _extract(article: Article, analysis: Analysis, model: str | None) -> Extraction:
    from kg.extract import extract
    from kg.extract.model import load_model

    return extract(article, load_model(model) if model else None, analysis)


def _guarded(source: Source, work: Callable, *args):
    """``work(*args)``, or the ``Failure`` of ``source`` that its exception makes."""
    try:
        return work(*args)
    except Exception as e:  # noqa: BLE001 - one bad article must not stop a build; reported per file
        return Failure(source.id, f"internal error while extracting: {type(e).__name__}: {e}")


def extract_all(sources: Sequence[Source], workers: int = 1, progress: Progress | None = None,
                model: str | None = None) -> Iterator[Extraction | Failure]:
    """``process`` every source, in input order, on ``workers`` processes, with the model in folder ``model``.

    The sources go to ``process_many`` in batches of at most ``KIWI_BATCH``, and each process gets a few
    batches at a time (about a quarter of its share, at most 32 sources).
    """
    total = len(sources)
    work = functools.partial(process_many, model=model)
    chunk = max(1, min(32, total // (workers * 4) or 1)) if workers > 1 else KIWI_BATCH
    size = min(KIWI_BATCH, chunk)
    batches = [sources[i:i + size] for i in range(0, total, size)]
    if workers <= 1 or total < 2:
        results: Iterable = map(work, batches)
        pool = None
    else:
        import multiprocessing

        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        results = pool.map(work, batches, chunksize=max(1, chunk // size))
    try:
        done = 0
        for batch in results:
            for result in batch:
                done += 1
                if progress:
                    progress(done, total)
                yield result
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def code_digest() -> str:
    """SHA-256 of the source of the extraction code (``EXTRACTOR_CODE``), read once per process."""
    return source_digest(EXTRACTOR_CODE)


@functools.lru_cache(maxsize=4)
def source_digest(names: tuple[str, ...]) -> str:
    """SHA-256 of the source files of kg at ``names`` (folders: their ``.py`` files), read once per process."""
    root = Path(kg.__file__).resolve().parent
    digest = hashlib.sha256()
    for name in names:
        path = root / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def model_digest(model_dir: str | None) -> str:
    """SHA-256 of the files of the model in ``model_dir`` that extraction reads, or ``RULES_ONLY``."""
    if model_dir is None:
        return RULES_ONLY
    from kg.extract.model import BOOSTER_FILE, MODEL_FILE

    digest = hashlib.sha256()
    for name in (MODEL_FILE, BOOSTER_FILE):
        digest.update(name.encode() + b"\0" + (Path(model_dir) / name).read_bytes() + b"\0")
    return digest.hexdigest()


def extractor_identity(model_dir: str | None) -> dict[str, str]:
    """What an extraction depends on besides its source: kg's version and code, Kiwi's version, and the model.

    Another Kiwi cuts other morphemes, so an upgrade of kiwipiepy extracts every article again.
    """
    return {"kg": __version__, "kiwi": metadata.version("kiwipiepy"), "code": code_digest(),
            "model": model_digest(model_dir)}


def cache_key(source: Source, identity: dict[str, str]) -> str:
    """The key of ``source`` extracted by the extractor ``identity``: a hash of both, every field."""
    data = json.dumps([identity, dataclasses.asdict(source)], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass
class Extracted:
    """What ``extract_sources`` gives: each source's result by id, which were reused, the cache keys, the extractor."""

    results: dict[str, Extraction | Failure]
    extractor: dict[str, str]
    reused: set[str] = field(default_factory=set)
    keys: dict[str, str] = field(default_factory=dict)


def extract_sources(sources: Sequence[Source], cache: RecordCache, model_dir: str | None,
                    extract: Callable[[Sequence[Source]], Iterable[Extraction | Failure]],
                    full: bool = False) -> Extracted:
    """Each source's extraction: from ``cache`` when its key is there (unless ``full``), else by ``extract``.

    ``extract`` gives the results of the sources it is given, in their order
    (``extract_all`` or ``kg.pipeline.cluster.extract_on_cluster``). New
    extractions are cached as they come; failures are not (they are tried
    again next time).
    """
    identity = extractor_identity(model_dir)
    done = Extracted({}, identity, keys={s.id: cache_key(s, identity) for s in sources})
    if not full:
        for source in sources:
            found = cache.get(done.keys[source.id])
            if isinstance(found, Extraction) and found.article.id == source.id:
                done.results[source.id] = found
                done.reused.add(source.id)
    todo = [s for s in sources if s.id not in done.results]
    for source, result in zip(todo, extract(todo), strict=True):
        done.results[source.id] = result
        if isinstance(result, Extraction):
            cache.put(done.keys[source.id], result)
    return done

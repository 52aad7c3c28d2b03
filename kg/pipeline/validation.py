"""The SHACL validation of a build's sample, group by group, each group's result kept for the next build.

``kg build`` validates a sample of its articles (``kg.rdf.nquads.sample_ids``:
the ids of least hash, so that an article once chosen stays chosen as others
are added). The sample is validated in groups of about
``BUILD_VALIDATION_GROUP`` articles (``sample_groups``, by hash too), each
with the shared triples about its entities and a build graph of a fixed time
(``SAMPLE_TIME``); the build graph with the build's own time is validated on
its own. A group's problems are cached in the build folder (``.graphs/``)
under a key that hashes what its dataset is made of: the graph keys of its
articles (their extractions and the resolution's decisions on them,
``kg.pipeline.graphs.graph_key``), the shared lines about its entities, the
shapes and the code. An incremental build thus validates only the groups
that an added, changed or removed article joined or left, and the result is
the clean build's: the same groups, the same problems.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Mapping, Sequence

from kg import __version__
from kg.pipeline.extraction import source_digest
from kg.rdf.iris import Iris
from kg.rdf.nquads import build_dataset, sample_dataset, sample_entity_lines, sample_groups, sample_ids
from kg.rdf.ontology import ontology_path
from kg.records import Extraction, Resolution
from kg.store.cache import RecordCache
from kg.validate.report import Violation

if TYPE_CHECKING:
    from rdflib import Dataset

# The code a group's problems are the output of, besides its dataset's parts: mapping and validation.
VALIDATION_CODE = ("rdf", "validate", "records.py", "text.py")
# The build graph's time in every group: a group's dataset, and its key, do not change from build to build.
SAMPLE_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Checked:
    """What validating one group found (violations and warnings, as found), and its triples: the cached record."""

    problems: tuple[Violation, ...]
    triples: int


@dataclass(frozen=True)
class SampleValidation:
    """The ``validation`` entry of ``report.json``, the cache keys of the groups, how many were validated now."""

    summary: dict
    keys: tuple[str, ...]
    validated: int


def validate_sample(extractions: Sequence[Extraction], graph_keys: Mapping[str, str], resolution: Resolution,
                    iris: Iris, ended: datetime, cache: RecordCache, reuse: bool) -> SampleValidation:
    """Validate the build's sample group by group, taking a group's problems from ``cache`` when ``reuse``.

    ``graph_keys``: article id -> the key of its graph. Never fatal: the problems are recorded.
    """
    from kg.validate.build import BUILD_VALIDATION_ARTICLES, BUILD_VALIDATION_GROUP, sample_scope, summarize
    from kg.validate.report import make_report

    clock = time.perf_counter()
    by_id = {x.article.id: x for x in extractions}
    ids = sample_ids(list(by_id), BUILD_VALIDATION_ARTICLES)
    problems: list[Violation] = []
    keys, triples, validated = [], 0, 0
    for group in sample_groups(ids, BUILD_VALIDATION_GROUP):
        chosen = [by_id[i] for i in group]
        key = group_key(chosen, graph_keys, resolution, iris)
        found = cache.get(key) if reuse else None
        if not isinstance(found, Checked):
            found = check(sample_dataset(chosen, resolution, iris, SAMPLE_TIME))
            cache.put(key, found)
            validated += 1
        keys.append(key)
        problems.extend(found.problems)
        triples += found.triples
    build = check(build_dataset(iris, ended))
    report = make_report([*problems, *build.problems], time.perf_counter() - clock, triples + build.triples)
    summary = summarize(report, sample_scope(len(ids), len(extractions)))
    summary["groups"] = {"validated": validated, "reused": len(keys) - validated}
    return SampleValidation(summary, tuple(keys), validated)


def group_key(chosen: Sequence[Extraction], graph_keys: Mapping[str, str], resolution: Resolution,
              iris: Iris) -> str:
    """The key of a group's problems: its articles' graph keys, the shared lines of its entities, shapes, code."""
    entities = hashlib.sha256("".join(sample_entity_lines(chosen, resolution, iris)).encode("utf-8")).hexdigest()
    data = ["validation", __version__, source_digest(VALIDATION_CODE), _shapes_digest(),
            sorted(graph_keys[x.article.id] for x in chosen), entities]
    return hashlib.sha256(json.dumps(data).encode("utf-8")).hexdigest()


def check(dataset: "Dataset") -> Checked:
    """Every problem of ``dataset`` (``kg.validate.shacl``), and its size."""
    from kg.validate.shacl import find_problems

    return Checked(tuple(find_problems(dataset, _shapes())), len(dataset))


@functools.lru_cache(maxsize=1)
def _shapes():
    from kg.validate.shacl import load_shapes

    return load_shapes()


@functools.lru_cache(maxsize=1)
def _shapes_digest() -> str:
    return hashlib.sha256(ontology_path("shapes.ttl").read_bytes()).hexdigest()

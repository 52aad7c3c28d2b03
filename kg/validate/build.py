"""Validating a build: every article of its store (``kg validate``), or a sample as ``kg build`` does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.validate.batch import ARTICLES_PER_BATCH, validate_build_batched
from kg.validate.report import ValidationReport
from kg.validate.shacl import validate_dataset

if TYPE_CHECKING:
    from rdflib import Dataset


def validate_build(build_dir: str | Path = "build", articles: int | None = None) -> ValidationReport:
    """Validate the graph of a build folder (or its ``store/``), in bounded memory.

    The store is read and validated ``articles`` articles at a time
    (``kg.validate.batch``; None: its default batch size); the report is the
    one ``validate_dataset(kg.store.load.load_build(build_dir))`` gives, without holding
    the whole graph.
    """
    return validate_build_batched(build_dir, articles or ARTICLES_PER_BATCH)


# Above this size ``kg build`` skips validation (run ``kg validate`` instead):
# 150k triples validate in 2.5 s, about 17 s per million (see DESIGN.md).
BUILD_VALIDATION_MAX_TRIPLES = 5_000_000
# ``kg build`` validates at most this many articles (chosen by a hash of their
# ids, ``kg.rdf.nquads.sample_ids``), with the shared triples about their
# entities, in groups of about ``BUILD_VALIDATION_GROUP`` (``kg.pipeline.validation``);
# ``kg validate`` checks every article. ~25 ms per article. Groups of 5 cost a clean build ~5 % more than
# groups of 10 (20 pySHACL runs instead of 10) and halve what an incremental build validates again.
BUILD_VALIDATION_ARTICLES = 100
BUILD_VALIDATION_GROUP = 5


@dataclass(frozen=True)
class BuildSample:
    """What ``kg build`` validates: ``articles`` of its ``total`` articles, as one dataset."""

    dataset: "Dataset"
    articles: int
    total: int

    def scope(self) -> dict:
        """The ``scope`` entry of the validation summary in ``report.json``."""
        return sample_scope(self.articles, self.total)


def sample_scope(articles: int, total: int) -> dict:
    """The ``scope`` entry of the validation summary of ``articles`` validated of ``total``."""
    if articles >= total:
        return {"kind": "full", "articles": total}
    return {"kind": "sample", "articles": articles, "of": total,
            "how": f"articles chosen by a hash of their ids, validated in groups of about {BUILD_VALIDATION_GROUP} "
                   "with the shared triples about their entities, the build graph on its own; "
                   "`kg validate` checks every article"}


def validate_build_graph(graph: "Dataset | BuildSample", max_triples: int = BUILD_VALIDATION_MAX_TRIPLES) -> dict:
    """The ``validation`` entry of ``report.json`` for a freshly built dataset (or a sample of it).

    ``{"conforms", "violations", "warnings", "seconds", "scope", ...}``, or
    ``{"skipped": reason, "scope", ...}`` above ``max_triples``. ``scope``
    says whether every article was validated (``"full"``) or a sample.
    """
    ds = graph.dataset if isinstance(graph, BuildSample) else graph
    scope = graph.scope() if isinstance(graph, BuildSample) else {"kind": "full"}
    size = len(ds)
    if size > max_triples:
        return {"skipped": f"{size} triples > {max_triples}: run `kg validate` on the build", "triples": size,
                "scope": scope}
    return summarize(validate_dataset(ds), scope)


def summarize(report: ValidationReport, scope: dict) -> dict:
    """The ``validation`` entry of ``report.json``: the report's summary, its ``scope``, the first violations."""
    summary = report.as_dict()
    summary["scope"] = scope
    if report.violations:
        summary["first"] = [f"<{v.focus}> {v.path or ''}: {v.message}" for v in report.violations[:5]]
    return summary

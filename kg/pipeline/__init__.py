"""``kg build``: read → body → extract → resolve → RDF → store → validate → viewer, in a versioned build folder.

``build`` (``kg.pipeline.run``) is the entry; extraction of each article,
reused from the build folder's cache when nothing it depends on changed, is in
``kg.pipeline.extraction``; on a Dask cluster in ``kg.pipeline.cluster``;
the graph and the store, reused per article and patched from the previous
build's, in ``kg.pipeline.graphs``; the viewer, drawn beside the derived
graph, in ``kg.pipeline.viewer``; ``report.json`` and the progress bar in
``kg.pipeline.report``.
"""

from kg.pipeline.extraction import MAX_BODY_CHARS, extract_all, process
from kg.pipeline.report import stderr_progress
from kg.pipeline.run import DEFAULT_MODEL, BuildResult, build, distinct

__all__ = ["DEFAULT_MODEL", "MAX_BODY_CHARS", "BuildResult", "build", "distinct", "extract_all", "process",
           "stderr_progress"]

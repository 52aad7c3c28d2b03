"""The errors of kg: one small hierarchy, messages that say what to do.

Domain code raises these; only ``kg/cli.py`` turns them into exit codes.
"""

from __future__ import annotations


class KgError(Exception):
    """Base of every error kg raises on purpose."""

    exit_code = 2


class UsageError(KgError):
    """The user asked for something impossible (bad path, bad option value)."""


class NothingToBuildError(KgError):
    """No readable article in the inputs."""


class StoreError(KgError):
    """A build's store is missing or unreadable."""


class CatalogueError(KgError):
    """A build's catalogue file is missing, unreadable or made from another store: read the store instead."""


class QueryError(KgError):
    """A SPARQL query is malformed, refused, too slow or too large."""


class QueryRefusedError(QueryError):
    """A query asks for something unsafe (SERVICE, LOAD, external FROM, update)."""


class QueryTimeoutError(QueryError):
    """A query ran past its time limit and was stopped."""


class QueryLimitError(QueryError):
    """A query went past the memory limit of its process (the process is replaced)."""


class QueryBusyError(QueryError):
    """Every query process is busy: try again shortly."""


class FormatError(QueryError):
    """An answer cannot be written in any of the formats asked for."""


class ExportError(KgError):
    """An export could not be written whole (the previous file is kept)."""


class PushError(KgError):
    """A remote SPARQL server refused a graph or could not be reached."""


class ValidationError(KgError):
    """A graph does not conform to the SHACL shapes."""

    exit_code = 1


class ClusterError(KgError):
    """A Dask scheduler cannot be reached, or its workers cannot extract what the build asks."""

"""Run SPARQL: one call, safe parameters, a row cap and a real timeout.

::

    from kg.sparql import query, saved_query
    query("SELECT ?name WHERE { ?o skos:prefLabel ?name }", "build").to_dataframe()
    query(saved_query("partners"), "build", params={"org": "성남산업진흥원"}).dicts()

``query`` picks the backend by what it is given: a build folder (or its
store) runs on the embedded Oxigraph store, an open ``pyoxigraph.Store`` in
this process, an http(s) URL on a remote endpoint (``kg.sparql.remote``).
The query is inspected first (``kg.sparql.inspect``) and parameters are bound
as terms (``kg.sparql.params``). With a timeout the query runs in a query
process (``kg.sparql.pool``: no network, a memory limit) that is killed when
time is up (pyoxigraph does not notice signals in the middle of a join).
Code that wrote its own SELECT runs it with ``select`` (``kg.sparql.local``).
"""

from __future__ import annotations

import atexit
import threading
from pathlib import Path
from typing import Any, Mapping

from kg.errors import UsageError
from kg.sparql.inspect import inspect_query
from kg.sparql.local import MAX_ROWS, execute, select
from kg.sparql.params import bind
from kg.sparql.pool import DEFAULT_TIMEOUT, Limits, QueryPool
from kg.sparql.results import Results
from kg.sparql.saved import Param, SavedQuery, parse_saved
from kg.sparql.worker import Job

__all__ = ["DEFAULT_TIMEOUT", "MAX_ROWS", "execute", "query", "run_isolated", "select"]


def query(
    sparql: str | SavedQuery,
    store: str | Path | Any = "build",
    params: Mapping[str, str] | None = None,
    limit: int = MAX_ROWS,
    timeout: float | None = None,
    base_iri: str | None = None,
) -> Results:
    """Run a query on a build's store (or an open ``pyoxigraph.Store``).

    Args:
        sparql: query text, a path to a ``.rq`` file, or a ``SavedQuery``.
        store: a build folder, its ``store/`` folder, a pyoxigraph Store
            (which runs in this process: no timeout), or the http(s) URL of
            a SPARQL endpoint (e.g. a server ``kg push`` filled).
        params: variable name -> value (see ``to_term``); saved queries convert by declared kind.
        limit: row cap; ``Results.truncated`` says when it cut.
        timeout: seconds before the query is stopped; it then runs in a child
            process (a script calling this needs the usual
            ``if __name__ == "__main__":`` guard). None: no limit, runs here.
        base_iri: IRIs ``FROM`` may name (default: the build's own base).

    Raises:
        QueryError, QueryRefusedError, QueryTimeoutError, StoreError, UsageError.
    """
    from kg.store.open import build_base_iri, open_store, store_path

    text, declared = _source(sparql)
    if isinstance(store, str) and store.startswith(("http://", "https://")):
        from kg.sparql.remote import query_endpoint

        info = inspect_query(text, base_iri)
        return query_endpoint(store, text, info, bind(params or {}, info, declared), limit, timeout or DEFAULT_TIMEOUT)
    if isinstance(store, (str, Path)):
        with open_store(store) as opened:  # checks the store exists; the base for FROM
            base = base_iri or build_base_iri(opened)
            if timeout is None:
                info = inspect_query(text, base)
                return execute(opened, text, info, bind(params or {}, info, declared), limit)
        return run_isolated(store_path(store), Job(text, base, dict(params or {}), declared, limit), timeout)
    info = inspect_query(text, base_iri or build_base_iri(store))
    return execute(store, text, info, bind(params or {}, info, declared), limit)


def _source(sparql: str | SavedQuery) -> tuple[str, tuple[Param, ...]]:
    if isinstance(sparql, SavedQuery):
        return sparql.text, sparql.params
    if sparql.strip().endswith(".rq") and "\n" not in sparql.strip():
        path = Path(sparql.strip())
        if not path.exists():
            raise UsageError(f"{path}: no such query file")
        try:  # a file with a saved-query header declares its parameters' kinds
            return path.read_text(encoding="utf-8"), parse_saved(path).params
        except UsageError:
            return path.read_text(encoding="utf-8"), ()
    return sparql, ()


_POOLS: dict[str, QueryPool] = {}  # store folder -> its one query process, kept for the next call
KEPT_POOLS = 4  # the stores used last keep theirs
_POOLS_LOCK = threading.Lock()


def run_isolated(path: Path, job: Job, timeout: float = DEFAULT_TIMEOUT) -> Results:
    """Run one job in a query process on the store at ``path``; kill it after ``timeout`` seconds.

    The process (``kg.sparql.pool``) stays for the next query on the same
    store folder (for the ``KEPT_POOLS`` folders used last), until this
    process ends: a notebook pays its start once.

    Raises:
        QueryTimeoutError: the query was still running at the timeout.
        QueryLimitError: the query went past the memory limit of its process.
    """
    key = str(Path(path).resolve())
    with _POOLS_LOCK:
        pool = _POOLS.pop(key, None)
        if pool is None or pool.closed:
            while len(_POOLS) >= KEPT_POOLS:
                _POOLS.pop(next(iter(_POOLS))).close()
            pool = QueryPool(key, workers=1, reserve=0, limits=Limits(timeout=timeout))
            atexit.register(pool.close)
        _POOLS[key] = pool  # the last used goes last
    return pool.run(job, timeout=timeout).results

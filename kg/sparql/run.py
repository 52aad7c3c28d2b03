"""Run SPARQL: one call, safe parameters, a row cap and a real timeout.

::

    from kg.sparql import query, saved_query
    query("SELECT ?name WHERE { ?o skos:prefLabel ?name }", "build").to_dataframe()
    query(saved_query("partners"), "build", params={"org": "성남산업진흥원"}).dicts()

``query`` picks the backend by what it is given: a build folder (or its
store) runs on the embedded Oxigraph store, an open ``pyoxigraph.Store`` in
this process, an http(s) URL on a remote endpoint (``kg.sparql.remote``).
The query is inspected first (``kg.sparql.inspect``) and parameters are bound
as terms (``kg.sparql.params``). With a timeout the query runs in a child
process that is killed when time is up (pyoxigraph does not notice signals
in the middle of a join). Code that wrote its own SELECT runs it with
``select``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from kg.errors import QueryError, QueryTimeoutError, StoreError, UsageError
from kg.rdf.namespaces import PREFIXES
from kg.sparql.inspect import Inspected, inspect_query
from kg.sparql.params import bind, inject_values
from kg.sparql.results import Results, results_of
from kg.sparql.saved import Param, SavedQuery, parse_saved

if TYPE_CHECKING:
    import pyoxigraph

MAX_ROWS = 10_000
DEFAULT_TIMEOUT = 30.0


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
        info = inspect_query(text, base)
        return run_isolated(store_path(store), text, info, bind(params or {}, info, declared), limit, timeout)
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


def execute(store, text: str, info: Inspected, bindings: Mapping[str, Any], limit: int | None = MAX_ROWS) -> Results:
    """Run an inspected query on an open pyoxigraph store, in this process (``limit`` None: no row cap)."""
    text = inject_values(text, bindings)
    clock = time.perf_counter()
    try:
        # Without FROM, the default graph is the union of all graphs (a FROM clause says otherwise).
        answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=not info.has_dataset)
        results = results_of(info.kind, answer, limit)
    except SyntaxError as e:  # rdflib accepted it, Oxigraph did not
        raise QueryError(f"SPARQL syntax error: {e}") from e
    except OSError as e:
        raise StoreError(f"cannot read the store: {e}") from e
    results.elapsed = time.perf_counter() - clock
    return results


def select(store: "pyoxigraph.Store", text: str) -> Results:
    """Every row of a SELECT that kg's own code wrote (no parameters, nothing to refuse) on an open store."""
    return execute(store, text, Inspected("select", frozenset()), {}, limit=None)



def run_isolated(path: Path, text: str, info: Inspected, bindings: Mapping[str, Any], limit: int = MAX_ROWS,
                 timeout: float = DEFAULT_TIMEOUT) -> Results:
    """Run a query in a child process on the store at ``path``; kill it after ``timeout`` seconds.

    Raises:
        QueryTimeoutError: the query was still running at the timeout (the child is killed).
    """
    ctx = _context()
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, str(path), text, info, dict(bindings), limit), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryTimeoutError(f"the query was stopped after {timeout:g} s (raise --timeout, or narrow the query)")
        status, payload = receive.recv()
    except EOFError as e:
        raise RuntimeError(f"the query process died (exit code {child.exitcode})") from e
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if status == "ok":
        return payload
    raise {"QueryError": QueryError, "StoreError": StoreError}.get(status, RuntimeError)(payload)


def _child(conn, path: str, text: str, info: Inspected, bindings: dict, limit: int) -> None:
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(path)
        conn.send(("ok", execute(store, text, info, bindings, limit)))
    except (QueryError, StoreError) as e:
        conn.send((type(e).__name__, str(e)))
    except OSError as e:
        conn.send(("StoreError", f"cannot open the store {path}: {e}"))
    except Exception as e:  # noqa: BLE001 - reported to the parent, which raises it as an internal error
        conn.send(("internal", f"{type(e).__name__}: {e}"))
    finally:
        conn.close()


_CTX = None


def _context():
    # forkserver: children start from a clean, single-threaded process (the
    # server is threaded; fork there is unsafe) that has kg and pyoxigraph loaded.
    global _CTX
    if _CTX is None:
        import multiprocessing

        _CTX = multiprocessing.get_context("forkserver")
        _CTX.set_forkserver_preload(["kg.sparql.run", "kg.sparql.results", "pyoxigraph", "rdflib"])
    return _CTX

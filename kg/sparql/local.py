"""Run an inspected query on an open pyoxigraph store, in this process.

The store and the thread are the caller's: ``kg.sparql.worker`` calls this in
a query process, ``kg.sparql.run.query`` for a store it was given open, and
kg's own code (``select``) for queries it wrote itself.
"""

from __future__ import annotations

import errno
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping

from kg.errors import QueryError, QueryRefusedError, StoreError
from kg.rdf.namespaces import PREFIXES
from kg.sparql.inspect import Inspected
from kg.sparql.params import inject_values
from kg.sparql.results import ASK, GRAPH, SELECT, Results, results_of

if TYPE_CHECKING:
    import pyoxigraph

MAX_ROWS = 10_000
_NO_NETWORK = {errno.ENETUNREACH, errno.EHOSTUNREACH}  # what a process without a network gets


def execute(store, text: str, info: Inspected, bindings: Mapping[str, Any], limit: int | None = MAX_ROWS,
            max_bytes: int | None = None) -> Results:
    """Run an inspected query on an open pyoxigraph store, in this process (``limit`` None: no row cap).

    ``max_bytes`` caps the text of the answer's terms (None: no cap).
    """
    text = inject_values(info.text or text, bindings)  # the text that was checked, escapes expanded
    clock = time.perf_counter()
    with _query_errors():
        # Without FROM, the default graph is the union of all graphs (a FROM clause says otherwise).
        answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=not info.has_dataset)
        results = results_of(info.kind if info.form else _kind_of(answer), answer, limit, max_bytes)
    results.elapsed = time.perf_counter() - clock
    return results


@contextmanager
def _query_errors() -> Iterator[None]:
    """Oxigraph's errors while a query is parsed or evaluated, as kg's errors."""
    try:
        yield
    except SyntaxError as e:  # rdflib accepted it, Oxigraph did not
        raise QueryError(f"SPARQL syntax error: {e}") from e
    except OSError as e:
        if e.errno in _NO_NETWORK or "os error 101" in str(e):  # the engine tried to reach another server
            raise QueryRefusedError("the query tried to reach another server: refused, queries run "
                                    "without a network") from e
        raise StoreError(f"cannot read the store: {e}") from e
    except RuntimeError as e:  # pyoxigraph's evaluation errors (e.g. an unbound SERVICE name)
        raise QueryError(f"the query failed: {e}") from e


def select(store: "pyoxigraph.Store", text: str) -> Results:
    """Every row of a SELECT that kg's own code wrote (no parameters, nothing to refuse) on an open store."""
    return execute(store, text, Inspected("select", frozenset()), {}, limit=None)


def select_text(store: "pyoxigraph.Store", text: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
    """Columns and every row of a SELECT that kg's own code wrote, each value as its text (``str`` of its rdflib term).

    For callers that want only the text of the values (``kg.graph.projection``): the same text as ``str``
    of what ``select`` gives, without making an rdflib term of each value (a third of the projection's time).
    IRIs, blank nodes and plain or tagged literals give their own text; a literal of another datatype goes
    through rdflib once per distinct term, which may normalize its lexical form.

    Raises:
        QueryError, StoreError: as ``execute``.
    """
    with _query_errors():
        answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    columns = [v.value for v in answer.variables]
    value = text_of()
    return columns, [tuple(value(s[c]) for c in columns) for s in answer]


def text_of() -> Callable[[Any], str | None]:
    """A function giving a pyoxigraph term's text as ``select_text`` does (None for None), remembering each term's."""
    from kg.rdf.terms import to_rdflib

    memo: dict = {None: None}

    def value(term: Any) -> str | None:
        found = memo.get(term, memo)
        if found is memo:
            datatype = getattr(term, "datatype", None)
            plain = datatype is None or term.language or datatype.value == _XSD_STRING
            found = memo[term] = term.value if plain else str(to_rdflib(term))
        return found

    return value


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _kind_of(answer: Any) -> str:
    """The kind of a pyoxigraph answer (a query ``screen`` passed unparsed has no form yet)."""
    import pyoxigraph as ox

    if isinstance(answer, ox.QuerySolutions):
        return SELECT
    return ASK if isinstance(answer, ox.QueryBoolean) else GRAPH

"""SPARQL over the embedded store: one call, safe parameters, a row cap and a real timeout.

::

    from kg.query import query
    query("SELECT ?name WHERE { ?o skos:prefLabel ?name }", "build").to_dataframe()
    query(saved_query("partners"), "build", params={"org": "성남산업진흥원"}).dicts()

Every query is parsed first (rdflib's parser, 20–130 ms, cached): that gives
its form (SELECT, ASK, CONSTRUCT, DESCRIBE), a syntax error with line and
column, and refuses updates, ``SERVICE`` and ``FROM``/``FROM NAMED`` outside
the build's own IRIs before anything runs. Parameters are RDF terms, never
the user's text: a ``VALUES`` block written by rdflib (``n3()``) goes first
in the query's WHERE group, found by tokenizing the query (pyoxigraph's own
``substitutions`` only bind projected variables). With a timeout the query
runs in a child process that is killed when time is up (pyoxigraph does not
notice signals in the middle of a join).
"""

from __future__ import annotations

import functools
import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from rdflib import Literal, URIRef, Variable
from rdflib.namespace import XSD

from kg.errors import QueryError, QueryRefusedError, QueryTimeoutError, StoreError, UsageError
from kg.rdf.namespaces import PREFIXES
from kg.results import ASK, GRAPH, SELECT, Results
from kg.saved import Param, SavedQuery, parse_saved, queries_dir, saved_queries, saved_query

__all__ = ["MAX_ROWS", "DEFAULT_TIMEOUT", "Inspected", "Param", "SavedQuery", "bind", "execute", "inject_values",
           "inspect_query", "parse_saved", "queries_dir", "query", "run_isolated", "saved_queries",
           "saved_query", "to_term"]

MAX_ROWS = 10_000
DEFAULT_TIMEOUT = 30.0
FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct", "DescribeQuery": "describe"}


@dataclass(frozen=True)
class Inspected:
    """What parsing a query tells: its form and the variables it mentions."""

    form: str  # "select", "ask", "construct" or "describe"
    variables: frozenset[str]
    has_dataset: bool = False  # FROM / FROM NAMED given

    @property
    def kind(self) -> str:
        return {"select": SELECT, "ask": ASK}.get(self.form, GRAPH)


@functools.lru_cache(maxsize=256)  # rdflib's parser takes 20–130 ms on a saved query; they repeat
def inspect_query(text: str, base_iri: str | None = None) -> Inspected:
    """Parse a query and refuse what a read-only, offline store must not run.

    Raises:
        QueryError: a syntax error (the message gives line and column).
        QueryRefusedError: an update, ``SERVICE``, or ``FROM``/``FROM NAMED``
            with an IRI outside ``base_iri`` (any IRI when ``base_iri`` is None).
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        prologue, body = parseQuery(text)
    except ParseException as e:
        try:
            parseUpdate(text)
        except ParseException:
            raise QueryError(_syntax_message(text, e)) from e
        raise QueryRefusedError("updates (INSERT, DELETE, LOAD, CLEAR …) are refused: the store is read-only "
                                "and nothing is fetched (rebuild with `kg build` to change the graph)") from e
    if _contains(body, "ServiceGraphPattern"):
        raise QueryRefusedError("SERVICE is refused: this endpoint does not send queries to other servers")
    prefixes = {**PREFIXES, **_declared_prefixes(prologue)}
    for clause in body["datasetClause"] if "datasetClause" in body else []:
        iri = _iri(dict(clause).get("default", dict(clause).get("named")), prefixes)
        if not base_iri or not iri.startswith(base_iri):
            raise QueryRefusedError(
                f"FROM <{iri}> is refused: FROM and FROM NAMED may only name graphs of this build "
                f"({base_iri or 'none here'}); nothing outside it is fetched or read")
    return Inspected(FORMS[body.name], frozenset(_variables(body)), "datasetClause" in body)


def _syntax_message(text: str, e) -> str:
    line = text.splitlines()[e.lineno - 1] if 0 < e.lineno <= len(text.splitlines()) else ""
    return f"SPARQL syntax error at line {e.lineno}, column {e.col}: {e.msg}\n  {line}\n  {' ' * (e.col - 1)}^"


def _walk(node: Any):
    from pyparsing import ParseResults

    yield node
    if isinstance(node, (ParseResults, list, tuple)):
        for child in node:
            yield from _walk(child)
    if isinstance(node, dict):  # rdflib's CompValue is an OrderedDict
        for child in node.values():
            yield from _walk(child)


def _contains(node: Any, name: str) -> bool:
    return any(getattr(n, "name", None) == name for n in _walk(node))


def _variables(node: Any) -> set[str]:
    return {str(n) for n in _walk(node) if isinstance(n, Variable)}


def _declared_prefixes(prologue) -> dict[str, str]:
    decls = [dict(d) for d in _walk(prologue) if getattr(d, "name", None) == "PrefixDecl"]
    return {str(d.get("prefix") or ""): str(d["iri"]) for d in decls}


def _iri(node: Any, prefixes: Mapping[str, str]) -> str:
    if getattr(node, "name", None) == "pname":
        parts = dict(node)
        prefix = str(parts.get("prefix") or "")
        if prefix not in prefixes:
            raise QueryError(f"unknown prefix {prefix}: in FROM")
        return prefixes[prefix] + str(parts.get("localname") or "")
    return str(node)


# Parameters


def to_term(value: str, kind: str | None = None) -> URIRef | Literal:
    """A parameter value as an RDF term: ``<iri>`` is an IRI, anything else a string, unless ``kind`` says.

    Raises:
        UsageError: the value is not a valid ``kind``.
    """
    try:
        if kind == "date":
            return Literal(date.fromisoformat(value).isoformat(), datatype=XSD.date)
        if kind == "int":
            return Literal(int(value))
        if kind == "iri" or (kind is None and value.startswith("<") and value.endswith(">")):
            iri = value[1:-1] if value.startswith("<") else value
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", iri):
                raise ValueError(f"{iri!r} is not an absolute IRI")
            return URIRef(iri)
    except ValueError as e:
        raise UsageError(f"parameter value {value!r} is not a valid {kind or 'IRI'}: {e}") from e
    return Literal(value)


def bind(params: Mapping[str, str | list[str]], inspected: Inspected,
         declared: tuple[Param, ...] = ()) -> dict[str, list]:
    """Parameter values as terms keyed by variable name, checked against the query.

    A value may be a list: the variable then takes each value in turn.

    Raises:
        UsageError: a parameter the query does not use, or a required one missing.
    """
    kinds = {p.name: p for p in declared}
    out = {}
    for name, value in params.items():
        name = name.lstrip("?$")
        if name not in inspected.variables:
            known = ", ".join(sorted(kinds) or sorted(inspected.variables)) or "none"
            raise UsageError(f"the query has no variable ?{name} to bind (parameters: {known})")
        values = [value] if isinstance(value, str) else list(value)
        out[name] = [to_term(v, kinds[name].kind if name in kinds else None) for v in values]
    for p in declared:
        if p.required and p.name not in out:
            raise UsageError(f"missing parameter {p.name}: {p.meaning} (e.g. --param {p.name}={p.example})")
    return out


_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3} | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
               | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>\{) | (?P<close>\}) | (?P<word>[A-Za-z]+) | (?P<other>\S)
""", re.X | re.S)


def inject_values(text: str, bindings: Mapping[str, list]) -> str:
    """The query with ``VALUES`` for ``bindings`` as the first pattern of its WHERE group.

    The values are RDF terms written by rdflib (``n3()``), never the user's
    text; the place is found by tokenizing the query (comments, strings and
    IRIs skipped), so the bound variables are joined before anything else in
    the query, as rdflib's ``initBindings`` would.

    Raises:
        UsageError: the query has no WHERE group to hold the values.
    """
    if not bindings:
        return text
    names = sorted(bindings)
    rows: list[list] = [[]]
    for name in names:  # every combination of the given values
        rows = [row + [term] for row in rows for term in bindings[name]]
    block = "VALUES ({}) {{ {} }}".format(
        " ".join("?" + n for n in names), " ".join("(" + " ".join(t.n3() for t in row) + ")" for row in rows))
    at = _where_start(text)
    return f"{text[:at]} {block} {text[at:]}"


def _where_start(text: str) -> int:
    tokens = [(m.lastgroup, m.group(), m.end()) for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]
    words = [t[1].upper() for t in tokens]
    i = next((i for i, w in enumerate(words) if w in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")), len(tokens)) + 1
    if i <= len(tokens) and words[i - 1] == "CONSTRUCT" and i < len(tokens) and tokens[i][0] == "open":
        depth = 0
        for i in range(i, len(tokens)):  # skip the template
            depth += {"open": 1, "close": -1}.get(tokens[i][0], 0)
            if depth == 0:
                break
        i += 1
    while i < len(tokens) and tokens[i][0] != "open":
        i += 1
    if i >= len(tokens) or (i + 1 < len(tokens) and words[i + 1] == "SELECT"):
        raise UsageError("parameters need a WHERE group that is not a bare subquery (wrap it in { })")
    return tokens[i][2]


# Running


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
        from kg.push import query_endpoint

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


def execute(store, text: str, info: Inspected, bindings: Mapping[str, Any], limit: int = MAX_ROWS) -> Results:
    """Run an inspected query on an open pyoxigraph store, in this process."""
    from kg.rdf.terms import to_rdflib

    text = inject_values(text, bindings)
    clock = time.perf_counter()
    try:
        # Without FROM, the default graph is the union of all graphs (a FROM clause says otherwise).
        answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=not info.has_dataset)
        if info.kind == ASK:
            return Results(ASK, [], boolean=bool(answer), elapsed=time.perf_counter() - clock)
        if info.kind == SELECT:
            columns = [v.value for v in answer.variables]
            rows, truncated = _take(answer, limit, lambda s: tuple(to_rdflib(s[c]) for c in columns))
        else:
            columns = ["subject", "predicate", "object"]
            rows, truncated = _take(answer, limit, lambda t: (to_rdflib(t.subject), to_rdflib(t.predicate),
                                                              to_rdflib(t.object)))
    except SyntaxError as e:  # rdflib accepted it, Oxigraph did not
        raise QueryError(f"SPARQL syntax error: {e}") from e
    except OSError as e:
        raise StoreError(f"cannot read the store: {e}") from e
    return Results(info.kind, columns, rows, truncated=truncated, elapsed=time.perf_counter() - clock)


def _take(answer, limit: int, convert) -> tuple[list[tuple], bool]:
    rows = []
    for item in answer:
        if len(rows) == limit:
            return rows, True
        rows.append(convert(item))
    return rows, False


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
        _CTX.set_forkserver_preload(["kg.query", "kg.results", "pyoxigraph", "rdflib"])
    return _CTX

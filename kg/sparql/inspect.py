"""Inspect a query before it runs: its form, its variables, and what a read-only store must refuse.

Every query is parsed first (rdflib's parser, 20–130 ms the first time, then
a few ms; cached): that gives its form (SELECT, ASK, CONSTRUCT, DESCRIBE), a
syntax error with line and column, and refuses updates, ``SERVICE`` and
``FROM``/``FROM NAMED`` outside the build's own IRIs before anything runs.

The check must see the query the engine will run. rdflib expands ``\\uXXXX``
escapes over the whole text before parsing (as SPARQL 1.1 says); Oxigraph
only inside strings and IRIs, so the two could disagree on where a string
ends and a ``SERVICE`` could hide from the check. ``Inspected.text`` is the
text with every escape expanded (``canonical``): the text that was checked
and the only one that runs. pyoxigraph does not expose its own parse, so the
query processes also run without a network (``kg.sparql.worker``).

rdflib's grammar (pyparsing) is not thread-safe: parses take a lock.

``screen`` spares the parse (several ms, most of a short query's cost) for
a query whose text, escapes expanded, has none of the words that name
another server, a dataset or an update (``SERVICE``, ``FROM``, ``LOAD`` …)
anywhere, not even inside a string: no parser can find such a clause in it,
and Oxigraph's own parse then says the form and any syntax error.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from typing import Any, Mapping

from rdflib import Variable

from kg.errors import QueryError, QueryRefusedError
from kg.rdf.namespaces import PREFIXES
from kg.sparql.results import ASK, GRAPH, SELECT

FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct", "DescribeQuery": "describe"}


@dataclass(frozen=True)
class Inspected:
    """What parsing a query tells: its form and the variables it mentions."""

    form: str  # "select", "ask", "construct" or "describe"
    variables: frozenset[str]
    has_dataset: bool = False  # FROM / FROM NAMED given
    text: str = ""  # the query as checked (escapes expanded): the text to run

    @property
    def kind(self) -> str:
        return {"select": SELECT, "ask": ASK}.get(self.form, GRAPH)


MAX_DEPTH = 64  # nested groups and parentheses; rdflib's recursive parser fails far deeper, with a traceback
_PARSE = threading.Lock()
_ESCAPE = re.compile(r"\\u([0-9a-f]{4}(?:[0-9a-f]{4})?)", re.I)  # rdflib's own pattern (its parser.py)
_BRACKETS = re.compile(r"""#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|<[^<>\s{}]*>|([({\[])|([)}\]])""")


# Words any refused clause needs (SERVICE, FROM, the update verbs), searched as plain letters.
_REFUSABLE = re.compile(r"service|from|load|insert|delete|clear|drop|create|add|move|copy|with|using", re.I | re.A)


def screen(text: str) -> Inspected | None:
    """The query unparsed, when its text cannot hold anything to refuse; None when it must be parsed.

    The ``Inspected`` it returns has no form (``""``): the engine's answer
    says it. A query with parameters needs ``inspect_query`` (their variables).
    """
    text = canonical(text)
    if not text.strip() or _depth(text) > MAX_DEPTH or _REFUSABLE.search(text):
        return None
    return Inspected("", frozenset(), False, text)


@functools.lru_cache(maxsize=256)  # rdflib's parser takes 20–130 ms on a saved query; they repeat
def inspect_query(text: str, base_iri: str | None = None) -> Inspected:
    """Parse a query and refuse what a read-only, offline store must not run.

    Raises:
        QueryError: a syntax error (the message gives line and column), an
            empty query, or one nested deeper than ``MAX_DEPTH``.
        QueryRefusedError: an update, ``SERVICE``, or ``FROM``/``FROM NAMED``
            with an IRI outside ``base_iri`` (any IRI when ``base_iri`` is None).
    """
    text = canonical(text)
    if not text.strip():
        raise QueryError("the query is empty: send SELECT, ASK, CONSTRUCT or DESCRIBE")
    if _depth(text) > MAX_DEPTH:
        raise QueryError(f"the query nests groups or parentheses more than {MAX_DEPTH} deep: flatten it")
    prologue, body = _parse(text)
    if _contains(body, "ServiceGraphPattern"):
        raise QueryRefusedError("SERVICE is refused: this endpoint does not send queries to other servers")
    prefixes = {**PREFIXES, **_declared_prefixes(prologue)}
    for clause in body["datasetClause"] if "datasetClause" in body else []:
        iri = _iri(dict(clause).get("default", dict(clause).get("named")), prefixes)
        if not base_iri or not iri.startswith(base_iri):
            raise QueryRefusedError(
                f"FROM <{iri}> is refused: FROM and FROM NAMED may only name graphs of this build "
                f"({base_iri or 'none here'}); nothing outside it is fetched or read")
    return Inspected(FORMS[body.name], frozenset(_variables(body)), "datasetClause" in body, text)


def canonical(text: str) -> str:
    """The query with every ``\\uXXXX`` and ``\\UXXXXXXXX`` escape expanded, until none is left.

    Expanding again until nothing changes means that no parser, whether it
    expands once, twice or only inside strings, finds an escape left to read
    its own way.

    Raises:
        QueryError: an escape that is not a character.
    """
    while True:
        try:
            expanded = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
        except (ValueError, OverflowError) as e:
            raise QueryError(f"the query has an escape that is not a Unicode character: {e}") from e
        if expanded == text:
            break
        text = expanded
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise QueryError("the query has an escape for a lone surrogate (\\uD800–\\uDFFF), which is not a character")
    return text


def _depth(text: str) -> int:
    depth = deepest = 0
    for m in _BRACKETS.finditer(text):
        if m.group(1):
            depth += 1
            deepest = max(deepest, depth)
        elif m.group(2):
            depth -= 1
    return deepest


def _parse(text: str):
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import Query, UpdateUnit

    try:
        with _PARSE:
            try:
                return Query.parse_string(text, parse_all=True)
            except ParseException as e:
                try:
                    UpdateUnit.parse_string(text, parse_all=True)
                except ParseException:
                    raise QueryError(_syntax_message(text, e)) from e
                raise QueryRefusedError(
                    "updates (INSERT, DELETE, LOAD, CLEAR …) are refused: the store is read-only and nothing "
                    "is fetched (rebuild with `kg build` to change the graph)") from e
    except RecursionError as e:
        raise QueryError("the query is too long or too deeply nested to parse: split it") from e


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

"""Parameters of a query: values as RDF terms, bound by a ``VALUES`` block, never pasted as text.

A ``VALUES`` block written by rdflib (``n3()``) goes first in the query's
WHERE group, found by tokenizing the query (pyoxigraph's own
``substitutions`` only bind projected variables).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import UsageError
from kg.sparql.inspect import Inspected
from kg.sparql.saved import Param


BOOLEANS = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}


def to_term(value: str, kind: str | None = None) -> URIRef | Literal:
    """A parameter value as an RDF term: ``<iri>`` is an IRI, anything else a string, unless ``kind`` says.

    A ``name`` is a Korean label (``"…"@ko``): the graph's names are, and a query
    that matches the bound label itself is one index lookup in Oxigraph (a label
    computed in the query, e.g. ``STRLANG(?org, "ko")``, is matched by reading
    every label of the graph).

    Raises:
        UsageError: the value is not a valid ``kind``.
    """
    try:
        if kind == "date":
            return Literal(date.fromisoformat(value).isoformat(), datatype=XSD.date)
        if kind == "int":
            return Literal(int(value))
        if kind == "bool":
            if value.lower() not in BOOLEANS:
                raise ValueError("say true or false")
            return Literal(BOOLEANS[value.lower()])
        if kind == "name":
            return Literal(value, lang="ko")
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

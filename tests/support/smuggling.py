"""Queries that try to make the query engine fetch a URL: SERVICE written every way we could think of.

Each variant combines a way to write the keyword, a way to write the remote
IRI, a place in the query, and a way to hide the call from a checker that
parses differently from the engine (``\\u`` escapes that end a string for
one parser and not for the other, comments, long strings). The listener at
``port`` must see no connection, whatever the server answers.
"""

from __future__ import annotations

import itertools
import random

KEYWORDS = ("SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "\\u0053ERVICE", "SERVIC\\u0045")
IRIS = (  # (prologue, IRI as written)
    ("", "<http://127.0.0.1:{port}/x>"),
    ("", "<http://localhost:{port}/x>"),
    ("", "<http\\u003A//127.0.0.1:{port}/x>"),
    ("", "<\\u0068ttp://127.0.0.1:{port}/x>"),
    ("", "<\\U00000068ttp://127.0.0.1:{port}/x>"),
    ("PREFIX ex: <http://127.0.0.1:{port}/> ", "ex:x"),
    ("PREFIX : <http://127.0.0.1:{port}/> ", ":x"),
    ("PREFIX e\\u0078: <http://127.0.0.1:{port}/> ", "ex:x"),
    ("BASE <http://127.0.0.1:{port}/> ", "<x>"),
    ("BASE <http://a.invalid/> ", "<//127.0.0.1:{port}/x>"),
    ("", "?svc"),
)
PLACES = (
    "{{ {call} }}",
    "{{ ?s ?p ?o OPTIONAL {{ {call} }} }}",
    "{{ {{ SELECT * WHERE {{ {call} }} }} }}",
    "{{ FILTER EXISTS {{ {call} }} }}",
    "{{ {{ ?s ?p ?o }} UNION {{ {call} }} }}",
    "{{ ?s ?p ?o MINUS {{ {call} }} }}",
    "{{ GRAPH ?g {{ {call} }} }}",
    "{{ VALUES ?svc {{ <http://127.0.0.1:{port}/x> }} {call} }}",
)
HIDES = (  # (before the call, after it): what a wrong parser takes for a string or a comment
    ("", ""),
    ('BIND("\\u005C" AS ?x) ', ' BIND(" AS ?q) BIND(\\u0022" AS ?y)'),
    ("BIND('\\u005C' AS ?x) ", " BIND(' AS ?q) BIND(\\u0027' AS ?y)"),
    ('BIND("""\\u0022\\u0022\\u0022 AS ?x) ', ' BIND(""" AS ?q)'),
    ("# \\u000A", ""),
    ('BIND("#" AS ?h) ', ""),
    ("BIND(<http://a.invalid/\\u003E> AS ?i) ", ""),
)


def smuggling_queries(port: int, count: int | None = None, seed: int = 14) -> list[str]:
    """The variants for a listener on ``port``: all of them, or a fixed random sample of ``count``."""
    combos = list(itertools.product(KEYWORDS, IRIS, PLACES, HIDES))
    if count is not None:
        combos = random.Random(seed).sample(combos, count)
    out = []
    for keyword, (prologue, iri), place, (before, after) in combos:
        call = f"{before}{keyword} {iri.format(port=port)} {{ ?s ?p ?o }}{after}"
        out.append(prologue.format(port=port) + "SELECT * WHERE " + place.format(call=call, port=port))
    return out

"""``/names?prefix=…``: a few entity names that start with what was typed (case-sensitive), for the query UI.

Bounded on purpose, since the editor asks on every key: the prefix is 1 to
``MAX_PREFIX`` characters, at most ``MAX_NAMES`` names come back (shortest
first), and the query runs on the server's pool like any other, under its
timeout; the prefix is bound as a parameter (``VALUES``), never pasted.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from kg.serve.http import HttpError
from kg.sparql.results import SELECT
from kg.sparql.saved import Param

MAX_PREFIX = 50
MAX_NAMES = 20
# Every label (official name, short form, former name) of every entity, in the graph of the build's
# entities (``?entities``; unbound, every graph): one scan of the labels of that graph. Matching in every
# graph, joining the entity kind first, or LCASE for case-blind matching cost several times more
# (``bench/names_bench.py``).
NAMES_QUERY = f"""
PREFIX kg: <https://w3id.org/kgkr/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?name WHERE {{
  GRAPH ?entities {{ ?e skos:prefLabel|skos:altLabel ?label . }}
  FILTER (STRSTARTS(STR(?label), ?prefix))
  FILTER EXISTS {{ GRAPH ?entities {{ ?e kg:entityKind ?kind . }} }}
  BIND (STR(?label) AS ?name)
}}
ORDER BY STRLEN(?name) ?name
LIMIT {MAX_NAMES}
"""
PARAMS = (Param("prefix", "text", True, "the start of a name", "성남"),
          Param("entities", "iri", False, "the graph of the build's entities", ""))
FORMATS = {SELECT: "json"}


def name_prefix(query_string: str) -> str:
    """The ``prefix`` parameter of a ``/names`` request, stripped ("" when there is none).

    Raises:
        HttpError: 400 for a prefix longer than ``MAX_PREFIX`` characters or not UTF-8.
    """
    try:
        values = parse_qs(query_string, errors="strict").get("prefix", [""])
    except UnicodeDecodeError as e:
        raise HttpError("400 Bad Request", "the prefix is not UTF-8 once %-decoded: send UTF-8") from e
    prefix = values[0].strip()
    if len(prefix) > MAX_PREFIX:
        raise HttpError("400 Bad Request", f"the prefix is longer than {MAX_PREFIX} characters: type less")
    return prefix


def names_params(prefix: str, base_iri: str | None) -> dict[str, str]:
    """The parameters of ``NAMES_QUERY``: the prefix, and the entities graph of a build with that base IRI."""
    from kg.rdf.iris import ENTITIES_GRAPH

    return {"prefix": prefix, **({"entities": base_iri + ENTITIES_GRAPH} if base_iri else {})}


def names_body(results_json: bytes | None) -> bytes:
    """The ``/names`` answer, ``{"names": [...]}``, from SPARQL JSON results (None: no names)."""
    names = [] if results_json is None else [
        b["name"]["value"] for b in json.loads(results_json)["results"]["bindings"]]
    return json.dumps({"names": names}, ensure_ascii=False).encode("utf-8")

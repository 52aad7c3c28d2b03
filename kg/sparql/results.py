"""Query results: one small type for SELECT, ASK, CONSTRUCT and DESCRIBE.

``Results`` holds rdflib terms (picklable, so a result can come back from
the child process that ran the query) and knows how to write itself in the
SPARQL 1.1 result formats (JSON, XML, CSV, TSV), as RDF for graph results
(Turtle, N-Triples, JSON-LD), and as a text table for the terminal.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef

from kg.rdf.namespaces import PREFIXES
from kg.rdf.terms import to_rdflib

SELECT, ASK, GRAPH = "select", "ask", "graph"
GRAPH_FORMATS = ("turtle", "nt", "json-ld", "rdf-xml")
RDFLIB_FORMATS = {"rdf-xml": "xml"}  # our format names that rdflib spells otherwise ("xml" is SPARQL results here)


@dataclass
class Results:
    """The answer to one query.

    ``kind`` is ``"select"``, ``"ask"`` or ``"graph"`` (CONSTRUCT, DESCRIBE:
    rows are ``(subject, predicate, object)`` triples). Rows hold rdflib terms,
    ``None`` where a variable is unbound. ``truncated`` says the row cap or
    the byte cap cut the answer, ``truncated_by`` which (``"rows"``, ``"bytes"``).
    """

    kind: str
    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    elapsed: float = 0.0
    truncated_by: str = ""

    @property
    def truncated_bytes(self) -> bool:
        """The byte cap cut the answer."""
        return self.truncated_by == "bytes"

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.rows)

    def dicts(self) -> list[dict[str, Any]]:
        """Rows as dicts of Python values (str, int, date …; IRIs as str)."""
        return [{c: to_python(v) for c, v in zip(self.columns, row)} for row in self.rows]

    def values(self, column: str) -> list[Any]:
        """The Python values of one column, in row order."""
        i = self.columns.index(column)
        return [to_python(row[i]) for row in self.rows]

    def to_dataframe(self):
        """A pandas DataFrame of ``dicts()`` (pandas imported here)."""
        import pandas as pd

        return pd.DataFrame(self.dicts(), columns=self.columns)

    def graph(self):
        """The triples of a CONSTRUCT/DESCRIBE answer as an rdflib Graph."""
        from rdflib import Graph

        g = Graph(bind_namespaces="none")
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        for triple in self.rows:
            g.add(triple)
        return g

    def serialize(self, fmt: str) -> bytes:
        """The answer as SPARQL results (``json``, ``xml``, ``csv``, ``tsv``), or for CONSTRUCT/DESCRIBE also ``GRAPH_FORMATS``."""
        if self.kind == GRAPH and fmt in GRAPH_FORMATS:
            return serialize_graph(self.graph(), fmt)  # other formats: the triples as rows
        writer = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}[fmt]
        return writer(self).encode("utf-8")


def results_of(kind: str, answer: Any, limit: int | None, max_bytes: int | None = None) -> Results:
    """The ``Results`` of a pyoxigraph answer of that ``kind``: a store's, or parsed from a server's reply.

    ``answer`` is solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT,
    DESCRIBE); at most ``limit`` rows are kept (None: all), and rows stop
    once the text of their terms passes ``max_bytes`` (None: no cap).
    """
    if kind == ASK:
        return Results(ASK, [], boolean=bool(answer))
    memo: dict = {None: None}  # an answer repeats its terms (names, dates, sentences): each is converted once

    def term(t: Any) -> Any:
        found = memo.get(t, memo)
        if found is memo:
            found = memo[t] = to_rdflib(t)
        return found

    if kind == SELECT:
        columns = [v.value for v in answer.variables]
        rows, cut = _take(answer, limit, max_bytes, lambda s: tuple(term(s[c]) for c in columns))
    else:
        columns = ["subject", "predicate", "object"]
        rows, cut = _take(answer, limit, max_bytes, lambda t: (term(t.subject), term(t.predicate), term(t.object)))
    return Results(kind, columns, rows, truncated=bool(cut), truncated_by=cut)


def _take(answer: Iterable, limit: int | None, max_bytes: int | None,
          convert: Callable[[Any], tuple]) -> tuple[list[tuple], str]:
    rows: list[tuple] = []
    size = 0
    for item in answer:
        if len(rows) == limit:
            return rows, "rows"
        row = convert(item)
        if max_bytes is not None:
            size += sum(len(str(t)) + 40 for t in row if t is not None)  # 40: a term's markup, roughly
            if size > max_bytes:
                return rows, "bytes"
        rows.append(row)
    return rows, ""


def to_python(term: Any) -> Any:
    """A term as a plain Python value: literals by datatype, IRIs and blank nodes as str."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def serialize_graph(graph, fmt: str) -> bytes:
    """A graph in Turtle, N-Triples, JSON-LD or RDF/XML (``rdf-xml``)."""
    out = graph.serialize(format=RDFLIB_FORMATS.get(fmt, fmt), **({"auto_compact": True} if fmt == "json-ld" else {}))  # ``@context`` from the bound prefixes
    return out.encode("utf-8") if isinstance(out, str) else out


# SPARQL 1.1 Query Results formats


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def _json(r: Results) -> str:
    if r.kind == ASK:
        return json.dumps({"head": {}, "boolean": r.boolean})
    bindings = [{c: _json_term(v) for c, v in zip(r.columns, row) if v is not None} for row in r.rows]
    return json.dumps({"head": {"vars": r.columns}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _xml_term(term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attr = f" xml:lang={quoteattr(term.language)}" if term.language else (
        f" datatype={quoteattr(str(term.datatype))}" if term.datatype else "")
    return f"<literal{attr}>{escape(str(term))}</literal>"


def _xml(r: Results) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    lines += [f"<variable name={quoteattr(c)}/>" for c in r.columns]
    lines.append("</head>")
    if r.kind == ASK:
        lines.append(f"<boolean>{'true' if r.boolean else 'false'}</boolean>")
    else:
        lines.append("<results>")
        for row in r.rows:
            cells = "".join(f"<binding name={quoteattr(c)}>{_xml_term(v)}</binding>"
                            for c, v in zip(r.columns, row) if v is not None)
            lines.append(f"<result>{cells}</result>")
        lines.append("</results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


def _csv(r: Results) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if r.kind == ASK:
        w.writerows([["_askResult"], ["true" if r.boolean else "false"]])
        return buf.getvalue()
    w.writerow(r.columns)
    for row in r.rows:
        w.writerow(["" if v is None else (f"_:{v}" if isinstance(v, BNode) else str(v)) for v in row])
    return buf.getvalue()


def _tsv(r: Results) -> str:
    if r.kind == ASK:
        return "?_askResult\n" + ("true" if r.boolean else "false") + "\n"
    lines = ["\t".join("?" + c for c in r.columns)]
    for row in r.rows:
        lines.append("\t".join("" if v is None else v.n3() for v in row))
    return "\n".join(lines) + "\n"


# Text table for the terminal


def display(term: Any, prefixes: dict[str, str] | None = None) -> str:
    """A term as shown in a table: literals as text, IRIs compacted with ``prefixes``."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term)
    for prefix, ns in (prefixes or {}).items():
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>"


def _width(text: str) -> int:
    # Hangul and other wide characters take two terminal columns.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_table(r: Results, prefixes: dict[str, str] | None = None) -> str:
    """An aligned text table (ASK: ``true``/``false``)."""
    if r.kind == ASK:
        return "true" if r.boolean else "false"
    cells = [[_cell(display(v, prefixes)) for v in row] for row in r.rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(r.columns)]

    def line(values: Iterable[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(r.columns), line("-" * w for w in widths)] + [line(row) for row in cells]
    return "\n".join(out)

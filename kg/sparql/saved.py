"""Saved queries: ``ontology/queries/*.rq``, shared by the CLI, the server's UI, notebooks and tests.

Each file starts with a header comment::

    # title: 기관의 협약 상대 / Partners of an organization
    # ko: 이 기관은 어느 기관과 언제 업무협약을 맺었나?
    # en: Which organizations signed agreements with this organization, and when?
    # param: org (name, required) 기관 이름 / organization name or alias; e.g. 성남산업진흥원

A parameter's kind says how its value becomes an RDF term (``kg.sparql.params.to_term``):
``name`` is a Korean label (``"…"@ko``, the language of the graph's names: the
query matches it against an entity's labels as one index lookup), ``text`` a
string, ``date`` an ``xsd:date``, ``int`` an integer, ``bool`` a boolean
(``true``/``false``, ``yes``/``no``, ``1``/``0``), ``iri`` an IRI.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import UsageError


@dataclass(frozen=True)
class Param:
    """A declared parameter of a saved query."""

    name: str
    kind: str  # "name" (a Korean label, matched against labels), "text", "date", "int", "bool" or "iri"
    required: bool
    meaning: str
    example: str


@dataclass(frozen=True)
class SavedQuery:
    """A ``.rq`` file with its header: title, the question in Korean and English, parameters."""

    name: str
    title: str
    question_ko: str
    question_en: str
    params: tuple[Param, ...]
    text: str
    path: Path


_HEADER = re.compile(r"^#\s*(title|ko|en|param):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s+\((\w+)(?:,\s*(required|optional))?\)\s+(.+?)(?:;\s*e\.g\.\s*(.+))?$")


def parse_saved(path: str | Path) -> SavedQuery:
    """Read a saved query and its header comment.

    Raises:
        UsageError: the header lacks a title, a question or a well-formed parameter line.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params = []
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.groups()
        if key != "param":
            fields.setdefault(key, value.strip())
            continue
        p = _PARAM.match(value.strip())
        if not p:
            raise UsageError(f"{path}: malformed parameter line: {line.strip()}")
        name, kind, req, meaning, example = p.groups()
        params.append(Param(name, kind, req != "optional", meaning.strip(), (example or "").strip()))
    missing = [k for k in ("title", "ko", "en") if k not in fields]
    if missing:
        raise UsageError(f"{path}: header lacks {', '.join(missing)}")
    return SavedQuery(path.stem, fields["title"], fields["ko"], fields["en"], tuple(params), text, path)


def queries_dir() -> Path:
    """The folder of the saved queries."""
    from kg.rdf.ontology import ontology_dir

    return ontology_dir() / "queries"


def saved_queries() -> dict[str, SavedQuery]:
    """Every saved query, by name (file name without ``.rq``), sorted."""
    return {p.stem: parse_saved(p) for p in sorted(queries_dir().glob("*.rq"))}


def saved_query(name: str) -> SavedQuery:
    """One saved query by name.

    Raises:
        UsageError: no saved query has that name (the message suggests the nearest names, and lists them all).
    """
    names = sorted(p.stem for p in queries_dir().glob("*.rq"))
    if name not in names:
        near = difflib.get_close_matches(name.lower().replace("-", "_"), names, n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(near)}? " if near else ""
        raise UsageError(f"no saved query named {name!r}; {hint}saved queries: {', '.join(names)} "
                         "(kg query --list)")
    return parse_saved(queries_dir() / f"{name}.rq")



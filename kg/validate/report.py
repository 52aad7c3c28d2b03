"""What validation found, as a report: violations and warnings, counted and listed readably."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from rdflib.namespace import SH as SHACL

from kg.rdf.namespaces import PREFIXES, SHAPES, curie

SH = str(SHACL)  # SHACL terms are built as SH + name
STRATEGY = "pySHACL over the union of the graphs; spans and mentions checked in Python"
SPAN_SHAPE = "kgsh:Span"
MENTION_SHAPE = "kgsh:Mention"


@dataclass(frozen=True)
class Violation:
    """One result of the validation: which node, which property, what is wrong."""

    focus: str
    message: str
    path: str | None = None
    value: str | None = None
    shape: str | None = None
    severity: str = "Violation"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a build."""

    conforms: bool
    violations: tuple[Violation, ...] = ()
    warnings: tuple[Violation, ...] = ()
    seconds: float = 0.0
    triples: int = 0
    strategy: str = STRATEGY

    def as_dict(self) -> dict:
        """The summary recorded in ``report.json``."""
        return {"conforms": self.conforms, "violations": len(self.violations), "warnings": len(self.warnings),
                "seconds": round(self.seconds, 3), "triples": self.triples, "strategy": self.strategy}


def make_report(found: Iterable[Violation], seconds: float, triples: int, strategy: str = STRATEGY
                ) -> ValidationReport:
    """The report of what was found: violations and warnings, each once, in a fixed order."""
    ordered = sorted(set(found), key=lambda v: (v.message, v.focus, v.path or "", v.value or "", v.shape or ""))
    violations = [v for v in ordered if v.severity == "Violation"]
    return ValidationReport(
        conforms=not violations,
        violations=tuple(violations),
        warnings=tuple(v for v in ordered if v.severity != "Violation"),
        seconds=seconds,
        triples=triples,
        strategy=strategy,
    )


def format_report(report: ValidationReport, limit: int = 20) -> str:
    """A readable report: verdict, counts per shape and message, then examples."""
    warned = f", {len(report.warnings)} warnings" if report.warnings else ""
    if report.conforms:
        lines = [f"valid: {report.triples} triples conform to the kg shapes{warned} ({report.seconds:.2f} s)"]
    else:
        lines = [f"NOT valid: {len(report.violations)} violations{warned} in {report.triples} triples "
                 f"({report.seconds:.2f} s)"]
    for title, found in (("violations", report.violations), ("warnings", report.warnings)):
        if found:
            lines.extend(_section(title, found, limit))
    return "\n".join(lines)


def _section(title: str, found: tuple[Violation, ...], limit: int) -> list[str]:
    counts = Counter(v.message for v in found)
    lines = [f"{title} by kind:"]
    lines.extend(f"  {n:5d}  {message}" for message, n in counts.most_common())
    lines.append(f"first {min(limit, len(found))} {title}:")
    for v in found[:limit]:
        where = f" {v.path}" if v.path else ""
        value = f" = {v.value!r}" if v.value is not None else ""
        lines.append(f"  <{v.focus}>{where}{value}: {v.message}")
    return lines


def short_name(term: object) -> str:
    """A shape, class or property as ``prefix:name`` in messages (``kgsh:Span``, ``nif:anchorOf``)."""
    return curie(term, _SHORT)


_SHORT = {"kgsh": str(SHAPES), **PREFIXES}

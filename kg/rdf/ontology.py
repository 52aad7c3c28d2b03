"""Where the ontology's files are: ``kg.ttl``, ``shapes.ttl``, ``context.jsonld``, ``queries/``.

The source tree's ``ontology/`` when running from a checkout; the copy that
``setup.py`` ships as package data (``kg/data/ontology/``) in an installed
wheel.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
PACKAGED_ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "data" / "ontology"


def ontology_dir() -> Path:
    """The folder of ``kg.ttl``, ``shapes.ttl`` and ``queries/``."""
    return ONTOLOGY_DIR if (ONTOLOGY_DIR / "kg.ttl").exists() else PACKAGED_ONTOLOGY_DIR


def ontology_path(name: str = "kg.ttl") -> Path:
    """A file of the ontology folder (``kg.ttl``, ``shapes.ttl``, ``context.jsonld`` …)."""
    return ontology_dir() / name


def load_ontology(name: str = "kg.ttl") -> "Graph":
    """``kg.ttl`` (or another Turtle file of the ontology folder) as an rdflib graph."""
    from rdflib import Graph

    return Graph().parse(ontology_path(name), format="turtle")

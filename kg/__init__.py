"""kg: knowledge graphs of Korean regional industry-policy news.

Importing ``kg`` loads no model and starts nothing; heavy dependencies are
imported by the functions that need them. The package's subpackages are the
pipeline's stages (``docs/ARCHITECTURE.md``); the three functions most
scripts need are attributes of ``kg`` itself, imported on first use.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Lazy public API (SPEC 1 style): `kg.build(...)` without importing spaCy at
# `import kg`, and without this package importing its stages, which import
# it for `__version__`. Stage entry points live in their subpackages:
# `from kg.evaluate import evaluate`, `from kg.sparql import query, saved_query`.
_LAZY = {"build": "kg.pipeline", "open_store": "kg.store.open", "to_networkx": "kg.graph.projection"}
__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

"""kg: knowledge graphs of Korean regional industry-policy news.

Importing ``kg`` loads no model and starts nothing; heavy dependencies are
imported by the functions that need them.
"""

from __future__ import annotations

__version__ = "0.1.0"

# Stage entry points live in their subpackages: `from kg.evaluate import evaluate`,
# `from kg.sparql import query, saved_query`.
__all__ = ["__version__", "build", "open_store", "to_networkx"]


def __getattr__(name: str):
    # Lazy public API: `kg.build(...)` without importing spaCy at `import kg`.
    if name == "build":
        from kg.pipeline import build

        return build
    if name == "open_store":
        from kg.store.open import open_store

        return open_store
    if name == "to_networkx":
        from kg.graph.projection import to_networkx

        return to_networkx
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

"""Store: a build's graph in an embedded Oxigraph store, and the build folder around it.

``open_store(build_dir)`` (``kg.store.open``) opens a build's store;
``BuildDir`` (``kg.store.build_dir``) alone knows the folder's layout;
``kg.store.write`` bulk-loads a store, ``kg.store.load`` reads it back into
rdflib, ``kg.store.versions`` publishes each build atomically.
"""

from kg.store.build_dir import BuildDir
from kg.store.open import open_store

__all__ = ["BuildDir", "open_store"]

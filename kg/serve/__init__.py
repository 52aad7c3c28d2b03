"""Serve: a build read-only over HTTP, the SPARQL 1.1 Protocol at ``/sparql`` and a query UI at ``/``.

``make_app(build_dir)`` (``kg.serve.app``) is the WSGI app factory; ``serve(app)`` runs it.
"""

from kg.serve.app import make_app, serve

__all__ = ["make_app", "serve"]

"""Helpers and data shared by the tests (their fixtures are in ``tests/conftest.py``).

- ``corpus``: a tiny news-style article of our own, and a folder of copies;
- ``handmade``: two small graphs written by hand, no extractor involved;
- ``hostile``: names and text that try to break IRIs, RDF and the viewer;
- ``breakage``: ways to break a valid graph, each with the message it must give;
- ``tools``: external tools (Chromium, oxigraph), skipped or failed under CI;
- ``queries``: queries that tests of several modules run.
"""

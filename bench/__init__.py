"""Benchmarks of kg against its baselines (``python bench/run.py``); a package so tests can import the generator."""

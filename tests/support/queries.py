"""Queries that the tests of several modules run."""

# A cross product of four patterns: runs for minutes on any store, to test time limits.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"

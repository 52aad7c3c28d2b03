"""SPARQL: inspect, bind and run queries on a build's store or a remote endpoint.

``query(text_or_saved, store, params=…)`` (``kg.sparql.run``) is the one way
SPARQL runs in kg; ``saved_query``/``saved_queries`` (``kg.sparql.saved``)
read the ``.rq`` files shared by the CLI, the query UI, notebooks and tests.
"""

from kg.sparql.run import query
from kg.sparql.saved import saved_queries, saved_query

__all__ = ["query", "saved_queries", "saved_query"]

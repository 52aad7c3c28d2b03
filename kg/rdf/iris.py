"""Every IRI of a build under one base, and the names of its graphs.

A build's IRIs are deterministic and readable (``kg.text.slug``): the same
input gives the same IRIs. Its named graphs are ``<base>graph/entities``
(shared), ``<base>graph/article/<id>`` (one per article), ``<base>graph/build`` and
``<base>graph/derived`` (counts and dates the build computes from the others,
``kg.store.derived``); only this module spells those names.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from kg import __version__
from kg.errors import UsageError
from kg.rdf.namespaces import KGID
from kg.records import Merge, Span
from kg.text import digest, slug

DEFAULT_BASE_IRI = str(KGID)
ENTITIES_GRAPH = "graph/entities"
BUILD_GRAPH = "graph/build"
DERIVED_GRAPH = "graph/derived"
ARTICLE_GRAPHS = "graph/article/"
# Characters an IRI may not hold (RFC 3987), whitespace and controls included.
BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def base_iri(base: str) -> str:
    """``base`` checked to be an absolute IRI, ending in ``/`` or ``#``.

    Raises:
        UsageError: it has no scheme, or a character an IRI may not hold.
    """
    if not _SCHEME.match(base) or BAD_IRI_CHARS.search(base):
        raise UsageError(f"--base-iri {base!r} is not an absolute IRI (e.g. https://example.org/kg/)")
    return base if base.endswith(("/", "#")) else base + "/"


def base_of(graph: str) -> str | None:
    """The base IRI of a build, from the name of its entities graph (None for another graph)."""
    return graph[: -len(ENTITIES_GRAPH)] if graph.endswith(ENTITIES_GRAPH) else None


def is_article_graph(graph: str) -> bool:
    """Whether ``graph`` names the graph of one article."""
    return ARTICLE_GRAPHS in graph


def graph_space(base: str) -> str:
    """The prefix of every graph name of a build under ``base``: a graph outside it is not the build's."""
    return base_iri(base) + "graph/"


def is_derived_graph(graph: str) -> bool:
    """Whether ``graph`` names the derived graph of a build (computed from the others, never stated)."""
    return graph.endswith(DERIVED_GRAPH)


class Iris:
    """Every IRI of a build, under one base."""

    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        self.base = base_iri(base)
        # the last article's id and IRI: asked for by every span of the article (hundreds) in a row, and slug walks
        # each character; one kept, not all, so that a build of a million articles does not hold them
        self._last_article: tuple[str, URIRef] | None = None

    def entity(self, gid: str) -> URIRef:
        return URIRef(self.base + gid)

    def article(self, article_id: str) -> URIRef:
        last = self._last_article
        if last is None or last[0] != article_id:
            last = self._last_article = (article_id, URIRef(f"{self.base}article/{slug(article_id)}"))
        return last[1]

    def graph(self, article_id: str) -> URIRef:
        return URIRef(f"{self.base}{ARTICLE_GRAPHS}{slug(article_id)}")

    def span(self, article_id: str, span: Span) -> URIRef:
        # NIF's RFC 5147 style fragment: the IRI says which characters.
        return URIRef(f"{self.article(article_id)}#char={span.start},{span.end}")

    def fact(self, article_id: str, *key: object) -> URIRef:
        return URIRef(f"{self.base}fact/{slug(article_id)}/{digest(*key)}")

    def role(self, post: str) -> URIRef:
        return URIRef(f"{self.base}role/{slug(post)}")

    def post(self, org_gid: str, post: str) -> URIRef:
        return URIRef(f"{self.base}post/{org_gid}/{slug(post)}")

    def merge(self, merge: Merge) -> URIRef:
        return URIRef(f"{self.base}merge/{slug(merge.article_id)}/{slug(merge.key)}")

    @property
    def agent(self) -> URIRef:
        return URIRef(f"{self.base}agent/kg-{slug(__version__)}")

    @property
    def entities_graph(self) -> URIRef:
        return URIRef(self.base + ENTITIES_GRAPH)

    @property
    def build_graph(self) -> URIRef:
        return URIRef(self.base + BUILD_GRAPH)

    @property
    def derived_graph(self) -> URIRef:
        return URIRef(self.base + DERIVED_GRAPH)

    def summary(self, kind: str, *key: object) -> URIRef:
        """A node of the derived graph: ``kind`` (holding, entity, event-date, operation, pair, fact, partner) of ``key``."""
        return URIRef(self.summary_iri(kind, *key))

    def summary_iri(self, kind: str, *key: object) -> str:
        """``summary``'s IRI as text: for the fact index's ~130,000 nodes, made as Oxigraph terms (an rdflib
        ``URIRef`` checks each character of its IRI in Python: 0.26 CPU s per 100,000)."""
        return f"{self.base}derived/{kind}/{digest(*key)}"

    @property
    def activity(self) -> URIRef:
        return URIRef(self.base + "activity/extraction")

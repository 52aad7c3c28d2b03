"""The explorer's pages in ``kg serve``: entity, article, search, timeline; server-rendered, no script.

- ``/entity/<id>``: names, a summary by kind, every fact grouped by relation
  with its date, sentence and article; ``/entity/<id>/facts.csv`` and
  ``/entity/<id>/facts.ttl`` download them; ``/entity/<id>/network`` is the
  viewer focused on it (``kg.render``), whose clicks open entity pages.
- ``/article/<id>``: the text, mentions linked, each sentence's facts beside
  it; ``#s<offset>`` marks a sentence (CSS ``:target``).
- ``/search?q=`` and ``/timeline`` answer from the catalogue (``kg.serve.catalogue``), read
  from the store at the first start and saved beside it for the next ones
  (``kg.serve.catalogue_file``).

``<id>`` is the IRI less the build's base IRI (``org/성남산업진흥원``). The
pages are Jinja2 templates (``kg/assets/pages/``) with autoescaping, their
CSP allows no script at all, and links are made only from our own paths
and from http(s) URLs: article text is always text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs, quote, urlsplit

from kg.serve.catalogue import Catalogue
from kg.serve.http import ASSETS, HttpError, asset
from kg.sparql.results import Results

PAGES = ASSETS / "pages"
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
FACTS_PER_PAGE = 100  # fact nodes of an entity per page: a hub with thousands of facts stays fast
DOWNLOAD_FACTS = 1000  # fact nodes per download (?page=2 … for more; a Link header says so)
TIMELINE_PER_PAGE = 200
HTML = "text/html; charset=utf-8"
ENTITY_PAGE = "/entity/{id}"  # an entity's page ({id}: its IRI less the base); the viewers link to it
Answer = tuple[str, list, bytes]


@dataclass
class Pages:
    """The explorer pages of one build: its store (read-only, kg's own queries) and catalogue."""

    store: Any  # a pyoxigraph Store, opened read-only
    catalogue: Catalogue
    base: str

    @classmethod
    def open(cls, store_dir: str | Path, base: str | None, log: Callable[[str], None] | None = None) -> "Pages":
        """The pages of a build's store, with the catalogue saved beside it, or read from it and saved.

        The store's links are followed first, so that the catalogue file is
        the one of the same version (``kg.store.versions``). Without a file
        that matches the store, the catalogue is read from the store
        (seconds at a million quads) and saved there for the next start when
        the folder is a build that kg wrote and is writable
        (``kg.serve.catalogue_file``); ``log`` (default: stderr) is told
        once why, and whether it was saved.
        """
        import pyoxigraph as ox

        from kg.serve.catalogue_file import open_catalogue
        from kg.store.build_dir import BuildDir
        from kg.store.open import store_path

        path = store_path(store_dir).resolve()
        store = ox.Store.read_only(str(path))
        return cls(store, open_catalogue(store, BuildDir.of(path), base, log), base or "")

    def handles(self, path: str) -> bool:
        """Whether ``path`` is one of these pages."""
        return path.startswith(("/entity/", "/article/")) or path in ("/search", "/timeline", "/assets/pages.css")

    def answer(self, path: str, query_string: str) -> Answer:
        """Answer one GET of a page (``path`` as WSGI gives it, latin-1 for UTF-8 bytes).

        Raises:
            HttpError: 404 for an unknown entity or article, 400 for a bad parameter.
        """
        try:
            path = path.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError) as e:
            raise HttpError("400 Bad Request", "the path is not UTF-8 once %-decoded") from e
        params = {k: v[0] for k, v in parse_qs(query_string, keep_blank_values=True).items()}
        if path == "/assets/pages.css":
            return "200 OK", [("Content-Type", "text/css; charset=utf-8"), ("Cache-Control", "max-age=3600")], (
                asset("pages/pages.css"))
        if path == "/search":
            return self.html("search.html", **self.search_view(params))
        if path == "/timeline":
            return self.html("timeline.html", **self.timeline_view(params))
        if path.startswith("/article/"):
            return self.html("article.html", **self.article_view(path[len("/article/"):]))
        rest = path[len("/entity/"):]
        for suffix, handler in (("/facts.csv", self.facts_csv), ("/facts.ttl", self.facts_turtle),
                                ("/network", self.ego_viewer)):
            if rest.endswith(suffix):
                return handler(self.entity_iri(rest[: -len(suffix)]), _int(params, "page", 1))
        return self.html("entity.html", **self.entity_view(self.entity_iri(rest), _int(params, "page", 1)))

    # Queries and links

    def run(self, text: str) -> Results:
        """One of kg's own queries (IRIs bound by ``VALUES``) on the store, in this process."""
        from kg.sparql.inspect import Inspected
        from kg.sparql.local import execute

        form = "construct" if text.lstrip().upper().startswith("CONSTRUCT") else "select"
        return execute(self.store, text, Inspected(form, frozenset()), {}, limit=None)

    def entity_iri(self, ident: str) -> str:
        """The IRI of an entity page's ``<id>``.

        Raises:
            HttpError: 404 when the build has no such entity.
        """
        iri = self.base + ident
        if not ident or self.catalogue.entity(iri) is None:
            raise HttpError("404 Not Found", f"no entity {ident!r} in this build: search for it at /search?q=…")
        return iri

    def entity_link(self, iri: str) -> str | None:
        """The path of an entity's page (None: not an IRI of this build)."""
        return "/entity/" + quote(iri[len(self.base):], safe="/") if self.base and iri.startswith(self.base) else None

    def article_link(self, iri: str, begin: int | None = None) -> str | None:
        """The path of an article's page, at one sentence when ``begin`` is given."""
        prefix = self.base + "article/"
        if not iri.startswith(prefix):
            return None
        return "/article/" + quote(iri[len(prefix):], safe="") + (f"#s{begin}" if begin is not None else "")

    # Views: the data each template gets

    def entity_view(self, iri: str, page: int = 1) -> dict:
        """An entity page's data: the entity, its summary, its facts by relation, paging."""
        from kg.serve.entity import merge_facts, summary
        from kg.serve.facts import RELATIONS, entity_facts, group

        entity = self.catalogue.entity(iri)
        found, more = entity_facts(self.run, iri, FACTS_PER_PAGE, (page - 1) * FACTS_PER_PAGE)
        facts = merge_facts(found)
        former = [r["label"] for r in entity["labels"] if r["how"] == "former"]
        aliases = [r["label"] for r in entity["labels"] if r["how"] == "alias" and r["label"] not in former]
        return {"entity": entity, "iri": iri, "aliases": aliases, "former": former,
                "sections": summary(iri, entity["kind"], facts), "groups": group(facts),
                "relations": RELATIONS, "page": page, "more": more, "names": self.names_of(facts),
                "self_link": self.entity_link(iri)}

    def names_of(self, facts: list) -> Callable[[str], dict]:
        """A lookup: IRI or value -> {label, kind, href} for the template."""
        known = self.catalogue.labels(x for f in facts for x in (f.x, f.y))

        def name(value: str) -> dict:
            row = known.get(value)
            if row is None:
                return {"label": value, "kind": "", "href": None}
            return {"label": row["label"], "kind": row["kind"], "href": self.entity_link(value)}
        return name

    def article_view(self, ident: str) -> dict:
        """An article page's data: metadata, the text as sentences with mentions, each sentence's facts."""
        from kg.serve.article import segments
        from kg.serve.entity import merge_facts
        from kg.serve.facts import Q_ARTICLE, Q_MENTIONS, Q_SENTENCES, RELATIONS, article_facts, bound

        iri = self.base + "article/" + ident
        meta = self.catalogue.article(iri) if ident else None
        if meta is None:
            raise HttpError("404 Not Found", f"no article {ident!r} in this build: search for it at /search?q=…")
        text = self.run(bound(Q_ARTICLE, art=iri)).rows
        text = str(text[0][0]) if text else ""
        sentences = [(int(b), int(e)) for b, e in self.run(bound(Q_SENTENCES, art=iri)).rows]
        mentions = [(int(b), int(e), str(ent)) for b, e, ent in self.run(bound(Q_MENTIONS, art=iri)).rows]
        facts = merge_facts(article_facts(self.run, self.base + "graph/article/" + ident))
        mentioned = self.catalogue.labels(m[2] for m in mentions)
        return {"meta": meta, "url": safe_url(meta.get("url")), "relations": RELATIONS,
                "sentences": segments(text, sentences, mentions, facts), "names": self.names_of(facts),
                "mentioned": sorted(mentioned.values(), key=lambda r: (r["kind"], r["label"]))}

    def search_view(self, params: dict[str, str]) -> dict:
        """The search page's data: what was asked, and what the catalogue found."""
        q = params.get("q", "").strip()[:200]
        kind = params.get("type") or None
        year = _int(params, "year", None)
        publisher = params.get("publisher") or None
        found = self.catalogue.search(q, kind, year, publisher) if q else None
        return {"q": q, "kind": kind, "year": year, "publisher": publisher, "found": found}

    def timeline_view(self, params: dict[str, str]) -> dict:
        """The timeline page's data: the happenings of the asked organization, kind and year, a page of them."""
        from kg.serve.timeline import KINDS, timeline

        org, kind = params.get("org", "").strip()[:200] or None, params.get("kind") or None
        if kind and kind not in KINDS:
            raise HttpError("400 Bad Request", f"kind must be one of {', '.join(KINDS)}")
        year, page = _int(params, "year", None), _int(params, "page", 1)
        found = timeline(self.catalogue, org, kind, year, TIMELINE_PER_PAGE, (page - 1) * TIMELINE_PER_PAGE)
        return {"org": org or "", "kind": kind, "year": year, "page": page, "found": found, "kinds": KINDS,
                "more": found.total > page * TIMELINE_PER_PAGE}

    # Downloads and the focused viewer

    def facts_csv(self, iri: str, page: int = 1) -> Answer:
        """The facts of an entity as CSV (UTF-8 with a BOM, formulas neutralised), ``DOWNLOAD_FACTS`` a page."""
        from kg.serve.entity import facts_csv, merge_facts
        from kg.serve.facts import entity_facts

        found, more = entity_facts(self.run, iri, DOWNLOAD_FACTS, (page - 1) * DOWNLOAD_FACTS)
        facts = merge_facts(found)
        labels = {k: v["label"] for k, v in self.catalogue.labels(x for f in facts for x in (f.x, f.y)).items()}
        return "200 OK", [("Content-Type", "text/csv; charset=utf-8"), _attachment(iri, "csv", page),
                          *_more(page, more)], facts_csv(facts, labels)

    def facts_turtle(self, iri: str, page: int = 1) -> Answer:
        """The entity's own triples, its fact nodes' and their sentences', as Turtle (``DOWNLOAD_FACTS`` a page)."""
        from kg.serve.facts import Q_TURTLE, bound, entity_facts, fact_nodes

        facts, more = entity_facts(self.run, iri, DOWNLOAD_FACTS, (page - 1) * DOWNLOAD_FACTS)
        nodes, sentences = fact_nodes(facts)
        triples = self.run(bound(Q_TURTLE[0], ent=iri))
        for text, name, values in ((Q_TURTLE[1], "fact", nodes), (Q_TURTLE[2], "s", sentences)):
            if values:
                triples.rows += self.run(bound(text, **{name: values})).rows
        return "200 OK", [("Content-Type", "text/turtle; charset=utf-8"), _attachment(iri, "ttl", page),
                          *_more(page, more)], triples.serialize("turtle")

    def ego_viewer(self, iri: str, page: int = 1) -> Answer:
        """The viewer focused on the entity (its neighbours in the articles naming it); a click opens a page."""
        from kg.render.viewer import to_html
        from kg.serve.ego import EGO_ARTICLES, ego_graph

        label = self.catalogue.entity(iri)["label"]
        page = to_html(ego_graph(self.store, iri, self.base, lambda iris: self.catalogue.labels(iris).keys()), f"kg network · {label} (±1, ≤ {EGO_ARTICLES} articles)",
                       entity_url=ENTITY_PAGE)
        return "200 OK", [("Content-Type", HTML)], page.encode("utf-8")

    def html(self, template: str, **data: Any) -> Answer:
        """A page rendered from its template, with the pages' CSP."""
        page = _environment().get_template(template).render(links=self, **data)
        return "200 OK", [("Content-Type", HTML), ("Content-Security-Policy", CSP)], page.encode("utf-8")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL, a link the page may make; None otherwise (shown as text)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _int(params: dict[str, str], name: str, default: int | None) -> int | None:
    raw = params.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 100_000:
        raise HttpError("400 Bad Request", f"{name} must be a positive number")
    return int(raw)


def _attachment(iri: str, ext: str, page: int = 1) -> tuple[str, str]:
    """A download's Content-Disposition: the IRI's last segment (letters and digits), RFC 6266's UTF-8 form."""
    last = iri.rstrip("/").rsplit("/", 1)[-1]
    name = ("".join(c if c.isalnum() else "_" for c in last)[:80] or "entity") + (f"-{page}" if page > 1 else "")
    return "Content-Disposition", f"attachment; filename=\"facts.{ext}\"; filename*=UTF-8''{quote(name)}.{ext}"


def _more(page: int, more: bool) -> list[tuple[str, str]]:
    """A ``Link`` to the next page of a download (RFC 8288), when there is one."""
    return [("Link", f'<?page={page + 1}>; rel="next"')] if more else []


_ENV: list = []


def _environment():
    """The Jinja2 environment of the templates, autoescaping every one (made once)."""
    if not _ENV:
        from jinja2 import Environment, FileSystemLoader, StrictUndefined

        env = Environment(loader=FileSystemLoader(str(PAGES)), autoescape=True, undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True)
        _ENV.append(env)
    return _ENV[0]

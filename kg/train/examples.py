"""Training examples: gold annotation files paired with the articles they annotate, read and parsed once.

A gold file (``gold/FORMAT.md``; the ``annotations/*.json`` a build writes
have the same shape) names its article in ``doc``: the article's id, i.e.
its file name, or the ``id`` of a JSON Lines record. The articles are read
from the corpus folders as ``kg build`` reads them (body, title, date, the
index beside the folder), so a model learns from the text it will see.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from kg.errors import UsageError
from kg.extract.features import Context
from kg.ingest.body import find_body
from kg.ingest.index import read_index
from kg.ingest.read import list_inputs, read_sources
from kg.nlp.mentions import Mention
from kg.nlp.tokenizer import Morph
from kg.records import Article, Source

Progress = Callable[[int, int], None]
STORY_COLUMNS = ("same_story_as", "duplicate_of")


@dataclass(frozen=True)
class Example:
    """One article with its gold annotation, parsed: what training and cross-validation need."""

    article: Article
    gold: dict
    morphs: tuple[Morph, ...]
    sent_starts: tuple[int, ...]
    rule_mentions: tuple[Mention, ...]
    story: str  # articles of one story (reprints, the same release) share it

    def context(self) -> Context:
        return Context(self.article.text, list(self.morphs), list(self.sent_starts), list(self.rule_mentions),
                       self.article.title)


def load_gold(gold_dirs: Iterable[str | Path]) -> dict[str, dict]:
    """Gold annotations by article id (``doc``), from every ``*.json`` of the folders.

    Raises:
        UsageError: a folder is missing, holds no gold file, or two files annotate one article.
    """
    gold: dict[str, dict] = {}
    for folder in map(Path, gold_dirs):
        if not folder.is_dir():
            raise UsageError(f"{folder}: no such gold folder")
        files = sorted(folder.glob("*.json"))
        if not files:
            raise UsageError(f"{folder}: no gold .json files")
        for path in files:
            try:
                item = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                raise UsageError(f"{path}: not a gold annotation file: {e}") from e
            doc = item.get("doc") or path.stem
            if doc in gold:
                raise UsageError(f"{path}: a second gold file for article {doc!r}")
            gold[doc] = item
    return gold


def load_examples(gold_dirs: Sequence[str | Path], corpus_dirs: Sequence[str | Path],
                  progress: Progress | None = None) -> list[Example]:
    """Every gold article found in the corpus folders, read and parsed, in a stable order.

    Raises:
        UsageError: no gold article is found among the corpus's articles.
    """
    from kg.nlp.reading import read

    gold = load_gold(gold_dirs)
    sources = {s.id: s for s in read_sources(corpus_dirs) if isinstance(s, Source) and s.id in gold}
    missing = sorted(set(gold) - set(sources))
    if missing:
        raise UsageError(f"{len(missing)} gold files annotate no article of the --corpus folders "
                         f"(e.g. {', '.join(missing[:5])}): give the folders of their articles")
    stories = _stories(corpus_dirs)
    examples = []
    for i, source in enumerate(sorted(sources.values(), key=lambda s: s.id)):
        article = find_body(source)
        parsed = read(article.text) if article.text.strip() else None  # no body: nothing to learn, all to miss
        examples.append(Example(
            article, gold[source.id], tuple(parsed.morphs) if parsed else (),
            tuple(parsed.sent_starts) if parsed else (0,),
            tuple(parsed.mentions) if parsed else (), stories.get(source.id, source.id)))
        if progress:
            progress(i + 1, len(sources))
    return examples


def _stories(corpus_dirs: Sequence[str | Path]) -> dict[str, str]:
    """Article id -> its story: the ``same_story_as`` / ``duplicate_of`` columns of the folders' indexes, joined."""
    import networkx as nx

    links = nx.Graph()
    for folder in {p.parent for p in list_inputs(corpus_dirs)}:
        for name, row in read_index(folder).items():
            links.add_node(name)
            for column in STORY_COLUMNS:
                for other in (row.get(column) or "").replace(",", " ").split():
                    links.add_edge(name, other)
    return {name: min(group) for group in nx.connected_components(links) for name in group}

"""Stage 4: extract entities and relations from one article.

Baseline extractor (regular expressions over the lexicons); the entry point
``extract(article) -> Extraction`` is the contract the other stages rely on.
"""

from __future__ import annotations

import re

from kg.lexicon import ORG_SUFFIXES, POST_TITLES
from kg.records import Article, Entity, Extraction, Relation, Span

_SENT = re.compile(r"[^\n]+?(?:다\.|[.!?](?=\s)|$)", re.M)
_ORG = re.compile(r"[가-힣A-Za-z]{2,}(?:%s)(?![가-힣])" % "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True)))
_TITLES = "|".join(sorted(POST_TITLES, key=len, reverse=True))
# 성남산업진흥원(원장 류해필)
_ORG_PAREN_POST = re.compile(r"(?P<org>%s)\((?P<post>%s)\s*(?P<person>[가-힣]{3})\)" % (_ORG.pattern, _TITLES))
# 류해필 성남산업진흥원장 / 류해필 원장
_PERSON_POST = re.compile(r"(?P<person>[가-힣]{3})\s+(?:(?P<org>%s)\s*)?(?P<post>%s)(?![가-힣])" % (_ORG.pattern, _TITLES))


def split_sentences(text: str) -> tuple[Span, ...]:
    """Sentences of a body: by line, then after sentence-final punctuation."""
    spans = []
    for m in _SENT.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end, text[start:end]))
    return tuple(spans)


def extract(article: Article) -> Extraction:
    """Entities and relations stated in ``article``."""
    sentences = split_sentences(article.text)
    builder = _Builder()
    for sent in sentences:
        for m in _ORG.finditer(sent.text):
            builder.entity("Organization", m.group(0), sent, m.start())
        for pattern in (_ORG_PAREN_POST, _PERSON_POST):
            for m in pattern.finditer(sent.text):
                if not m.group("org"):
                    continue
                person = builder.entity("Person", m.group("person"), sent, m.start("person"))
                org = builder.entity("Organization", m.group("org"), sent, m.start("org"))
                builder.relation("holdsPost", {"person": person, "org": org, "post": m.group("post")}, sent)
    return Extraction(article, sentences, builder.entities(), tuple(builder.relations))


class _Builder:
    """Collects entities by (type, name) and relations, in reading order."""

    def __init__(self) -> None:
        self._mentions: dict[tuple[str, str], list[Span]] = {}
        self.relations: list[Relation] = []

    def entity(self, type_: str, name: str, sent: Span, offset: int) -> str:
        start = sent.start + offset
        mention = Span(start, start + len(name), name)
        spans = self._mentions.setdefault((type_, name), [])
        if mention not in spans:
            spans.append(mention)
        return self.key(type_, name)

    def key(self, type_: str, name: str) -> str:
        return f"e{list(self._mentions).index((type_, name)) + 1}"

    def relation(self, type_: str, args: dict, sent: Span) -> None:
        rel = Relation(type_, args, sent)
        if rel not in self.relations:
            self.relations.append(rel)

    def entities(self) -> tuple[Entity, ...]:
        return tuple(
            Entity(self.key(t, n), t, n, (), tuple(spans)) for (t, n), spans in self._mentions.items()
        )

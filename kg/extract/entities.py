"""The entity table of one article: entities under construction and every occurrence of them.

Extractors add names (``add``), join entities that turn out to be one
(``merge``: a union-find, networkx's, says which key survives), record other
forms (``alias``) and ask for the occurrences in a sentence (``refs_in``),
each with the key and type it has after every merge so far.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import attrgetter

from networkx.utils import UnionFind


@dataclass
class Ent:
    """An entity under construction: its forms in order of appearance and its mention spans."""

    key: str
    type: str
    forms: list[str]
    spans: list[tuple[int, int]] = field(default_factory=list)
    preferred: str | None = None  # a name that must win (the new name of a renamed org)

    @property
    def name(self) -> str:
        """The fullest form the article gives."""
        if self.preferred:
            return self.preferred
        if self.type == "Person":
            return self.forms[0]
        if self.type == "Place":
            return self.forms[0]  # the canonical form (add_mentions puts it first)
        return max(self.forms, key=lambda f: (len(re.sub(r"\s", "", f)), -self.forms.index(f)))


@dataclass(frozen=True)
class Ref:
    """An occurrence of an entity in the text (a name or a resolved short form)."""

    start: int
    end: int
    key: str
    type: str
    short: bool = False


_start = attrgetter("start")


class Entities:
    """The entity table of one article; ``refs`` are all occurrences, in the order found.

    Args:
        text: the article text (offsets point into it).
        proper: words Kiwi tagged as proper nouns (NNP).
        common: words Kiwi analysed as one common noun (NNG) of two syllables or more.
    """

    def __init__(self, text: str, proper: set[str] | None = None, common: set[str] | None = None) -> None:
        self.text = text
        self.proper: set[str] = proper if proper is not None else set()
        self.common: set[str] = common if common is not None else set()
        self.ents: dict[str, Ent] = {}  # surviving key -> entity
        self.by_form: dict[tuple[str, str], str] = {}  # (type, form) -> key
        self.refs: list[Ref] = []
        self._made = 0  # keys made so far: e1, e2, …
        self._sets = UnionFind()  # keys joined by merges
        self._survivor: dict[str, str] = {}  # root of a joined set -> the key that survives (``merge``'s keep)
        self._merges = 0
        self._resolved: tuple[tuple[int, int], list[Ref]] | None = None  # (state, resolved refs)
        self._main: tuple[list[Ref], str | None] | None = None  # (the resolved refs it was found in, main org)

    def add(self, type_: str, form: str, start: int, end: int, short: bool = False) -> str:
        """The key of the entity named ``form`` (created if new); records the occurrence."""
        key = self.by_form.get((type_, form))
        if key is None:
            self._made += 1
            key = f"e{self._made}"
            self.ents[key] = Ent(key, type_, [form])
            self.by_form[(type_, form)] = key
        ent = self.ents[self.find(key)]
        if (start, end) not in ent.spans:
            ent.spans.append((start, end))
        self.refs.append(Ref(start, end, ent.key, type_, short))
        return ent.key

    def find(self, key: str) -> str:
        """The surviving key after merges."""
        root = self._sets[key]
        return self._survivor.get(root, root)

    def merge(self, keep: str, drop: str) -> None:
        """Join entity ``drop`` into ``keep`` (``keep``'s key survives)."""
        keep, drop = self.find(keep), self.find(drop)
        if keep == drop:
            return
        a, b = self.ents[keep], self.ents.pop(drop)
        a.forms.extend(f for f in b.forms if f not in a.forms)
        a.spans.extend(s for s in b.spans if s not in a.spans)
        a.preferred = a.preferred or b.preferred
        self._sets.union(keep, drop)
        self._survivor[self._sets[keep]] = keep
        self._merges += 1
        for form_key, k in list(self.by_form.items()):
            if k == drop:
                self.by_form[form_key] = keep

    def retype(self, key: str, type_: str) -> None:
        """The entity is of another type (a building listed among programmes is one)."""
        ent = self.ents[self.find(key)]
        for form in ent.forms:
            if self.by_form.get((ent.type, form)) == ent.key:
                del self.by_form[(ent.type, form)]
            self.by_form.setdefault((type_, form), ent.key)
        ent.type = type_
        self.refs = [Ref(r.start, r.end, r.key, type_, r.short) if self.find(r.key) == ent.key else r for r in self.refs]
        self._resolved = None

    def alias(self, key: str, form: str) -> None:
        """Record another form of an entity."""
        ent = self.ents[self.find(key)]
        if form not in ent.forms:
            ent.forms.append(form)
        self.by_form.setdefault((ent.type, form), ent.key)

    def lookup(self, type_: str, form: str) -> str | None:
        """The key of the entity with this form, if any."""
        key = self.by_form.get((type_, form))
        return self.find(key) if key else None

    def resolved_refs(self) -> list[Ref]:
        """All occurrences with keys after merges, in reading order (the same list until the table changes)."""
        state = (len(self.refs), self._merges)
        if self._resolved is None or self._resolved[0] != state:
            self._resolved = (state, self._resolve_refs())
        return self._resolved[1]

    def refs_in(self, start: int, end: int) -> list[Ref]:
        """``resolved_refs`` that start in ``[start, end)``, in reading order."""
        refs = self.resolved_refs()
        return refs[bisect_left(refs, start, key=_start):bisect_left(refs, end, key=_start)]

    def main_org(self) -> str | None:
        """The article's main organization: the most mentioned (the lead's first body counting one mention more),
        the earliest on ties."""
        refs = self.resolved_refs()  # the same list until the table changes: asked once per sentence
        if self._main is None or self._main[0] is not refs:
            self._main = (refs, _most_mentioned_org(refs))
        return self._main[1]

    def _resolve_refs(self) -> list[Ref]:
        return sorted((Ref(r.start, r.end, self.find(r.key), self.ents[self.find(r.key)].type, r.short) for r in self.refs),
                      key=lambda r: (r.start, -r.end))


def _most_mentioned_org(refs: list[Ref]) -> str | None:
    counts: dict[str, list[int]] = {}
    for r in refs:
        if r.type == "Organization" and not r.short:
            counts.setdefault(r.key, []).append(r.start)
    if not counts:
        return None
    first = min(counts, key=lambda k: counts[k][0])  # the lead's first body, most often its subject
    return max(counts, key=lambda k: (len(counts[k]) + (3 if counts[k][0] < 200 else 0) + (1 if k == first else 0),
                                      -counts[k][0]))

"""Short forms in one article: the organization or place a generic word refers to.

- ``진흥원``, ``재단``, ``이 기관`` resolve to the nearest preceding organization
  whose name ends so, else the article's main organization;
- a bare ``시``, ``도``, ``군`` or ``구`` that starts a clause is the article's
  most mentioned place of that kind.

Both are references, run after the entities of ``kg.extract.coref`` are joined.
"""

from __future__ import annotations

import re

from kg.extract.entities import Entities, Ref
from kg.extract.sentence import place_rank
from kg.lang import ko as L
from kg.text import ends_with


_SHORT = re.compile(
    r"(?<![가-힣A-Za-z])(%s)(?=[은는이가을를의과와에도로서께]|\s|$|[,.)])"
    % "|".join(sorted(set(L.ORG_SHORT_FORMS), key=lambda f: (-len(f), f)))
)
# Endings that name a body's kind (a 진흥원 is no 재단); the weak ones (원, 단 …) say too little.
_KINDS = tuple(k for k in L.ORG_SUFFIXES if k not in L.WEAK_ORG_SUFFIXES)


_LISTED_ON = re.compile(r"\s?(?:[,·]|등\s)")


def resolve_short_forms(table: Entities) -> None:
    """Short forms (``진흥원``, ``재단``, ``이 기관``) become occurrences of the organization meant."""
    covered = [(r.start, r.end) for r in table.refs]
    for m in _SHORT.finditer(table.text):
        if any(s <= m.start() < e for s, e in covered) or table.text[m.start() - 1:m.start()] == "·" \
                or _LISTED_ON.match(table.text, m.end()):
            continue  # 학회, 협회, 전시회 등: a kind among kinds, no reference
        key = resolve_short(table, m.group(1), m.start())
        if key:
            table.refs.append(Ref(m.start(), m.end(1), key, "Organization", short=True))
            if m.group(1) not in L.DEICTIC_ORG_FORMS:
                table.alias(key, m.group(1))


# A bare 시, 도, 군 or 구 that starts a clause (시는 …, “도는 …): the government of the article's place of that kind
_GOVERNMENT_WORD = re.compile(r"(?:^|(?<=[\s“\"'‘(]))(시|도|군|구)(?=(?:는|은|가|이|와|과|의|도|에서)\s)", re.M)


def resolve_government_words(table: Entities) -> None:
    """``시는 지난 18일 …``: a bare 시 (도, 군, 구) as a clause's subject or party is the article's most mentioned
    city (province, county, district), the earliest on ties; a reference, never an alias."""
    covered = [(r.start, r.end) for r in table.refs]
    counts: dict[str, dict[str, list[int]]] = {}
    for r in table.resolved_refs():
        name = table.ents[r.key].name
        kind = name[-1:] if r.type == "Place" and not r.short and place_rank(name) in (1, 2, 3) else ""
        if kind and kind in "시도군구":
            counts.setdefault(kind, {}).setdefault(r.key, []).append(r.start)
    for m in _GOVERNMENT_WORD.finditer(table.text):
        places = counts.get(m.group(1))
        if places and not any(s <= m.start() < e for s, e in covered):
            key = max(places, key=lambda k: (len(places[k]), -places[k][0]))
            table.refs.append(Ref(m.start(), m.end(), key, "Place", short=True))


def resolve_short(table: Entities, form: str, pos: int) -> str | None:
    """The organization a short form means at ``pos``: nearest compatible name, else the main one."""
    best = None
    for r in table.resolved_refs():
        if r.type != "Organization" or r.short:
            continue
        ent = table.ents[r.key]
        if form in L.DEICTIC_ORG_FORMS or any(f.endswith(form) and f != form for f in ent.forms):
            if r.start < pos:
                best = r.key
            elif best is None:
                best = r.key
                break
    if best:
        return best
    if form in L.GENERIC_SHORT_FORMS:
        return None  # too generic to mean the article's subject
    main = table.main_org()
    if main is None or _never_short(table.ents[main].name):
        return None  # a ministry or council is never called 재단/진흥원
    if not _other_kind(table.ents[main].name, form):
        return main
    before = [r for r in table.resolved_refs() if r.type == "Organization" and not r.short and r.start < pos]
    for r in reversed(before):  # 케이메디허브 … 성남산업진흥원 … 재단은: the nearest name that says no other kind
        name = table.ents[r.key].name
        if not _never_short(name) and not _other_kind(name, form):
            return r.key
    return None


def _never_short(name: str) -> bool:
    return name in L.KNOWN_ORGS or name.endswith(L.NEVER_SHORT_SUFFIXES)


def _other_kind(name: str, form: str) -> bool:
    """The name says its body is of another kind than ``form`` (a 진흥원 is no 재단)."""
    if form in L.DEICTIC_ORG_FORMS:
        return False
    kind = ends_with(name, _KINDS) or ""
    return bool(kind) and not (kind.endswith(form) or form.endswith(kind))

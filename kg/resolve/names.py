"""The keys under which entities of different articles are joined, each with why.

An entity's own names and aliases, normalized (``kg.text.normalize``), are
its keys by rule ``same-name``. Derived keys say the same name another way,
from the lexicon ``kg.lang.ko.names`` and the abbreviations of
``kg.lang.ko.orgs``:

- ``abbreviation``: 산단공 → 한국산업단지공단;
- ``short-form``: a part of the name written short (가천대학교 → 가천대,
  구미국가산업단지 → 구미산단, 대구테크노파크 → 대구TP) or a province's
  short name (경상북도 → 경북);
- ``bare-name``: a city or county without its ending (대구광역시, 대구시 → 대구);
- ``synonym``: another name of the same place (한국 → 대한민국).

Generic short forms (``진흥원``, ``재단``, ``협회``, ``기념식`` …) are no key:
they stand for an entity only inside one article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from kg.lang import ko as L
from kg.text import normalize, shorten

SAME_NAME = "same-name"
GENERIC = frozenset(normalize(w) for w in (*L.ORG_SHORT_FORMS, *L.GENERIC_WORDS, *L.BARE_EVENT_WORDS,
                                           *L.EVENT_SUFFIXES))
_ABBREVIATIONS = {normalize(k): normalize(v) for k, v in L.ABBREVIATIONS.items()}
_PROVINCES = {normalize(k): normalize(v) for k, v in L.PROVINCE_SHORT_FORMS.items()}
_SYNONYMS = {normalize(k): normalize(v) for k, v in L.PLACE_SYNONYMS.items()}
_CITY_ENDINGS = tuple(sorted(L.CITY_ENDINGS, key=len, reverse=True))
_AMBIGUOUS = frozenset(normalize(n) for n in L.AMBIGUOUS_BARE_NAMES)


@dataclass(frozen=True)
class Key:
    """One key of an entity: a normalized form, the rule that made it from ``name``, and why."""

    form: str
    rule: str
    why: str
    name: str


def is_generic(type_: str, name: str) -> bool:
    """Whether ``name`` is a generic short form (never a key, nor a graph alias); people's names never are."""
    return type_ != "Person" and normalize(name) in GENERIC


def name_keys(type_: str, names: Iterable[str]) -> dict[str, Key]:
    """The keys of an entity named ``names`` (its name first), by form; a name's own form wins over a derived one."""
    keys: dict[str, Key] = {}
    for name in names:
        form = normalize(name)
        if not form or is_generic(type_, name):
            continue
        keys[form] = Key(form, SAME_NAME, "", name)
        if type_ == "Person":
            continue
        for derived, rule, why in _derived(type_, form):
            if derived and derived not in GENERIC:
                keys.setdefault(derived, Key(derived, rule, why, name))
    return keys


def _derived(type_: str, form: str) -> Iterable[tuple[str, str, str]]:
    full = _ABBREVIATIONS.get(form)
    if full:
        yield full, "abbreviation", f"{form} is the abbreviation of {full}"
    for base in filter(None, (form, full)):
        short, steps = shorten(base, L.NAME_SHORTENINGS)
        if steps:
            yield short, "short-form", ", ".join(steps)
    if type_ != "Place":
        return
    if form in _PROVINCES:
        yield _PROVINCES[form], "short-form", f"{form} = {_PROVINCES[form]}"
    if form in _SYNONYMS:
        yield _SYNONYMS[form], "synonym", f"{form} = {_SYNONYMS[form]}"
    ending = next((e for e in _CITY_ENDINGS if form.endswith(e)), None)
    bare = form[: -len(ending)] if ending else ""
    if len(bare) >= 2 and bare not in _AMBIGUOUS and not form.endswith("도시"):  # 혁신도시 is no city
        yield bare, "bare-name", f"{form} = {bare} (the city without {ending})"


def explain(mine: Key, theirs: Key) -> tuple[str, str]:
    """The rule and evidence of a join through one shared form (``mine.form == theirs.form``)."""
    if mine.rule == SAME_NAME and theirs.rule == SAME_NAME:
        return SAME_NAME, f"shares the name {mine.form!r}"
    derived = mine if mine.rule != SAME_NAME else theirs
    return derived.rule, f"{mine.name!r} and {theirs.name!r} name one entity ({derived.why})"

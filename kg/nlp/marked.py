"""Names marked by their form rather than by a chain's head word, and ``find_mentions``, which joins them to the
chains' names: quoted names typed by their ending, companies by their corporate form (㈜한빛), days (…의 날),
signings named by their parties (한빛-누리 업무협약); the ▲ items of an agreement's scope are no names.
"""

from __future__ import annotations

import re

from kg.lang import ko as L
from kg.nlp.chains import text_chains
from kg.nlp.mentions import ENTITY_KINDS, Mention, chain_mentions, classify, dedupe_mentions
from kg.nlp.tokenizer import Morph


def find_mentions(text: str, morphs: list[Morph]) -> list[Mention]:
    """Every typed name in ``text``: chain names and quoted names, in reading order."""
    out: list[Mention] = []
    for chain in text_chains(text, morphs):
        out.extend(chain_mentions(text, chain))
    out.extend(_quoted(text))
    out.extend(_companies(text))
    out.extend(_day_events(text))
    out.extend(Mention(m.start(), m.end(), "Event", m.group(0)) for m in _PAIR_EVENT.finditer(text))
    scope = [m.span() for m in _SCOPE.finditer(text)]
    out = [m for m in out if not any(a <= m.start < b for a, b in scope)]
    return dedupe_mentions(out)


_QUOTED = re.compile(r"[‘'“\"`]([^‘’'“”\"`\n]{2,40})[’'”\"`]")
_COMPANY = re.compile(r"(?:㈜|\(주\))\s?[가-힣A-Za-z0-9]+|[가-힣A-Za-z0-9]+(?:㈜|\(주\))")
_DAY_EVENT = re.compile(r"(?:(?<=[‘“'\"])|제 ?\d+ ?회 )(?:[가-힣A-Za-z0-9]+ ){0,3}[가-힣A-Za-z0-9]+의 날")


# 한빛테크노파크-누리기술연구원 업무협약: a signing named by its parties
_PAIR_EVENT = re.compile(r"[가-힣A-Za-z0-9]+-[가-힣A-Za-z0-9]+ (?:업무협약식|협약식|업무협약|MOU 체결식|MOU)(?=[은는이가을를의에]|\s|$)")
# ▲/△ items of an agreement's scope (협력하기로 했다): not entities
_SCOPE = re.compile(r"[▲△][^\n]*?(?=협력하기로|협력키로|협력한다|추진하기로|등이며|등에 대해|등에서 (?:손을 맞잡|힘을 모으|협력))")


def _quoted(text: str) -> list[Mention]:
    out = []
    for m in _QUOTED.finditer(text):
        name = m.group(1).strip()
        after = text[m.end():m.end() + 8]
        if re.match(r"\s*(을|를|이라는|라는|란)?\s*(주제|슬로건|타이틀|목표|비전)", after) or re.search(r"[.?!]|다$", name):
            continue
        kind = classify(name, ("NNP",))
        if kind in ENTITY_KINDS and name not in L.GENERIC_WORDS:
            out.append(Mention(m.start(1), m.start(1) + len(name), kind, name))
    return out


def _companies(text: str) -> list[Mention]:
    """``㈜한빛``, ``한빛(주)``: the company without the particle after it (㈜한빛은, ㈜한빛이), but with the 이
    of a list's item that another item follows (``㈜누리화학이, 한빛정공㈜ 등``: only the last takes a particle)."""
    out = []
    for m in _COMPANY.finditer(text):
        name = m.group(0)
        if name[-1] not in "㈜)" and not (name.endswith("이") and _NEXT_ITEM.match(text, m.end())):
            name = _COMPANY_PARTICLE.sub("", name)
        out.append(Mention(m.start(), m.start() + len(name), "Organization", name))
    return out


# After a list's item: a comma, and another item followed by a comma or 등 (㈜누리화학이, 한빛정공㈜, … 등).
_NEXT_ITEM = re.compile(r",\s?[^\s,]{2,}(?:,|\s등)")
_COMPANY_PARTICLE = re.compile(r"(?<=[가-힣A-Za-z0-9]{2})(?:은|는|이|가|을|를|의|와|과|에서|에게|에|으로|로|도)$")


def _day_events(text: str) -> list[Mention]:
    return [Mention(m.start(), m.end(), "Event", m.group(0)) for m in _DAY_EVENT.finditer(text)]

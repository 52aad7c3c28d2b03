"""Post titles glued to organization names: ``성남산업진흥원장`` -> (성남산업진흥원, 원장).

Korean press writes a head's title glued to the organization (``…진흥원장``,
``…시장``, ``…구청장``), and the last syllable of the name may double as the
first of the title (``진흥원`` + ``원장``). Every split is scored: a name the
article gives elsewhere, a well-known body or place, a strong organization
ending.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.lang import ko as L
from kg.text import ends_with


_INTERNAL_UNITS = ("팀",)


def split_title(word: str, known: set[str]) -> tuple[str, str] | None:
    """A title glued to its organization: ``성남산업진흥원장`` -> (성남산업진흥원, 원장).

    ``성남시장`` -> (성남시, 시장); ``성남부시장`` -> (성남, 부시장);
    ``경인지역본부장`` -> (경인지역본부, 본부장) when 경인지역본부 is named
    elsewhere; a bare title -> ('', title); ``기획경영본부장`` -> ('', 기획경영본부장); a team's head,
    ``기획팀장`` -> ('', 기획팀장).
    """
    if word in _TITLES:
        return "", word
    for q in L.TITLE_QUALIFIERS:  # 상근부회장, 제1부시장
        if word.startswith(q) and word[len(q):] in _TITLES:
            return "", word
    best: tuple[tuple[int, int, int], str, str] | None = None
    for title, prefix in _glued_titles(word):  # every (score, len, len) rank is distinct: order-free
        for org in _orgs_before(prefix, title, known):
            if org.endswith(_INTERNAL_UNITS):
                continue  # 기획팀장: a team is inside its body; the post names it (gold/FORMAT.md: 기획경영본부장)
            rank = (4 if org in known else _org_score(org), len(title), len(org))
            if rank[0] and (best is None or rank > best[0]):
                best = (rank, org, title)
    if best:
        return best[1], best[2]
    title = ends_with(word, L.POST_HEAD_SUFFIXES)
    return ("", word) if title else None


def _orgs_before(prefix: str, title: str, known: set[str]) -> list[str]:
    """The organizations a title may be glued to: its syllables may double as the name's last ones
    (진흥원 + 원장), and a 위원장 heads a 위원회 the article or the lexicon names (국가균형발전위원장). An
    unnamed committee's chair keeps the whole title at the body before it (시의회 경제환경위원장), as FORMAT
    keeps 기획경영본부장."""
    out = [prefix + title[:k] for k in range(len(title))]
    committee = prefix + "위원회"
    return [*out, committee] if title == "위원장" and (committee in known or committee in L.KNOWN_ORGS) else out


_TITLES = frozenset(L.POST_TITLES)
_LONGEST_TITLE = max(map(len, L.POST_TITLES))


@lru_cache(maxsize=65536)
def _glued_titles(word: str) -> tuple[tuple[str, str], ...]:
    """(title, the rest of ``word`` before it) for every title ``word`` ends with (and is longer than)."""
    ends = (word[-n:] for n in range(1, min(len(word) - 1, _LONGEST_TITLE) + 1))
    return tuple((t, word[: -len(t)]) for t in ends if t in _TITLES)


@lru_cache(maxsize=65536)
def _org_score(org: str) -> int:
    """How surely ``org`` names an organization by itself (a name the article gives scores 4, elsewhere)."""
    if org in L.UNIT_SUFFIXES or org in L.KIND_NAMED_UNITS:
        return 2  # 가천대학교 산학협력단장: a unit glued to its head's title
    if org in L.KNOWN_ORGS or org in L.ABBREVIATIONS or org in L.CITY_STEMS or org in L.PROVINCES:
        return 3
    suffix = ends_with(org, L.ORG_SUFFIXES)
    if suffix and suffix not in L.WEAK_ORG_SUFFIXES and suffix not in L.BRANCH_SUFFIXES and len(org) > len(suffix) + 1:
        return 2
    if org[-1:] in "시군구" and org[:-1] in L.CITY_STEMS:
        return 3
    if org[-1:] in "시군구도" and len(org) >= 3 and re.fullmatch(r"[가-힣]+", org):
        return 1  # 남동구청장 -> 남동구
    if suffix and any(org.startswith(p) for p in L.PROVINCES + L.CITY_STEMS) and len(org) > len(suffix) + 2:
        return 2  # 인천경제청장 -> 인천경제청, 경북체신청장 -> 경북체신청
    return 0

"""Entity mentions from Kiwi morphology: noun chains, typed by suffix and lexicon.

Names are found inside the noun chains of ``kg.nlp.chains``
by their last word (suffixes of organizations, places, programmes, events,
post titles) and by Kiwi's proper-noun tags; ``kg.nlp.marked`` adds the names
marked by their form (quoted names, companies by their corporate form) and
joins them all (``find_mentions``). The spaCy component ``kg_mentions``
(``kg.nlp.language``) writes them to ``doc.spans["kg_mentions"]`` (label =
type) for the extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.lang import ko as L
from kg.lang.ko import SURNAMES, TIME_NOUNS
from kg.nlp.chains import Piece
from kg.text import ends_with


@dataclass(frozen=True)
class Mention:
    """A typed name at ``text[start:end]``."""

    start: int
    end: int
    type: str
    text: str


@lru_cache(maxsize=65536)
def classify(word: str, tags: tuple[str, ...]) -> str | None:
    """The entity type a single word names by itself, or ``TITLE``/``TIME``/None."""
    # the lexicons as frozensets (``_POSTS`` …): a miss of this cache tested ~700 tuple members (~25 us)
    if word in TIME_NOUNS:
        return "TIME"
    if _NUMBER.fullmatch(word):
        return "NUM"
    if _NUMBER_WORD.fullmatch(word):
        return "TIME"
    if word in _POSTS:
        return "TITLE"
    if word in _KNOWN or word in L.ABBREVIATIONS:
        return "Organization"
    if word.endswith("팀") and not _TEAM.fullmatch(word):
        return None  # T/F팀, 1팀: a team named by two syllables or more only
    if word.endswith("도지사") and (word[:-2] in _PROVINCES or word[:-3] in _PROVINCES):
        return "TITLE"  # 경기도지사, 충남도지사: the governor, not a branch office (지사)
    if word in _REGION_PARTS:
        return "Place"  # a name only with the province before it
    if word in _CITY_WORDS:
        return None  # 예산 (budget), 음성 (voice): the county only as 예산군
    if word in _PROVINCES or word in _CITIES or (word in _REGIONS and word not in _NOT_PLACES):
        return "Place"
    for kind, table in _BARE_HEADS:
        if word in table:
            return kind  # a bare head: a name only with a qualifier before it
    if word in _GENERIC or word in _SHORT_FORMS:
        return None
    for kind, weak in (("Program", L.WEAK_PROGRAM_SUFFIXES), ("Event", L.EVENT_SUFFIXES)):
        suffix = ends_with(word, weak)
        if suffix and len(word) - len(suffix) >= 2 and not ends_with(word, _ORG_OR_PLACE_SUFFIXES):
            return kind
    for kind, strong, weak in _SUFFIX_TABLE:
        suffix = ends_with(word, strong)
        if suffix and (suffix not in weak or ("NNP" in tags and _HANGUL_WORD.fullmatch(word) is not None)
                       or (suffix in L.SITE_SUFFIXES and len(word) - len(suffix) >= 3) or _stem_is_place(word, suffix)):
            return kind
    return None


_NUMBER = re.compile(r"(제\s?)?[\d,.]+\s?(주년|회|차|년|기|층|호|관)?")
_NUMBER_WORD = re.compile(r"[\d,.]+[가-힣]{0,2}")
_TEAM = re.compile(r"[가-힣]{2,}팀")
_HANGUL_WORD = re.compile(r"[가-힣]+")
_POSTS, _KNOWN, _PROVINCES = frozenset(L.POST_TITLES), frozenset(L.KNOWN_ORGS), frozenset(L.PROVINCES)
_REGION_PARTS, _CITY_WORDS = frozenset(L.REGION_PARTS), frozenset(L.CITY_STEMS_ALSO_WORDS)
_CITIES, _REGIONS, _NOT_PLACES = frozenset(L.CITY_STEMS), frozenset(L.REGIONS), frozenset(L.REGION_NOT_PLACE)
_GENERIC, _SHORT_FORMS = frozenset(L.GENERIC_WORDS), frozenset(L.ORG_SHORT_FORMS)
_ORG_OR_PLACE_SUFFIXES = L.ORG_SUFFIXES + L.PLACE_SUFFIXES


_BARE_HEADS = (
    ("Program", frozenset(L.WEAK_PROGRAM_SUFFIXES + L.PROGRAM_SUFFIXES + ("지원사업",))),  # 스마트공장 구축 지원사업
    ("Event", frozenset(e for e in L.EVENT_SUFFIXES if e not in ("협약", "업무협약", "대회"))),
    ("Place", frozenset(L.VENUE_HEADS)),
    ("Organization", frozenset(L.BARE_ORG_HEADS)),
)


def _stem_is_place(word: str, suffix: str) -> bool:
    stem = word[: -len(suffix)]
    return stem in _CITIES or stem in _PROVINCES


# Order matters: the first table whose suffix fits wins (venues before organizations).
_SUFFIX_TABLE = (
    ("Event", L.EVENT_SUFFIXES, ("협약", "업무협약", "대회", "행사", "페어")),
    ("Place", tuple(s for s in L.PLACE_SUFFIXES if s != "센터"), L.WEAK_PLACE_SUFFIXES),
    ("Program", L.PROGRAM_SUFFIXES, L.WEAK_PROGRAM_SUFFIXES),
    ("Organization", L.ORG_SUFFIXES, L.WEAK_ORG_SUFFIXES),
)


def chain_mentions(text: str, chain: list[Piece]) -> list[Mention]:
    """Typed names inside one chain: a head word with the words that qualify it."""
    words = [text[p.start:p.stem_end] for p in chain]
    kinds = [classify(w, p.tags) for w, p in zip(words, chain)]
    out: list[Mention] = []
    j = len(chain) - 1
    while j >= 0:
        kind = kinds[j]
        if kind in ENTITY_KINDS:
            i = _left_edge(words, kinds, j, [p.tags for p in chain])
            kind = _multiword_kind(words[i:j + 1], kind, chain[i:j + 1])
            if kind:
                out.append(Mention(chain[i].start, chain[j].stem_end, kind, text[chain[i].start:chain[j].stem_end]))
                campus = kind == "Place" and kinds[i] == "Organization" and words[j].endswith("캠퍼스")
                if i < j and kinds[i] in ("Organization", "Place") and (kind != "Place" or campus):
                    out.append(Mention(chain[i].start, chain[i].stem_end, kinds[i], words[i]))
                if kind == "Organization":  # 한국산업단지공단 경인지역본부 (주안지사)
                    out += [Mention(chain[i].start, chain[k].stem_end, kind, text[chain[i].start:chain[k].stem_end])
                            for k in range(i + 1, j) if kinds[k] == "Organization"]
                if kind == "Organization" and i > 0 and NUMBERED_SITTING.fullmatch(words[i - 1]) and words[j].endswith(_SITTINGS):
                    out.append(Mention(chain[i - 1].start, chain[j].stem_end, "Event",  # 제34차 누리위원회: its sitting
                                       text[chain[i - 1].start:chain[j].stem_end]))
                j = i - 1
                continue
        j -= 1
    return out + _region_joined(text, chain, words, kinds, out) + _board_sittings(text, chain, words)


def _board_sittings(text: str, chain: list[Piece], words: list[str]) -> list[Mention]:
    """``제64차 누리TP 이사회``, ``제3회 정기총회``: a body's numbered board meeting or assembly is an event."""
    out = []
    for k, word in enumerate(words):
        if not NUMBERED_SITTING.fullmatch(word):
            continue
        j = next((j for j in range(k + 1, min(k + 5, len(words))) if words[j] in _BOARD_SITTINGS), None)
        if j is not None:
            out.append(Mention(chain[k].start, chain[j].stem_end, "Event", text[chain[k].start:chain[j].stem_end]))
    return out


# Bare region names (서울, 강원, 동남권) that may lead a name; full forms (서울시, 경기도) name the government.
_REGION_LEADS = frozenset({p for p in L.PROVINCES if not p.endswith(("시", "도"))} | {r for r in L.REGIONS if r.endswith("권")}
                          | set(L.CITY_STEMS) - set(L.CITY_STEMS_ALSO_WORDS))


def _region_joined(text: str, chain: list[Piece], words: list[str], kinds: list, found: list[Mention]) -> list[Mention]:
    """``강원 테크노파크``, ``서울 서남권``, ``용인 반도체 클러스터``: a bare region name leading an organization, or a site
    (``SITE_HEADS``) of at most two more words, is part of its name. The region and the rest keep their own mentions."""
    out = []
    for k, word in enumerate(words[:-1]):
        if word not in _REGION_LEADS or is_district(words[k + 1].removesuffix("청")) or words[k + 1] in L.REGIONS:
            continue
        org = next((m for m in found if m.start == chain[k + 1].start and m.type == "Organization"), None)
        if org is not None:
            out.append(Mention(chain[k].start, org.end, "Organization", text[chain[k].start:org.end]))
            continue
        for kind in ("Place", "Organization"):
            m = next((m for m in range(k + 1, min(k + 3, len(words))) if _joined_head(words[m], kinds[m], kind)), None)
            if m is not None and all(kinds[i] in (None, "Program", "Place", "Organization") and words[i] not in _NOT_IN_NAMES
                                     for i in range(k + 1, m + 1)):
                out.append(Mention(chain[k].start, chain[m].stem_end, kind, text[chain[k].start:chain[m].stem_end]))
                break
    return out


_NOT_IN_NAMES = frozenset(("등", "및", "내", "외", "일대", "인근", "지역"))


def _joined_head(word: str, kind: str | None, head: str) -> bool:
    """The last word of a name a region leads: a site's ending, or an organization's (테크노파크 alone is one
    here) other than a one-letter ending the word's own type does not confirm (세부, 동북부)."""
    if head == "Place":
        return word.endswith(L.SITE_HEADS)
    suffix = ends_with(word, L.ORG_SUFFIXES)
    return kind == "Organization" or word in L.ORG_SUFFIXES or word in L.ORG_SHORT_FORMS or len(suffix or "") > 1


ENTITY_KINDS = ("Organization", "Place", "Program", "Event")


NUMBERED_SITTING = re.compile(r"제\s?\d+\s?[차회]")  # 제34차, 제3회: a sitting of a body
_BOARD_SITTINGS = ("이사회", "총회", "정기총회", "임시총회", "정기이사회", "임시이사회")
_SITTINGS = ("위원회", "협의회", "이사회", "총회")  # bodies whose numbered sittings are events


def _left_edge(words: list[str], kinds: list, j: int, tags: list[tuple[str, ...]] | None = None) -> int:
    """How far left the name whose head is ``words[j]`` reaches (``tags``: each word's Kiwi tags)."""
    head = kinds[j]
    i = j
    while i > 0:
        prev, word = kinds[i - 1], words[i - 1]
        if prev in ("TIME", "TITLE") or word in L.HONORIFICS or _looks_like_person(word, prev, tags[i - 1] if tags else ()):
            break
        venue = head == "Place" and (ends_with(words[j], L.VENUE_HEADS) or words[j] in L.VENUE_HEADS)
        if prev == "NUM" and (head not in ("Event", "Program") or _COUNT.fullmatch(word)) and not venue:
            break
        qualifying = word == "산업단지" or (head == "Program" and word in L.QUALIFYING_CLASS_NOUNS)
        if word in L.GENERIC_WORDS and head in ("Program", "Event") and not qualifying:
            break
        if head == "Organization" and word in L.ORG_PREFIXES:
            i -= 1
            continue
        if head == "Organization" and not (prev == "Organization" and _is_unit(words[j])):
            break
        if head == "Place" and prev == "Place" and words[j] in L.REGION_PARTS and i == j:
            i -= 1  # 경기 북부
            continue
        if head == "Place" and prev == "Organization" and words[j].endswith("캠퍼스") and i == j:
            i -= 1  # 가천대 글로벌캠퍼스: a campus is named with its university
            continue
        if head == "Place" and not (ends_with(words[j], L.VENUE_HEADS) or words[j] in L.VENUE_HEADS):
            break
        if head == "Place" and prev == "Place" and is_district(word):
            break  # 서울 과학기술총연합회관, 정자동 킨스타워: the district is not part of the venue's name
        if head == "Program" and prev == "Organization" and word not in L.QUALIFYING_CLASS_NOUNS:
            break
        if head == "Event" and prev == "Organization" and i - 1 > 0:
            break
        i -= 1
    if 0 < i < j and words[i].endswith("별") and _COUNT.fullmatch(words[i - 1]):
        i += 1  # 14개 업종별 …: a quantity, not part of the name
    return i


_COUNT = re.compile(r"[\d,.]+\s?(개|곳|명|건|개사|여\s?개|여\s?곳)")


def _is_unit(word: str) -> bool:
    """A unit's name or a bare unit word (가천대 산학협력단, 한국산업단지공단 경인지역본부)."""
    return bool(ends_with(word, L.UNIT_SUFFIXES)) or word in L.UNIT_SUFFIXES


def is_district(word: str) -> bool:
    """A province, city, county or administrative district (not a neighbourhood or venue)."""
    if word in L.NEIGHBOURHOODS:
        return False
    return word in L.PROVINCES or word in L.REGIONS or word in L.CITY_STEMS or (len(word) > 1 and word[-1] in "시군구동읍면")


def _looks_like_person(word: str, kind, tags: tuple[str, ...] = ()) -> bool:
    """Three syllables led by a surname; not a region's style or kind (부산형, 전남형), nor one common noun of
    Kiwi's dictionary (경쟁력, 정보화)."""
    return kind is None and len(word) == 3 and word[0] in SURNAMES and re.fullmatch(r"[가-힣]{3}", word) is not None \
        and word[:2] not in _REGION_LEADS and tags != ("NNG",)


def _multiword_kind(words: list[str], kind: str, chain: list[Piece]) -> str | None:
    """Refuse generic names: a weak head needs a qualifier; counts are not names."""
    name = " ".join(words)
    if kind == "Program" and len(words) > 1 and _generic_programme(words):
        return None
    if kind == "Program" and words[-1] in L.SERVICE_HEADS and not any("NNP" in p.tags or "SL" in p.tags for p in chain[:-1]):
        return None  # 시험·평가 서비스: a kind of service, not a named one
    if len(words) == 1 and kind == "Place" and (words[0] in L.VENUE_HEADS or words[0] in L.REGION_PARTS):
        return None
    if len(words) == 1 and kind in ("Program", "Event"):
        head = words[0]
        weak = L.WEAK_PROGRAM_SUFFIXES + L.PROGRAM_SUFFIXES if kind == "Program" else L.EVENT_SUFFIXES
        suffix = ends_with(head, weak) or (head if head in weak else None)
        proper = "NNP" in chain[0].tags or "SL" in chain[0].tags
        if suffix and not proper and head not in L.BARE_EVENT_WORDS and len(head) - len(suffix) < 3:
            return None
        if kind == "Program" and suffix and _generic_qualifier(head[:-len(suffix)], suffix):
            return None  # 사회공헌사업, R&D사업: a kind of programme
    if name in L.GENERIC_WORDS or name in L.ORG_SHORT_FORMS:
        return None
    if re.match(r"\d+\s*(개|곳|명|건|억|만|천)", name):
        return None
    if kind == "Event" and len(words) == 1 and words[0] in L.EVENT_SUFFIXES and words[0] not in L.BARE_EVENT_WORDS:
        return None
    return kind


def _generic_programme(words: list[str]) -> bool:
    """``자체 사업``, ``수도권 협력 사업``: a generic head qualified only by generic words (places aside)."""
    head = words[-1]
    suffix = ends_with(head, L.PROGRAM_SUFFIXES)
    stem = head[:-len(suffix)] if suffix else ""
    if not (head in L.PROGRAM_SUFFIXES or head in L.GENERIC_WORDS or stem in L.GENERIC_QUALIFIERS or stem in L.GENERIC_WORDS):
        return False  # 산업단지 환경개선펀드: the head is a name by itself
    rest = [w for w in words[:-1] if not is_district(w) and w not in L.REGIONS]
    return all(_generic_qualifier(w, nxt) for w, nxt in zip(rest, [*rest[1:], head]))


def _generic_qualifier(word: str, nxt: str) -> bool:
    """A qualifier that does not make a name (a class noun does as the object of an activity: 미니클러스터 운영)."""
    if word in L.QUALIFYING_CLASS_NOUNS and nxt in L.GENERIC_QUALIFIERS:
        return False
    if word in L.GENERIC_QUALIFIERS or word in L.GENERIC_WORDS:
        return True
    return ends_with(word, ("사업",)) == "사업" and word[:-2] in L.GENERIC_QUALIFIERS


def mentions_of(doc) -> list[Mention]:
    """The mentions ``kg_mentions`` stored on a ``Doc``, with exact character offsets."""
    return [Mention(*m) for m in doc.user_data.get("kg_mentions", ())]


def _word_inside(outer: Mention, m: Mention) -> bool:
    """``m`` is whole words of ``outer`` (space-separated)."""
    a, b = m.start - outer.start, m.end - outer.start
    return (a == 0 or outer.text[a - 1] == " ") and (b == len(outer.text) or outer.text[b] == " ")


def dedupe_mentions(mentions: list[Mention]) -> list[Mention]:
    """Longest first; a mention inside a longer one goes, unless it is a whole word naming an org or place
    (not the region leading an organization's name)."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        around = [k for k in kept if k.start <= m.start and m.end <= k.end]
        if any((k.start, k.end) == (m.start, m.end) for k in around):
            continue
        if around and not (m.type in ("Organization", "Place") and all(_word_inside(k, m) and m.end < k.end for k in around)):
            continue
        if m.type == "Place" and any(k.type == "Organization" and k.start == m.start for k in around):
            continue  # 강원 테크노파크: the region leads the organization's name, no place of the article
        kept.append(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))

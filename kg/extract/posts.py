"""People and their posts: holdsPost / memberOf with tenure status.

Patterns, in Korean press order (word = whitespace-separated):
``NAME [ORG] TITLE`` (박구선 케이메디허브 이사장), ``NAME ORGTITLE`` glued
(류해필 성남산업진흥원장, 이재명 성남시장), ``ORG NAME TITLE`` (재단 신상열
본부장), ``ORG(TITLE NAME)`` and ``ORG TITLE NAME`` (성남시(시장 이재명)),
``NAME 박사(ORG)`` / ``(NAME 박사. ORG)`` for memberOf, and a second post in
parentheses (``… 회장(가온정밀 대표)``). A bare ``NAME TITLE`` gets its
organization from the article (``kg.extract.post_context``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from kg.extract.coref import place_form
from kg.extract.entities import Entities, Ref
from kg.extract.titles import split_title
from kg.lang import ko as L
from kg.lang.ko import SURNAMES, TIME_NOUNS
from kg.records import STATUS_CURRENT, STATUS_ENDED, STATUS_FORMER, STATUS_STARTED

_TITLE_ALT = "|".join(sorted(L.POST_TITLES, key=len, reverse=True))
_GLUED = re.compile(r"([가-힣]{3})(%s)" % _TITLE_ALT)  # 류해필원장: a name with its title glued on
_WORD = re.compile(r"[^\s()\[\]‘’“”\"'<>「」]+")
_LEAD = "(‘“\"'▲△·,["
_PARTICLE = re.compile("(%s)$" % "|".join(L.PARTICLES))
# One-syllable name endings of places and organizations that also end personal names (최유리, 이규대).
_WEAK_ENDINGS = "원단회당대부처청도시군구동읍면리관권역홀"
_PLACE_WORD_ENDS = "시군구도읍면동리청역권형발행산항"
_MARKERS = {"전", "前", "신임", "현", "전임", "신임원장"}
# A body's kind word alone (연합회 회장, 위원회 위원장): the body's short form, never a person's name.
_ORG_KINDS = frozenset(k for k in L.ORG_SUFFIXES if len(k) > 1)
_NOT_NAMES = {"기념사", "격려사", "축사", "환영사", "관계자", "전문가", "임직원", "대표단", "회장단", "기업인", "이사회", "위원회", "참석자", "정부", "시민", "직원"}


@dataclass(frozen=True)
class Post:
    """One person-post fact found in a sentence."""

    person: str  # entity key
    org: str | None  # entity key
    post: str | None  # None: memberOf
    status: str
    start: str | None
    end: str | None
    sentence: tuple[int, int]


class Word(NamedTuple):
    """A word of a sentence: a named tuple, as ``Morph`` (every word of every sentence is one)."""

    start: int
    end: int
    text: str  # stripped of leading punctuation and trailing particle


def words(text: str, s0: int, s1: int, proper: set[str] = frozenset()) -> list[Word]:
    """Words of ``text[s0:s1]``, punctuation and particles stripped (offsets kept)."""
    out = []
    hidden = [m.span() for m in _PHOTO_PLACE.finditer(text, s0, s1)]  # 누리청장(왼쪽)과: where a photo shows the person
    marked = None  # the start of a corporate form glued before the next word: (주)누리정밀, (재)한빛테크노파크
    for m in _WORD.finditer(text, s0, s1):
        start, end = m.start(), m.end()
        if start and text[start - 1] == "(" and _CORPORATE_FORM.fullmatch(text, start - 1, end + 2):  # 주 of (주)
            marked = start - 1
            continue
        while start < end and text[start] in _LEAD:
            start += 1
        if marked is not None:
            start, marked = (marked, None) if marked + 3 == m.start() else (start, None)
        while end > start and text[end - 1] in ",.)’”\"'":
            end -= 1
        core = text[start:end]
        if hidden and any(a < start < b or (b == start and core in L.PARTICLES) for a, b in hidden):
            continue
        if "." in core:
            core = core[: core.index(".")]
        stem = _without_particle(core) if len(core) > 2 and core not in proper else core  # 정다은: a name, not 정다+은
        glued = _GLUED.fullmatch(stem) if len(stem) > 4 else None
        if glued and stem[0] in SURNAMES and glued.group(1) in proper and not (split_title(stem, set()) or ("",))[0]:
            out.append(Word(start, start + 3, glued.group(1)))
            out.append(Word(start + 3, start + len(stem), glued.group(2)))
        elif stem:
            out.append(Word(start, start + len(stem), stem))
    return out


# A case ending of place, direction or recipient right after a word (위촉식에서): the word names no person.
PLACE_ENDING = re.compile(r"(?:%s)(?![가-힣])" % "|".join(L.PLACE_CASE_ENDINGS))
# A corporate form in parentheses glued before a name (gold/FORMAT.md: not part of the name, part of the word).
_CORPORATE_FORM = re.compile(r"\((?:주|재|사)\)[가-힣A-Za-z]")
_PHOTO_PLACE = re.compile(r"\((?:왼쪽|오른쪽|가운데|좌측|우측|앞줄|뒷줄)[^()]{0,8}\)")


@lru_cache(maxsize=65536)
def _without_particle(word: str) -> str:
    return _PARTICLE.sub("", word)


def is_name(word: str, table: Entities, strict: bool = False) -> bool:
    """A word that can be a Korean personal name here (``strict``: not a known common noun)."""
    if not _name_shaped(word):
        return False
    if strict and word in table.common and word not in table.proper and table.lookup("Person", word) is None:
        return False  # Kiwi knows it as one common noun (경영학, 상황실, 좌장), and no name found says otherwise
    for t in ("Organization", "Place", "Program", "Event"):
        key = table.lookup(t, word)
        if key and not (len(word) == 3 and word in table.proper and word[-1] in _WEAK_ENDINGS):
            return False
    return True


@lru_cache(maxsize=65536)
def _name_shaped(word: str) -> bool:
    """``is_name`` apart from the article: a surname, 2–4 syllables, not a known word, place or body."""
    if not re.fullmatch(r"[가-힣]{2,4}", word) or word[0] not in SURNAMES or word in _NOT_NAMES:
        return False
    if word in TIME_NOUNS or word in L.POST_TITLES or word in L.HONORIFICS or word in L.GENERIC_WORDS \
            or word in _ORG_KINDS:
        return False
    if word in L.PROVINCES or word in L.CITY_STEMS or word in L.REGIONS or word in L.KNOWN_ORGS:
        return False
    if (word[:-1] in L.CITY_STEMS or word[:-1] in L.PROVINCES) and word[-1] in _PLACE_WORD_ENDS:
        return False  # 수원시, 서울역, 대구형: a place word, but 나주민 and 고성하 are names
    return len(word) in (2, 3) or word[:2] in ("남궁", "황보", "제갈", "선우", "독고")


def find_posts(table: Entities, sentence: tuple[int, int], published_dates) -> list[Post]:
    """holdsPost / memberOf facts stated in one sentence."""
    text = table.text
    ws = words(text, *sentence, table.proper)
    refs = table.refs_in(*sentence)
    out: list[Post] = _paren_posts(table, sentence, refs, published_dates)
    done = {(p.person) for p in out}
    used_until = sentence[0]
    for i, w in enumerate(ws):
        if w.start < used_until or any(table.lookup("Person", w.text) == k for k in done):
            continue
        if not is_name(w.text, table, strict=True) or PLACE_ENDING.match(text, w.end):
            continue  # 위촉식에서 시장은: a word with a place's ending names no person
        seen = ws
        found = _after_name(table, ws, i, refs)
        if not found and (view := _past_parenthesis(text, ws, i)):
            seen, found = view, _after_name(table, view, i, refs)  # 김하늘(55) 원장
        found = found or _before_name(table, ws, i, refs)
        if not found:
            continue
        org, post = found
        title_end = _title_end(seen, i, _forms(table))
        if org is not None:
            used_until = title_end
        person = table.add("Person", w.text, w.start, w.end)
        status, start, end = _status(text, sentence, w, published_dates)
        out.append(Post(person, org, post, status, start, end, sentence))
        second = _second_post(table, refs, title_end, org)
        if second:
            out.append(Post(person, *second, status, start, end, sentence))
    return out


def _past_parenthesis(text: str, ws: list[Word], i: int) -> list[Word] | None:
    """The words without the parenthesis right after the name at ``i``: ``김하늘(55) 원장``, ``박도윤(누리당) 의원``."""
    end = ws[i].end
    close = text.find(")", end, end + 32) if text[end:end + 1] == "(" else -1
    if close < 0 or "(" in text[end + 1:close]:
        return None
    return ws[:i + 1] + [w for w in ws[i + 1:] if w.start > close]


_SECOND_POST = re.compile(r"\((?P<org>[^()\s][^()]{0,30}?)\s(?P<title>%s)\)" % _TITLE_ALT)


_BARE_SECOND_POST = re.compile(r"\((%s)\)" % _TITLE_ALT)


def _second_post(table: Entities, refs: list[Ref], end: int, first_org: str | None) -> tuple[str, str] | None:
    """``이도현 누리협의회 회장(가온정밀 대표)``: the person's other post, in parentheses after the first.

    A title alone (``박도윤 누리도지사(이사장)``) is the person's post at the organization the article is about.
    """
    bare = _BARE_SECOND_POST.match(table.text, end)
    if bare:
        main = table.main_org()
        return (main, bare.group(1)) if main and main != first_org else None
    m = _SECOND_POST.match(table.text, end)
    if not m:
        return None
    ref = _ref_starting(refs, m.start("org"), ("Organization",))
    if ref is not None and ref.end == m.end("org"):
        return ref.key, m.group("title")
    word = m.group("org")
    if _COMPANY_NAME.fullmatch(word) and not _not_company(table, word):
        return table.add("Organization", word, m.start("org"), m.end("org")), m.group("title")
    return None


# An abbreviation may come first (HBW·원장 김하늘), and a short form after (회장 박서준, 이하 누리협회).
# The title is one of the lexicon's, with at most a short qualifier glued before it (의료원장, 센터장·정도철);
# a web address may follow the name (원장 김하늘 http://…), or the person's second post (단장 김하늘·한빛대 교수).
_PAREN_POST = re.compile(r"\((?:(?P<alias>[A-Za-z가-힣]{2,20})\s*[·,]\s*)?(?P<title>[가-힣]{0,3}(?:%s))\s*[·,:]?\s*"
                         r"(?P<name>[가-힣] [가-힣]|[가-힣]{2,4}|[\u4e00-\u9fff]{2,4})"  # 金夏凜: older papers print names in Hanja
                         r"(?=\)|\s*[,·]\s*(?:이하\s|(?P<second>[^()·,]{2,30}?)\))|\s+(?:https?://|www\.))"
                         % "|".join(sorted(L.POST_TITLES, key=len, reverse=True)))


_HANJA_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _paren_posts(table: Entities, sentence: tuple[int, int], refs: list[Ref], published_dates) -> list[Post]:
    """``ORG(TITLE NAME)``: 수원시(시장 최유리), 누리협의회(회장 정 준), 추진단(단장·박서준), 한빛원(HBW·원장 김하늘),
    누코(누리자산공사, 사장 김하늘)."""
    out = []
    for m in _PAREN_POST.finditer(table.text, *sentence):
        ref = _ref_ending(refs, m.start()) or (  # 누코(누리자산공사, 사장 김하늘): the full name given inside
            _ref_starting(refs, m.start("alias"), ("Organization",)) if m.group("alias") else None)
        if ref is None:
            continue
        name = m.group("name")
        if " " not in name and not _name_shaped(name) and not _HANJA_NAME.fullmatch(name):
            continue  # 한빛위원회(위원장 국무총리): a title, not a name
        person = table.add("Person", name, m.start("name"), m.end("name"))
        w = Word(m.start("name"), m.end("name"), name)
        status, start, end = _status(table.text, sentence, w, published_dates)
        out.append(Post(person, ref.key, m.group("title"), status, start, end, sentence))
        second = _ref_starting(refs, m.start("second"), ("Organization",)) if m.group("second") else None
        title = table.text[second.end:m.end("second")].strip() if second else ""
        if title in L.POST_TITLES:  # (단장 김하늘·한빛대 교수): the post the person holds besides
            out.append(Post(person, second.key, title, status, start, end, sentence))
    return out


def _title_end(ws: list[Word], i: int, known: set[str]) -> int:
    """End of the title word that follows the name at ``i`` (within three words; ``known``: the article's names, so
    that ``한빛청장`` is read as one, not skipped for the next person's title)."""
    for w in ws[i + 1:i + 4]:
        if split_title(w.text, known):
            return w.end
    return ws[i].end


def _ref_ending(refs: list[Ref], end: int, types=("Organization", "Place")) -> Ref | None:
    for r in refs:
        if r.end == end and r.type in types:
            return r
    return None


def _ref_starting(refs: list[Ref], start: int, types=("Organization", "Place")) -> Ref | None:
    best = None
    for r in refs:
        if r.start == start and r.type in types and (best is None or r.end > best.end):
            best = r
    return best


def _after_name(table: Entities, ws: list[Word], i: int, refs: list[Ref]):
    """NAME [ORG] TITLE | NAME ORGTITLE | NAME 박사(ORG) | NAME 박사. ORG."""
    if i + 2 < len(ws) and ws[i + 1].text in _MARKERS:  # 김하늘 전 원장, 박서준 신임 원장
        ws = ws[: i + 1] + ws[i + 2:]
    if i + 1 >= len(ws):
        return None
    nxt = ws[i + 1]
    text = table.text
    if nxt.text in L.HONORIFICS:
        return _after_honorific(table, ws, i, refs)
    ref = _ref_starting(refs, nxt.start)
    if ref is None and _CORPORATE_FORM.match(text, nxt.start):  # (재)한빛테크노파크: the body named without its form
        ref = _ref_starting(refs, nxt.start + 3)
    if ref is not None and ref.end <= nxt.end:  # 대구시의원, 경인지역본부장: a name and a title in one word
        titled = split_title(nxt.text, _forms(table))
        if titled and titled[0]:
            return _org_for(table, titled[0], nxt.start), titled[1]
        if titled:
            ref = None  # 기업지원팀장: a name inside a post (a team's head), the post's body is named elsewhere
    if ref is not None:
        j = next((k for k in range(i + 1, len(ws)) if ws[k].end >= ref.end), None)
        if j is not None and ws[j].end == ref.end and j + 1 < len(ws) and text[ref.end:ws[j + 1].start] == " ":
            titled = split_title(ws[j + 1].text, _forms(table))
            if titled and not titled[0]:
                return ref.key, titled[1]
            if titled and titled[0] and table.text[ref.end:ws[j + 1].start] == " ":
                return _glued(table, ws[j + 1], ref)
        if j is not None and ws[j].end > ref.end:  # ORG + glued ORGTITLE in one word
            return _glued(table, ws[j], ref)
        return None
    titled = split_title(nxt.text, _forms(table))
    if not titled:
        return _company(table, ws, i)
    org_form, post = titled
    if _market(table, org_form):
        return None  # 육성, 해외시장 개척: a market, not the mayor of 해외시
    if not org_form:
        j = i - 1 if i > 1 and _ORDINAL.fullmatch(ws[i - 1].text) else i  # 누리테크노파크 제7대 박서준 원장
        before = _ref_ending(refs, ws[j - 1].end) if j > 0 and text[ws[j - 1].end:ws[j].start].strip() == "" else None
        if before is None:  # (NAME 대표. ORG)
            m = re.match(r"\s*[.,]\s*", text[nxt.end:nxt.end + 3])
            after = _ref_starting(refs, nxt.end + m.end(), ("Organization",)) if m else None
            before = after
        return (before.key if before else None), post
    return _org_for(table, org_form, nxt.start), post


_ORDINAL = re.compile(r"제?\d{1,3}대|초대")
_COMPANY_NAME = re.compile(r"(?:㈜|\((?:주|재|사)\))?[가-힣A-Za-z][가-힣A-Za-z0-9&]+(?:㈜|\(주\))?")


def _company(table: Entities, ws: list[Word], i: int):
    """``박서준 누리정밀 대표``: a word no rule named, between a name and a company title, is the company."""
    if i + 2 >= len(ws) or ws[i + 2].text not in L.COMPANY_TITLES:
        return None
    word = ws[i + 1]
    text = table.text
    if not (text[ws[i].end:word.start] == " " and text[word.end:ws[i + 2].start] == " "):
        return None
    if not _COMPANY_NAME.fullmatch(word.text) or word.text != text[word.start:word.end] or _not_company(table, word.text):
        return None
    return table.add("Organization", word.text, word.start, word.end), ws[i + 2].text


def _not_company(table: Entities, word: str) -> bool:
    """Words before a title that name no company: qualifiers, time words, generic words, names of other kinds."""
    return (word in L.TITLE_QUALIFIERS or word in TIME_NOUNS or word in L.GENERIC_WORDS or word in _MARKERS
            or word in L.POST_TITLES or word in L.HONORIFICS or is_name(word, table)
            or any(table.lookup(t, word) for t in ("Place", "Person", "Program", "Event")))


def _market(table: Entities, org_form: str) -> bool:
    """``해외시``/``세계시`` cut from 해외시장: a common noun before 시 names no city."""
    stem = org_form[:-1]
    return org_form[-1:] == "시" and stem in table.common and stem not in table.proper and stem not in L.CITY_STEMS


def _after_honorific(table: Entities, ws: list[Word], i: int, refs: list[Ref]):
    """NAME 박사(ORG) -> memberOf; ORG NAME 교수 -> a professor's post at the organization before the name."""
    if not is_name(ws[i].text, table, strict=True):
        return None
    org = _honorific_org(table, ws, i + 1, refs)
    title = ws[i + 1].text
    if org is None and title in L.POST_TITLES and i > 0 and table.text[ws[i - 1].end:ws[i].start] == " ":
        before = _ref_ending(refs, ws[i - 1].end, ("Organization",))
        if before is not None:
            return before.key, title
    return org, None


def _glued(table: Entities, word: Word, ref: Ref):
    """``서울대 차세대융합기술원장``: the parent ref, then a unit with its title glued on."""
    rest = table.text[max(ref.end, word.start):word.end].strip()
    titled = split_title(rest, _forms(table))
    if not titled:  # 서울대 차세대융합기술원|장: the ref ends inside the word, before a title's last syllable
        whole = split_title(word.text, _forms(table))
        if whole and whole[0] and table.text[ref.start:ref.end].endswith(whole[0]):
            return ref.key, whole[1]
        return None
    unit, post = titled
    if not unit:
        return ref.key, post
    full = table.text[ref.start:ref.end] + " " + unit
    key = table.add("Organization", full, ref.start, word.end - len(post))
    return key, post


def _org_for(table: Entities, form: str, start: int) -> str:
    for type_ in ("Organization", "Place"):
        key = table.lookup(type_, form)
        if key:
            return key
    for ent in list(table.ents.values()):
        if ent.type == "Organization" and any(f.split()[-1] == form for f in ent.forms if " " in f):
            table.alias(ent.key, form)
            return ent.key
    if form in L.CITY_STEMS or form[:-1] in L.CITY_STEMS or form in L.PROVINCES or form[-1:] in "시군구":
        canonical = place_form(form, {f for e in table.ents.values() if e.type == "Place" for f in e.forms})
        key = table.add("Place", canonical, start, start + len(form))
        if canonical != form:
            table.alias(key, form)
        return key
    return table.add("Organization", form, start, start + len(form))


def _before_name(table: Entities, ws: list[Word], i: int, refs: list[Ref]):
    """ORG(TITLE NAME) | ORG TITLE NAME."""
    if i == 0 or ws[i - 1].text not in L.POST_TITLES or ws[i].text not in table.proper:
        return None
    title = ws[i - 1]
    gap = table.text[:title.start].rstrip(" (")
    ref = _ref_ending(refs, len(gap))
    if ref is None:
        return None
    before = [w for w in ws[:i] if w.end <= ref.start]
    if before and is_name(before[-1].text, table) and table.text[before[-1].end:ref.start] == " ":
        return None  # 구본환 인천국제공항공사 사장, 이원재 …: the title belongs to the name before
    return ref.key, title.text


def _honorific_org(table: Entities, ws: list[Word], j: int, refs: list[Ref]) -> str | None:
    """The organization after ``NAME 박사``: ``(… 박사. ORG)`` or ``박사(ORG)``."""
    text = table.text
    after = ws[j].end
    m = re.match(r"\s*[.(,]\s*", text[after:after + 3])
    if not m:
        return None
    ref = _ref_starting(refs, after + m.end(), ("Organization",))
    return ref.key if ref else None


def _forms(table: Entities) -> set[str]:
    forms = {f for e in table.ents.values() if e.type in ("Organization", "Place") for f in e.forms}
    return forms | {f.split()[-1] for f in forms if " " in f}


def _status(text: str, sentence: tuple[int, int], w: Word, published_dates) -> tuple[str, str | None, str | None]:
    before = text[max(sentence[0], w.start - 30):w.start]
    after = text[w.end:min(sentence[1], w.end + 40)]
    if re.search(r"(?:^|\s)(전|前|전\(前\))\s*$", before) or re.match(r"\s*(전|前)\s", after) or re.search(r"(역임|지낸|초대)", after[:25]):
        return STATUS_FORMER, None, None
    when = published_dates(sentence)
    if any(t in after for t in L.TENURE_END):
        return STATUS_ENDED, None, when
    if any(t in text[sentence[0]:sentence[1]] for t in L.TENURE_START[:4]) and any(t in after for t in L.TENURE_START):
        return STATUS_STARTED, when, None
    return STATUS_CURRENT, None, None

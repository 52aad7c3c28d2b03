"""Coreference in one article: mentions grouped into entities, aliases and short forms.

- places: a city stem and its full name are one place (``성남`` / ``성남시``),
  ``<place>지역`` is the same place;
- abbreviations: from the lexicon (``산단공``), from parentheses
  (``케이메디허브(대구경북첨단의료산업진흥재단)``), and by initial-syllable
  contraction (``산단공 경인본부`` ↔ ``한국산업단지공단 경인지역본부``);
- the name of an entity is its fullest form. Short forms (``진흥원``, ``재단``,
  ``이 기관``, a bare ``시``) are resolved after (``kg.extract.short_forms``).
"""

from __future__ import annotations

import re

from kg.extract.entities import Entities, Ref
from kg.extract.sentence import place_rank
from kg.lang import ko as L
from kg.nlp.mentions import Mention, classify
from kg.text import ends_with, normalize, shorten


_FULL_FORMS = {"시": ("광역시", "특별시", "특별자치시"), "도": ("특별자치도",)}


def place_form(form: str, forms: set[str]) -> str:
    """``성남`` -> ``성남시`` when the article also writes 성남시; ``성남지역`` -> ``성남``; ``인천시`` -> ``인천광역시``;
    ``제주자치도`` -> ``제주특별자치도``; ``대구 서남권역`` -> ``대구 서남권``."""
    base = re.sub(r"\s?지역$", "", form) if form not in L.REGIONS else form
    special = re.sub(r"(?<!특별)(자치[도시])$", r"특별\1", base)
    if special != base and special in forms:
        return special  # 제주자치도 = 제주특별자치도
    if base.endswith("권역") and base[:-1] in forms:
        return base[:-1]  # 서남권역 = 서남권
    stem, kind = base[:-1], base[-1:]
    if kind in _FULL_FORMS and (stem in L.CITY_STEMS or stem in L.PROVINCES):
        full = next((stem + f for f in _FULL_FORMS[kind] if stem + f in forms), None)
        if full:
            return full  # 인천시 = 인천광역시, 제주도 = 제주특별자치도
    if base + "도" in L.PROVINCES:  # 제주 = 제주도 (= 제주특별자치도), a province, never its city 제주시
        province = place_form(base + "도", forms)
        return province if province in forms else base
    if (base in L.CITY_STEMS or base in L.PROVINCES) and base + "시" in forms:
        return place_form(base + "시", forms)  # 성남 = 성남시, 인천 = 인천시 (= 인천광역시)
    if base in ("경기", "강원", "충북", "충남", "전북", "전남", "경북", "경남") and base + "도" in forms:
        return base + "도"
    return base if base and base != form and (base in forms or base in L.CITY_STEMS or base in L.PROVINCES) else form


def add_mentions(table: Entities, mentions: list[Mention]) -> None:
    """Mentions into entities; places joined to their full names."""
    place_forms = {m.text for m in mentions if m.type == "Place"}
    for m in mentions:
        if m.type == "Place":
            canonical = place_form(m.text, place_forms)
            key = table.add("Place", canonical, m.start, m.end)
            if canonical != m.text:
                table.alias(key, m.text)
        else:
            table.add(m.type, m.text, m.start, m.end)


def is_abbreviation(short: str, full: str) -> bool:
    """``경인본부`` of ``경인지역본부``, ``산단공 경인본부`` of ``한국산업단지공단 경인지역본부``."""
    if short == full or not short or len(short) >= len(full):
        return False
    if L.ABBREVIATIONS.get(short) == full:
        return True
    short, full = _in_hangul(short), _in_hangul(full)
    if short == full:
        return True
    if (full.endswith("대학교") and short == full[:-2]) or (full.endswith("대학") and short == full[:-1]):
        return True  # 부산대 = 부산대학교
    for prefix in L.ORG_PREFIXES:
        if full.startswith(prefix + " ") and full[len(prefix) + 1:] == short:
            return True  # 대구디지털산업진흥원 = 재단법인 대구디지털산업진흥원
    sw, fw = short.split(), full.split()
    if len(sw) == len(fw) and len(sw) > 1:
        return all(a == b or is_abbreviation(a, b) for a, b in zip(sw, fw))
    if len(sw) != 1 or len(fw) != 1:
        return False
    if len(short) >= 3 and full[len(short):] in L.DROPPED_KIND_SUFFIXES and full.startswith(short):
        return True  # 한국전력 = 한국전력공사
    if _syllable_initials(short, full):
        return True  # 한전 = 한국전력공사, 고대 = 고려대학교
    if (short[-1] != full[-1] and not (short[-1] == "공" and full.endswith(L.DROPPED_KIND_SUFFIXES))) \
            or len(short) < 2 or (short[0] != full[0] and len(short) < 3):
        return False  # 누진공 of 누리진흥공단: a 공단 or 공사 shortened to 공
    return _in_order(short, full)


def _in_hangul(name: str) -> str:
    """``name`` with its Latin short forms spelled in Hangul (``LATIN_SHORT``: 누리SW = 누리소프트웨어)."""
    for latin, hangul in L.LATIN_SHORT.items():
        name = name.replace(latin, hangul)
    return name


def _syllable_initials(short: str, full: str) -> bool:
    """``short`` takes the first syllable of two-syllable parts of ``full``, from its first (한전 of 한국전력공사),
    or from the first after the country's name (산기평 of 한국산업기술평가관리원).

    Sino-Korean names are mostly built of two-syllable words, and their short forms take each word's first
    syllable: the syllables of ``short`` come in order from the even places of ``full``.
    """
    if not 2 <= len(short) <= 4 or not _HANGUL_WORD.fullmatch(full):
        return False
    bodies = [full, *(full[len(p):] for p in L.DROPPED_NAME_PREFIXES if full.startswith(p))]
    return any(short[0] == body[:1] and _in_order(short, body[::2]) for body in bodies)


def _in_order(chars: str, text: str) -> bool:
    """Whether ``chars`` come in ``text`` in this order (not always next to each other)."""
    it = iter(text)
    return all(ch in it for ch in chars)


_HANGUL_WORD = re.compile(r"[가-힣]+")


def join_spellings(table: Entities) -> None:
    """Names that differ only in spacing or middle dots (광역 클러스터 사업 / 광역클러스터 사업), in a part
    written short (누리 도시첨단산업단지 / 누리 도시첨단산단, ``NAME_SHORTENINGS``), a gloss, a year or a
    province's long form, a Latin short form, a region's ending (``_spelling``), a programme also by the short
    form in its name's parenthesis (``_named_in_gloss``): one entity."""
    seen: dict[tuple[str, str], str] = {}
    for ent in list(table.ents.values()):
        if ent.type == "Person" or ent.key not in table.ents:
            continue
        for form in [f for f in ent.forms if f not in _SHORT_FORMS]:  # 지원단 of two: resolved references
            for key in {_spelling(ent.type, f) for f in (form, *_named_in_gloss(ent.type, form))}:
                other = seen.setdefault((ent.type, key), ent.key)
                if table.find(other) != table.find(ent.key):
                    table.merge(other, ent.key)


_INNER_GLOSS = re.compile(r"(.+)\(([^()]{2,})\)(.*)")


def _named_in_gloss(type_: str, form: str) -> tuple[str, ...]:
    """A programme by the short form in its name's parenthesis: 누리 혁신지원(NURI)사업 -> NURI사업."""
    m = _INNER_GLOSS.fullmatch(form) if type_ == "Program" else None
    return (m.group(2) + m.group(3),) if m else ()


_GLOSS = re.compile(r"\([^()]*\)")
_YEAR = re.compile(r"^\d{4}년도?(?=..)")
_SHORT_FORMS = frozenset((*L.ORG_SHORT_FORMS, *L.GENERIC_WORDS))
_EVENT_KINDS = tuple(normalize(w) for w in L.EVENT_SUFFIXES)
_EVENT_SPELLINGS = [(normalize(long), normalize(short)) for long, short in L.EVENT_SPELLINGS.items()]
_PROVINCES = {normalize(full): normalize(short) for full, short in L.PROVINCE_SHORT_FORMS.items()}


def _spelling(type_: str, form: str) -> str:
    """What two spellings of one name share: the form normalized, its long parts written short, a Latin short
    form in Hangul (SW = 소프트웨어), without a gloss in parentheses (누리SW(소프트웨어)사업); a programme or event
    without its year (2021년 누리사업); a programme without its kind after its name (사업, 시범사업:
    ``PROGRAM_KIND_ENDINGS``); an event without 행사 after its own kind (착공식 행사); a province by its
    short name (충청북도 = 충북) and a region without its ending (영남권 = 영남 지역)."""
    key = shorten(normalize(_in_hangul(_GLOSS.sub("", form) or form)), L.NAME_SHORTENINGS)[0]
    if type_ in ("Program", "Event"):
        key = _YEAR.sub("", key)
    ending = ends_with(key, L.PROGRAM_KIND_ENDINGS) if type_ == "Program" else None
    if ending and len(key) - len(ending) > 3:
        key = key[:-len(ending)]  # 누리혁신클러스터 사업 = 누리혁신클러스터 = 누리혁신클러스터 시범사업
    if type_ == "Event":  # 착공식 행사 = 착공식, 업무협약 체결식 = 업무협약식
        for long, short in _EVENT_SPELLINGS:
            key = key.replace(long, short)
        key = key[:-2] if key.endswith("행사") and key[:-2].endswith(_EVENT_KINDS) else key
    if type_ == "Place":
        key = _PROVINCES.get(key, key)
        ending = ends_with(key, L.REGION_ENDINGS)
        return key[:-len(ending)] if ending and len(key) - len(ending) >= 2 else key  # 영남권 = 영남 지역
    return key


def join_head_words(table: Entities) -> None:
    """A programme, event or unit named by the last words of a longer name in the article is that entity.

    ``판교역 창업카페`` … ``창업카페 입주기업``, ``누리상공회의소 한빛구상공회`` … ``한빛구상공회 회장``: the
    short name is a later reference (an alias), as gold/FORMAT.md's ``name``/``aliases`` have it. Only when
    one longer name ends so, and never a bare generic word (``사업``, ``행사``), which the rules resolve as
    references of their own.
    """
    for short in [e for e in table.ents.values() if e.type in ("Program", "Event", "Organization") and " " not in e.name]:
        if short.key not in table.ents or short.name in L.GENERIC_WORDS:
            continue
        longer = {table.find(e.key) for e in table.ents.values() if e.type == short.type and e.key != short.key
                  and any(" " in f and f.rsplit(" ", 1)[1] == short.name for f in e.forms)}
        if len(longer) == 1:
            table.merge(longer.pop(), short.key)


def join_place_prefixes(table: Entities) -> None:
    """``첨단의료복합단지`` of ``대구경북첨단의료복합단지``: a site named without the regions before it."""
    places = [e for e in table.ents.values() if e.type == "Place"]
    for short in places:
        for full in places:
            if short.key in table.ents and full.key in table.ents and short.key != full.key \
                    and full.name.endswith(short.name) and _regions_only(full.name[:-len(short.name)]):
                table.merge(full.key, short.key)


def _regions_only(prefix: str) -> bool:
    """``대구경북``: provinces and cities written together."""
    if not prefix:
        return False
    for stem in sorted({*L.PROVINCES, *L.CITY_STEMS}, key=len, reverse=True):
        if prefix.startswith(stem) and (prefix == stem or _regions_only(prefix[len(stem):])):
            return True
    return False


def join_contractions(table: Entities) -> None:
    """``남동클러스터 사업`` of ``남동산업단지 클러스터 사업``: programmes with one head, the qualifiers contracted."""
    progs = [e for e in table.ents.values() if e.type == "Program"]
    for short in progs:
        for full in progs:
            if short.key not in table.ents or full.key not in table.ents or short.key == full.key:
                continue
            a, b = short.name.split(), full.name.split()
            if len(a) > 1 and len(b) > 1 and a[-1] == b[-1] and a[0][0] == b[0][0] \
                    and is_abbreviation("".join(a[:-1]), "".join(b[:-1])):
                table.merge(full.key, short.key)


def join_abbreviations(table: Entities) -> None:
    """Merge organizations whose names abbreviate each other (same type).

    A form that abbreviates several organizations (``경제자유구역청`` beside three of them) joins none, and
    a generic short form the article resolved (``테크노파크`` for the nearest one) abbreviates nothing.
    """
    orgs = [e for e in table.ents.values() if e.type == "Organization"]
    for short in orgs:
        if short.key not in table.ents:
            continue
        forms = [a for a in short.forms if a not in L.ORG_SHORT_FORMS]
        fulls = {full.key for full in orgs if full.key in table.ents and full.key != short.key
                 and any(is_abbreviation(a, b) for a in forms for b in full.forms)}
        if len(fulls) == 1:
            table.merge(fulls.pop(), short.key)
    for ent in list(table.ents.values()):  # 주안지사 = 한국산업단지공단 경인지역본부 주안지사
        if ent.type != "Organization" or ent.key not in table.ents or " " in ent.name:
            continue
        for full in list(table.ents.values()):
            if full.type == "Organization" and full.key != ent.key and ends_with(ent.name, L.UNIT_SUFFIXES) \
                    and any(" " in f and (f.split()[-1] == ent.name or is_abbreviation(ent.name, f.split()[-1]))
                            for f in full.forms):  # 경인본부 = 한국산업단지공단 경인지역본부
                table.merge(full.key, ent.key)
                break
    for form, full in L.ABBREVIATIONS.items():
        for name in (full, *L.ABBREVIATION_FORMER_NAMES.get(form, ())):  # 중진공 = 중소기업진흥공단 in older articles
            a, b = table.lookup("Organization", form), table.lookup("Organization", name)
            if a and b:
                table.merge(b, a)


_PAREN = re.compile(r"([가-힣A-Za-z0-9·]{2,})\(([가-힣A-Za-z0-9· ]{2,30})\)")


def join_parentheses(table: Entities) -> None:
    """``A(B)`` where both name organizations (or B is a bare abbreviation), or both sites: one entity.

    A site's other name (``누리 도시첨단산단(한빛밸리)``) is one place; a wider place in parentheses
    (``수원시(경기)``) is where it lies (``kg.extract.places``).
    """
    for m in _PAREN.finditer(table.text):
        a = _key_at(table, m.start(1), m.end(1), "Organization")
        site = None if a else _key_at(table, m.start(1), m.end(1), "Place")
        inner = m.group(2).strip()
        if site and " " not in inner and place_rank(inner) == 5 and place_rank(table.ents[site].name) == 5:
            b = table.lookup("Place", inner)
            if b and b != site:
                table.merge(site, b)
        if not a:
            continue
        if any(t in inner for t in L.POST_TITLES) or re.search(r"\d", inner) or " " in inner:
            continue
        b = table.lookup("Organization", inner)
        if b:
            table.merge(a, b)
        elif classify(inner, ("NNP",)) in ("Organization", None) and inner not in L.GENERIC_WORDS:
            table.alias(a, inner)
            table.refs.append(Ref(m.start(2), m.start(2) + len(inner), a, "Organization"))


# ``X(HBW·원장 김하늘)``, ``X(회장 박서준, 이하 협회)``, ``X(이하 누콘진)``: parts of a parenthesis after a name.
_PAREN_PARTS = re.compile(r"([가-힣A-Za-z0-9·]{2,})\(([^()\n]{2,40})\)")
_PART = re.compile(r"[^,·]+")
_SHORT_MARK = re.compile(r"(?:이하|약칭)\s*[‘'\"“]?([가-힣A-Za-z0-9]{2,12})[’'\"”]?")


def join_parenthesized_forms(table: Entities) -> None:
    """Short forms given inside a parenthesis with a post or ``이하``: the organization before it goes by them.

    ``이하 Y`` (or ``약칭 Y``) names Y; beside a post (``원장 김하늘``) or such a mark, a part that is one
    word is an abbreviation (``KISTI``). Generic short forms (재단, 진흥원), and any that is the name's own
    last part (선도산업지원단, 이하 지원단), stay in-article references (``resolve_short_forms``): as graph
    aliases, several organizations would share them.
    """
    for m in _PAREN_PARTS.finditer(table.text):
        a = _key_at(table, m.start(1), m.end(1), "Organization")
        parts = [(p.start() + m.start(2), p.group().strip()) for p in _PART.finditer(m.group(2))]
        marked = [_SHORT_MARK.fullmatch(text) for _, text in parts]
        posted = [bool(text.split()[0] in L.POST_TITLES) for _, text in parts if text]
        if not a or not (any(marked) or any(posted)):
            continue
        for i, ((start, text), mark) in enumerate(zip(parts, marked)):
            form = mark.group(1) if mark else text
            if not mark and (" " in text or text in L.POST_TITLES or re.search(r"\d", text)):
                continue
            if form in L.ORG_SHORT_FORMS or form in L.GENERIC_WORDS or len(form) < 2 \
                    or table.ents[a].name.endswith(form) or (not mark and _holder(parts, i)):
                continue
            b = table.lookup("Organization", form)
            if b:
                table.merge(a, b)
            elif classify(form, ("NNP",)) in ("Organization", None):
                at = table.text.index(form, start)
                table.alias(a, form)
                table.refs.append(Ref(at, at + len(form), a, "Organization"))


def _holder(parts: list[tuple[int, str]], i: int) -> bool:
    """``(센터장·김하늘)``: a personal name right after a post in the parenthesis holds it; it is no short form."""
    text = parts[i][1]
    return i > 0 and parts[i - 1][1] in L.POST_TITLES and re.fullmatch(r"[가-힣]{2,4}", text) is not None \
        and text[0] in L.SURNAMES


def join_persons_named_as_bodies(table: Entities) -> None:
    """A "person" whose name is a form of an organization or place of the article is that body.

    Short forms of three syllables (``경콘진``, ``소진공``) look like personal names to the mention
    model; the article's ``(이하 경콘진)`` says what they are, or the shortening of a body it names
    (``누진공`` of ``누리진흥공단``, ``is_abbreviation``).
    """
    for person in [e for e in table.ents.values() if e.type == "Person"]:
        body = next((k for t in ("Organization", "Place") for k in [table.lookup(t, person.name)] if k), None)
        if body is None and len(person.name) == 3:
            shortened = {table.find(e.key) for e in table.ents.values()
                         if e.type == "Organization" and is_abbreviation(person.name, e.name)}
            body = shortened.pop() if len(shortened) == 1 else None
        if body and person.key in table.ents:
            table.retype(person.key, table.ents[body].type)
            table.merge(body, person.key)


def _key_at(table: Entities, start: int, end: int, type_: str) -> str | None:
    for r in table.refs:
        if r.type == type_ and r.end == end and r.start <= start:
            return table.find(r.key)
    return None


_PARTICLES_THEN_END = re.compile(r"(%s)*(?![가-힣A-Za-z0-9])" % "|".join(L.PARTICLES))


def mark_aliases(table: Entities) -> None:
    """Every occurrence of an organization's name or alias is a reference (``경기대진TP`` after ``…(경기대진TP)``)."""
    covered = [(r.start, r.end) for r in table.refs]
    for ent in [e for e in table.ents.values() if e.type == "Organization"]:
        for form in ent.forms:
            if len(form) < 3 or form in L.ORG_SHORT_FORMS or form in L.GENERIC_WORDS:
                continue
            for m in re.finditer(re.escape(form), table.text):
                if re.match(r"[가-힣A-Za-z0-9]", table.text[m.start() - 1:m.start()] or " ") \
                        or not _PARTICLES_THEN_END.match(table.text, m.end()):
                    continue  # inside a longer word (성남산업진흥원장)
                if not any(s < m.end() and m.start() < e for s, e in covered):
                    table.refs.append(Ref(m.start(), m.end(), ent.key, "Organization"))
                    covered.append(m.span())

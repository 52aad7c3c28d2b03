"""Extract entities and relations from one article: the stage's entry, ``extract``.

``extract(article) -> Extraction`` reads the text once (Kiwi's morphemes,
sentences and the rules' mentions: ``kg.nlp.reading``, what the spaCy
pipeline's ``Doc`` holds), groups mentions into entities with their
aliases and short forms (``kg.extract.coref``, ``kg.extract.short_forms``), finds people and posts
(``kg.extract.posts``), programmes and their operators
(``kg.extract.programmes``) and the other relations sentence by sentence
(``kg.extract.relations``). Every relation carries its sentence span.
"""

from __future__ import annotations

import re
from datetime import date

from kg.extract.coref import (
    add_mentions, join_abbreviations, join_contractions, join_head_words, join_parentheses, join_parenthesized_forms,
    join_persons_named_as_bodies, join_place_prefixes, join_spellings, mark_aliases,
)
from kg.extract.entities import Entities
from kg.extract.event_roles import happened, joined_events, named_host, signatories, signing, told_in_past
from kg.extract.model import ExtractorModel
from kg.extract.occasions import held, occasion_mentions
from kg.extract.places import located_in
from kg.extract.post_context import appointments, fill_orgs, named_to, speaker_org
from kg.extract.posts import find_posts
from kg.extract.programmes import chosen_bodies, operates, same_programme
from kg.extract.projects import listed_projects
from kg.extract.relations import (
    event_date, founded, held_at, held_in_name, organizes, participates, partnership, renamed, sentence_event, speakers,
)
from kg.extract.sentence import Sentence, subjects
from kg.extract.short_forms import resolve_government_words, resolve_short_forms
from kg.extract.units import reorganized_units, sub_organization
from kg.lang import ko as L
from kg.nlp.dates import find_dates
from kg.nlp.mentions import is_district
from kg.nlp.reading import read
from kg.nlp.tokenizer import Analysis, common_nouns
from kg.records import RELATION_FIELDS, Article, Entity, Extraction, Relation, Span


def extract(article: Article, model: ExtractorModel | None = None,
            analysis: Analysis | None = None) -> Extraction:
    """Entities and relations stated in ``article``.

    With a ``model`` (``kg.extract.model.load_model``), the trained classifier picks the names among
    the candidate spans and decides which events are events; without, the rules of
    ``kg.nlp.mentions`` do, and an event with no day, place or participant is dropped. ``analysis``:
    Kiwi's analysis of the text (``kg.nlp.tokenizer.analyze``), if it was done already.
    """
    text = article.text
    morphs, starts, mentions = read(text, analysis)  # what the spaCy pipeline's Doc would hold, without the Doc
    sentences = tuple(_sentence_spans(text, starts))
    table = Entities(text, proper={text[m.start:m.end] for m in morphs if m.tag == "NNP"},
                     common=common_nouns(text, morphs))
    if model is not None:
        mentions = model.find_mentions(text, morphs, starts, mentions, article.title)
    add_mentions(table, listed_projects(text, occasion_mentions(text, morphs, starts, mentions), starts))
    join_parentheses(table)
    join_parenthesized_forms(table)
    join_spellings(table)
    join_head_words(table)
    join_abbreviations(table)
    join_contractions(table)
    join_place_prefixes(table)
    mark_aliases(table)
    resolve_short_forms(table)
    resolve_government_words(table)
    join_persons_named_as_bodies(table)
    _join_events(table)
    _listed_programmes(table, sentences)
    dates = _dates(sentences, article.published)
    relations = _rename(table, sentences)
    relations += _posts(table, sentences, dates)
    join_spellings(table)  # again: bodies named only with a title (누리상의 회장), events the sentences named
    join_abbreviations(table)  # units named only with a glued title (누리대학교 산학협력단장)
    relations += _others(table, sentences, dates, relations, article.published)
    loose = _loose_events(table, relations) if model is None else set()
    entities = tuple(e for e in _entities(table) if e.key not in loose)
    return Extraction(article, sentences, entities, tuple(_dedupe(_final_keys(table, relations, entities))))


def _sentence_spans(text: str, starts: list[int]):
    for start, end in zip(starts, [*starts[1:], len(text)]):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield Span(start, end, text[start:end])


def _dates(sentences: tuple[Span, ...], published: date | None) -> dict[int, list[tuple[int, str]]]:
    """Resolved (offset, date value) per sentence start (``이날`` refers back to the last one)."""
    out: dict[int, list[tuple[int, str]]] = {}
    anchor = None
    for s in sentences:
        found = [(s.start + d.start, d.value) for d in find_dates(s.text, published, anchor) if d.value]
        out[s.start] = found
        values = [v for _, v in found]
        days = [v for v in values if len(v) == 10]
        if days:
            anchor = days[0]
    return out


def _join_events(table: Entities) -> None:
    """A bare event word (기념식) is the article's named event with that head."""
    events = [e for e in table.ents.values() if e.type == "Event"]
    for bare in events:
        if " " in bare.name:
            continue
        for full in events:
            if full.key != bare.key and full.key in table.ents and bare.key in table.ents and full.name.endswith(bare.name):
                table.merge(full.key, bare.key)
    agreements = [e for e in table.ents.values() if e.type == "Event" and " " in e.name and signing(e.name)]
    if len(agreements) == 1:  # 협약식 is the signing the article names ('… 업무협약')
        for bare in [e for e in table.ents.values() if e.type == "Event" and e.name in L.SIGNING_EVENT_WORDS]:
            table.merge(agreements[0].key, bare.key)
    for ev in [e for e in table.ents.values() if e.type == "Event"]:
        head = ev.name.split()[-1]
        bare = [head] if head in L.BARE_EVENT_WORDS else []
        if head in L.AGREEMENT_HEADS:  # 이번 협약은 …: the named signing (an in-article alias only)
            bare += L.AGREEMENT_HEADS
        rest = table.text.replace(ev.name, "")
        for word in dict.fromkeys(bare):
            if word != ev.name and re.search(rf"(?<![가-힣]){word}(?![가-힣]*식)", rest):
                table.alias(ev.key, word)


_LIST_GAP = re.compile(r"(?:\([^)]*\))?\s*(?:,|와|과|및|[을를]\s?비롯(?:해|한|하여))\s*")


def _listed_programmes(table: Entities, sentences) -> None:
    """``킨스타워, 창업지원주택, 판교역 창업카페 등``: a building listed among programmes is run as one."""
    for s in sentences:
        refs = [r for r in table.refs_in(s.start, s.end) if r.type in ("Program", "Place")]
        refs = [r for r in refs if not any(o.start <= r.start and r.end <= o.end and o != r for o in refs)
                and table.text.count("(", s.start, r.start) <= table.text.count(")", s.start, r.start)]
        run: list = []
        for r in refs + [None]:
            if r is not None and (not run or _LIST_GAP.fullmatch(table.text[run[-1].end:r.start])):
                run.append(r)
                continue
            if len(run) >= 3 and sum(x.type == "Program" for x in run) >= 2 and re.match(r"\s?등", table.text[run[-1].end:]):
                for x in run:
                    name = table.ents[x.key].name
                    if x.type == "Place" and not (is_district(name) or name in L.REGIONS or name.endswith(L.VENUE_HEADS)):
                        table.retype(x.key, "Program")
            run = [r] if r is not None else []


def _sentence(table: Entities, s: Span, dates: dict[int, list[str]]) -> Sentence:
    refs = table.refs_in(s.start, s.end)
    return Sentence(s.start, s.end, s.text, refs, dates.get(s.start, []))


def _rename(table: Entities, sentences) -> list[Relation]:
    out = []
    for s in sentences:
        for type_, args in renamed(table, _sentence(table, s, {})):
            to = table.find(args["to"])
            new_name = table.ents[to].name
            table.merge(to, args["_merge"])
            table.ents[to].preferred = new_name
            out.append(Relation(type_, {"from": args["from"], "to": to}, s))
    return out


def _posts(table: Entities, sentences, dates) -> list[Relation]:

    def when(span: tuple[int, int]) -> str | None:
        values = [v for _, v in dates.get(span[0], [])]
        return values[0] if values else None

    posts = []
    for s in sentences:
        posts += find_posts(table, (s.start, s.end), when)
    for s in sentences:
        sent = _sentence(table, s, dates)
        subj = [r.key for r in subjects(sent) if r.type == "Organization"] or [table.main_org()]
        posts += appointments(table, (s.start, s.end), posts, subj[0]) + named_to(table, (s.start, s.end))
    heads = {table.find(p.org) for p in posts if p.org}  # 조은대(총장 박서준): what has a head is a body
    for person in sorted({p.person for p in posts}):  # a name found as a person is not also a place
        name = table.ents[table.find(person)].name
        for type_ in ("Place", "Organization"):
            other = table.lookup(type_, name)
            if other and len(table.ents[other].forms) == 1:
                table.merge(*((other, person) if table.find(other) in heads else (person, other)))
    _person_mentions(table)
    out = []
    for p in fill_orgs(posts, table, table.main_org()):
        if table.ents[table.find(p.person)].type != "Person":
            continue  # the "person" turned out to be the body that has the post
        sent = next(s for s in sentences if s.start == p.sentence[0])
        if p.post is None:
            out.append(Relation("memberOf", {"person": p.person, "org": p.org}, sent, p.status))
        else:
            out.append(Relation("holdsPost", {"person": p.person, "org": p.org, "post": p.post}, sent, p.status, p.start, p.end))
    return out


def _person_mentions(table: Entities) -> None:
    """Every later occurrence of a person's name is a mention of that person."""
    for ent in [e for e in table.ents.values() if e.type == "Person"]:
        for m in re.finditer(re.escape(ent.name), table.text):
            before = table.text[m.start() - 1:m.start()] if m.start() else " "
            if not re.match(r"[가-힣]", before):
                table.add("Person", ent.name, m.start(), m.end())


def _others(table: Entities, sentences, dates, known: list[Relation], published: date | None) -> list[Relation]:
    out: list[Relation] = []
    posts = [(r.args["person"], r.args["org"], r.args["post"]) for r in known if r.type == "holdsPost"]
    last_event = None
    main = table.main_org()
    topic = main
    people = {e.key for e in table.ents.values() if e.type == "Person"}
    organizers: dict[str, set[str]] = {}
    days: dict[str, str] = {}
    previous: list[str] = []
    programmes: list[str] = []
    events = {e.key for e in table.ents.values() if e.type == "Event"}
    sole = next(iter(events)) if len(events) == 1 else None  # 이날 행사에는 … before the one event is named
    told_past: set[str] = set()  # events the article reports in the past tense
    joined: dict[str, set[str]] = {}  # events held with each event (개소식 및 제2차 운영회의)
    for span in sentences:
        s = _sentence(table, span, dates)
        event = sentence_event(table, s, last_event or sole)
        party = speaker_org(table, (span.start, span.end), posts) or topic
        found = partnership(table, s, previous, party) + founded(s) + located_in(table, s) + sub_organization(table, s)
        found += operates(table, s, topic) + same_programme(table, s, programmes) + chosen_bodies(table, s, programmes)
        found += reorganized_units(table, s, topic)
        programmes += [r.key for r in s.of("Program")]
        if event:
            org = organizes(table, s, event)
            if signing(table.ents[event].name):
                found += signatories(s, event, people)
                if not re.search(r"주최|주관", s.text):  # A는 B와 협약식을 갖고: who holds a signing signs at it
                    found += [("participatesIn", {"agent": a["org"], "event": event}) for _, a in org]
                    org = []
            organizers.setdefault(event, set()).update(a["org"] for _, a in org)
            when = event_date(s, event)
            day = days.get(event)  # the event's day as told before this sentence
            days.update((a["event"], a["date"]) for _, a in when)
            told = org + held_at(s, event) + when
            if told_in_past(s.text):
                told_past.add(event)
            past = happened(days.get(event), published, event in told_past)
            found += told + participates(s, event, people, past)
            joined.setdefault(event, set()).update(joined_events(s, event))
            found += [("participatesIn", {"agent": k, "event": event})  # those who sign at it take part in it
                      for t, a in found if t == "partnership" and a["date"] in (None, day or days.get(event))
                      for k in a["orgs"]]  # not an agreement of another day the sentence recalls
            last_event = event
        elif last_event and happened(days.get(last_event), published, last_event in told_past):  # a quoted speaker of an event report
            found += [("participatesIn", {"agent": k, "event": last_event}) for k in speakers(s, people)]
        orgs = [r.key for r in s.of("Organization") if not r.short]
        previous = [k for k in previous if k not in orgs] + orgs
        subj = [r for r in subjects(s) if r.type == "Organization"]
        if subj:
            topic = subj[0].key
        found += [(t, {**a, "event": k}) for t, a in found if t in _EVENT_FACTS  # 발족식 및 정기회: one host, place,
                  for k in sorted(joined.get(a["event"], ()))]  # day and attendance
        out += [Relation(t, a, span) for t, a in found]
    out += _event_extras(table, out + [r for r in known if r.type == "holdsPost"], sentences)
    return [r for r in out if not (r.type == "participatesIn" and r.args["agent"] in organizers.get(r.args["event"], ()))]


_EVENT_FACTS = ("organizes", "heldAt", "eventDate", "participatesIn")  # what events held together share


def _loose_events(table: Entities, relations: list[Relation]) -> set[str]:
    """Events without a day, a place or a participant are no specific happening (해마다 국제 전시회를 열어)."""
    anchored = {table.find(r.args["event"]) for r in relations if r.type in ("eventDate", "heldAt", "participatesIn")}
    return {k for k, e in table.ents.items() if e.type == "Event" and k not in anchored}


def _final_keys(table: Entities, relations: list[Relation], entities) -> list[Relation]:
    """Entity keys after merges; relations to dropped entities go."""
    kept = {e.key for e in entities}
    out = []
    for rel in relations:
        args, ok = {}, True
        for name, kind in RELATION_FIELDS[rel.type].items():
            value = rel.args.get(name)
            if kind == "entity":
                value = table.find(value)
                ok = ok and value in kept
            elif kind == "entities":
                value = tuple(dict.fromkeys(table.find(v) for v in value if table.find(v) in kept))
                ok = ok and len(value) >= 2
            args[name] = value
        if ok:
            out.append(Relation(rel.type, args, rel.sentence, rel.status, rel.start, rel.end))
    return out


def _event_extras(table: Entities, relations: list[Relation], sentences) -> list[Relation]:
    """Facts of a signing ceremony from the signing it reports; an event's place from its own name."""
    extra = []
    for ev in [e for e in table.ents.values() if e.type == "Event"]:
        if signing(ev.name):
            extra += _signing_facts(table, ev.key, relations)
        elif not any(r.type == "organizes" and r.args["event"] == ev.key for r in relations):
            extra += named_host(table, ev, sentences)
        word = next((w for occasion, w in L.OFFICE_OCCASIONS.items() if ev.name.endswith(occasion)), None)
        if word:  # 누리원장이 1일 취임했다 … 취임식: who takes (leaves) office is at it
            extra += _took_office(table, ev.key, word, relations, sentences)
        if not any(r.type == "heldAt" and r.args["event"] == ev.key for r in relations + extra):
            first = next((s for s in sentences if s.start <= ev.spans[0][0] < s.end), None)
            if first:
                extra += [Relation(t, a, first) for t, a in held_in_name(table, ev.key)]
    return extra


def _took_office(table: Entities, event: str, word: str, relations: list[Relation], sentences) -> list[Relation]:
    """The holders of a post said in some sentence to take (취임) or leave (이임) office are at the ceremony."""
    out = []
    for person in dict.fromkeys(r.args["person"] for r in relations if r.type == "holdsPost"):
        said = next((s for s in sentences if word in s.text and any(s.start <= a < s.end for a, _ in table.ents[person].spans)),
                    None)
        if said is not None:
            out.append(Relation("participatesIn", {"agent": person, "event": event}, said))
    return out


def _signing_facts(table: Entities, event: str, relations: list[Relation]) -> list[Relation]:
    """The signatories of the signing a ceremony reports take part in it; its day and place are the signing's,
    and an agreement stated without a day was signed on the ceremony's.

    The signing is every agreement the article states, except those of another day and those restated
    in passing as earlier ones (지난해 A와 협약을 맺은 데 이어).
    """
    day = next((r.args["date"] for r in relations if r.type == "eventDate" and r.args["event"] == event), None)
    own = [r for r in relations if r.type == "partnership" and (day is None or r.args.get("date") in (None, day))
           and not any(m in r.sentence.text for m in L.EARLIER_MARKERS)]
    out = [Relation("participatesIn", {"agent": k, "event": event}, r.sentence) for r in own for k in r.args["orgs"]]
    out += [Relation("partnership", {**r.args, "date": day}, r.sentence) for r in own if day and not r.args.get("date")]
    has = {r.type for r in relations if r.args.get("event") == event}
    for rel in sorted(own, key=lambda r: r.args.get("date") is None)[:1]:  # the dated statement of the signing
        if "eventDate" not in has and rel.args.get("date"):
            out.append(Relation("eventDate", {"event": event, "date": rel.args["date"]}, rel.sentence))
        if "heldAt" not in has:
            sent = _sentence(table, rel.sentence, {})
            out += [Relation(t, a, rel.sentence) for t, a in held_at(sent, event)]
    return out


def _dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per fact; partnerships joined by their organization sets."""
    seen: dict[tuple, Relation] = {}
    for rel in relations:
        if rel.type == "partnership":
            key = ("partnership", frozenset(rel.args["orgs"]))
        else:
            key = (rel.type, tuple(sorted((k, str(v)) for k, v in rel.args.items() if k not in ("date",))))
        if key not in seen or (rel.args.get("date") and not seen[key].args.get("date")):
            seen[key] = rel
    out = list(seen.values())
    posts = [r for r in out if r.type == "holdsPost"]
    out = [r for r in out if r.type != "holdsPost" or not any(
        o is not r and o.args["person"] == r.args["person"] and o.args["org"] == r.args["org"]
        and len(o.args["post"]) > len(r.args["post"]) and o.args["post"].endswith(r.args["post"]) for o in posts)]
    sets = [frozenset(r.args["orgs"]) for r in out if r.type == "partnership"]
    out = [r for r in out if r.type != "partnership" or not any(frozenset(r.args["orgs"]) < o for o in sets)]
    return [r for r in out if not _self_relation(r)]


def _self_relation(rel: Relation) -> bool:
    values = [v for v in rel.args.values() if isinstance(v, str) and v.startswith("e")]
    return len(values) == 2 and values[0] == values[1] and rel.type != "renamed"


def _no_name(name: str) -> bool:
    """One character (등), or generic words joined by a middle dot (기관·협회): no name of anything."""
    parts = re.split(r"\s?[·ㆍ]\s?", name)
    return len(name) < 2 or (len(parts) > 1 and all(part in L.GENERIC_WORDS for part in parts))


def _entities(table: Entities) -> tuple[Entity, ...]:
    out = []
    for ent in table.ents.values():
        name = ent.name
        if (name in L.GENERIC_WORDS and not (ent.type == "Event" and any(held(table.text, *s) for s in ent.spans))) \
                or name in L.ORG_SHORT_FORMS or name in L.SITE_KINDS or _no_name(name):
            continue  # a generic word names an entity only as a happening that is held (세미나를 열었다)
        aliases = tuple(f for f in ent.forms if f != name)
        spans = tuple(Span(s, e, table.text[s:e]) for s, e in sorted(ent.spans))
        out.append(Entity(ent.key, ent.type, name, aliases, spans))
    return tuple(out)

"""Names and text that try to break IRIs, RDF syntax and the viewer: nothing from an article may run or break out."""

from __future__ import annotations

import re
from datetime import date

from kg.records import Article, Entity, Extraction, Relation, Span

# Characters RFC 3987 forbids in an IRI (and whitespace).
BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
HOSTILE = ['<img src=x onerror=alert(1)>', 'say "hi"', "a>b", "back\\slash", "줄\n바꿈\r\t탭",
           "가" * 500, "%41 퍼센트", "한빛#산업?진흥원/본부", "\u200b보이지 않는\u2028구분", "{}|^`"]
# Sets window.__pwned if it ever runs, whichever way it is injected.
PAYLOAD = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'


def hostile_extraction(i: int, name: str) -> Extraction:
    """One article whose ids, names, post and text carry a hostile string."""
    org, person = f"{name}진흥원", f"{name}씨"
    sentence = f"{org}(원장 {person})은 협약을 맺었다."
    text = sentence + "\n" + f"{org}은 {name}센터를 운영한다."
    s1 = Span(0, len(sentence), sentence)
    s2 = Span(len(sentence) + 1, len(text), text[len(sentence) + 1:])
    ents = (Entity("o", "Organization", org, (name,), (Span(0, len(org), org),)),
            Entity("p", "Person", person, (), (Span(text.index(person), text.index(person) + len(person), person),)),
            Entity("g", "Program", f"{name}센터", (), ()),
            Entity("o2", "Organization", "한빛대학교", (), ()))
    rels = (Relation("holdsPost", {"person": "p", "org": "o", "post": name}, s1),
            Relation("partnership", {"orgs": ("o", "o2"), "date": "2024-05"}, s1),
            Relation("operates", {"org": "o", "program": "g"}, s2))
    art = Article(f"{name}-{i}.txt", "x", text, title=name, published=date(2024, 5, 2), url=name, publisher=name)
    return Extraction(art, (s1, s2), ents, rels)

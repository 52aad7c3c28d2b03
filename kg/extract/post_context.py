"""Posts from the article around a sentence: appointments, a title's organization, a quotation's speaker.

``kg.extract.posts`` finds the posts a sentence states; these complete them
from the article: ``X를 이사장으로 선출`` at the sentence's organization, a
title with no organization (``안 부시장은``) from the person's same title
elsewhere or the article's one organization such a title heads, and the
organization of the person who speaks a quotation.
"""

from __future__ import annotations

import re

from kg.extract.entities import Entities
from kg.extract.posts import Post
from kg.lang import ko as L
from kg.records import STATUS_STARTED

_APPOINT = re.compile(r"(?:을|를)\s+(?:각각\s+)?(?:(?:초대|신임|차기|제\s?\d+\s?대)\s+)?(?P<roles>[가-힣]+?(?:\s[가-힣]+?)?(?:(?:과|와|,)\s?[가-힣]+?)*)(?:으로|로)(?=[\s,])")


def appointments(table: Entities, sentence: tuple[int, int], posts: list[Post], subject: str | None) -> list[Post]:
    """``X를 이사장으로 선출``, ``A와 B를 각각 부회장과 감사로 뽑았다``: posts at the sentence's organization."""
    if subject is None:
        return []
    out, last = [], sentence[0]
    text = table.text
    if not any(v in text[sentence[0]:sentence[1]] for v in L.APPOINTING_VERBS):
        return []
    for m in _APPOINT.finditer(text, *sentence):
        roles = [r.split()[-1] for r in re.split(r"(?:과|와|,)\s?", m.group("roles")) if r.strip()]
        roles = [r for r in roles if r in L.POST_TITLES]
        people = _listed_last([r for r in table.refs_in(last, m.start()) if r.type == "Person"], text)
        people = list(dict.fromkeys(r.key for r in people))
        if roles and people:
            pairs = zip(people, roles) if len(roles) == len(people) else ((p, roles[-1]) for p in people)
            out += [Post(p, subject, role, STATUS_STARTED, None, None, sentence) for p, role in pairs]
        last = m.end()
    return out


_LIST_GAP = re.compile(r"(?:\s[가-힣A-Za-z()·]{1,20}){0,3}\s?(?:와|과|,|및)\s?")  # 김하늘 회장과 : between two listed people


def _listed_last(people: list, text: str) -> list:
    """The last person before the appointment's 을/를, and those listed with it (``A 회장과 B를``), not a person the
    clause names otherwise (``A 지사로부터 추천된 B를``)."""
    k = len(people) - 1
    while k > 0 and (people[k - 1].end >= people[k].start  # the same name twice
                     or _LIST_GAP.fullmatch(text, people[k - 1].end, people[k].start)):
        k -= 1
    return people[k:] if people else []


# 누리연구원 제7대 신임 원장으로 임명된 김하늘, 누리연구원 신임 원장에 김하늘 교수가 임명됐다
_NAMED_TO = re.compile(r" (?:제\s?\d+\s?대 )?(?:신임 |초대 |차기 )?(?P<title>[가-힣]{1,8}?)(?:으로|로|에) "
                       r"(?:(?:%s)(?:된|돼|되어|한) )?" % "|".join(L.APPOINTING_VERBS))


def named_to(table: Entities, sentence: tuple[int, int]) -> list[Post]:
    """The person named right after ``ORG (제N대) (신임) TITLE으로/에 (임명된)`` takes that post there."""
    text = table.text
    if not any(v in text[sentence[0]:sentence[1]] for v in L.APPOINTING_VERBS):
        return []
    refs = table.refs_in(*sentence)
    ends = {r.end: r for r in refs if r.type == "Organization"}
    starts = {r.start: r for r in refs if r.type == "Person"}
    out = []
    for org in ends.values():
        m = _NAMED_TO.match(text, org.end)
        if m and m.group("title") in L.POST_TITLES and m.end() in starts:
            out.append(Post(starts[m.end()].key, org.key, m.group("title"), STATUS_STARTED, None, None, sentence))
    return out


def fill_orgs(posts: list[Post], table: Entities, main: str | None) -> list[Post]:
    """A title without an organization takes the person's organization stated elsewhere, else the main one,
    else the one organization of the article that such a title heads (안 부시장: the article's only 시)."""
    # the organization stated for the person's same title: 원장 at one body says nothing of where they are 회장
    known = {(p.person, p.post): p.org for p in posts if p.org}
    out = []
    for p in posts:
        org = p.org or known.get((p.person, p.post))
        if org is None and p.post and main and _fits(p.post, table.ents[main].name):
            org = main
        if org is None and p.post in L.TITLE_HEADS:
            fitting = [e.key for e in table.ents.values() if e.type in ("Organization", "Place") and _fits(p.post, e.name)]
            org = fitting[0] if len(fitting) == 1 else None
        if org is None:
            continue
        out.append(Post(p.person, org, p.post, p.status, p.start, p.end, p.sentence))
    return out


def _fits(post: str, org: str) -> bool:
    if post in ("이사장", "대표", "대표이사"):
        return True
    if post.endswith("팀장") and post != "팀장":
        return True  # 기업지원팀장: the head of a team inside whatever body
    if post == "도지사" and org in L.PROVINCES:
        return True  # 충남, 경기: a province by its short name has a governor too
    return org.endswith(L.TITLE_HEADS.get(post, ())) and not (post in ("장관", "차관") and org.endswith("본부"))


_SPEAKER = re.compile(r"(?:^|[\s\"“])(?P<name>[가-힣]{1,3}) (?P<title>[가-힣]{1,8}?)(?:은|는|이|가)\s")


def speaker_org(table: Entities, sentence: tuple[int, int], posts: list[tuple[str, str, str]]) -> str | None:
    """The organization of the person who speaks in a sentence (``류 원장은 "…"``, ``박서준 원장은``).

    ``posts`` are (person key, org key, post); a surname alone picks the one person of that surname holding that post.
    """
    text = table.text[sentence[0]:sentence[1]]
    first_quote = min((text.find(q) for q in "\"“" if q in text), default=len(text))
    for m in _SPEAKER.finditer(text[:first_quote]):
        name, title = m.group("name"), m.group("title")
        found = {org for person, org, post in posts if post.endswith(title)
                 and (table.ents[table.find(person)].name == name or (len(name) == 1 and table.ents[table.find(person)].name[0] == name))}
        if len(found) == 1:
            return found.pop()
    return None

"""A sentence as the relation finders see it, and what they all ask of one.

``Sentence`` holds a sentence's offsets, the entity occurrences in it and its
resolved dates; ``subjects`` are the organizations and places marked as its
subject or topic; ``place_rank`` orders places from countries to venues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.entities import Ref
from kg.lang import ko as L

SUBJECT = re.compile(r"^\s*(?:\([^)]*\))?\s*(은|는|이|가|에서는|측은)(?![가-힣])")


@dataclass
class Sentence:
    """One sentence: offsets, entity occurrences in it, resolved date values."""

    start: int
    end: int
    text: str  # the sentence's own characters
    refs: list[Ref]
    dates: list[tuple[int, str]] = field(default_factory=list)  # (offset, ISO value)

    def day_before(self, pos: int) -> str | None:
        """The last full date before ``pos`` (else the first after it)."""
        days = [(p, v) for p, v in self.dates if len(v) == 10]
        before = [v for p, v in days if p < pos]
        return before[-1] if before else (days[0][1] if days else None)

    def of(self, *types: str) -> list[Ref]:
        return [r for r in self.refs if r.type in types]

    def after(self, ref: Ref, length: int = 12) -> str:
        """Characters right after an occurrence (relative slice)."""
        return self.text[ref.end - self.start:ref.end - self.start + length]


def subjects(s: Sentence) -> list[Ref]:
    """Organizations/places marked as subject or topic (은/는/이/가)."""
    return [r for r in s.of("Organization", "Place") if SUBJECT.match(s.after(r, 20))]


# What joins two listed names: 와/과, a comma, a middle dot or 및, after an optional parenthesis (NIPA).
_JOINT = re.compile(r"\s*(?:\([^()]{0,30}\))?\s*(?:와|과|,|·|및)\s*")


def after_person(s: Sentence, r: Ref) -> bool:
    """``류해필 성남산업진흥원 원장``: the organization of the person named just before it."""
    return any(p.end <= r.start and s.text[p.end - s.start:r.start - s.start].strip() == "" for p in s.of("Person"))


def coordinated(s: Sentence, r: Ref, kinds: tuple[str, ...] = ("Organization",)) -> list[Ref]:
    """``r`` and the names of ``kinds`` listed with it (``A와 B(…), C는``), in the sentence's order."""
    orgs = s.of(*kinds)
    i = next(k for k, o in enumerate(orgs) if o is r)
    lo = hi = i
    while lo > 0 and _JOINT.fullmatch(s.text[orgs[lo - 1].end - s.start:orgs[lo].start - s.start]):
        lo -= 1
    while hi + 1 < len(orgs) and _JOINT.fullmatch(s.text[orgs[hi].end - s.start:orgs[hi + 1].start - s.start]):
        hi += 1
    return orgs[lo:hi + 1]


# A count of things of a kind, as lists name them (3개 대학, 6대 도시, 5곳): a regex fragment.
COUNT = r"\d+\s?(?:개|대|곳)\s?"


def place_rank(name: str) -> int:
    """0 region/country, 1 province, 2 city/county, 3 district (구), 4 neighbourhood (동), 5 venue or site."""
    if name in L.NEIGHBOURHOODS or name[-1:] in "동읍면" or (name[-1:] == "리" and len(name) >= 3 and name[-2:] != "밸리"):
        return 4  # 월정리: a village (누리밸리: a site)
    if name.endswith("지구"):
        return 5  # 월정지구, 벤처촉진지구: a zone, not a 구
    if name in L.REGIONS:
        return 0
    if name in L.PROVINCES or name.split()[-1] in L.REGION_PARTS:
        return 1  # before 구: 대구 is a metropolitan city
    if name[-1:] == "구":
        return 3
    if name[-1:] in "시군" or name in L.CITY_STEMS:
        return 2
    return 5

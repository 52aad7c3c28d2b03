"""Duplicate and near-duplicate articles: one story, however many times it was printed or crawled.

A wire text republished by several outlets under another headline, byline or
footer, or one article crawled twice under two URLs, is one story. Its bodies
are compared as sets of character 5-grams (whitespace removed, so a line
broken elsewhere does not count). datasketch's MinHash signatures estimate
their Jaccard similarity, and its LSH index proposes the candidate pairs, so
that a corpus of 100,000 articles is not compared pair by pair; the pairs
whose estimate reaches ``THRESHOLD`` are joined into groups with networkx's
union-find. Shingles are hashed with CRC-32 (``zlib``: 4-5 times faster than
datasketch's default SHA-1, and as good a 32-bit hash for MinHash), the
permutations drawn from a fixed seed: the same bodies give the same groups
in every process.

Two reports of one press release rewritten by two newsrooms share far less
text (0.03 to 0.37 on the shared corpus) and are not one story here: their
facts are joined by what they state (``kg.resolve.facts``, events in
``kg.resolve.events``), with the similarity of their texts (from ``RELATED``)
as evidence where the facts alone say too little.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, MutableMapping

from kg import pickled
from kg.records import Article, Story
from kg.text import digest

if TYPE_CHECKING:
    from datasketch import MinHash, MinHashLSHForest

SHINGLE = 5  # characters
NUM_PERM = 128  # MinHash permutations: the estimate's standard error is about 0.04
SEED = 1
# Estimated Jaccard similarity of the 5-gram sets from which two bodies are one story. A reprint with
# another first line or footer scores 0.9-1.0; rewrites of one press release by two newsrooms at most
# 0.37 and unrelated articles at most 0.15 on the shared corpus; articles written from one template
# (bench/generate.py) up to 0.7.
THRESHOLD = 0.8
# From this estimated similarity two bodies are related: one press release rewritten by two newsrooms
# (0.14-0.37 on the shared corpus, unrelated articles at most 0.15 but one pair). Not one story, but
# evidence that an undated agreement, or an event named generically, is the one the other states.
RELATED = 0.25
# How many of the most alike texts an event's article is compared with (an LSH Forest's top-k).
NEIGHBOURS = 8
# LSH's (false positive, false negative) weights: at 0.25 these find every related pair of the shared
# corpus (the default (0.5, 0.5) missed 2 of 6) for 13 % more candidates; at 0.8 they leave no reprint out.
LSH_WEIGHTS = (0.2, 0.8)
# Bodies shorter than this (characters, whitespace aside) are compared with no other: two one-line
# briefs alike are not evidence of one text.
MIN_CHARS = 100
_SPACE = re.compile(r"\s+")


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The character ``size``-grams of ``text`` without whitespace, as UTF-8 bytes."""
    flat = _SPACE.sub("", text)
    return {flat[i:i + size].encode("utf-8") for i in range(max(1, len(flat) - size + 1))} if flat else set()


def signature(text: str) -> "MinHash":
    """The MinHash signature of a body's shingles."""
    from datasketch import MinHash

    sig = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)
    sig.update_batch(shingles(text))  # in any order: each permutation keeps the least hash (not sorted: ~0.3 ms)
    return sig


def similar_pairs(articles: Iterable[Article], threshold: float = THRESHOLD) -> dict[tuple[str, str], float]:
    """Pairs of articles (first id first) whose bodies' estimated Jaccard similarity reaches ``threshold``.

    Args:
        articles: the articles of a build (an id seen twice is taken once; bodies shorter than
            ``MIN_CHARS`` are compared with none).
        threshold: the least estimated Jaccard similarity of the bodies' 5-gram sets.
    """
    return _alike(signatures(articles), threshold)


def signatures(articles: Iterable[Article], known: MutableMapping[str, "MinHash"] | None = None
               ) -> dict[str, "MinHash"]:
    """Article id -> the MinHash signature of its body (bodies shorter than ``MIN_CHARS`` left out).

    ``known``: signatures by ``text_key`` of the body, e.g. an earlier build's (``load_signatures``):
    those found are taken, those computed added.
    """
    sigs: dict[str, MinHash] = {}
    for a in sorted(articles, key=lambda a: a.id):
        if a.id not in sigs and len(_SPACE.sub("", a.text)) >= MIN_CHARS:
            if known is None:
                sigs[a.id] = signature(a.text)
                continue
            key = text_key(a.text)
            found = known.get(key)
            sigs[a.id] = known[key] = found if found is not None else signature(a.text)
    return sigs


def text_key(text: str) -> str:
    """The key of a body's signature: a hash of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _scheme() -> tuple:
    """What a signature depends on besides the text: a saved one of another scheme is not taken."""
    import datasketch

    return (SHINGLE, NUM_PERM, SEED, "crc32", datasketch.__version__)


def load_signatures(path: Path) -> dict[str, "MinHash"]:
    """The signatures ``save_signatures`` wrote to ``path`` (none if it is missing, unreadable or of another scheme).

    The file is as trusted as the build folder that holds it (``kg.pickled``).
    """
    found = pickled.load(path)
    if not (isinstance(found, tuple) and len(found) == 2):
        return {}
    scheme, saved = found
    return saved if scheme == _scheme() and isinstance(saved, dict) else {}


def save_signatures(path: Path, known: MutableMapping[str, "MinHash"], articles: Iterable[Article]) -> None:
    """Keep the signatures of ``articles``' bodies in ``known`` at ``path``, for the next build to reuse."""
    keys = {text_key(a.text) for a in articles}
    pickled.save(path, (_scheme(), {k: v for k, v in known.items() if k in keys}))


def _alike(sigs: dict[str, "MinHash"], threshold: float) -> dict[tuple[str, str], float]:
    from datasketch import MinHashLSH

    # Weighted towards recall: a missed pair is lost, a false candidate only costs one comparison.
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
    for aid, sig in sigs.items():
        lsh.insert(aid, sig)
    pairs = {}
    for aid, sig in sigs.items():
        for other in sorted(lsh.query(sig)):
            if other < aid:
                similarity = round(sig.jaccard(sigs[other]), 3)
                if similarity >= threshold:
                    pairs[(other, aid)] = similarity
    return dict(sorted(pairs.items()))


class Texts:
    """The bodies of a build's articles: their stories, found once, and how alike two are, on demand.

    Related texts (``RELATED``) are not listed for the whole corpus: articles written from one template
    or sharing boilerplate are all alike, and every pair of them would be a candidate. The resolution
    asks about the pairs its facts propose (two statements of the same parties), and for events about
    each article's few nearest texts (``neighbours``).
    """

    def __init__(self, articles: Iterable[Article], known: MutableMapping[str, "MinHash"] | None = None) -> None:
        self._sigs = signatures(articles, known)
        self.stories = find_stories(_alike(self._sigs, THRESHOLD))
        self._story = {a: s for s in self.stories for a in s.articles}
        self._known: dict[tuple[str, str], float] = {}
        self._neighbours: dict[str, tuple[str, ...]] = {}
        self._lsh_forest: MinHashLSHForest | None = None

    def story_of(self, article: str) -> str:
        """The id of the article's story, or the article id when its text was printed once."""
        story = self._story.get(article)
        return story.id if story else article

    def printings(self, article: str) -> tuple[str, ...]:
        """The other articles of the article's story."""
        story = self._story.get(article)
        return tuple(a for a in story.articles if a != article) if story else ()

    def similarity(self, a: str, b: str) -> float:
        """The estimated Jaccard similarity of two bodies (0 when either is too short to compare)."""
        key = (a, b) if a < b else (b, a)
        if key not in self._known:
            sa, sb = self._sigs.get(a), self._sigs.get(b)
            self._known[key] = round(sa.jaccard(sb), 3) if sa is not None and sb is not None and a != b else 0.0
        return self._known[key]

    def related(self, a: str, b: str) -> float | None:
        """The similarity of two bodies when they are related (one press release, ``RELATED``), else None."""
        similarity = self.similarity(a, b)
        return similarity if similarity >= RELATED else None

    def neighbours(self, article: str) -> tuple[str, ...]:
        """Up to ``NEIGHBOURS`` articles whose texts are related to the article's, most alike first.

        datasketch's LSH Forest finds them (an approximate top-k: bounded work per article, however
        many articles share a template).
        """
        if article not in self._neighbours:
            sig = self._sigs.get(article)
            found = self._forest().query(sig, NEIGHBOURS + 1) if sig is not None else []
            alike = sorted((-self.similarity(article, b), b) for b in found if b != article)
            self._neighbours[article] = tuple(b for sim, b in alike[:NEIGHBOURS] if -sim >= RELATED)
        return self._neighbours[article]

    def _forest(self) -> "MinHashLSHForest":
        if self._lsh_forest is None:
            from datasketch import MinHashLSHForest

            self._lsh_forest = MinHashLSHForest(num_perm=NUM_PERM)
            for aid, sig in self._sigs.items():
                self._lsh_forest.add(aid, sig)
            self._lsh_forest.index()
        return self._lsh_forest


def find_stories(pairs: dict[tuple[str, str], float], threshold: float = THRESHOLD) -> tuple[Story, ...]:
    """Groups of two or more articles whose bodies are the same or nearly the same, in order of their first id.

    Args:
        pairs: ``similar_pairs`` of the build's articles.
        threshold: the estimated Jaccard similarity of the bodies' 5-gram sets from which two are one story.
    """
    from networkx.utils import UnionFind

    groups = UnionFind()
    best: dict[str, tuple[float, str]] = {}  # article -> (similarity, the article it is most like)
    for (first, second), similarity in sorted(pairs.items()):
        if similarity < threshold:
            continue
        groups.union(first, second)
        for a, b in ((first, second), (second, first)):  # the most similar one, the first id on ties
            if (-similarity, b) < (-best.get(a, (-1.0, ""))[0], best.get(a, (0, ""))[1] or "\uffff"):
                best[a] = (similarity, b)
    stories = []
    for members in groups.to_sets():
        ids = tuple(sorted(members))
        if len(ids) > 1:
            stories.append(Story(f"story/{digest(*ids)}", ids, {a: best[a][0] for a in ids[1:]},
                                 {a: best[a][1] for a in ids[1:]}))
    return tuple(sorted(stories, key=lambda s: s.articles))

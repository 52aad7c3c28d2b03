"""The Korean tokenizer: a spaCy tokenizer on Kiwi, with exact offsets.

``doc.text`` equals the input; each spaCy token is one Kiwi morpheme (or
several that share characters: ``했`` = ``하/XSV + 었/EP``), so particles are
tokens of their own. Kiwi's tags are kept in ``token.tag_`` (``+``-joined
when merged) and the morphemes in ``doc.user_data["kiwi"]``. Whitespace
other than one trailing space becomes whitespace tokens. Sentences are Kiwi's
sentences, also cut at every line break (see research/NOTES.md, "Korean NLP").

Kiwi loads lazily, once per process, with a user dictionary built from
``kg.lang.ko`` so organization names tokenize the same way in every context.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

from kg.lang import ko as L

_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.&\-]*")


class Morph(NamedTuple):
    """One Kiwi morpheme: surface characters ``text[start:end]``, lemma form, tag, and whether Kiwi guessed it.

    ``oov``: not a word of Kiwi's dictionary (a name it has not seen, tagged by its shape): 강시우 is an
    out-of-vocabulary NNG, 당연직 a dictionary one.
    """

    start: int
    end: int
    form: str
    tag: str
    oov: bool = False


def morphs_of(doc) -> list[Morph]:
    """The Kiwi morphemes stored on a ``Doc`` (also after it crossed a process boundary)."""
    morphs = doc.user_data.get("kiwi", ())
    return morphs if not morphs or isinstance(morphs[0], Morph) else [Morph(*m) for m in morphs]


def user_words() -> tuple[tuple[str, str], ...]:
    """The user dictionary: (word, Kiwi tag) pairs from the lexicons."""
    words = [(w, "NNP") for w in (*L.KNOWN_ORGS, *L.ABBREVIATIONS)]
    words += [(w, "NNG") for w in L.POST_TITLES if len(w) > 1]
    return tuple(dict.fromkeys(words))


# Kiwi's multi-word dictionary (Wikipedia titles such as ``바디 텍 메드`` as one
# morpheme) costs 1.4 of Kiwi's 2.7 CPU s of loading and changed the morphemes of
# 3 of the 189 shared articles; extraction scored no worse without it (bench/RESULTS.md).
KIWI_OPTIONS = {"load_multi_dict": False}


@lru_cache(maxsize=4)
def load_kiwi(words: tuple[tuple[str, str], ...] | None = None):
    """A Kiwi analyzer (``KIWI_OPTIONS``) with the user dictionary; loaded once per process."""
    from kiwipiepy import Kiwi

    kiwi = Kiwi(**KIWI_OPTIONS)
    for word, tag in user_words() if words is None else words:
        kiwi.add_user_word(word, tag, 0.0)
    return kiwi


def dictionary_noun(morphs: Sequence[Morph]) -> bool:
    """Whether ``morphs`` make one common noun of Kiwi's dictionary: an NNG it knows, alone or after a glued prefix.

    당연직 (a dictionary NNG), 최연소 (최/XPN + 연소): words, not names. Kiwi tags a name it does not
    know as an out-of-vocabulary NNG too (강시우), and such a guess is no dictionary noun.
    """
    if len(morphs) == 2 and _prefixes(morphs[0], morphs[1]):
        morphs = morphs[1:]
    return len(morphs) == 1 and _known_noun(morphs[0])


def common_nouns(text: str, morphs: list[Morph]) -> set[str]:
    """The words of ``text`` that are one common noun of Kiwi's dictionary (``dictionary_noun``), of two syllables
    or more."""
    out = {text[m.start:m.end] for m in morphs if m.end - m.start > 1 and _known_noun(m)}
    out.update(text[a.start:b.end] for a, b in zip(morphs, morphs[1:]) if _prefixes(a, b) and _known_noun(b))
    return out


def _known_noun(m: Morph) -> bool:
    return m.tag == "NNG" and not m.oov


def _prefixes(a: Morph, b: Morph) -> bool:
    """``a`` is a prefix glued to ``b`` (최/XPN 연소)."""
    return a.tag == "XPN" and a.end == b.start


# A sentence ends after final punctuation (다. / 요? / 」.) followed by whitespace.
_SENT_END = re.compile(r"(?<=[.!?])[\"”’'」)]*[ \t]+(?=\S)")


Analysis = tuple[list[Morph], list[int]]  # what ``analyze`` gives: the morphemes, where sentences may start


def analyze(text: str) -> Analysis:
    """Kiwi morphemes of ``text`` (one analysis) and the sentence start offsets.

    Sentences are cut at line breaks and after final punctuation (where Kiwi
    tagged the mark SF), outside parentheses: Kiwi's own sentence splitter
    costs half as much again as the analysis (research/NOTES.md).
    """
    morphs = [Morph(t.start, t.start + t.len, t.form, t.tag, t.oov) for t in load_kiwi().tokenize(text)]
    final = {m.start for m in morphs if m.tag == "SF"}
    starts = [m.end() for m in _SENT_END.finditer(text) if _final_mark(text, m.start(), final)]
    return morphs, starts


def _final_mark(text: str, pos: int, final: set[int]) -> bool:
    """The punctuation before ``pos`` closes a sentence (Kiwi tagged it SF; not 1.5 or e.g.)."""
    while pos > 0 and text[pos - 1] in "\"”’'」)":
        pos -= 1
    return pos - 1 in final


def _spans(text: str, morphs: list[Morph]) -> list[tuple[int, int, str]]:
    """Token spans: overlapping morphemes merged, Latin runs rejoined, zero-length dropped."""
    spans: list[list] = []
    for m in morphs:
        if m.end <= m.start:
            continue  # zero-length morpheme (이/VCP inside 결과라고)
        if spans and m.start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], m.end)
            spans[-1][2] += "+" + m.tag
        elif spans and m.start == spans[-1][1] and _joins_latin(text, spans[-1], m):
            spans[-1][1] = m.end
        else:
            spans.append([m.start, m.end, m.tag])
    return [tuple(s) for s in spans]


def _joins_latin(text: str, prev: list, m: Morph) -> bool:
    # Kiwi cuts Latin words before a dot (heraldcorp.com -> heral + dcorp.com)
    return bool(prev[2] in ("SL", "SN") and m.tag in ("SL", "SN") and _LATIN.fullmatch(text[prev[0]:m.end]))


def tokens(text: str, morphs: list[Morph]) -> tuple[list[str], list[bool], list[str]]:
    """spaCy words, spaces and tags covering ``text`` exactly."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    pos = 0
    for start, end, tag in [*_spans(text, morphs), (len(text), len(text), "")]:
        if start > pos:
            _gap(text[pos:start], words, spaces, tags)
        if end > start:
            words.append(text[start:end])
            spaces.append(False)
            tags.append(tag)
        pos = max(pos, end)
    return words, spaces, tags


def _gap(gap: str, words: list[str], spaces: list[bool], tags: list[str]) -> None:
    # One plain space after a token is its whitespace; anything else is a token.
    if gap.isspace():
        if words and not spaces[-1] and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
            tags.append("_SP")
        return
    stripped = gap.rstrip()
    words.append(stripped)  # characters Kiwi skipped: keep them as a token
    spaces.append(False)
    tags.append("SW")
    if gap[len(stripped):]:
        _gap(gap[len(stripped):], words, spaces, tags)


def sentence_starts(text: str, final: list[int]) -> list[int]:
    """Sorted sentence start offsets: 0, after each run of line breaks, and ``analyze``'s ``final`` outside parentheses."""
    starts = {s for s in final if not _inside_parens(text, s)}
    starts |= {m.end() for m in _LINE_BREAKS.finditer(text)} | {0}
    return sorted(starts)


_LINE_BREAKS = re.compile(r"\n+")


def _inside_parens(text: str, pos: int) -> bool:
    """``pos`` lies inside an open parenthesis on its line (``(홍길동 박사. 어느 기관)``)."""
    line = text[text.rfind("\n", 0, pos) + 1:pos]
    return line.count("(") > line.count(")")


class KiwiTokenizer:
    """A spaCy tokenizer on Kiwi; picklable (Kiwi is rebuilt in each process)."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc

        morphs, final = analyze(text)
        words, spaces, tags = tokens(text, morphs)
        offsets = sentence_starts(text, final)
        starts = set(offsets)
        sents, offset = [], 0
        for word, space in zip(words, spaces):
            sents.append(offset in starts)
            offset += len(word) + space
        doc = Doc(self.vocab, words=words, spaces=spaces, tags=tags, sent_starts=sents)
        doc.user_data["kiwi"] = morphs  # named tuples: msgpack-safe for nlp.pipe(n_process=…)
        doc.user_data["sent_starts"] = offsets  # character offsets (cheaper than doc.sents)
        doc.user_data["text"] = text  # for kg_mentions (which removes it): doc.text is rebuilt from the tokens
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 64):
        for text in texts:
            yield self(text)

    def __reduce__(self):
        return (KiwiTokenizer, (self.vocab,))

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "KiwiTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "KiwiTokenizer":
        return self


def register_tokenizer() -> None:
    """Register ``kg.KiwiTokenizer.v1`` in spaCy's tokenizer registry (once)."""
    from spacy.util import registry

    if "kg.KiwiTokenizer.v1" in registry.tokenizers:
        return

    @registry.tokenizers("kg.KiwiTokenizer.v1")
    def make_kiwi_tokenizer():
        return lambda nlp: KiwiTokenizer(nlp.vocab)

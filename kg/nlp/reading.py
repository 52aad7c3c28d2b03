"""What extraction reads of an article's text, without a spaCy ``Doc``: morphemes, sentence starts, rule mentions.

``read(text)`` gives what ``kg.nlp.language.parse(text)`` stores on its ``Doc``
(``morphs_of``, ``user_data["sent_starts"]``, ``mentions_of``), from the same
functions. Extraction and training read only these three; building the
``Doc`` (spaCy tokens, their tags and sentence flags) and importing spaCy cost
~4 % of a build's CPU (bench/RESULTS.md, twelfth session), so they take this
path and the pipeline stays for whoever wants a ``Doc``.
"""

from __future__ import annotations

from typing import NamedTuple

from kg.nlp.marked import find_mentions
from kg.nlp.mentions import Mention
from kg.nlp.tokenizer import Analysis, Morph, analyze, sentence_starts


class Reading(NamedTuple):
    """Kiwi's morphemes, the sentence start offsets (sorted, 0 first) and the rules' typed names."""

    morphs: list[Morph]
    sent_starts: list[int]
    mentions: list[Mention]


def read(text: str, analysis: Analysis | None = None) -> Reading:
    """The morphemes, sentence starts and rule mentions of ``text``, as the spaCy pipeline gives them.

    ``analysis``: ``analyze(text)``, if it was done already (``kg.pipeline.extraction.process_many``).
    """
    morphs, final = analyze(text) if analysis is None else analysis
    return Reading(morphs, sentence_starts(text, final), find_mentions(text, morphs))

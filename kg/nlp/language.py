"""The spaCy pipeline: the Kiwi tokenizer, then the ``kg_mentions`` component.

``parse(text)`` is what the extractor calls; the pipeline is made once per
process (``make_nlp``). Only this module imports spaCy at import time:
tokenizing and finding mentions are plain functions of their own modules.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.marked import find_mentions
from kg.nlp.tokenizer import morphs_of, register_tokenizer


@Language.factory("kg_mentions", default_config={})
def make_mention_finder(nlp: Language, name: str):
    """The spaCy component: typed names into ``doc.spans["kg_mentions"]``."""
    return MentionFinder()


class MentionFinder:
    """Writes ``find_mentions`` results as labelled spans (exact character offsets)."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.user_data.pop("text", None)  # the tokenizer's input: spaCy rebuilds doc.text from the tokens
        text = doc.text if text is None else text
        mentions = find_mentions(text, morphs_of(doc))
        spans = []
        for m in mentions:
            span = doc.char_span(m.start, m.end, label=m.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.user_data["kg_mentions"] = [tuple(m.__dict__.values()) for m in mentions]  # exact offsets, msgpack-safe
        doc.spans["kg_mentions"] = spans
        return doc


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """The pipeline: Kiwi tokenizer, then the ``kg_mentions`` component."""
    import spacy

    register_tokenizer()
    config = {"nlp": {"tokenizer": {"@tokenizers": "kg.KiwiTokenizer.v1"}}}
    nlp = spacy.blank("xx", config=config)
    nlp.add_pipe("kg_mentions")
    return nlp


def parse(text: str) -> Doc:
    """The spaCy ``Doc`` of ``text`` through the full pipeline."""
    return make_nlp()(text)

"""Extract: entities and relations of one article, each relation with its sentence.

``extract(article) -> Extraction`` (``kg.extract.article``) is the stage's
entry; ``kg.extract.annotations`` writes an extraction in the gold format.
"""

from kg.extract.article import extract

__all__ = ["extract"]

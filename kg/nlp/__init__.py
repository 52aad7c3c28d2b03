"""Korean NLP: Kiwi tokens, typed name mentions and dates, as spaCy components.

``kg.nlp.language.parse`` runs the spaCy pipeline (``kg.nlp.tokenizer``'s Kiwi
tokenizer, then ``kg.nlp.mentions`` as the ``kg_mentions`` component);
``kg.nlp.dates.find_dates`` resolves the dates of a sentence.
"""

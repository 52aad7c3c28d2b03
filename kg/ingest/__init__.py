"""Ingest: read documents into ``Source`` records, then find each article's body and metadata.

``kg.ingest.read.read_sources`` reads files and folders (page dumps, HTML,
JSON Lines, in any of the encodings Korean pages use); ``kg.ingest.body.find_body``
turns a ``Source`` into an ``Article`` (body text, title, date, publisher).
"""

"""Extraction: documents in, facts with evidence offsets out.

Each component (language, sentences, numbers, dates, gazetteer, events, presence, flows,
attribution) lives in its own module with one entry point, so each can be tested and
benchmarked alone. ``run`` is the one public entry: it gives the store exactly what
``store.add_document(doc, sentences, mentions, facts)`` takes.
"""

from __future__ import annotations

from dataclasses import dataclass

from cartel_atlas.model import Document, Fact, Mention, Sentence
from cartel_atlas.vocab import Vocabulary, get_vocabulary


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    language: str
    sentences: list[Sentence]
    mentions: list[Mention]
    facts: list[Fact]


def run(document: Document, vocab: Vocabulary | None = None) -> Extraction:
    """Extract sentences, mentions and facts (with evidence) from ``document``."""
    from cartel_atlas.extract.pipeline import analyse, sentence_records

    lang, view, facts, mentions = analyse(document, vocab or get_vocabulary())
    return Extraction(document, lang, sentence_records(view), mentions, facts)


__all__ = ["Extraction", "run"]

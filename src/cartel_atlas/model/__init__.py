"""Frozen records shared by every layer; no I/O here."""

from cartel_atlas.model.document import Document, Sentence, content_id, normalise_text
from cartel_atlas.model.facts import (
    FACT_KINDS,
    POLARITIES,
    Evidence,
    Fact,
    Mention,
)
from cartel_atlas.model.incident import Incident
from cartel_atlas.model.records import OfficialCount, Prepared, Rejected
from cartel_atlas.model.source import RELIABILITY_GRADES, Source

__all__ = [
    "FACT_KINDS",
    "POLARITIES",
    "RELIABILITY_GRADES",
    "Document",
    "Evidence",
    "Fact",
    "Incident",
    "Mention",
    "OfficialCount",
    "Prepared",
    "Rejected",
    "Sentence",
    "Source",
    "content_id",
    "normalise_text",
]

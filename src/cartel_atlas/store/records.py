"""What the store hands back, and the deterministic fact id."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from cartel_atlas.model import Evidence, Fact
from cartel_atlas.store.types import dumps


def fact_id(fact: Fact) -> str:
    """Deterministic id: the same claim on the same span of the same document is one row.

    Hashes doc id, kind, canonical fields and evidence offsets, so re-extracting a
    document yields the ids already stored. A fact's own non-empty ``id`` wins.
    """
    if fact.id:
        return fact.id
    ev = fact.evidence
    key = dumps([ev.doc_id, fact.kind, fact.fields, ev.start, ev.end])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class StoredFact:
    """A fact as stored, with its record/retraction times and its document's metadata."""

    id: str
    doc_id: str
    kind: str
    fields: dict[str, Any]
    polarity: str
    confidence: float
    source: str | None
    evidence: Evidence
    valid_from: date | None
    valid_to: date | None
    recorded_at: datetime
    retracted_at: datetime | None
    doc_title: str | None
    doc_url: str | None
    doc_published: date | None
    doc_publisher: str | None
    source_id: str | None = None

    def to_fact(self) -> Fact:
        """The plain ``model.Fact`` (e.g. for ``to_record`` exports)."""
        return Fact(
            kind=self.kind,
            fields=dict(self.fields),
            evidence=self.evidence,
            polarity=self.polarity,
            confidence=self.confidence,
            source=self.source,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            recorded_at=self.recorded_at,
            id=self.id,
        )


@dataclass(frozen=True, slots=True)
class QuarantineRecord:
    """An input that could not be ingested, with why and where in it."""

    id: int
    run_id: int | None
    uri: str
    reason_code: str
    reason: str
    locator: str | None
    payload: str | None
    created_at: datetime
    retried_at: datetime | None = None
    resolved_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class IngestRun:
    """One ingest command's run: what it did and how it ended."""

    id: int
    command: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    counts: dict[str, Any] = field(default_factory=dict)

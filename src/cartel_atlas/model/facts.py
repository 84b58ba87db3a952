"""Mentions, evidence and facts: what extraction produces and the store keeps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

FACT_KINDS = (
    "presence",
    "presence_count",
    "event",
    "flow",
    "statistic",
    "legal_action",
    "alias",
)
POLARITIES = ("asserted", "hedged", "negated")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document that names something we know (group, place, date...)."""

    doc_id: str
    kind: str
    start: int
    end: int
    surface: str
    key: str
    """Canonical identifier: group id, INEGI code, ISO date, number..."""
    sentence: int = -1
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact came from: the exact span, and which component said so."""

    doc_id: str
    start: int
    end: int
    sentence: str
    component: str
    version: str
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """One claim extracted from one document.

    ``fields`` holds the kind-specific values in the exchange format (group, place,
    event_type, date, killed...). ``source`` is who asserts the claim (None: the
    document's own voice). ``valid_from``/``valid_to`` is the time the claim is about;
    ``recorded_at`` is when we learned it.
    """

    kind: str
    fields: dict[str, Any]
    evidence: Evidence
    polarity: str = "asserted"
    confidence: float = 0.5
    source: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    recorded_at: datetime | None = None
    id: str = ""

    def to_record(self, doc_name: str | None = None) -> dict[str, Any]:
        """The fact in the exchange (JSON Lines) format, with its evidence fields."""
        rec: dict[str, Any] = {"doc": doc_name or self.evidence.doc_id, "kind": self.kind}
        rec.update(self.fields)
        if self.kind in ("presence", "event", "flow", "legal_action") and "polarity" not in rec:
            rec["polarity"] = self.polarity
        if self.kind in ("presence", "presence_count", "flow", "statistic") and "source" not in rec:
            rec["source"] = self.source
        rec["evidence"] = self.evidence.sentence
        rec["start"] = self.evidence.start
        rec["end"] = self.evidence.end
        rec["component"] = f"{self.evidence.component}@{self.evidence.version}"
        rec["confidence"] = round(self.confidence, 3)
        if self.evidence.page is not None:
            rec["page"] = self.evidence.page
        return rec

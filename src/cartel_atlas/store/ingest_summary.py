"""What an ingest run did: counts for the summary table, the run row and ``--json``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol


class ProgressSink(Protocol):
    """Where the ingest reports progress (the CLI draws a progress bar from it)."""

    def begin(self, total: int | None) -> None:
        """The number of inputs about to be read (None: unknown, e.g. a feed)."""

    def step(self, label: str) -> None:
        """One input (file, URL) fully read, extracted and stored."""


@dataclass(frozen=True, slots=True)
class RejectionSeen:
    """One quarantine decision of a run: where and why (for ``quarantine retry``)."""

    uri: str
    locator: str | None
    reason_code: str
    quarantine_id: int


@dataclass
class IngestSummary:
    """Counts of one run; ``as_dict`` is what ``--json`` prints and the run row keeps."""

    run_id: int | None = None
    status: str = "running"
    inputs: int = 0
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    relinked: int = 0
    """Stored near-duplicates whose link was missing (a crash between store and link)."""
    quarantined: Counter[str] = field(default_factory=Counter)
    official_counts_read: int = 0
    official_counts_added: int = 0
    facts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    rejections: list[RejectionSeen] = field(default_factory=list)

    @property
    def quarantined_total(self) -> int:
        return sum(self.quarantined.values())

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-able counts."""
        return {
            "run_id": self.run_id,
            "status": self.status,
            "inputs": self.inputs,
            "documents": {
                "new": self.new,
                "duplicate": self.duplicate,
                "near_duplicate": self.near_duplicate,
                "relinked": self.relinked,
            },
            "quarantined": {
                "total": self.quarantined_total,
                "by_reason": dict(sorted(self.quarantined.items())),
            },
            "official_counts": {
                "read": self.official_counts_read,
                "added": self.official_counts_added,
            },
            "facts": {"total": sum(self.facts.values()), **dict(sorted(self.facts.items()))},
            "seconds": round(self.seconds, 3),
        }

"""Incidents: one real-world event, possibly reported by several documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Incident:
    """A deduplicated event with every fact (and so every source) that reports it."""

    id: str
    event_type: str
    date_from: date | None
    date_to: date | None
    place: str | None
    actor: str | None
    killed_min: int | None = None
    killed_max: int | None = None
    wounded_min: int | None = None
    wounded_max: int | None = None
    fact_ids: tuple[str, ...] = ()
    merge_reasons: tuple[str, ...] = field(default=())

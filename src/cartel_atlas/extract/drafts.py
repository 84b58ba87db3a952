"""A fact in the making: kind, fields and evidence span, before it becomes a ``Fact``.

Extractors emit drafts; the pipeline attaches evidence sentences, source and validity
dates and freezes them into ``model.Fact`` records in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Draft:
    """One extracted claim with the span of text that supports it."""

    kind: str
    fields: dict[str, Any]
    start: int
    end: int
    sentence: int
    component: str
    polarity: str = "asserted"
    confidence: float = 0.6
    source: str | None = None
    date: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

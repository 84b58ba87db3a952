"""What source readers yield besides plain documents.

A reader never raises on bad input inside a file: it yields ``Rejected`` for the row,
page or item and carries on, so the ingest can quarantine it with a precise reason.
Structured inputs (ACLED rows, STIX objects) arrive with their facts already made:
``Prepared`` pairs a document (the row or object rendered as text, so evidence still
points at words) with those facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cartel_atlas.model.document import Document
from cartel_atlas.model.facts import Fact


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input (file, row, page, feed item, URL) that cannot be used, and why."""

    uri: str
    reason_code: str
    """Stable short code: empty, binary, undecodable, oversized, malformed, bad_code..."""
    reason: str
    locator: str | None = None
    """Where inside the input: 'line 17', 'page 3', 'item 4', 'object indicator--…'."""
    payload: str | None = None
    """A short excerpt of the offending input, for the analyst to see."""


@dataclass(frozen=True, slots=True)
class OfficialCount:
    """One month of one official crime statistic (SESNSP layout), in one place."""

    dataset: str
    """'sesnsp_state_incidence', 'sesnsp_state_victims' or 'sesnsp_municipal_incidence'."""
    year: int
    month: int
    state_code: str
    municipality_code: str | None
    bien_juridico: str
    tipo: str
    subtipo: str
    modalidad: str
    value: int
    sexo: str | None = None
    rango_edad: str | None = None
    source_file: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document whose facts came structured from the source (ACLED, STIX)."""

    document: Document
    facts: tuple[Fact, ...] = ()
    extract_text: bool = False
    """Also run text extraction on the document (e.g. a STIX report's description)."""
    attrs: dict[str, Any] = field(default_factory=dict)

"""Facts in the exchange format, with evidence fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from cartel_atlas.extract.export import date_bounds, records


def test_export_date_bounds_of_partial_dates_and_intervals() -> None:
    assert date_bounds("2020-06") == (date(2020, 6, 1), date(2020, 6, 30))
    assert date_bounds("2019") == (date(2019, 1, 1), date(2019, 12, 31))
    assert date_bounds("2025-10-17/2025-10-19") == (date(2025, 10, 17), date(2025, 10, 19))
    assert date_bounds(None) == (None, None)


def test_export_records_carry_evidence_span_component_and_confidence(
    extract: Callable[..., Any],
) -> None:
    text = "El 9 de julio, soldados detuvieron a dos personas en Ahome, Sinaloa."
    ex = extract(text)
    rec = records(ex.facts, "doc-1")[0]
    assert rec["doc"] == "doc-1"
    assert text[rec["start"] : rec["end"]] == rec["evidence"]
    assert rec["component"].startswith("events@")
    assert 0 < rec["confidence"] <= 1
    fact = ex.facts[0]
    assert fact.evidence.doc_id == ex.document.id
    assert fact.valid_from == date(2024, 7, 9)

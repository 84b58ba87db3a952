"""``run`` end to end on a short Spanish and a short English report, exact facts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from cartel_atlas.extract.export import records

ES = """El Gabinete de Seguridad informa las acciones del lunes 8 de julio de 2024.

SINALOA:

-En Guasave, elementos del Ejército detuvieron a dos personas y les aseguraron un fusil y \
40 cartuchos.

El costo del armamento asegurado es de 90,000 pesos.
"""

EN = """Treasury Sanctions Cartel Network

Today, the Department of the Treasury is sanctioning four people linked to Los Chapitos.
According to InSight Crime, Los Chapitos control Culiacán, Sinaloa. \
The faction ships fentanyl from Sinaloa into the United States.
"""


def _key(rec: dict[str, Any]) -> tuple[Any, ...]:
    keep = {
        k: v
        for k, v in rec.items()
        if k not in ("doc", "evidence", "start", "end", "component", "confidence", "id")
    }
    return tuple(sorted((k, str(v)) for k, v in keep.items()))


def test_run_spanish_daily_report_exact_facts(extract: Callable[..., Any]) -> None:
    ex = extract(ES, "es", date(2024, 7, 9))
    assert ex.language == "es"
    got = sorted(
        (r["kind"], r.get("event_type"), r.get("date"), r.get("place"), r.get("value"))
        for r in records(ex.facts, "es-doc")
    )
    assert got == [
        ("event", "arms_seizure", "2024-07-08", "Sinaloa/Guasave", None),
        ("event", "arrest", "2024-07-08", "Sinaloa/Guasave", None),
        ("statistic", None, None, None, 90000),
    ]
    assert [s.text for s in ex.sentences][1] == "SINALOA:"


def test_run_english_release_exact_facts(extract: Callable[..., Any]) -> None:
    ex = extract(EN, "en", date(2024, 7, 9))
    got = sorted(
        (
            r["kind"],
            r.get("action") or r.get("group") or r.get("commodity"),
            r.get("place") or r.get("from"),
            r.get("to"),
            r.get("source"),
        )
        for r in records(ex.facts, "en-doc")
    )
    assert got == [
        ("flow", "fentanyl", "Sinaloa", "United States", "InSight Crime"),
        ("legal_action", "sanction", None, None, None),
        ("presence", "Los Chapitos", "Sinaloa/Culiacán", None, "InSight Crime"),
    ]
    legal = next(f for f in ex.facts if f.kind == "legal_action")
    assert legal.fields["target"] == ["Los Chapitos"]
    assert legal.fields["date"] == "2024-07-09"


def test_run_gives_the_store_sentences_mentions_and_facts(extract: Callable[..., Any]) -> None:
    ex = extract(EN, "en")
    doc_id = ex.document.id
    assert all(s.doc_id == doc_id and EN[s.start : s.end] == s.text for s in ex.sentences)
    assert all(m.doc_id == doc_id and EN[m.start : m.end] == m.surface for m in ex.mentions)
    assert {m.kind for m in ex.mentions} >= {"group", "place", "commodity"}
    assert all(f.evidence.doc_id == doc_id and f.id for f in ex.facts)


def test_run_is_deterministic(extract: Callable[..., Any]) -> None:
    a = records(extract(ES).facts)
    b = records(extract(ES).facts)
    assert a == b


def test_run_empty_and_punctuation_only_documents(extract: Callable[..., Any]) -> None:
    for text in ("", "  \n\n ", "!!!"):
        ex = extract(text)
        assert ex.facts == []

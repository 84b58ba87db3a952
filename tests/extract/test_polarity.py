"""Hedged and negated claims."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Facts = Callable[..., list[dict[str, Any]]]


def test_polarity_presuntamente_hedges_presence(facts: Facts) -> None:
    found = facts(
        "Presuntamente, el Cártel del Noreste opera en Nuevo Laredo, Tamaulipas.", "es", "presence"
    )
    assert found
    assert {f["polarity"] for f in found} == {"hedged"}


def test_polarity_allegedly_hedges_presence(facts: Facts) -> None:
    found = facts(
        "The Santa Rosa de Lima Cartel allegedly operates in Celaya, Guanajuato.", "en", "presence"
    )
    assert found
    assert {f["polarity"] for f in found} == {"hedged"}


def test_polarity_sin_vida_is_not_a_negation(facts: Facts) -> None:
    found = facts(
        "El 9 de julio localizaron los cuerpos sin vida de dos hombres en Zamora, Michoacán.",
        "es",
        "event",
    )
    assert found
    assert all(f["polarity"] != "negated" for f in found)


def test_polarity_no_se_ha_podido_capturar(facts: Facts) -> None:
    found = facts(
        "El 9 de julio, el jefe de plaza escapó del operativo en Tepalcatepec, "
        "Michoacán, y no se ha podido capturar.",
        "es",
        "event",
    )
    assert [f["polarity"] for f in found if f["event_type"] == "arrest"] in ([], ["negated"])


def test_polarity_plain_statement_is_asserted(facts: Facts) -> None:
    found = facts("Los Ardillos controlan Quechultenango, Guerrero.", "es", "presence")
    assert found
    assert {f["polarity"] for f in found} == {"asserted"}


def test_polarity_negation_after_the_cue_does_not_negate(facts: Facts) -> None:
    found = facts(
        "El 9 de julio, soldados aseguraron tres armas sin registro en Tecate, Baja California.",
        "es",
        "event",
    )
    assert found
    assert all(f["polarity"] != "negated" for f in found)


def test_polarity_negated_arrest_in_english(facts: Facts) -> None:
    found = facts(
        "On July 9, the gang leader was not arrested in Culiacán, Sinaloa.", "en", "event"
    )
    assert [f["polarity"] for f in found if f["event_type"] == "arrest"] == ["negated"]


def test_polarity_fugitive_in_another_clause_does_not_negate_the_arrest(facts: Facts) -> None:
    found = facts(
        "On July 9, police arrested two men in Culiacán, Sinaloa; a third suspect "
        "remains at large.",
        "en",
        "event",
    )
    assert [f["polarity"] for f in found if f["event_type"] == "arrest"] == ["asserted"]


def test_polarity_denial_in_a_relative_clause_does_not_negate(facts: Facts) -> None:
    found = facts(
        "On July 9, the leader, who evaded capture for years, was arrested in Culiacán, Sinaloa.",
        "en",
        "event",
    )
    assert [f["polarity"] for f in found if f["event_type"] == "arrest"] == ["asserted"]

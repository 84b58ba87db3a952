"""Statistics: shares, values, cumulative totals; not incident quantities or rewards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Facts = Callable[..., list[dict[str, Any]]]


def _stats(facts: Facts, text: str, lang: str) -> set[tuple[float, str]]:
    return {(f["value"], f["unit"]) for f in facts(text, lang, "statistic")}


def test_statistics_percentage_with_more_than(facts: Facts) -> None:
    got = _stats(facts, "In 2022, more than 60% of the homicides involved firearms.", "en")
    assert got == {(60, "percent (more than)")}


def test_statistics_value_of_seized_drugs_in_pesos(facts: Facts) -> None:
    got = _stats(facts, "El valor de la droga decomisada es de 2.5 millones de pesos.", "es")
    assert got == {(2500000, "MXN")}


def test_statistics_cumulative_totals(facts: Facts) -> None:
    got = _stats(
        facts,
        "En lo que va del sexenio se han asegurado 12,500 kilos de cocaína y 310 laboratorios.",
        "es",
    )
    assert got == {(12500, "kg"), (310, "laboratorios")}


def test_statistics_reward_amount_is_not_a_statistic(facts: Facts) -> None:
    assert _stats(facts, "The State Department offers a reward of up to $5 million.", "en") == set()


def test_statistics_quantities_of_one_seizure_are_not_statistics(facts: Facts) -> None:
    assert (
        _stats(
            facts,
            "El 9 de julio, soldados aseguraron 40 kilos de cocaína en Tecate, Baja California.",
            "es",
        )
        == set()
    )


def test_statistics_source_from_according_to(facts: Facts) -> None:
    found = facts(
        "According to the CDC, 107,000 overdose deaths occurred in 2022.", "en", "statistic"
    )
    assert [(f["value"], f["unit"]) for f in found] == [(107000, "deaths")]
    assert found[0]["source"]


def test_statistics_yearly_homicide_total_is_a_statistic(facts: Facts) -> None:
    text = "Homicides reached a record of more than 36,000 in 2019, according to officials."
    assert _stats(facts, text, "en") == {(36000, "homicides (more than)")}
    assert facts(text, "en", "event") == []


def test_statistics_victims_of_one_incident_are_not_statistics(facts: Facts) -> None:
    text = (
        "Five young men who went missing on Aug. 11 in Lagos de Moreno, Jalisco, are "
        "believed to have been killed, prosecutors said."
    )
    assert _stats(facts, text, "en") == set()


def test_statistics_losses_and_damages_in_money(facts: Facts) -> None:
    en = (
        "The FBI said about 4,000 U.S. victims reported losses of almost $250 million to "
        "investment scams run from Mexico between 2020 and 2024."
    )
    assert _stats(facts, en, "en") == {(4000, "victims"), (250000000, "USD")}
    es = "Los daños a la red de ductos sumaron 1,200 millones de pesos el año pasado."
    assert _stats(facts, es, "es") == {(1200000000, "MXN")}


def test_statistics_vague_quantities_have_no_value(facts: Facts) -> None:
    text = (
        "La Fiscalía informó que en estos días se han registrado decenas de homicidios y "
        "cientos de denuncias por robo de vehículos."
    )
    assert _stats(facts, text, "es") == set()

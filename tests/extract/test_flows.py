"""Trafficking flows: commodity, origin, via, destination."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Facts = Callable[..., list[dict[str, Any]]]


def _flows(facts: Facts, text: str, lang: str) -> set[tuple[str, Any, Any]]:
    return {(f["commodity"], f["from"], f["to"]) for f in facts(text, lang, "flow")}


def test_flows_from_via_ports_to(facts: Facts) -> None:
    found = facts(
        "The Sinaloa Cartel brings fentanyl precursors from China through the ports "
        "of Manzanillo and Lázaro Cárdenas into Mexico.",
        "en",
        "flow",
    )
    assert len(found) == 1
    f = found[0]
    assert (f["from"], f["to"]) == ("China", "Mexico")
    assert f["via"] == ["Colima/Manzanillo", "Michoacán/Lázaro Cárdenas"]
    assert f["actor"] == "Sinaloa Cartel"


def test_flows_spanish_hacia_estados_unidos(facts: Facts) -> None:
    got = _flows(
        facts, "La organización envía metanfetamina desde Sinaloa hacia Estados Unidos.", "es"
    )
    assert got == {("metanfetamina", "Sinaloa", "United States")}


def test_flows_origin_adjective_applies_to_the_list(facts: Facts) -> None:
    got = _flows(
        facts, "Demand in the U.S. market keeps Mexican heroin and cocaine moving north.", "en"
    )
    assert ("heroin", "Mexico", "United States") in got
    assert ("cocaine", "Mexico", "United States") in got


def test_flows_example_after_such_as_is_not_a_separate_flow(facts: Facts) -> None:
    got = _flows(
        facts, "They smuggle synthetic opioids such as fentanyl into the United States.", "en"
    )
    assert got == {("synthetic opioids", None, "United States")}


def test_flows_trade_without_end_points_is_not_a_flow(facts: Facts) -> None:
    assert (
        _flows(facts, "The group profits from the trafficking of cocaine and heroin.", "en")
        == set()
    )


def test_flows_guns_traced_back_to_the_united_states(facts: Facts) -> None:
    got = _flows(
        facts, "Most guns recovered in Mexico were traced back to the United States.", "en"
    )
    assert ("guns", "United States", "Mexico") in got


def test_flows_hedged_when_analysts_believe(facts: Facts) -> None:
    found = facts("Analysts believe the cartel may ship fentanyl to Canada.", "en", "flow")
    assert found
    assert found[0]["polarity"] == "hedged"


def test_flows_each_commodity_takes_the_end_point_of_its_clause(facts: Facts) -> None:
    got = _flows(
        facts,
        "The chemicals are shipped to Mexico, where they are used to make "
        "fentanyl destined for the United States.",
        "en",
    )
    assert got == {("precursor chemicals", None, "Mexico"), ("fentanyl", None, "United States")}


def test_flows_activity_named_with_its_commodity_is_not_the_flow(facts: Facts) -> None:
    got = _flows(
        facts,
        "The network runs fentanyl trafficking, fuel theft and the smuggling "
        "of crude oil from Mexico into the United States.",
        "en",
    )
    assert got == {("crude oil", "Mexico", "United States")}

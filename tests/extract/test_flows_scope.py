"""Flow end points from manufacture, facilities, inbound ports and carried-over
shipments; speakers and products are not end points."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Facts = Callable[..., list[dict[str, Any]]]


def _flows(facts: Facts, text: str, lang: str) -> set[tuple[str, Any, Any]]:
    return {(f["commodity"], f["from"], f["to"]) for f in facts(text, lang, "flow")}


def test_flows_made_in_a_country_is_the_origin_en(facts: Facts) -> None:
    text = "Police say the rifles were bought in the United States and smuggled into Mexico."
    assert _flows(facts, text, "en") == {("assault rifles", "United States", "Mexico")}


def test_flows_de_fabricacion_is_the_origin_es(facts: Facts) -> None:
    text = "Aumentó el ingreso de armas de fuego de fabricación estadunidense hacia México."
    assert _flows(facts, text, "es") == {("armas de fuego", "United States", "Mexico")}


def test_flows_goods_moved_to_labs_go_to_the_states_of_the_labs_en(facts: Facts) -> None:
    found = facts(
        "The precursors are reportedly trucked to hidden labs run by the Sinaloa Cartel in "
        "the mountains of Sonora and Chihuahua, and to labs linked to the CJNG in Colima.",
        "en",
        "flow",
    )
    got = {(f["to"], f["actor"]) for f in found}
    assert got == {
        ("Sonora", "Sinaloa Cartel"),
        ("Chihuahua", "Sinaloa Cartel"),
        ("Colima", "Jalisco New Generation Cartel"),
    }
    assert {f["polarity"] for f in found} == {"hedged"}


def test_flows_goods_moved_to_labs_es(facts: Facts) -> None:
    text = (
        "Los precursores se trasladan por carretera hacia laboratorios clandestinos en la "
        "sierra de Durango."
    )
    assert _flows(facts, text, "es") == {("precursores químicos", None, "Durango")}


def test_flows_shipments_arriving_at_a_mexican_port_go_to_mexico_en(facts: Facts) -> None:
    text = (
        "Investigators say most methamphetamine precursors are produced in India. "
        "Those shipments arrive at the port of Veracruz, in Veracruz state."
    )
    found = facts(text, "en", "flow")
    assert ("India", "Mexico", ["Veracruz/Veracruz"]) in [
        (f["from"], f["to"], f["via"]) for f in found
    ]


def test_flows_goods_entering_a_mexican_port_go_to_mexico_es(facts: Facts) -> None:
    text = "Por el puerto de Ensenada ingresan precursores químicos procedentes de China."
    assert _flows(facts, text, "es") == {("precursores químicos", "China", "Mexico")}


def test_flows_according_to_us_officials_is_not_a_destination_en(facts: Facts) -> None:
    text = "Cocaine is flown from Colombia to Honduras, according to U.S. officials."
    got = _flows(facts, text, "en")
    assert all(to != "United States" for _, _, to in got)


def test_flows_product_made_from_the_goods_is_not_moved_en(facts: Facts) -> None:
    text = "The chemicals used to make methamphetamine in Mexico are produced in India."
    assert _flows(facts, text, "en") == {("precursor chemicals", "India", "Mexico")}


def test_flows_product_made_from_the_goods_is_not_moved_es(facts: Facts) -> None:
    text = "Los químicos utilizados para fabricar metanfetamina en México son producidos en China."
    assert _flows(facts, text, "es") == {("precursores químicos", "China", "Mexico")}

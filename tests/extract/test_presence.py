"""Presence facts and presence counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Facts = Callable[..., list[dict[str, Any]]]


def _pres(facts: Facts, text: str, lang: str) -> set[tuple[str, str, str]]:
    return {(f["group"], f["place"], f["polarity"]) for f in facts(text, lang, "presence")}


def test_presence_english_based_in(facts: Facts) -> None:
    assert _pres(facts, "Los Ardillos are based in Chilapa, Guerrero.", "en") == {
        ("Los Ardillos", "Guerrero/Chilapa de Álvarez", "asserted"),
    }


def test_presence_spanish_opera_en(facts: Facts) -> None:
    got = _pres(facts, "La Familia Michoacana opera en el sur del Estado de México.", "es")
    assert got == {("La Familia Michoacana", "México", "asserted")}


def test_presence_turf_war_makes_both_sides_present(facts: Facts) -> None:
    got = _pres(facts, "El CJNG y el Cártel de Sinaloa mantienen una disputa por Zacatecas.", "es")
    assert {g for g, _, _ in got} == {"Jalisco New Generation Cartel", "Sinaloa Cartel"}
    assert {p for _, p, _ in got} == {"Zacatecas"}


def test_presence_hedged(facts: Facts) -> None:
    got = _pres(facts, "Presuntamente, Los Viagras controlan Buenavista, Michoacán.", "es")
    assert {pol for _, _, pol in got} == {"hedged"}


def test_presence_negated(facts: Facts) -> None:
    got = _pres(facts, "Officials say the Gulf Cartel does not operate in Yucatán.", "en")
    assert got == {("Gulf Cartel", "Yucatán", "negated")}


def test_presence_country_level_is_not_presence(facts: Facts) -> None:
    assert _pres(facts, "MS-13 has a presence in Mexico.", "en") == set()


def test_presence_count_english(facts: Facts) -> None:
    found = facts(
        "The study says the CJNG has a presence in 28 of 32 Mexican states.", "en", "presence_count"
    )
    assert [(f["group"], f["count"], f["of"]) for f in found] == [
        ("Jalisco New Generation Cartel", 28, 32)
    ]


def test_presence_count_spanish_with_words(facts: Facts) -> None:
    found = facts(
        "El Cártel de Sinaloa tiene presencia en veinte de los 32 estados.", "es", "presence_count"
    )
    assert [(f["group"], f["count"], f["of"]) for f in found] == [("Sinaloa Cartel", 20, 32)]


def test_presence_source_is_carried_over_in_the_paragraph(facts: Facts) -> None:
    text = (
        "According to InSight Crime, the Gulf Cartel is weakening. It still controls "
        "Reynosa, Tamaulipas."
    )
    found = facts(text, "en", "presence")
    assert found
    assert all(f["source"] == "InSight Crime" for f in found)


def test_presence_list_of_states_after_the_cue(facts: Facts) -> None:
    got = _pres(
        facts,
        "El CJNG mantiene presencia en Jalisco, Michoacán, Colima, Guanajuato, "
        "Zacatecas, Nayarit y Baja California.",
        "es",
    )
    assert {p for _, p, _ in got} == {
        "Jalisco",
        "Michoacán",
        "Colima",
        "Guanajuato",
        "Zacatecas",
        "Nayarit",
        "Baja California",
    }


def test_presence_count_without_a_total(facts: Facts) -> None:
    found = facts(
        "The Sinaloa Cartel operates in at least 17 Mexican states.", "en", "presence_count"
    )
    assert [(f["group"], f["count"], f["of"], f["source"]) for f in found] == [
        ("Sinaloa Cartel", 17, None, None)
    ]


def test_presence_each_group_with_its_own_places(facts: Facts) -> None:
    got = _pres(
        facts,
        "La Familia Michoacana opera en Guerrero, mientras que Los Ardillos dominan Chilapa.",
        "es",
    )
    assert ("La Familia Michoacana", "Guerrero", "asserted") in got
    assert not any(g == "La Familia Michoacana" and "Chilapa" in p for g, p, _ in got)


def test_presence_hedge_in_a_later_clause_does_not_hedge_the_first(facts: Facts) -> None:
    got = _pres(
        facts,
        "The Sinaloa Cartel has strongholds in Sonora and Chihuahua, and it has "
        "allegedly expanded into Zacatecas and Durango.",
        "en",
    )
    polarity = {p: pol for _, p, pol in got}
    assert polarity == {
        "Sonora": "asserted",
        "Chihuahua": "asserted",
        "Zacatecas": "hedged",
        "Durango": "hedged",
    }


REPORT_ES = (
    "Las tomas clandestinas se multiplicaron en Tecamachalco, Palmar de Bravo y "
    "Quecholac, en Puebla.\n\n"
    "Autoridades estatales han detectado la presencia de células del Cártel de Santa Rosa "
    "de Lima en la zona de ductos."
)
REPORT_EN = (
    "Illegal pipeline taps have multiplied in Tecamachalco, Palmar de Bravo and Quecholac, "
    "in Puebla.\n\n"
    "State officials have reported the presence of Santa Rosa de Lima Cartel cells near the "
    "pipelines."
)


@pytest.mark.parametrize(("text", "lang"), [(REPORT_ES, "es"), (REPORT_EN, "en")])
def test_presence_without_a_place_is_in_the_state_of_the_report(
    facts: Facts, text: str, lang: str
) -> None:
    found = {(f["group"], f["place"]) for f in facts(text, lang, "presence")}
    assert ("Santa Rosa de Lima Cartel", "Puebla") in found


def test_presence_without_a_place_in_a_report_on_many_states_is_not_placed(
    facts: Facts,
) -> None:
    text = (
        "Las tomas clandestinas se multiplicaron en Puebla, Hidalgo y Guanajuato.\n\n"
        "Autoridades han detectado la presencia de células del Cártel de Santa Rosa de Lima."
    )
    assert facts(text, "es", "presence") == []


def test_presence_in_a_country_does_not_fall_back_to_the_report_state(facts: Facts) -> None:
    text = (
        "Illegal pipeline taps have multiplied in Tecamachalco, Puebla.\n\n"
        "The Santa Rosa de Lima Cartel has a presence in the United States, officials said."
    )
    assert facts(text, "en", "presence") == []


def test_presence_in_a_town_the_report_placed_before(facts: Facts) -> None:
    text = (
        "Gunmen killed a police officer in Tepalcatepec, Michoacán, on Monday.\n\n"
        "Tepalcatepec sits on the border between Michoacán and Jalisco, an area contested "
        "by the Jalisco New Generation Cartel and local groups allied with Cárteles Unidos."
    )
    found = {(f["group"], f["place"], f["polarity"]) for f in facts(text, "en", "presence")}
    assert found == {
        ("Jalisco New Generation Cartel", "Michoacán/Tepalcatepec", "asserted"),
        ("Cárteles Unidos", "Michoacán/Tepalcatepec", "hedged"),
    }


def test_presence_count_of_mexicos_states(facts: Facts) -> None:
    text = "According to the DEA, the CJNG now operates in at least 28 of Mexico's 32 states."
    counts = [(f["group"], f["count"], f["of"]) for f in facts(text, "en", "presence_count")]
    assert counts == [("Jalisco New Generation Cartel", 28, 32)]


def test_presence_not_believed_to_be_present_is_negated(facts: Facts) -> None:
    text = "The Sinaloa Cartel is not believed to maintain a significant presence in Yucatán."
    assert _pres(facts, text, "en") == {("Sinaloa Cartel", "Yucatán", "negated")}


def test_presence_dominate_and_a_trailing_generic_speaker(facts: Facts) -> None:
    text = "Los Viagras dominate parts of Apatzingán, Michoacán, analysts say."
    found = facts(text, "en", "presence")
    assert [(f["group"], f["place"], f["source"]) for f in found] == [
        ("Los Viagras", "Michoacán/Apatzingán", "analysts")
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The CJNG has grown fast. Its core territory remains Jalisco and Colima, but it has "
            "fought the Sinaloa Cartel for control of Zacatecas.",
            "en",
        ),
        (
            "El CJNG creció rápido. Su bastión sigue siendo Jalisco y Colima, pero se disputa "
            "Zacatecas con el Cártel de Sinaloa.",
            "es",
        ),
    ],
)
def test_presence_a_rival_named_after_a_contrast_is_only_where_it_fights(
    facts: Facts, text: str, lang: str
) -> None:
    found = {(f["group"], f["place"]) for f in facts(text, lang, "presence")}
    assert ("Jalisco New Generation Cartel", "Jalisco") in found
    assert ("Sinaloa Cartel", "Zacatecas") in found
    assert ("Sinaloa Cartel", "Jalisco") not in found
    assert ("Sinaloa Cartel", "Colima") not in found

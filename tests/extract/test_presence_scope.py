"""Presence beyond side-by-side mentions: place anaphora, place-first turf wars, linked
groups, border neighbours and pronoun subjects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Facts = Callable[..., list[dict[str, Any]]]


def _pres(facts: Facts, text: str, lang: str) -> set[tuple[str, str, str]]:
    return {(f["group"], f["place"], f["polarity"]) for f in facts(text, lang, "presence")}


def _states(facts: Facts, text: str, lang: str) -> set[tuple[str, str]]:
    return {(g, p.split("/")[0]) for g, p, _ in _pres(facts, text, lang)}


def test_presence_the_region_points_back_to_the_last_state_named_en(facts: Facts) -> None:
    text = (
        "Gunmen burned three trucks outside Apatzingán on Sunday. "
        "Police say Los Caballeros Templarios still operate in the region."
    )
    assert _states(facts, text, "en") == {("Knights Templar", "Michoacán")}


def test_presence_la_region_points_back_to_the_last_state_named_es(facts: Facts) -> None:
    text = (
        "Hombres armados quemaron tres camiones en Apatzingán el domingo. "
        "La policía afirma que en la región operan grupos como Los Viagras."
    )
    assert _states(facts, text, "es") == {("Los Viagras", "Michoacán")}


def test_presence_la_zona_is_the_focal_municipality_es(facts: Facts) -> None:
    text = (
        "Un comando atacó una gasolinera en Celaya, Guanajuato. "
        "Los vecinos de Celaya cerraron sus negocios. "
        "La zona es disputada por el CJNG y por el Cártel de Santa Rosa de Lima."
    )
    got = _pres(facts, text, "es")
    assert ("Jalisco New Generation Cartel", "Guanajuato/Celaya", "asserted") in got
    assert ("Santa Rosa de Lima Cartel", "Guanajuato/Celaya", "asserted") in got


def test_presence_place_first_battleground_names_both_sides_en(facts: Facts) -> None:
    text = "Durango has long been a battleground for the Sinaloa Cartel and the CJNG."
    assert _states(facts, text, "en") == {
        ("Sinaloa Cartel", "Durango"),
        ("Jalisco New Generation Cartel", "Durango"),
    }


def test_presence_place_first_escenario_de_la_disputa_es(facts: Facts) -> None:
    text = (
        "Tamaulipas es escenario de la disputa entre el Cártel del Golfo y el Cártel del Noreste."
    )
    assert _states(facts, text, "es") == {
        ("Gulf Cartel", "Tamaulipas"),
        ("Northeast Cartel", "Tamaulipas"),
    }


def test_presence_group_named_through_a_link_is_hedged_en(facts: Facts) -> None:
    text = "Oaxaca's coast is contested by Los Zetas and cells linked to the Gulf Cartel."
    got = _pres(facts, text, "en")
    assert ("Gulf Cartel", "Oaxaca", "hedged") in got
    assert ("Los Zetas", "Oaxaca", "asserted") in got


def test_presence_group_named_through_a_link_is_hedged_es(facts: Facts) -> None:
    text = "En Chiapas tienen presencia el CJNG y células vinculadas al Cártel de Sinaloa."
    got = _pres(facts, text, "es")
    assert ("Sinaloa Cartel", "Chiapas", "hedged") in got
    assert ("Jalisco New Generation Cartel", "Chiapas", "asserted") in got


def test_presence_parent_group_is_not_placed_es(facts: Facts) -> None:
    text = (
        "El Cártel del Noreste, escisión de Los Zetas, tiene su base en Piedras Negras, Coahuila."
    )
    assert _states(facts, text, "es") == {("Northeast Cartel", "Coahuila")}


def test_presence_bordering_states_are_not_hosts_es(facts: Facts) -> None:
    text = (
        "La sierra de Guerrero, en los límites con Oaxaca y Puebla, es considerada un "
        "bastión de Los Ardillos."
    )
    assert _states(facts, text, "es") == {("Los Ardillos", "Guerrero")}


def test_presence_bordering_states_are_not_hosts_en(facts: Facts) -> None:
    text = "Colima, on the border with Jalisco and Michoacán, is a stronghold of the CJNG."
    assert _states(facts, text, "en") == {("Jalisco New Generation Cartel", "Colima")}


def test_presence_one_state_sentence_hosts_the_war_it_explains_en(facts: Facts) -> None:
    text = (
        "Zacatecas saw record killings last year, according to state data, as the CJNG "
        "and the Sinaloa Cartel fought over smuggling routes."
    )
    assert _states(facts, text, "en") == {
        ("Jalisco New Generation Cartel", "Zacatecas"),
        ("Sinaloa Cartel", "Zacatecas"),
    }


def test_presence_pronoun_subject_in_each_clause_en(facts: Facts) -> None:
    text = (
        "The Gulf Cartel is one of the oldest groups in the country. "
        "In Tamaulipas it fights the Northeast Cartel; in Nuevo León it clashes with Los Zetas."
    )
    got = _states(facts, text, "en")
    assert {
        ("Gulf Cartel", "Tamaulipas"),
        ("Northeast Cartel", "Tamaulipas"),
        ("Gulf Cartel", "Nuevo León"),
        ("Los Zetas", "Nuevo León"),
    } <= got


def test_presence_implicit_subject_at_war_with_a_rival_es(facts: Facts) -> None:
    text = (
        "El Cártel de Santa Rosa de Lima nació en Guanajuato. "
        "Desde 2018 mantiene una guerra con el CJNG por el control del estado."
    )
    got = _states(facts, text, "es")
    assert ("Jalisco New Generation Cartel", "Guanajuato") in got
    assert ("Santa Rosa de Lima Cartel", "Guanajuato") in got


def test_presence_clashes_between_two_groups_happen_where_the_report_is_es(
    facts: Facts,
) -> None:
    text = (
        "Reportan nuevos bloqueos en Culiacán, Sinaloa. "
        "Los comercios de Culiacán permanecieron cerrados. "
        "Los enfrentamientos entre Los Chapitos y La Mayiza continúan desde hace semanas."
    )
    got = _states(facts, text, "es")
    assert {("Los Chapitos", "Sinaloa"), ("La Mayiza", "Sinaloa")} <= got


def test_presence_possessive_anaphor_takes_the_topic_not_the_last_example_es(
    facts: Facts,
) -> None:
    text = (
        "El Cártel del Golfo nació en Matamoros, Tamaulipas. "
        "Según analistas, la organización opera con células autónomas, "
        "entre ellas Los Escorpiones. "
        "Su presencia se extiende presuntamente a Veracruz y San Luis Potosí."
    )
    got = _pres(facts, text, "es")
    assert ("Gulf Cartel", "Veracruz", "hedged") in got
    assert ("Gulf Cartel", "San Luis Potosí", "hedged") in got
    assert not any(g == "Los Escorpiones" and p == "Veracruz" for g, p, _ in got)


def test_presence_one_fact_per_group_and_place_asserted_wins_en(facts: Facts) -> None:
    text = (
        "La Familia Michoacana has allegedly pushed into Morelos. "
        "In Morelos it fights Guerreros Unidos."
    )
    got = [f for f in facts(text, "en", "presence") if f["group"] == "La Familia Michoacana"]
    assert [(f["place"], f["polarity"]) for f in got] == [("Morelos", "asserted")]

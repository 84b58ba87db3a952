"""Legal actions: designation, sanction, indictment, reward, sentence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Facts = Callable[..., list[dict[str, Any]]]


def _legal(facts: Facts, text: str, lang: str) -> set[tuple[str, tuple[str, ...], str]]:
    return {
        (f["action"], tuple(f["target"]), f["polarity"]) for f in facts(text, lang, "legal_action")
    }


def test_legal_designation_with_several_targets(facts: Facts) -> None:
    got = _legal(
        facts,
        "Today the Department of State designated the Gulf Cartel and Los "
        "Viagras as Foreign Terrorist Organizations.",
        "en",
    )
    assert got == {("designation", ("Gulf Cartel", "Los Viagras"), "asserted")}


def test_legal_sanction_then_reward_carries_targets(facts: Facts) -> None:
    text = (
        "Treasury is sanctioning six members of La Nueva Familia Michoacana. The State "
        "Department also offers a reward for information on two of them."
    )
    got = _legal(facts, text, "en")
    assert ("sanction", ("La Familia Michoacana",), "asserted") in got
    assert ("reward", ("La Familia Michoacana",), "asserted") in got


def test_legal_facing_charges_is_an_indictment(facts: Facts) -> None:
    got = _legal(facts, "The two Tijuana Cartel leaders are facing charges in San Diego.", "en")
    assert ("indictment", ("Tijuana Cartel",), "asserted") in got


def test_legal_sentence_in_spanish(facts: Facts) -> None:
    got = _legal(facts, "Un juez condenó a cadena perpetua a un líder del Cártel del Golfo.", "es")
    assert ("sentence", ("Gulf Cartel",), "asserted") in got


def test_legal_bill_never_passed_is_a_negated_designation(facts: Facts) -> None:
    text = (
        "A congressman introduced a bill to designate the CJNG a foreign terrorist organization. "
        "The bill was never passed."
    )
    got = _legal(facts, text, "en")
    assert got == {("designation", ("Jalisco New Generation Cartel",), "negated")}


def test_legal_today_takes_the_publication_date(facts: Facts) -> None:
    found = facts("Today, OFAC sanctioned five companies tied to the CJNG.", "en", "legal_action")
    assert [f["date"] for f in found] == ["2024-07-10"]


def test_legal_headline_and_lead_are_one_action(facts: Facts) -> None:
    text = (
        "Treasury Sanctions Los Chapitos Suppliers\n\nToday, OFAC sanctioned ten companies "
        "that supply Los Chapitos, a faction of the Sinaloa Cartel."
    )
    found = facts(text, "en", "legal_action")
    assert [(f["action"], f["target"], f["date"]) for f in found] == [
        ("sanction", ["Los Chapitos", "Sinaloa Cartel"], "2024-07-10")
    ]


def test_legal_designating_a_groups_network_is_a_sanction(facts: Facts) -> None:
    got = _legal(
        facts,
        "Today, OFAC designated four individuals and two companies linked "
        "to the Gulf Cartel pursuant to E.O. 14059.",
        "en",
    )
    assert got == {("sanction", ("Gulf Cartel",), "asserted")}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "The Gulf Cartel lost two plazas this spring. The talks opened a month after "
            "Washington designated several Mexican gangs as terrorist organizations.",
        ),
        (
            "es",
            "El Cártel del Golfo perdió dos plazas esta primavera. Las pláticas iniciaron un mes "
            "después de que Washington designó a varias bandas como organizaciones terroristas.",
        ),
    ],
)
def test_legal_action_named_as_a_point_in_time_is_not_a_new_one(
    facts: Facts, lang: str, text: str
) -> None:
    assert facts(text, lang, "legal_action") == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Los Viagras held the town for a week. Gunmen blocked the highway with burning "
            "trucks, and officials said new laws would expose anyone helping them to sanctions.",
        ),
        (
            "es",
            "Los Viagras tomaron el pueblo una semana. El gobernador propuso endurecer las "
            "sanciones contra quienes bloqueen carreteras.",
        ),
    ],
)
def test_legal_roads_blocked_and_penalties_in_general_are_not_sanctions(
    facts: Facts, lang: str, text: str
) -> None:
    assert [f for f in facts(text, lang, "legal_action") if f["action"] == "sanction"] == []


def test_legal_charges_against_him_concern_the_group_named_earlier(facts: Facts) -> None:
    text = (
        "A son of a Gulf Cartel founder was arrested in Reynosa on Monday. "
        "He was flown to the capital. Troops patrolled the city. Schools stayed shut. "
        "Prosecutors in Texas have sought him on money laundering charges."
    )
    found = facts(text, "en", "legal_action")
    assert [(f["action"], f["target"]) for f in found] == [("indictment", ["Gulf Cartel"])]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "A lawmaker filed a bill that would list the CJNG as a foreign terrorist "
            "organization, but it was never passed.",
            "en",
        ),
        (
            "Un diputado propuso designar al CJNG como organización terrorista, pero la "
            "iniciativa nunca se aprobó.",
            "es",
        ),
    ],
)
def test_legal_proposal_denied_in_the_same_sentence_is_negated(
    facts: Facts, text: str, lang: str
) -> None:
    got = _legal(facts, text, lang)
    assert got == {("designation", ("Jalisco New Generation Cartel",), "negated")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Entre los detenidos está un exlíder de Los Zetas, acusado en Estados Unidos por "
            "tráfico de cocaína.",
            "es",
        ),
        (
            "El fundador del Cártel de Sinaloa enfrenta varias acusaciones en cortes de Texas.",
            "es",
        ),
        ("A Gulf Cartel plaza boss wanted for cocaine trafficking was arrested.", "en"),
    ],
)
def test_legal_being_accused_or_wanted_abroad_is_an_indictment(
    facts: Facts, text: str, lang: str
) -> None:
    assert {a for a, _, _ in _legal(facts, text, lang)} == {"indictment"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "El gobierno designó al Cártel del Golfo como organización terrorista. Analistas "
            "advirtieron que la designación podría exponer a sanciones a empresas y personas "
            "que pagan cuotas.",
            "es",
        ),
        (
            "The State Department designated the Gulf Cartel a Foreign Terrorist Organization. "
            "Analysts warned that the designation could expose businesses and people who pay "
            "extortion to sanctions.",
            "en",
        ),
    ],
)
def test_legal_the_designation_referred_to_again_is_no_new_action(
    facts: Facts, text: str, lang: str
) -> None:
    assert _legal(facts, text, lang) == {("designation", ("Gulf Cartel",), "asserted")}


def test_legal_formal_charges_in_mexico_are_an_indictment(facts: Facts) -> None:
    text = (
        "La FGR obtuvo vinculación a proceso contra un presunto integrante del Cártel del "
        "Golfo por el delito de secuestro."
    )
    assert _legal(facts, text, "es") == {("indictment", ("Gulf Cartel",), "asserted")}

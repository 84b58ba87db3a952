"""The group blamed later in a report becomes the lead incident's hedged actor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Facts = Callable[..., list[dict[str, Any]]]


def _lead(rows: list[dict[str, Any]], etype: str) -> dict[str, Any]:
    found = [r for r in rows if r["event_type"] == etype]
    assert found, rows
    return found[0]


BLAMED = [
    (
        "en",
        "attack_on_security_forces",
        "Gunmen ambushed a state police patrol on Tuesday in Coalcomán, Michoacán, killing "
        "four officers.\n\nThe state prosecutor later blamed the Jalisco New Generation Cartel "
        "for the ambush.",
        "Jalisco New Generation Cartel",
    ),
    (
        "en",
        "homicide",
        "A transport businessman was shot dead on Monday in Celaya, Guanajuato.\n\n"
        "Investigators said a cell of the Santa Rosa de Lima Cartel carried out the killing.",
        "Santa Rosa de Lima Cartel",
    ),
    (
        "es",
        "homicide",
        "Un comerciante fue asesinado a balazos el lunes en Zamora, Michoacán.\n\n"
        "La Fiscalía estatal responsabilizó del crimen a Los Viagras.",
        "Los Viagras",
    ),
    (
        "es",
        "kidnapping",
        "Tres jóvenes fueron secuestrados el sábado en Fresnillo, Zacatecas.\n\n"
        "Las autoridades investigan a una célula del Cártel de Sinaloa por el caso.",
        "Sinaloa Cartel",
    ),
]


@pytest.mark.parametrize(("lang", "etype", "text", "group"), BLAMED)
def test_blame_in_a_later_sentence_names_the_actor(
    facts: Facts, lang: str, etype: str, text: str, group: str
) -> None:
    lead = _lead(facts(text, lang, "event"), etype)
    assert lead["actor"] == group
    assert lead["actor_polarity"] == "hedged"


def test_headline_blame_names_the_actor(facts: Facts) -> None:
    text = (
        "Police commander killed in Zacatecas ambush blamed on the Sinaloa Cartel\n\n"
        "A municipal police commander was shot dead on Friday in Fresnillo, Zacatecas, "
        "officials said."
    )
    lead = _lead(facts(text, "en", "event"), "attack_on_security_forces")
    assert lead["actor"] == "Sinaloa Cartel"


NOT_BLAMED = [
    (
        "es",
        "homicide",
        "Un comerciante fue asesinado a balazos el lunes en Zamora, Michoacán.\n\n"
        "Las autoridades no han atribuido el crimen a ningún grupo, aunque en la región "
        "operan Los Viagras.",
    ),
    (
        "es",
        "homicide",
        "Un comerciante fue asesinado a balazos el lunes en Zamora, Michoacán.\n\n"
        "La Fiscalía tampoco ha señalado a un grupo criminal como responsable del ataque "
        "de Los Viagras.",
    ),
    (
        "en",
        "homicide",
        "A transport businessman was shot dead on Monday in Celaya, Guanajuato.\n\n"
        "Officials did not say which group was responsible; the Santa Rosa de Lima Cartel "
        "and its rivals fight over the area.",
    ),
    (
        "en",
        "homicide",
        "A transport businessman was shot dead on Monday in Celaya, Guanajuato.\n\n"
        "The Santa Rosa de Lima Cartel, linked to fuel theft, has long been present in the "
        "city.",
    ),
]


@pytest.mark.parametrize(("lang", "etype", "text"), NOT_BLAMED)
def test_denied_or_affiliation_words_blame_nobody(
    facts: Facts, lang: str, etype: str, text: str
) -> None:
    assert _lead(facts(text, lang, "event"), etype)["actor"] is None


def test_blame_far_after_the_incident_is_not_taken(facts: Facts) -> None:
    filler = " ".join(
        f"La jornada {n} transcurrió sin nuevos hechos en la región." for n in range(1, 9)
    )
    text = (
        "Un comerciante fue asesinado a balazos el lunes en Zamora, Michoacán.\n\n"
        f"{filler}\n\nLa Fiscalía responsabilizó a Los Viagras de otros delitos."
    )
    assert _lead(facts(text, "es", "event"), "homicide")["actor"] is None


def test_a_faction_named_with_its_parent_is_preferred(facts: Facts) -> None:
    text = (
        "A rancher was shot dead on Sunday in Ciudad Juárez, Chihuahua.\n\n"
        "Prosecutors blamed the Juárez Cartel, through its armed wing La Línea, for the killing."
    )
    assert _lead(facts(text, "en", "event"), "homicide")["actor"] == "La Línea"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Gunmen ambushed a police patrol on Tuesday in Coalcomán, Michoacán, killing four "
            "officers.\n\nThe state prosecutor blamed the Jalisco New Generation Cartel for "
            "the ambush.\n\nSoldiers detained six suspects near the scene hours later.",
        ),
        (
            "es",
            "Hombres armados emboscaron a una patrulla el martes en Coalcomán, Michoacán, y "
            "mataron a cuatro policías.\n\nLa Fiscalía responsabilizó del ataque al Cártel "
            "Jalisco Nueva Generación.\n\nHoras después, militares detuvieron a seis presuntos "
            "participantes.",
        ),
    ],
)
def test_arrest_of_the_suspects_takes_the_blamed_group(facts: Facts, lang: str, text: str) -> None:
    arrest = _lead(facts(text, lang, "event"), "arrest")
    assert arrest["actor"] == "Jalisco New Generation Cartel"
    assert arrest["actor_polarity"] == "hedged"


def test_an_unrelated_arrest_takes_no_group(facts: Facts) -> None:
    text = (
        "Gunmen ambushed a police patrol on Tuesday in Coalcomán, Michoacán, killing four "
        "officers.\n\nThe state prosecutor blamed the Jalisco New Generation Cartel for "
        "the ambush.\n\nIn another case, soldiers detained two men with stolen cattle in "
        "Apatzingán, Michoacán."
    )
    assert _lead(facts(text, "en", "event"), "arrest")["actor"] is None

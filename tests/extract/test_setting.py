"""Events without a place take the state the report is set in, marked as inferred."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cartel_atlas.extract.pipeline import analyse
from cartel_atlas.extract.setting import document_state
from cartel_atlas.model import Document
from cartel_atlas.vocab import Vocabulary

Facts = Callable[..., list[dict[str, Any]]]

ONE_STATE = [
    (
        "en",
        "Lime growers in Michoacán pay a fee on every box they sell.\n\n"
        "The killing in June 2023 of a grower who refused to pay showed the risk.",
    ),
    (
        "es",
        "Los productores de limón de Michoacán pagan una cuota por cada caja.\n\n"
        "El asesinato en junio de 2023 de un productor que se negó a pagar mostró el riesgo.",
    ),
]


def _homicide(facts: Facts, text: str, lang: str) -> dict[str, Any]:
    return next(r for r in facts(text, lang, "event") if r["event_type"] == "homicide")


@pytest.mark.parametrize(("lang", "text"), ONE_STATE)
def test_placeless_incident_takes_the_state_of_a_one_state_story(
    facts: Facts, lang: str, text: str
) -> None:
    event = _homicide(facts, text, lang)
    assert event["place"] == "Michoacán"
    assert event["place_from"] == "document"


def test_a_stated_place_is_kept_and_not_marked(facts: Facts) -> None:
    text = "Gunmen killed two police officers on Tuesday in Uruapan, Michoacán."
    event = next(iter(facts(text, "en", "event")))
    assert event["place"] == "Michoacán/Uruapan"
    assert "place_from" not in event


def test_a_story_spread_over_several_states_gives_no_place(facts: Facts) -> None:
    text = (
        "Lime growers in Michoacán, Jalisco and Colima pay a fee on every box they sell.\n\n"
        "The killing in June 2023 of a grower who refused to pay showed the risk."
    )
    assert _homicide(facts, text, "en")["place"] is None


def test_document_state_is_none_for_a_report_with_state_sections(vocab: Vocabulary) -> None:
    text = (
        "MICHOACÁN:\n\nProductores de limón de Apatzingán pagan una cuota por cada caja.\n\n"
        "El asesinato en junio de 2023 de un productor mostró el riesgo."
    )
    _, view, _, _ = analyse(Document(text=text, language="es"), vocab)
    assert document_state(view) is None
    _, view, _, _ = analyse(
        Document(text=text.replace("MICHOACÁN:", "Michoacán"), language="es"), vocab
    )
    assert document_state(view) == "16"

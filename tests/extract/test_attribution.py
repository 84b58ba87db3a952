"""Who asserts a claim, with carry-over while the text continues the same report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cartel_atlas.extract.attribution import _named


def test_attribution_segun_names_the_source() -> None:
    assert _named("Según InSight Crime, el grupo se expandió.") == ("InSight Crime", False)


def test_attribution_name_before_reporting_verb() -> None:
    assert _named("“The cartel is growing,” Beittel wrote.")[0] == "Beittel"
    assert _named("“They were everywhere,” Septién says.")[0] == "Septién"


def test_attribution_verb_before_spanish_subject() -> None:
    assert _named("El grupo opera en la zona, dijo la Fiscalía General.")[0] == "Fiscalía General"


def test_attribution_the_report_refers_back() -> None:
    assert _named("The report found that the group grew.") == (None, True)


def test_attribution_carries_over_to_continuing_paragraph(extract: Callable[..., Any]) -> None:
    text = (
        "On 3 May, InSight Crime released a report on the Gulf Cartel.\n\n"
        "The report found that the Gulf Cartel controls Matamoros, Tamaulipas.\n\n"
        "Moreover, the Gulf Cartel is present in Reynosa, Tamaulipas.\n\n"
        "Separately, Los Zetas operate in Nuevo Laredo, Tamaulipas."
    )
    ex = extract(text, "en")
    by_group = {
        (f.fields["group"], f.fields["place"]): f.source for f in ex.facts if f.kind == "presence"
    }
    assert by_group[("Gulf Cartel", "Tamaulipas/Matamoros")] == "InSight Crime"
    assert by_group[("Gulf Cartel", "Tamaulipas/Reynosa")] == "InSight Crime"
    assert by_group[("Los Zetas", "Tamaulipas/Nuevo Laredo")] is None


def test_attribution_government_release_is_its_own_voice(extract: Callable[..., Any]) -> None:
    ex = extract("El Cártel del Golfo opera en Matamoros, Tamaulipas.")
    assert {f.source for f in ex.facts if f.kind == "presence"} == {None}


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Analysts say the CJNG has pushed into Zacatecas.", "Analysts"),
        ("U.S. authorities say the group moves fentanyl north.", "U.S. authorities"),
        (
            "State prosecutors have long said the cell works for the Gulf Cartel.",
            "State prosecutors",
        ),
        ("Especialistas atribuyen la violencia a la disputa entre dos grupos.", "Especialistas"),
        (
            "Autoridades de Nuevo León atribuyen los homicidios a la disputa entre cárteles.",
            "Autoridades de Nuevo León",
        ),
        (
            "Autoridades estatales han señalado la presencia de células armadas.",
            "Autoridades estatales",
        ),
        ("La DEA ha señalado que el grupo domina el tráfico de fentanilo.", "DEA"),
    ],
)
def test_attribution_speakers_the_text_does_not_name(sentence: str, speaker: str) -> None:
    assert _named(sentence)[0] == speaker


def test_attribution_a_group_doing_something_is_no_speaker() -> None:
    assert _named("Los Viagras atacaron a la policía en Aguililla.")[0] is None


def test_attribution_spanish_speaker_after_its_verb() -> None:
    sentence = (
        "Murieron once personas en Frontera Comalapa, Chiapas, informaron autoridades estatales."
    )
    assert _named(sentence)[0] == "autoridades estatales"

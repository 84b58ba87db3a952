"""Sentence splitting on tricky paragraphs written for these tests."""

from __future__ import annotations

from cartel_atlas.extract.sentences import split


def _texts(text: str, lang: str = "es") -> list[str]:
    return [text[s:e] for s, e in split(text, lang)]


def test_split_returns_stripped_offsets_into_the_original_text() -> None:
    text = "  Primera oración.   Segunda oración.  "
    spans = split(text, "es")
    assert spans == [(2, 18), (21, 37)]
    assert [text[s:e] for s, e in spans] == ["Primera oración.", "Segunda oración."]


def test_split_keeps_spanish_titles_and_abbreviations_inside_the_sentence() -> None:
    text = (
        "El Gral. Ramírez y el Lic. Soto se reunieron con el Sr. Núñez en Toluca, Edo. Méx. "
        "durante la mañana. El Mtro. Díaz no asistió."
    )
    assert _texts(text) == [
        "El Gral. Ramírez y el Lic. Soto se reunieron con el Sr. Núñez en Toluca, Edo. Méx. "
        "durante la mañana.",
        "El Mtro. Díaz no asistió.",
    ]


def test_split_keeps_numbered_references_and_clock_times_together() -> None:
    text = "La carpeta No. 45 se abrió a las 9 a.m. del lunes. Después llegó la Dra. Vega."
    assert _texts(text) == [
        "La carpeta No. 45 se abrió a las 9 a.m. del lunes.",
        "Después llegó la Dra. Vega.",
    ]


def test_split_treats_initials_and_dotted_country_names_in_english() -> None:
    text = (
        "The analysis by Mary K. Smith reached U.S. officials on Monday. The U.S. Treasury "
        "then acted. Officials met at 5 p.m. in Washington, D.C. and agreed."
    )
    assert _texts(text, "en") == [
        "The analysis by Mary K. Smith reached U.S. officials on Monday.",
        "The U.S. Treasury then acted.",
        "Officials met at 5 p.m. in Washington, D.C. and agreed.",
    ]


def test_split_ends_a_sentence_after_a_dotted_name_when_a_new_one_opens() -> None:
    text = "Most of the guns came from the U.S. The rest came from Central America."
    assert _texts(text, "en") == [
        "Most of the guns came from the U.S.",
        "The rest came from Central America.",
    ]


def test_split_never_cuts_decimals_or_thousands() -> None:
    text = "They seized 1,045.5 kilograms and 2.5 tons. Police counted 3,120 rounds."
    assert _texts(text, "en") == [
        "They seized 1,045.5 kilograms and 2.5 tons.",
        "Police counted 3,120 rounds.",
    ]


def test_split_ends_sentences_inside_closing_quotes() -> None:
    text = "“Vamos a recuperar la plaza.” Eso dijo el vocero. ¿Quién lo cree? Nadie."
    assert _texts(text) == [
        "“Vamos a recuperar la plaza.”",
        "Eso dijo el vocero.",
        "¿Quién lo cree?",
        "Nadie.",
    ]


def test_split_handles_ellipses() -> None:
    text = "Esperaron… Luego llegaron los refuerzos... y nadie habló. Fin del reporte."
    assert _texts(text) == [
        "Esperaron…",
        "Luego llegaron los refuerzos... y nadie habló.",
        "Fin del reporte.",
    ]


def test_split_ends_at_paragraph_breaks_and_heading_lines() -> None:
    text = (
        "Reporte diario de seguridad\n\n"
        "MICHOACÁN:\n"
        "-En Uruapan se detuvo a dos personas\n"
        "-En Zamora se aseguraron tres vehículos.\n\n"
        "Un párrafo sin punto final\n\n"
        "Otro párrafo."
    )
    assert _texts(text) == [
        "Reporte diario de seguridad",
        "MICHOACÁN:",
        "-En Uruapan se detuvo a dos personas",
        "-En Zamora se aseguraron tres vehículos.",
        "Un párrafo sin punto final",
        "Otro párrafo.",
    ]


def test_split_joins_lines_that_merely_wrap() -> None:
    text = (
        "Los detenidos fueron trasladados a la\nfiscalía regional, donde\nquedaron a disposición."
    )
    assert _texts(text) == [text]


def test_split_handles_bullet_lines_with_other_markers() -> None:
    text = "Se aseguró lo siguiente:\n• 2 armas largas\n• 30 cartuchos\n1. Un vehículo"
    assert _texts(text) == [
        "Se aseguró lo siguiente:",
        "• 2 armas largas",
        "• 30 cartuchos",
        "1. Un vehículo",
    ]


def test_split_of_empty_or_blank_text_is_empty() -> None:
    assert split("", "en") == []
    assert split(" \n\n\t", "es") == []


def test_split_keeps_ciudad_abbreviated_as_cd_inside_the_sentence() -> None:
    assert _texts("Hubo un robo en la Cd. Méx. el martes. Nadie fue detenido.") == [
        "Hubo un robo en la Cd. Méx. el martes.",
        "Nadie fue detenido.",
    ]
    assert _texts("La marcha salió de Cd. Obregón hacia el sur.") == [
        "La marcha salió de Cd. Obregón hacia el sur."
    ]

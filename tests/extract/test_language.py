"""Language detection on short and long texts written for these tests."""

from __future__ import annotations

import pytest

from cartel_atlas.extract.language import detect


@pytest.mark.parametrize(
    "text",
    [
        "Hombres armados atacaron a la policía en el centro de la ciudad.",
        "La Fiscalía informó que los detenidos fueron trasladados.",
        "Ayer se registró un enfrentamiento en la sierra.",
        "¿Quién controla la plaza?",
        "Según el reporte, el grupo opera en tres municipios del estado y busca ampliar su "
        "presencia hacia la costa, donde compite con otra organización por las rutas.",
    ],
)
def test_detect_reads_spanish_sentences_as_spanish(text: str) -> None:
    assert detect(text) == "es"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a police convoy in the city center.",
        "The prosecutor said the suspects were transferred.",
        "There was a clash in the mountains yesterday.",
        "Who controls the territory?",
        "According to the report, the group operates in three municipalities of the state and "
        "seeks to expand its presence toward the coast, where it competes with another "
        "organization for the routes.",
    ],
)
def test_detect_reads_english_sentences_as_english(text: str) -> None:
    assert detect(text) == "en"


def test_detect_defaults_to_english_for_empty_or_wordless_text() -> None:
    assert detect("") == "en"
    assert detect("   \n 2024-07-10 123 ") == "en"


def test_detect_breaks_ties_on_function_words_with_word_endings() -> None:
    assert detect("Aseguramiento coordinado: Culiacán") == "es"
    assert detect("Guzmán's capture: Culiacán") == "en"
    assert detect("Mexico captures Guzmán's son; 29 dead in Culiacán violence") == "en"


def test_detect_never_raises_on_non_text() -> None:
    assert detect(None) == "en"  # type: ignore[arg-type]


def test_detect_judges_long_mixed_documents_by_their_majority() -> None:
    spanish = "El grupo criminal opera en la región desde hace años y controla las rutas. " * 60
    quote = "The cartel is growing in power, he said. "
    assert detect(quote + spanish + quote) == "es"

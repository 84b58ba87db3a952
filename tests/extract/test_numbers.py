"""Numbers in digits and words, in Spanish and English, on sentences written for these tests."""

from __future__ import annotations

import pytest

from cartel_atlas.extract.numbers import NumberSpan, find_numbers, parse_number_words


def _values(text: str, lang: str) -> list[tuple[str, float]]:
    return [(n.text, n.value) for n in find_numbers(text, lang)]


def test_find_numbers_reads_digits_with_mexican_and_english_separators() -> None:
    text = "Aseguraron 27 armas, 1,045 cartuchos y 2.5 toneladas."
    assert _values(text, "es") == [("27", 27.0), ("1,045", 1045.0), ("2.5", 2.5)]
    assert _values("They seized 1,045.5 kilograms.", "en") == [("1,045.5", 1045.5)]


def test_find_numbers_reads_spanish_dot_thousands_and_comma_decimals() -> None:
    text = "Se contaron 1.045 dosis y 2,5 millones de pesos; también 1.234.567 litros."
    assert _values(text, "es") == [
        ("1.045", 1045.0),
        ("2,5 millones", 2_500_000.0),
        ("1.234.567", 1_234_567.0),
    ]


def test_find_numbers_applies_scale_words_and_currency_signs() -> None:
    assert _values("Un decomiso de 3 mil cartuchos y US$2 millones.", "es") == [
        ("Un", 1.0),
        ("3 mil", 3000.0),
        ("US$2 millones", 2_000_000.0),
    ]
    assert _values("A reward of $5 million and 1.5 billion doses.", "en") == [
        ("$5 million", 5_000_000.0),
        ("1.5 billion", 1_500_000_000.0),
    ]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("dos", 2),
        ("veintisiete", 27),
        ("ciento veinte", 120),
        ("mil quinientos", 1500),
        ("treinta y uno", 31),
        ("doscientos cuarenta y cinco", 245),
        ("un millón", 1e6),
        ("dos mil millones", 2e9),
        ("una", 1),
        ("veintidos", 22),
    ],
)
def test_parse_number_words_reads_spanish(words: str, value: float) -> None:
    assert parse_number_words(words, "es") == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("two", 2),
        ("twenty-seven", 27),
        ("a hundred and five", 105),
        ("three hundred thousand", 300_000),
        ("one million", 1e6),
        ("ninety nine", 99),
    ],
)
def test_parse_number_words_reads_english(words: str, value: float) -> None:
    assert parse_number_words(words, "en") == value


def test_parse_number_words_rejects_non_numbers() -> None:
    assert parse_number_words("dos gatos", "es") is None
    assert parse_number_words("", "en") is None


def test_find_numbers_reads_number_words_inside_sentences() -> None:
    text = "Murieron veintisiete personas y ciento veinte resultaron heridas."
    assert _values(text, "es") == [("veintisiete", 27.0), ("ciento veinte", 120.0)]
    text = "Twenty-seven people died and a hundred and five were hurt."
    assert _values(text, "en") == [("Twenty-seven", 27.0), ("a hundred and five", 105.0)]


def test_find_numbers_keeps_separate_numbers_apart() -> None:
    assert _values("Llegaron dos, tres y cuatro patrullas.", "es") == [
        ("dos", 2.0),
        ("tres", 3.0),
        ("cuatro", 4.0),
    ]
    assert _values("one and two", "en") == [("one", 1.0), ("two", 2.0)]


def test_find_numbers_flags_vague_quantities_as_approximate() -> None:
    spans = find_numbers("Hubo decenas de heridos, una decena de detenidos y varios muertos.", "es")
    by_text = {n.text: n for n in spans}
    assert by_text["decenas"].approx
    assert by_text["decenas"].value > 10
    assert by_text["una decena"].approx
    assert by_text["una decena"].value == 10
    assert by_text["varios"].approx
    assert by_text["varios"].value >= 2
    spans = find_numbers("Dozens were hurt, several fled and hundreds of thousands left.", "en")
    by_text = {n.text.lower(): n for n in spans}
    assert by_text["dozens"].approx
    assert by_text["dozens"].value > 12
    assert by_text["several"].approx
    assert by_text["hundreds of thousands"].value >= 100_000


def test_find_numbers_reads_a_dozen_as_twelve() -> None:
    assert _values("a dozen soldiers", "en") == [("a dozen", 12.0)]


def test_find_numbers_marks_hedged_numbers_approximate_from_the_hedge() -> None:
    [span] = find_numbers("Fueron más de 40 elementos.", "es")
    assert span == NumberSpan(7, 16, 40.0, True, "más de 40")
    [span] = find_numbers("about 30 people", "en")
    assert (span.text, span.approx) == ("about 30", True)


def test_find_numbers_flags_years_but_not_counts() -> None:
    spans = find_numbers("En 2020 se desplegaron 2020 elementos.", "es")
    assert [(n.value, n.is_year) for n in spans] == [(2020.0, True), (2020.0, False)]
    [span] = find_numbers("In 2019, the group split.", "en")
    assert span.is_year


def test_find_numbers_ignores_clock_times_codes_and_case_numbers() -> None:
    assert find_numbers("a las 14:00 horas, expediente 525/22, informe R41576", "es") == []


def test_find_numbers_offsets_index_the_original_text() -> None:
    text = "Detuvieron a TRES hombres y aseguraron 12 armas."
    for n in find_numbers(text, "es"):
        assert text[n.start : n.end] == n.text


def test_find_numbers_reads_unexplained_separator_runs_as_their_first_digits() -> None:
    [span] = find_numbers("código 1.2,3.4 del lote", "es")
    assert (span.text, span.value) == ("1.2,3.4", 1.0)

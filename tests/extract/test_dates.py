"""Date expressions resolved against a fixed publication date, on phrases written for
these tests. Wednesday 2024-07-10 is the publication date unless a test says otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from cartel_atlas.extract.dates import DateSpan, find_dates, resolve

WED = date(2024, 7, 10)


def _one(text: str, lang: str, published: date = WED, anchor: date | None = None) -> DateSpan:
    spans = find_dates(text, lang, published, anchor)
    assert len(spans) == 1, spans
    return spans[0]


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Ocurrió el 26 de junio de 2020 en Culiacán.", "2020-06-26", "day"),
        ("Ocurrió el 26 de junio.", "2024-06-26", "day"),
        ("Ocurrió el pasado 26 de junio.", "2024-06-26", "day"),
        ("Fue detenido el domingo 5 de mayo de 2019.", "2019-05-05", "day"),
        ("La reunión fue en junio de 2020.", "2020-06", "month"),
        ("En 2019 cambió la estrategia.", "2019", "year"),
        ("Ocurrió a mediados de 2019.", "2019", "year"),
        ("Fue el 9 de septiembre.", "2023-09-09", "day"),
        ("Se firmó el 9/9/2023.", "2023-09-09", "day"),
        ("Se detuvo el 5 de enero del presente año.", "2024-01-05", "day"),
        ("Se detuvo el 5 de enero del año pasado.", "2023-01-05", "day"),
        ("Se informó el 1o. de julio.", "2024-07-01", "day"),
    ],
)
def test_find_dates_resolves_spanish_absolute_and_partial_dates(
    text: str, value: str, precision: str
) -> None:
    span = _one(text, "es")
    assert (span.value, span.precision) == (value, precision)
    assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("It happened on June 26, 2020, in Colima.", "2020-06-26", "day"),
        ("It happened on 26 June 2020.", "2020-06-26", "day"),
        ("It happened on June 26.", "2024-06-26", "day"),
        ("The plan dates from June 2020.", "2020-06", "month"),
        ("The law passed in 2019.", "2019", "year"),
        ("Growth slowed in mid-2019.", "2019", "year"),
        ("Filed on 2021-03-04 in court.", "2021-03-04", "day"),
        ("Signed on 3/4/2021.", "2021-03-04", "day"),
        ("Sanctions followed on Dec. 5.", "2023-12-05", "day"),
    ],
)
def test_find_dates_resolves_english_absolute_and_partial_dates(
    text: str, value: str, precision: str
) -> None:
    span = _one(text, "en")
    assert (span.value, span.precision) == (value, precision)


def test_find_dates_puts_a_later_day_month_in_the_previous_year() -> None:
    span = _one("El ataque fue el 28 de diciembre.", "es", date(2025, 1, 3))
    assert span.value == "2024-12-28"
    assert span.relative
    span = _one("The attack came on December 28.", "en", date(2025, 1, 3))
    assert span.value == "2024-12-28"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ocurrió el pasado domingo.", "2024-07-07"),
        ("Ocurrió el domingo.", "2024-07-07"),
        ("Ocurrió el jueves pasado.", "2024-07-04"),
        ("Ocurrió este lunes.", "2024-07-08"),
        ("Ocurrió la madrugada del sábado.", "2024-07-06"),
        ("Ocurrió este miércoles.", "2024-07-10"),
        ("Ocurrió el pasado miércoles.", "2024-07-03"),
    ],
)
def test_find_dates_resolves_spanish_weekdays_to_the_last_one_before_publication(
    text: str, value: str
) -> None:
    assert _one(text, "es").value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It happened last Friday.", "2024-07-05"),
        ("It happened on Friday.", "2024-07-05"),
        ("Officials said Tuesday that it happened.", "2024-07-09"),
        ("It happened on Friday (March 3).", "2024-03-03"),
        ("It happened on Friday, March 3.", "2024-03-03"),
    ],
)
def test_find_dates_resolves_english_weekdays(text: str, value: str) -> None:
    assert _one(text, "en").value == value


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Ayer hubo un ataque.", "2024-07-09", "day"),
        ("Anteayer hubo un ataque.", "2024-07-08", "day"),
        ("Anoche hubo un ataque.", "2024-07-09", "day"),
        ("Hoy hubo un ataque.", "2024-07-10", "day"),
        ("Esta madrugada hubo un ataque.", "2024-07-10", "day"),
        ("Hubo un ataque la semana pasada.", "2024-07-01/2024-07-07", "interval"),
        ("Hubo un ataque hace tres días.", "2024-07-07", "day"),
        ("Hubo un ataque hace dos semanas.", "2024-06-26", "day"),
        ("Hubo un ataque hace 2 meses.", "2024-05", "month"),
        ("Hubo un ataque el año pasado.", "2023", "year"),
        ("Hubo un ataque el mes pasado.", "2024-06", "month"),
        ("Hubo un ataque en junio.", "2024-06", "month"),
        ("Hubo un ataque en julio.", "2024-07", "month"),
        ("Hubo un ataque en septiembre.", "2023-09", "month"),
        ("Hubo un ataque en febrero pasado.", "2024-02", "month"),
        ("Hubo un ataque en julio pasado.", "2023-07", "month"),
        ("Hubo un ataque este año.", "2024", "year"),
    ],
)
def test_find_dates_resolves_spanish_relative_expressions(
    text: str, value: str, precision: str
) -> None:
    span = _one(text, "es")
    assert (span.value, span.precision, span.relative) == (value, precision, True)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Yesterday gunmen attacked.", "2024-07-09", "day"),
        ("Today gunmen attacked.", "2024-07-10", "day"),
        ("Gunmen attacked earlier this week.", "2024-07-08/2024-07-10", "interval"),
        ("Gunmen attacked last week.", "2024-07-01/2024-07-07", "interval"),
        ("Gunmen attacked last month.", "2024-06", "month"),
        ("Gunmen attacked this year.", "2024", "year"),
        ("Gunmen attacked last year.", "2023", "year"),
        ("Gunmen attacked in June.", "2024-06", "month"),
        ("Gunmen attacked in December.", "2023-12", "month"),
        ("Gunmen attacked three days ago.", "2024-07-07", "day"),
    ],
)
def test_find_dates_resolves_english_relative_expressions(
    text: str, value: str, precision: str
) -> None:
    span = _one(text, "en")
    assert (span.value, span.precision) == (value, precision)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Del 22 al 24 de agosto de 2025 hubo operativos.", "es", "2025-08-22/2025-08-24"),
        ("Los días 14, 15 y 16 de marzo de 2024 hubo operativos.", "es", "2024-03-14/2024-03-16"),
        ("Del 30 de junio al 2 de julio de 2023 hubo operativos.", "es", "2023-06-30/2023-07-02"),
        ("Entre junio y julio de 2020 hubo operativos.", "es", "2020-06/2020-07"),
        ("Durante el sexenio (2006-2012) hubo operativos.", "es", "2006/2012"),
        ("Raids ran between June and July 2020.", "en", "2020-06/2020-07"),
        ("Raids ran June 22–24, 2025.", "en", "2025-06-22/2025-06-24"),
        ("Raids ran from 2015 to 2018.", "en", "2015/2018"),
    ],
)
def test_find_dates_reads_ranges_as_intervals(text: str, lang: str, value: str) -> None:
    span = _one(text, lang)
    assert (span.value, span.precision) == (value, "interval")


def test_find_dates_resolves_later_phrases_from_the_previous_date_in_the_text() -> None:
    text = "On June 26, 2020 a judge was killed. Less than two weeks later, gunmen struck again."
    spans = find_dates(text, "en", WED)
    assert [s.value for s in spans] == ["2020-06-26", "2020-06-27/2020-07-10"]
    text = "El 3 de marzo de 2021 fue detenido; tres días después fue liberado."
    assert [s.value for s in find_dates(text, "es", WED)] == ["2021-03-03", "2021-03-06"]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("On June 3, 2020 they struck. Hours later police came.", "en", "2020-06-03/2020-06-04"),
        (
            "El 3 de junio de 2020 atacaron. Horas después llegó la policía.",
            "es",
            "2020-06-03/2020-06-04",
        ),
        ("On June 3, 2020 they struck. Less than an hour later police came.", "en", "2020-06-03"),
        (
            "El 3 de junio de 2020 atacaron. Menos de dos horas después llegaron.",
            "es",
            "2020-06-03",
        ),
    ],
)
def test_find_dates_hours_later_is_the_same_day_or_the_next_never_earlier(
    text: str, lang: str, value: str
) -> None:
    later = find_dates(text, lang, WED)[-1]
    assert later.value == value


def test_find_dates_hours_later_does_not_run_past_the_report() -> None:
    spans = find_dates(
        "On Friday gunmen attacked. Hours later the chief wrote.", "en", date(2020, 6, 26)
    )
    assert [s.value for s in spans] == ["2020-06-26", "2020-06-26"]


def test_find_dates_uses_the_anchor_argument_when_the_text_has_no_earlier_date() -> None:
    span = _one("Días después hubo otro ataque.", "es", anchor=date(2024, 5, 1))
    assert span.precision == "interval"
    assert span.value.startswith("2024-05-02/")
    span = _one("The next day they fled.", "en", anchor=date(2024, 5, 1))
    assert span.value == "2024-05-02"


def test_find_dates_leaves_unanchored_later_phrases_unknown() -> None:
    span = _one("Días después hubo otro ataque.", "es")
    assert (span.value, span.precision) == ("", "unknown")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("El ataque ocurrió a las 14:00 horas.", "es"),
        ("The raid began at 14:00.", "en"),
        ("Ismael “El Mayo” Zambada fue detenido.", "es"),
        ("Officials may act, he said.", "en"),
        ("Se desplegaron 2020 elementos.", "es"),
        ("Hoy en día el grupo opera en la región.", "es"),
    ],
)
def test_find_dates_finds_nothing_in_times_names_and_counts(text: str, lang: str) -> None:
    assert find_dates(text, lang, WED) == []


def test_find_dates_without_publication_date_keeps_absolute_dates_only() -> None:
    spans = find_dates("El 26 de junio de 2020 y ayer.", "es", None)
    assert [(s.value, s.precision) for s in spans] == [("2020-06-26", "day"), ("", "unknown")]


def test_resolve_reads_one_phrase() -> None:
    span = resolve("el pasado 26 de junio", "es", WED)
    assert span is not None
    assert span.value == "2024-06-26"
    span = resolve("last Thursday", "en", WED)
    assert span is not None
    assert span.value == "2024-07-04"
    assert resolve("a las 14:00 horas", "es", WED) is None


@pytest.mark.parametrize(
    "text",
    ["hace 5000 años", "hace 99999999 días", "el 31 de febrero de 2020", "del 30 al 2 de agosto"],
)
def test_find_dates_skips_dates_off_the_calendar_without_raising(text: str) -> None:
    for span in find_dates(text, "es", WED, anchor=WED):
        assert span.precision == "unknown"


def test_find_dates_reads_proximo_as_the_next_occurrence() -> None:
    assert _one("La audiencia será el 3 de julio próximo.", "es").value == "2025-07-03"
    assert _one("La audiencia será el próximo lunes.", "es").value == "2024-07-15"
    assert _one("The hearing is next Monday.", "en").value == "2024-07-15"


def test_find_dates_gives_vague_ago_phrases_an_interval_of_a_few_units() -> None:
    span = _one("Hubo un ataque hace unos días.", "es")
    assert (span.value, span.precision) == ("2024-06-30/2024-07-08", "interval")
    span = _one("It happened a few weeks ago.", "en")
    assert span.precision == "interval"


def test_find_dates_reads_a_year_after_an_article_as_a_year() -> None:
    assert _one("Before the 2020 election.", "en").value == "2020"
    assert _one("En el 2020 hubo cambios.", "es").value == "2020"


def test_resolve_falls_back_to_dateparser_for_forms_the_rules_do_not_know() -> None:
    span = resolve("26.06.2020", "es", WED)
    assert span is not None
    assert (span.value, span.precision) == ("2020-06-26", "day")


@pytest.mark.parametrize(
    "text", ["since March 2021", "since March, 2021", "until March 2021", "in early March 2021"]
)
def test_find_dates_month_with_its_year_after_a_preposition_is_one_date(text: str) -> None:
    found = find_dates(text, "en", date(2025, 11, 8))
    assert [(d.value, d.precision) for d in found] == [("2021-03", "month")]

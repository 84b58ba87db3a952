"""Place readings chosen from context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _labels(extract: Callable[..., Any], text: str, lang: str = "es") -> list[str]:
    return [m.attrs["label"] for m in extract(text, lang).mentions if m.kind == "place"]


def test_places_juarez_chihuahua_and_juarez_nuevo_leon(extract: Callable[..., Any]) -> None:
    assert _labels(extract, "Hubo detenidos en Juárez, Chihuahua.")[0] == "Chihuahua/Juárez"
    assert _labels(extract, "Hubo detenidos en Juárez, Nuevo León.")[0] == "Nuevo León/Juárez"


def test_places_ciudad_juarez_is_juarez_municipality(extract: Callable[..., Any]) -> None:
    assert _labels(extract, "Llegaron a Ciudad Juárez.") == ["Chihuahua/Juárez"]


def test_places_colima_alone_is_the_state(extract: Callable[..., Any]) -> None:
    assert _labels(extract, "La violencia creció en Colima.") == ["Colima"]


def test_places_mexico_country_state_and_city(extract: Callable[..., Any]) -> None:
    assert _labels(extract, "Mexico is a transit country.", "en") == ["Mexico"]
    assert _labels(extract, "Operan en el Estado de México.") == ["México"]
    assert _labels(extract, "Operan en la Ciudad de México.") == ["Ciudad de México"]


def test_places_municipality_implies_its_state(extract: Callable[..., Any]) -> None:
    ex = extract("Detuvieron a dos personas en Culiacán.")
    place = next(m for m in ex.mentions if m.kind == "place")
    assert place.attrs["label"] == "Sinaloa/Culiacán"


def test_places_report_header_picks_the_municipality(extract: Callable[..., Any]) -> None:
    text = "QUINTANA ROO:\n\n-En Benito Juárez, marinos detuvieron a una persona."
    assert "Quintana Roo/Benito Juárez" in _labels(extract, text)


def test_places_header_close_to_the_true_state(extract: Callable[..., Any]) -> None:
    text = "BAJA CALIFORNIA:\n\n-En La Paz, agentes detuvieron a tres personas."
    assert "Baja California Sur/La Paz" in _labels(extract, text)


def test_places_surname_is_not_a_municipality(extract: Callable[..., Any]) -> None:
    labels = _labels(extract, "The official Omar García Harfuch survived.", "en")
    assert not any(label.endswith("/García") for label in labels)


def test_places_locality_with_a_municipal_name_is_skipped(extract: Callable[..., Any]) -> None:
    labels = _labels(
        extract,
        "Los hechos fueron en la comunidad de Jesús María, en el municipio de Culiacán, Sinaloa.",
    )
    assert labels == ["Sinaloa/Culiacán", "Sinaloa"]


def test_places_lower_case_common_words_are_not_places(extract: Callable[..., Any]) -> None:
    assert _labels(extract, "Firmaron un acuerdo por la paz y la reforma.") == []


def test_places_header_in_ordinary_case(extract: Callable[..., Any]) -> None:
    text = "Quintana Roo:\n\n-En Benito Juárez, marinos detuvieron a una persona."
    assert "Quintana Roo/Benito Juárez" in _labels(extract, text)


def test_places_sin_embargo_is_not_sinaloa(extract: Callable[..., Any]) -> None:
    assert _labels(extract, "Sin embargo, hubo detenidos en Culiacán, Sin.") == [
        "Sinaloa/Culiacán",
        "Sinaloa",
    ]


def test_places_surname_at_sentence_start_is_not_a_municipality(
    extract: Callable[..., Any],
) -> None:
    assert _labels(extract, "López was arrested on Friday.", "en") == []
    assert _labels(extract, "He was arrested in López, Chihuahua.", "en")[0] == "Chihuahua/López"


def test_places_city_of_colima_is_the_municipality(extract: Callable[..., Any]) -> None:
    assert _labels(extract, "A judge was killed in the city of Colima.", "en") == ["Colima/Colima"]
    assert _labels(extract, "Hubo un ataque en la ciudad de Durango.") == ["Durango/Durango"]


def test_places_mexico_in_a_list_of_states_is_the_state(extract: Callable[..., Any]) -> None:
    assert _labels(extract, "Opera en Michoacán, México y Guerrero.") == [
        "Michoacán",
        "México",
        "Guerrero",
    ]
    assert _labels(extract, "Opera en México y en Colombia.") == ["Mexico", "Colombia"]


def test_places_ports_are_their_municipality(extract: Callable[..., Any]) -> None:
    text = "The group controls the ports of Veracruz, Manzanillo and Lázaro Cárdenas."
    assert _labels(extract, text, "en") == [
        "Veracruz/Veracruz",
        "Colima/Manzanillo",
        "Michoacán/Lázaro Cárdenas",
    ]


def test_places_small_homonym_in_a_state_never_named_is_dropped(
    extract: Callable[..., Any],
) -> None:
    text = "Gunmen attacked the police chief in Chapultepec, in Mexico City."
    assert _labels(extract, text, "en") == ["Ciudad de México"]


def test_places_town_named_like_a_distant_municipality_is_a_locality(
    extract: Callable[..., Any],
) -> None:
    text = "Soldiers captured him in Jesús María, a small town north of Culiacán."
    assert _labels(extract, text, "en") == ["Sinaloa/Culiacán"]
    assert _labels(extract, "Lo detuvieron en Jesús María, Culiacán.") == ["Sinaloa/Culiacán"]


def test_places_municipal_name_inside_a_longer_proper_name(extract: Callable[..., Any]) -> None:
    assert _labels(extract, "Dispararon en Lomas de Chapultepec, en la Ciudad de México.") == [
        "Ciudad de México"
    ]
    assert _labels(extract, "El Ayuntamiento de Culiacán cerró escuelas.") == ["Sinaloa/Culiacán"]


def test_places_locality_written_with_its_state(extract: Callable[..., Any]) -> None:
    assert _labels(extract, "Lo capturaron en Jesús María, Sinaloa.") == ["Sinaloa"]


def test_places_sub_municipal_unit_is_not_a_homonymous_municipality(
    extract: Callable[..., Any],
) -> None:
    text = "Lo detuvieron en la sindicatura de San Pedro, en Navolato, Sinaloa."
    assert "Sinaloa/Navolato" in _labels(extract, text)
    assert not any(label.startswith("Nuevo León") for label in _labels(extract, text))
    text = "Los soldados entraron a la tenencia de Morelos, en Zinapécuaro, Michoacán."
    assert _labels(extract, text) == ["Michoacán/Zinapécuaro", "Michoacán"]


def test_places_shared_name_takes_the_state_of_the_municipalities_listed_with_it(
    extract: Callable[..., Any],
) -> None:
    text = "Hubo tiroteos en Juárez, Apodaca y Escobedo, al norte de la capital regiomontana."
    assert _labels(extract, text)[0] == "Nuevo León/Juárez"
    text = "There were shootings in Juárez, Apodaca and Escobedo overnight."
    assert _labels(extract, text, "en")[0] == "Nuevo León/Juárez"


def test_places_us_states_and_border_cities_are_the_united_states(
    extract: Callable[..., Any],
) -> None:
    assert _labels(extract, "He was arrested in McAllen, Texas, last week.", "en") == [
        "United States",
        "United States",
    ]
    assert _labels(extract, "Fue detenido en Phoenix, Arizona, la semana pasada.") == [
        "United States",
        "United States",
    ]
    assert _labels(extract, "La colonia florida amaneció tranquila en Tijuana.") == [
        "Baja California/Tijuana"
    ]


def test_places_the_capital_named_by_its_state_demonym(extract: Callable[..., Any]) -> None:
    text = "Hubo bloqueos en la capital sinaloense y balaceras en la capital michoacana."
    assert _labels(extract, text) == ["Sinaloa/Culiacán", "Michoacán/Morelia"]
    assert _labels(extract, "Policías de la capital del país detuvieron a dos hombres.") == [
        "Ciudad de México"
    ]


def test_places_a_lowercase_municipal_name_is_still_no_place(extract: Callable[..., Any]) -> None:
    assert _labels(extract, "La victoria del equipo local fue celebrada.") == []


def test_places_a_name_placed_once_is_that_place_throughout(extract: Callable[..., Any]) -> None:
    text = (
        "The mayor of Cotija, Michoacán, was killed on Monday.\n\n"
        "Cotija lies on the border with Jalisco, an area contested by two groups."
    )
    assert _labels(extract, text, "en").count("Michoacán/Cotija") == 2


def test_places_a_surname_never_placed_stays_a_surname(extract: Callable[..., Any]) -> None:
    text = "López was arrested on Monday. López denied the charges."
    assert _labels(extract, text, "en") == []


def test_places_an_accented_state_counts_as_the_report_state(extract: Callable[..., Any]) -> None:
    """'Michoacán' (written with or without its accent) is one state, so a small town of
    Michoacán in a story datelined Mexico City is not taken for a stray homonym."""
    text = (
        "MEXICO CITY (Reuters) - Soldiers clashed with gunmen in the western state of "
        "Michoacán on Tuesday.\n\nThe clash took place near the town of Tepalcatepec."
    )
    assert "Michoacán/Tepalcatepec" in _labels(extract, text, "en")


def test_places_a_state_sharing_its_capital_name_sets_the_context(
    extract: Callable[..., Any],
) -> None:
    text = (
        "Las tomas clandestinas crecieron en Puebla, Hidalgo y Guanajuato.\n\n"
        "En los municipios poblanos de Palmar de Bravo y Quecholac hubo enfrentamientos."
    )
    labels = _labels(extract, text)
    assert "Puebla/Palmar de Bravo" in labels
    assert "Puebla/Quecholac" in labels


def test_places_a_border_town_written_with_a_us_state_is_not_mexican(
    extract: Callable[..., Any],
) -> None:
    assert "Sonora/Nogales" not in _labels(
        extract, "Fentanyl is smuggled through Nogales, Arizona, every week.", "en"
    )
    assert "Sonora/Nogales" in _labels(extract, "El fentanilo cruza por Nogales, Sonora.")

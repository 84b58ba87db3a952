"""Group mentions and alias facts: articles, inflections, definitions, misspellings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Facts = Callable[..., list[dict[str, Any]]]


def _aliases(facts: Facts, text: str, lang: str) -> set[tuple[str, str]]:
    return {(f["group"], f["alias"]) for f in facts(text, lang, "alias")}


def _groups(ex: Any) -> list[str]:
    return [m.attrs["name"] for m in ex.mentions if m.kind == "group"]


def test_aliases_spanish_articles_and_contractions(extract: Callable[..., Any]) -> None:
    ex = extract(
        "Un operador del CJNG y otro al servicio del Cártel de Sinaloa se enfrentaron a los Zetas."
    )
    groups = [m.key for m in ex.mentions if m.kind == "group"]
    assert groups == ["cjng", "sinaloa", "zetas"]


def test_aliases_coordinated_plural_cartels_in_english(extract: Callable[..., Any]) -> None:
    ex = extract("The Sinaloa and Jalisco cartels fight over the border.", "en")
    assert [m.key for m in ex.mentions if m.kind == "group"] == ["sinaloa", "cjng"]
    assert not [m for m in ex.mentions if m.kind == "place"]


def test_aliases_plural_cartels_in_spanish(extract: Callable[..., Any]) -> None:
    ex = extract("Los cárteles de Sinaloa y Jalisco se disputan la frontera.")
    assert [m.key for m in ex.mentions if m.kind == "group"] == ["sinaloa", "cjng"]


def test_aliases_state_name_alone_stays_a_place(extract: Callable[..., Any]) -> None:
    ex = extract("Los militares llegaron a Sinaloa el lunes.")
    assert [m.key for m in ex.mentions if m.kind == "group"] == []
    assert [m.attrs["label"] for m in ex.mentions if m.kind == "place"] == ["Sinaloa"]


def test_aliases_short_form_after_full_name_names_the_group(facts: Facts) -> None:
    text = (
        "The Sinaloa Cartel paid the officer. Prosecutors say he took bribes from "
        "Sinaloa, among others."
    )
    assert ("Sinaloa Cartel", "Sinaloa") in _aliases(facts, text, "en")


def test_aliases_acronym_defined_in_parentheses_is_reused(facts: Facts) -> None:
    text = "Cárteles Unidos (CU) controla la región. Según fiscales, CU recluta jóvenes."
    assert ("Cárteles Unidos", "CU") in _aliases(facts, text, "es")


def test_aliases_aka_in_parentheses(facts: Facts) -> None:
    text = "Officials named Los Viagras (a.k.a. “The Sierra Brothers”) in the order."
    assert ("Los Viagras", "Sierra Brothers") in _aliases(facts, text, "en")


def test_aliases_transposed_acronym_is_recognised(facts: Facts) -> None:
    text = "The CJNG grew fast. Analysts now say CNJG operates in many states."
    assert ("Jalisco New Generation Cartel", "CNJG") in _aliases(facts, text, "en")


def test_aliases_self_designation_becomes_alias(facts: Facts) -> None:
    text = "In 2011 the CJNG released a video calling itself the “Zeta Hunters”."
    assert ("Jalisco New Generation Cartel", "Zeta Hunters") in _aliases(facts, text, "en")


def test_aliases_canonical_name_is_not_an_alias(facts: Facts) -> None:
    assert _aliases(facts, "Los Zetas dominated the region.", "en") == set()


def test_aliases_trailing_cartel_word_is_part_of_the_alias(facts: Facts) -> None:
    assert ("Los Zetas", "Los Zetas Cartel") in _aliases(
        facts, "Members of the Los Zetas Cartel were arrested.", "en"
    )


def test_aliases_village_with_a_group_name_is_not_the_group(extract: Callable[..., Any]) -> None:
    ex = extract("Los soldados llegaron a los poblados El Carrizal, Los Mayos y La Presa.")
    assert [m for m in ex.mentions if m.kind == "group"] == []


def test_aliases_cartel_word_without_de_marks_the_short_form(facts: Facts) -> None:
    text = "Según la fiscalía, el Cártel Santa Rosa de Lima opera en Celaya, Guanajuato."
    assert ("Santa Rosa de Lima Cartel", "Cártel Santa Rosa de Lima") in _aliases(facts, text, "es")


def test_aliases_everyday_word_alias_needs_a_cartel_word(extract: Callable[..., Any]) -> None:
    ex = extract("El Cártel de Sinaloa recibió pagos. La Federación envió recursos al estado.")
    assert [m.surface for m in ex.mentions if m.kind == "group"] == ["Cártel de Sinaloa"]


def test_aliases_misspelt_long_name_is_recognised(facts: Facts) -> None:
    text = "Un jefe del Cartel Jalsico Nueva Generacion fue detenido en Zapopan, Jalisco."
    assert ("Jalisco New Generation Cartel", "Cartel Jalsico Nueva Generacion") in _aliases(
        facts, text, "es"
    )


def test_a_short_name_introduced_by_known_as_is_the_group(extract: Callable[..., Any]) -> None:
    en = "Police blamed a cell of the Gulf Cartel known as the Scorpions for the attack."
    es = "La Fiscalía señaló a una célula conocida como Escorpiones por el ataque."
    assert "Los Escorpiones" in _groups(extract(en, "en"))
    assert "Los Escorpiones" in _groups(extract(es, "es"))


def test_a_short_name_without_a_naming_frame_is_not_a_group(extract: Callable[..., Any]) -> None:
    text = "The Scorpions played to a full stadium in Monterrey on Saturday."
    assert "Los Escorpiones" not in _groups(extract(text, "en"))


def test_santa_rosa_is_the_cartel_only_next_to_a_cartel_word(extract: Callable[..., Any]) -> None:
    assert "Santa Rosa de Lima Cartel" in _groups(
        extract("Investigators point to the Santa Rosa cartel.", "en")
    )
    assert "Santa Rosa de Lima Cartel" in _groups(
        extract("La Fiscalía apunta al Cártel de Santa Rosa.", "es")
    )
    assert _groups(extract("La fiesta patronal de Santa Rosa reunió a cientos de vecinos.")) == []

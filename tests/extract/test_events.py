"""Event typing, place, date, actor and folding, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Facts = Callable[..., list[dict[str, Any]]]

ES = [
    (
        "homicide",
        "El 3 de julio, un comerciante fue asesinado a balazos en Uruapan, Michoacán.",
        "Michoacán",
    ),
    (
        "massacre",
        "El 2 de julio, hombres armados cometieron una masacre en un bar de Celaya, "
        "Guanajuato, donde murieron ocho personas.",
        "Guanajuato",
    ),
    (
        "attack_on_official",
        "El 1 de julio, el alcalde de Tacámbaro, Michoacán, fue asesinado frente a su casa.",
        "Michoacán",
    ),
    (
        "attack_on_security_forces",
        "El 4 de julio, policías estatales fueron emboscados en Aguililla, Michoacán.",
        "Michoacán",
    ),
    (
        "armed_clash",
        "El 5 de julio se registró un enfrentamiento entre dos grupos criminales "
        "en Frontera Comalapa, Chiapas.",
        "Chiapas",
    ),
    ("kidnapping", "El 6 de julio, un empresario fue secuestrado en Zapopan, Jalisco.", "Jalisco"),
    (
        "extortion",
        "El 7 de julio, comerciantes de Chilpancingo, Guerrero, sufrieron el cobro "
        "de piso de una banda local.",
        "Guerrero",
    ),
    (
        "disappearance",
        "El 8 de julio se reportó la desaparición de tres jóvenes en Lagos de Moreno, Jalisco.",
        "Jalisco",
    ),
    (
        "drug_seizure",
        "El 9 de julio, elementos del Ejército aseguraron 50 kilos de cocaína en "
        "Manzanillo, Colima.",
        "Colima",
    ),
    (
        "arms_seizure",
        "El 9 de julio, la Guardia Nacional aseguró tres fusiles y 200 cartuchos "
        "en Reynosa, Tamaulipas.",
        "Tamaulipas",
    ),
    (
        "arrest",
        "El 9 de julio, policías estatales detuvieron a dos personas en Culiacán, Sinaloa.",
        "Sinaloa",
    ),
    (
        "extradition",
        "El 9 de julio, un operador financiero fue extraditado a Estados Unidos "
        "desde Toluca, Estado de México.",
        "México",
    ),
    (
        "fuel_theft",
        "El 8 de julio, soldados localizaron una toma clandestina en Salamanca, Guanajuato.",
        "Guanajuato",
    ),
    (
        "human_smuggling",
        "El 7 de julio, agentes encontraron migrantes hacinados en un tráiler "
        "en Coatzacoalcos, Veracruz.",
        "Veracruz",
    ),
    (
        "lab_dismantled",
        "El 6 de julio, marinos desmantelaron un laboratorio clandestino en Cosalá, Sinaloa.",
        "Sinaloa",
    ),
    (
        "other",
        "El 5 de julio, soldados destruyeron plantíos de amapola en Badiraguato, Sinaloa.",
        "Sinaloa",
    ),
]

EN = [
    ("homicide", "On July 3, a shop owner was shot dead in Celaya, Guanajuato.", "Guanajuato"),
    (
        "massacre",
        "On July 2, gunmen carried out a massacre at a bar in Irapuato, Guanajuato, "
        "leaving nine dead.",
        "Guanajuato",
    ),
    (
        "attack_on_official",
        "The mayor of Tacámbaro, Michoacán, was killed outside his home on July 1.",
        "Michoacán",
    ),
    (
        "attack_on_security_forces",
        "On July 4, gunmen ambushed a state police patrol in Aguililla, Michoacán.",
        "Michoacán",
    ),
    (
        "armed_clash",
        "A shootout between two gangs broke out in Frontera Comalapa, Chiapas, on July 5.",
        "Chiapas",
    ),
    ("kidnapping", "A businessman was kidnapped in Zapopan, Jalisco, on July 6.", "Jalisco"),
    (
        "extortion",
        "On July 7, a local gang extorted shopkeepers in Chilpancingo, Guerrero.",
        "Guerrero",
    ),
    (
        "disappearance",
        "Three young men went missing in Lagos de Moreno, Jalisco, on July 8.",
        "Jalisco",
    ),
    (
        "drug_seizure",
        "Soldiers seized 50 kilograms of cocaine in Manzanillo, Colima, on July 9.",
        "Colima",
    ),
    (
        "arms_seizure",
        "On July 9, the National Guard seized three rifles and 200 rounds of "
        "ammunition in Reynosa, Tamaulipas.",
        "Tamaulipas",
    ),
    ("arrest", "Police arrested two men in Culiacán, Sinaloa, on July 9.", "Sinaloa"),
    (
        "extradition",
        "On July 9, a cartel accountant held in Toluca, State of Mexico, was "
        "extradited to the United States.",
        "México",
    ),
    (
        "fuel_theft",
        "On July 8, troops found an illegal tap on a pipeline in Salamanca, Guanajuato.",
        "Guanajuato",
    ),
    (
        "human_smuggling",
        "On July 7, agents broke up a migrant smuggling operation in Coatzacoalcos, Veracruz.",
        "Veracruz",
    ),
    (
        "lab_dismantled",
        "Marines dismantled a clandestine laboratory in Cosalá, Sinaloa, on July 6.",
        "Sinaloa",
    ),
    (
        "other",
        "On July 5, soldiers carried out the eradication of poppy fields in Badiraguato, Sinaloa.",
        "Sinaloa",
    ),
]


def _states(place: object) -> set[str]:
    items = place if isinstance(place, list) else [place]
    return {str(p).split("/")[0] for p in items if p}


@pytest.mark.parametrize(("etype", "text", "state"), ES, ids=[e[0] for e in ES])
def test_events_types_every_spanish_event(facts: Facts, etype: str, text: str, state: str) -> None:
    found = facts(text, "es", "event")
    assert any(f["event_type"] == etype and state in _states(f["place"]) for f in found), found


@pytest.mark.parametrize(("etype", "text", "state"), EN, ids=[e[0] for e in EN])
def test_events_types_every_english_event(facts: Facts, etype: str, text: str, state: str) -> None:
    found = facts(text, "en", "event")
    assert any(f["event_type"] == etype and state in _states(f["place"]) for f in found), found


def test_events_one_fact_per_type_for_a_raid_with_arrests_guns_and_drugs(facts: Facts) -> None:
    text = (
        "NUEVO LEÓN:\n\n-En Apodaca, elementos de la Guardia Nacional detuvieron a tres "
        "personas y les aseguraron dos armas largas, 90 cartuchos y cinco kilos de "
        "metanfetamina."
    )
    found = facts(text, "es", "event")
    assert sorted(f["event_type"] for f in found) == ["arms_seizure", "arrest", "drug_seizure"]
    assert {f["place"] for f in found} == {"Nuevo León/Apodaca"}


def test_events_resolves_year_less_date_with_publication(facts: Facts) -> None:
    found = facts(
        "El pasado 26 de junio, policías detuvieron a un hombre en Navolato, Sinaloa.",
        "es",
        "event",
    )
    assert [f["date"] for f in found] == ["2024-06-26"]


def test_events_report_date_applies_to_lines_without_their_own(facts: Facts) -> None:
    text = (
        "El Gabinete informa las acciones del martes 9 de julio de 2024.\n\nSONORA:\n\n"
        "-En Cajeme, elementos del Ejército aseguraron 300 dosis de metanfetamina."
    )
    found = facts(text, "es", "event")
    assert [(f["event_type"], f["date"], f["place"]) for f in found] == [
        ("drug_seizure", "2024-07-09", "Sonora/Cajeme")
    ]


def test_events_list_items_decide_the_seizure_type(facts: Facts) -> None:
    text = (
        "El 7 de julio de 2024, en el municipio de Técpan de Galeana, Gro., tropas lograron "
        "asegurar lo siguiente:\n- Cuatro armas largas.\n- 300 cartuchos."
    )
    found = facts(text, "es", "event")
    assert [f["event_type"] for f in found] == ["arms_seizure"]
    assert found[0]["place"] == "Guerrero/Técpan de Galeana"


def test_events_generic_activity_lists_are_not_incidents(facts: Facts) -> None:
    text = (
        "These criminal groups are involved in extortion, kidnapping and fuel theft across "
        "the region."
    )
    assert facts(text, "en", "event") == []


def test_events_actor_and_hedged_actor(facts: Facts) -> None:
    found = facts(
        "On July 3, alleged members of the CJNG attacked police officers in Zamora, Michoacán.",
        "en",
        "event",
    )
    assert found[0]["actor"] == "Jalisco New Generation Cartel"
    assert found[0]["actor_polarity"] == "hedged"


def test_events_government_report_without_group_has_null_actor(facts: Facts) -> None:
    found = facts("El 9 de julio, marinos detuvieron a dos personas en Mazatlán, Sinaloa.")
    assert [f["actor"] for f in found] == [None]


def test_events_fugitive_still_at_large_is_a_negated_arrest(facts: Facts) -> None:
    found = facts(
        "El 9 de julio, el líder de la banda no fue detenido en el operativo en "
        "Apatzingán, Michoacán, y sigue prófugo.",
        "es",
        "event",
    )
    arrests = [f for f in found if f["event_type"] == "arrest"]
    assert arrests
    assert arrests[0]["polarity"] == "negated"


def test_events_killed_count_next_to_killed_word(facts: Facts) -> None:
    found = facts(
        "On July 3, gunmen shot dead four men at a party in Salvatierra, "
        "Guanajuato; two other people were wounded.",
        "en",
        "event",
    )
    assert found[0]["killed"] == 4


def test_events_summary_over_many_states_gives_way_to_specific_reports(facts: Facts) -> None:
    text = (
        "El 9 de julio de 2024 se realizaron detenciones en Sonora, Sinaloa y Durango.\n\n"
        "SINALOA:\n\n-En Elota, elementos del Ejército detuvieron a dos personas."
    )
    found = facts(text, "es", "event")
    assert [(f["event_type"], f["place"]) for f in found] == [("arrest", "Sinaloa/Elota")]


def test_events_handover_sentence_is_not_a_new_incident(facts: Facts) -> None:
    text = (
        "El 9 de julio, soldados detuvieron a un hombre en Ahome, Sinaloa.\n\n"
        "El detenido fue puesto a disposición del Ministerio Público."
    )
    assert len(facts(text, "es", "event")) == 1


def test_events_many_civilians_killed_at_once_is_a_massacre(facts: Facts) -> None:
    found = facts(
        "On July 3, gunmen killed nine people at a bar in Irapuato, Guanajuato.", "en", "event"
    )
    assert [(f["event_type"], f["killed"]) for f in found] == [("massacre", 9)]


def test_events_cumulative_death_toll_is_a_statistic_not_an_event(facts: Facts) -> None:
    text = "More than 1,200 people have been killed in Sinaloa since the conflict began."
    assert facts(text, "en", "event") == []
    assert [f["value"] for f in facts(text, "en", "statistic")] == [1200]


def test_events_dateline_date_and_place_are_not_the_incident(facts: Facts) -> None:
    text = (
        "Morelia, Mich. a 8 de julio de 2024.- La Secretaría informa que el 6 de julio, en "
        "el municipio de Aquila, Mich., tropas aseguraron cuatro fusiles y 300 cartuchos."
    )
    found = facts(text, "es", "event")
    assert [(f["event_type"], f["date"], f["place"]) for f in found] == [
        ("arms_seizure", "2024-07-06", "Michoacán/Aquila")
    ]


def test_events_abbreviated_city_does_not_split_the_dateline(extract: Callable[..., Any]) -> None:
    ex = extract("Lomas de Sotelo, Cd. Méx., a 9 de julio de 2024.- La Secretaría informa.")
    assert len(ex.sentences) == 1


def test_events_cut_off_quantity_without_the_drug_is_not_a_seizure(facts: Facts) -> None:
    text = "-En Tlalpan, policías detuvieron a tres personas con 120 dosis de"
    assert [f["event_type"] for f in facts(text, "es", "event")] == ["arrest"]


def test_events_actor_from_the_case_just_described(facts: Facts) -> None:
    text = (
        "Prosecutors charged 12 members of the Gulf Cartel in Texas. During the "
        "investigation, agents seized 400 kilograms of cocaine in Reynosa, Tamaulipas."
    )
    found = facts(text, "en", "event")
    assert [(f["event_type"], f["actor"]) for f in found] == [("drug_seizure", "Gulf Cartel")]


def test_events_dateline_on_its_own_line_is_not_the_incident_place(facts: Facts) -> None:
    text = (
        "Comunicado 101/24\nHermosillo, Sonora a 9 de julio de 2024.\n\nAgentes federales "
        "detuvieron a un hombre con 20 kilos de metanfetamina."
    )
    found = facts(text, "es", "event")
    assert {f["event_type"] for f in found} == {"arrest", "drug_seizure"}
    assert all(f["place"] is None for f in found)


def test_events_general_statement_about_homicides_is_not_an_incident(facts: Facts) -> None:
    text = (
        "Los homicidios dolosos siguen siendo la principal preocupación en estados como "
        "Guanajuato, Michoacán y Guerrero."
    )
    assert facts(text, "es", "event") == []


def test_events_each_verb_takes_its_own_date_and_country(facts: Facts) -> None:
    text = "López was arrested in Mexico in 2022 and extradited to the United States in March 2023."
    found = {f["event_type"]: (f["date"], f["place"]) for f in facts(text, "en", "event")}
    assert found == {"arrest": ("2022", None), "extradition": ("2023-03", "United States")}


def test_events_closing_national_summary_is_not_the_last_line_again(facts: Facts) -> None:
    text = (
        "JALISCO:\n\n-En Zapopan, elementos de la Guardia Nacional detuvieron a un hombre y "
        "aseguraron un arma corta.\n\nComo resultado de las acciones, en las últimas 24 "
        "horas se detuvo a 120 personas y se aseguraron 35 armas de fuego."
    )
    events = facts(text, "es", "event")
    assert sorted(f["event_type"] for f in events) == ["arms_seizure", "arrest"]
    assert sorted(f["value"] for f in facts(text, "es", "statistic")) == [35, 120]


def test_events_the_seized_drug_mentioned_again_is_not_a_new_seizure(facts: Facts) -> None:
    text = (
        "NUEVO LEÓN:\n\n-En Apodaca, policías aseguraron 20 kilos de cocaína.\n\n"
        "El valor de la droga decomisada es de 4 millones de pesos."
    )
    assert [f["place"] for f in facts(text, "es", "event")] == ["Nuevo León/Apodaca"]


def test_events_handing_prisoners_to_us_custody_is_an_extradition(facts: Facts) -> None:
    text = "El 9 de julio, México envió a Estados Unidos a diez presos acusados de narcotráfico."
    assert [f["event_type"] for f in facts(text, "es", "event")] == ["extradition"]
    text = "On July 9, Mexico handed 12 imprisoned cartel figures to the United States."
    assert [f["event_type"] for f in facts(text, "en", "event")] == ["extradition"]


def test_events_deaths_in_an_explosion_are_other_not_an_attack(facts: Facts) -> None:
    text = "On July 9, at least 20 people were killed when a fireworks depot exploded in Tultepec."
    assert [f["event_type"] for f in facts(text, "en", "event")] == ["other"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "On July 9, at least 20 people were killed when a pipeline tapped by fuel thieves "
            "exploded in Tula, Hidalgo.",
        ),
        (
            "es",
            "El 9 de julio murieron al menos 20 personas al explotar un ducto perforado por "
            "huachicoleros en Tula, Hidalgo.",
        ),
    ],
)
def test_events_tapped_pipeline_explosion_is_fuel_theft_with_its_dead(
    facts: Facts, lang: str, text: str
) -> None:
    found = [(f["event_type"], f["killed"]) for f in facts(text, lang, "event")]
    assert found == [("fuel_theft", 20)]


def test_events_ambush_of_civilians_is_not_an_attack_on_the_state(facts: Facts) -> None:
    text = "On July 9, gunmen ambushed three families near Bavispe, Sonora, killing nine."
    assert [(f["event_type"], f["killed"]) for f in facts(text, "en", "event")] == [("massacre", 9)]


def test_events_days_are_not_deaths(facts: Facts) -> None:
    text = "On July 9, the mayor of Tlapa, Guerrero, was killed six days after taking office."
    assert [(f["event_type"], f["killed"]) for f in facts(text, "en", "event")] == [
        ("attack_on_official", 1)
    ]


@pytest.mark.parametrize(
    ("lang", "text", "killed", "wounded"),
    [
        (
            "es",
            "Cuatro agentes de la policía estatal de Zacatecas murieron y tres más resultaron "
            "heridos el lunes al ser emboscados en Fresnillo, Zacatecas.",
            4,
            3,
        ),
        (
            "en",
            "Four state police officers were killed and three more were wounded on Monday "
            "when they were ambushed in Fresnillo, Zacatecas.",
            4,
            3,
        ),
    ],
)
def test_events_each_count_binds_to_its_own_casualty_word(
    facts: Facts, lang: str, text: str, killed: int, wounded: int
) -> None:
    found = facts(text, lang, "event")
    assert [(f["event_type"], f["killed"], f["wounded"]) for f in found] == [
        ("attack_on_security_forces", killed, wounded)
    ]


def test_events_vague_quantities_and_articles_are_not_death_counts(facts: Facts) -> None:
    es = facts(
        "El 2 de mayo, un comando armado atacó a un comerciante en Zamora, Michoacán; "
        "la fiscalía dijo que en la semana hubo decenas de homicidios.",
        "es",
        "event",
    )
    assert all(f["killed"] in (None, 1) for f in es)
    en = facts("On May 2, dozens of people were killed in clashes in Zamora, Michoacán.", "en")
    assert all(f.get("killed") is None for f in en if f["kind"] == "event")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "On May 2, a van holding seven bodies was left outside the city hall of Fresnillo."),
        (
            "es",
            "El 2 de mayo dejaron una camioneta con siete cuerpos frente a la alcaldía de "
            "Fresnillo.",
        ),
    ],
)
def test_events_bodies_found_are_homicides_with_their_count(
    facts: Facts, lang: str, text: str
) -> None:
    found = facts(text, lang, "event")
    assert [(f["event_type"], f["killed"]) for f in found] == [("homicide", 7)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "es",
            "El 3 de marzo murieron 12 migrantes cuando volcó el camión en que viajaban en "
            "Tapachula, Chiapas.",
        ),
        (
            "en",
            "On March 3, 12 migrants were killed when the truck carrying them overturned near "
            "Tapachula, Chiapas.",
        ),
    ],
)
def test_events_crash_of_a_truck_carrying_migrants_is_smuggling(
    facts: Facts, lang: str, text: str
) -> None:
    found = facts(text, lang, "event")
    assert [(f["event_type"], f["place"], f["killed"]) for f in found] == [
        ("human_smuggling", "Chiapas/Tapachula", 12)
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "es",
            "Matan a balazos a un regidor en Zitácuaro\n\nUn regidor de Zitácuaro, Michoacán, "
            "fue asesinado a balazos el domingo 7 de julio frente a su casa.",
        ),
        (
            "en",
            "Councillor shot dead in Zitácuaro\n\nA councillor of Zitácuaro, Michoacán, was "
            "shot dead outside his home on Sunday, July 7.",
        ),
    ],
)
def test_events_headline_repeating_the_lead_is_one_incident(
    facts: Facts, lang: str, text: str
) -> None:
    found = facts(text, lang, "event")
    assert len(found) == 1
    assert found[0]["place"] == "Michoacán/Zitácuaro"
    assert found[0]["killed"] == 1


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The founder of the gang has not been captured despite several raids."),
        ("es", "Pese a varios cateos, las autoridades no lo han podido capturar."),
    ],
)
def test_events_fugitive_not_captured_is_a_negated_arrest_without_place(
    facts: Facts, lang: str, text: str
) -> None:
    found = facts(text, lang, "event")
    assert [(f["event_type"], f["polarity"]) for f in found] == [("arrest", "negated")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "The gang increasingly relies on extortion and fuel theft in Celaya, Guanajuato.",
        ),
        (
            "es",
            "La banda es señalada por el robo de combustible y la extorsión en Celaya, Guanajuato.",
        ),
        (
            "es",
            "El 4 de julio la fiscalía abrió una carpeta de investigación por homicidio en "
            "Celaya, Guanajuato.",
        ),
        (
            "es",
            "Hasta ahora la fiscalía no ha informado sobre detenidos en Celaya, Guanajuato.",
        ),
    ],
)
def test_events_background_activity_and_investigations_are_not_incidents(
    facts: Facts, lang: str, text: str
) -> None:
    assert facts(text, lang, "event") == []


def test_events_term_of_office_date_is_not_an_incident_date(facts: Facts) -> None:
    text = (
        "The ambush of the convoy was among the deadliest since the governor took office "
        "in March 2021."
    )
    assert all(f["date"] != "2021-03" for f in facts(text, "en", "event"))


def test_events_follow_up_sentence_gives_the_toll_of_an_attack(facts: Facts) -> None:
    text = (
        "El 5 de mayo, un grupo armado atacó un palenque en Tlajomulco, Jalisco. "
        "Once personas perdieron la vida y cuatro más resultaron heridas."
    )
    found = facts(text, "es", "event")
    assert [(f["event_type"], f["killed"], f["wounded"]) for f in found] == [("massacre", 11, 4)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "es",
            "En la sierra de Durango, el Ejército ha desmantelado con frecuencia laboratorios "
            "de metanfetamina en Tamazula.",
        ),
        (
            "en",
            "Border data show that most methamphetamine seized in 2023 crossed at Nogales, Sonora.",
        ),
        (
            "es",
            "El grupo es señalado por el robo de combustible en Salamanca, Guanajuato, así como "
            "por la extorsión de comerciantes y el secuestro de empresarios.",
        ),
    ],
)
def test_events_habits_and_generalisations_are_not_incidents(
    facts: Facts, lang: str, text: str
) -> None:
    assert facts(text, lang, "event") == []


def test_events_number_in_a_facility_name_is_not_a_death_count(facts: Facts) -> None:
    text = "El 2 de enero, un ataque armado al Penal 4 de Mazatlán, Sinaloa, dejó muertos."
    found = facts(text, "es", "event")
    assert found
    assert all(f["killed"] != 4 for f in found)


def test_events_in_the_same_city_keeps_the_city_of_the_story(facts: Facts) -> None:
    text = (
        "On May 9, gunmen attacked a bar in Celaya, Guanajuato, killing five people.\n\n"
        "On April 2, gunmen killed six people at a party in the same city."
    )
    found = facts(text, "en", "event")
    assert {(f["date"], f["place"]) for f in found} >= {("2024-04-02", "Guanajuato/Celaya")}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "es",
            "Ana Ruiz, una de las fundadoras del colectivo de búsqueda, fue asesinada el 4 de "
            "mayo en Irapuato, Guanajuato.",
        ),
        (
            "en",
            "Ana Ruiz, one of the founders of the search collective, was killed on May 4 in "
            "Irapuato, Guanajuato.",
        ),
    ],
)
def test_events_one_of_a_group_describing_the_victim_does_not_hide_the_killing(
    facts: Facts, lang: str, text: str
) -> None:
    found = facts(text, lang, "event")
    assert [(f["event_type"], f["place"], f["killed"]) for f in found] == [
        ("homicide", "Guanajuato/Irapuato", 1)
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "es",
            "Las autoridades atribuyen al grupo buena parte de los homicidios registrados en los "
            "últimos meses en Apodaca y Escobedo.",
        ),
        (
            "en",
            "Official figures show Sonora recorded more kidnappings than any other state in 2022, "
            "with Cajeme and Hermosillo among the worst-hit cities.",
        ),
    ],
)
def test_events_tallies_over_a_period_are_not_incidents(facts: Facts, lang: str, text: str) -> None:
    assert facts(text, lang, "event") == []


def test_events_a_body_found_near_soldiers_is_a_homicide_not_an_attack(facts: Facts) -> None:
    text = (
        "El 8 de abril, la Guardia Nacional revisó un predio en Tala, Jalisco, detuvo a dos "
        "hombres y encontró un cuerpo."
    )
    found = facts(text, "es", "event")
    assert ("homicide", 1) in [(f["event_type"], f["killed"]) for f in found]
    assert "attack_on_security_forces" not in [f["event_type"] for f in found]


def test_events_vague_toll_of_a_migrant_truck_crash_is_still_smuggling(facts: Facts) -> None:
    text = (
        "Más de una treintena de migrantes murieron el viernes cuando volcó el camión en que "
        "viajaban cerca de Huixtla, Chiapas."
    )
    found = facts(text, "es", "event")
    assert [(f["event_type"], f["place"]) for f in found] == [
        ("human_smuggling", "Chiapas/Huixtla")
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "The smuggler, who evaded capture for years, was taken into custody on Thursday in "
            "Tecate, Baja California.",
        ),
        (
            "es",
            "El traficante, que evadió la captura durante años, fue detenido el jueves en "
            "Tecate, Baja California.",
        ),
    ],
)
def test_events_arrest_after_years_on_the_run_is_asserted(
    facts: Facts, lang: str, text: str
) -> None:
    found = facts(text, lang, "event")
    assert [(f["event_type"], f["polarity"]) for f in found] == [("arrest", "asserted")]


def test_events_a_few_killed_is_no_count(facts: Facts) -> None:
    text = "On March 2, a few gang leaders were killed or captured in Culiacán, Sinaloa."
    assert all(f["killed"] is None for f in facts(text, "en", "event"))


@pytest.mark.parametrize(
    ("lang", "text", "killed", "wounded"),
    [
        (
            "en",
            "On May 3, two women and four men were killed when gunmen attacked a wake in "
            "Silao, Guanajuato.",
            6,
            None,
        ),
        (
            "es",
            "El 3 de mayo, dos mujeres y cuatro hombres fueron asesinados cuando un comando "
            "atacó un velorio en Silao, Guanajuato.",
            6,
            None,
        ),
        (
            "en",
            "On May 3, gunmen killed three people and wounded four in Silao, Guanajuato.",
            3,
            4,
        ),
    ],
)
def test_events_victims_counted_in_parts_are_added_up(
    facts: Facts, lang: str, text: str, killed: int, wounded: int | None
) -> None:
    found = facts(text, lang, "event")
    assert [(f["killed"], f["wounded"]) for f in found] == [(killed, wounded)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "On Thursday, gunmen attacked a police station in Celaya, Guanajuato. The state "
            "governor said on Saturday that three officers were killed in the attack.",
            "en",
        ),
        (
            "El jueves, hombres armados atacaron una comandancia en Celaya, Guanajuato. El "
            "gobernador informó el sábado que tres policías murieron en el ataque.",
            "es",
        ),
    ],
)
def test_events_the_day_of_a_statement_does_not_date_the_incident(
    facts: Facts, text: str, lang: str
) -> None:
    dates = {r["date"] for r in facts(text, lang, "event")}
    assert dates == {"2024-07-04"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "El alcalde de Zitácuaro, Michoacán, fue atacado a balazos el martes afuera de su "
            "casa y murió horas después en un hospital.",
            "es",
        ),
        (
            "The mayor of Zitácuaro, Michoacán, was shot outside his home on Tuesday and "
            "died in hospital hours later.",
            "en",
        ),
        (
            "The killing in May 2024 of Ramón Ortiz, a councillor of Zitácuaro, Michoacán, "
            "alarmed local officials.",
            "en",
        ),
        (
            "El asesinato del regidor Ramón Ortiz en Zitácuaro, Michoacán, alarmó a los "
            "funcionarios locales.",
            "es",
        ),
    ],
)
def test_events_one_named_official_shot_and_dead_is_one_killed(
    facts: Facts, text: str, lang: str
) -> None:
    found = [f for f in facts(text, lang, "event") if f["event_type"] == "attack_on_official"]
    assert [f["killed"] for f in found] == [1]


def test_events_the_killing_of_several_is_not_one_named_death(facts: Facts) -> None:
    text = "The killing of police officers in Celaya, Guanajuato, shocked the state on Monday."
    assert all(f["killed"] != 1 for f in facts(text, "en", "event"))


def test_events_attacker_killed_by_the_escort_is_other_with_one_dead(facts: Facts) -> None:
    text = (
        "El martes, un hombre armado disparó contra el alcalde de Zamora, Michoacán, durante "
        "un evento público. El atacante murió en el lugar tras ser repelido por elementos "
        "de seguridad."
    )
    found = {f["event_type"]: f for f in facts(text, "es", "event")}
    assert found["other"]["killed"] == 1
    assert found["attack_on_official"]["killed"] is None


def test_events_gunmen_killed_by_soldiers_are_not_the_soldiers_dead(facts: Facts) -> None:
    text = (
        "On Tuesday two gunmen were killed by soldiers in Culiacán, Sinaloa, after they "
        "attacked a patrol."
    )
    found = {f["event_type"]: f for f in facts(text, "en", "event")}
    assert found["other"]["killed"] == 2
    assert found.get("attack_on_security_forces", {}).get("killed") is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "El lunes, dos jóvenes fueron asesinados por policías municipales en Celaya, "
            "Guanajuato, denunciaron sus familias.",
            "es",
        ),
        (
            "On Monday two young men were shot dead by municipal police in Celaya, "
            "Guanajuato, their families said.",
            "en",
        ),
    ],
)
def test_events_killings_by_the_police_are_not_attacks_on_the_police(
    facts: Facts, text: str, lang: str
) -> None:
    types = {f["event_type"] for f in facts(text, lang, "event")}
    assert "attack_on_security_forces" not in types
    assert types & {"homicide", "massacre", "other"}


def test_events_custody_after_a_told_arrest_is_the_same_arrest(facts: Facts) -> None:
    text = (
        "Un operador del Cártel de Sinaloa fue detenido esta madrugada en Navolato, "
        "Sinaloa.\n\nEl detenido fue trasladado a la Ciudad de México y quedó a disposición "
        "de la Fiscalía General de la República."
    )
    arrests = [f for f in facts(text, "es", "event") if f["event_type"] == "arrest"]
    assert [a["place"] for a in arrests] == ["Sinaloa/Navolato"]


def test_events_custody_alone_is_an_arrest(facts: Facts) -> None:
    text = (
        "Dos hombres quedaron a disposición del Ministerio Público en Navolato, Sinaloa, el lunes."
    )
    assert [f["event_type"] for f in facts(text, "es", "event")] == ["arrest"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Soldiers killed 12 suspected cartel gunmen on Tuesday in Tepalcatepec, Michoacán, "
            "the Defense Ministry said.",
            "en",
        ),
        (
            "El martes, militares abatieron a 12 presuntos delincuentes en Tepalcatepec, "
            "Michoacán, informó la Defensa.",
            "es",
        ),
    ],
)
def test_events_suspects_killed_by_soldiers_are_other(facts: Facts, text: str, lang: str) -> None:
    found = {f["event_type"]: f for f in facts(text, lang, "event")}
    assert found["other"]["killed"] == 12
    assert "attack_on_security_forces" not in found
    assert "homicide" not in found


def test_events_a_wire_dateline_is_not_the_incident_place(facts: Facts) -> None:
    text = (
        "MEXICO CITY, May 14 (Reuters) - Gunmen killed four police officers on Tuesday in "
        "Coalcomán, in the western state of Michoacán, officials said."
    )
    places = [f["place"] for f in facts(text, "en", "event")]
    assert places
    assert all("Ciudad de México" not in str(p) for p in places)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "El lunes, militares desmantelaron un laboratorio clandestino en Cosalá, Sinaloa.",
            "es",
            True,
        ),
        (
            "Soldiers found a clandestine laboratory on Monday in Cosalá, Sinaloa.",
            "en",
            True,
        ),
        (
            "According to prosecutors, the network produced fentanyl in clandestine "
            "laboratories in Culiacán, Sinaloa, and moved it north.",
            "en",
            False,
        ),
        (
            "La red fabricaba metanfetamina en laboratorios clandestinos de Cosalá, Sinaloa, "
            "según la Fiscalía.",
            "es",
            False,
        ),
    ],
)
def test_events_a_laboratory_is_an_incident_only_when_something_is_done_to_it(
    facts: Facts, text: str, lang: str, expected: bool
) -> None:
    types = {f["event_type"] for f in facts(text, lang, "event")}
    assert ("lab_dismantled" in types) is expected


def test_events_suspected_members_hedge_the_actor_not_the_clash(facts: Facts) -> None:
    text = (
        "El jueves, once personas murieron en un enfrentamiento entre presuntos integrantes "
        "del Cártel de Sinaloa y del CJNG en Frontera Comalapa, Chiapas."
    )
    clash = next(f for f in facts(text, "es", "event") if f["event_type"] == "armed_clash")
    assert clash["polarity"] == "asserted"
    assert clash["actor_polarity"] == "hedged"


def test_events_a_neighbouring_country_is_not_the_place(facts: Facts) -> None:
    text = (
        "La región fronteriza con Guatemala vive una escalada de violencia.\n\n"
        "Un día después, el 7 de junio, militares aseguraron 15 armas largas en un rancho."
    )
    assert all(f["place"] != "Guatemala" for f in facts(text, "es", "event"))

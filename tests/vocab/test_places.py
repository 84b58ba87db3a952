"""The place vocabulary: bundled INEGI data, aliases, readings and file validation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import cartel_atlas
from cartel_atlas.errors import NotFoundError, VocabError
from cartel_atlas.vocab.places import Places, load_places
from cartel_atlas.vocab.text import fold

DATA = Path(cartel_atlas.__file__).parent / "vocab" / "data"

EXCHANGE_LABELS = [
    "Aguascalientes",
    "Baja California",
    "Baja California Sur",
    "Campeche",
    "Coahuila",
    "Colima",
    "Chiapas",
    "Chihuahua",
    "Ciudad de México",
    "Durango",
    "Guanajuato",
    "Guerrero",
    "Hidalgo",
    "Jalisco",
    "México",
    "Michoacán",
    "Morelos",
    "Nayarit",
    "Nuevo León",
    "Oaxaca",
    "Puebla",
    "Querétaro",
    "Quintana Roo",
    "San Luis Potosí",
    "Sinaloa",
    "Sonora",
    "Tabasco",
    "Tamaulipas",
    "Tlaxcala",
    "Veracruz",
    "Yucatán",
    "Zacatecas",
]


@pytest.fixture(scope="module")
def places() -> Places:
    return load_places(DATA)


def _labels(places: Places, surface: str) -> list[str]:
    return [r.label for r in places.candidates(surface)]


def test_places_has_32_states_and_2478_municipalities(places: Places) -> None:
    assert len(places.states) == 32
    assert len(places.municipalities) == 2478
    assert len(places.ports) == 29
    assert len(places.crossings) == 24
    assert len(places.countries) >= 40


def test_state_labels_are_the_exchange_labels_in_inegi_order(places: Places) -> None:
    assert [places.states[c].label for c in sorted(places.states)] == EXCHANGE_LABELS


def test_municipality_label_is_state_label_slash_official_name(places: Places) -> None:
    assert places.label("25006") == "Sinaloa/Culiacán"
    assert places.label("12029") == "Guerrero/Chilpancingo de los Bravo"
    assert places.label("09007") == "Ciudad de México/Iztapalapa"
    assert places.label("15106") == "México/Toluca"
    assert places.ref("Sinaloa/Culiacán").code == "25006"


def test_municipalities_sharing_a_name_in_one_state_get_distinct_labels(
    places: Places,
) -> None:
    labels = {places.label("20208"), places.label("20209")}
    assert labels == {"Oaxaca/San Juan Mixtepec (20208)", "Oaxaca/San Juan Mixtepec (20209)"}


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("CDMX", "09"),
        ("Ciudad de México", "09"),
        ("Mexico City", "09"),
        ("DF", "09"),
        ("Distrito Federal", "09"),
        ("Edomex", "15"),
        ("Estado de México", "15"),
        ("State of Mexico", "15"),
        ("Edo. Méx.", "15"),
        ("Michoacán de Ocampo", "16"),
        ("Veracruz de Ignacio de la Llave", "30"),
        ("Coahuila de Zaragoza", "05"),
        ("Baja California Norte", "02"),
        ("NUEVO LEON", "19"),
        ("MX-SIN", "25"),
        ("25", "25"),
    ],
)
def test_state_aliases_and_codes_resolve(places: Places, surface: str, code: str) -> None:
    state = places.find_state(surface)
    assert state is not None
    assert state.code == code


def test_find_state_returns_none_for_unknown_names(places: Places) -> None:
    assert places.find_state("Texas") is None
    assert places.find_state("99") is None


def test_mexico_city_and_state_of_mexico_are_the_first_candidates(places: Places) -> None:
    assert places.candidates("Mexico City")[0].code == "09"
    assert places.candidates("CDMX")[0].label == "Ciudad de México"
    assert places.candidates("State of Mexico")[0].code == "15"
    assert places.candidates("Edomex")[0].label == "México"


def test_juarez_has_several_candidates_largest_first(places: Places) -> None:
    labels = _labels(places, "Juárez")
    assert "Chihuahua/Juárez" in labels
    assert "Nuevo León/Juárez" in labels
    assert len(labels) >= 4
    assert labels[0] == "Chihuahua/Juárez"
    assert places.is_ambiguous("Juarez")


def test_places_resolves_ciudad_juarez_to_juarez_chihuahua(places: Places) -> None:
    first = places.candidates("Ciudad Juárez")[0]
    assert (first.kind, first.code, first.label) == ("municipality", "08037", "Chihuahua/Juárez")
    assert places.candidates("CIUDAD JUAREZ")[0].code == "08037"


def test_colima_is_the_state_first_then_its_capital(places: Places) -> None:
    refs = places.candidates("Colima")
    assert [(r.kind, r.label) for r in refs] == [
        ("state", "Colima"),
        ("municipality", "Colima/Colima"),
    ]
    assert "colima" in places.ambiguous_names()


def test_mexico_is_the_country_first_then_the_state(places: Places) -> None:
    refs = places.candidates("México")
    assert [(r.kind, r.label) for r in refs][:2] == [("country", "Mexico"), ("state", "México")]
    assert places.candidates("Mexico") == refs
    assert places.state_of(refs[1].code).iso == "MX-MEX"


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("Chilpancingo", "12029"),
        ("Juventino Rosas", "11035"),
        ("Coyame de Sotol", "08015"),
        ("Zirándaro de los Chávez", "12073"),
        ("Ciudad Victoria", "28041"),
        ("Ciudad Obregón", "26018"),
        ("Los Mochis", "25001"),
        ("Ciudad Constitución", "03001"),
        ("Cancún", "23005"),
        ("Acapulco", "12001"),
        ("Playa del Carmen", "23008"),
        ("Solidaridad", "23008"),
        ("Culiacán Rosales", "25006"),
        ("Tuxtla", "07101"),
    ],
)
def test_common_names_and_seats_resolve_to_their_municipality(
    places: Places, surface: str, code: str
) -> None:
    assert places.candidates(surface)[0].code == code


def test_aliases_count_at_least_sixty(places: Places) -> None:
    assert len(places._data.municipality_aliases) >= 60


@pytest.mark.parametrize(
    ("port", "code"),
    [
        ("Manzanillo", "06007"),
        ("Lázaro Cárdenas", "16052"),
        ("Veracruz", "30193"),
        ("Topolobampo", "25001"),
    ],
)
def test_ports_map_to_their_municipality(places: Places, port: str, code: str) -> None:
    (match,) = [p for p in places.ports if p.name == port]
    assert match.municipality_code == code
    refs = [r for r in places.candidates(port) if r.kind == "port"]
    assert refs
    assert refs[0].label == places.label(code)


def test_nuevo_laredo_crossing_lies_in_tamaulipas(places: Places) -> None:
    (crossing,) = [c for c in places.crossings if c.name == "Nuevo Laredo"]
    assert crossing.us_city == "Laredo"
    assert places.state_of(crossing.municipality_code).label == "Tamaulipas"
    ref = next(r for r in places.candidates("Nuevo Laredo") if r.kind == "crossing")
    assert places.state_of(ref.code).label == "Tamaulipas"


def test_find_municipality_narrows_by_state(places: Places) -> None:
    assert [m.code for m in places.find_municipality("Juárez", "Nuevo León")] == ["19031"]
    assert [m.code for m in places.find_municipality("Juárez", "19")] == ["19031"]
    assert len(places.find_municipality("Guadalupe")) >= 4
    assert places.find_municipality("Juárez", "Atlantis") == []
    assert [m.code for m in places.find_municipality("Topolobampo")] == ["25001"]


def test_countries_resolve_spanish_and_english_variants(places: Places) -> None:
    for surface in ("Estados Unidos", "EE.UU.", "EEUU", "U.S.", "US", "Unión Americana"):
        assert places.candidates(surface)[0].label == "United States", surface
    assert places.candidates("Países Bajos")[0].label == "Netherlands"
    assert places.candidates("Centroamérica")[0].label == "Central America"
    assert places.candidates("China")[0].kind == "country"


def test_words_that_are_ordinary_lowercase_only_match_with_exact_case(places: Places) -> None:
    assert places.candidates("sin") == []
    assert places.candidates("Sin.")[0].label == "Sinaloa"
    assert places.candidates("us") == []
    assert places.candidates("frontera") == []
    assert "Coahuila/Frontera" in _labels(places, "Frontera")
    assert "US" in places.exact_case_forms()


def test_surface_forms_include_accent_free_variants_but_not_context_words(
    places: Places,
) -> None:
    forms = {(form, ref.label) for form, ref in places.surface_forms()}
    assert ("Michoacán", "Michoacán") in forms
    assert ("Michoacan", "Michoacán") in forms
    assert ("Culiacan", "Sinaloa/Culiacán") in forms
    assert ("Estados Unidos", "United States") in forms
    assert not any(form == "país" for form, _ in forms)
    assert places.candidates("país")[0].label == "Mexico"


def test_ambiguous_names_cover_shared_municipal_and_state_names(places: Places) -> None:
    amb = places.ambiguous_names()
    for key in ("juarez", "guadalupe", "benito juarez", "durango", "zacatecas", "mexico"):
        assert key in amb, key
    assert not places.is_ambiguous("Culiacán")


def test_unknown_code_raises_not_found(places: Places) -> None:
    with pytest.raises(NotFoundError, match="99999"):
        places.label("99999")
    with pytest.raises(NotFoundError):
        places.state_of("country:china")


def test_nearest_municipality_finds_culiacan_near_its_seat(places: Places) -> None:
    assert places.nearest_municipality(24.80, -107.39).code == "25006"
    assert places.nearest_municipality(31.70, -106.45).code == "08037"


def test_geojson_files_have_32_and_2469_features(places: Places) -> None:
    for level, count in (("state", 32), ("municipality", 2469)):
        path = places.geojson_path(level)  # type: ignore[arg-type]
        assert path.is_file()
        assert len(json.loads(path.read_text(encoding="utf-8"))["features"]) == count


def test_bundled_place_data_passes_check(places: Places) -> None:
    assert places.check() == []


# ------------------------------------------------------------------- broken copies


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(
        DATA / "places", tmp_path / "places", ignore=shutil.ignore_patterns("*.geojson")
    )
    return tmp_path


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence of ``old``; return its 1-based line."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


@pytest.mark.parametrize(
    ("file", "old", "new", "column"),
    [
        (
            "mx_municipalities.csv",
            "Culiacán Rosales,24.808808,",
            "Culiacán Rosales,north,",
            "seat_lat",
        ),
        ("mx_municipalities.csv", "25006,25,006,", "2500X,25,006,", "cvegeo"),
        ("mx_municipalities.csv", "25006,25,006,", "99006,99,006,", "cve_ent"),
        ("mx_municipalities.csv", "25012,25,012,", "25006,25,006,", "cvegeo"),
        ("mx_seaports.csv", ",06007,Manzanillo,", ",06999,Manzanillo,", "cvegeo"),
        ("mx_seaports.csv", "19.07056,-104.30088", "19.07056,104.30088", "lon"),
        ("mx_border_crossings.csv", ",28027,Nuevo Laredo,", ",28999,Nuevo Laredo,", "mx_cvegeo"),
        ("mx_states.csv", "25,MX-SIN,", "25,SIN,", "iso_3166_2"),
    ],
)
def test_broken_csv_row_names_file_line_and_column(
    tmp_path: Path, file: str, old: str, new: str, column: str
) -> None:
    directory = _copy(tmp_path)
    line = _edit(directory / "places" / file, old, new)
    with pytest.raises(VocabError) as info:
        load_places(directory)
    message = str(info.value)
    assert file in message
    assert f":{line} " in message
    assert f"'{column}'" in message


def test_alias_pointing_to_unknown_municipality_names_yaml_line(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    line = _edit(
        directory / "places" / "place_aliases.yaml",
        '{alias: Chilpancingo, code: "12029"}',
        '{alias: Chilpancingo, code: "12999"}',
    )
    with pytest.raises(VocabError, match=rf"place_aliases.yaml:{line} field 'code'.*12999"):
        load_places(directory)


def test_state_label_missing_from_aliases_yaml_is_an_error(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    _edit(
        directory / "places" / "place_aliases.yaml",
        '  - {code: "32", label: Zacatecas, aliases: [Estado de Zacatecas, Zacatecas State], '
        "demonyms: [zacatecana]}\n",
        "",
    )
    with pytest.raises(VocabError, match="state 32"):
        load_places(directory)


def test_duplicate_country_is_an_error(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    line = _edit(directory / "places" / "countries.yaml", "  - name: China\n", "  - name: Canada\n")
    with pytest.raises(VocabError, match=rf"countries.yaml:{line} field 'name'"):
        load_places(directory)


def test_malformed_alias_code_names_yaml_line_and_field(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    line = _edit(
        directory / "places" / "place_aliases.yaml",
        '{alias: Los Mochis, code: "25001"}',
        '{alias: Los Mochis, code: "Ahome"}',
    )
    with pytest.raises(VocabError, match=rf"place_aliases.yaml:{line} field 'code'"):
        load_places(directory)


def test_unknown_state_code_in_aliases_yaml_names_its_line(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    line = _edit(
        directory / "places" / "place_aliases.yaml",
        "\nmunicipalities:\n",
        '  - {code: "33", label: Atlantis}\n\nmunicipalities:\n',
    )
    with pytest.raises(VocabError, match=rf"place_aliases.yaml:{line} field 'code'.*'33'"):
        load_places(directory)


@pytest.mark.parametrize(
    ("surface", "label"),
    [
        ("capital sinaloense", "Sinaloa/Culiacán"),
        ("capital michoacana", "Michoacán/Morelia"),
        ("capital guerrerense", "Guerrero/Chilpancingo de los Bravo"),
        ("capital mexiquense", "México/Toluca"),
        ("capital tabasqueña", "Tabasco/Centro"),
    ],
)
def test_a_state_demonym_after_capital_names_the_capital(
    places: Places, surface: str, label: str
) -> None:
    assert [r.label for r in places.candidates(surface)] == [label]


def test_every_state_but_mexico_city_has_a_demonym_for_its_capital(places: Places) -> None:
    named = {r.state_code for s, r in places.surface_forms() if fold(s).startswith("capital ")}
    assert named >= {s.code for s in places.states.values()} - {"09"}

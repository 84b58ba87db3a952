"""Groups vocabulary: bundled data content, lookups, and the errors analysts will see."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from cartel_atlas.errors import NotFoundError, VocabError
from cartel_atlas.vocab.groups import Groups, load_groups
from cartel_atlas.vocab.text import fold

DATA = Path(__file__).resolve().parents[2] / "src" / "cartel_atlas" / "vocab" / "data"

FIXED_IDS = {
    "cjng": "Jalisco New Generation Cartel",
    "sinaloa": "Sinaloa Cartel",
    "gulf": "Gulf Cartel",
    "cdn": "Northeast Cartel",
    "zetas": "Los Zetas",
    "lfm": "La Familia Michoacana",
    "knights-templar": "Knights Templar",
    "carteles-unidos": "Cárteles Unidos",
    "viagras": "Los Viagras",
    "csrl": "Santa Rosa de Lima Cartel",
    "blo": "Beltrán Leyva Organization",
    "juarez": "Juárez Cartel",
    "tijuana": "Tijuana Cartel",
    "milenio": "Milenio Cartel",
    "chapitos": "Los Chapitos",
    "mayiza": "La Mayiza",
    "ardillos": "Los Ardillos",
    "guerreros-unidos": "Guerreros Unidos",
    "tren-de-aragua": "Tren de Aragua",
    "ms-13": "MS-13",
}

# Spellings the extraction scorer understands for each canonical group.
SCORER_SPELLINGS = {
    "cjng": [
        "CJNG",
        "Cártel de Jalisco Nueva Generación",
        "Cartel Jalisco Nueva Generación",
        "Jalisco Cartel New Generation",
        "Jalisco Nueva Generación",
    ],
    "sinaloa": ["Cártel de Sinaloa", "CDS", "Sinaloa Federation", "Pacific Cartel"],
    "gulf": ["Cártel del Golfo", "CDG"],
    "cdn": ["Cártel del Noreste", "CDN", "Cartel of the Northeast"],
    "zetas": ["Zetas", "Los Zetas Cartel"],
    "lfm": ["Familia Michoacana", "La Nueva Familia Michoacana", "LNFM", "LFM"],
    "knights-templar": [
        "Caballeros Templarios",
        "Los Caballeros Templarios",
        "Knights Templar Cartel",
    ],
    "carteles-unidos": ["Carteles Unidos", "United Cartels"],
    "viagras": ["Viagras"],
    "csrl": ["Cártel de Santa Rosa de Lima", "CSRL"],
    "blo": ["Beltrán Leyva", "Cártel de los Beltrán Leyva", "BLO", "Beltrán Leyva Cartel"],
    "juarez": ["Cártel de Juárez", "Vicente Carrillo Fuentes Organization"],
    "tijuana": ["Cártel de Tijuana", "Arellano Félix Organization", "Cártel Arellano Félix", "AFO"],
    "milenio": ["Cártel del Milenio"],
    "chapitos": ["Chapitos", "La Chapiza"],
    "mayiza": ["Mayiza", "Los Mayos"],
    "ardillos": ["Ardillos"],
    "ms-13": ["Mara Salvatrucha", "MS13"],
}


@pytest.fixture(scope="module")
def groups() -> Groups:
    return load_groups(DATA)


def _copy_data(tmp_path: Path) -> Path:
    for name in ("groups.yaml", "relations.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def _write_groups(tmp_path: Path, body: str) -> Path:
    (tmp_path / "groups.yaml").write_text("version: 1\ngroups:\n" + body, encoding="utf-8")
    return tmp_path


MINIMAL = """\
  - id: alpha
    name: Alpha Cartel
    name_es: Cártel Alfa
    kind: cartel
    parent: {alpha_parent}
    aliases: []
    notes: Test group.
    sources: [https://example.org/alpha]
  - id: beta
    name: Beta Cell
    name_es: Célula Beta
    kind: cell
    parent: {beta_parent}
    aliases: []
    notes: Test group.
    sources: [https://example.org/beta]
"""


def test_groups_bundled_data_has_at_least_sixty_groups(groups: Groups) -> None:
    assert len(groups) >= 60
    assert len(list(groups)) == len(groups)


def test_groups_every_fixed_id_has_exactly_its_canonical_name(groups: Groups) -> None:
    for gid, name in FIXED_IDS.items():
        assert groups.by_id[gid].name == name


def test_groups_bundled_data_passes_check(groups: Groups) -> None:
    assert groups.check() == []


@pytest.mark.parametrize(
    "surface",
    [
        "CJNG",
        "Cártel de Jalisco Nueva Generación",
        "cartel jalisco nueva generacion",
        "CARTEL DE JALISCO NUEVA GENERACION",
    ],
)
def test_groups_find_resolves_cjng_spellings(groups: Groups, surface: str) -> None:
    found = groups.find(surface)
    assert found is not None
    assert found.id == "cjng"


def test_groups_find_resolves_la_chapiza_to_chapitos(groups: Groups) -> None:
    found = groups.find("la Chapiza")
    assert found is not None
    assert found.id == "chapitos"


def test_groups_find_maps_lnfm_to_la_familia_michoacana(groups: Groups) -> None:
    assert groups.find("LNFM") is groups.by_id["lfm"]
    assert groups.find("La Nueva Familia Michoacana") is groups.by_id["lfm"]


def test_groups_find_drops_a_leading_article(groups: Groups) -> None:
    assert groups.find("the Gulf Cartel") is groups.by_id["gulf"]
    assert groups.find("el Cártel de Sinaloa") is groups.by_id["sinaloa"]


def test_groups_find_returns_none_for_unknown_surface(groups: Groups) -> None:
    assert groups.find("Cártel de la Luna") is None


def test_groups_every_scorer_spelling_resolves_to_its_group(groups: Groups) -> None:
    wrong = {
        s: (g.id if (g := groups.find(s)) else None)
        for gid, spellings in SCORER_SPELLINGS.items()
        for s in spellings
        if (g := groups.find(s)) is None or g.id != gid
    }
    assert wrong == {}


def test_groups_mata_zetas_alias_is_time_bounded(groups: Groups) -> None:
    alias = next(a for a in groups.by_id["cjng"].aliases if a.text == "Mata Zetas")
    assert alias.kind == "former_name"
    assert alias.valid_from == date(2011, 1, 1)
    assert alias.valid_to == date(2012, 12, 31)
    assert alias.valid_on(date(2011, 9, 20))
    assert not alias.valid_on(date(2020, 1, 1))


@pytest.mark.parametrize(
    ("surface", "gid"),
    [
        ("Sinaloa", "sinaloa"),
        ("Jalisco", "cjng"),
        ("Golfo", "gulf"),
        ("Gulf", "gulf"),
        ("Pacífico", "sinaloa"),
        ("Noreste", "cdn"),
        ("Juárez", "juarez"),
        ("Tijuana", "tijuana"),
    ],
)
def test_groups_place_name_aliases_need_context(groups: Groups, surface: str, gid: str) -> None:
    alias = next(a for a in groups.by_id[gid].aliases if fold(a.text) == fold(surface))
    assert alias.needs_context
    assert alias.kind == "name"


def test_groups_surface_forms_include_canonical_names_without_alias(groups: Groups) -> None:
    forms = {(text, group.id): alias for text, group, alias in groups.surface_forms()}
    assert forms[("Jalisco New Generation Cartel", "cjng")] is None
    assert forms[("Cártel de Jalisco Nueva Generación", "cjng")] is None
    cjng_alias = forms[("CJNG", "cjng")]
    assert cjng_alias is not None
    assert cjng_alias.kind == "abbreviation"


def test_groups_surface_forms_are_unique_across_groups_after_folding(groups: Groups) -> None:
    owner: dict[str, str] = {}
    for text, group, _alias in groups.surface_forms():
        assert owner.setdefault(fold(text), group.id) == group.id, text


def test_groups_ancestors_of_chapitos_include_sinaloa(groups: Groups) -> None:
    assert [g.id for g in groups.ancestors("chapitos")] == ["sinaloa"]
    assert [g.id for g in groups.ancestors("los-ninis")] == ["chapitos", "sinaloa"]


def test_groups_children_of_sinaloa_include_both_warring_factions(groups: Groups) -> None:
    ids = {g.id for g in groups.children("Sinaloa Cartel")}
    assert {"chapitos", "mayiza"} <= ids


def test_groups_relations_are_dated_claims_with_known_endpoints(groups: Groups) -> None:
    assert len(groups.relations) >= 30
    war = [
        r for r in groups.relations_of("mayiza") if r.type == "rivalry" and "chapitos" in (r.a, r.b)
    ]
    assert len(war) == 1
    assert war[0].start.startswith("2024-09")
    splits = {(r.a, r.b) for r in groups.relations if r.type == "split"}
    assert {
        ("cjng", "milenio"),
        ("zetas", "gulf"),
        ("cdn", "zetas"),
        ("knights-templar", "lfm"),
    } <= splits


def test_groups_get_unknown_name_suggests_closest(groups: Groups) -> None:
    with pytest.raises(NotFoundError, match="did you mean: Sinaloa Cartel"):
        groups.get("Sinaloa Cartell")


def test_groups_get_accepts_id_name_and_alias(groups: Groups) -> None:
    assert groups.get("ms-13") is groups.get("Mara Salvatrucha") is groups.get("MS13")


def test_groups_alias_shared_by_two_groups_raises_naming_file_line_and_both(
    tmp_path: Path,
) -> None:
    directory = _copy_data(tmp_path)
    path = directory / "groups.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "{text: CDS," in line)
    lines.insert(at + 1, "      - {text: CARTEL JALISCO, lang: null, kind: name}\n")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(VocabError) as info:
        load_groups(directory)
    message = str(info.value)
    assert f"groups.yaml:{at + 2}" in message
    assert "'sinaloa'" in message
    assert "'cjng'" in message
    assert info.value.line == at + 2


def test_groups_duplicate_id_raises_with_line(tmp_path: Path) -> None:
    body = MINIMAL.format(alpha_parent="null", beta_parent="null").replace("id: beta", "id: alpha")
    with pytest.raises(VocabError, match="duplicate group id 'alpha'") as info:
        load_groups(_write_groups(tmp_path, body))
    assert info.value.line == 11


def test_groups_schema_error_names_file_line_and_field(tmp_path: Path) -> None:
    body = MINIMAL.format(alpha_parent="null", beta_parent="null").replace(
        "kind: cell", "kind: syndicate"
    )
    with pytest.raises(VocabError) as info:
        load_groups(_write_groups(tmp_path, body))
    assert info.value.field == "kind"
    assert info.value.line == 14
    assert "groups.yaml:14" in str(info.value)


def test_groups_check_reports_dangling_parent(tmp_path: Path) -> None:
    body = MINIMAL.format(alpha_parent="null", beta_parent="no-such-group")
    groups = load_groups(_write_groups(tmp_path, body))
    problems = groups.check()
    assert len(problems) == 1
    assert "beta" in problems[0]
    assert "no-such-group" in problems[0]


def test_groups_check_reports_parent_cycle(tmp_path: Path) -> None:
    groups = load_groups(
        _write_groups(tmp_path, MINIMAL.format(alpha_parent="beta", beta_parent="alpha"))
    )
    assert any("parent cycle" in p for p in groups.check())
    assert [g.id for g in groups.ancestors("alpha")] == ["beta"]


def test_groups_check_reports_dangling_relation_and_inverted_dates(tmp_path: Path) -> None:
    directory = _write_groups(tmp_path, MINIMAL.format(alpha_parent="null", beta_parent="alpha"))
    (directory / "relations.yaml").write_text(
        "version: 1\nrelations:\n"
        "  - {a: alpha, b: gamma, type: rivalry, start: 2015,"
        " source_url: 'https://example.org/r', statement: Alpha fights the unknown Gamma.}\n"
        "  - {a: beta, b: alpha, type: faction_of, start: 2019, end: 2018-05,"
        " source_url: 'https://example.org/r', statement: Beta served Alpha for a while.}\n",
        encoding="utf-8",
    )
    problems = load_groups(directory).check()
    assert any("'gamma' is not a group id" in p for p in problems)
    assert any("end 2018-05 before start 2019" in p for p in problems)


def test_groups_check_reports_alias_valid_from_after_valid_to(tmp_path: Path) -> None:
    body = MINIMAL.format(alpha_parent="null", beta_parent="null").replace(
        "    aliases: []\n    notes: Test group.\n    sources: [https://example.org/alpha]",
        "    aliases:\n      - {text: Old Alpha, kind: former_name, valid_from: 2015,"
        " valid_to: 2012}\n    notes: Test group.\n    sources: [https://example.org/alpha]",
    )
    problems = load_groups(_write_groups(tmp_path, body)).check()
    assert any("'Old Alpha' valid_from is after valid_to" in p for p in problems)


def test_groups_check_reports_dissolved_before_founded(tmp_path: Path) -> None:
    body = MINIMAL.format(alpha_parent="null", beta_parent="null").replace(
        "    kind: cartel\n", "    kind: cartel\n    founded: 2012-03\n    dissolved: 2011\n"
    )
    problems = load_groups(_write_groups(tmp_path, body)).check()
    assert any("dissolved 2011 before founded 2012-03" in p for p in problems)


def test_groups_impossible_date_is_a_vocab_error(tmp_path: Path) -> None:
    body = MINIMAL.format(alpha_parent="null", beta_parent="null").replace(
        "    kind: cartel\n", "    kind: cartel\n    founded: 2012-13\n"
    )
    with pytest.raises(VocabError) as info:
        load_groups(_write_groups(tmp_path, body))
    assert info.value.field == "founded"


def test_groups_everyday_phrase_names_are_flagged_but_cartel_names_are_not(
    groups: Groups,
) -> None:
    assert groups.by_id["la-linea"].name_needs_context
    assert groups.by_id["los-metros"].name_needs_context
    assert not groups.by_id["cjng"].name_needs_context

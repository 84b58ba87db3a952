"""The event taxonomy file: 16 types, bilingual cues, ACLED and SESNSP mappings."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cartel_atlas.errors import VocabError
from cartel_atlas.vocab import DATA_DIR
from cartel_atlas.vocab.events import EVENT_TYPE_IDS, EventTaxonomy, load_events
from cartel_atlas.vocab.lexicon import load_lexicon
from cartel_atlas.vocab.text import fold

SESNSP_FILE = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "sesnsp" / "IDEFC_NM_dic2020.csv"
)


@pytest.fixture(scope="module")
def events() -> EventTaxonomy:
    return load_events(DATA_DIR)


def _types_for(events: EventTaxonomy, text: str, lang: str) -> set[str]:
    return {t.id for cue, t in events.cues(lang) if cue.key == fold(text)}


def test_events_has_exactly_the_sixteen_types_in_order(events: EventTaxonomy) -> None:
    assert tuple(events.types) == EVENT_TYPE_IDS
    assert len(events.types) == 16


def test_events_has_at_least_300_cues_and_every_type_is_bilingual(events: EventTaxonomy) -> None:
    assert events.cue_count() >= 300
    for etype in events.types.values():
        langs = {c.lang for c in etype.cues}
        assert langs == {"es", "en"}, etype.id
        assert etype.label_en
        assert etype.label_es
        assert len(etype.definition) > 20


def test_events_check_is_clean_against_the_real_lexicon(events: EventTaxonomy) -> None:
    lexicon = load_lexicon(DATA_DIR)
    assert events.check(set(lexicon.classes())) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("narcomanta", "es", "other"),
        ("levantón", "es", "kidnapping"),
        ("levantaron", "es", "kidnapping"),
        ("halcón", "es", "other"),
        ("halconeo", "es", "other"),
        ("cobro de piso", "es", "extortion"),
        ("derecho de piso", "es", "extortion"),
        ("huachicol", "es", "fuel_theft"),
        ("huachicoleo", "es", "fuel_theft"),
        ("huachicolero", "es", "fuel_theft"),
        ("toma clandestina", "es", "fuel_theft"),
        ("fosa clandestina", "es", "disappearance"),
        ("narcobloqueo", "es", "other"),
        ("bloqueo", "es", "other"),
        ("quema de vehículos", "es", "other"),
        ("emboscada", "es", "attack_on_security_forces"),
        ("agresión armada", "es", "attack_on_security_forces"),
        ("enfrentamiento", "es", "armed_clash"),
        ("balacera", "es", "armed_clash"),
        ("narcolaboratorio", "es", "lab_dismantled"),
        ("laboratorio clandestino", "es", "lab_dismantled"),
        ("ejecutado", "es", "homicide"),
        ("ejecutaron", "es", "homicide"),
        ("masacre", "es", "massacre"),
        ("multihomicidio", "es", "massacre"),
        ("privados de la libertad", "es", "kidnapping"),
        ("secuestro", "es", "kidnapping"),
        ("desaparecidos", "es", "disappearance"),
        ("detenido", "es", "arrest"),
        ("detuvieron", "es", "arrest"),
        ("fueron detenidas", "es", "arrest"),
        ("capturado", "es", "arrest"),
        ("aprehendido", "es", "arrest"),
        ("cumplimentó orden de aprehensión", "es", "arrest"),
        ("extraditado", "es", "extradition"),
        ("entregado a Estados Unidos", "es", "extradition"),
        ("tráfico de migrantes", "es", "human_smuggling"),
        ("polleros", "es", "human_smuggling"),
        ("coyotes", "es", "human_smuggling"),
        ("shootout", "en", "armed_clash"),
        ("gunmen opened fire", "en", "homicide"),
        ("ambushed", "en", "attack_on_security_forces"),
        ("murdered", "en", "homicide"),
        ("slain", "en", "homicide"),
        ("taken into custody", "en", "arrest"),
        ("captured", "en", "arrest"),
        ("extradited", "en", "extradition"),
        ("abducted", "en", "kidnapping"),
        ("disappeared", "en", "disappearance"),
        ("extortion", "en", "extortion"),
        ("fuel theft", "en", "fuel_theft"),
        ("pipeline tap", "en", "fuel_theft"),
        ("smuggling migrants", "en", "human_smuggling"),
        ("meth lab", "en", "lab_dismantled"),
        ("clandestine laboratory", "en", "lab_dismantled"),
        ("dismantled", "en", "lab_dismantled"),
    ],
)
def test_events_maps_mexican_and_english_terms_to_a_sensible_type(
    events: EventTaxonomy, text: str, lang: str, expected: str
) -> None:
    assert _types_for(events, text, lang) == {expected}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("aseguraron", "es"),
        ("se aseguraron", "es"),
        ("fueron asegurados", "es"),
        ("aseguramiento", "es"),
        ("decomiso", "es"),
        ("seized", "en"),
        ("were seized", "en"),
        ("confiscated", "en"),
    ],
)
def test_events_seizure_verbs_are_typed_by_what_co_occurs(
    events: EventTaxonomy, text: str, lang: str
) -> None:
    needs = {(t.id, c.needs) for c, t in events.cues(lang) if c.key == fold(text)}
    assert ("drug_seizure", "drug_words") in needs
    assert ("arms_seizure", "weapon_words") in needs
    assert all(n is not None for _, n in needs)


def test_events_precursor_seizures_are_drug_seizures(events: EventTaxonomy) -> None:
    assert _types_for(events, "precursores químicos", "es") == {"drug_seizure"}


def test_events_sesnsp_strings_exist_in_the_published_file(events: EventTaxonomy) -> None:
    if not SESNSP_FILE.exists():
        pytest.skip(f"SESNSP sample not present at {SESNSP_FILE}")
    with open(SESNSP_FILE, encoding="latin-1", newline="") as f:
        published = {(r["Tipo de delito"], r["Subtipo de delito"]) for r in csv.DictReader(f)}
    tipos = {t for t, _ in published}
    mapped = [m for t in events.types.values() for m in t.sesnsp]
    assert mapped, "no SESNSP mappings at all"
    for m in mapped:
        assert m.tipo in tipos, m
        if m.subtipo is not None:
            assert (m.tipo, m.subtipo) in published, m


def test_events_federal_crimes_have_no_sesnsp_mapping(events: EventTaxonomy) -> None:
    for tid in ("drug_seizure", "arms_seizure", "fuel_theft", "arrest", "extradition"):
        assert events.types[tid].sesnsp == []


def test_events_for_sesnsp_returns_homicide_first_for_homicidio_doloso(
    events: EventTaxonomy,
) -> None:
    found = [t.id for t in events.for_sesnsp("Homicidio", "Homicidio doloso")]
    assert found[0] == "homicide"
    assert [t.id for t in events.for_sesnsp("Secuestro", "Secuestro")] == ["kidnapping"]
    assert [t.id for t in events.for_sesnsp("extorsion", None)] == ["extortion"]
    assert events.for_sesnsp("Robo", "Robo de ganado") == []


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "expected"),
    [
        ("Battles", "Armed clash", "armed_clash"),
        ("Violence against civilians", "Attack", "homicide"),
        ("Violence against civilians", "Abduction/forced disappearance", "kidnapping"),
        (
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
            "attack_on_security_forces",
        ),
        ("Strategic developments", "Arrests", "arrest"),
        ("Strategic developments", "Disrupted weapons use", "arms_seizure"),
        ("Protests", "Peaceful protest", None),
    ],
)
def test_events_for_acled_maps_back_to_one_type(
    events: EventTaxonomy, event_type: str, sub_event_type: str, expected: str | None
) -> None:
    found = events.for_acled(event_type, sub_event_type)
    assert (found.id if found else None) == expected


def test_events_check_reports_a_cue_under_two_types_and_an_unknown_needs_class(
    tmp_path: Path,
) -> None:
    text = (DATA_DIR / "events.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "- {text: masacre, lang: es}",
        "- {text: masacre, lang: es}\n      - {text: balacera, lang: es}",
        1,
    )
    text = text.replace("needs: fuel_words", "needs: oil_words", 1)
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    problems = load_events(tmp_path).check({"drug_words", "weapon_words", "fuel_words"})
    assert any("balacera" in p and "massacre" in p and "armed_clash" in p for p in problems)
    assert any("oil_words" in p for p in problems)


def test_events_bad_language_raises_vocab_error_naming_file_line_and_field(
    tmp_path: Path,
) -> None:
    lines = (DATA_DIR / "events.yaml").read_text(encoding="utf-8").splitlines()
    idx = next(i for i, line in enumerate(lines) if "{text: masacre, lang: es}" in line)
    lines[idx] = lines[idx].replace("lang: es", "lang: fr")
    (tmp_path / "events.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabError) as info:
        load_events(tmp_path)
    err = info.value
    assert err.file is not None
    assert err.file.endswith("events.yaml")
    assert err.line == idx + 1
    assert err.field is not None
    assert err.field.endswith(".lang")
    assert f"events.yaml:{idx + 1}" in str(err)

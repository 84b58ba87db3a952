"""The extraction lexicon: bilingual word classes with values, roles and actions."""

from __future__ import annotations

from pathlib import Path

import pytest

from cartel_atlas.errors import VocabError
from cartel_atlas.vocab import DATA_DIR
from cartel_atlas.vocab.lexicon import Lexicon, load_lexicon
from cartel_atlas.vocab.text import fold

REQUIRED = {
    "hedge",
    "negation",
    "attribution",
    "presence",
    "contest",
    "flow",
    "legal_action",
    "killed",
    "wounded",
    "victim_roles",
    "drug_words",
    "weapon_words",
    "fuel_words",
    "number_words",
    "months",
    "weekdays",
    "relative_dates",
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(DATA_DIR)


def _texts(lexicon: Lexicon, cls: str, lang: str | None = None) -> set[str]:
    return {fold(c.text) for c in lexicon.words(cls, lang)}


def test_lexicon_has_every_class_in_both_languages_and_no_problems(lexicon: Lexicon) -> None:
    assert set(lexicon.classes()) >= REQUIRED
    for cls in lexicon.classes():
        assert lexicon.words(cls, "es"), cls
        assert lexicon.words(cls, "en"), cls
    assert lexicon.check() == []


@pytest.mark.parametrize(
    ("cls", "words"),
    [
        (
            "hedge",
            [
                "presuntamente",
                "presunto",
                "presuntas",
                "se presume",
                "al parecer",
                "se le atribuye",
                "allegedly",
                "reportedly",
                "suspected",
                "may",
                "attributed to",
                "would have",
            ],
        ),
        (
            "negation",
            [
                "no",
                "nunca",
                "sin",
                "niega",
                "sigue prófugo",
                "no se ha podido capturar",
                "never",
                "not",
                "denied",
                "remains at large",
            ],
        ),
        (
            "attribution",
            [
                "según",
                "de acuerdo con",
                "informó",
                "señaló",
                "according to",
                "said",
                "wrote",
                "reported",
                "told",
            ],
        ),
        (
            "presence",
            [
                "opera",
                "presencia",
                "controla",
                "bastión",
                "plaza",
                "operates",
                "stronghold",
                "controlled by",
                "expanded into",
            ],
        ),
        ("contest", ["se disputan", "turf war", "fight over", "rivalry", "contested"]),
        ("flow", ["trasiego", "ruta", "cruza", "traffics", "smuggle", "route"]),
        ("killed", ["muertos", "sin vida", "cadáveres", "killed", "bodies"]),
        ("wounded", ["heridos", "lesionados", "wounded", "injured"]),
        ("weapon_words", ["armas largas", "cartuchos", "cargadores", "firearms", "ammunition"]),
        (
            "relative_dates",
            [
                "ayer",
                "anteayer",
                "esta madrugada",
                "anoche",
                "yesterday",
                "last night",
                "last week",
            ],
        ),
    ],
)
def test_lexicon_class_contains_the_core_words(
    lexicon: Lexicon, cls: str, words: list[str]
) -> None:
    have = _texts(lexicon, cls)
    assert not [w for w in words if fold(w) not in have]


def test_lexicon_aseguro_is_an_attribution_verb_flagged_as_ambiguous(lexicon: Lexicon) -> None:
    entry = next(c for c in lexicon.words("attribution", "es") if c.text == "aseguró")
    assert "ambiguous" in entry.attrs


def test_lexicon_number_words_carry_values_and_vague_ones_are_approx(lexicon: Lexicon) -> None:
    es = {c.text: c.attrs for c in lexicon.words("number_words", "es")}
    en = {c.text: c.attrs for c in lexicon.words("number_words", "en")}
    assert es["veinte"]["value"] == 20
    assert es["mil"]["value"] == 1000
    assert es["una docena"]["value"] == 12
    assert es["decenas"].get("approx") is True
    assert en["a dozen"]["value"] == 12
    assert en["several"].get("approx") is True
    assert "approx" not in en["twelve"]


def test_lexicon_victim_roles_separate_officials_security_forces_and_journalists(
    lexicon: Lexicon,
) -> None:
    role = {c.text: c.attrs["role"] for c in lexicon.words("victim_roles")}
    assert role["alcalde"] == "official"
    assert role["mayor"] == "official"
    assert role["policías"] == "security_forces"
    assert role["soldier"] == "security_forces"
    assert role["elemento de la Guardia Nacional"] == "security_forces"
    assert role["periodista"] == "journalist"
    assert role["journalist"] == "journalist"
    assert role["buscadora"] == "civilian"


def test_lexicon_legal_action_words_name_their_action(lexicon: Lexicon) -> None:
    action = {c.text: c.attrs["action"] for c in lexicon.words("legal_action")}
    assert action["Foreign Terrorist Organization"] == "designation"
    assert action["OFAC"] == "sanction"
    assert action["indicted"] == "indictment"
    assert action["Narcotics Rewards Program"] == "reward"
    assert action["sentenciado"] == "sentence"


def test_lexicon_months_and_weekdays_are_numbered(lexicon: Lexicon) -> None:
    months = {c.text: c.attrs["value"] for c in lexicon.words("months")}
    assert months["septiembre"] == 9
    assert months["setiembre"] == 9
    assert months["June"] == 6
    days = {c.text: c.attrs["value"] for c in lexicon.words("weekdays")}
    assert days["lunes"] == 0
    assert days["domingo"] == 6
    assert days["Friday"] == 4


def test_lexicon_unknown_class_is_a_vocab_error(lexicon: Lexicon) -> None:
    with pytest.raises(VocabError, match="unknown lexicon class 'rumours'"):
        lexicon.words("rumours")


def test_lexicon_check_flags_a_duplicate_after_folding(tmp_path: Path) -> None:
    text = (DATA_DIR / "lexicon.yaml").read_text(encoding="utf-8")
    text = text.replace("gasolina, diésel,", "gasolina, diésel, diesel,", 1)
    (tmp_path / "lexicon.yaml").write_text(text, encoding="utf-8")
    assert any("diesel" in p for p in load_lexicon(tmp_path).check())


def test_lexicon_bad_role_raises_vocab_error_naming_file_line_and_field(tmp_path: Path) -> None:
    lines = (DATA_DIR / "lexicon.yaml").read_text(encoding="utf-8").splitlines()
    idx = next(i for i, line in enumerate(lines) if "{text: alcalde, role: official}" in line)
    lines[idx] = lines[idx].replace(
        "{text: alcalde, role: official}", "{text: alcalde, role: mayor}"
    )
    (tmp_path / "lexicon.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabError) as info:
        load_lexicon(tmp_path)
    err = info.value
    assert err.file is not None
    assert err.file.endswith("lexicon.yaml")
    assert err.line == idx + 1
    assert err.field is not None
    assert err.field.startswith("classes.victim_roles.es.")
    assert "role" in err.field

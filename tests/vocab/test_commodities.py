"""Commodities: bilingual surface forms resolve to one canonical record."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cartel_atlas.errors import VocabError
from cartel_atlas.vocab import DATA_DIR
from cartel_atlas.vocab.commodities import Commodities, load_commodities
from cartel_atlas.vocab.text import fold


@pytest.fixture(scope="module")
def commodities() -> Commodities:
    return load_commodities(DATA_DIR)


def test_commodities_cover_every_category_without_clashes(commodities: Commodities) -> None:
    assert len(commodities.by_id) >= 30
    categories = {c.category for c in commodities.by_id.values()}
    assert categories == {
        "drug",
        "precursor",
        "firearm",
        "ammunition",
        "explosive",
        "fuel",
        "migrants",
        "money",
        "other",
    }
    assert commodities.check() == []


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("fentanyl", "fentanyl"),
        ("FENTANILO", "fentanyl"),
        ("fenta", "fentanyl"),
        ("pastillas azules", "fentanyl"),
        ("M30", "fentanyl"),
        ("methamphetamine", "methamphetamine"),
        ("metanfetamina", "methamphetamine"),
        ("cristal", "methamphetamine"),
        ("meth", "methamphetamine"),
        ("ice", "methamphetamine"),
        ("cocaina", "cocaine"),
        ("perico", "cocaine"),
        ("heroína", "heroin"),
        ("goma de opio", "opium-gum"),
        ("mariguana", "marijuana"),
        ("Marihuana", "marijuana"),
        ("cannabis", "marijuana"),
        ("amapola", "opium-poppy"),
        ("opium poppy", "opium-poppy"),
        ("precursores químicos", "precursor-chemicals"),
        ("sustancias químicas", "precursor-chemicals"),
        ("armas de fuego", "firearms"),
        ("weapons", "firearms"),
        ("guns", "firearms"),
        ("cartuchos", "ammunition"),
        ("municiones", "ammunition"),
        ("huachicol", "fuel"),
        ("hidrocarburo", "fuel"),
        ("gasolina", "fuel"),
        ("diesel", "fuel"),
        ("crude oil", "crude-oil"),
        ("petróleo crudo", "crude-oil"),
        ("migrantes", "migrants"),
        ("personas migrantes", "migrants"),
        ("bulk cash", "cash"),
        ("dinero", "cash"),
    ],
)
def test_commodities_find_folds_spanish_and_english_surface_forms(
    commodities: Commodities, surface: str, expected: str
) -> None:
    found = commodities.find(surface)
    assert found is not None
    assert found.id == expected


def test_commodities_find_returns_none_for_unknown_words(commodities: Commodities) -> None:
    assert commodities.find("unobtainium") is None
    assert commodities.find("") is None


def test_commodities_surface_forms_are_unique_after_folding(commodities: Commodities) -> None:
    counts = Counter(fold(s) for s, _ in commodities.surface_forms())
    assert [k for k, n in counts.items() if n > 1] == []
    assert sum(counts.values()) > 150


def test_commodities_check_reports_a_synonym_shared_by_two(tmp_path: Path) -> None:
    text = (DATA_DIR / "commodities.yaml").read_text(encoding="utf-8")
    text = text.replace("es: [perico,", "es: [perico, fenta,", 1)
    (tmp_path / "commodities.yaml").write_text(text, encoding="utf-8")
    problems = load_commodities(tmp_path).check()
    assert any("fenta" in p and "fentanyl" in p and "cocaine" in p for p in problems)


def test_commodities_bad_category_raises_vocab_error_naming_file_line_and_field(
    tmp_path: Path,
) -> None:
    lines = (DATA_DIR / "commodities.yaml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "- id: cocaine")
    idx = next(i for i in range(start, len(lines)) if "category:" in lines[i])
    lines[idx] = lines[idx].replace("drug", "candy")
    (tmp_path / "commodities.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabError) as info:
        load_commodities(tmp_path)
    err = info.value
    assert err.file is not None
    assert err.file.endswith("commodities.yaml")
    assert err.line == idx + 1
    assert err.field == "category"

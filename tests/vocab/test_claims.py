"""Baseline presence claims: the bundled file loads, covers the country and stays clean."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from cartel_atlas.errors import VocabError
from cartel_atlas.vocab.claims import BASELINE_FILE, BaselineClaim, load_baseline

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "cartel_atlas" / "vocab" / "data"
BASELINE_PATH = DATA_DIR / BASELINE_FILE

STATE_LABELS = {
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
}


@pytest.fixture(scope="module")
def claims() -> list[BaselineClaim]:
    return load_baseline(DATA_DIR)


def _group_ids() -> set[str]:
    """Ids of groups.yaml, through its loader when that module is available."""
    try:
        from cartel_atlas.vocab.groups import load_groups
    except ImportError:
        data = yaml.safe_load((DATA_DIR / "groups.yaml").read_text(encoding="utf-8"))
        return {g["id"] for g in data["groups"]}
    return set(load_groups(DATA_DIR).by_id)


def test_state_labels_fixture_has_the_32_states() -> None:
    assert len(STATE_LABELS) == 32


def test_baseline_loads_at_least_150_claims(claims: list[BaselineClaim]) -> None:
    assert len(claims) >= 150


def test_baseline_covers_at_least_25_states(claims: list[BaselineClaim]) -> None:
    assert len({c.place for c in claims}) >= 25


def test_baseline_places_are_state_labels(claims: list[BaselineClaim]) -> None:
    unknown = sorted({c.place for c in claims} - STATE_LABELS)
    assert unknown == []


def test_baseline_groups_exist_in_groups_yaml(claims: list[BaselineClaim]) -> None:
    unknown = sorted({c.group for c in claims} - _group_ids())
    assert unknown == []


def test_baseline_has_no_two_claims_with_same_group_place_date_source(
    claims: list[BaselineClaim],
) -> None:
    repeated = [k for k, n in Counter(c.key for c in claims).items() if n > 1]
    assert repeated == []


def test_baseline_statements_are_long_enough_and_unique(claims: list[BaselineClaim]) -> None:
    short = [c.statement for c in claims if len(c.statement) < 40]
    assert short == []
    repeated = [s for s, n in Counter(c.statement for c in claims).items() if n > 1]
    assert repeated == []


def test_baseline_statements_are_single_sentences(claims: list[BaselineClaim]) -> None:
    """One sentence each: our summary, not a pasted paragraph of the source."""
    multi = [
        c.statement
        for c in claims
        if re.search(r"[.!?]\s+[A-Z]", c.statement.replace("U.S.", "US"))
    ]
    assert multi == []
    assert all(c.statement.rstrip().endswith(".") for c in claims)


def test_baseline_spreads_major_groups_over_time(claims: list[BaselineClaim]) -> None:
    """Presence over time needs several dated claims per major group, 2019 to 2025."""
    for group in ("cjng", "sinaloa"):
        years = {c.as_of.year for c in claims if c.group == group}
        assert {2019, 2021, 2022, 2024, 2025} <= years, group


def test_baseline_records_retreats_and_hedges(claims: list[BaselineClaim]) -> None:
    polarities = Counter(c.polarity for c in claims)
    assert polarities["negated"] >= 3
    assert polarities["hedged"] >= 5
    assert {"present", "contested", "dominant"} <= {c.level for c in claims}


def test_baseline_cjng_expands_into_states_absent_from_early_reports(
    claims: list[BaselineClaim],
) -> None:
    """The data must let expansion detection find at least one new CJNG state after 2021."""
    early = {c.place for c in claims if c.group == "cjng" and c.as_of.year <= 2021}
    late = {c.place for c in claims if c.group == "cjng" and c.as_of.year >= 2024}
    assert late - early


def test_baseline_file_starts_with_version_and_header() -> None:
    text = BASELINE_PATH.read_text(encoding="utf-8")
    assert text.startswith("#")
    assert re.search(r"^version: \d+$", text, flags=re.MULTILINE)
    data = yaml.safe_load(text)
    assert isinstance(data["version"], int)


def _broken_copy(tmp_path: Path, field: str, bad_value: str) -> int:
    """Copy the bundled file into tmp_path with the first claim's ``field`` broken.

    Returns the 1-based line number of the broken field.
    """
    lines = BASELINE_PATH.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.strip().startswith(f"{field}:"):
            indent = line[: len(line) - len(line.lstrip())]
            lines[i] = f"{indent}{field}: {bad_value}"
            (tmp_path / BASELINE_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
            return i + 1
    raise AssertionError(f"no '{field}:' line in {BASELINE_PATH}")


@pytest.mark.parametrize(
    ("field", "bad_value"),
    [("as_of", "2021-13-45"), ("polarity", "maybe"), ("level", "everywhere")],
)
def test_baseline_broken_copy_names_file_line_and_field(
    tmp_path: Path, field: str, bad_value: str
) -> None:
    line = _broken_copy(tmp_path, field, bad_value)
    with pytest.raises(VocabError) as info:
        load_baseline(tmp_path)
    err = info.value
    assert err.file == str(tmp_path / BASELINE_FILE)
    assert err.line == line
    assert err.field == field
    assert f"{BASELINE_FILE}:{line}" in str(err)


def test_baseline_duplicate_claim_is_refused_with_its_line(tmp_path: Path) -> None:
    text = BASELINE_PATH.read_text(encoding="utf-8")
    first = re.search(r"^  - group:.*?(?=^  - group:|^  # ---)", text, flags=re.S | re.M)
    assert first is not None
    doubled = text.rstrip("\n") + "\n" + first.group(0)
    (tmp_path / BASELINE_FILE).write_text(doubled, encoding="utf-8")
    dup_line = doubled.count("\n", 0, doubled.rindex("  - group:")) + 1
    with pytest.raises(VocabError, match="duplicate claim") as info:
        load_baseline(tmp_path)
    assert info.value.line == dup_line
    assert info.value.file == str(tmp_path / BASELINE_FILE)


def test_baseline_missing_file_is_a_vocab_error(tmp_path: Path) -> None:
    with pytest.raises(VocabError, match="file not found"):
        load_baseline(tmp_path)

"""The source registry: outlet types with Admiralty defaults, known sources and aliases."""

from __future__ import annotations

from pathlib import Path

import pytest

from cartel_atlas.errors import VocabError
from cartel_atlas.vocab import DATA_DIR
from cartel_atlas.vocab.sources import SourceRegistry, load_sources

OUTLET_TYPES = {
    "government_mx",
    "government_us",
    "government_other",
    "law_enforcement",
    "military",
    "think_tank",
    "academic",
    "ngo",
    "wire_service",
    "national_news",
    "local_news",
    "international_news",
    "blog",
    "social_media",
    "anonymous",
    "data_provider",
    "unknown",
}


@pytest.fixture(scope="module")
def sources() -> SourceRegistry:
    return load_sources(DATA_DIR)


def test_sources_registry_has_all_outlet_types_and_about_fifty_sources(
    sources: SourceRegistry,
) -> None:
    assert set(sources.outlet_types) == OUTLET_TYPES
    assert len(sources.by_id) >= 50
    assert sources.check() == []
    grades = {t.default_reliability for t in sources.outlet_types.values()}
    assert grades <= set("ABCDEF")
    assert sources.outlet_types["unknown"].default_reliability == "F"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("InSight Crime", "insight-crime"),
        ("InSightCrime", "insight-crime"),
        ("insight crime", "insight-crime"),
        ("según InSight Crime", "insight-crime"),
        ("Congressional Research Service", "crs"),
        ("CRS", "crs"),
        ("DEA", "dea"),
        ("Drug Enforcement Administration", "dea"),
        ("SEDENA", "sedena"),
        ("Secretaría de la Defensa Nacional", "sedena"),
        ("Defensa", "sedena"),
        ("FGR", "fgr"),
        ("la Fiscalía General de la República", "fgr"),
        ("Fiscalia General de la Republica", "fgr"),
        ("Gabinete de Seguridad", "gabinete-seguridad"),
        ("SSPC", "sspc"),
        ("Guardia Nacional", "guardia-nacional"),
        ("Marina", "semar"),
        ("SEMAR", "semar"),
        ("U.S. Department of State", "us-state-department"),
        ("the State Department", "us-state-department"),
        ("Treasury", "us-treasury"),
        ("OFAC", "ofac"),
        ("Department of Justice", "us-doj"),
        ("CSIS", "csis"),
        ("Crisis Group", "crisis-group"),
        ("ACLED", "acled"),
        ("Reuters", "reuters"),
        ("AP", "ap"),
        ("AFP", "afp"),
        ("EFE", "efe"),
        ("El Universal", "el-universal"),
        ("Milenio", "milenio-diario"),
        ("Reforma", "reforma"),
        ("Proceso", "proceso"),
        ("Animal Politico", "animal-politico"),
        ("Zeta Tijuana", "zeta-tijuana"),
        ("Riodoce", "riodoce"),
        ("La Jornada", "la-jornada"),
        ("Excelsior", "excelsior"),
        ("El Financiero", "el-financiero"),
        ("Infobae", "infobae"),
        ("Borderland Beat", "borderland-beat"),
        ("Causa en Común", "causa-en-comun"),
        ("México Evalúa", "mexico-evalua"),
        ("Security Management", "security-management"),
        ("The New York Times", "nyt"),
        ("Washington Post", "washington-post"),
        ("BBC Mundo", "bbc-mundo"),
        ("Voice of America", "voa"),
        ("insight-crime", "insight-crime"),
    ],
)
def test_sources_match_resolves_names_and_aliases(
    sources: SourceRegistry, name: str, expected: str
) -> None:
    found = sources.match(name)
    assert found is not None
    assert found.id == expected


def test_sources_match_returns_none_for_an_unknown_speaker(sources: SourceRegistry) -> None:
    assert sources.match("un vecino de la colonia") is None
    assert sources.match("") is None


def test_sources_reliability_uses_override_then_type_default_then_f(
    sources: SourceRegistry,
) -> None:
    assert sources.reliability("CRS") == "A"  # override
    assert (
        sources.reliability("Reuters") == sources.outlet_types["wire_service"].default_reliability
    )
    assert sources.reliability("Borderland Beat") == "D"  # blog default
    assert sources.reliability("Riodoce") == "B"  # local outlet graded up
    assert sources.reliability("Semanario El Vecino") == "F"
    assert sources.reliability(None) == "F"
    for src in sources.by_id.values():
        expected = src.reliability or sources.outlet_types[src.outlet_type].default_reliability
        assert sources.reliability(src.id) == expected


def test_sources_to_model_gives_a_graded_source_record(sources: SourceRegistry) -> None:
    record = sources.to_model(sources.by_id["insight-crime"])
    assert record.name == "InSight Crime"
    assert record.reliability == "B"
    assert record.outlet_type == "think_tank"


def test_sources_check_reports_an_alias_shared_by_two(tmp_path: Path) -> None:
    text = (DATA_DIR / "sources.yaml").read_text(encoding="utf-8")
    text = text.replace("aliases: [CRS]", "aliases: [CRS, DEA]", 1)
    (tmp_path / "sources.yaml").write_text(text, encoding="utf-8")
    problems = load_sources(tmp_path).check()
    assert any("DEA" in p and "dea" in p and "crs" in p for p in problems)


def test_sources_unknown_outlet_type_raises_vocab_error_naming_file_line_and_field(
    tmp_path: Path,
) -> None:
    lines = (DATA_DIR / "sources.yaml").read_text(encoding="utf-8").splitlines()
    idx = next(i for i, line in enumerate(lines) if "id: borderland-beat" in line)
    lines[idx] = lines[idx].replace("outlet_type: blog", "outlet_type: podcast")
    (tmp_path / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabError) as info:
        load_sources(tmp_path)
    err = info.value
    assert err.file is not None
    assert err.file.endswith("sources.yaml")
    assert err.line == idx + 1
    assert err.field == "outlet_type"
    assert "podcast" in str(err)


def test_sources_bad_grade_raises_vocab_error_naming_file_line_and_field(tmp_path: Path) -> None:
    lines = (DATA_DIR / "sources.yaml").read_text(encoding="utf-8").splitlines()
    idx = next(i for i, line in enumerate(lines) if "id: crs" in line)
    lines[idx] = lines[idx].replace("reliability: A", "reliability: Z")
    (tmp_path / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabError) as info:
        load_sources(tmp_path)
    assert info.value.line == idx + 1
    assert info.value.field == "reliability"

"""Risk ratings: components, weights, thresholds and evidence that add up to the rating."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest
import yaml
from crafted_facts import add_report, event, run_cli

from cartel_atlas.analyze.risk import (
    RiskRating,
    point_area,
    rate,
    risk_for_place,
    risk_for_site,
)
from cartel_atlas.analyze.risk_config import (
    DEFAULT_CONFIG,
    load_risk_config,
    rating_of,
    score_value,
)
from cartel_atlas.analyze.sites import register_site
from cartel_atlas.errors import AnalyzeError, ConfigError, NotFoundError
from cartel_atlas.model import OfficialCount
from cartel_atlas.serve.cli.risk_cmd import risk_command
from cartel_atlas.settings import get_settings
from cartel_atlas.sources.sesnsp import read_sesnsp_lines
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary, get_vocabulary

VICTIMS_FILE = (
    Path(__file__).resolve().parents[3] / "shared/data/sesnsp/IDVFC_NM_dic19-2019-UTF-8.csv"
)
END_2019 = date(2019, 12, 31)
COLIMA_POPULATION = 731_391


@functools.cache
def _colima_victims() -> list[dict[str, object]]:
    """Colima's rows of the real 2019 victims file, read by the SESNSP reader."""
    if not VICTIMS_FILE.is_file():
        return []
    with open(VICTIMS_FILE, "rb") as f:
        return [
            {**asdict(c), "source_file": VICTIMS_FILE.name}
            for c in read_sesnsp_lines(f, str(VICTIMS_FILE), vocab=get_vocabulary())
            if isinstance(c, OfficialCount) and c.state_code == "06"
        ]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as s:
        s.add_official_counts(_colima_victims())
        add_report(
            s,
            "Hallan seis cuerpos en Tecomán",
            [event("massacre", "2019-03-12", "Colima/Tecomán", killed=6, actor="CJNG")],
            published=date(2019, 3, 13),
        )
        add_report(
            s,
            "Asesinan a dos hombres en Manzanillo",
            [event("homicide", "2019-08-02", "Colima/Manzanillo", killed=2)],
        )
        add_report(
            s,
            "El CJNG y el Cártel de Sinaloa se disputan Colima",
            [
                {"_kind": "presence", "group": "CJNG", "place": "Colima", "as_of": "2019-06"},
                {
                    "_kind": "presence",
                    "group": "Sinaloa Cartel",
                    "place": "Colima",
                    "as_of": "2019-06",
                },
            ],
            publisher="InSight Crime",
        )
        yield s


def _check_sums(r: RiskRating) -> None:
    """The explanation adds up: components -> category score -> overall -> rating."""
    for cat in r.categories:
        if cat.score is None:
            continue
        assert cat.score == pytest.approx(sum(c.contribution for c in cat.components))
        scored = [c for c in cat.components if c.score is not None]
        assert sum(c.share for c in scored) == pytest.approx(1.0)
        for c in scored:
            assert c.contribution == pytest.approx(c.share * c.score)
    assert r.score == pytest.approx(sum(c.contribution for c in r.categories))
    assert sum(c.share for c in r.categories) == pytest.approx(1.0)
    assert r.rating == rating_of(r.score, (1.5, 2.5, 3.5, 4.5))
    assert 1 <= r.rating <= 5


def test_score_thresholds_and_rating_cuts() -> None:
    assert [score_value(v, (10, 20, 40, 70)) for v in (0, 9.9, 10, 39, 40, 70, 500)] == [
        1,
        1,
        2,
        3,
        4,
        5,
        5,
    ]
    assert [rating_of(s, (1.5, 2.5, 3.5, 4.5)) for s in (1.0, 1.49, 1.5, 3.2, 4.5, 5.0)] == [
        1,
        1,
        2,
        3,
        5,
        5,
    ]


@pytest.mark.skipif(not VICTIMS_FILE.is_file(), reason="SESNSP sample file missing")
def test_state_rating_shows_components_that_add_up_with_their_evidence(
    store: Store, vocab: Vocabulary
) -> None:
    r = risk_for_place(store, vocab, "Colima", as_of=END_2019)

    _check_sums(r)
    assert (r.area.level, r.area.population) == ("state", COLIMA_POPULATION)
    assert r.window_from == date(2020 - 1, 1, 1)
    homicide = next(c for c in r.categories if c.id == "homicide_violence")
    parts = {c.name: c for c in homicide.components}
    official = parts["official_per_100k"]
    assert official.value == pytest.approx(760 / COLIMA_POPULATION * 100_000, rel=1e-3)
    assert official.score == 5  # 104 per 100k: above the highest threshold (70)
    assert "760" in official.detail
    assert official.official_sources == (f"SESNSP sesnsp_state_victims {VICTIMS_FILE.name}",)
    incidents = parts["incidents_per_100k"]
    assert incidents.value == pytest.approx(2 / COLIMA_POPULATION * 100_000, rel=1e-3)
    assert {e.sentence.split(" (nota")[0] for e in incidents.evidence} == {
        "Hallan seis cuerpos en Tecomán",
        "Asesinan a dos hombres en Manzanillo",
    }
    assert parts["killed_per_100k"].detail.startswith("8 coded deaths")
    contest = next(c for c in r.categories if c.id == "contestation")
    present = next(c for c in contest.components if c.name == "groups_present")
    assert present.value == 2
    assert {g.group_id for g in r.groups} == {"cjng", "sinaloa"}
    turf = [e for e in present.evidence if "disputan" in e.sentence]
    assert {(e.source, e.reliability) for e in turf} == {("InSight Crime", "B")}


def _custom(tmp_path: Path, name: str, homicide_only: bool, official_weight: float) -> Path:
    data = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    for cid, cat in data["categories"].items():
        if homicide_only and cid != "homicide_violence":
            cat["weight"] = 0
    data["categories"]["homicide_violence"]["components"]["official_per_100k"]["weight"] = (
        official_weight
    )
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.skipif(not VICTIMS_FILE.is_file(), reason="SESNSP sample file missing")
def test_changing_weights_changes_the_rating_and_the_setting_picks_the_file(
    store: Store, vocab: Vocabulary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = risk_for_place(store, vocab, "Colima", as_of=END_2019)
    assert base.rating == 4
    monkeypatch.setenv("CARTEL_ATLAS_RISK_CONFIG", str(_custom(tmp_path, "only.yaml", True, 2)))
    get_settings.cache_clear()
    config = load_risk_config()
    assert config.source == str(tmp_path / "only.yaml")

    only_homicide = risk_for_place(store, vocab, "Colima", as_of=END_2019, config=config)

    _check_sums(only_homicide)
    homicide = next(c for c in only_homicide.categories if c.id == "homicide_violence")
    assert homicide.share == 1.0
    assert only_homicide.score == pytest.approx(homicide.score)
    # coded: 2 incidents and 8 deaths per 731,391 score 2 each; official 104/100k scores 5
    assert homicide.score == pytest.approx((2 + 2 + 2 * 5) / 4)
    assert only_homicide.score != pytest.approx(base.score)

    no_official = load_risk_config(_custom(tmp_path, "coded.yaml", True, 0))
    coded_only = risk_for_place(store, vocab, "Colima", as_of=END_2019, config=no_official)
    _check_sums(coded_only)
    assert coded_only.score == pytest.approx(2.0)
    assert coded_only.rating == 2


def test_a_malformed_risk_config_names_the_file_and_field(tmp_path: Path) -> None:
    data = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    data["categories"]["extortion"]["components"]["incidents_per_100k"]["thresholds"] = [5, 1, 2, 3]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml: field 'categories\.extortion"):
        load_risk_config(bad)
    with pytest.raises(ConfigError, match="not found"):
        load_risk_config(tmp_path / "missing.yaml")


def test_municipality_and_site_ratings_count_only_nearby_incidents(
    store: Store, vocab: Vocabulary
) -> None:
    tecoman = risk_for_place(store, vocab, "Colima/Tecomán", as_of=END_2019)
    _check_sums(tecoman)
    assert (tecoman.area.level, tecoman.area.municipality_code) == ("municipality", "06009")
    homicide = next(c for c in tecoman.categories if c.id == "homicide_violence")
    parts = {c.name: c for c in homicide.components}
    assert parts["incidents_per_100k"].detail.startswith("1 coded incidents")
    if VICTIMS_FILE.is_file():
        assert "state rate used" in parts["official_per_100k"].detail

    register_site(store, vocab, "Empaque", municipality="Colima/Tecomán", radius_km=5)
    site = risk_for_site(store, vocab, "Empaque", as_of=END_2019)
    _check_sums(site)
    assert site.area.level == "point"
    assert site.area.radius_km == 5
    incidents = next(c for c in site.categories[0].components if c.name == "incidents_per_100k")
    assert incidents.detail.startswith("1 coded incidents")  # Manzanillo is far away

    far = rate(store, vocab, point_area(vocab, 19.43, -99.13, 10), as_of=END_2019)
    assert far.area.state_code == "09"
    assert any(n.startswith("the rating rests on 1 of 6 categories") for n in far.notes)
    assert all(not c.evidence for cat in far.categories[:1] for c in cat.components)
    with pytest.raises(NotFoundError):
        risk_for_place(store, vocab, "Springfield")


@pytest.mark.skipif(not VICTIMS_FILE.is_file(), reason="SESNSP sample file missing")
def test_risk_command_prints_the_rating_its_components_and_evidence(
    store: Store, db_url: str
) -> None:
    args = ["risk", "--place", "Colima", "--as-of", "2019-12-31", "--database", db_url]

    table = run_cli(args, risk=risk_command)
    data = json.loads(run_cli([*args, "--format", "json"], risk=risk_command).stdout)

    assert table.exit_code == 0, table.output
    assert "risk 4 of 5" in table.stdout
    assert "Hallan seis cuerpos en Tecomán" in table.stdout
    assert data["rating"] == 4
    homicide = next(c for c in data["categories"] if c["id"] == "homicide_violence")
    assert {c["name"] for c in homicide["components"]} == {
        "incidents_per_100k",
        "killed_per_100k",
        "official_per_100k",
    }
    with pytest.raises(AnalyzeError, match="exactly one of"):
        run_cli(["risk", "--database", db_url], risk=risk_command)


GTO_FILE = VICTIMS_FILE.with_name("homicidios_gto_2020_2025_raw.csv")


@pytest.mark.skipif(not GTO_FILE.is_file(), reason="SESNSP Guanajuato extract missing")
def test_a_municipality_uses_its_own_official_figures_when_loaded(
    db_url: str, vocab: Vocabulary
) -> None:
    with open(GTO_FILE, "rb") as f:
        rows = [
            {**asdict(c), "source_file": GTO_FILE.name}
            for c in read_sesnsp_lines(f, str(GTO_FILE), vocab=vocab)
            if isinstance(c, OfficialCount) and c.municipality_code == "11007" and c.year == 2024
        ]
    with Store.open(db_url) as s:
        s.add_official_counts(rows)
        add_report(
            s,
            "Ataque armado en Celaya deja cinco muertos",
            [event("homicide", "2024-11-10", "Guanajuato/Celaya", killed=5)],
        )
        r = risk_for_place(s, vocab, "Celaya", as_of=date(2024, 12, 31))
        state = risk_for_place(s, vocab, "Guanajuato", as_of=date(2024, 12, 31))

    _check_sums(r)
    assert (r.area.level, r.area.municipality_code) == ("municipality", "11007")
    homicide = next(c for c in r.categories if c.id == "homicide_violence")
    official = next(c for c in homicide.components if c.name == "official_per_100k")
    population = vocab.places.municipalities["11007"].population or 0
    # 443 carpetas of homicidio doloso in Celaya in 2024, the published municipal figure
    assert official.value == pytest.approx(443 / population * 100_000, rel=1e-3)
    assert official.detail.startswith("443 municipal carpetas")
    assert official.score == 5
    state_official = next(
        c for c in state.categories[0].components if c.name == "official_per_100k"
    )
    assert state_official.detail.startswith("443 municipal carpetas summed over the state")

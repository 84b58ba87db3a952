"""SESNSP reconciliation against real published figures (Colima, 2019)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from crafted_facts import add_report, event

from cartel_atlas.analyze.official import annual, reconcile
from cartel_atlas.errors import NotFoundError
from cartel_atlas.model import OfficialCount
from cartel_atlas.sources.sesnsp import read_sesnsp_lines
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary, get_vocabulary

SESNSP = Path(__file__).resolve().parents[3] / "shared" / "data" / "sesnsp"
VICTIMS_FILE = SESNSP / "IDVFC_NM_dic19-2019-UTF-8.csv"
INCIDENCE_FILE = SESNSP / "IDEFC_NM_dic2020.csv"

pytestmark = pytest.mark.skipif(
    not VICTIMS_FILE.is_file(), reason=f"SESNSP sample files not found in {SESNSP}"
)


@functools.cache
def _rows(path: Path, state_code: str, year: int) -> list[dict[str, Any]]:
    """One state's rows for one year, read from a real SESNSP file by the SESNSP reader."""
    with open(path, "rb") as f:
        return [
            {**asdict(c), "source_file": path.name}
            for c in read_sesnsp_lines(f, str(path), vocab=get_vocabulary())
            if isinstance(c, OfficialCount) and c.state_code == state_code and c.year == year
        ]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as s:
        s.add_official_counts(_rows(VICTIMS_FILE, "06", 2019))
        s.add_official_counts(_rows(INCIDENCE_FILE, "06", 2019))
        yield s


def test_reconcile_puts_real_colima_2019_homicide_victims_next_to_coded_deaths(
    store: Store, vocab: Vocabulary
) -> None:
    massacre = add_report(
        store,
        "Hallan seis cuerpos en Tecomán",
        [event("massacre", "2019-03-12", "Colima/Tecomán", killed=6)],
        published=date(2019, 3, 13),
    )
    clash = add_report(
        store,
        "Enfrentamiento en Manzanillo deja dos muertos",
        [event("armed_clash", "2019-03-20", "Colima/Manzanillo", killed=2)],
    )
    add_report(  # an arrest has no victims: not part of the comparison
        store,
        "Detienen a tres en Colima",
        [event("arrest", "2019-03-21", "Colima/Colima")],
    )

    result = reconcile(store, vocab, state="Colima", year=2019)

    assert result.categories == ("Homicidio/Homicidio doloso", "Feminicidio/Feminicidio")
    assert {"homicide", "massacre"} <= set(result.coded_types)
    assert len(result.rows) == 12
    march = result.rows[2]
    assert (march.state, march.period) == ("Colima", "2019-03")
    assert march.official_by_category == {
        "Homicidio/Homicidio doloso": 58,
        "Feminicidio/Feminicidio": 0,
    }
    assert march.official_victims == 58
    assert march.official_carpetas == 48
    assert march.carpetas_basis == "state"
    assert (march.coded_incidents, march.coded_killed) == (2, 8)
    assert march.coverage == pytest.approx(8 / 58)
    assert set(march.fact_ids) == {*massacre.fact_ids, *clash.fact_ids}
    assert march.source_files == (INCIDENCE_FILE.name, VICTIMS_FILE.name)

    (year,) = annual(result.rows)
    assert year.official_by_category["Homicidio/Homicidio doloso"] == 749  # published total
    assert year.official_by_category["Feminicidio/Feminicidio"] == 11
    assert year.official_victims == 760
    assert year.official_carpetas == 660 + 11  # homicidio doloso + feminicidio files
    assert year.coverage == pytest.approx(8 / 760)


def test_reconcile_maps_other_event_types_to_their_own_sesnsp_categories(
    store: Store, vocab: Vocabulary
) -> None:
    result = reconcile(store, vocab, event_type="kidnapping", state="06")
    (year,) = annual(result.rows)
    assert result.categories == ("Secuestro/Secuestro",)
    assert year.official_victims == 17  # Colima 2019 kidnapping victims
    assert year.coverage == 0


def test_reconcile_keeps_only_recent_months_and_refuses_unknown_states(
    store: Store, vocab: Vocabulary
) -> None:
    result = reconcile(store, vocab, state="Colima", months=2)
    assert [r.period for r in result.rows] == ["2019-11", "2019-12"]
    assert result.rows[-1].official_victims == 69 + 3
    assert result.rows[-1].coverage == 0
    with pytest.raises(NotFoundError):
        reconcile(store, vocab, state="Narnia")

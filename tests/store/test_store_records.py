"""Sources, quarantine and official statistics."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from cartel_atlas.errors import StoreError
from cartel_atlas.model import Source
from cartel_atlas.store import Store
from cartel_atlas.store.schema import sources


@dataclass(frozen=True)
class _Registered:
    id: str
    name: str
    outlet_type: str
    reliability: str | None
    url: str | None
    country: str | None
    aliases: tuple[str, ...]


def test_quarantine_rows_round_trip_and_resolve(store: Store) -> None:
    run_id = store.start_run("ingest feeds.txt")
    first = store.quarantine(
        run_id,
        "file:///data/a.pdf",
        "S010",
        "PDF has no text layer",
        locator="page 3",
        payload=b"%PDF-1.4 \xff\xfe binary",
    )
    second = store.quarantine(None, "https://example.org/x", "S020", "HTTP 404")

    rows = store.quarantined()
    assert [r.id for r in rows] == [first, second]
    a = rows[0]
    assert (a.run_id, a.uri, a.reason_code, a.reason, a.locator) == (
        run_id,
        "file:///data/a.pdf",
        "S010",
        "PDF has no text layer",
        "page 3",
    )
    assert a.payload is not None
    assert a.payload.startswith("%PDF-1.4")
    assert a.created_at.tzinfo is not None
    assert rows[1].payload is None
    assert rows[1].run_id is None

    store.resolve_quarantine(first)
    assert [r.id for r in store.quarantined()] == [second]
    assert [r.id for r in store.quarantined(unresolved_only=False)] == [first, second]
    assert store.counts()["quarantine.unresolved"] == 1


def test_quarantine_keeps_only_an_excerpt_of_large_payloads(store: Store) -> None:
    store.quarantine(None, "file:///big.txt", "S030", "too large", payload="x" * 100_000)
    (row,) = store.quarantined()
    assert row.payload is not None
    assert 0 < len(row.payload) < 100_000


def _row(**over: object) -> dict[str, object]:
    row: dict[str, object] = {
        "dataset": "sesnsp-municipal",
        "year": 2024,
        "month": 3,
        "state_code": "25",
        "municipality_code": "25006",
        "bien_juridico": "La vida y la Integridad corporal",
        "tipo": "Homicidio",
        "subtipo": "Homicidio doloso",
        "modalidad": "Con arma de fuego",
        "value": 41,
        "source_file": "IDM_NM_mar24.csv",
    }
    row.update(over)
    return row


def test_official_counts_load_idempotently_and_take_revised_values(store: Store) -> None:
    rows = [_row(month=m, value=30 + m) for m in (1, 2, 3)] + [
        _row(municipality_code=None, value=120),  # state level: NULL key part
    ]
    assert store.add_official_counts(rows) == 4
    assert store.add_official_counts(rows) == 0
    assert store.counts()["official_counts"] == 4

    assert store.add_official_counts([_row(month=3, value=35)]) == 0  # revised figure
    march = store.official_counts("sesnsp-municipal", municipality_code="25006", month=3)
    assert [r["value"] for r in march] == [35]
    state = [r for r in store.official_counts(state_code="25") if r["municipality_code"] is None]
    assert [r["value"] for r in state] == [120]
    assert store.official_counts(year=2023) == []


def test_official_count_rows_missing_a_key_are_refused_with_the_row_number(
    store: Store,
) -> None:
    with pytest.raises(StoreError, match="row 2: missing tipo"):
        store.add_official_counts([_row(), _row(tipo="")])
    assert store.counts()["official_counts"] == 0


def test_upsert_sources_inserts_then_updates_with_aliases(store: Store) -> None:
    assert store.upsert_sources([Source("insight-crime", "InSight Crime", "think_tank", "B")]) == 1
    store.upsert_sources(
        [
            _Registered(
                "insight-crime",
                "InSight Crime",
                "think_tank",
                "A",
                "https://insightcrime.org",
                "United States",
                ("InSightCrime",),
            ),
            _Registered("gn", "Guardia Nacional", "government", None, None, "Mexico", ()),
        ]
    )
    with store.session() as session:
        rows = {r.id: r for r in session.execute(sa.select(sources))}
    assert rows["insight-crime"].reliability == "A"
    assert rows["insight-crime"].aliases == ["InSightCrime"]
    assert rows["gn"].reliability == "F"
    assert store.counts()["sources"] == 2
    with pytest.raises(StoreError, match="reliability 'Z'"):
        store.upsert_sources([Source("x", "X", "news", "Z")])

"""Expansion and retreat detection and their alerts, on a real store."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helper beside this file
from presence_facts import claim, event, report

from cartel_atlas.analyze.expansion import (
    EXPANSION,
    RETREAT,
    detect_changes,
    record_changes,
    refresh_alerts,
)
from cartel_atlas.analyze.presence import PresenceConfig
from cartel_atlas.store import Store
from cartel_atlas.store.alerts_repo import acknowledge_alert, list_alerts
from cartel_atlas.vocab import Vocabulary


def _summary(changes: list) -> list[tuple[str, str, str, str]]:  # type: ignore[type-arg]
    return [(c.month, c.kind, c.place_label, c.reason) for c in changes]


def test_expansion_a_group_first_reported_in_a_new_state_raises_one_alert(
    store: Store, vocab: Vocabulary
) -> None:
    report(store, [claim("cjng", "Jalisco", "2023-01-10", source="InSight Crime")])
    _, (new,) = report(store, [claim("cjng", "Zacatecas", "2023-05-12", source="DEA")])
    changes = detect_changes(store, vocab, group="cjng", until=date(2023, 8, 31))
    assert _summary(changes) == [("2023-05", EXPANSION, "Zacatecas", "first_reported")]
    assert changes[0].evidence[0].fact_id == new
    assert changes[0].evidence[0].source == "DEA"

    assert record_changes(store, changes) == 1
    assert record_changes(store, changes) == 0  # idempotent
    (alert,) = list_alerts(store, kinds=[EXPANSION])
    assert alert.subject == "cjng|state:32|2023-05"
    assert alert.payload["place"] == "Zacatecas"
    assert alert.payload["evidence"][0]["fact_id"] == new


def test_expansion_into_a_municipality_from_an_attack_there(
    store: Store, vocab: Vocabulary
) -> None:
    report(store, [claim("sinaloa", "Sinaloa/Culiacán", "2024-01-05", source="InSight Crime")])
    report(
        store,
        [event("attack_on_security_forces", "Sonora/Cajeme", "2024-04-03", "Sinaloa Cartel")],
        publisher="Reuters",
    )
    changes = detect_changes(
        store, vocab, group="sinaloa", level="municipality", until=date(2024, 5, 31)
    )
    assert _summary(changes) == [("2024-04", EXPANSION, "Sonora/Cajeme", "first_reported")]


def test_retreat_after_a_negated_claim(store: Store, vocab: Vocabulary) -> None:
    report(store, [claim("zetas", "Tamaulipas", "2021-01-01", source="DEA")])
    report(store, [claim("zetas", "Coahuila", "2021-01-01", source="DEA")])
    _, (negation,) = report(
        store,
        [claim("zetas", "Tamaulipas", "2022-06-07", polarity="negated", source="DEA")],
    )
    changes = detect_changes(store, vocab, group="zetas", until=date(2022, 12, 31))
    assert _summary(changes) == [("2022-06", RETREAT, "Tamaulipas", "negated")]
    assert changes[0].evidence[0].fact_id == negation


def test_retreat_when_evidence_lapses_and_expansion_when_it_reappears(
    store: Store, vocab: Vocabulary
) -> None:
    report(store, [claim("lfm", "México", "2022-01-15", source="InSight Crime")])
    report(store, [claim("lfm", "Guerrero", "2022-01-15", source="InSight Crime")])
    report(store, [claim("lfm", "Guerrero", "2022-06-15", source="InSight Crime")])
    report(store, [claim("lfm", "México", "2023-03-15", source="InSight Crime")])
    cfg = PresenceConfig(lapse_months=6)
    changes = detect_changes(store, vocab, group="lfm", until=date(2023, 4, 30), config=cfg)
    assert _summary(changes) == [
        ("2022-07", RETREAT, "México", "lapsed"),
        ("2022-12", RETREAT, "Guerrero", "lapsed"),
        ("2023-03", EXPANSION, "México", "reappeared"),
    ]
    since = detect_changes(
        store, vocab, group="lfm", since=date(2023, 1, 1), until=date(2023, 4, 30), config=cfg
    )
    assert _summary(since) == [("2023-03", EXPANSION, "México", "reappeared")]


def test_expansion_with_known_on_ignores_facts_recorded_later(
    store: Store, vocab: Vocabulary
) -> None:
    report(store, [claim("blo", "Morelos", "2023-01-10", source="DEA")], recorded=date(2023, 2, 1))
    report(
        store,
        [claim("blo", "Guerrero", "2023-03-10", source="DEA")],
        recorded=date(2023, 9, 1),
    )
    then = detect_changes(
        store, vocab, group="blo", until=date(2023, 6, 30), known_on=date(2023, 6, 30)
    )
    now = detect_changes(store, vocab, group="blo", until=date(2023, 6, 30))
    assert then == []
    assert _summary(now) == [("2023-03", EXPANSION, "Guerrero", "first_reported")]


def test_refresh_alerts_is_idempotent_and_keeps_acknowledgements(
    store: Store, vocab: Vocabulary
) -> None:
    report(store, [claim("gulf", "Tamaulipas", "2024-01-10", source="DEA")])
    report(store, [claim("gulf", "Tamaulipas/Reynosa", "2024-03-10", source="DEA")])
    report(store, [claim("gulf", "Nuevo León", "2024-03-10", source="DEA")])
    changes, new = refresh_alerts(store, vocab, until=date(2024, 4, 30))
    assert new == len(changes) == 2
    assert sorted((c.level, c.place_label) for c in changes) == [
        ("municipality", "Tamaulipas/Reynosa"),
        ("state", "Nuevo León"),
    ]
    first = list_alerts(store)[0]
    acknowledge_alert(store, first.id)
    assert refresh_alerts(store, vocab, until=date(2024, 4, 30))[1] == 0
    assert len(list_alerts(store)) == 2
    assert first.id not in [a.id for a in list_alerts(store, unacknowledged_only=True)]

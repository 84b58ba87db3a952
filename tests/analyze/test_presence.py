"""Presence over time: conflicting sources, record-time and valid-time queries, contested
places, independence of near-duplicates, and claimed state counts, on a real store."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helper beside this file
from presence_facts import at, claim, event, report

from cartel_atlas.analyze.presence import (
    CONTESTED,
    NO_INFORMATION,
    PRESENT,
    PresenceConfig,
    most_widespread_group,
    presence_counts,
    presence_map,
    state_counts,
)
from cartel_atlas.errors import AnalyzeError, NotFoundError
from cartel_atlas.store import Store, load_reference
from cartel_atlas.vocab import Vocabulary


def test_presence_conflicting_sources_are_both_shown_never_averaged(
    store: Store, vocab: Vocabulary
) -> None:
    report(
        store,
        [claim("Jalisco New Generation Cartel", "Zacatecas", "2024-03-01", source="InSight Crime")],
        published=date(2024, 3, 2),
    )
    report(
        store,
        [
            claim(
                "Jalisco New Generation Cartel",
                "Zacatecas",
                "2024-04-01",
                polarity="negated",
                source="Lantia Intelligence",
            )
        ],
        published=date(2024, 4, 2),
    )

    cell = presence_map(store, vocab, "cjng", as_of=date(2024, 5, 1)).by_code()["32"]

    assert cell.disputed
    assert [e.source for e in cell.supporting] == ["InSight Crime"]
    assert [e.source for e in cell.contradicting] == ["Lantia Intelligence"]
    assert cell.supporting[0].reliability == "B"
    assert cell.contradicting[0].reliability == "C"
    assert cell.support > 0
    assert cell.against > 0
    assert cell.confidence == pytest.approx(cell.support * (1 - cell.against))
    shown = cell.to_dict()
    assert shown["supporting"][0]["sentence"]
    assert shown["contradicting"][0]["doc_url"]


def test_presence_negation_outweighs_an_older_assertion_and_a_newer_assertion_wins_back(
    store: Store, vocab: Vocabulary
) -> None:
    report(store, [claim("cjng", "Sonora", "2022-01-01", source="DEA")])
    report(store, [claim("cjng", "Sonora", "2023-06-01", polarity="negated", source="DEA")])
    report(store, [claim("cjng", "Sonora", "2024-06-01", source="InSight Crime")])

    def status(day: date) -> str:
        cells = presence_map(store, vocab, "cjng", as_of=day).by_code()
        return cells["26"].status if "26" in cells else NO_INFORMATION

    assert status(date(2022, 2, 1)) == PRESENT
    assert status(date(2023, 7, 1)) == NO_INFORMATION
    assert status(date(2024, 7, 1)) == PRESENT


def test_presence_as_of_answer_with_earlier_known_on_is_unchanged_by_later_facts(
    store: Store, vocab: Vocabulary
) -> None:
    _, (first,) = report(
        store,
        [claim("sinaloa", "Sonora", "2024-01-10", source="DEA")],
        published=date(2024, 1, 10),
        recorded=date(2024, 2, 1),
    )
    report(
        store,
        [claim("sinaloa", "Chihuahua", "2024-01-20", source="InSight Crime")],
        published=date(2024, 1, 20),
        recorded=date(2024, 2, 20),
    )
    briefing = presence_map(
        store, vocab, "sinaloa", as_of=date(2024, 3, 1), known_on=date(2024, 3, 1)
    )

    # Later knowledge: a negation about the same period, a new state, and a retraction.
    report(
        store,
        [claim("sinaloa", "Sonora", "2024-02-15", polarity="negated", source="SSPC")],
        published=date(2024, 4, 1),
        recorded=date(2024, 4, 2),
    )
    report(
        store,
        [claim("sinaloa", "Durango", "2024-02-01", source="DEA")],
        published=date(2024, 5, 1),
        recorded=date(2024, 5, 2),
    )
    store.retract_fact(first, at(date(2024, 6, 1)))

    again = presence_map(store, vocab, "sinaloa", as_of=date(2024, 3, 1), known_on=date(2024, 3, 1))
    now = presence_map(store, vocab, "sinaloa", as_of=date(2024, 3, 1))

    assert [c.to_dict() for c in again.cells] == [c.to_dict() for c in briefing.cells]
    by_default = presence_map(store, vocab, "sinaloa", known_on=date(2024, 3, 1))
    assert [c.to_dict() for c in by_default.cells] == [c.to_dict() for c in briefing.cells]
    assert {c.place_label for c in briefing.present()} == {"Sonora", "Chihuahua"}
    assert {c.place_label for c in now.present()} == {"Chihuahua", "Durango"}
    before_record = presence_map(
        store, vocab, "sinaloa", as_of=date(2024, 3, 1), known_on=date(2024, 2, 10)
    )
    assert {c.place_label for c in before_record.present()} == {"Sonora"}


def test_presence_valid_time_decays_with_half_life_and_lapses(
    store: Store, vocab: Vocabulary
) -> None:
    report(store, [claim("gulf", "Tamaulipas", "2020-01-01", source="DEA")])
    cfg = PresenceConfig(half_life_days=365, lapse_months=30, present_threshold=0.1)

    def cell(day: date):  # type: ignore[no-untyped-def]
        return presence_map(store, vocab, "gulf", as_of=day, config=cfg).by_code().get("28")

    fresh, year_later = cell(date(2020, 1, 1)), cell(date(2020, 12, 31))
    assert fresh.status == PRESENT
    assert fresh.confidence == pytest.approx(0.8)
    assert year_later.confidence == pytest.approx(0.4, rel=0.01)
    assert cell(date(2022, 8, 1)) is None  # past the lapse window: nothing left
    assert cell(date(2019, 12, 31)) is None  # a claim about 2020 says nothing of 2019


def test_presence_hedged_and_event_evidence_weigh_less_than_an_asserted_claim(
    store: Store, vocab: Vocabulary
) -> None:
    day = "2024-05-01"
    report(store, [claim("cdn", "Nuevo León", day, source="InSight Crime")])
    report(store, [claim("cdn", "Coahuila", day, polarity="hedged", source="InSight Crime")])
    report(
        store,
        [event("armed_clash", "Zacatecas/Fresnillo", day, "Northeast Cartel")],
        publisher="InSight Crime",
    )
    cells = presence_map(store, vocab, "cdn", as_of=date(2024, 5, 1)).by_code()
    asserted, hedged, attack = cells["19"], cells["05"], cells["32"]
    assert asserted.confidence > attack.confidence
    assert asserted.confidence > hedged.confidence
    assert hedged.credibility == 4
    assert asserted.credibility == 3
    assert attack.supporting[0].kind == "event"
    assert attack.status == PRESENT


def test_presence_near_duplicates_do_not_corroborate(store: Store, vocab: Vocabulary) -> None:
    text = "La Mayiza mantiene presencia en Durango, según el reporte de prueba {}."
    a, _ = report(
        store,
        [claim("mayiza", "Durango", "2025-01-10")],
        text=text.format(1),
        publisher="Diario Uno",
    )
    b, _ = report(
        store,
        [claim("mayiza", "Durango", "2025-01-10")],
        text=text.format(2),
        publisher="Diario Dos",
    )
    cfg = PresenceConfig()
    two = presence_map(store, vocab, "mayiza", as_of=date(2025, 2, 1), config=cfg).by_code()["10"]
    store.link_duplicate(b, a)
    one = presence_map(store, vocab, "mayiza", as_of=date(2025, 2, 1), config=cfg).by_code()["10"]
    assert two.independent_sources == 2
    assert one.independent_sources == 1
    assert one.confidence < two.confidence
    assert {e.independent_of for e in one.supporting} == {a}


def test_presence_contested_when_a_rival_is_present_in_the_same_state(
    store: Store, vocab: Vocabulary
) -> None:
    report(
        store,
        [
            claim("cjng", "Guanajuato", "2024-02-01", source="InSight Crime"),
            claim("csrl", "Guanajuato", "2024-02-01", source="InSight Crime"),
            claim("cjng", "Jalisco", "2024-02-01", source="InSight Crime"),
            claim("tren-de-aragua", "Jalisco", "2024-02-01", source="InSight Crime"),
        ],
    )
    cells = presence_map(store, vocab, "cjng", as_of=date(2024, 3, 1)).by_code()
    assert cells["11"].status == CONTESTED
    assert cells["11"].contested_by == ("csrl",)
    assert "rivalry" in cells["11"].contested_reasons[0]
    assert cells["14"].status == PRESENT  # Tren de Aragua is no rival of the CJNG


def test_presence_contested_by_a_clash_or_by_a_claim_saying_so(
    store: Store, vocab: Vocabulary
) -> None:
    assert not any(r.type == "rivalry" for r in vocab.groups.relations_of("tren-de-aragua"))
    report(
        store,
        [
            event(
                "armed_clash",
                "Chiapas/Tapachula",
                "2024-02-10",
                ["Tren de Aragua", "MS-13"],
                killed=3,
            )
        ],
        publisher="Reuters",
    )
    report(
        store,
        [
            claim("tren-de-aragua", "Chiapas", "2024-02-01", source="InSight Crime"),
            claim("ms-13", "Chiapas", "2024-02-01", source="InSight Crime"),
            claim(
                "tren-de-aragua", "Sonora", "2024-02-01", source="InSight Crime", level="contested"
            ),
        ],
    )
    cells = presence_map(store, vocab, "tren-de-aragua", as_of=date(2024, 3, 1)).by_code()
    assert cells["07"].status == CONTESTED
    assert "ms-13" in cells["07"].contested_by
    assert cells["26"].status == CONTESTED
    muni = presence_map(store, vocab, "ms-13", as_of=date(2024, 3, 1), level="municipality")
    assert [c.place_label for c in muni.cells] == ["Chiapas/Tapachula"]


def test_presence_state_counts_series_counts_states_month_by_month(
    store: Store, vocab: Vocabulary
) -> None:
    report(store, [claim("viagras", "Michoacán", "2024-01-05", source="InSight Crime")])
    report(store, [claim("viagras", "Guerrero", "2024-03-05", source="InSight Crime")])
    report(
        store,
        [
            claim("viagras", "Jalisco", "2024-03-20", source="InSight Crime"),
            claim("viagras", "Colima", "2024-04-02", source="InSight Crime"),
        ],
    )
    series = state_counts(store, vocab, "viagras", end=date(2024, 5, 31))
    assert [(s.month, s.label) for s in series] == [
        ("2024-01", "1 of 32"),
        ("2024-02", "1 of 32"),
        ("2024-03", "3 of 32"),
        ("2024-04", "4 of 32"),
        ("2024-05", "4 of 32"),
    ]


def test_presence_counts_lists_every_claimed_count_next_to_ours(
    store: Store, vocab: Vocabulary
) -> None:
    report(
        store,
        [
            {
                "_kind": "presence_count",
                "group": "Jalisco New Generation Cartel",
                "count": 27,
                "of": 32,
                "as_of": "2020-07-08",
                "source": "InSight Crime",
            }
        ],
        published=date(2020, 7, 8),
    )
    report(
        store,
        [
            {
                "_kind": "presence_count",
                "group": "CJNG",
                "count": 24,
                "of": 32,
                "as_of": "2021-03",
                "source": "Lantia Intelligence",
            }
        ],
        published=date(2021, 3, 20),
    )
    report(
        store,
        [
            claim("cjng", "Jalisco", "2021-03-01", source="DEA"),
            claim("cjng", "Colima", "2021-03-01", source="DEA"),
        ],
    )
    rep = presence_counts(store, vocab, "cjng", as_of=date(2021, 4, 1))
    assert [(c.count, c.of, c.source, c.reliability) for c in rep.claimed] == [
        (27, 32, "InSight Crime", "B"),
        (24, 32, "Lantia Intelligence", "C"),
    ]
    assert rep.claimed[1].as_of == date(2021, 3, 31)
    assert rep.computed == 2
    assert rep.total == 32
    assert dict(rep.computed_at_claims)[rep.claimed[0].fact_id] == 0


def test_presence_baseline_claims_give_a_map_and_the_most_widespread_group(
    store: Store, vocab: Vocabulary
) -> None:
    load_reference(store, vocab)
    on = date(2025, 6, 30)
    best = most_widespread_group(store, vocab, as_of=on)
    assert best is not None
    widest = presence_map(store, vocab, best, as_of=on).count()
    for gid in ("sinaloa", "cjng", "gulf"):
        assert presence_map(store, vocab, gid, as_of=on).count() <= widest
    cell = presence_map(store, vocab, "sinaloa", as_of=on).by_code()["25"]
    assert cell.status in (PRESENT, CONTESTED)
    assert cell.supporting[0].doc_url
    assert cell.supporting[0].sentence


def test_presence_rejects_unknown_group_and_level(store: Store, vocab: Vocabulary) -> None:
    with pytest.raises(NotFoundError):
        presence_map(store, vocab, "no-such-cartel")
    with pytest.raises(AnalyzeError):
        presence_map(store, vocab, "cjng", level="county")  # type: ignore[arg-type]
    with pytest.raises(AnalyzeError):
        PresenceConfig(half_life_days=0)

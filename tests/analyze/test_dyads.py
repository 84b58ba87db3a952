"""Conflict dyads from clashes and contested-presence claims; alliances."""

from __future__ import annotations

from datetime import date

import pytest
from crafted_facts import add_report, event

from cartel_atlas.analyze.dyads import conflict_dyads
from cartel_atlas.errors import NotFoundError
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary

ON = date(2025, 6, 1)


def _presence(group: str, place: str, **extra: object) -> dict[str, object]:
    return {"_kind": "presence", "group": group, "place": place, "polarity": "asserted", **extra}


def test_a_clash_between_two_groups_makes_a_dyad_where_it_happened(
    store: Store, vocab: Vocabulary
) -> None:
    clash = add_report(
        store,
        "Los Chapitos y La Mayiza se enfrentaron en Culiacán; murieron cuatro",
        [
            event(
                "armed_clash",
                "2024-10-02",
                "Sinaloa/Culiacán",
                actor=["Los Chapitos", "La Mayiza"],
                killed=4,
            )
        ],
    )
    add_report(  # one group against soldiers is not a dyad between groups
        store,
        "El CJNG atacó a militares en Aguililla",
        [event("armed_clash", "2024-10-05", "Michoacán/Aguililla", actor="CJNG", killed=2)],
    )

    report = conflict_dyads(store, vocab, as_of=ON)

    (dyad,) = report.conflicts
    assert (dyad.a, dyad.b, dyad.clashes, dyad.killed) == ("chapitos", "mayiza", 1, 4)
    assert dyad.bases == ("clash", "rivalry (vocabulary)")
    (place,) = dyad.places
    assert (place.place, place.state_code, place.first_date) == (
        "Sinaloa/Culiacán",
        "25",
        date(2024, 10, 2),
    )
    assert [e.fact_id for e in dyad.evidence] == clash.fact_ids
    assert "Culiacán" in dyad.evidence[0].sentence
    assert dyad.rivalry_statements  # the vocabulary's own words are shown too
    # before the rivalry began in the vocabulary, the clash still stands on its own
    early = conflict_dyads(store, vocab, as_of=date(2024, 1, 1))
    assert early.conflicts[0].bases == ("clash",)


def test_contested_claims_pair_the_groups_one_report_names(store: Store, vocab: Vocabulary) -> None:
    turf = add_report(
        store,
        "El CJNG y el Cártel de Santa Rosa de Lima se disputan Guanajuato",
        [
            _presence("Jalisco New Generation Cartel", "Guanajuato", as_of="2020-06"),
            _presence("Santa Rosa de Lima Cartel", "Guanajuato", as_of="2020-06"),
        ],
        publisher="InSight Crime",
    )

    report = conflict_dyads(store, vocab, as_of=ON, state="Guanajuato")

    (dyad,) = report.conflicts
    assert (dyad.a, dyad.b) == ("cjng", "csrl")
    assert dyad.clashes == 0
    assert dyad.contested_claims == 2
    assert dyad.bases == ("contested claim", "rivalry (vocabulary)")
    assert {e.fact_id for e in dyad.evidence} == set(turf.fact_ids)
    assert dyad.evidence[0].reliability == "B"
    assert conflict_dyads(store, vocab, as_of=ON, state="Sonora").conflicts == ()


def test_a_contested_claim_pairs_with_a_rival_reported_in_the_same_state(
    store: Store, vocab: Vocabulary
) -> None:
    add_report(
        store,
        "El Cártel del Golfo mantiene una disputa en Tamaulipas",
        [_presence("Gulf Cartel", "Tamaulipas", level="contested", as_of="2024")],
    )
    add_report(
        store,
        "El Cártel del Noreste opera en Tamaulipas",
        [_presence("Northeast Cartel", "Tamaulipas", as_of="2024")],
    )
    add_report(  # a non-rival present in the same state is not paired
        store,
        "El CJNG tiene presencia en Tamaulipas",
        [_presence("Jalisco New Generation Cartel", "Tamaulipas", as_of="2024")],
    )

    report = conflict_dyads(store, vocab, as_of=ON, group="gulf")

    assert [(d.a, d.b) for d in report.conflicts] == [("cdn", "gulf")]
    assert report.conflicts[0].places[0].place == "Tamaulipas"
    with pytest.raises(NotFoundError):
        conflict_dyads(store, vocab, group="Cártel Fantasma")


def test_alliances_come_from_the_vocabulary_and_from_claims(
    store: Store, vocab: Vocabulary
) -> None:
    claim = add_report(
        store,
        "Los Viagras formaron una alianza con La Familia Michoacana en Michoacán",
        [
            _presence("Los Viagras", "Michoacán", as_of="2023"),
            _presence("La Familia Michoacana", "Michoacán", as_of="2023"),
        ],
    )

    add_report(  # "alliance" in a sentence about a war between the groups is no alliance
        store,
        "La guerra entre el CJNG y Cárteles Unidos, una alianza de grupos michoacanos",
        [
            _presence("Jalisco New Generation Cartel", "Michoacán", as_of="2023"),
            _presence("Cárteles Unidos", "Michoacán", as_of="2023"),
        ],
    )

    report = conflict_dyads(store, vocab, as_of=ON)

    claimed = [a for a in report.alliances if a.basis == "claim"]
    assert [(a.a, a.b) for a in claimed] == [("lfm", "viagras")]
    assert {e.fact_id for e in claimed[0].evidence} == set(claim.fact_ids)
    from_vocab = [a for a in report.alliances if a.basis == "vocabulary"]
    assert from_vocab
    assert all(a.statement and a.source_url for a in from_vocab)
    assert ("carteles-unidos", "cjng") in {(d.a, d.b) for d in report.conflicts}
    assert ("lfm", "viagras") not in {(d.a, d.b) for d in report.conflicts}

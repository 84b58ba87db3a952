"""Admiralty grading: source reliability from the registry, credibility levels 1-6."""

from __future__ import annotations

import itertools
from datetime import date

from cartel_atlas.analyze.grading import grade_fact, grade_incident, make_grade
from cartel_atlas.analyze.incidents import Incident, build_incidents
from cartel_atlas.model import Document, Evidence, Fact, Sentence
from cartel_atlas.store import Store, StoredFact, fact_id
from cartel_atlas.vocab import get_vocabulary

_serial = itertools.count(1)


def report(
    store: Store,
    publisher: str | None,
    *,
    polarity: str = "asserted",
    source: str | None = None,
    killed: int | None = 5,
) -> str:
    """One document from ``publisher`` reporting the same Culiacán homicide."""
    n = next(_serial)
    text = f"Nota {n}: cinco personas fueron asesinadas en Culiacán el 3 de marzo."
    doc = Document(
        text=text,
        title=f"Nota {n}",
        publisher=publisher,
        published=date(2024, 3, 4),
        language="es",
    )
    fact = Fact(
        kind="event",
        fields={
            "event_type": "homicide",
            "date": "2024-03-03",
            "place": "Sinaloa/Culiacán",
            "actor": None,
            "killed": killed,
            "wounded": None,
            "victims": None,
            "polarity": polarity,
        },
        evidence=Evidence(doc.id, 0, len(text), text, "test", "1"),
        polarity=polarity,
        source=source,
    )
    store.add_document(doc, [Sentence(doc.id, 0, 0, len(text), text)], [], [fact])
    return fact_id(fact)


def only_incident(store: Store) -> Incident:
    [inc] = build_incidents(store, get_vocabulary())
    assert inc.grade is not None
    return inc


def stored(store: Store, fid: str) -> StoredFact:
    return next(f for f in store.facts(kind="event", include_retracted=True) if f.id == fid)


def test_three_independent_sources_confirm_credibility_1(store: Store) -> None:
    for outlet in ("Reuters", "El Universal", "Riodoce"):
        report(store, outlet)
    inc = only_incident(store)
    assert inc.grade is not None
    assert inc.grade.code == "B1"
    assert "confirmed" in " ".join(inc.grade.reasons)


def test_two_independent_sources_make_it_probably_true_2(store: Store) -> None:
    report(store, "Reuters")
    report(store, "Borderland Beat")
    inc = only_incident(store)
    assert inc.grade is not None
    assert (inc.grade.reliability, inc.grade.credibility) == ("B", 2)


def test_single_asserted_source_is_possibly_true_3(store: Store) -> None:
    fid = report(store, "Reuters")
    assert grade_fact(stored(store, fid)).code == "B3"
    assert only_incident(store).code == "B3"


def test_single_hedging_source_is_doubtful_4(store: Store) -> None:
    fid = report(store, "El Universal", polarity="hedged")
    assert grade_fact(stored(store, fid)).code == "B4"
    assert only_incident(store).code == "B4"


def test_single_hedging_unreliable_source_is_improbable_5(store: Store) -> None:
    fid = report(store, "Borderland Beat", polarity="hedged")
    assert grade_fact(stored(store, fid)).code == "D5"


def test_denial_by_an_as_strong_source_makes_it_improbable_5(store: Store) -> None:
    report(store, "Riodoce")
    report(store, "Reuters", polarity="negated")
    inc = only_incident(store)
    assert inc.grade is not None
    assert inc.grade.credibility == 5
    assert len(inc.denials) == 1


def test_denial_by_a_weaker_source_cannot_be_judged_6(store: Store) -> None:
    report(store, "Reuters")
    report(store, "El Universal")
    report(store, "Borderland Beat", polarity="negated")
    inc = only_incident(store)
    assert inc.grade is not None
    assert inc.grade.code == "B6"


def test_claim_with_no_source_and_no_publisher_cannot_be_judged(store: Store) -> None:
    fid = report(store, None)
    grade = grade_fact(stored(store, fid))
    assert grade.code == "F6"


def test_attributed_speaker_is_graded_before_the_publisher(store: Store) -> None:
    fid = report(store, "Borderland Beat", source="Secretaría de la Defensa Nacional")
    grade = grade_fact(stored(store, fid))
    assert grade.reliability == "B"
    assert "attributed" in grade.reasons[0]


def test_unknown_outlet_is_graded_f(store: Store) -> None:
    fid = report(store, "Gaceta Inventada del Valle")
    assert grade_fact(stored(store, fid)).code == "F3"


def test_near_duplicate_copy_does_not_raise_credibility(store: Store) -> None:
    a = report(store, "Reuters")
    b = report(store, "El Universal")
    store.link_duplicate(stored(store, b).doc_id, stored(store, a).doc_id)
    assert only_incident(store).code == "B3"


def test_grade_fact_with_known_corroboration() -> None:
    ev = Evidence("d", 0, 5, "texto", "test", "1")
    fact = Fact(kind="event", fields={}, evidence=ev, source="Reuters")
    assert grade_fact(fact, independent_sources=3).code == "B1"
    assert grade_fact(fact, independent_sources=2).code == "B2"
    assert grade_fact(fact, contradicted_by=["A"]).code == "B5"


def test_grade_incident_without_reports_cannot_be_judged() -> None:
    assert grade_incident([]).code == "F6"
    assert make_grade("C", 2, ["x"]).code == "C2"

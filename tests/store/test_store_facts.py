"""Fact reads: filters, as-of reads over record time and valid time, retraction, sources."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from store_samples import Sample, make_sample

from cartel_atlas.errors import NotFoundError
from cartel_atlas.model import Fact, Source
from cartel_atlas.store import Store, fact_id

T0 = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


def _presence(sample: Sample, **changes: object) -> Fact:
    return dataclasses.replace(sample.facts[0], **changes)  # type: ignore[arg-type]


def test_facts_filter_by_kind_group_state_and_document(store: Store, sample: Sample) -> None:
    store.add_document(sample.doc, sample.sentences, sample.mentions, sample.facts)
    other = make_sample(sample.doc.text + " Otra versión.")
    moved = _presence(
        other,
        fields={
            "group": "Jalisco New Generation Cartel",
            "group_id": "cjng",
            "place": "Jalisco",
            "state_code": "14",
        },
    )
    store.add_document(other.doc, other.sentences, [], [moved])

    assert len(store.facts()) == 3
    assert [f.kind for f in store.facts(kind="event")] == ["event"]
    assert {f.doc_id for f in store.facts(group="sinaloa")} == {sample.doc.id}
    assert [f.fields["place"] for f in store.facts(state_code="14")] == ["Jalisco"]
    assert len(store.facts(doc_id=other.doc.id)) == 1
    assert store.facts(kind="presence", group="cjng", state_code="25") == []


def test_recorded_before_reads_the_store_as_it_was(store: Store, sample: Sample) -> None:
    early = _presence(sample, recorded_at=T0)
    late = dataclasses.replace(sample.facts[1], recorded_at=datetime(2024, 6, 1, tzinfo=UTC))
    store.add_document(sample.doc, sample.sentences, [], [early, late])

    assert [f.kind for f in store.facts(recorded_before=datetime(2024, 4, 1, tzinfo=UTC))] == [
        "presence"
    ]
    assert store.facts(recorded_before=T0) == []  # strictly before
    assert len(store.facts(recorded_before=datetime(2024, 7, 1, tzinfo=UTC))) == 2
    # a naive datetime is taken as UTC
    assert len(store.facts(recorded_before=datetime(2024, 4, 1))) == 1


def test_retracted_facts_vanish_now_but_stay_in_earlier_as_of_reads(
    store: Store, sample: Sample
) -> None:
    store.add_document(sample.doc, sample.sentences, [], sample.facts)
    target = fact_id(sample.facts[0])
    retracted_at = datetime(2024, 5, 1, tzinfo=UTC)
    store.retract_fact(target, at=retracted_at)
    store.retract_fact(target)  # a second retraction keeps the first time

    assert [f.kind for f in store.facts()] == ["event"]
    (gone,) = store.facts(kind="presence", include_retracted=True)
    assert gone.retracted_at == retracted_at
    as_of_april = store.facts(recorded_before=datetime(2024, 4, 1, tzinfo=UTC))
    assert {f.kind for f in as_of_april} == {"presence", "event"}
    as_of_june = store.facts(recorded_before=datetime(2024, 6, 1, tzinfo=UTC))
    assert {f.kind for f in as_of_june} == {"event"}
    assert store.counts()["facts"] == 1
    assert store.counts()["facts.retracted"] == 1
    with pytest.raises(NotFoundError):
        store.retract_fact("f" * 32)


def test_valid_on_keeps_facts_whose_valid_time_covers_the_day(store: Store, sample: Sample) -> None:
    spring = _presence(sample, valid_from=date(2024, 3, 1), valid_to=date(2024, 5, 31))
    since_june = dataclasses.replace(sample.facts[1], valid_from=date(2024, 6, 1), valid_to=None)
    store.add_document(sample.doc, sample.sentences, [], [spring, since_june])

    assert [f.kind for f in store.facts(valid_on=date(2024, 4, 15))] == ["presence"]
    assert [f.kind for f in store.facts(valid_on=date(2025, 1, 1))] == ["event"]
    assert store.facts(valid_on=date(2024, 2, 1)) == []
    assert len(store.facts(valid_on=date(2024, 5, 31))) == 1


def test_fact_ids_are_deterministic_and_re_extraction_adds_nothing(
    store: Store, sample: Sample
) -> None:
    store.add_document(sample.doc, sample.sentences, [], sample.facts)
    rebuilt = make_sample()
    assert [fact_id(f) for f in rebuilt.facts] == [fact_id(f) for f in sample.facts]
    assert store.add_facts(rebuilt.facts) == 0
    moved = _presence(rebuilt, evidence=dataclasses.replace(rebuilt.facts[0].evidence, end=40))
    assert fact_id(moved) != fact_id(rebuilt.facts[0])
    assert store.add_facts([moved]) == 1
    assert store.counts()["facts.presence"] == 2


def test_facts_link_to_known_sources_by_name_or_alias(store: Store, sample: Sample) -> None:
    fge = Source("fge-sinaloa", "Fiscalía General del Estado de Sinaloa", "prosecutor", "B")
    store.upsert_sources([fge])
    store.add_document(sample.doc, sample.sentences, [], sample.facts)
    (event,) = store.facts(kind="event")
    assert event.source_id == "fge-sinaloa"
    (presence,) = store.facts(kind="presence")
    assert presence.source_id is None

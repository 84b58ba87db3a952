"""Documents with their sentences, mentions and facts: round trip, idempotency, atomicity."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from store_samples import Sample, make_sample

from cartel_atlas.errors import NotFoundError, StoreError
from cartel_atlas.model import Document
from cartel_atlas.store import Store, fact_id
from cartel_atlas.store.reads import DOCUMENT_PAGE


def _add(store: Store, s: Sample, run_id: int | None = None) -> bool:
    return store.add_document(s.doc, s.sentences, s.mentions, s.facts, run_id=run_id)


def test_document_sentences_mentions_and_facts_read_back_equal(
    store: Store, sample: Sample
) -> None:
    assert _add(store, sample) is True

    assert store.has_document(sample.doc.id)
    assert store.get_document(sample.doc.id) == sample.doc
    assert store.sentences(sample.doc.id) == sample.sentences
    assert store.mentions(sample.doc.id) == sample.mentions

    stored = {f.kind: f for f in store.facts(doc_id=sample.doc.id)}
    assert set(stored) == {"presence", "event"}
    for fact in sample.facts:
        got = stored[fact.kind]
        assert got.id == fact_id(fact)
        assert got.to_fact() == dataclasses.replace(fact, id=fact_id(fact))
        assert got.evidence == fact.evidence
        assert got.recorded_at == fact.recorded_at
        assert got.recorded_at.tzinfo is not None
        assert got.retracted_at is None
        assert got.doc_title == sample.doc.title
        assert got.doc_url == sample.doc.url
        assert got.doc_published == sample.doc.published
        assert got.doc_publisher == sample.doc.publisher


def test_get_document_finds_by_name_and_raises_not_found(store: Store, sample: Sample) -> None:
    _add(store, sample)
    assert store.get_document("emboscada-culiacan").id == sample.doc.id
    with pytest.raises(NotFoundError, match="no-such-doc"):
        store.get_document("no-such-doc")


def test_adding_the_same_document_twice_returns_false_and_changes_no_counts(
    store: Store, sample: Sample
) -> None:
    assert _add(store, sample) is True
    before = store.counts()
    assert before["documents"] == 1
    assert before["facts"] == 2
    assert before["sentences"] == 2
    assert before["mentions"] == 2

    assert _add(store, sample) is False
    # the same text with other metadata is the same document too
    again = make_sample(tlp="amber")
    assert again.doc.id == sample.doc.id
    assert _add(store, again) is False
    assert store.counts() == before
    assert store.get_document(sample.doc.id).tlp == "clear"


def test_a_write_failing_half_way_leaves_nothing_of_the_document(
    store: Store, sample: Sample
) -> None:
    bad = dataclasses.replace(sample.facts[1], polarity="perhaps")  # violates a CHECK
    with pytest.raises(StoreError, match="refused the write"):
        store.add_document(sample.doc, sample.sentences, sample.mentions, [sample.facts[0], bad])

    assert not store.has_document(sample.doc.id)
    counts = store.counts()
    assert counts["documents"] == counts["sentences"] == counts["mentions"] == 0
    assert counts["facts"] == 0
    # and the store is still usable: the corrected document goes in
    assert _add(store, sample) is True


def test_parts_pointing_at_another_document_are_refused_before_writing(
    store: Store, sample: Sample
) -> None:
    other = make_sample(sample.doc.text + " Nota ampliada.")
    with pytest.raises(StoreError, match="points to document"):
        store.add_document(sample.doc, sample.sentences, other.mentions, sample.facts)
    assert not store.has_document(sample.doc.id)


def test_documents_iterates_every_document_across_pages(store: Store) -> None:
    n = DOCUMENT_PAGE + 3
    ids = set()
    for i in range(n):
        doc = Document(text=f"Nota número {i} sobre seguridad en Sonora.", name=f"nota-{i}")
        assert store.add_document(doc, [], [], [])
        ids.add(doc.id)
    seen = [d.id for d in store.documents()]
    assert len(seen) == n
    assert set(seen) == ids


def test_link_duplicate_records_the_original(store: Store, sample: Sample) -> None:
    _add(store, sample)
    copy = Document(text=sample.doc.text + " Actualización: sin cambios.", name="copia")
    store.add_document(copy, [], [], [])
    store.link_duplicate(copy.id, sample.doc.id)
    assert store.duplicate_of(copy.id) == sample.doc.id
    assert store.duplicate_of(sample.doc.id) is None
    with pytest.raises(NotFoundError):
        store.link_duplicate(copy.id, "0" * 32)


def test_documents_record_the_ingest_run_that_added_them(store: Store, sample: Sample) -> None:
    run_id = store.start_run("ingest tests/resources")
    assert _add(store, sample, run_id=run_id)
    store.finish_run(run_id, "ok", {"documents": 1, "facts": 2})
    (run,) = store.runs()
    assert run.id == run_id
    assert run.status == "ok"
    assert run.counts == {"documents": 1, "facts": 2}
    assert run.finished_at is not None
    assert run.finished_at >= run.started_at
    assert run.started_at <= datetime.now(UTC)
    with store.session() as session:
        from cartel_atlas.store.schema import documents

        got = session.execute(documents.select().where(documents.c.id == sample.doc.id)).one()
    assert got.ingest_run_id == run_id

"""Near-duplicate detection: shingles, similarity, and the index over a real store."""

from __future__ import annotations

from ingest_corpus import ORIGINAL, SAMPLES, SYNDICATED

from cartel_atlas.model import Document
from cartel_atlas.store import Store
from cartel_atlas.store.neardup import (
    THRESHOLD,
    NearDuplicateIndex,
    eligible,
    jaccard,
    shingles,
)


def _text(name: str) -> str:
    return (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")


def test_shingles_ignore_case_punctuation_and_spacing() -> None:
    a = shingles("Hombres  armados atacaron, en Culiacán, a dos policías.")
    b = shingles("hombres armados atacaron en culiacán a dos policías")
    assert a == b
    assert "hombres armados atacaron en culiacán" in a


def test_syndicated_copy_is_above_the_threshold_and_other_reports_far_below() -> None:
    original = shingles(_text(ORIGINAL))
    assert jaccard(original, shingles(_text(SYNDICATED))) >= THRESHOLD
    others = [p.stem for p in SAMPLES.glob("*.txt") if p.stem not in (ORIGINAL, SYNDICATED)]
    assert max(jaccard(original, shingles(_text(n))) for n in others) < 0.3


def test_short_texts_and_structured_records_take_no_part() -> None:
    assert not eligible("Balacera en Culiacán deja dos muertos.", "text")
    assert not eligible(_text(ORIGINAL), "acled")
    assert eligible(_text(ORIGINAL), "html")


def test_index_rebuilt_from_the_store_finds_the_original_of_a_copy(db_url: str) -> None:
    original = Document(text=_text(ORIGINAL), format="text")
    other = Document(text=_text("lagos-de-moreno-2023-en"), format="text")
    with Store.open(db_url) as store:
        for doc in (original, other):
            assert store.add_document(doc, [], [], [])
        index = NearDuplicateIndex.from_store(store)
        assert len(index) == 2
        copy = Document(text=_text(SYNDICATED), format="text")
        match = index.find(copy.id, copy.text)
        assert match is not None
        assert match.original_id == original.id
        assert match.similarity >= THRESHOLD
        # A document is never its own original, nor the original of what came before it.
        assert index.find(original.id, original.text) is None

"""Several writers at once: nothing lost, nothing doubled."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from store_samples import make_sample

from cartel_atlas.model import Document
from cartel_atlas.store import Store

WRITERS = 4


def test_concurrent_writers_on_separate_connections_all_succeed(db_url: str) -> None:
    Store.open(db_url).close()  # migrate once
    barrier = threading.Barrier(WRITERS)

    def write(n: int) -> int:
        with Store.open(db_url) as store:
            barrier.wait()
            added = 0
            for i in range(10):
                doc = Document(text=f"Escritor {n}, nota {i}: patrullaje en Zacatecas.")
                added += store.add_document(doc, [], [], [])
            return added

    with ThreadPoolExecutor(WRITERS) as pool:
        results = list(pool.map(write, range(WRITERS)))
    assert results == [10] * WRITERS
    with Store.open(db_url) as store:
        assert store.counts()["documents"] == 10 * WRITERS


def test_the_same_document_added_concurrently_is_stored_once(db_url: str) -> None:
    Store.open(db_url).close()
    sample = make_sample()
    barrier = threading.Barrier(WRITERS)

    def write(_: int) -> bool:
        with Store.open(db_url) as store:
            barrier.wait()
            return store.add_document(sample.doc, sample.sentences, sample.mentions, sample.facts)

    with ThreadPoolExecutor(WRITERS) as pool:
        results = list(pool.map(write, range(WRITERS)))
    assert sorted(results) == [False] * (WRITERS - 1) + [True]
    with Store.open(db_url) as store:
        counts = store.counts()
    assert (counts["documents"], counts["facts"], counts["sentences"]) == (1, 2, 2)


def test_callers_opening_a_new_database_at_once_all_see_it_migrated(db_url: str) -> None:
    barrier = threading.Barrier(WRITERS)

    def open_and_read(_: int) -> str | None:
        barrier.wait()
        with Store.open(db_url) as store:
            return store.revision()

    with ThreadPoolExecutor(WRITERS) as pool:
        revisions = list(pool.map(open_and_read, range(WRITERS)))
    assert revisions == [Store.head()] * WRITERS

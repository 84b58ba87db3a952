"""Fixtures for store tests: an open store on each backend and a hand-built document."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from store_samples import Sample, make_sample

from cartel_atlas.store import Store


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A migrated store on a fresh SQLite file or PostgreSQL database."""
    with Store.open(db_url) as s:
        yield s


@pytest.fixture
def sample() -> Sample:
    return make_sample()

"""Fixtures for store tests: an open store on each backend and a hand-built document."""

from __future__ import annotations

import pytest
from store_samples import Sample, make_sample


@pytest.fixture
def sample() -> Sample:
    return make_sample()

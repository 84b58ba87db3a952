"""Helpers for extraction tests: run the real pipeline on the real vocabulary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from cartel_atlas.extract import Extraction, run
from cartel_atlas.extract.export import records
from cartel_atlas.model import Document
from cartel_atlas.vocab import Vocabulary

Extract = Callable[..., Extraction]
Facts = Callable[..., list[dict[str, Any]]]


@pytest.fixture
def extract(vocab: Vocabulary) -> Extract:
    """Run extraction on a text written for the test."""

    def _run(text: str, lang: str = "es", published: date = date(2024, 7, 10)) -> Extraction:
        return run(Document(text=text, language=lang, published=published), vocab)

    return _run


@pytest.fixture
def facts(extract: Extract) -> Facts:
    """Exchange-format records of one kind (or all kinds) extracted from a text."""

    def _facts(
        text: str, lang: str = "es", kind: str | None = None, published: date = date(2024, 7, 10)
    ) -> list[dict[str, Any]]:
        ex = extract(text, lang, published)
        rows = records(ex.facts, "t")
        return [r for r in rows if kind is None or r["kind"] == kind]

    return _facts

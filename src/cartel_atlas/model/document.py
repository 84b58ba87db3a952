"""Documents and sentences: the text every fact points back into."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Unicode NFC and collapsed whitespace: what two copies of a text must share to be one."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_id(text: str) -> str:
    """Deterministic document id: SHA-256 of the normalised text (first 32 hex digits).

    Ingesting the same content twice, from any path or URL, yields the same id.
    """
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Document:
    """One text to extract from, with what we know about where it came from."""

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: date | None = None
    language: str | None = None
    licence: str | None = None
    tlp: str = "clear"
    format: str = "text"
    name: str | None = None
    pages: tuple[tuple[int, int], ...] = ()
    """For paginated sources: (start offset, page number) of each page in ``text``."""
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))

    def page_at(self, offset: int) -> int | None:
        """Page number holding character ``offset``, for paginated sources."""
        page = None
        for start, number in self.pages:
            if start > offset:
                break
            page = number
        return page


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as an offset view into its document's text."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str

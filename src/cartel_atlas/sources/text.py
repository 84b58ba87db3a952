"""Plain text and Markdown: the simplest input, and the one analysts paste most.

The text is kept exactly as decoded (only a BOM is dropped), because every fact's
evidence offsets point into it. Without a sidecar the title is the first non-empty
line (a Markdown heading loses its ``#``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cartel_atlas.model.document import Document
from cartel_atlas.model.records import Rejected
from cartel_atlas.sources.guards import text_or_rejected
from cartel_atlas.sources.meta import Sidecar

Item = Document | Rejected

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")
TITLE_CHARS = 300


def first_line_title(text: str, markdown: bool = False) -> str | None:
    """The first non-empty line, trimmed (and without Markdown heading marks)."""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if markdown:
            line = _HEADING.sub("", line).strip()
        return line[:TITLE_CHARS] or None
    return None


def make_document(
    text: str,
    *,
    uri: str,
    name: str | None,
    fmt: str,
    sidecar: Sidecar | None = None,
    guessed: dict[str, Any] | None = None,
    meta: dict[str, Any] | None = None,
) -> Document:
    """A ``Document`` whose metadata is the sidecar's, else what the reader guessed."""
    fields: dict[str, Any] = dict(guessed or {})
    if sidecar is not None:
        fields.update(sidecar.fields)
    info = {"source_uri": uri, **(meta or {})}
    if sidecar is not None and sidecar.extra:
        info["sidecar"] = dict(sidecar.extra)
    return Document(text=text, format=fmt, name=name, meta=info, **fields)


def read_text_bytes(
    data: bytes,
    uri: str,
    *,
    name: str | None,
    limit: int,
    markdown: bool = False,
    sidecar: Sidecar | None = None,
) -> Iterator[Item]:
    """One ``Document`` from the bytes of a text or Markdown file, or why not."""
    if sidecar is not None:
        yield from sidecar.problems
    decoded = text_or_rejected(uri, data, limit)
    if isinstance(decoded, Rejected):
        yield decoded
        return
    text, encoding = decoded
    fmt = "markdown" if markdown else "text"
    yield make_document(
        text,
        uri=uri,
        name=name,
        fmt=fmt,
        sidecar=sidecar,
        guessed={"title": first_line_title(text, markdown)},
        meta={"encoding": encoding},
    )

"""Drafts to ``Fact`` records, and facts to JSON Lines in the evaluation's exchange format.

Every fact carries its evidence (document id, character span, the sentence text,
component@version), a confidence, its polarity, who asserts it and the time it is about.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from cartel_atlas.extract.drafts import Draft
from cartel_atlas.model import Document, Evidence, Fact

VERSION = "0.3.0"
"""Version of the extraction rules; bump it when their output changes."""

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def date_bounds(value: str | None) -> tuple[date | None, date | None]:
    """First and last day of an ISO date, partial date or interval ('2020-06/2020-07')."""
    if not value:
        return None, None
    lo_text, _, hi_text = str(value).partition("/")
    lo = _bound(lo_text, last=False)
    hi = _bound(hi_text or lo_text, last=True)
    return lo, hi


@lru_cache(maxsize=4096)
def _bounds_of(value: str) -> tuple[date | None, date | None]:
    """``date_bounds`` of a string, memoised: a document's facts share a few dates."""
    return date_bounds(value)


def _bound(text: str, *, last: bool) -> date | None:
    m = _ISO.match(text.strip())
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else (12 if last else 1)
    d = int(m.group(3)) if m.group(3) else calendar.monthrange(y, mo)[1] if last else 1
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def fields_key(d: Draft) -> str:
    """repr of the draft's sorted fields: stable for the str/int/list/None values facts
    hold; part of both the fact id and the pipeline's duplicate test."""
    return repr(sorted(d.fields.items()))


def _fact_id(doc_id: str, d: Draft, fields: str | None = None) -> str:
    # the repr of the tuple (doc_id, kind, sorted items, start, end), built from its parts
    # so the fields' repr can be shared with the duplicate test
    if fields is None:
        fields = fields_key(d)
    key = f"({doc_id!r}, {d.kind!r}, {fields}, {d.start!r}, {d.end!r})"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def to_fact(document: Document, d: Draft, fields: str | None = None) -> Fact:
    """Freeze a draft into a ``Fact`` with its evidence; ``fields`` is ``fields_key(d)``
    when the caller has it already."""
    text = document.text[d.start : d.end]
    lo, hi = _bounds_of(d.date) if isinstance(d.date, str) else date_bounds(d.date)
    evidence = Evidence(
        document.id,
        d.start,
        d.end,
        text,
        d.component,
        VERSION,
        page=document.page_at(d.start) if document.pages else None,
    )
    return Fact(
        kind=d.kind,
        fields=dict(d.fields),
        evidence=evidence,
        polarity=d.polarity,
        confidence=d.confidence,
        source=d.source,
        valid_from=lo,
        valid_to=hi,
        id=_fact_id(document.id, d, fields),
    )


def records(facts: Iterable[Fact], doc_name: str | None = None) -> list[dict[str, Any]]:
    """Facts in the exchange format (one dict per JSON line)."""
    out = []
    for f in facts:
        rec = f.to_record(doc_name)
        rec["id"] = f.id
        out.append(rec)
    return out


def write_jsonl(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """Write records as JSON Lines; returns how many were written."""
    n = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def write_jsonl_file(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Write records to ``path`` (UTF-8), creating its directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        return write_jsonl(rows, fh)

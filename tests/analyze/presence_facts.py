"""Crafted presence reports for presence, expansion and map tests.

Each call stores one small document (its own words, its own publisher and dates) with the
facts extraction would produce from it, through the real store.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time
from typing import Any

from cartel_atlas.model import Document, Evidence, Fact, Sentence
from cartel_atlas.store import Store, fact_id

_serial = itertools.count(1)


def at(day: date) -> datetime:
    """Noon UTC on ``day``: when a crafted fact was recorded."""
    return datetime.combine(day, time(12), tzinfo=UTC)


def report(
    store: Store,
    facts: list[dict[str, Any]],
    *,
    publisher: str = "Diario de Prueba",
    published: date = date(2024, 1, 15),
    recorded: date | None = None,
    text: str | None = None,
) -> tuple[str, list[str]]:
    """Store one document whose facts are given in the exchange format.

    Each fact dict holds the exchange fields plus optional ``_kind`` (default
    'presence'), ``_source`` (the attributed speaker) and ``_confidence``. Returns the
    document id and the fact ids.
    """
    body = text or (
        f"Reporte de prueba sobre presencia de grupos criminales (nota {next(_serial)})."
    )
    doc = Document(
        text=body,
        title=body[:50],
        url=f"https://example.org/notas/{abs(hash(body)) % 10**8}",
        publisher=publisher,
        published=published,
        language="es",
    )
    ev = Evidence(doc.id, 0, len(body), body, "crafted", "1.0")
    built: list[Fact] = []
    for raw in facts:
        f = dict(raw)
        kind = f.pop("_kind", "presence")
        source = f.pop("_source", None)
        confidence = f.pop("_confidence", 1.0)
        polarity = f.get("polarity", "asserted")
        if kind == "presence":
            f.setdefault("source", source)
        built.append(
            Fact(
                kind=kind,
                fields=f,
                evidence=ev,
                polarity=polarity,
                confidence=confidence,
                source=source,
                recorded_at=at(recorded or published),
            )
        )
    assert store.add_document(doc, [Sentence(doc.id, 0, 0, len(body), body)], [], built)
    return doc.id, [fact_id(f) for f in built]


def claim(
    group: str,
    place: str,
    as_of: str,
    polarity: str = "asserted",
    source: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A presence fact in the exchange format."""
    return {
        "group": group,
        "place": place,
        "polarity": polarity,
        "as_of": as_of,
        "_source": source,
        **extra,
    }


def event(
    event_type: str, place: str, day: str, actor: Any, killed: int | None = None
) -> dict[str, Any]:
    """An event fact in the exchange format."""
    return {
        "_kind": "event",
        "event_type": event_type,
        "date": day,
        "place": place,
        "actor": actor,
        "killed": killed,
        "polarity": "asserted",
        "_confidence": 0.8,
    }

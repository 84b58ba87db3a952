"""Crafted reports for analysis tests: one document per report, facts as extraction
would store them, written through the real store."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from cartel_atlas.model import Document, Evidence, Fact, Sentence
from cartel_atlas.store import Store, fact_id

_serial = itertools.count(1)


@dataclass(frozen=True)
class Added:
    """What ``add_report`` stored."""

    doc_id: str
    fact_ids: list[str]


def add_report(
    store: Store,
    sentence: str,
    facts: list[dict[str, Any]],
    *,
    kind: str = "event",
    published: date = date(2024, 1, 15),
    publisher: str = "Diario de Prueba",
    source: str | None = None,
    polarity: str = "asserted",
    recorded_at: datetime | None = None,
    confidence: float = 0.7,
) -> Added:
    """Store one short report whose facts all point at its single sentence.

    Each report's text is unique (a serial number is appended) so it is its own document.
    """
    text = f"{sentence} (nota {next(_serial)})"
    doc = Document(
        text=text,
        title=sentence[:60],
        url=f"https://example.org/nota/{abs(hash(text))}",
        publisher=publisher,
        published=published,
        language="es",
        name=f"nota-{abs(hash(text))}",
    )
    ev = Evidence(doc.id, 0, len(text), text, "crafted", "1.0")
    built = [
        Fact(
            kind=str(f.pop("_kind", kind)),
            fields=f,
            evidence=ev,
            polarity=str(f.get("polarity") or polarity),
            confidence=confidence,
            source=source,
            recorded_at=recorded_at or datetime(2025, 1, 1, tzinfo=UTC),
        )
        for f in (dict(x) for x in facts)
    ]
    store.add_document(doc, [Sentence(doc.id, 0, 0, len(text), text)], [], built)
    return Added(doc.id, [fact_id(f) for f in built])


def event(
    event_type: str,
    day: str,
    place: str | list[str] | None,
    *,
    actor: str | list[str] | None = None,
    killed: int | None = None,
    wounded: int | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Event fact fields in the exchange format."""
    return {
        "event_type": event_type,
        "date": day,
        "place": place,
        "actor": actor,
        "killed": killed,
        "wounded": wounded,
        "victims": None,
        **extra,
    }


def run_cli(args: list[str], **commands: Any) -> Any:
    """Run CLI commands (name -> command function or Typer sub-app) with typer's runner,
    in an app holding only those commands; returns the click ``Result``."""
    import typer
    from typer.testing import CliRunner

    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test entry."""

    for name, command in commands.items():
        if isinstance(command, typer.Typer):
            app.add_typer(command, name=name)
        else:
            app.command(name)(command)
    return CliRunner().invoke(app, args, catch_exceptions=False)

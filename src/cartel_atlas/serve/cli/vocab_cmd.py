"""``cartel-atlas vocab``: validate and export the domain vocabulary."""

from __future__ import annotations

import dataclasses
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.table import Table

from cartel_atlas.serve.cli.common import console, err_console
from cartel_atlas.vocab import load_vocabulary
from cartel_atlas.vocab.check import check_vocabulary

app = typer.Typer(
    help="Validate and export the vocabulary (groups, places, event cues, "
    "commodities, sources, baseline claims).",
    no_args_is_help=True,
)

VocabDirOption = Annotated[
    Path | None,
    typer.Option(
        "--vocab-dir",
        help="Directory of vocabulary files (default: the bundled data).",
        exists=True,
        file_okay=False,
        show_default=False,
    ),
]


class Part(StrEnum):
    """Parts of the vocabulary that ``vocab dump`` can emit."""

    all = "all"
    groups = "groups"
    places = "places"
    events = "events"
    lexicon = "lexicon"
    commodities = "commodities"
    sources = "sources"
    baseline = "baseline"


@app.command("check")
def check(vocab_dir: VocabDirOption = None) -> None:
    """Load every vocabulary file, validate it, and report counts and problems.

    Exits with status 1 when a cross-file rule fails (unknown group or state in a baseline
    claim, duplicate alias, dangling parent...); a malformed file stops at the first error
    with its file, line and field.
    """
    report = check_vocabulary(load_vocabulary(vocab_dir))
    table = Table(title="Vocabulary", show_header=True)
    table.add_column("item")
    table.add_column("count", justify="right")
    for name, value in report.counts.items():
        table.add_row(name, f"{value:,}")
    console.print(table)
    if report.ok:
        console.print("[green]vocabulary OK[/]")
        return
    for problem in report.problems:
        err_console.print(f"[red]problem:[/] {problem}", highlight=False)
    err_console.print(f"[red]{len(report.problems)} problem(s)[/]")
    raise typer.Exit(1)


def _plain(value: Any) -> Any:
    """JSON-ready form of vocabulary objects (pydantic models, dataclasses, containers)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


@app.command("dump")
def dump(
    part: Annotated[Part, typer.Option("--part", help="Which part to emit.")] = Part.all,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of standard output.", dir_okay=False
        ),
    ] = None,
    vocab_dir: VocabDirOption = None,
) -> None:
    """Emit the vocabulary as JSON (for other tools, or to diff two versions)."""
    vocab = load_vocabulary(vocab_dir)
    parts: dict[str, Any] = {
        "groups": {"groups": list(vocab.groups), "relations": vocab.groups.relations},
        "places": {
            "states": list(vocab.places.states.values()),
            "municipalities": list(vocab.places.municipalities.values()),
            "ports": vocab.places.ports,
            "crossings": vocab.places.crossings,
            "countries": vocab.places.countries,
        },
        "events": list(vocab.events.types.values()),
        "lexicon": {c: vocab.lexicon.words(c) for c in vocab.lexicon.classes()},
        "commodities": list(vocab.commodities.by_id.values()),
        "sources": {
            "outlet_types": vocab.sources.outlet_types,
            "sources": list(vocab.sources.by_id.values()),
        },
        "baseline": list(vocab.baseline),
    }
    data = parts if part is Part.all else parts[part.value]
    text = json.dumps(_plain(data), ensure_ascii=False, indent=2)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
        console.print(f"wrote {output}")
    else:
        typer.echo(text)

"""``cartel-atlas map``: write a group's presence map as one offline HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cartel_atlas.errors import AnalyzeError
from cartel_atlas.serve.cli.common import DatabaseOption, console
from cartel_atlas.serve.cli.presence_cmd import LevelChoice, parse_day
from cartel_atlas.serve.reports.map import default_map_group, write_group_map
from cartel_atlas.settings import get_settings
from cartel_atlas.store import Store
from cartel_atlas.vocab import get_vocabulary


def map_command(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="HTML file to write (self-contained).")
    ],
    group: Annotated[
        str | None,
        typer.Option(
            "--group", "-g", help="Group id or name (default: the most widespread group)."
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date the map shows (default: --known-on, else today)."),
    ] = None,
    known_on: Annotated[
        str | None,
        typer.Option("--known-on", help="Use only what was recorded by this date."),
    ] = None,
    level: Annotated[LevelChoice, typer.Option("--level", help="state or municipality.")] = (
        LevelChoice.state
    ),
    database: DatabaseOption = None,
) -> None:
    """Write the presence map of a group (choropleth, incidents, ports and crossings) to an
    HTML file that opens offline in any browser."""
    vocab = get_vocabulary(get_settings().vocab_dir)
    on, known = parse_day(as_of, "--as-of"), parse_day(known_on, "--known-on")
    with Store.open(database) as store:
        gid = group or default_map_group(store, vocab, as_of=on)
        if gid is None:
            raise AnalyzeError(
                "the store holds no presence evidence: run `cartel-atlas init` first, "
                "or name a group with --group"
            )
        path = write_group_map(store, vocab, gid, on, level.level, output, known_on=known)
    console.print(f"wrote {path} ({path.stat().st_size // 1024} KB)", highlight=False)

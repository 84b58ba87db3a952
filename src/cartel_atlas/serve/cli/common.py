"""Shared CLI plumbing: the rich consoles and the database option."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True, soft_wrap=True)

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        "-d",
        help="SQLAlchemy URL of the store (default: $CARTEL_ATLAS_DATABASE_URL, "
        "else a SQLite file in the user's data directory).",
        show_default=False,
    ),
]

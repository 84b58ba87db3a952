"""``cartel-atlas db upgrade|status`` and ``cartel-atlas init``: create and migrate the store."""

from __future__ import annotations

import typer
from rich.table import Table

from cartel_atlas.serve.cli.common import DatabaseOption, console
from cartel_atlas.settings import get_settings
from cartel_atlas.store import Store, ensure_database, load_reference

_LABELS = {"sources": "sources in registry"}

app = typer.Typer(help="Create, migrate and inspect the evidence store.", no_args_is_help=True)


@app.command("upgrade")
def upgrade(database: DatabaseOption = None) -> None:
    """Migrate the store to the newest schema and print its revision."""
    with Store.open(database, upgrade=False) as store:
        before = store.revision()
        after = store.upgrade()
    if before == after:
        console.print(f"{store.url}: already at revision {after}", highlight=False)
    else:
        console.print(f"{store.url}: upgraded {before or 'empty'} -> {after}", highlight=False)


@app.command("status")
def status(database: DatabaseOption = None) -> None:
    """Print the schema revision and how many rows each table holds."""
    with Store.open(database, upgrade=False) as store:
        revision, head = store.revision(), store.head()
        console.print(f"database: {store.url}", highlight=False)
        state = "up to date" if revision == head else f"newest is {head}; run `db upgrade`"
        console.print(f"revision: {revision or 'none (empty)'} ({state})", highlight=False)
        if revision is None:
            return
        table = Table(title="Rows", show_header=True)
        table.add_column("table")
        table.add_column("rows", justify="right")
        for name, n in sorted(store.counts().items()):
            table.add_row(name, str(n))
        console.print(table)


def init_command(database: DatabaseOption = None) -> None:
    """Create and migrate the store, then load sources and baseline presence claims.

    Safe to run again: reference data already stored is not added twice, and a baseline
    claim reworded or removed from the vocabulary has its old fact retracted.
    """
    from cartel_atlas.vocab import get_vocabulary

    created = ensure_database(database)
    with Store.open(database) as store:
        loaded = load_reference(store, get_vocabulary(get_settings().vocab_dir))
        console.print(
            f"{store.url}: {'created' if created else 'exists'}, revision {store.revision()}",
            highlight=False,
        )
    table = Table(title="Reference data", show_header=True)
    table.add_column("item")
    table.add_column("count", justify="right")
    for name, n in loaded.items():
        table.add_row(_LABELS.get(name, name.replace("_", " ")), str(n))
    console.print(table)

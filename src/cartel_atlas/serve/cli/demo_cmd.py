"""``cartel-atlas demo``: what ``make run`` shows a new user on a fresh machine.

It creates the database, loads the vocabulary reference data and baseline claims, ingests
the bundled sample reports, prints a summary of the atlas and writes an offline map of
the most widespread group. Every step is idempotent, so running it again is cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cartel_atlas.analyze.summary import atlas_summary
from cartel_atlas.samples import SAMPLES_DIR
from cartel_atlas.serve.cli.common import DatabaseOption, console
from cartel_atlas.serve.cli.ingest_cmd import ProgressBar
from cartel_atlas.serve.reports.map import default_map_group, write_group_map
from cartel_atlas.settings import get_settings
from cartel_atlas.store import Store, ensure_database, load_reference
from cartel_atlas.store.ingest import ingest
from cartel_atlas.vocab import get_vocabulary


def demo_command(
    database: DatabaseOption = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Where to write the offline HTML map.", dir_okay=False),
    ] = Path("atlas.html"),
) -> None:
    """Initialise the store, load the baseline claims and the sample reports, print a
    summary of the atlas and write an offline map of the most widespread group."""
    vocab = get_vocabulary(get_settings().vocab_dir)
    ensure_database(database)
    with Store.open(database) as store:
        console.print(f"database: {store.url}", highlight=False)
        reference = load_reference(store, vocab)
        console.print(
            f"reference data: {reference.get('sources', 0)} sources, "
            f"{reference.get('baseline_claims', 0)} baseline claims",
            highlight=False,
        )
        with ProgressBar("sample reports") as bar:
            run = ingest(store, [str(SAMPLES_DIR)], progress=bar, command="demo")
        console.print(
            f"sample reports: {run.new} new, {run.duplicate} already stored, "
            f"{run.near_duplicate} near-duplicates linked, {run.quarantined_total} quarantined",
            highlight=False,
        )
        summary = atlas_summary(store, vocab)
        group = default_map_group(store, vocab)
        path = write_group_map(store, vocab, group, None, "state", output) if group else None

    table = Table(title="The atlas", show_header=True)
    table.add_column("item")
    table.add_column("count", justify="right")
    table.add_row("documents", f"{summary.documents:,}")
    table.add_row("groups with facts", str(summary.groups))
    table.add_row("states covered", f"{summary.states_covered} of 32")
    for kind, n in summary.facts_by_kind.items():
        table.add_row(f"facts: {kind}", f"{n:,}")
    console.print(table)
    widest = Table(title="Most widespread groups (states with presence evidence)")
    widest.add_column("group")
    widest.add_column("states", justify="right")
    for name, n in summary.top_groups:
        widest.add_row(name, str(n))
    console.print(widest)
    if path is not None and group is not None:
        console.print(f"map of {vocab.groups.get(group).name}: {path.resolve()}", highlight=False)
    console.print(
        "next: `cartel-atlas presence --group CJNG`, `cartel-atlas incidents`, "
        "`cartel-atlas risk --place Michoacán`, `cartel-atlas --help`",
        highlight=False,
    )

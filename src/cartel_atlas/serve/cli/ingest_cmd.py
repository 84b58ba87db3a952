"""``cartel-atlas ingest``, ``quarantine list|retry`` and ``watch``: the write side's commands.

Only presentation lives here (options, progress bar, tables, JSON); the work is done by
``cartel_atlas.store.ingest`` and its helpers.
"""

from __future__ import annotations

import json
import time
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cartel_atlas.errors import SourceError
from cartel_atlas.serve.cli.common import DatabaseOption, console, err_console
from cartel_atlas.settings import Settings, get_settings
from cartel_atlas.store import Store, ensure_database
from cartel_atlas.store.ingest import ingest as run_ingest
from cartel_atlas.store.ingest_inputs import missing_paths
from cartel_atlas.store.ingest_retry import retry as run_retry
from cartel_atlas.store.ingest_summary import IngestSummary
from cartel_atlas.store.quarantine_ops import entries
from cartel_atlas.store.watch import Watcher, WatchReport, parse_every

quarantine_app = typer.Typer(
    help="Inputs set aside by ingest: list them, and retry them once fixed.",
    no_args_is_help=True,
)

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="Read every input as this format (text, markdown, html, pdf, feed, sesnsp, "
        "acled, stix) instead of detecting it.",
        show_default=False,
    ),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Allow URLs on private, loopback and link-local addresses (your own network).",
    ),
]
MaxBytesOption = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        min=1,
        help="Quarantine inputs larger than this many bytes "
        "(default: $CARTEL_ATLAS_MAX_DOCUMENT_BYTES).",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the summary as JSON instead of tables.")
]


def _settings(max_bytes: int | None) -> Settings:
    base = get_settings()
    return base.model_copy(update={"max_document_bytes": max_bytes}) if max_bytes else base


def _open(database: str | None, *, create: bool = False) -> Store:
    """The store; ``create`` makes the database first if needed (ingest and watch do)."""
    if create:
        ensure_database(database)
    return Store.open(database)


class ProgressBar:
    """A rich progress bar on stderr, drawn only on a terminal (an ingest ``ProgressSink``)."""

    def __init__(self, label: str) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}", style="dim"),
            console=err_console,
            transient=True,
            disable=not err_console.is_terminal,
        )
        self._task = self._progress.add_task(label, total=None, current="")

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def begin(self, total: int | None) -> None:
        self._progress.update(self._task, total=total)

    def step(self, label: str) -> None:
        self._progress.update(self._task, advance=1, current=label[-60:])


def summary_tables(summary: IngestSummary) -> list[Table]:
    """The run summary as rich tables: documents, quarantine by reason, facts by kind."""
    main = Table(title=f"Ingest run {summary.run_id} ({summary.status})", show_header=True)
    main.add_column("item")
    main.add_column("count", justify="right")
    rows = [
        ("inputs read", summary.inputs),
        ("documents new", summary.new),
        ("documents duplicate", summary.duplicate),
        ("documents near-duplicate (linked)", summary.near_duplicate),
        ("quarantined", summary.quarantined_total),
        ("official counts read", summary.official_counts_read),
        ("official counts added", summary.official_counts_added),
        ("facts added", sum(summary.facts.values())),
    ]
    if summary.relinked:
        rows.insert(4, ("near-duplicate links repaired", summary.relinked))
    for name, n in rows:
        main.add_row(name, str(n))
    main.add_row("time taken", f"{summary.seconds:.1f} s")
    tables = [main]
    if summary.quarantined:
        q = Table(title="Quarantined by reason", show_header=True, min_width=44)
        q.add_column("reason")
        q.add_column("count", justify="right")
        for reason, n in sorted(summary.quarantined.items()):
            q.add_row(reason, str(n), style="red")
        tables.append(q)
    if summary.facts:
        f = Table(title="Facts added by kind", show_header=True, min_width=44)
        f.add_column("kind")
        f.add_column("count", justify="right")
        for kind, n in sorted(summary.facts.items()):
            f.add_row(kind, str(n))
        tables.append(f)
    return tables


def _print(payload: dict[str, Any], as_json: bool, summary: IngestSummary) -> None:
    if as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for table in summary_tables(summary):
        console.print(table)
    if summary.quarantined:
        console.print("See them with `cartel-atlas quarantine list`.", highlight=False)


def ingest_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (read recursively), http(s) URLs, or - for standard input.",
            show_default=False,
        ),
    ],
    fmt: FormatOption = None,
    database: DatabaseOption = None,
    allow_private: AllowPrivateOption = False,
    max_bytes: MaxBytesOption = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="Extraction processes (a Dask local cluster when more than 1); one "
            "writer stores the results in input order.",
        ),
    ] = 1,
    as_json: JsonOption = False,
) -> None:
    """Read, extract and store reports, feeds, PDFs, SESNSP and ACLED files, STIX bundles.

    Running it again adds nothing already stored; bad inputs are quarantined with their
    reason and never stop the run.
    """
    from cartel_atlas.sources import FORMATS

    if fmt is not None and fmt not in FORMATS:
        raise SourceError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})", code="S002")
    missing = missing_paths(inputs)
    if missing:
        raise SourceError("no such file or directory", uri=", ".join(missing), code="S001")
    with _open(database, create=True) as store, ProgressBar("ingest") as bar:
        summary = run_ingest(
            store,
            inputs,
            settings=_settings(max_bytes),
            fmt=fmt,
            allow_private=allow_private,
            workers=workers,
            progress=bar,
        )
    _print(summary.as_dict(), as_json, summary)


@quarantine_app.command("list")
def quarantine_list(
    database: DatabaseOption = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include entries already resolved.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Show quarantined inputs: where (file, URL, row) and why."""
    with _open(database) as store:
        records = entries(store, include_resolved=show_all)
    if as_json:
        rows = [
            {
                "id": r.id,
                "created_at": r.created_at.isoformat(),
                "uri": r.uri,
                "locator": r.locator,
                "reason_code": r.reason_code,
                "reason": r.reason,
                "resolved_at": r.resolved_at.isoformat() if r.resolved_at else None,
            }
            for r in records
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not records:
        console.print("Nothing in quarantine.")
        return
    table = Table(title="Quarantine", show_header=True, show_lines=False)
    for col in ("id", "when", "uri", "locator", "reason"):
        table.add_column(col, overflow="fold")
    for r in records:
        reason = f"[bold]{r.reason_code}[/]: {r.reason}"
        if r.resolved_at:
            reason += " [green](resolved)[/]"
        table.add_row(
            str(r.id),
            r.created_at.strftime("%Y-%m-%d %H:%M"),
            r.uri,
            r.locator or "",
            reason,
        )
    console.print(table)


@quarantine_app.command("retry")
def quarantine_retry(
    ids: Annotated[
        list[int] | None,
        typer.Argument(help="Entry ids (default: every unresolved entry).", show_default=False),
    ] = None,
    database: DatabaseOption = None,
    allow_private: AllowPrivateOption = False,
    max_bytes: MaxBytesOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read quarantined inputs again; entries that now ingest are marked resolved."""
    with _open(database) as store:
        result = run_retry(
            store, ids or [], settings=_settings(max_bytes), allow_private=allow_private
        )
    if as_json:
        payload = {
            "resolved": result.resolved,
            "still_failing": result.still_failing,
            "not_retryable": result.not_retryable,
            "summary": result.summary.as_dict() if result.summary else None,
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    console.print(
        f"resolved: {len(result.resolved)}  still failing: {len(result.still_failing)}"
        + (f"  cannot be re-read: {len(result.not_retryable)}" if result.not_retryable else ""),
        highlight=False,
    )
    if result.summary is not None:
        for table in summary_tables(result.summary):
            console.print(table)


def _print_watch(report: WatchReport, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    table = Table(title="Feeds", show_header=True)
    for col in ("feed", "status", "entries", "new"):
        table.add_column(col, overflow="fold")
    for f in report.feeds:
        status = f.status if not f.reason else f"{f.status}: {f.reason}"
        table.add_row(f.feed, status, str(f.entries), str(f.new_items))
    console.print(table)
    for t in summary_tables(report.summary):
        console.print(t)


def watch_command(
    feeds: Annotated[
        list[str],
        typer.Argument(
            help="Feed URLs, saved feed files, or text files listing feed URLs one per line.",
            show_default=False,
        ),
    ],
    every: Annotated[
        str, typer.Option("--every", help="Time between polls: 30s, 15m, 2h, 1d.")
    ] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    database: DatabaseOption = None,
    allow_private: AllowPrivateOption = False,
    max_bytes: MaxBytesOption = None,
    as_json: JsonOption = False,
) -> None:
    """Poll feeds (with ETag/Last-Modified), fetch each new article and ingest it."""
    interval = parse_every(every)
    with _open(database, create=True) as store:
        watcher = Watcher(store, feeds, settings=_settings(max_bytes), allow_private=allow_private)
        while True:
            started = time.monotonic()
            _print_watch(watcher.poll(), as_json)
            if once:
                return
            try:
                time.sleep(max(0.0, interval - (time.monotonic() - started)))
            except KeyboardInterrupt:
                return

"""Entry point: assembles the sub-commands and turns ``AtlasError`` into one clean line."""

from __future__ import annotations

import sys

import typer

from cartel_atlas import __version__
from cartel_atlas.errors import AtlasError
from cartel_atlas.serve.cli.common import err_console
from cartel_atlas.serve.cli.db_cmd import app as db_app
from cartel_atlas.serve.cli.db_cmd import init_command
from cartel_atlas.serve.cli.demo_cmd import demo_command
from cartel_atlas.serve.cli.extract_cmd import explain as explain_command
from cartel_atlas.serve.cli.extract_cmd import extract as extract_command
from cartel_atlas.serve.cli.flows_cmd import dyads_command, flows_command
from cartel_atlas.serve.cli.incidents_cmd import incidents_command
from cartel_atlas.serve.cli.ingest_cmd import ingest_command, quarantine_app, watch_command
from cartel_atlas.serve.cli.map_cmd import map_command
from cartel_atlas.serve.cli.presence_cmd import alerts_command, presence_command
from cartel_atlas.serve.cli.risk_cmd import risk_command
from cartel_atlas.serve.cli.sites_cmd import app as sites_app
from cartel_atlas.serve.cli.trends_cmd import trends_command
from cartel_atlas.serve.cli.vocab_cmd import app as vocab_app

app = typer.Typer(
    name="cartel-atlas",
    help="Evidence-backed organized-crime intelligence for Mexico: turn reports into a "
    "living atlas of who is present where, what happened, and what it means as risk.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(vocab_app, name="vocab")
app.command("demo")(demo_command)
app.command("extract")(extract_command)
app.command("explain")(explain_command)
app.add_typer(db_app, name="db")
app.command("init")(init_command)
app.command("incidents")(incidents_command)
app.command("ingest")(ingest_command)
app.add_typer(quarantine_app, name="quarantine")
app.command("watch")(watch_command)
app.command("presence")(presence_command)
app.command("alerts")(alerts_command)
app.command("map")(map_command)
app.command("trends")(trends_command)
app.command("flows")(flows_command)
app.command("dyads")(dyads_command)
app.command("risk")(risk_command)
app.add_typer(sites_app, name="sites")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cartel-atlas {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """cartel-atlas command line."""


def main() -> None:
    """Run the CLI; user errors print one line on stderr and exit with status 2."""
    try:
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except AtlasError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("aborted")
        sys.exit(130)
    except Exception as exc:  # click usage errors come through here in non-standalone mode
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise

"""The ``cartel-atlas`` command line (Typer + rich)."""

"""Documentation that tests keep true: every setting and every command is documented."""

from __future__ import annotations

from pathlib import Path

import typer

from cartel_atlas.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented_with_its_environment_variable() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`{name}`" in text, f"setting {name} missing from docs/configuration.md"
        assert f"CARTEL_ATLAS_{name.upper()}" in text


def _command_paths(app: typer.Typer, prefix: str = "") -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    paths: list[str] = []

    def walk(cmd, path: str) -> None:  # type: ignore[no-untyped-def]
        assert (cmd.help or "").strip(), f"`cartel-atlas {path}` has no help text"
        for param in cmd.params:
            if not getattr(param, "hidden", False) and param.param_type_name == "option":
                assert (param.help or "").strip(), f"`cartel-atlas {path}` {param.opts} has no help"
        sub = getattr(cmd, "commands", None)
        if sub:
            for name, child in sub.items():
                walk(child, f"{path} {name}".strip())
        else:
            paths.append(path)

    walk(group, prefix)
    return paths


def test_every_command_is_documented_and_has_help() -> None:
    from cartel_atlas.serve.cli.app import app

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    paths = _command_paths(app)
    assert paths
    for path in paths:
        assert f"cartel-atlas {path}" in text, f"`cartel-atlas {path}` missing from docs/cli.md"


def test_readme_opens_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```bash", 1)[1].split("```", 1)[0]
    assert "make run" in first_block
    assert "make test" in first_block

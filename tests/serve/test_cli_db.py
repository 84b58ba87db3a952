"""``cartel-atlas db upgrade|status`` and ``cartel-atlas init`` on real databases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cartel_atlas.errors import StoreError
from cartel_atlas.serve.cli.app import app
from cartel_atlas.store import Store

runner = CliRunner()


def test_db_upgrade_migrates_a_new_sqlite_file_and_prints_the_revision(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'atlas.sqlite'}"
    result = runner.invoke(app, ["db", "upgrade", "--database", url])
    assert result.exit_code == 0, result.output
    head = Store.head()
    assert head is not None
    assert f"-> {head}" in result.output
    with Store.open(url, upgrade=False) as store:
        assert store.revision() == head

    again = runner.invoke(app, ["db", "upgrade", "--database", url])
    assert again.exit_code == 0, again.output
    assert f"already at revision {head}" in again.output


def test_db_status_shows_revision_and_table_counts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'atlas.sqlite'}"
    empty = runner.invoke(app, ["db", "status", "--database", url])
    assert empty.exit_code == 0, empty.output
    assert "none (empty)" in empty.output

    runner.invoke(app, ["db", "upgrade", "--database", url])
    result = runner.invoke(app, ["db", "status", "--database", url])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
    assert "documents" in result.output
    assert "quarantine" in result.output


def test_init_loads_reference_data_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'atlas.sqlite'}"
    first = runner.invoke(app, ["init", "--database", url])
    assert first.exit_code == 0, first.output
    assert "created" in first.output
    with Store.open(url) as store:
        counts = store.counts()
    assert counts["sources"] > 0
    assert counts["facts.presence"] > 0
    assert counts["documents"] == counts["facts.presence"]

    second = runner.invoke(app, ["init", "--database", url])
    assert second.exit_code == 0, second.output
    with Store.open(url) as store:
        assert store.counts() == counts


def test_db_commands_use_the_environment_url_when_no_option_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "env" / "atlas.sqlite"
    monkeypatch.setenv("CARTEL_ATLAS_DATABASE_URL", f"sqlite:///{target}")
    from cartel_atlas.settings import get_settings

    get_settings.cache_clear()
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert target.exists()


def test_unreachable_database_is_a_store_error_naming_the_url(tmp_path: Path) -> None:
    url = "postgresql+psycopg://atlas:s3cret@127.0.0.1:1/atlas"
    result = runner.invoke(app, ["db", "status", "--database", url])
    assert isinstance(result.exception, StoreError)
    assert "atlas:***@127.0.0.1:1/atlas" in str(result.exception)


def test_entry_point_prints_one_line_without_traceback_on_store_errors() -> None:
    url = "postgresql+psycopg://atlas:s3cret@127.0.0.1:1/atlas"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from cartel_atlas.serve.cli.app import main; main()",
            "db",
            "upgrade",
            "--database",
            url,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "127.0.0.1:1/atlas" in proc.stderr
    assert "s3cret" not in proc.stderr + proc.stdout

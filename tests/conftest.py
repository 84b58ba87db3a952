"""Shared fixtures: real SQLite files and real PostgreSQL databases.

PostgreSQL runs on 127.0.0.1:5432 on development and CI machines. If it is down we start
it; each test gets its own freshly created database. Only where no server can run at all
(no pg_ctlcluster, not CI) do PostgreSQL tests skip, and they say why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary, get_vocabulary

PG_HOST = os.environ.get("CARTEL_ATLAS_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("CARTEL_ATLAS_TEST_PG_PORT", "5432"))
PG_ADMIN_URL = f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/test"
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _pg_reachable() -> bool:
    import psycopg

    try:
        with psycopg.connect(
            host=PG_HOST, port=PG_PORT, user="postgres", dbname="test", connect_timeout=3
        ):
            return True
    except psycopg.OperationalError:
        return False


def _start_pg() -> None:
    if shutil.which("pg_ctlcluster") is None or not Path("/etc/postgresql").is_dir():
        return
    for version in sorted(p.name for p in Path("/etc/postgresql").iterdir()):
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
            check=False,
            capture_output=True,
            timeout=60,
        )
    for _ in range(30):
        if _pg_reachable():
            return
        time.sleep(0.5)


@pytest.fixture(scope="session")
def pg_server() -> str:
    """Admin URL of a running PostgreSQL server, started if it was down."""
    if not _pg_reachable():
        _start_pg()
    if not _pg_reachable():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL on 127.0.0.1:5432 is down and could not be started")
        pytest.skip("no PostgreSQL server can run here (no pg_ctlcluster / server down)")
    return PG_ADMIN_URL


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """URL of a brand-new PostgreSQL database, dropped after the test."""
    import psycopg

    name = f"atlas_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(
        host=PG_HOST, port=PG_PORT, user="postgres", dbname="test", autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/{name}"
    with psycopg.connect(
        host=PG_HOST, port=PG_PORT, user="postgres", dbname="test", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of a real SQLite file in the test's temporary directory."""
    return f"sqlite:///{tmp_path / 'atlas.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs twice: on a SQLite file and on a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'atlas.sqlite'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A migrated store on a fresh SQLite file or PostgreSQL database."""
    with Store.open(db_url) as s:
        yield s


@pytest.fixture(scope="session")
def vocab() -> Vocabulary:
    """The bundled vocabulary (loaded once per process)."""
    return get_vocabulary()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's real data directory from a test."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CARTEL_ATLAS_DATABASE_URL", raising=False)
    from cartel_atlas.settings import get_settings

    get_settings.cache_clear()

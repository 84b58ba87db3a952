"""Engines, migrations and how database failures reach the user."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import make_url

from cartel_atlas.errors import StoreError
from cartel_atlas.store import Store, create_engine_for, ensure_database, migrate
from cartel_atlas.store.schema import TABLES, metadata


def test_migrations_upgrade_an_empty_database_to_head(db_url: str) -> None:
    with Store.open(db_url, upgrade=False) as store:
        assert store.revision() is None
        assert store.upgrade() == Store.head()
        assert store.revision() == Store.head()
        assert store.upgrade() == Store.head()  # a second upgrade is a no-op
        names = set(sa.inspect(store.engine).get_table_names())
    assert {t.name for t in TABLES} | {"alembic_version"} == names


def test_migrations_downgrade_to_empty_and_upgrade_again(db_url: str) -> None:
    with Store.open(db_url) as store:
        assert migrate.downgrade(store.engine, "base") is None
        assert set(sa.inspect(store.engine).get_table_names()) <= {"alembic_version"}
        assert store.upgrade() == Store.head()
        assert store.counts()["documents"] == 0


@pytest.mark.postgres
def test_missing_postgresql_database_says_how_to_create_it(pg_server: str) -> None:
    url = make_url(pg_server).set(database=f"atlas_missing_{uuid.uuid4().hex[:8]}")
    with pytest.raises(StoreError, match="cartel-atlas init") as info:
        Store.open(url.render_as_string(hide_password=False))
    assert url.database is not None
    assert url.database in str(info.value)


def test_migrated_database_matches_the_schema_module(db_url: str) -> None:
    with Store.open(db_url) as store, store.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), metadata
        )
    assert diff == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_sqlite_default_location_comes_from_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open() as store:
        assert store.engine.url.database == str(tmp_path / "xdg" / "cartel-atlas" / "atlas.sqlite")
    target = tmp_path / "elsewhere" / "atlas.db"
    monkeypatch.setenv("CARTEL_ATLAS_DATABASE_URL", f"sqlite:///{target}")
    from cartel_atlas.settings import get_settings

    get_settings.cache_clear()
    with Store.open() as store:
        assert store.revision() == Store.head()
    assert target.exists()


def test_unreachable_postgresql_raises_store_error_naming_the_url_without_password() -> None:
    url = "postgresql+psycopg://atlas:s3cret@127.0.0.1:1/atlas"
    with pytest.raises(StoreError) as info:
        Store.open(url)
    message = str(info.value)
    assert "127.0.0.1:1/atlas" in message
    assert "atlas:***@" in message
    assert "s3cret" not in message


def test_unsupported_or_malformed_urls_raise_store_error() -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        create_engine_for("mysql://user@localhost/atlas")
    with pytest.raises(StoreError, match="not a database URL"):
        create_engine_for("::not a url::")


def test_reading_a_store_never_migrated_says_to_run_db_upgrade(db_url: str) -> None:
    with Store.open(db_url, upgrade=False) as store, pytest.raises(StoreError, match="db upgrade"):
        store.counts()


def test_foreign_keys_are_enforced_on_both_backends(store: Store) -> None:
    from cartel_atlas.store.schema import sentences

    with pytest.raises(StoreError, match="refused the write"), store.session(write=True) as s:
        s.execute(sentences.insert().values(doc_id="missing", idx=0, start=0, end=1, text="x"))


@pytest.mark.postgres
def test_ensure_database_creates_a_missing_postgresql_database(pg_server: str) -> None:
    admin = make_url(pg_server)
    name = f"atlas_test_{uuid.uuid4().hex[:12]}"
    url = admin.set(database=name).render_as_string(hide_password=False)
    try:
        assert ensure_database(url) is True
        assert ensure_database(url) is False
        with Store.open(url) as store:
            assert store.revision() == Store.head()
    finally:
        with psycopg.connect(
            host=admin.host,
            port=admin.port,
            user=admin.username,
            dbname=admin.database,
            autocommit=True,
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_ensure_database_creates_a_sqlite_file_and_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "atlas.sqlite"
    assert ensure_database(f"sqlite:///{path}") is True
    assert path.exists()
    assert ensure_database(f"sqlite:///{path}") is False

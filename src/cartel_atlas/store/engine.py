"""Engines for the store: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL.

On SQLite the driver's own transaction handling is switched off and we emit ``BEGIN``
ourselves, so a transaction covers its reads too and DDL is transactional; writers ask
for ``BEGIN IMMEDIATE`` (execution option ``sqlite_immediate``) so two writers queue on
the busy timeout instead of failing on a lock upgrade.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from cartel_atlas.errors import StoreError
from cartel_atlas.settings import get_settings
from cartel_atlas.store.types import dumps

SQLITE_BUSY_TIMEOUT_MS = 30_000
PG_CONNECT_TIMEOUT_S = 10


def default_url() -> str:
    """``$CARTEL_ATLAS_DATABASE_URL``, else the SQLite file in the user's data directory."""
    return get_settings().resolved_database_url()


def parse_url(url: str) -> URL:
    """Parse a SQLAlchemy URL, turning a malformed one into ``StoreError``."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}", code="D001") from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"unsupported database {safe_url(parsed)}: use sqlite:///FILE or "
            "postgresql+psycopg://USER@HOST:PORT/DB",
            code="D001",
        )
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def safe_url(url: str | URL) -> str:
    """The URL as text with any password hidden, for messages."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except ArgumentError:
        return "<malformed URL>"
    return parsed.render_as_string(hide_password=True)


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or (url.query.get("mode") == "memory")


def create_engine_for(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: ``default_url()``) with the store's connection setup."""
    parsed = parse_url(url or default_url())
    kwargs: dict[str, Any] = {"json_serializer": dumps}
    if parsed.get_backend_name() == "sqlite":
        if _is_memory(parsed):
            kwargs["poolclass"] = StaticPool
            kwargs["connect_args"] = {"check_same_thread": False}
        else:
            Path(parsed.database or "").expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed, **kwargs)
        _setup_sqlite(engine)
        return engine
    kwargs["connect_args"] = {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    kwargs["pool_pre_ping"] = True
    return sa.create_engine(parsed, **kwargs)


def _enable_wal(cur: Any) -> None:
    """Switch a database to WAL once; later connections find it already in WAL.

    Changing the journal mode needs an exclusive lock and SQLite does not call the busy
    handler for it, so callers opening a brand-new database at the same moment would get
    "database is locked"; retry until the busy timeout instead.
    """
    if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see module docstring)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        _enable_wal(cur)
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def ensure_database(url: str | None = None) -> bool:
    """Create the database itself if it does not exist yet; True if it was created.

    SQLite files are created on first connect (their directory by ``create_engine_for``);
    a PostgreSQL database is created through the server's ``postgres`` database.
    """
    parsed = parse_url(url or default_url())
    if parsed.get_backend_name() == "sqlite":
        if _is_memory(parsed):
            return False
        existed = Path(parsed.database or "").expanduser().exists()
        engine = create_engine_for(parsed.render_as_string(hide_password=False))
        try:
            with engine.connect():
                pass
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"cannot create {safe_url(parsed)}: {err}", code="D002") from err
        finally:
            engine.dispose()
        return not existed
    import psycopg
    from psycopg import sql

    if not parsed.database:
        raise StoreError(f"no database name in {safe_url(parsed)}", code="D001")
    params: dict[str, Any] = {
        "host": parsed.host,
        "port": parsed.port,
        "user": parsed.username,
        "password": parsed.password,
        "connect_timeout": PG_CONNECT_TIMEOUT_S,
    }
    params = {k: v for k, v in params.items() if v is not None}
    try:
        with psycopg.connect(dbname=parsed.database, **params):
            return False
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise StoreError(
                f"cannot reach the database {safe_url(parsed)}: {exc}", code="D002"
            ) from exc
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(parsed.database)))
    except psycopg.Error as exc:
        raise StoreError(
            f"cannot create the database {safe_url(parsed)}: {exc}", code="D002"
        ) from exc
    return True

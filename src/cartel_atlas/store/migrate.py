"""Alembic, configured from Python: no alembic.ini needed at the repository root.

The migration environment (``migrations/env.py``) runs on the connection we hand it,
so upgrades share the store's engine setup and happen inside one transaction.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_PG_LOCK_KEY = 0x0CA7E1A7  # advisory lock: two processes upgrading at once take turns


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """An Alembic ``Config`` for the bundled migrations, bound to ``connection`` if given."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The newest revision the code knows (read once per process)."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: sa.Connection) -> str | None:
    """The revision the database is at (None: never migrated)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: sa.Engine, target: str = "head") -> str | None:
    """Migrate the database to ``target`` in one transaction; returns the new revision."""
    with engine.connect().execution_options(sqlite_immediate=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        if target == "head" and current_revision(conn) == head_revision():
            return head_revision()
        command.upgrade(alembic_config(conn), target)
        return current_revision(conn)


def downgrade(engine: sa.Engine, target: str) -> str | None:
    """Migrate the database back to ``target`` (``"base"``: empty) in one transaction."""
    with engine.connect().execution_options(sqlite_immediate=True) as conn, conn.begin():
        command.downgrade(alembic_config(conn), target)
        return current_revision(conn)

"""The store's connection handling, shared by its write and read halves."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cartel_atlas.store.engine import safe_url
from cartel_atlas.store.failures import translated


class StoreBase:
    """An engine plus transactions whose failures become ``StoreError``.

    Writes run in ``BEGIN IMMEDIATE`` transactions on SQLite (one writer at a time, the
    others wait on the busy timeout); reads run in ordinary transactions, concurrently.
    """

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.url = safe_url(engine.url)
        """The database URL with any password hidden."""

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        with translated(self.url), self.engine.connect() as conn:
            conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with translated(self.url), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """An ORM session in one transaction, for custom queries over ``store.schema``.

        Commits when the block ends normally, rolls back on error. Pass ``write=True``
        when the block writes, so SQLite takes the write lock up front.
        """
        with translated(self.url), self.engine.connect() as conn:
            if write:
                conn.execution_options(sqlite_immediate=True)
            with Session(bind=conn) as session, session.begin():
                yield session

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

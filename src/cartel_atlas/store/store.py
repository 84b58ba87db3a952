"""``Store``: the one interface to the evidence store, on SQLite or PostgreSQL."""

from __future__ import annotations

from types import TracebackType

from cartel_atlas.store import migrate
from cartel_atlas.store.engine import create_engine_for
from cartel_atlas.store.failures import translated
from cartel_atlas.store.reads import StoreReads
from cartel_atlas.store.write_records import StoreRecordWrites
from cartel_atlas.store.writes import StoreWrites


class Store(StoreWrites, StoreRecordWrites, StoreReads):
    """Documents, sentences, mentions and facts with their evidence, plus sources, runs,
    quarantine, official statistics, feeds, sites and alerts.

    Open with ``Store.open(url)``; use as a context manager to release connections.
    """

    @classmethod
    def open(cls, url: str | None = None, *, upgrade: bool = True) -> Store:
        """Connect to ``url`` (default: settings), migrating to the newest schema if asked.

        Fails with ``StoreError`` naming the URL when the database cannot be reached.
        """
        store = cls(create_engine_for(url))
        try:
            if upgrade:
                store.upgrade()
            else:
                with translated(store.url), store.engine.connect():
                    pass
        except BaseException:
            store.close()
            raise
        return store

    def upgrade(self) -> str | None:
        """Migrate the database to the newest revision; returns that revision."""
        with translated(self.url):
            return migrate.upgrade(self.engine)

    def revision(self) -> str | None:
        """The database's schema revision (None: never migrated)."""
        with translated(self.url), self.engine.connect() as conn:
            return migrate.current_revision(conn)

    @staticmethod
    def head() -> str | None:
        """The newest schema revision this code knows."""
        return migrate.head_revision()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

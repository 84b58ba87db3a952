"""Helpers shared by the store's write modules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from cartel_atlas.errors import StoreError

CHUNK = 500
"""Keys per ``IN (...)`` query: well under every backend's parameter limit."""


def new_id(res: sa.CursorResult[Any]) -> int:
    """The integer key the database gave the row just inserted."""
    pk = res.inserted_primary_key
    if pk is None:  # pragma: no cover - every table here has an integer key
        raise StoreError("the database returned no id for a new row")
    return int(pk[0])


def chunks(items: list[str], size: int) -> Iterable[list[str]]:
    """``items`` in slices of at most ``size``."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def exists(conn: sa.Connection, table: sa.Table, key: str) -> bool:
    """Whether ``table`` has a row whose ``id`` is ``key``."""
    return conn.execute(sa.select(table.c.id).where(table.c.id == key)).first() is not None

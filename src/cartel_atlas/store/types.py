"""Column types that behave the same on SQLite and PostgreSQL.

SQLite has no time zones and PostgreSQL hands back timestamps in the session's zone,
so ``UTCDateTime`` normalises both ways: whatever goes in is stored as UTC and every
value read back is an aware UTC ``datetime``. ``JSONDoc`` is plain ``sqlalchemy.JSON``
on SQLite and JSONB on PostgreSQL, where it can be compared and indexed.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import PurePath
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend (naive input is taken as UTC)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        if dialect.name == "sqlite":  # stored as text; one fixed form keeps ordering right
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


JSONDoc = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
"""JSON column: ``sqlalchemy.JSON``, stored as JSONB on PostgreSQL."""


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, PurePath):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(value: Any) -> str:
    """Canonical JSON used for storage and for deterministic ids (dates become ISO strings)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)

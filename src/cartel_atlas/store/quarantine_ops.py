"""Quarantine operations the ingest needs on top of ``Store.quarantine``.

Quarantining is idempotent: an input that is still bad when it is read again (a resumed
run, a retry, the same file ingested twice) keeps its one unresolved entry instead of
piling up copies, so a resumed run ends with exactly the quarantine of an uninterrupted one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import sqlalchemy as sa

from cartel_atlas.store import schema as t
from cartel_atlas.store.records import QuarantineRecord
from cartel_atlas.store.store import Store
from cartel_atlas.store.types import utcnow


def quarantine_once(
    store: Store,
    run_id: int | None,
    uri: str,
    reason_code: str,
    reason: str,
    locator: str | None = None,
    payload: str | bytes | None = None,
) -> tuple[int, bool]:
    """Quarantine an input unless the same unresolved entry exists; ``(id, created)``.

    The same entry means the same uri, locator, reason code and reason.
    """
    q = t.quarantine
    locator = None if locator is None else str(locator)
    where = [
        q.c.uri == uri,
        q.c.reason_code == reason_code,
        q.c.reason == reason,
        q.c.resolved_at.is_(None),
        q.c.locator.is_(None) if locator is None else q.c.locator == locator,
    ]
    with store.session() as session:
        found = session.execute(sa.select(q.c.id).where(*where).order_by(q.c.id).limit(1)).first()
    if found is not None:
        return int(found[0]), False
    return store.quarantine(run_id, uri, reason_code, reason, locator, payload), True


def entries(
    store: Store, ids: Sequence[int] | None = None, *, include_resolved: bool = False
) -> list[QuarantineRecord]:
    """Quarantine entries, oldest first: those with ``ids`` (all when None)."""
    records = store.quarantined(unresolved_only=not include_resolved)
    if ids:
        wanted = set(ids)
        records = [r for r in records if r.id in wanted]
    return records


def mark_retried(store: Store, ids: Iterable[int], at: datetime | None = None) -> None:
    """Record that these entries were re-read."""
    ids = list(ids)
    if not ids:
        return
    with store.session(write=True) as session:
        session.execute(
            sa.update(t.quarantine)
            .where(t.quarantine.c.id.in_(ids))
            .values(retried_at=at or utcnow())
        )

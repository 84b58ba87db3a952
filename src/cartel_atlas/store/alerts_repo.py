"""Alerts in the ``alerts`` table: idempotent writes keyed by (kind, subject), and reads.

An analysis that re-detects the same change (a group reaching a new state in a given
month) must not raise a second alert, so the pair (kind, subject) identifies an alert;
re-running detection adds only what is new and never touches acknowledgements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from cartel_atlas.errors import NotFoundError
from cartel_atlas.store import schema as t
from cartel_atlas.store.store import Store
from cartel_atlas.store.types import utcnow


@dataclass(frozen=True, slots=True)
class NewAlert:
    """An alert to record; ``subject`` makes it unique within its ``kind``."""

    kind: str
    subject: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoredAlert:
    """An alert as stored."""

    id: int
    kind: str
    subject: str
    payload: dict[str, Any]
    created_at: datetime
    acknowledged_at: datetime | None


def add_alerts(store: Store, alerts: Iterable[NewAlert]) -> int:
    """Record alerts not stored yet (same kind and subject); returns how many were new."""
    wanted: dict[tuple[str, str], NewAlert] = {}
    for alert in alerts:
        wanted.setdefault((alert.kind, alert.subject), alert)
    if not wanted:
        return 0
    a = t.alerts
    with store.session(write=True) as session:
        kinds = sorted({k for k, _ in wanted})
        stored = set(
            session.execute(sa.select(a.c.kind, a.c.subject).where(a.c.kind.in_(kinds))).all()
        )
        now = utcnow()
        rows = [
            {"kind": x.kind, "subject": x.subject, "payload": dict(x.payload), "created_at": now}
            for key, x in wanted.items()
            if key not in stored
        ]
        if rows:
            session.execute(sa.insert(a), rows)
    return len(rows)


def list_alerts(
    store: Store,
    *,
    kinds: Iterable[str] | None = None,
    created_since: datetime | None = None,
    unacknowledged_only: bool = False,
) -> list[StoredAlert]:
    """Stored alerts, oldest first, filtered by kind, creation time and acknowledgement."""
    a = t.alerts
    q = sa.select(a).order_by(a.c.created_at, a.c.id)
    if kinds is not None:
        q = q.where(a.c.kind.in_(list(kinds)))
    if created_since is not None:
        q = q.where(a.c.created_at >= created_since)
    if unacknowledged_only:
        q = q.where(a.c.acknowledged_at.is_(None))
    with store.session() as session:
        return [
            StoredAlert(
                id=r.id,
                kind=r.kind,
                subject=r.subject,
                payload=dict(r.payload or {}),
                created_at=r.created_at,
                acknowledged_at=r.acknowledged_at,
            )
            for r in session.execute(q)
        ]


def acknowledge_alert(store: Store, alert_id: int, at: datetime | None = None) -> None:
    """Mark an alert as seen (the first acknowledgement time is kept)."""
    a = t.alerts
    with store.session(write=True) as session:
        row = session.execute(sa.select(a.c.acknowledged_at).where(a.c.id == alert_id)).first()
        if row is None:
            raise NotFoundError(f"no alert {alert_id} in {store.url}")
        if row.acknowledged_at is None:
            session.execute(
                sa.update(a).where(a.c.id == alert_id).values(acknowledged_at=at or utcnow())
            )

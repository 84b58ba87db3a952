"""Persisted incidents: deduplicated events in the ``incidents``/``incident_facts`` tables.

Incidents are derived data, recomputed from the facts whenever asked; what must survive
a recomputation is the analyst's judgement. So live incidents (``undone_at`` NULL) are
replaced by each run, while an incident the analyst split keeps its rows with
``undone_at`` set, and the pairs of facts it joined become pairs a later run must not
join again (``forbidden_pairs``). Each membership row keeps the ``merge_reason`` JSON
that says which fields agreed when the fact joined.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations
from typing import Any

import sqlalchemy as sa

from cartel_atlas.errors import NotFoundError, StoreError
from cartel_atlas.model import Incident
from cartel_atlas.store import schema as t
from cartel_atlas.store.store import Store
from cartel_atlas.store.types import utcnow


@dataclass(frozen=True, slots=True)
class StoredMember:
    """One fact's membership of a stored incident."""

    fact_id: str
    merge_reason: dict[str, Any]
    created_at: datetime
    undone_at: datetime | None


@dataclass(frozen=True, slots=True)
class StoredIncident:
    """An incident row with its memberships."""

    id: str
    event_type: str
    date_from: date | None
    date_to: date | None
    place: str | None
    state_code: str | None
    actor: str | None
    killed_min: int | None
    killed_max: int | None
    wounded_min: int | None
    wounded_max: int | None
    created_at: datetime
    undone_at: datetime | None
    members: tuple[StoredMember, ...] = field(default=())

    @property
    def fact_ids(self) -> tuple[str, ...]:
        return tuple(m.fact_id for m in self.members)


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What a save changed: incidents added, left as they were, and removed."""

    added: int
    kept: int
    removed: int


def document_roots(store: Store) -> dict[str, str]:
    """Every document id -> the original it is a near-duplicate of (itself if none).

    Chains (a copy of a copy) resolve to the first original; a cycle stops where it
    closes, so bad links cannot hang the analysis.
    """
    d = t.documents
    with store.session() as s:
        links = {r.id: r.duplicate_of for r in s.execute(sa.select(d.c.id, d.c.duplicate_of))}
    roots: dict[str, str] = {}
    for doc_id in links:
        seen = [doc_id]
        cur = doc_id
        while links.get(cur) and links[cur] not in seen:
            cur = links[cur]
            seen.append(cur)
        roots[doc_id] = cur
    return roots


def _reason(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except json.JSONDecodeError:
        value = {"text": text}
    return value if isinstance(value, dict) else {"value": value}


def save_incidents(
    store: Store,
    incidents: Sequence[Incident],
    state_codes: Mapping[str, str | None] | None = None,
) -> SaveResult:
    """Make ``incidents`` the live set, in one transaction.

    Live incidents not in the new set are deleted (they were derived, and the facts
    stay); incidents already stored with the same id (same member facts) are kept with
    their creation time; split incidents are never touched. ``merge_reasons[i]`` of an
    incident is the JSON reason for ``fact_ids[i]``.
    """
    inc, mem = t.incidents, t.incident_facts
    state_codes = state_codes or {}
    wanted = {i.id: i for i in incidents}
    now = utcnow()
    with store.session(write=True) as s:
        rows = s.execute(sa.select(inc.c.id, inc.c.undone_at)).all()
        live = {r.id for r in rows if r.undone_at is None}
        undone = {r.id for r in rows if r.undone_at is not None}
        clash = sorted(undone & set(wanted))
        if clash:
            raise StoreError(f"incident {clash[0]} was split by an analyst and cannot be re-made")
        stale = sorted(live - set(wanted))
        for chunk in _chunks(stale):
            s.execute(sa.delete(mem).where(mem.c.incident_id.in_(chunk)))
            s.execute(sa.delete(inc).where(inc.c.id.in_(chunk)))
        new = [i for i in incidents if i.id not in live]
        if new:
            s.execute(
                sa.insert(inc),
                [
                    {
                        "id": i.id,
                        "event_type": i.event_type,
                        "date_from": i.date_from,
                        "date_to": i.date_to,
                        "place": i.place,
                        "state_code": state_codes.get(i.id),
                        "actor": i.actor,
                        "killed_min": i.killed_min,
                        "killed_max": i.killed_max,
                        "wounded_min": i.wounded_min,
                        "wounded_max": i.wounded_max,
                        "created_at": now,
                        "undone_at": None,
                    }
                    for i in new
                ],
            )
            members = [
                {
                    "incident_id": i.id,
                    "fact_id": fid,
                    "merge_reason": _reason(i.merge_reasons[n] if n < len(i.merge_reasons) else ""),
                    "created_at": now,
                    "undone_at": None,
                }
                for i in new
                for n, fid in enumerate(i.fact_ids)
            ]
            if members:
                s.execute(sa.insert(mem), members)
    return SaveResult(added=len(new), kept=len(wanted) - len(new), removed=len(stale))


def stored_incidents(
    store: Store, *, include_undone: bool = False, ids: Sequence[str] | None = None
) -> list[StoredIncident]:
    """Stored incidents (live only by default), by id, with their memberships."""
    inc, mem = t.incidents, t.incident_facts
    q = sa.select(inc).order_by(inc.c.id)
    if not include_undone:
        q = q.where(inc.c.undone_at.is_(None))
    if ids is not None:
        q = q.where(inc.c.id.in_(list(ids)))
    with store.session() as s:
        rows = s.execute(q).all()
        by_incident: dict[str, list[StoredMember]] = {}
        for chunk in _chunks([r.id for r in rows]):
            mq = sa.select(mem).where(mem.c.incident_id.in_(chunk)).order_by(mem.c.fact_id)
            for m in s.execute(mq):
                by_incident.setdefault(m.incident_id, []).append(
                    StoredMember(m.fact_id, dict(m.merge_reason or {}), m.created_at, m.undone_at)
                )
    out = []
    for r in rows:
        members = by_incident.get(r.id, [])
        members.sort(key=lambda m: (m.merge_reason.get("order", 0), m.fact_id))
        out.append(
            StoredIncident(
                id=r.id,
                event_type=r.event_type,
                date_from=r.date_from,
                date_to=r.date_to,
                place=r.place,
                state_code=r.state_code,
                actor=r.actor,
                killed_min=r.killed_min,
                killed_max=r.killed_max,
                wounded_min=r.wounded_min,
                wounded_max=r.wounded_max,
                created_at=r.created_at,
                undone_at=r.undone_at,
                members=tuple(members),
            )
        )
    return out


def undo_incident(
    store: Store,
    incident_id: str,
    fact_ids: Sequence[str] | None = None,
    *,
    at: datetime | None = None,
) -> list[str]:
    """Split a live incident: mark it undone and remember the pairs it must not re-join.

    With ``fact_ids``, only those facts are detached (they may still join each other
    or other incidents, but not the rest of this one); without, every member is
    detached from every other. Returns the detached fact ids.
    """
    inc, mem = t.incidents, t.incident_facts
    when = at or utcnow()
    with store.session(write=True) as s:
        row = s.execute(sa.select(inc.c.undone_at).where(inc.c.id == incident_id)).first()
        if row is None:
            raise NotFoundError(f"no incident {incident_id!r} in {store.url}")
        if row.undone_at is not None:
            raise StoreError(
                f"incident {incident_id} was already split on {row.undone_at:%Y-%m-%d}"
            )
        members = [
            r.fact_id
            for r in s.execute(sa.select(mem.c.fact_id).where(mem.c.incident_id == incident_id))
        ]
        if len(members) < 2:
            raise StoreError(f"incident {incident_id} has a single report: nothing to split")
        detach = list(members) if not fact_ids else list(dict.fromkeys(fact_ids))
        unknown = [f for f in detach if f not in members]
        if unknown:
            raise NotFoundError(f"fact {unknown[0]!r} is not part of incident {incident_id}")
        s.execute(sa.update(inc).where(inc.c.id == incident_id).values(undone_at=when))
        s.execute(
            sa.update(mem)
            .where(mem.c.incident_id == incident_id, mem.c.fact_id.in_(detach))
            .values(undone_at=when)
        )
    return detach


def forbidden_pairs(store: Store) -> set[frozenset[str]]:
    """Pairs of facts an analyst split apart: each detached member of a split incident
    with every other member of it."""
    inc, mem = t.incidents, t.incident_facts
    q = (
        sa.select(mem.c.incident_id, mem.c.fact_id, mem.c.undone_at)
        .join(inc, inc.c.id == mem.c.incident_id)
        .where(inc.c.undone_at.is_not(None))
    )
    groups: dict[str, list[tuple[str, bool]]] = {}
    with store.session() as s:
        for r in s.execute(q):
            groups.setdefault(r.incident_id, []).append((r.fact_id, r.undone_at is not None))
    pairs: set[frozenset[str]] = set()
    for members in groups.values():
        for (a, a_out), (b, b_out) in combinations(members, 2):
            if a_out or b_out:
                pairs.add(frozenset((a, b)))
    return pairs


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


__all__ = [
    "SaveResult",
    "StoredIncident",
    "StoredMember",
    "document_roots",
    "forbidden_pairs",
    "save_incidents",
    "stored_incidents",
    "undo_incident",
]

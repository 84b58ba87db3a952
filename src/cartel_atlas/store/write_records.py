"""The write half of the store for reference and bookkeeping rows: sources, ingest runs,
quarantine and official statistics. Each call is one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol

import sqlalchemy as sa

from cartel_atlas.errors import NotFoundError, StoreError
from cartel_atlas.model import RELIABILITY_GRADES
from cartel_atlas.store import schema as t
from cartel_atlas.store.base import StoreBase
from cartel_atlas.store.types import dumps, utcnow
from cartel_atlas.store.write_helpers import CHUNK, chunks, new_id

PAYLOAD_EXCERPT_CHARS = 4000
"""Quarantine keeps this much of a rejected input: enough to see what was wrong."""

OFFICIAL_KEY = (
    "dataset",
    "year",
    "month",
    "state_code",
    "municipality_code",
    "bien_juridico",
    "tipo",
    "subtipo",
    "modalidad",
    "sexo",
    "rango_edad",
)
_OFFICIAL_REQUIRED = (
    "dataset",
    "year",
    "month",
    "state_code",
    "bien_juridico",
    "tipo",
    "subtipo",
    "modalidad",
    "value",
)


class SourceLike(Protocol):
    """What ``upsert_sources`` reads: ``model.Source`` or a vocabulary source entry.

    An ``aliases`` attribute, when present, is stored too.
    """

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def outlet_type(self) -> str: ...
    @property
    def reliability(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...


def official_row_key(row: dict[str, Any]) -> str:
    """Hash of an official count's key columns (its identity across re-loads)."""
    key = dumps([None if row.get(k) is None else str(row[k]) for k in OFFICIAL_KEY])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]


class StoreRecordWrites(StoreBase):
    """Sources, runs, quarantine and official counts."""

    # sources --------------------------------------------------------------------

    def upsert_sources(self, sources: Iterable[SourceLike]) -> int:
        """Insert or update sources by id; returns how many rows were written."""
        rows = []
        for s in sources:
            grade = s.reliability or "F"
            if grade not in RELIABILITY_GRADES:
                raise StoreError(f"source {s.id!r}: reliability {grade!r} is not one of A-F")
            rows.append(
                {
                    "id": s.id,
                    "name": s.name,
                    "outlet_type": s.outlet_type,
                    "reliability": grade,
                    "url": None if s.url is None else str(s.url),
                    "country": s.country,
                    "aliases": list(getattr(s, "aliases", None) or []),
                }
            )
        if not rows:
            return 0
        with self._write() as conn:
            stored = {r[0] for r in conn.execute(sa.select(t.sources.c.id))}
            new = [r for r in rows if r["id"] not in stored]
            if new:
                conn.execute(sa.insert(t.sources), new)
            for r in rows:
                if r["id"] in stored:
                    conn.execute(sa.update(t.sources).where(t.sources.c.id == r["id"]).values(**r))
        return len(rows)

    # runs and quarantine -----------------------------------------------------------

    def start_run(self, command: str) -> int:
        """Record the start of an ingest run; returns its id."""
        with self._write() as conn:
            res = conn.execute(
                sa.insert(t.ingest_runs).values(
                    command=command, status="running", started_at=utcnow(), counts={}
                )
            )
            return new_id(res)

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        """Record how an ingest run ended and what it counted."""
        with self._write() as conn:
            res = conn.execute(
                sa.update(t.ingest_runs)
                .where(t.ingest_runs.c.id == run_id)
                .values(status=status, counts=counts, finished_at=utcnow())
            )
            if res.rowcount == 0:
                raise NotFoundError(f"no ingest run {run_id} in {self.url}")

    def quarantine(
        self,
        run_id: int | None,
        uri: str,
        reason_code: str,
        reason: str,
        locator: str | None = None,
        payload: str | bytes | None = None,
    ) -> int:
        """Set aside an input that could not be ingested, with the reason; returns its id."""
        if isinstance(payload, bytes):
            payload = payload[: PAYLOAD_EXCERPT_CHARS * 4].decode("utf-8", errors="replace")
        excerpt = payload[:PAYLOAD_EXCERPT_CHARS] if payload is not None else None
        with self._write() as conn:
            res = conn.execute(
                sa.insert(t.quarantine).values(
                    run_id=run_id,
                    uri=uri,
                    locator=None if locator is None else str(locator),
                    reason_code=reason_code,
                    reason=reason,
                    payload=excerpt,
                    created_at=utcnow(),
                )
            )
            return new_id(res)

    def resolve_quarantine(self, quarantine_id: int, at: datetime | None = None) -> None:
        """Mark a quarantined input as dealt with (e.g. re-ingested successfully)."""
        with self._write() as conn:
            res = conn.execute(
                sa.update(t.quarantine)
                .where(t.quarantine.c.id == quarantine_id)
                .values(resolved_at=at or utcnow())
            )
            if res.rowcount == 0:
                raise NotFoundError(f"no quarantine entry {quarantine_id} in {self.url}")

    # official statistics ------------------------------------------------------------

    def add_official_counts(self, rows: Iterable[dict[str, Any]]) -> int:
        """Load monthly official counts; returns how many rows were new.

        A row already stored (same dataset, period, place and crime keys) is not
        duplicated; if its value was revised, the stored value is updated.
        """
        by_key: dict[str, dict[str, Any]] = {}
        for n, row in enumerate(rows, 1):
            missing = [k for k in _OFFICIAL_REQUIRED if row.get(k) in (None, "")]
            if missing:
                raise StoreError(f"official count row {n}: missing {', '.join(missing)}")
            try:
                clean = _official_row(row)
            except (TypeError, ValueError) as exc:
                raise StoreError(f"official count row {n}: {exc}") from exc
            by_key[clean["row_key"]] = clean
        inserted = 0
        with self._write() as conn:
            c = t.official_counts.c
            for chunk in chunks(list(by_key), CHUNK):
                stored = dict(
                    conn.execute(sa.select(c.row_key, c.value).where(c.row_key.in_(chunk))).all()
                )
                new = [by_key[k] for k in chunk if k not in stored]
                if new:
                    conn.execute(sa.insert(t.official_counts), new)
                    inserted += len(new)
                for k in chunk:
                    if k in stored and stored[k] != by_key[k]["value"]:
                        conn.execute(
                            sa.update(t.official_counts)
                            .where(c.row_key == k)
                            .values(value=by_key[k]["value"], source_file=by_key[k]["source_file"])
                        )
        return inserted


def _official_row(row: dict[str, Any]) -> dict[str, Any]:
    def opt(k: str) -> str | None:
        v = row.get(k)
        return None if v in (None, "") else str(v)

    clean = {
        "dataset": str(row["dataset"]),
        "year": int(row["year"]),
        "month": int(row["month"]),
        "state_code": str(row["state_code"]),
        "municipality_code": opt("municipality_code"),
        "bien_juridico": str(row["bien_juridico"]),
        "tipo": str(row["tipo"]),
        "subtipo": str(row["subtipo"]),
        "modalidad": str(row["modalidad"]),
        "sexo": opt("sexo"),
        "rango_edad": opt("rango_edad"),
        "value": int(row["value"]),
        "source_file": opt("source_file"),
    }
    clean["row_key"] = official_row_key(clean)
    return clean

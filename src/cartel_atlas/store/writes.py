"""The write half of the store: every method is one transaction, all or nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from cartel_atlas.errors import NotFoundError, StoreError
from cartel_atlas.model import RELIABILITY_GRADES, Document, Fact, Mention, Sentence
from cartel_atlas.store import schema as t
from cartel_atlas.store.base import StoreBase
from cartel_atlas.store.records import fact_id
from cartel_atlas.store.types import dumps, utcnow

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
_CHUNK = 500


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


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def official_row_key(row: dict[str, Any]) -> str:
    """Hash of an official count's key columns (its identity across re-loads)."""
    key = dumps([None if row.get(k) is None else str(row[k]) for k in OFFICIAL_KEY])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]


class StoreWrites(StoreBase):
    """Idempotent, transactional writes."""

    # documents ------------------------------------------------------------------

    def add_document(
        self,
        doc: Document,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        facts: Sequence[Fact],
        *,
        run_id: int | None = None,
    ) -> bool:
        """Store a document with everything extracted from it, in one transaction.

        Returns False, writing nothing, when a document with the same id is stored
        already (ingesting the same content twice is a no-op).
        """
        _check_belongs(doc, sentences, mentions, facts)
        try:
            with self._write() as conn:
                if _exists(conn, t.documents, doc.id):
                    return False
                now = utcnow()
                conn.execute(sa.insert(t.documents), [_document_row(doc, now, run_id)])
                if sentences:
                    conn.execute(sa.insert(t.sentences), [_sentence_row(s) for s in sentences])
                if mentions:
                    conn.execute(sa.insert(t.mentions), [_mention_row(m) for m in mentions])
                self._insert_facts(conn, facts, now)
        except StoreError as err:
            # Another writer stored the same document between our check and insert.
            if isinstance(err.__cause__, sa_exc.IntegrityError) and self._has(doc.id):
                return False
            raise
        return True

    def add_facts(self, facts: Sequence[Fact]) -> int:
        """Add facts to documents already stored (re-extraction); known ids are skipped.

        Returns how many facts were new.
        """
        with self._write() as conn:
            doc_ids = {f.evidence.doc_id for f in facts}
            for doc_id in doc_ids:
                if not _exists(conn, t.documents, doc_id):
                    raise NotFoundError(f"no document {doc_id!r} in {self.url}")
            return self._insert_facts(conn, facts, utcnow())

    def link_duplicate(self, doc_id: str, original_id: str) -> None:
        """Mark ``doc_id`` as a near-duplicate of ``original_id`` (both must be stored)."""
        if doc_id == original_id:
            raise StoreError(f"document {doc_id!r} cannot be a duplicate of itself")
        with self._write() as conn:
            for d in (doc_id, original_id):
                if not _exists(conn, t.documents, d):
                    raise NotFoundError(f"no document {d!r} in {self.url}")
            conn.execute(
                sa.update(t.documents)
                .where(t.documents.c.id == doc_id)
                .values(duplicate_of=original_id)
            )

    def retract_fact(self, fact_id: str, at: datetime | None = None) -> None:
        """Withdraw a fact from ``at`` (default now); the row stays for as-of reads.

        Retracting twice keeps the first retraction time.
        """
        with self._write() as conn:
            row = conn.execute(
                sa.select(t.facts.c.retracted_at).where(t.facts.c.id == fact_id)
            ).first()
            if row is None:
                raise NotFoundError(f"no fact {fact_id!r} in {self.url}")
            if row.retracted_at is None:
                conn.execute(
                    sa.update(t.facts)
                    .where(t.facts.c.id == fact_id)
                    .values(retracted_at=at or utcnow())
                )

    def _insert_facts(self, conn: sa.Connection, facts: Sequence[Fact], now: datetime) -> int:
        rows: dict[str, dict[str, Any]] = {}
        for fact in facts:
            rows.setdefault(fact_id(fact), _fact_row(fact, now))
        if not rows:
            return 0
        stored = {
            r[0]
            for chunk in _chunks(list(rows), _CHUNK)
            for r in conn.execute(sa.select(t.facts.c.id).where(t.facts.c.id.in_(chunk)))
        }
        new = [dict(row, id=fid) for fid, row in rows.items() if fid not in stored]
        if not new:
            return 0
        if any(r["source"] for r in new):
            index = _source_index(conn)
            for r in new:
                r["source_id"] = index.get((r["source"] or "").casefold())
        conn.execute(sa.insert(t.facts), new)
        return len(new)

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
            return _new_id(res)

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
            return _new_id(res)

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
            for chunk in _chunks(list(by_key), _CHUNK):
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

    def _has(self, doc_id: str) -> bool:
        with self._read() as conn:
            return _exists(conn, t.documents, doc_id)


# helpers ----------------------------------------------------------------------------


def _new_id(res: sa.CursorResult[Any]) -> int:
    pk = res.inserted_primary_key
    if pk is None:  # pragma: no cover - every table here has an integer key
        raise StoreError("the database returned no id for a new row")
    return int(pk[0])


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _exists(conn: sa.Connection, table: sa.Table, key: str) -> bool:
    return conn.execute(sa.select(table.c.id).where(table.c.id == key)).first() is not None


def _check_belongs(
    doc: Document,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    facts: Sequence[Fact],
) -> None:
    """Everything written with a document must point into it: catch wiring mistakes early."""
    for what, ids in (
        ("sentence", [s.doc_id for s in sentences]),
        ("mention", [m.doc_id for m in mentions]),
        ("fact", [f.evidence.doc_id for f in facts]),
    ):
        for other in ids:
            if other != doc.id:
                raise StoreError(
                    f"a {what} of document {doc.id!r} points to document {other!r}",
                    code="D005",
                )


def _document_row(doc: Document, now: datetime, run_id: int | None) -> dict[str, Any]:
    return {
        "id": doc.id,
        "name": doc.name,
        "url": doc.url,
        "title": doc.title,
        "publisher": doc.publisher,
        "author": doc.author,
        "published": doc.published,
        "language": doc.language,
        "licence": doc.licence,
        "tlp": doc.tlp,
        "format": doc.format,
        "text": doc.text,
        "pages": [list(p) for p in doc.pages] if doc.pages else None,
        "meta": dict(doc.meta),
        "duplicate_of": None,
        "recorded_at": now,
        "ingest_run_id": run_id,
    }


def _sentence_row(s: Sentence) -> dict[str, Any]:
    return {"doc_id": s.doc_id, "idx": s.index, "start": s.start, "end": s.end, "text": s.text}


def _mention_row(m: Mention) -> dict[str, Any]:
    return {
        "doc_id": m.doc_id,
        "sentence": m.sentence,
        "kind": m.kind,
        "start": m.start,
        "end": m.end,
        "surface": m.surface,
        "key": m.key,
        "attrs": dict(m.attrs),
    }


def _fact_row(f: Fact, now: datetime) -> dict[str, Any]:
    ev = f.evidence
    fields = f.fields
    return {
        "doc_id": ev.doc_id,
        "kind": f.kind,
        "fields": dict(fields),
        "polarity": f.polarity,
        "confidence": f.confidence,
        "source": f.source,
        "source_id": None,
        "evidence_start": ev.start,
        "evidence_end": ev.end,
        "evidence_sentence": ev.sentence,
        "page": ev.page,
        "component": ev.component,
        "component_version": ev.version,
        "valid_from": f.valid_from,
        "valid_to": f.valid_to,
        "recorded_at": f.recorded_at or now,
        "retracted_at": None,
        "group_id": _text(fields.get("group_id")),
        "place": _text(fields.get("place")),
        "state_code": _text(fields.get("state_code")),
        "event_type": _text(fields.get("event_type")),
    }


def _source_index(conn: sa.Connection) -> dict[str, str]:
    """casefolded id, name and alias -> source id, to link facts to the source registry."""
    index: dict[str, str] = {}
    for sid, name, aliases in conn.execute(
        sa.select(t.sources.c.id, t.sources.c.name, t.sources.c.aliases)
    ):
        for label in (*(aliases or []), name, sid):
            index[str(label).casefold()] = sid
    return index


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

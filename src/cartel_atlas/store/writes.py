"""The write half of the store for documents and facts: one transaction per call."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from cartel_atlas.errors import NotFoundError, StoreError
from cartel_atlas.model import Document, Fact, Mention, Sentence
from cartel_atlas.store import schema as t
from cartel_atlas.store.base import StoreBase
from cartel_atlas.store.records import fact_id
from cartel_atlas.store.types import utcnow
from cartel_atlas.store.write_helpers import CHUNK, chunks, exists


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


class StoreWrites(StoreBase):
    """Idempotent, transactional writes of documents and what was extracted from them."""

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
                if exists(conn, t.documents, doc.id):
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
                if not exists(conn, t.documents, doc_id):
                    raise NotFoundError(f"no document {doc_id!r} in {self.url}")
            return self._insert_facts(conn, facts, utcnow())

    def link_duplicate(self, doc_id: str, original_id: str) -> None:
        """Mark ``doc_id`` as a near-duplicate of ``original_id`` (both must be stored)."""
        if doc_id == original_id:
            raise StoreError(f"document {doc_id!r} cannot be a duplicate of itself")
        with self._write() as conn:
            for d in (doc_id, original_id):
                if not exists(conn, t.documents, d):
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
            for chunk in chunks(list(rows), CHUNK)
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

    def _has(self, doc_id: str) -> bool:
        with self._read() as conn:
            return exists(conn, t.documents, doc_id)


# helpers ----------------------------------------------------------------------------


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

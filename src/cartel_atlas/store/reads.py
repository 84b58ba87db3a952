"""The read half of the store, including as-of reads over record and valid time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from cartel_atlas.errors import NotFoundError
from cartel_atlas.model import Document, Evidence, Mention, Sentence
from cartel_atlas.store import schema as t
from cartel_atlas.store.base import StoreBase
from cartel_atlas.store.records import IngestRun, QuarantineRecord, StoredFact

DOCUMENT_PAGE = 200
"""Documents fetched per query while iterating: memory stays flat on a large store."""


class StoreReads(StoreBase):
    """Reads; each call is one consistent snapshot."""

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this id is stored."""
        with self._read() as conn:
            q = sa.select(t.documents.c.id).where(t.documents.c.id == doc_id)
            return conn.execute(q).first() is not None

    def get_document(self, doc_id_or_name: str) -> Document:
        """The document with this id or, failing that, this name (the earliest stored)."""
        d = t.documents
        with self._read() as conn:
            row = conn.execute(sa.select(d).where(d.c.id == doc_id_or_name)).first()
            if row is None:
                q = sa.select(d).where(d.c.name == doc_id_or_name)
                row = conn.execute(q.order_by(d.c.recorded_at, d.c.id).limit(1)).first()
        if row is None:
            raise NotFoundError(f"no document with id or name {doc_id_or_name!r} in {self.url}")
        return _document(row)

    def documents(self) -> Iterator[Document]:
        """Every stored document, by id, fetched a page at a time."""
        d = t.documents
        after = ""
        while True:
            with self._read() as conn:
                q = sa.select(d).where(d.c.id > after).order_by(d.c.id).limit(DOCUMENT_PAGE)
                rows = conn.execute(q).all()
            if not rows:
                return
            for row in rows:
                yield _document(row)
            after = rows[-1].id

    def duplicate_of(self, doc_id: str) -> str | None:
        """The id of the document ``doc_id`` was linked to as a near-duplicate, if any."""
        with self._read() as conn:
            q = sa.select(t.documents.c.duplicate_of).where(t.documents.c.id == doc_id)
            row = conn.execute(q).first()
        if row is None:
            raise NotFoundError(f"no document {doc_id!r} in {self.url}")
        return row[0]

    def sentences(self, doc_id: str) -> list[Sentence]:
        """A document's sentences in order."""
        s = t.sentences
        with self._read() as conn:
            rows = conn.execute(sa.select(s).where(s.c.doc_id == doc_id).order_by(s.c.idx))
            return [Sentence(r.doc_id, r.idx, r.start, r.end, r.text) for r in rows]

    def mentions(self, doc_id: str) -> list[Mention]:
        """A document's mentions in text order."""
        m = t.mentions
        with self._read() as conn:
            q = sa.select(m).where(m.c.doc_id == doc_id).order_by(m.c.start, m.c.end, m.c.id)
            return [
                Mention(
                    doc_id=r.doc_id,
                    kind=r.kind,
                    start=r.start,
                    end=r.end,
                    surface=r.surface,
                    key=r.key,
                    sentence=r.sentence,
                    attrs=dict(r.attrs or {}),
                )
                for r in conn.execute(q)
            ]

    def facts(
        self,
        kind: str | None = None,
        group: str | None = None,
        state_code: str | None = None,
        doc_id: str | None = None,
        recorded_before: datetime | None = None,
        valid_on: date | None = None,
        include_retracted: bool = False,
    ) -> list[StoredFact]:
        """Facts matching every filter given, oldest recorded first.

        ``group`` is a group id. ``recorded_before`` reads the store as it was at that
        instant: facts recorded earlier and not yet retracted then. ``valid_on`` keeps
        facts whose valid time covers that day (a missing bound is open).
        """
        f, d = t.facts, t.documents
        q = sa.select(
            f,
            d.c.title.label("doc_title"),
            d.c.url.label("doc_url"),
            d.c.published.label("doc_published"),
            d.c.publisher.label("doc_publisher"),
        ).join(d, d.c.id == f.c.doc_id)
        if kind is not None:
            q = q.where(f.c.kind == kind)
        if group is not None:
            q = q.where(f.c.group_id == group)
        if state_code is not None:
            q = q.where(f.c.state_code == state_code)
        if doc_id is not None:
            q = q.where(f.c.doc_id == doc_id)
        if recorded_before is not None:
            q = q.where(f.c.recorded_at < recorded_before)
        if not include_retracted:
            if recorded_before is None:
                q = q.where(f.c.retracted_at.is_(None))
            else:
                q = q.where(sa.or_(f.c.retracted_at.is_(None), f.c.retracted_at >= recorded_before))
        if valid_on is not None:
            q = q.where(sa.or_(f.c.valid_from.is_(None), f.c.valid_from <= valid_on))
            q = q.where(sa.or_(f.c.valid_to.is_(None), f.c.valid_to >= valid_on))
        q = q.order_by(f.c.recorded_at, f.c.id)
        with self._read() as conn:
            return [_stored_fact(r) for r in conn.execute(q)]

    def quarantined(self, unresolved_only: bool = True) -> list[QuarantineRecord]:
        """Inputs set aside, oldest first (by default only those not yet resolved)."""
        qt = t.quarantine
        q = sa.select(qt).order_by(qt.c.id)
        if unresolved_only:
            q = q.where(qt.c.resolved_at.is_(None))
        with self._read() as conn:
            return [
                QuarantineRecord(
                    id=r.id,
                    run_id=r.run_id,
                    uri=r.uri,
                    reason_code=r.reason_code,
                    reason=r.reason,
                    locator=r.locator,
                    payload=r.payload,
                    created_at=r.created_at,
                    retried_at=r.retried_at,
                    resolved_at=r.resolved_at,
                )
                for r in conn.execute(q)
            ]

    def runs(self, limit: int = 20) -> list[IngestRun]:
        """The most recent ingest runs, newest first."""
        r = t.ingest_runs
        with self._read() as conn:
            rows = conn.execute(sa.select(r).order_by(r.c.id.desc()).limit(limit))
            return [
                IngestRun(
                    id=x.id,
                    command=x.command,
                    status=x.status,
                    started_at=x.started_at,
                    finished_at=x.finished_at,
                    counts=dict(x.counts or {}),
                )
                for x in rows
            ]

    def official_counts(
        self,
        dataset: str | None = None,
        *,
        state_code: str | None = None,
        municipality_code: str | None = None,
        year: int | None = None,
        month: int | None = None,
        tipo: str | None = None,
        subtipo: str | None = None,
    ) -> list[dict[str, Any]]:
        """Official monthly counts matching every filter given, by period and place."""
        o = t.official_counts
        q = sa.select(o)
        for col, value in (
            (o.c.dataset, dataset),
            (o.c.state_code, state_code),
            (o.c.municipality_code, municipality_code),
            (o.c.year, year),
            (o.c.month, month),
            (o.c.tipo, tipo),
            (o.c.subtipo, subtipo),
        ):
            if value is not None:
                q = q.where(col == value)
        q = q.order_by(o.c.year, o.c.month, o.c.state_code, o.c.municipality_code, o.c.id)
        with self._read() as conn:
            return [
                {k: v for k, v in r._mapping.items() if k not in ("id", "row_key")}
                for r in conn.execute(q)
            ]

    def counts(self) -> dict[str, int]:
        """Row counts of every table, except that ``facts`` counts live facts only;
        plus live facts by kind (``facts.presence``...), ``facts.retracted`` and
        ``quarantine.unresolved``."""
        f, qt = t.facts, t.quarantine
        live = f.c.retracted_at.is_(None)
        with self._read() as conn:

            def count(table: sa.Table, *where: Any) -> int:
                q = sa.select(sa.func.count()).select_from(table).where(*where)
                return int(conn.execute(q).scalar_one())

            out = {table.name: count(table) for table in t.TABLES}
            out["facts"] = count(f, live)
            out["facts.retracted"] = count(f, ~live)
            out["quarantine.unresolved"] = count(qt, qt.c.resolved_at.is_(None))
            q = sa.select(f.c.kind, sa.func.count()).where(live).group_by(f.c.kind)
            for kind, n in conn.execute(q):
                out[f"facts.{kind}"] = int(n)
        return out


def _document(r: Any) -> Document:
    return Document(
        text=r.text,
        id=r.id,
        title=r.title,
        url=r.url,
        publisher=r.publisher,
        author=r.author,
        published=r.published,
        language=r.language,
        licence=r.licence,
        tlp=r.tlp,
        format=r.format,
        name=r.name,
        pages=tuple((int(a), int(b)) for a, b in (r.pages or [])),
        meta=dict(r.meta or {}),
    )


def _stored_fact(r: Any) -> StoredFact:
    return StoredFact(
        id=r.id,
        doc_id=r.doc_id,
        kind=r.kind,
        fields=dict(r.fields),
        polarity=r.polarity,
        confidence=r.confidence,
        source=r.source,
        evidence=Evidence(
            doc_id=r.doc_id,
            start=r.evidence_start,
            end=r.evidence_end,
            sentence=r.evidence_sentence,
            component=r.component,
            version=r.component_version,
            page=r.page,
        ),
        valid_from=r.valid_from,
        valid_to=r.valid_to,
        recorded_at=r.recorded_at,
        retracted_at=r.retracted_at,
        doc_title=r.doc_title,
        doc_url=r.doc_url,
        doc_published=r.doc_published,
        doc_publisher=r.doc_publisher,
        source_id=r.source_id,
    )

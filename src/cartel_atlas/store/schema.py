"""The evidence store's tables: one schema for SQLite and PostgreSQL.

Facts are append-only: a correction is a new row and a withdrawal sets ``retracted_at``,
so any past state can be read back (``recorded_at`` is record time, ``valid_from`` /
``valid_to`` the time a claim is about). The migrations in ``migrations/versions`` create
exactly these tables; a test compares the two on both backends.
"""

from __future__ import annotations

import sqlalchemy as sa

from cartel_atlas.store.types import JSONDoc, UTCDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING)

ingest_runs = sa.Table(
    "ingest_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("finished_at", UTCDateTime),
    sa.Column("command", sa.Text, nullable=False),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("counts", JSONDoc),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.Text, index=True),
    sa.Column("url", sa.Text, index=True),
    sa.Column("title", sa.Text),
    sa.Column("publisher", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("language", sa.String(16)),
    sa.Column("licence", sa.Text),
    sa.Column("tlp", sa.String(16), nullable=False),
    sa.Column("format", sa.String(32), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("pages", JSONDoc),
    sa.Column("meta", JSONDoc),
    sa.Column("duplicate_of", sa.String(64), sa.ForeignKey("documents.id"), index=True),
    sa.Column("recorded_at", UTCDateTime, nullable=False, index=True),
    sa.Column("ingest_run_id", sa.Integer, sa.ForeignKey("ingest_runs.id"), index=True),
)

sentences = sa.Table(
    "sentences",
    metadata,
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.CheckConstraint('start <= "end"', name="span"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("sentence", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("surface", sa.Text, nullable=False),
    sa.Column("key", sa.Text, nullable=False, index=True),
    sa.Column("attrs", JSONDoc),
    sa.CheckConstraint('start <= "end"', name="span"),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    sa.Column("name", sa.Text, nullable=False, index=True),
    sa.Column("outlet_type", sa.String(64), nullable=False),
    sa.Column("reliability", sa.String(1), nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("country", sa.Text),
    sa.Column("aliases", JSONDoc),
    sa.CheckConstraint("reliability IN ('A', 'B', 'C', 'D', 'E', 'F')", name="reliability"),
)

facts = sa.Table(
    "facts",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("kind", sa.String(32), nullable=False, index=True),
    sa.Column("fields", JSONDoc, nullable=False),
    sa.Column("polarity", sa.String(16), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("source_id", sa.String(128), index=True),  # no FK: claims may name unknown sources
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("evidence_sentence", sa.Text, nullable=False),
    sa.Column("page", sa.Integer),
    sa.Column("component", sa.String(64), nullable=False),
    sa.Column("component_version", sa.String(64), nullable=False),
    sa.Column("valid_from", sa.Date, index=True),
    sa.Column("valid_to", sa.Date),
    sa.Column("recorded_at", UTCDateTime, nullable=False, index=True),
    sa.Column("retracted_at", UTCDateTime),
    sa.Column("group_id", sa.String(128), index=True),
    sa.Column("place", sa.Text, index=True),
    sa.Column("state_code", sa.String(8), index=True),
    sa.Column("event_type", sa.String(64), index=True),
    sa.CheckConstraint("polarity IN ('asserted', 'hedged', 'negated')", name="polarity"),
    sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
    sa.CheckConstraint("evidence_start <= evidence_end", name="span"),
)

incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("event_type", sa.String(64), nullable=False, index=True),
    sa.Column("date_from", sa.Date, index=True),
    sa.Column("date_to", sa.Date),
    sa.Column("place", sa.Text, index=True),
    sa.Column("state_code", sa.String(8), index=True),
    sa.Column("actor", sa.Text, index=True),
    sa.Column("killed_min", sa.Integer),
    sa.Column("killed_max", sa.Integer),
    sa.Column("wounded_min", sa.Integer),
    sa.Column("wounded_max", sa.Integer),
    sa.Column("created_at", UTCDateTime, nullable=False, index=True),
    sa.Column("undone_at", UTCDateTime),
)

incident_facts = sa.Table(
    "incident_facts",
    metadata,
    sa.Column("incident_id", sa.String(64), sa.ForeignKey("incidents.id"), primary_key=True),
    sa.Column("fact_id", sa.String(64), sa.ForeignKey("facts.id"), primary_key=True, index=True),
    sa.Column("merge_reason", JSONDoc),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("undone_at", UTCDateTime),
)

quarantine = sa.Table(
    "quarantine",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id"), index=True),
    sa.Column("uri", sa.Text, nullable=False, index=True),
    sa.Column("locator", sa.Text),
    sa.Column("reason_code", sa.String(32), nullable=False, index=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("payload", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("retried_at", UTCDateTime),
    sa.Column("resolved_at", UTCDateTime, index=True),
)

official_counts = sa.Table(
    "official_counts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # Hash of the key columns: NULLs are distinct in unique constraints on both backends,
    # so the optional key columns cannot carry the uniqueness themselves.
    sa.Column("row_key", sa.String(64), nullable=False, unique=True),
    sa.Column("dataset", sa.String(64), nullable=False, index=True),
    sa.Column("year", sa.Integer, nullable=False, index=True),
    sa.Column("month", sa.Integer, nullable=False),
    sa.Column("state_code", sa.String(8), nullable=False, index=True),
    sa.Column("municipality_code", sa.String(8), index=True),
    sa.Column("bien_juridico", sa.Text, nullable=False),
    sa.Column("tipo", sa.Text, nullable=False, index=True),
    sa.Column("subtipo", sa.Text, nullable=False),
    sa.Column("modalidad", sa.Text, nullable=False),
    sa.Column("sexo", sa.Text),
    sa.Column("rango_edad", sa.Text),
    sa.Column("value", sa.Integer, nullable=False),
    sa.Column("source_file", sa.Text),
    sa.CheckConstraint("month >= 1 AND month <= 12", name="month"),
)

feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("last_polled_at", UTCDateTime),
)

feed_items = sa.Table(
    "feed_items",
    metadata,
    sa.Column("feed_url", sa.Text, sa.ForeignKey("feeds.url"), primary_key=True),
    sa.Column("item_id", sa.Text, primary_key=True),
    sa.Column("link", sa.Text),
    sa.Column("seen_at", UTCDateTime, nullable=False),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), index=True),
)

sites = sa.Table(
    "sites",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("municipality_code", sa.String(8), index=True),
    sa.Column("radius_km", sa.Float, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(64), nullable=False, index=True),
    sa.Column("subject", sa.Text, nullable=False, index=True),
    sa.Column("payload", JSONDoc),
    sa.Column("created_at", UTCDateTime, nullable=False, index=True),
    sa.Column("acknowledged_at", UTCDateTime),
)

TABLES = tuple(metadata.sorted_tables)
"""Every table, parents before children."""

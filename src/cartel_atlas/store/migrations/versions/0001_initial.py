"""Initial schema: documents, sentences, mentions, facts, sources, incidents, runs,
quarantine, official counts, feeds, sites and alerts.

Revision ID: 0001
Revises:
Create Date: 2026-11-27

Written out in full (not imported from ``schema.py``) so this revision keeps creating the
same tables however the current schema evolves.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TABLES = (
    "alerts",
    "feeds",
    "incidents",
    "ingest_runs",
    "official_counts",
    "sites",
    "sources",
    "documents",
    "quarantine",
    "facts",
    "feed_items",
    "mentions",
    "sentences",
    "incident_facts",
)
"""Created parents first; dropped in reverse."""


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("payload", JSON, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("acknowledged_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    op.create_index(op.f("ix_alerts_created_at"), "alerts", ["created_at"])
    op.create_index(op.f("ix_alerts_kind"), "alerts", ["kind"])
    op.create_index(op.f("ix_alerts_subject"), "alerts", ["subject"])

    op.create_table(
        "feeds",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_polled_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_feeds")),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=True),
        sa.Column("date_to", sa.Date(), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("state_code", sa.String(length=8), nullable=True),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("killed_min", sa.Integer(), nullable=True),
        sa.Column("killed_max", sa.Integer(), nullable=True),
        sa.Column("wounded_min", sa.Integer(), nullable=True),
        sa.Column("wounded_max", sa.Integer(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("undone_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    op.create_index(op.f("ix_incidents_actor"), "incidents", ["actor"])
    op.create_index(op.f("ix_incidents_created_at"), "incidents", ["created_at"])
    op.create_index(op.f("ix_incidents_date_from"), "incidents", ["date_from"])
    op.create_index(op.f("ix_incidents_event_type"), "incidents", ["event_type"])
    op.create_index(op.f("ix_incidents_place"), "incidents", ["place"])
    op.create_index(op.f("ix_incidents_state_code"), "incidents", ["state_code"])

    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS, nullable=True),
        sa.Column("command", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("counts", JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_runs")),
    )
    op.create_table(
        "official_counts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("row_key", sa.String(length=64), nullable=False),
        sa.Column("dataset", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("state_code", sa.String(length=8), nullable=False),
        sa.Column("municipality_code", sa.String(length=8), nullable=True),
        sa.Column("bien_juridico", sa.Text(), nullable=False),
        sa.Column("tipo", sa.Text(), nullable=False),
        sa.Column("subtipo", sa.Text(), nullable=False),
        sa.Column("modalidad", sa.Text(), nullable=False),
        sa.Column("sexo", sa.Text(), nullable=True),
        sa.Column("rango_edad", sa.Text(), nullable=True),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.CheckConstraint("month >= 1 AND month <= 12", name=op.f("ck_official_counts_month")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official_counts")),
        sa.UniqueConstraint("row_key", name=op.f("uq_official_counts_row_key")),
    )
    op.create_index(op.f("ix_official_counts_dataset"), "official_counts", ["dataset"])
    op.create_index(
        op.f("ix_official_counts_municipality_code"), "official_counts", ["municipality_code"]
    )
    op.create_index(op.f("ix_official_counts_state_code"), "official_counts", ["state_code"])
    op.create_index(op.f("ix_official_counts_tipo"), "official_counts", ["tipo"])
    op.create_index(op.f("ix_official_counts_year"), "official_counts", ["year"])

    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("municipality_code", sa.String(length=8), nullable=True),
        sa.Column("radius_km", sa.Float(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")),
        sa.UniqueConstraint("name", name=op.f("uq_sites_name")),
    )
    op.create_index(op.f("ix_sites_municipality_code"), "sites", ["municipality_code"])

    op.create_table(
        "sources",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("outlet_type", sa.String(length=64), nullable=False),
        sa.Column("reliability", sa.String(length=1), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("aliases", JSON, nullable=True),
        sa.CheckConstraint(
            "reliability IN ('A', 'B', 'C', 'D', 'E', 'F')", name=op.f("ck_sources_reliability")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
    )
    op.create_index(op.f("ix_sources_name"), "sources", ["name"])

    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("licence", sa.Text(), nullable=True),
        sa.Column("tlp", sa.String(length=16), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("pages", JSON, nullable=True),
        sa.Column("meta", JSON, nullable=True),
        sa.Column("duplicate_of", sa.String(length=64), nullable=True),
        sa.Column("recorded_at", TS, nullable=False),
        sa.Column("ingest_run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["duplicate_of"], ["documents.id"], name=op.f("fk_documents_duplicate_of_documents")
        ),
        sa.ForeignKeyConstraint(
            ["ingest_run_id"],
            ["ingest_runs.id"],
            name=op.f("fk_documents_ingest_run_id_ingest_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(op.f("ix_documents_duplicate_of"), "documents", ["duplicate_of"])
    op.create_index(op.f("ix_documents_ingest_run_id"), "documents", ["ingest_run_id"])
    op.create_index(op.f("ix_documents_name"), "documents", ["name"])
    op.create_index(op.f("ix_documents_published"), "documents", ["published"])
    op.create_index(op.f("ix_documents_recorded_at"), "documents", ["recorded_at"])
    op.create_index(op.f("ix_documents_url"), "documents", ["url"])

    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("uri", sa.Text(), nullable=False),
        sa.Column("locator", sa.Text(), nullable=True),
        sa.Column("reason_code", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("retried_at", TS, nullable=True),
        sa.Column("resolved_at", TS, nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"], ["ingest_runs.id"], name=op.f("fk_quarantine_run_id_ingest_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine")),
    )
    op.create_index(op.f("ix_quarantine_reason_code"), "quarantine", ["reason_code"])
    op.create_index(op.f("ix_quarantine_resolved_at"), "quarantine", ["resolved_at"])
    op.create_index(op.f("ix_quarantine_run_id"), "quarantine", ["run_id"])
    op.create_index(op.f("ix_quarantine_uri"), "quarantine", ["uri"])

    op.create_table(
        "facts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("fields", JSON, nullable=False),
        sa.Column("polarity", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("source_id", sa.String(length=128), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("evidence_sentence", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("component", sa.String(length=64), nullable=False),
        sa.Column("component_version", sa.String(length=64), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("recorded_at", TS, nullable=False),
        sa.Column("retracted_at", TS, nullable=True),
        sa.Column("group_id", sa.String(length=128), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("state_code", sa.String(length=8), nullable=True),
        sa.Column("event_type", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "polarity IN ('asserted', 'hedged', 'negated')", name=op.f("ck_facts_polarity")
        ),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name=op.f("ck_facts_confidence")),
        sa.CheckConstraint("evidence_start <= evidence_end", name=op.f("ck_facts_span")),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], name=op.f("fk_facts_doc_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facts")),
    )
    op.create_index(op.f("ix_facts_doc_id"), "facts", ["doc_id"])
    op.create_index(op.f("ix_facts_event_type"), "facts", ["event_type"])
    op.create_index(op.f("ix_facts_group_id"), "facts", ["group_id"])
    op.create_index(op.f("ix_facts_kind"), "facts", ["kind"])
    op.create_index(op.f("ix_facts_place"), "facts", ["place"])
    op.create_index(op.f("ix_facts_recorded_at"), "facts", ["recorded_at"])
    op.create_index(op.f("ix_facts_source_id"), "facts", ["source_id"])
    op.create_index(op.f("ix_facts_state_code"), "facts", ["state_code"])
    op.create_index(op.f("ix_facts_valid_from"), "facts", ["valid_from"])

    op.create_table(
        "feed_items",
        sa.Column("feed_url", sa.Text(), nullable=False),
        sa.Column("item_id", sa.Text(), nullable=False),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("seen_at", TS, nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], name=op.f("fk_feed_items_doc_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["feed_url"], ["feeds.url"], name=op.f("fk_feed_items_feed_url_feeds")
        ),
        sa.PrimaryKeyConstraint("feed_url", "item_id", name=op.f("pk_feed_items")),
    )
    op.create_index(op.f("ix_feed_items_doc_id"), "feed_items", ["doc_id"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("surface", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("attrs", JSON, nullable=True),
        sa.CheckConstraint('start <= "end"', name=op.f("ck_mentions_span")),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], name=op.f("fk_mentions_doc_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
    )
    op.create_index(op.f("ix_mentions_doc_id"), "mentions", ["doc_id"])
    op.create_index(op.f("ix_mentions_key"), "mentions", ["key"])
    op.create_index(op.f("ix_mentions_kind"), "mentions", ["kind"])

    op.create_table(
        "sentences",
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint('start <= "end"', name=op.f("ck_sentences_span")),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], name=op.f("fk_sentences_doc_id_documents")
        ),
        sa.PrimaryKeyConstraint("doc_id", "idx", name=op.f("pk_sentences")),
    )
    op.create_table(
        "incident_facts",
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.Column("fact_id", sa.String(length=64), nullable=False),
        sa.Column("merge_reason", JSON, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("undone_at", TS, nullable=True),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["facts.id"], name=op.f("fk_incident_facts_fact_id_facts")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_facts_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("incident_id", "fact_id", name=op.f("pk_incident_facts")),
    )
    op.create_index(op.f("ix_incident_facts_fact_id"), "incident_facts", ["fact_id"])


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)

"""The evidence store: documents, sentences, mentions and facts with their evidence.

One ``Store`` interface over SQLAlchemy 2, SQLite by default and PostgreSQL through the
same code; the schema is migrated with Alembic (configured from Python). Facts are
append-only with record time and valid time, so the store can be read as of any moment.
"""

from cartel_atlas.store.engine import create_engine_for, default_url, ensure_database, safe_url
from cartel_atlas.store.load_vocab import load_reference
from cartel_atlas.store.records import IngestRun, QuarantineRecord, StoredFact, fact_id
from cartel_atlas.store.store import Store

__all__ = [
    "IngestRun",
    "QuarantineRecord",
    "Store",
    "StoredFact",
    "create_engine_for",
    "default_url",
    "ensure_database",
    "fact_id",
    "load_reference",
    "safe_url",
]

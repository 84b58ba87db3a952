"""One typed settings object; every setting has a default and help text.

Values come from the environment with the ``CARTEL_ATLAS_`` prefix, e.g.
``CARTEL_ATLAS_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/atlas``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """The user's data directory (XDG), where the default SQLite file lives."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "cartel-atlas"


class Settings(BaseSettings):
    """All configuration of cartel-atlas, read once from the environment."""

    model_config = SettingsConfigDict(env_prefix="CARTEL_ATLAS_", extra="ignore")

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Directory for the default SQLite database and other local state.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the evidence store; default: SQLite file in data_dir.",
    )
    vocab_dir: Path | None = Field(
        default=None,
        description="Directory of vocabulary data files; default: the bundled files.",
    )
    max_document_bytes: int = Field(
        default=20_000_000,
        description="Inputs larger than this are quarantined instead of ingested.",
    )
    http_timeout: float = Field(default=20.0, description="Seconds before an HTTP fetch gives up.")
    http_max_redirects: int = Field(default=5, description="Redirects followed per fetch.")
    risk_config: Path | None = Field(
        default=None,
        description="YAML file of risk weights and thresholds; default: the bundled one.",
    )

    def resolved_database_url(self) -> str:
        """The database URL to use, creating the data directory for the SQLite default."""
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.data_dir / 'atlas.sqlite'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached; tests build their own ``Settings``)."""
    return Settings()

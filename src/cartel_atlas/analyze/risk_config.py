"""The risk configuration: categories, components, weights and score thresholds.

Read from ``risk_config.yaml`` next to this module, or from the file the ``risk_config``
setting (``CARTEL_ATLAS_RISK_CONFIG``) names; validated so a typo stops with the file and
the field instead of a silently different rating. See ``docs/risk.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cartel_atlas.errors import ConfigError
from cartel_atlas.settings import get_settings

DEFAULT_CONFIG = Path(__file__).with_name("risk_config.yaml")
PER = 100_000
ComponentName = Literal[
    "incidents_per_100k",
    "killed_per_100k",
    "official_per_100k",
    "groups_present",
    "groups_contested",
]
LABELS = {
    "incidents_per_100k": "coded incidents per 100k",
    "killed_per_100k": "coded deaths per 100k",
    "official_per_100k": "official rate per 100k a year (SESNSP)",
    "groups_present": "groups present or contesting",
    "groups_contested": "groups contested",
}


# ------------------------------------------------------------------------------ config


class ComponentConfig(BaseModel):
    """A component's weight within its category and its four score thresholds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weight: float = Field(ge=0)
    thresholds: tuple[float, float, float, float]

    @field_validator("thresholds")
    @classmethod
    def _ascending(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if list(value) != sorted(value):
            raise ValueError(f"thresholds must not decrease, got {list(value)}")
        return value


class CategoryConfig(BaseModel):
    """A risk category: weight, the event types it counts, and its components."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=1)
    weight: float = Field(ge=0)
    event_types: tuple[str, ...] = ()
    official_event_type: str | None = None
    components: dict[ComponentName, ComponentConfig] = Field(min_length=1)


class RiskConfig(BaseModel):
    """Everything that turns evidence into ratings; loaded from YAML."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    window_months: int = Field(default=12, ge=1)
    official_max_age_months: int = Field(default=24, ge=1)
    rating_cuts: tuple[float, float, float, float] = (1.5, 2.5, 3.5, 4.5)
    categories: dict[str, CategoryConfig] = Field(min_length=1)
    source: str = ""
    """The file it was read from (set by the loader)."""


def load_risk_config(path: Path | None = None) -> RiskConfig:
    """The risk configuration from ``path``, else the ``risk_config`` setting, else the
    bundled file; a malformed file raises ``ConfigError`` naming file and field."""
    path = Path(path or get_settings().risk_config or DEFAULT_CONFIG)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: risk configuration file not found", code="C010") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}", code="C011") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level", code="C011")
    try:
        return RiskConfig.model_validate({**data, "source": str(path)})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"{path}: field '{where}': {err['msg']}", code="C012") from exc


def score_value(value: float, thresholds: tuple[float, ...]) -> int:
    """1 below the first threshold, +1 for each threshold reached (max 5)."""
    return 1 + sum(value >= t for t in thresholds)


def rating_of(score: float, cuts: tuple[float, ...]) -> int:
    """A 1-5 rating from a score at the configured cuts."""
    return 1 + sum(score >= c for c in cuts)

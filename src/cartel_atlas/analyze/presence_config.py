"""The one configuration of the presence model: weights, half-life, lapse and threshold.

Every number that turns claims into a presence confidence lives here, with its default
and why; ``docs/presence.md`` explains the model. Pass a ``PresenceConfig`` to any
presence or expansion function to try other weights.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cartel_atlas.errors import AnalyzeError

RELIABILITY_WEIGHTS = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.5}
"""Admiralty source grade -> weight of a claim; F (cannot be judged) sits mid-scale."""

CONTESTED_CUES = (
    "contested",
    "turf war",
    "fight for control",
    "fighting for control",
    "dispute",
    "disputa",
    "disputan",
    "pugna",
    "guerra entre",
    "enfrentamientos entre",
)
"""Folded phrases that make a supporting claim describe contested presence."""


@dataclass(frozen=True)
class PresenceConfig:
    """Every weight and threshold of the presence model, in one place (see docs/presence.md).

    A claim's weight is ``reliability x polarity x kind x fact confidence x decay``; claims
    from the same independent document count once (the strongest), independent documents
    combine as a noisy-OR, and negations count against presence the same way.
    """

    half_life_days: float = 730.0
    """A claim loses half its weight every this many days after the date it speaks about."""
    lapse_months: int = 36
    """Evidence older than this no longer counts: presence lapses to 'no information'."""
    present_threshold: float = 0.2
    """Net confidence at or above which a group is shown as present."""
    reliability: dict[str, float] = field(default_factory=lambda: dict(RELIABILITY_WEIGHTS))
    asserted: float = 1.0
    hedged: float = 0.5
    """Hedged claims ("reportedly", "presuntos integrantes") count half."""
    negated: float = 1.0
    """Weight of a negation (it counts against presence)."""
    event_factor: float = 0.6
    """An attack or clash attributed to a group is weaker evidence than a presence claim."""
    use_fact_confidence: bool = True
    """Multiply by the extractor's confidence in the fact (baseline claims carry 1.0)."""
    contested_cues: tuple[str, ...] = CONTESTED_CUES

    def __post_init__(self) -> None:
        if self.half_life_days <= 0:
            raise AnalyzeError(f"half_life_days must be positive, got {self.half_life_days}")
        if self.lapse_months < 1:
            raise AnalyzeError(f"lapse_months must be at least 1, got {self.lapse_months}")
        if not 0 < self.present_threshold <= 1:
            raise AnalyzeError(f"present_threshold must be in (0, 1], got {self.present_threshold}")

    def decay(self, age_days: int) -> float:
        """Weight left after ``age_days`` (1.0 for a claim about today)."""
        return float(0.5 ** (max(age_days, 0) / self.half_life_days))

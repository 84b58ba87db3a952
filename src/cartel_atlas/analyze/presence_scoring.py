"""The presence score of one group in one place on one date: decay, independence,
noisy-OR, negation, Admiralty grade, and the cell record that carries the evidence.

Kept apart from ``presence`` (maps, series, counts) so that expansion detection can
evaluate thousands of group-place-month cells without building whole maps.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from cartel_atlas.analyze.grading import grade_incident
from cartel_atlas.analyze.presence_claims import (
    PresenceEvidence,
    strongest_per_document,
)
from cartel_atlas.analyze.presence_config import PresenceConfig
from cartel_atlas.errors import AnalyzeError
from cartel_atlas.vocab import Vocabulary
from cartel_atlas.vocab.groups import partial_date_bounds

PRESENT = "present"
CONTESTED = "contested"
NO_INFORMATION = "no information"
STATUSES = (PRESENT, CONTESTED, NO_INFORMATION)
Level = Literal["state", "municipality"]


@dataclass(frozen=True, slots=True)
class PresenceCell:
    """One group in one place on one date, with everything that decided its status."""

    group_id: str
    level: str
    place_code: str
    place_label: str
    state_code: str
    as_of: date
    status: str
    confidence: float
    """support x (1 - against): how sure we are the group is there."""
    support: float
    against: float
    reliability: str
    """Best Admiralty source grade among the supporting claims (F without support)."""
    credibility: int
    """Admiralty information credibility 1-6 (``analyze.grading``)."""
    grade: str
    """The Admiralty code, e.g. 'B2'."""
    grade_reasons: tuple[str, ...]
    independent_sources: int
    """Independent documents supporting (near-duplicates count once)."""
    supporting: tuple[PresenceEvidence, ...]
    contradicting: tuple[PresenceEvidence, ...]
    contested_by: tuple[str, ...] = ()
    contested_reasons: tuple[str, ...] = ()
    last_evidence: date | None = None

    @property
    def disputed(self) -> bool:
        """Sources disagree: evidence both for and against."""
        return bool(self.supporting) and bool(self.contradicting)

    def to_dict(self, evidence: int | None = None) -> dict[str, Any]:
        """JSON-ready view; ``evidence`` limits each evidence list (None: all)."""
        return {
            "group": self.group_id,
            "level": self.level,
            "place_code": self.place_code,
            "place": self.place_label,
            "state_code": self.state_code,
            "as_of": self.as_of.isoformat(),
            "status": self.status,
            "confidence": round(self.confidence, 4),
            "support": round(self.support, 4),
            "against": round(self.against, 4),
            "grade": self.grade,
            "grade_reasons": list(self.grade_reasons),
            "independent_sources": self.independent_sources,
            "contested_by": list(self.contested_by),
            "contested_reasons": list(self.contested_reasons),
            "last_evidence": self.last_evidence.isoformat() if self.last_evidence else None,
            "supporting": [e.to_dict() for e in self.supporting[:evidence]],
            "contradicting": [e.to_dict() for e in self.contradicting[:evidence]],
        }


def place_key(e: PresenceEvidence, level: str) -> str | None:
    """The place code evidence counts for at ``level`` (state claims say nothing about a
    municipality)."""
    return e.state_code if level == "state" else e.municipality_code


def _months_before(day: date, months: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    return date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def evaluate(
    items: Iterable[PresenceEvidence], on: date, cfg: PresenceConfig
) -> tuple[float, float, list[PresenceEvidence], list[PresenceEvidence]]:
    """(support, against, supporting, contradicting) of one group in one place on ``on``.

    Claims about dates after ``on`` or older than the lapse window are left out; the rest
    decay with age; each independent document counts once; documents combine as noisy-OR.
    """
    horizon = _months_before(on, cfg.lapse_months)
    live: list[PresenceEvidence] = []
    for e in items:
        if e.date_from > on or e.as_of(on) < horizon:
            continue
        live.append(replace(e, weight=e.base_weight * cfg.decay((on - e.as_of(on)).days)))
    sup = [e for e in live if e.stance == "support"]
    con = [e for e in live if e.stance == "against"]

    def noisy_or(es: list[PresenceEvidence]) -> float:
        rest = 1.0
        for e in strongest_per_document(es):
            rest *= 1.0 - min(e.weight, 1.0)
        return 1.0 - rest

    def order(es: list[PresenceEvidence]) -> list[PresenceEvidence]:
        return sorted(es, key=lambda e: (-e.weight, e.fact_id))

    return noisy_or(sup), noisy_or(con), order(sup), order(con)


def make_cell(
    group_id: str,
    level: str,
    code: str,
    items: list[PresenceEvidence],
    on: date,
    cfg: PresenceConfig,
    label_of: dict[str, tuple[str, str]],
) -> PresenceCell:
    """The cell of one group in one place on ``on`` (never contested: see ``presence``)."""
    support, against, sup, con = evaluate(items, on, cfg)
    confidence = support * (1.0 - against)
    present = confidence >= cfg.present_threshold
    label, state_code = label_of[code]
    grade = grade_incident(strongest_per_document(sup), strongest_per_document(con))
    dates = [e.as_of(on) for e in (*sup, *con)]
    return PresenceCell(
        group_id=group_id,
        level=level,
        place_code=code,
        place_label=label,
        state_code=state_code,
        as_of=on,
        status=PRESENT if present else NO_INFORMATION,
        confidence=confidence,
        support=support,
        against=against,
        reliability=grade.reliability,
        credibility=grade.credibility,
        grade=grade.code,
        grade_reasons=tuple(grade.reasons),
        independent_sources=len({e.independent_of for e in sup}),
        supporting=tuple(sup),
        contradicting=tuple(con),
        last_evidence=max(dates) if dates else None,
    )


def place_labels(vocab: Vocabulary, level: str) -> dict[str, tuple[str, str]]:
    """code -> (exchange label, state code) of every place at ``level``."""
    places = vocab.places
    if level == "state":
        return {c: (s.label, c) for c, s in places.states.items()}
    return {c: (places.label(c), m.state_code) for c, m in places.municipalities.items()}


def check_level(level: str) -> None:
    """Refuse a level other than 'state' or 'municipality' with a clear message."""
    if level not in ("state", "municipality"):
        raise AnalyzeError(f"unknown level '{level}' (use 'state' or 'municipality')")


def rivals_on(vocab: Vocabulary, group_id: str, on: date) -> set[str]:
    """Groups in a rivalry with ``group_id`` that holds on ``on`` (relations.yaml)."""
    out: set[str] = set()
    for rel in vocab.groups.relations_of(group_id):
        if rel.type != "rivalry":
            continue
        start = partial_date_bounds(rel.start)[0]
        end = partial_date_bounds(rel.end)[1] if rel.end else None
        if start <= on and (end is None or on <= end):
            out.add(rel.b if rel.a == group_id else rel.a)
    return out


def month_ends(start: date, end: date) -> list[date]:
    """The last day of every month from ``start``'s month to ``end``'s month."""
    out = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(date(y, m, calendar.monthrange(y, m)[1]))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out

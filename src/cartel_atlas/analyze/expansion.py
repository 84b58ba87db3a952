"""Expansion and retreat: month-to-month changes in where a group is present.

A group *expands* into a place in the first month its status there turns present after
'no information' (not in the first month of its record, which is only where our knowledge
starts). It *retreats* when the status falls back: because a source says it is gone
(negated claim) or because no evidence has arrived for ``lapse_months``. Each change
carries its evidence and becomes an alert in the ``alerts`` table, at most once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from cartel_atlas.analyze.presence_claims import (
    ClaimSet,
    PresenceEvidence,
    load_claims,
)
from cartel_atlas.analyze.presence_config import PresenceConfig
from cartel_atlas.analyze.presence_scoring import Level, evaluate, month_ends, place_key
from cartel_atlas.errors import AnalyzeError
from cartel_atlas.store import Store
from cartel_atlas.store.alerts_repo import NewAlert, add_alerts
from cartel_atlas.vocab import Vocabulary

EXPANSION = "presence_expansion"
RETREAT = "presence_retreat"
ALERT_KINDS = (EXPANSION, RETREAT)


@dataclass(frozen=True, slots=True)
class PresenceChange:
    """A group newly reported in, or no longer reported in, a place in a month."""

    kind: str
    """EXPANSION or RETREAT."""
    group_id: str
    group_name: str
    level: str
    place_code: str
    place_label: str
    month: str
    """'YYYY-MM' of the month whose end first shows the new status."""
    reason: str
    """expansion: 'first_reported' | 'reappeared'; retreat: 'negated' | 'lapsed'."""
    confidence: float
    """Net confidence at the end of the month (after the change)."""
    evidence: tuple[PresenceEvidence, ...]
    """For expansions the supporting claims; for retreats the negations, if any, else the
    last supporting claims before the lapse."""

    @property
    def subject(self) -> str:
        """Stable key of the change: group, level, place and month."""
        return f"{self.group_id}|{self.level}:{self.place_code}|{self.month}"

    def payload(self) -> dict[str, Any]:
        """The alert payload: everything needed to show and trace the change."""
        return {
            "group": self.group_id,
            "group_name": self.group_name,
            "level": self.level,
            "place_code": self.place_code,
            "place": self.place_label,
            "month": self.month,
            "change": "expansion" if self.kind == EXPANSION else "retreat",
            "reason": self.reason,
            "confidence": round(self.confidence, 4),
            "evidence": [e.to_dict() for e in self.evidence[:5]],
        }


def _labels(vocab: Vocabulary, level: str) -> dict[str, str]:
    if level == "state":
        return {c: s.label for c, s in vocab.places.states.items()}
    return {c: vocab.places.label(c) for c in vocab.places.municipalities}


def detect_changes(
    store: Store,
    vocab: Vocabulary,
    *,
    group: str | None = None,
    since: date | None = None,
    until: date | None = None,
    level: Level = "state",
    known_on: date | None = None,
    config: PresenceConfig | None = None,
    claims: ClaimSet | None = None,
) -> list[PresenceChange]:
    """Expansions and retreats of ``group`` (default: every group) in months from ``since``
    to ``until`` (default today), ordered by month, group and place."""
    if level not in ("state", "municipality"):
        raise AnalyzeError(f"unknown level '{level}' (use 'state' or 'municipality')")
    cfg = config or PresenceConfig()
    only = vocab.groups.get(group).id if group else None
    claims = claims or load_claims(store, vocab, known_on=known_on, config=cfg)
    labels = _labels(vocab, level)
    by_cell: dict[tuple[str, str], list[PresenceEvidence]] = defaultdict(list)
    first_seen: dict[str, date] = {}
    for e in claims.evidence:
        if only not in (None, e.group_id):
            continue
        first_seen[e.group_id] = min(first_seen.get(e.group_id, e.date_from), e.date_from)
        code = place_key(e, level)
        if code in labels:
            by_cell[(e.group_id, code)].append(e)
    end = until or date.today()
    changes: list[PresenceChange] = []
    for (gid, code), items in sorted(by_cell.items()):
        months = month_ends(first_seen[gid], end)
        changes.extend(_cell_changes(vocab, gid, level, code, labels[code], items, months, cfg))
    if since is not None:
        changes = [c for c in changes if c.month >= since.strftime("%Y-%m")]
    return sorted(changes, key=lambda c: (c.month, c.group_id, c.place_code, c.kind))


def _cell_changes(
    vocab: Vocabulary,
    gid: str,
    level: str,
    code: str,
    label: str,
    items: list[PresenceEvidence],
    months: list[date],
    cfg: PresenceConfig,
) -> list[PresenceChange]:
    out: list[PresenceChange] = []
    was_present = False
    ever_supported = False
    previous: date | None = None
    for i, day in enumerate(months):
        support, against, sup, con = evaluate(items, day, cfg)
        confidence = support * (1.0 - against)
        present = confidence >= cfg.present_threshold
        if present != was_present and i > 0:
            if present:
                kind, reason, shown = EXPANSION, "reappeared" if ever_supported else "", sup
                reason = reason or "first_reported"
            else:
                fresh = [e for e in con if previous is None or e.as_of(day) > previous]
                kind, reason = RETREAT, "negated" if fresh or con else "lapsed"
                shown = fresh or con or _last_support(items, day)
            out.append(
                PresenceChange(
                    kind=kind,
                    group_id=gid,
                    group_name=vocab.groups.by_id[gid].name,
                    level=level,
                    place_code=code,
                    place_label=label,
                    month=day.strftime("%Y-%m"),
                    reason=reason,
                    confidence=confidence,
                    evidence=tuple(shown),
                )
            )
        ever_supported = ever_supported or bool(sup)
        was_present, previous = present, day
    return out


def _last_support(items: list[PresenceEvidence], day: date) -> list[PresenceEvidence]:
    """The most recent supporting claims before ``day`` (what a lapse lapsed from)."""
    sup = [e for e in items if e.stance == "support" and e.date_from <= day]
    if not sup:
        return []
    last = max(e.as_of(day) for e in sup)
    return [e for e in sup if e.as_of(day) == last]


def record_changes(store: Store, changes: list[PresenceChange]) -> int:
    """Store changes as alerts (kind, subject unique); returns how many were new."""
    return add_alerts(store, (NewAlert(c.kind, c.subject, c.payload()) for c in changes))


def refresh_alerts(
    store: Store,
    vocab: Vocabulary,
    *,
    group: str | None = None,
    levels: tuple[Level, ...] = ("state", "municipality"),
    until: date | None = None,
    config: PresenceConfig | None = None,
) -> tuple[list[PresenceChange], int]:
    """Detect every change on the store as it is now and record the new ones as alerts."""
    cfg = config or PresenceConfig()
    claims = load_claims(store, vocab, config=cfg)
    changes = [
        c
        for level in levels
        for c in detect_changes(
            store, vocab, group=group, until=until, level=level, config=cfg, claims=claims
        )
    ]
    return changes, record_changes(store, changes)

"""Presence of a group in each state or municipality, on any date, as known on any date.

Two clocks (see docs/presence.md): ``as_of`` is the valid time asked about (claims about
later dates are ignored, older ones decay with a half-life and lapse after
``lapse_months``); ``known_on`` is the record time (only facts recorded by then and not
yet retracted count), so a briefing given last March can be reproduced exactly.

Each cell is 'present', 'contested' or 'no information', with a confidence and both lists
of evidence, supporting and contradicting, so disagreeing sources are always shown side
by side and never silently averaged.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from cartel_atlas.analyze.presence_claims import (
    ClaimedCount,
    ClaimSet,
    PresenceEvidence,
    load_claims,
)
from cartel_atlas.analyze.presence_config import PresenceConfig
from cartel_atlas.analyze.presence_scoring import (
    CONTESTED,
    NO_INFORMATION,
    PRESENT,
    STATUSES,
    Level,
    PresenceCell,
    check_level,
    evaluate,
    make_cell,
    month_ends,
    place_key,
    place_labels,
    rivals_on,
)
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary

__all__ = [
    "CONTESTED",
    "NO_INFORMATION",
    "PRESENT",
    "STATUSES",
    "ClaimSet",
    "ClaimedCount",
    "CountReport",
    "Level",
    "PresenceCell",
    "PresenceConfig",
    "PresenceEvidence",
    "PresenceMap",
    "StateCount",
    "evaluate",
    "load_claims",
    "month_ends",
    "most_widespread_group",
    "place_key",
    "presence_counts",
    "presence_map",
    "presence_series",
    "state_counts",
]


@dataclass(frozen=True, slots=True)
class PresenceMap:
    """A group's presence on one date at one level: one cell per place with evidence."""

    group_id: str
    group_name: str
    level: str
    as_of: date
    known_on: date | None
    cells: tuple[PresenceCell, ...]
    config: PresenceConfig

    def by_code(self) -> dict[str, PresenceCell]:
        """Cells by place code."""
        return {c.place_code: c for c in self.cells}

    def present(self) -> list[PresenceCell]:
        """Cells where the group is present or contested."""
        return [c for c in self.cells if c.status != NO_INFORMATION]

    def count(self) -> int:
        """How many places the group is present in (contested included)."""
        return len(self.present())


@dataclass(frozen=True, slots=True)
class StateCount:
    """How many of the 32 states a group was present in at the end of a month."""

    month: str
    present: int
    contested: int
    total: int

    @property
    def label(self) -> str:
        """'27 of 32'."""
        return f"{self.present} of {self.total}"


@dataclass(frozen=True, slots=True)
class CountReport:
    """Every count of states a source claimed, next to ours, never averaged."""

    group_id: str
    claimed: tuple[ClaimedCount, ...]
    computed: int
    computed_as_of: date
    total: int
    computed_at_claims: tuple[tuple[str, int], ...]
    """(fact id, our count on that claim's date) for each claimed count."""


def presence_map(
    store: Store,
    vocab: Vocabulary,
    group: str,
    *,
    as_of: date | None = None,
    known_on: date | None = None,
    level: Level = "state",
    config: PresenceConfig | None = None,
    claims: ClaimSet | None = None,
) -> PresenceMap:
    """Where ``group`` is present on ``as_of``, as known on ``known_on`` (default: as of
    ``known_on`` if given, else today; known on: everything recorded).

    Contested: present while a rival (a rivalry in the vocabulary, or a group it clashed
    with there) is present too, or while a claim itself says the place is contested.
    """
    check_level(level)
    cfg = config or PresenceConfig()
    gid = vocab.groups.get(group).id
    on = as_of or known_on or date.today()
    claims = claims or load_claims(store, vocab, known_on=known_on, config=cfg)
    labels = place_labels(vocab, level)
    by_place: dict[tuple[str, str], list[PresenceEvidence]] = defaultdict(list)
    for e in claims.evidence:
        code = place_key(e, level)
        if code is not None and code in labels:
            by_place[(e.group_id, code)].append(e)
    rivals = rivals_on(vocab, gid, on)
    cells = []
    for (g, code), items in sorted(by_place.items()):
        if g != gid:
            continue
        cell = make_cell(gid, level, code, items, on, cfg, labels)
        if not cell.supporting and not cell.contradicting:
            continue
        if cell.status == PRESENT:
            cell = _contest(cell, rivals, by_place, on, cfg, labels)
        cells.append(cell)
    return PresenceMap(
        group_id=gid,
        group_name=vocab.groups.by_id[gid].name,
        level=level,
        as_of=on,
        known_on=claims.known_on,
        cells=tuple(cells),
        config=cfg,
    )


def _contest(
    cell: PresenceCell,
    rivals: set[str],
    by_place: dict[tuple[str, str], list[PresenceEvidence]],
    on: date,
    cfg: PresenceConfig,
    labels: dict[str, tuple[str, str]],
) -> PresenceCell:
    reasons: list[str] = []
    against: set[str] = set()
    for e in cell.supporting:
        if e.contested:
            reasons.append(f"claim {e.fact_id} ({e.source or 'unattributed'}) says contested")
            against.update(e.other_groups)
    for other in sorted(rivals | against):
        items = by_place.get((other, cell.place_code))
        if not items:
            continue
        rival = make_cell(other, cell.level, cell.place_code, items, on, cfg, labels)
        if rival.status == PRESENT:
            against.add(other)
            why = "rivalry" if other in rivals else "clash"
            reasons.append(f"{other} present too ({why}, confidence {rival.confidence:.2f})")
    if not reasons:
        return cell
    return replace(
        cell,
        status=CONTESTED,
        contested_by=tuple(sorted(against)),
        contested_reasons=tuple(dict.fromkeys(reasons)),
    )


def _first_month(claims: ClaimSet, group_id: str | None = None) -> date | None:
    days = [e.date_from for e in claims.evidence if group_id in (None, e.group_id)]
    return min(days) if days else None


def presence_series(
    store: Store,
    vocab: Vocabulary,
    group: str,
    *,
    start: date | None = None,
    end: date | None = None,
    known_on: date | None = None,
    level: Level = "state",
    config: PresenceConfig | None = None,
) -> list[PresenceMap]:
    """Month-end presence maps from ``start`` (default: the group's first evidence) to
    ``end`` (default today)."""
    cfg = config or PresenceConfig()
    gid = vocab.groups.get(group).id
    claims = load_claims(store, vocab, known_on=known_on, config=cfg)
    first = start or _first_month(claims, gid)
    if first is None:
        return []
    return [
        presence_map(store, vocab, gid, as_of=day, level=level, config=cfg, claims=claims)
        for day in month_ends(first, end or date.today())
    ]


def state_counts(
    store: Store,
    vocab: Vocabulary,
    group: str,
    *,
    start: date | None = None,
    end: date | None = None,
    known_on: date | None = None,
    config: PresenceConfig | None = None,
) -> list[StateCount]:
    """Number of states the group is present in, month by month ('27 of 32')."""
    total = len(vocab.places.states)
    return [
        StateCount(
            month=m.as_of.strftime("%Y-%m"),
            present=m.count(),
            contested=sum(c.status == CONTESTED for c in m.cells),
            total=total,
        )
        for m in presence_series(
            store, vocab, group, start=start, end=end, known_on=known_on, config=config
        )
    ]


def presence_counts(
    store: Store,
    vocab: Vocabulary,
    group: str,
    *,
    as_of: date | None = None,
    known_on: date | None = None,
    config: PresenceConfig | None = None,
) -> CountReport:
    """Every claimed count of states for ``group`` with its source and date, next to our
    own count on ``as_of`` and on each claim's date."""
    cfg = config or PresenceConfig()
    gid = vocab.groups.get(group).id
    claims = load_claims(store, vocab, known_on=known_on, config=cfg)
    on = as_of or known_on or date.today()
    claimed = sorted(
        (c for c in claims.counts if c.group_id == gid),
        key=lambda c: (c.as_of or date.min, c.fact_id),
    )

    def ours(day: date) -> int:
        return presence_map(store, vocab, gid, as_of=day, config=cfg, claims=claims).count()

    return CountReport(
        group_id=gid,
        claimed=tuple(claimed),
        computed=ours(on),
        computed_as_of=on,
        total=len(vocab.places.states),
        computed_at_claims=tuple((c.fact_id, ours(c.as_of or on)) for c in claimed),
    )


def most_widespread_group(
    store: Store,
    vocab: Vocabulary,
    *,
    as_of: date | None = None,
    known_on: date | None = None,
    config: PresenceConfig | None = None,
) -> str | None:
    """Id of the group present in the most states on ``as_of`` (ties: by id); None if the
    store holds no presence evidence."""
    cfg = config or PresenceConfig()
    claims = load_claims(store, vocab, known_on=known_on, config=cfg)
    best: tuple[int, str] | None = None
    for gid in sorted(claims.groups()):
        n = presence_map(
            store, vocab, gid, as_of=as_of or known_on, config=cfg, claims=claims
        ).count()
        if n and (best is None or n > best[0]):
            best = (n, gid)
    return best[1] if best else None

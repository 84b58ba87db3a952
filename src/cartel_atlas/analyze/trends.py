"""Incidents and fatalities over time, with change detection.

Incidents are counted once each (``analyze.counting``). Change detection follows the
early-warning rule of conflict monitors such as ACLED's (a sustained rise above the
recent baseline): a period is flagged when it is at least 25 % above the previous
period, and separately when it is 25 % above the same period a year earlier, but only
when the current count reaches a minimum (5 incidents, 10 deaths), so that 1 -> 2
(+100 %) is not an alert. See ``docs/trends.md``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from cartel_atlas.analyze.counting import CountedEvent, counted_events, group_family
from cartel_atlas.errors import AnalyzeError, NotFoundError
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary

TrendBy = Literal["place", "group", "type", "all"]


# ---------------------------------------------------------------------------- trends


@dataclass(frozen=True, slots=True)
class ChangeRule:
    """When a rise is worth an alert: +``threshold`` and at least the minimum count."""

    threshold: float = 0.25
    min_incidents: int = 5
    min_killed: int = 10


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One period of one series, compared with the previous period and a year before."""

    period: str
    incidents: int
    killed: int
    previous_incidents: int
    previous_killed: int
    year_ago_incidents: int
    year_ago_killed: int
    change_vs_previous: float | None
    change_vs_year_ago: float | None
    killed_change_vs_previous: float | None
    killed_change_vs_year_ago: float | None
    flags: tuple[str, ...] = ()
    event_keys: tuple[str, ...] = ()
    fact_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TrendSeries:
    """A place, group or event type over the window."""

    key: str
    label: str
    points: tuple[TrendPoint, ...]
    total_incidents: int
    total_killed: int


@dataclass(frozen=True, slots=True)
class TrendReport:
    """Series over ``periods`` with the change rule that flagged them."""

    by: str
    periods: tuple[str, ...]
    series: tuple[TrendSeries, ...]
    rule: ChangeRule
    undated: int = 0
    filters: dict[str, str] = field(default_factory=dict)


def month_add(period: str, n: int) -> str:
    """'2024-01' + -1 -> '2023-12'."""
    y, m = (int(x) for x in period.split("-"))
    k = y * 12 + (m - 1) + n
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


def change(current: int, base: int) -> float | None:
    """Relative change; None when the base is zero (undefined)."""
    return None if base == 0 else (current - base) / base


def _rises(current: int, base: int, minimum: int, threshold: float) -> bool:
    if current < minimum:
        return False
    return base == 0 or (current - base) / base >= threshold


def _keys(ev: CountedEvent, by: str, vocab: Vocabulary, state: str | None) -> list[tuple[str, str]]:
    if by == "type":
        return [(ev.event_type, ev.event_type)]
    if by == "group":
        if not ev.groups:
            return [("unattributed", "unattributed")]
        return [
            (g, vocab.groups.by_id[g].name if g in vocab.groups.by_id else g) for g in ev.groups
        ]
    if by == "place":
        if state is not None:  # inside one state: by municipality
            if ev.municipality_code:
                return [(ev.municipality_code, vocab.places.label(ev.municipality_code))]
            return [(ev.state_code or "?", f"{ev.place or '?'} (state level)")]
        if ev.state_code and ev.state_code in vocab.places.states:
            return [(ev.state_code, vocab.places.states[ev.state_code].label)]
        return [("unplaced", "unplaced")]
    return [("all", "all incidents")]


def filter_events(
    events: Iterable[CountedEvent],
    vocab: Vocabulary,
    *,
    state: str | None = None,
    group: str | None = None,
    event_types: Iterable[str] | None = None,
) -> list[CountedEvent]:
    """Events in a state (any form ``find_state`` knows), by a group (or its factions),
    of some types; raises ``NotFoundError`` for an unknown state, group or type."""
    out = list(events)
    if state is not None:
        st = vocab.places.find_state(state)
        if st is None:
            raise NotFoundError(f"unknown state '{state}'")
        out = [e for e in out if e.state_code == st.code]
    if group is not None:
        family = group_family(vocab, group)
        out = [e for e in out if family & set(e.groups)]
    if event_types is not None:
        wanted = set(event_types)
        unknown = sorted(wanted - set(vocab.events.types))
        if unknown:
            raise NotFoundError(f"unknown event type(s) {', '.join(unknown)}")
        out = [e for e in out if e.event_type in wanted]
    return out


def trends(
    store: Store,
    vocab: Vocabulary,
    *,
    by: TrendBy = "all",
    state: str | None = None,
    group: str | None = None,
    event_types: Iterable[str] | None = None,
    months: int = 12,
    end: str | None = None,
    known_on: datetime | None = None,
    rule: ChangeRule | None = None,
) -> TrendReport:
    """Monthly incidents and deaths per place, group or type over the last ``months``
    months ending at ``end`` ('YYYY-MM'; default: the newest month with an event)."""
    if by not in ("place", "group", "type", "all"):
        raise AnalyzeError(f"cannot break trends down by '{by}' (use place, group or type)")
    if months < 1:
        raise AnalyzeError(f"--months must be at least 1, got {months}")
    rule = rule or ChangeRule()
    events = filter_events(
        counted_events(store, vocab, known_on=known_on),
        vocab,
        state=state,
        group=group,
        event_types=event_types,
    )
    dated = [e for e in events if e.period is not None]
    if end is None:
        end = max((e.period for e in dated if e.period), default=None) or (
            f"{date.today().year:04d}-{date.today().month:02d}"
        )
    periods = tuple(month_add(end, -i) for i in range(months - 1, -1, -1))
    cells: dict[tuple[str, str], list[CountedEvent]] = defaultdict(list)
    labels: dict[str, str] = {}
    for ev in dated:
        for key, label in _keys(ev, by, vocab, state):
            cells[(key, str(ev.period))].append(ev)
            labels[key] = label
    series = []
    for key, label in labels.items():
        points = tuple(_point(cells, key, p, rule) for p in periods)
        inc = sum(p.incidents for p in points)
        if inc == 0:
            continue
        series.append(TrendSeries(key, label, points, inc, sum(p.killed for p in points)))
    series.sort(key=lambda s: (-s.total_incidents, -s.total_killed, s.label))
    filters = {k: v for k, v in (("state", state), ("group", group)) if v}
    return TrendReport(by, periods, tuple(series), rule, len(events) - len(dated), filters)


def _point(
    cells: dict[tuple[str, str], list[CountedEvent]], key: str, period: str, rule: ChangeRule
) -> TrendPoint:
    def count(p: str) -> tuple[int, int]:
        evs = cells.get((key, p), [])
        return len(evs), sum(e.killed or 0 for e in evs)

    inc, killed = count(period)
    p_inc, p_killed = count(month_add(period, -1))
    y_inc, y_killed = count(month_add(period, -12))
    flags = []
    if _rises(inc, p_inc, rule.min_incidents, rule.threshold):
        flags.append("incidents_up_vs_previous")
    if _rises(inc, y_inc, rule.min_incidents, rule.threshold):
        flags.append("incidents_up_vs_year_ago")
    if _rises(killed, p_killed, rule.min_killed, rule.threshold):
        flags.append("killed_up_vs_previous")
    if _rises(killed, y_killed, rule.min_killed, rule.threshold):
        flags.append("killed_up_vs_year_ago")
    evs = cells.get((key, period), [])
    return TrendPoint(
        period=period,
        incidents=inc,
        killed=killed,
        previous_incidents=p_inc,
        previous_killed=p_killed,
        year_ago_incidents=y_inc,
        year_ago_killed=y_killed,
        change_vs_previous=change(inc, p_inc),
        change_vs_year_ago=change(inc, y_inc),
        killed_change_vs_previous=change(killed, p_killed),
        killed_change_vs_year_ago=change(killed, y_killed),
        flags=tuple(flags),
        event_keys=tuple(e.key for e in evs),
        fact_ids=tuple(fid for e in evs for fid in e.fact_ids),
    )

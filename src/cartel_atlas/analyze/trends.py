"""Incidents and fatalities over time, with change detection.

Every analysis that counts violence (trends, the SESNSP reconciliation, risk, site
alerts) counts *incidents*, not facts: the same ambush reported by five outlets is one
event. ``counted_events`` is that single counting rule. When the cross-source incident
builder (``analyze.incidents``) is present its incidents are used; otherwise each
document's event facts are grouped by (type, place, date) and documents linked as
near-duplicates (``documents.duplicate_of``) are skipped, so a syndicated copy never
doubles a count. Negated events ("authorities denied a clash") are never counted.

Change detection follows the early-warning rule of conflict monitors such as ACLED's
(a sustained rise above the recent baseline): a period is flagged when it is at least
25 % above the previous period, and separately when it is 25 % above the same period a
year earlier, but only when the current count reaches a minimum (5 incidents, 10
deaths), so that 1 -> 2 (+100 %) is not an alert. See ``docs/trends.md``.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

import sqlalchemy as sa

from cartel_atlas.errors import AnalyzeError, NotFoundError
from cartel_atlas.store import Store, StoredFact
from cartel_atlas.store import schema as t
from cartel_atlas.vocab import Vocabulary
from cartel_atlas.vocab.groups import partial_date_bounds

TrendBy = Literal["place", "group", "type", "all"]


# --------------------------------------------------------------------------- evidence


@dataclass(frozen=True, slots=True)
class EvidenceRef:
    """The trail behind a number: fact -> document -> sentence -> source and grade."""

    fact_id: str
    doc_id: str
    sentence: str
    source: str | None
    reliability: str
    confidence: float
    polarity: str
    doc_title: str | None = None
    doc_url: str | None = None
    doc_publisher: str | None = None
    doc_published: date | None = None


def evidence_ref(fact: StoredFact, vocab: Vocabulary) -> EvidenceRef:
    """Evidence of one stored fact; the publisher speaks when the fact names no source."""
    source = fact.source or fact.doc_publisher
    return EvidenceRef(
        fact_id=fact.id,
        doc_id=fact.doc_id,
        sentence=fact.evidence.sentence,
        source=source,
        reliability=vocab.sources.reliability(source),
        confidence=fact.confidence,
        polarity=str(fact.fields.get("polarity") or fact.polarity),
        doc_title=fact.doc_title,
        doc_url=fact.doc_url,
        doc_publisher=fact.doc_publisher,
        doc_published=fact.doc_published,
    )


# --------------------------------------------------------------------- field readers


def as_list(value: Any) -> list[Any]:
    """A fact field that may be one value, a list, or missing, as a list."""
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [v for v in value if v not in (None, "")]
    return [value]


def date_bounds(text: Any) -> tuple[date, date] | None:
    """First and last day of an exchange date: '2020', '2020-06', '2020-06-26' or 'A/B'."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        parts = [partial_date_bounds(p.strip()) for p in text.strip().split("/", 1)]
    except (ValueError, IndexError):
        return None
    return parts[0][0], parts[-1][1]


def group_ids(vocab: Vocabulary, value: Any) -> tuple[str, ...]:
    """Group ids for an actor/group field (names or ids); unknown names are kept as written."""
    out: list[str] = []
    for name in as_list(value):
        found = vocab.groups.find(str(name))
        gid = found.id if found else str(name)
        if gid not in out:
            out.append(gid)
    return tuple(out)


def group_family(vocab: Vocabulary, group: str) -> set[str]:
    """A group id with all its descendants (factions count towards their parent)."""
    root = vocab.groups.get(group).id
    family, todo = {root}, [root]
    while todo:
        for child in vocab.groups.children(todo.pop()):
            if child.id not in family:
                family.add(child.id)
                todo.append(child.id)
    return family


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    """Where a label points: its state and, if named, its municipality."""

    label: str
    state_code: str | None
    municipality_code: str | None


def place_info(vocab: Vocabulary, label: Any) -> PlaceInfo | None:
    """Resolve an exchange place label; countries and unknown labels give None."""
    if not isinstance(label, str) or not label.strip():
        return None
    try:
        ref = vocab.places.ref(label.strip())
    except NotFoundError:
        state = vocab.places.find_state(label.split("/", 1)[0])
        return PlaceInfo(label, state.code, None) if state else None
    if ref.state_code is None:
        return None
    muni = ref.code if ref.kind == "municipality" else None
    if ref.kind in ("port", "crossing"):
        muni = vocab.places.ref(ref.label).code
    return PlaceInfo(ref.label, ref.state_code, muni)


def duplicate_documents(store: Store) -> set[str]:
    """Ids of documents linked as near-duplicates of another (their facts are not counted)."""
    d = t.documents
    with store.session() as s:
        return {r[0] for r in s.execute(sa.select(d.c.id).where(d.c.duplicate_of.is_not(None)))}


# -------------------------------------------------------------------- counted events


@dataclass(frozen=True, slots=True)
class CountedEvent:
    """One real incident as counted by every analysis, with the facts behind it."""

    key: str
    event_type: str
    date_from: date | None
    date_to: date | None
    place: str | None
    state_code: str | None
    municipality_code: str | None
    groups: tuple[str, ...] = ()
    killed: int | None = None
    wounded: int | None = None
    fact_ids: tuple[str, ...] = ()
    evidence: tuple[EvidenceRef, ...] = ()
    places: tuple[str, ...] = ()

    @property
    def period(self) -> str | None:
        """'YYYY-MM' when the date is known to within about a month, else None."""
        if self.date_from is None or self.date_to is None:
            return None
        if (self.date_to - self.date_from).days > 31:
            return None
        return f"{self.date_from.year:04d}-{self.date_from.month:02d}"


def _is_negated(fact: StoredFact) -> bool:
    return fact.polarity == "negated" or fact.fields.get("polarity") == "negated"


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _event_from_facts(key: str, facts: Sequence[StoredFact], vocab: Vocabulary) -> CountedEvent:
    first = facts[0]
    f = first.fields
    bounds = date_bounds(f.get("date"))
    if bounds is None and first.valid_from is not None:
        bounds = (first.valid_from, first.valid_to or first.valid_from)
    if bounds is None and first.doc_published is not None:
        bounds = (first.doc_published, first.doc_published)
    labels = [str(p) for p in as_list(f.get("place"))]
    infos = [i for i in (place_info(vocab, p) for p in labels) if i is not None]
    main = infos[0] if infos else None
    state_code = main.state_code if main else _text(f.get("state_code"))
    groups: list[str] = []
    for fact in facts:
        for g in group_ids(vocab, fact.fields.get("actor") or fact.fields.get("group_id")):
            if g not in groups:
                groups.append(g)
    killed = [k for k in (_int(x.fields.get("killed")) for x in facts) if k is not None]
    wounded = [k for k in (_int(x.fields.get("wounded")) for x in facts) if k is not None]
    return CountedEvent(
        key=key,
        event_type=str(f.get("event_type") or "other"),
        date_from=bounds[0] if bounds else None,
        date_to=bounds[1] if bounds else None,
        place=main.label if main else (labels[0] if labels else None),
        state_code=state_code,
        municipality_code=main.municipality_code if main else None,
        groups=tuple(groups),
        killed=max(killed) if killed else None,
        wounded=max(wounded) if wounded else None,
        fact_ids=tuple(x.id for x in facts),
        evidence=tuple(evidence_ref(x, vocab) for x in facts),
        places=tuple(i.label for i in infos) or tuple(labels),
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _incident_builder() -> Any:
    """The cross-source incident builder, when that module offers one."""
    try:
        module = importlib.import_module("cartel_atlas.analyze.incidents")
    except ImportError:
        return None
    return getattr(module, "build_incidents", None)


def counted_events(
    store: Store,
    vocab: Vocabulary,
    *,
    known_on: datetime | None = None,
    use_incidents: bool = True,
) -> list[CountedEvent]:
    """Every real event once, oldest first (see the module docstring for the rule)."""
    facts = [f for f in store.facts(kind="event", recorded_before=known_on) if not _is_negated(f)]
    builder = _incident_builder() if use_incidents else None
    if builder is not None:
        return _from_incidents(builder(store, vocab, known_on=known_on), facts, vocab)
    skip = duplicate_documents(store)
    grouped: dict[tuple[str, ...], list[StoredFact]] = defaultdict(list)
    for fact in facts:
        if fact.doc_id in skip:
            continue
        f = fact.fields
        places = "|".join(str(p) for p in as_list(f.get("place")))
        grouped[(fact.doc_id, str(f.get("event_type")), places, str(f.get("date")))].append(fact)
    events = [_event_from_facts(members[0].id, members, vocab) for members in grouped.values()]
    return sorted(events, key=lambda e: (e.date_from or date.min, e.key))


def _from_incidents(
    incidents: Iterable[Any], facts: Sequence[StoredFact], vocab: Vocabulary
) -> list[CountedEvent]:
    """Adapt incident records (``model.Incident`` shape) to counted events."""
    by_id = {f.id: f for f in facts}
    events = []
    for inc in incidents:
        members = [by_id[i] for i in getattr(inc, "fact_ids", ()) if i in by_id]
        if not members:
            continue
        base = _event_from_facts(str(inc.id), members, vocab)
        killed = getattr(inc, "killed_min", None)
        events.append(
            CountedEvent(
                key=base.key,
                event_type=getattr(inc, "event_type", None) or base.event_type,
                date_from=getattr(inc, "date_from", None) or base.date_from,
                date_to=getattr(inc, "date_to", None) or base.date_to,
                place=base.place,
                state_code=base.state_code,
                municipality_code=base.municipality_code,
                groups=base.groups,
                killed=killed if killed is not None else base.killed,
                wounded=getattr(inc, "wounded_min", None) or base.wounded,
                fact_ids=base.fact_ids,
                evidence=base.evidence,
                places=base.places,
            )
        )
    return sorted(events, key=lambda e: (e.date_from or date.min, e.key))


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
    of some types; raises ``NotFoundError`` for an unknown state or group."""
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

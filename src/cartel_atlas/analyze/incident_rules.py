"""When two event reports can be the same real event: the field-by-field rules.

Cross-source deduplication lives or dies on these rules. Each field is compared on its
own (type, place, date, actor, casualties) and the verdict keeps the values that were
compared, so every merge can be explained and every refusal named. A report whose date
or place is vague only matches when something specific (same municipality, same group,
same death toll) agrees as well: vague reports are what chains unrelated events together.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from cartel_atlas.vocab import Vocabulary
from cartel_atlas.vocab.text import fold

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class DedupRules:
    """Tunable thresholds of the matcher (documented in docs/incidents.md)."""

    day_window: int = 2
    """Two day-precise dates up to this many days apart can be one event."""
    max_day_span: int = 7
    """An interval ('2024-03-01/2024-03-03') this short still counts as day-precise."""
    compatible_types: tuple[frozenset[str], ...] = (
        frozenset({"homicide", "massacre"}),
        frozenset({"homicide", "attack_on_official"}),
        frozenset({"armed_clash", "attack_on_security_forces"}),
        frozenset({"kidnapping", "disappearance"}),
    )
    """Pairs of types outlets use for one event (a 'massacre' to one is 'homicides' to another)."""
    casualty_abs: int = 2
    """Counts this close always agree (13 vs 14 police killed)..."""
    casualty_rel: float = 0.25
    """...and larger counts agree within this share of the larger one (26 vs 30)..."""
    casualty_ratio: float = 0.5
    """...but never when one is under half of the other (1 vs 3, 3 vs 30)."""

    def types_compatible(self, a: str, b: str) -> bool:
        return a == b or any({a, b} <= pair for pair in self.compatible_types)


DEFAULT_RULES = DedupRules()


# -------------------------------------------------------------------------- field values


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The days an event date can fall on, and how precisely it was given."""

    start: date
    end: date
    precision: str  # 'day', 'month', 'year' or 'range'
    text: str

    def is_precise(self, rules: DedupRules) -> bool:
        return self.precision == "day" or (
            self.precision == "range" and (self.end - self.start).days < rules.max_day_span
        )


def _bounds(part: str) -> tuple[date, date, str] | None:
    part = part.strip()
    try:
        if _DAY.match(part):
            d = date.fromisoformat(part)
            return d, d, "day"
        if _MONTH.match(part):
            y, m = int(part[:4]), int(part[5:7])
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month"
        if _YEAR.match(part):
            y = int(part)
            return date(y, 1, 1), date(y, 12, 31), "year"
    except ValueError:
        return None
    return None


def parse_date(value: Any) -> DateSpan | None:
    """'2024-03-03', '2024-03', '2024', 'A/B' intervals, or a date -> span; None if unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return DateSpan(value, value, "day", value.isoformat())
    text = str(value).strip()
    if "/" in text:
        left, right = text.split("/", 1)
        a, b = _bounds(left), _bounds(right)
        if a is None or b is None or b[1] < a[0]:
            return None
        return DateSpan(a[0], b[1], "range", text)
    got = _bounds(text)
    return None if got is None else DateSpan(got[0], got[1], got[2], text)


@dataclass(frozen=True, slots=True)
class PlaceView:
    """A place label split into what the matcher compares."""

    label: str
    kind: str  # 'municipality', 'state', 'country' or 'unknown'
    state: str | None  # state label for Mexican places
    code: str | None


def parse_place(label: str, vocab: Vocabulary) -> PlaceView:
    """Read an exchange label ('Sinaloa/Culiacán', 'Sinaloa', 'United States')."""
    try:
        ref = vocab.places.ref(label)
    except Exception:  # an unknown label still compares by its text
        state = label.split("/", 1)[0] if "/" in label else None
        return PlaceView(label, "municipality" if state else "unknown", state, None)
    kind = {"port": "municipality", "crossing": "municipality"}.get(ref.kind, ref.kind)
    state = vocab.places.states[ref.state_code].label if ref.state_code else None
    return PlaceView(ref.label, kind, state, ref.code)


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [v for v in value if v not in (None, "")]
    return [value]


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


@dataclass(frozen=True)
class EventView:
    """One event report (a stored event fact) as the matcher sees it."""

    fact_id: str
    doc_id: str
    root_doc_id: str
    """The original document when ``doc_id`` is a linked near-duplicate, else ``doc_id``."""
    event_type: str
    date: DateSpan | None
    places: tuple[PlaceView, ...]
    actors: tuple[str, ...]
    """Group ids (or folded names of groups the vocabulary does not know)."""
    actor_names: tuple[str, ...]
    killed: int | None
    wounded: int | None
    polarity: str = "asserted"
    order: tuple[Any, ...] = field(default=(), compare=False)


def event_view(
    fact_id: str,
    doc_id: str,
    fields: dict[str, Any],
    vocab: Vocabulary,
    *,
    root_doc_id: str | None = None,
    polarity: str = "asserted",
    valid_from: date | None = None,
    valid_to: date | None = None,
    order: tuple[Any, ...] = (),
) -> EventView:
    """Normalise an event fact's exchange fields for matching."""
    span = parse_date(fields.get("date"))
    if span is None and valid_from is not None:
        start, end = sorted((valid_from, valid_to or valid_from))
        precision = "day" if end == start else "range"
        span = DateSpan(
            start, end, precision, start.isoformat() if end == start else f"{start}/{end}"
        )
    places = tuple(parse_place(str(p), vocab) for p in _as_list(fields.get("place")))
    names = [str(a) for a in _as_list(fields.get("actor"))]
    ids: list[str] = []
    for name in names:
        group = vocab.groups.find(name)
        ids.append(group.id if group else fold(name))
    for gid in _as_list(fields.get("group_id")):
        if str(gid) not in ids and not names:
            ids.append(str(gid))
    return EventView(
        fact_id=fact_id,
        doc_id=doc_id,
        root_doc_id=root_doc_id or doc_id,
        event_type=str(fields.get("event_type") or "other"),
        date=span,
        places=places,
        actors=tuple(dict.fromkeys(ids)),
        actor_names=tuple(names),
        killed=_count(fields.get("killed")),
        wounded=_count(fields.get("wounded")),
        polarity=str(fields.get("polarity") or polarity),
        order=order,
    )


# ---------------------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Verdict:
    """Whether two reports can be one event, with each field's comparison."""

    ok: bool
    reasons: dict[str, dict[str, Any]]
    failed: str | None = None
    """The field that ruled the match out."""
    score: int = 0
    """How much specific detail agreed (used to pick among several possible incidents)."""


def _no(reasons: dict[str, dict[str, Any]], name: str) -> Verdict:
    return Verdict(False, reasons, failed=name)


def _place(a: EventView, b: EventView) -> dict[str, Any]:
    values = [[p.label for p in a.places], [p.label for p in b.places]]
    if not a.places or not b.places:
        return {"agree": "unknown_one_side", "values": values, "specific": 0}
    best: tuple[int, str] | None = None
    for pa in a.places:
        for pb in b.places:
            if pa.label == pb.label:
                got = (2, "same_municipality") if pa.kind == "municipality" else (1, "same_place")
            elif pa.state and pa.state == pb.state and "state" in (pa.kind, pb.kind):
                got = (1, "same_state_one_side_state_only")
            elif {pa.label, pb.label} & {"Mexico"} and (pa.state or pb.state):
                got = (0, "country_level_one_side")
            else:
                continue
            if best is None or got[0] > best[0]:
                best = got
    if best is None:
        return {"agree": None, "values": values}
    return {"agree": best[1], "values": values, "specific": best[0]}


def _date(a: EventView, b: EventView, rules: DedupRules) -> dict[str, Any]:
    values = [a.date.text if a.date else None, b.date.text if b.date else None]
    if a.date is None or b.date is None:
        return {"agree": "unknown_one_side", "values": values, "strength": 0}
    gap = max((b.date.start - a.date.end).days, (a.date.start - b.date.end).days, 0)
    if a.date.is_precise(rules) and b.date.is_precise(rules):
        if gap > rules.day_window:
            return {"agree": None, "values": values, "gap_days": gap}
        agree = "same_day" if gap == 0 else f"within_{rules.day_window}_days"
        return {"agree": agree, "values": values, "gap_days": gap, "strength": 2}
    if gap > 0:
        return {"agree": None, "values": values, "gap_days": gap}
    return {"agree": "coarse_overlap", "values": values, "gap_days": 0, "strength": 1}


def related_groups(a: str, b: str, vocab: Vocabulary) -> bool:
    """Same group, or one is a faction/cell (at any depth) of the other."""
    if a == b:
        return True
    if a not in vocab.groups.by_id or b not in vocab.groups.by_id:
        return False
    return any(g.id == b for g in vocab.groups.ancestors(a)) or any(
        g.id == a for g in vocab.groups.ancestors(b)
    )


def _actor(a: EventView, b: EventView, vocab: Vocabulary) -> dict[str, Any]:
    values = [list(a.actor_names or a.actors), list(b.actor_names or b.actors)]
    if not a.actors or not b.actors:
        agree = "unknown_both" if not a.actors and not b.actors else "unknown_one_side"
        return {"agree": agree, "values": values, "specific": 0}
    if set(a.actors) & set(b.actors):
        return {"agree": "same", "values": values, "specific": 2}
    if any(related_groups(x, y, vocab) for x in a.actors for y in b.actors):
        return {"agree": "parent_and_faction", "values": values, "specific": 1}
    return {"agree": None, "values": values}


def counts_agree(x: int, y: int, rules: DedupRules) -> bool:
    """26 vs 27 agree, 3 vs 30 do not (see ``DedupRules``)."""
    lo, hi = sorted((x, y))
    if hi - lo <= 1:
        return True
    if lo < hi * rules.casualty_ratio:
        return False
    return hi - lo <= max(rules.casualty_abs, rules.casualty_rel * hi)


def _casualties(x: int | None, y: int | None, rules: DedupRules) -> dict[str, Any]:
    values = [x, y]
    if x is None or y is None:
        return {"agree": "unknown", "values": values, "specific": 0}
    if x == y:
        return {"agree": "same", "values": values, "specific": 2 if x > 0 else 0}
    if counts_agree(x, y, rules):
        return {"agree": "within_tolerance", "values": values, "specific": 1}
    return {"agree": None, "values": values}


def compare(
    a: EventView, b: EventView, vocab: Vocabulary, rules: DedupRules = DEFAULT_RULES
) -> Verdict:
    """Can ``a`` and ``b`` report the same real event? Every field must be compatible.

    Vague reports need specific support (same municipality, same or related group,
    agreeing non-zero toll): a month- or year-precise date needs one such agreement, an
    unknown date two; an unknown or country-level place needs one more, and never goes
    with an unknown date.
    """
    reasons: dict[str, dict[str, Any]] = {}
    if not rules.types_compatible(a.event_type, b.event_type):
        reasons["type"] = {"agree": None, "values": [a.event_type, b.event_type]}
        return _no(reasons, "type")
    same = a.event_type == b.event_type
    reasons["type"] = {
        "agree": "same" if same else "compatible",
        "values": [a.event_type, b.event_type],
    }
    for name, verdict in (
        ("place", _place(a, b)),
        ("date", _date(a, b, rules)),
        ("actor", _actor(a, b, vocab)),
        ("killed", _casualties(a.killed, b.killed, rules)),
        ("wounded", _casualties(a.wounded, b.wounded, rules)),
    ):
        reasons[name] = verdict
        if verdict["agree"] is None:
            return _no(reasons, name)
    specific = sum(
        int(reasons[k].get("specific", 0)) for k in ("place", "actor", "killed", "wounded")
    )
    support = sum(
        (
            reasons["place"]["agree"] == "same_municipality",
            reasons["actor"].get("specific", 0) > 0,
            reasons["killed"].get("specific", 0) > 0,
        )
    )
    place_known = reasons["place"]["agree"] not in ("unknown_one_side", "country_level_one_side")
    strength = int(reasons["date"].get("strength", 0))
    needed = {2: 0, 1: 1, 0: 2}[strength] + (0 if place_known else 1)
    if not place_known and strength == 0:
        return _no(reasons, "place")
    if support < needed:
        return _no(reasons, "date" if strength < 2 else "place")
    return Verdict(True, reasons, score=specific + strength + (1 if same else 0))


def same_report(a: EventView, b: EventView) -> bool:
    """Two facts of one document that tell the same event (a headline and its body):
    the only way facts of one document may share an incident. Type, place and date must
    be equal; actor and counts equal or given on one side only."""

    def agree(x: object, y: object) -> bool:
        return x == y or x in (None, ()) or y in (None, ())

    return (
        a.event_type == b.event_type
        and [p.label for p in a.places] == [p.label for p in b.places]
        and (a.date.text if a.date else None) == (b.date.text if b.date else None)
        and agree(a.actors, b.actors)
        and agree(a.killed, b.killed)
        and agree(a.wounded, b.wounded)
    )

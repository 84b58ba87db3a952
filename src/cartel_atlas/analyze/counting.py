"""Counting incidents once, and the evidence trail behind every number.

Every analysis that counts violence (trends, the SESNSP reconciliation, risk, site
alerts) counts *incidents*, not facts: the same ambush reported by five outlets is one
event. ``counted_events`` is that single counting rule. It uses the cross-source
incidents of ``analyze.incidents``; with ``use_incidents=False`` each document's event
facts are grouped by (type, place, date) instead and documents linked as near-duplicates
(``documents.duplicate_of``) are skipped, so a syndicated copy never doubles a count.
Negated events ("authorities denied a clash") are never counted.

``EvidenceRef`` is what every result shows behind a number: fact -> document ->
sentence -> source and its reliability grade.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cartel_atlas.analyze.incident_records import Incident
from cartel_atlas.analyze.incidents import build_incidents
from cartel_atlas.analyze.presence_claims import (
    PresenceEvidence,
    period,
    resolve_group,
    resolve_place,
)
from cartel_atlas.store import Store, StoredFact
from cartel_atlas.store.incidents_repo import document_roots
from cartel_atlas.vocab import Vocabulary

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


def presence_ref(e: PresenceEvidence) -> EvidenceRef:
    """Evidence of a presence claim as read by ``analyze.presence_claims``."""
    return EvidenceRef(
        fact_id=e.fact_id,
        doc_id=e.doc_id,
        sentence=e.sentence,
        source=e.source,
        reliability=e.reliability,
        confidence=e.base_weight,
        polarity=e.polarity,
        doc_title=e.doc_title,
        doc_url=e.doc_url,
    )


# --------------------------------------------------------------------- field readers


def as_list(value: Any) -> list[Any]:
    """A fact field that may be one value, a list, or missing, as a list."""
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [v for v in value if v not in (None, "")]
    return [value]


def date_bounds(value: Any) -> tuple[date, date] | None:
    """First and last day of an exchange date: '2020', '2020-06', '2020-06-26' or 'A/B'
    (the presence reader's ``period``, so both count time the same way)."""
    return period(value)


def group_ids(vocab: Vocabulary, value: Any) -> tuple[str, ...]:
    """Group ids for an actor/group field (names or ids); unknown names are kept as written."""
    out: list[str] = []
    for name in as_list(value):
        gid = resolve_group(vocab, str(name)) or str(name)
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
    """Resolve an exchange place label (as the presence reader does); a municipality we do
    not know in a known state falls back to the state. Countries and unknown labels give
    None."""
    found = resolve_place(vocab, label)
    if found is not None:
        state_code, muni_code, resolved = found
        return PlaceInfo(resolved, state_code, muni_code)
    if isinstance(label, str) and "/" in label:
        state = vocab.places.find_state(label.split("/", 1)[0])
        if state is not None:
            return PlaceInfo(state.label, state.code, None)
    return None


def duplicate_documents(store: Store) -> set[str]:
    """Ids of documents linked as near-duplicates of another (their facts are not counted)."""
    return {doc for doc, root in document_roots(store).items() if root != doc}


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


def counted_events(
    store: Store,
    vocab: Vocabulary,
    *,
    known_on: datetime | None = None,
    use_incidents: bool = True,
) -> list[CountedEvent]:
    """Every real event once, oldest first (see the module docstring for the rule)."""
    facts = [f for f in store.facts(kind="event", recorded_before=known_on) if not _is_negated(f)]
    if use_incidents:
        return _from_incidents(build_incidents(store, vocab, known_on=known_on), facts, vocab)
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
    incidents: Iterable[Incident], facts: Sequence[StoredFact], vocab: Vocabulary
) -> list[CountedEvent]:
    """Counted events from cross-source incidents: the incident's core (most precise
    place, date range, most conservative toll) with every member fact as evidence."""
    by_id = {f.id: f for f in facts}
    events = []
    for inc in incidents:
        members = [by_id[i] for i in inc.fact_ids if i in by_id]
        if not members:
            continue
        base = _event_from_facts(inc.id, members, vocab)
        where = place_info(vocab, inc.place) if inc.place else None
        events.append(
            CountedEvent(
                key=inc.id,
                event_type=inc.event_type or base.event_type,
                date_from=inc.date_from or base.date_from,
                date_to=inc.date_to or base.date_to,
                place=where.label if where else base.place,
                state_code=where.state_code if where else base.state_code,
                municipality_code=where.municipality_code if where else base.municipality_code,
                groups=base.groups,
                killed=inc.killed_min if inc.killed_min is not None else base.killed,
                wounded=inc.wounded_min if inc.wounded_min is not None else base.wounded,
                fact_ids=base.fact_ids,
                evidence=base.evidence,
                places=base.places,
            )
        )
    return sorted(events, key=lambda e: (e.date_from or date.min, e.key))

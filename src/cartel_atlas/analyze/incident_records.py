"""The incident records and how a cluster of reports becomes one.

``Incident`` extends ``model.Incident`` with what a reader needs to check it: every
report with its source, reliability, evidence and merge reason, the reports denying it,
the independent sources and the Admiralty grade.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from cartel_atlas.analyze.grading import Grade, grade_incident, source_key, speaker
from cartel_atlas.analyze.incident_cluster import Cluster, core_view
from cartel_atlas.analyze.incident_rules import EventView
from cartel_atlas.model import Incident as BaseIncident
from cartel_atlas.store import StoredFact
from cartel_atlas.vocab import Vocabulary

_Day = date


@dataclass(frozen=True, slots=True)
class IncidentReport:
    """One fact merged into (or denying) an incident, with everything needed to check it."""

    fact_id: str
    doc_id: str
    root_doc_id: str
    event_type: str
    date: str | None
    place: tuple[str, ...]
    actor: tuple[str, ...]
    killed: int | None
    wounded: int | None
    polarity: str
    source: str | None
    """The speaker the text attributes the claim to (None: the document's own voice)."""
    publisher: str | None
    reliability: str
    independence_key: str
    evidence: str
    doc_title: str | None
    doc_url: str | None
    doc_published: _Day | None
    merge_reason: dict[str, Any] = field(default_factory=dict)

    @property
    def near_duplicate_of(self) -> str | None:
        """The original document when this report comes from a near-duplicate copy."""
        return self.root_doc_id if self.root_doc_id != self.doc_id else None

    @property
    def speaker(self) -> str | None:
        return speaker(self.source, self.publisher)


@dataclass(frozen=True, slots=True)
class Incident(BaseIncident):
    """A deduplicated event with its reports, sources and Admiralty grade."""

    state_code: str | None = None
    date_precision: str | None = None
    reports: tuple[IncidentReport, ...] = ()
    denials: tuple[IncidentReport, ...] = ()
    """Negated reports that contradict this incident."""
    sources: tuple[str, ...] = ()
    """Distinct speakers (attributed source, else publisher) of the reports."""
    independent_sources: int = 0
    grade: Grade | None = None
    undone_at: datetime | None = None

    @property
    def code(self) -> str:
        """The Admiralty code, e.g. 'B2'."""
        return self.grade.code if self.grade else "F6"


def incident_id(fact_ids: Iterable[str]) -> str:
    """Deterministic id from the member facts: the same merge always has the same id."""
    key = "|".join(sorted(fact_ids))
    return "inc-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def make_report(
    fact: StoredFact, view: EventView, registry: Any, reason: dict[str, Any]
) -> IncidentReport:
    who = speaker(fact.source, fact.doc_publisher)
    key = source_key(who, registry) or f"doc:{view.root_doc_id}"
    return IncidentReport(
        fact_id=fact.id,
        doc_id=fact.doc_id,
        root_doc_id=view.root_doc_id,
        event_type=view.event_type,
        date=view.date.text if view.date else None,
        place=tuple(p.label for p in view.places),
        actor=view.actor_names or view.actors,
        killed=view.killed,
        wounded=view.wounded,
        polarity=view.polarity,
        source=fact.source,
        publisher=fact.doc_publisher,
        reliability=registry.reliability(who),
        independence_key=key,
        evidence=fact.evidence.sentence,
        doc_title=fact.doc_title,
        doc_url=fact.doc_url,
        doc_published=fact.doc_published,
        merge_reason=reason,
    )


@dataclass(frozen=True, slots=True)
class _Independent:
    """A report as grading sees it: one per original document."""

    reliability: str
    polarity: str
    independence_key: str


def independent_claims(reports: Sequence[IncidentReport]) -> list[_Independent]:
    """One claim per original document: near-duplicates add nothing; within an original
    and its copies the best-graded, least hedged report stands."""
    by_root: dict[str, IncidentReport] = {}
    for r in reports:
        cur = by_root.get(r.root_doc_id)
        if cur is None or (r.reliability, r.polarity != "asserted") < (
            cur.reliability,
            cur.polarity != "asserted",
        ):
            by_root[r.root_doc_id] = r
    return [_Independent(r.reliability, r.polarity, r.independence_key) for r in by_root.values()]


def make_incident(cl: Cluster, facts: Mapping[str, StoredFact], vocab: Vocabulary) -> Incident:
    registry = vocab.sources
    core = core_view(cl.members, vocab)
    reports = tuple(
        make_report(facts[v.fact_id], v, registry, dict(cl.reasons[v.fact_id], order=n))
        for n, v in enumerate(cl.members)
    )
    denials = tuple(
        make_report(facts[v.fact_id], v, registry, cl.reasons.get(v.fact_id, {}))
        for v in cl.denials
    )
    independent = independent_claims(reports)
    grade = grade_incident(independent, independent_claims(denials))
    types = Counter(r.event_type for r in {r.root_doc_id: r for r in reports}.values())
    top = max(types.values())
    event_type = next(r.event_type for r in reports if types[r.event_type] == top)
    killed = [r.killed for r in reports if r.killed is not None]
    wounded = [r.wounded for r in reports if r.wounded is not None]
    place = core.places[0] if core.places else None
    fact_ids = tuple(r.fact_id for r in reports)
    return Incident(
        id=incident_id(fact_ids),
        event_type=event_type,
        date_from=core.date.start if core.date else None,
        date_to=core.date.end if core.date else None,
        place=place.label if place else None,
        actor=(core.actor_names or core.actors or (None,))[0],
        killed_min=min(killed) if killed else None,
        killed_max=max(killed) if killed else None,
        wounded_min=min(wounded) if wounded else None,
        wounded_max=max(wounded) if wounded else None,
        fact_ids=fact_ids,
        merge_reasons=tuple(json.dumps(r.merge_reason, sort_keys=True) for r in reports),
        state_code=_state_code(place.state if place else None, vocab),
        date_precision=core.date.precision if core.date else None,
        reports=reports,
        denials=denials,
        sources=tuple(dict.fromkeys(r.speaker for r in reports if r.speaker)),
        independent_sources=len({i.independence_key for i in independent}),
        grade=grade,
    )


def _state_code(state_label: str | None, vocab: Vocabulary) -> str | None:
    if not state_label:
        return None
    state = vocab.places.find_state(state_label)
    return state.code if state else None


__all__ = [
    "Incident",
    "IncidentReport",
    "incident_id",
    "independent_claims",
    "make_incident",
    "make_report",
]

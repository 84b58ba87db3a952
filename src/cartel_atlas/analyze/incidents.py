"""Incidents: event reports from many documents deduplicated into real events.

Several outlets report one ambush; each report becomes an event fact, and counting facts
would count the ambush several times. Here compatible reports are merged into one
incident that lists every source. The merge is deliberately conservative:

* a report joins an incident only if it is compatible with the incident's *core*
  (its most precise date, place, actor and lowest toll) **and** with every report
  already in it (complete linkage). Joining on any single member, as GDELT does,
  lets a chain of pairwise-similar reports swallow unrelated events;
* two facts of one document never share an incident unless they say the same thing;
* a near-duplicate document (``documents.duplicate_of``) joins its original's incident
  but adds no independent corroboration;
* a negated report ("did not happen") is never a member; it is attached as a denial to
  the incident it contradicts and lowers its credibility;
* pairs an analyst split apart (``split_incident``) are never joined again.

Each membership keeps a ``merge_reason``: every field compared, with both values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

from cartel_atlas.analyze.grading import grade_incident
from cartel_atlas.analyze.incident_cluster import cluster_events
from cartel_atlas.analyze.incident_records import (
    Incident,
    IncidentReport,
    incident_id,
    independent_claims,
    make_incident,
    make_report,
)
from cartel_atlas.analyze.incident_rules import (
    DEFAULT_RULES,
    DedupRules,
    event_view,
    related_groups,
)
from cartel_atlas.errors import AnalyzeError, NotFoundError
from cartel_atlas.store import Store, StoredFact
from cartel_atlas.store import incidents_repo as repo
from cartel_atlas.vocab import Vocabulary, get_vocabulary


def deduplicate(
    facts: Sequence[StoredFact],
    vocab: Vocabulary | None = None,
    *,
    roots: Mapping[str, str] | None = None,
    forbidden: Iterable[frozenset[str]] = (),
    rules: DedupRules = DEFAULT_RULES,
) -> list[Incident]:
    """Deduplicate event facts into incidents (pure: no database access).

    ``roots`` maps a near-duplicate document to its original; ``forbidden`` holds fact
    pairs that must stay apart. Non-event and retracted facts are ignored. Incidents
    come back ordered by date, then id.
    """
    vocab = vocab or get_vocabulary()
    roots = roots or {}
    events = {f.id: f for f in facts if f.kind == "event" and f.retracted_at is None}
    views = [
        event_view(
            f.id,
            f.doc_id,
            f.fields,
            vocab,
            root_doc_id=roots.get(f.doc_id, f.doc_id),
            polarity=f.polarity,
            valid_from=f.valid_from,
            valid_to=f.valid_to,
            order=(f.doc_published or date.max, f.recorded_at),
        )
        for f in events.values()
    ]
    clusters = cluster_events(views, vocab, rules=rules, forbidden=forbidden)
    incidents = [make_incident(cl, events, vocab) for cl in clusters]
    return sorted(incidents, key=lambda i: (i.date_from or date.max, i.id))


# ---------------------------------------------------------------------- store-backed API


def build_incidents(
    store: Store,
    vocab: Vocabulary | None = None,
    *,
    known_on: datetime | None = None,
    rules: DedupRules = DEFAULT_RULES,
) -> list[Incident]:
    """Incidents from the stored event facts (as known at ``known_on``), honouring
    analysts' splits; reads only, persists nothing."""
    vocab = vocab or get_vocabulary()
    return deduplicate(
        store.facts(kind="event", recorded_before=known_on),
        vocab,
        roots=repo.document_roots(store),
        forbidden=repo.forbidden_pairs(store),
        rules=rules,
    )


def refresh_incidents(
    store: Store, vocab: Vocabulary | None = None, *, rules: DedupRules = DEFAULT_RULES
) -> list[Incident]:
    """Recompute incidents from the stored event facts and persist them as the live set
    (the ``incidents``/``incident_facts`` tables)."""
    incidents = build_incidents(store, vocab, rules=rules)
    repo.save_incidents(store, incidents, {i.id: i.state_code for i in incidents})
    return incidents


def filter_incidents(
    incidents: Iterable[Incident],
    vocab: Vocabulary | None = None,
    *,
    event_type: str | None = None,
    state: str | None = None,
    group: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[Incident]:
    """Incidents of a type, in a state (name or code), involving a group (or one of its
    factions), overlapping [since, until]. Unknown states and groups are errors."""
    vocab = vocab or get_vocabulary()
    state_code = None
    if state:
        found = vocab.places.find_state(state)
        if found is None:
            raise NotFoundError(f"unknown state {state!r}")
        state_code = found.code
    gid = vocab.groups.get(group).id if group else None
    if event_type and event_type not in vocab.events.types:
        raise AnalyzeError(
            f"unknown event type {event_type!r} (known: {', '.join(vocab.events.types)})"
        )
    out = []
    for inc in incidents:
        if event_type and inc.event_type != event_type:
            continue
        if state_code and inc.state_code != state_code:
            continue
        if since and (inc.date_to is None or inc.date_to < since):
            continue
        if until and (inc.date_from is None or inc.date_from > until):
            continue
        if gid and not any(
            related_groups(a.id, gid, vocab) and _is_within(a.id, gid, vocab)
            for r in inc.reports
            for a in filter(None, (vocab.groups.find(n) for n in r.actor))
        ):
            continue
        out.append(inc)
    return out


def _is_within(group_id: str, ancestor: str, vocab: Vocabulary) -> bool:
    return group_id == ancestor or any(g.id == ancestor for g in vocab.groups.ancestors(group_id))


def list_incidents(
    store: Store,
    vocab: Vocabulary | None = None,
    *,
    event_type: str | None = None,
    state: str | None = None,
    group: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[Incident]:
    """Refresh and filter the incidents (see ``refresh_incidents``, ``filter_incidents``)."""
    vocab = vocab or get_vocabulary()
    return filter_incidents(
        refresh_incidents(store, vocab),
        vocab,
        event_type=event_type,
        state=state,
        group=group,
        since=since,
        until=until,
    )


def get_incident(store: Store, incident_id: str, vocab: Vocabulary | None = None) -> Incident:
    """A live incident (recomputed) or a split one (as it was stored), by id."""
    vocab = vocab or get_vocabulary()
    for inc in refresh_incidents(store, vocab):
        if inc.id == incident_id:
            return inc
    stored = repo.stored_incidents(store, include_undone=True, ids=[incident_id])
    if not stored:
        raise NotFoundError(f"no incident {incident_id!r} in {store.url}")
    return _from_stored(store, stored[0], vocab)


def _from_stored(store: Store, row: repo.StoredIncident, vocab: Vocabulary) -> Incident:
    facts = {f.id: f for f in store.facts(kind="event", include_retracted=True)}
    roots = repo.document_roots(store)
    reports = []
    for m in row.members:
        fact = facts.get(m.fact_id)
        if fact is None:
            continue
        view = event_view(
            fact.id,
            fact.doc_id,
            fact.fields,
            vocab,
            root_doc_id=roots.get(fact.doc_id),
            polarity=fact.polarity,
        )
        reason = dict(m.merge_reason, split_at=m.undone_at.isoformat() if m.undone_at else None)
        reports.append(make_report(fact, view, vocab.sources, reason))
    independent = independent_claims(reports)
    return Incident(
        id=row.id,
        event_type=row.event_type,
        date_from=row.date_from,
        date_to=row.date_to,
        place=row.place,
        actor=row.actor,
        killed_min=row.killed_min,
        killed_max=row.killed_max,
        wounded_min=row.wounded_min,
        wounded_max=row.wounded_max,
        fact_ids=row.fact_ids,
        merge_reasons=tuple(json.dumps(m.merge_reason, sort_keys=True) for m in row.members),
        state_code=row.state_code,
        reports=tuple(reports),
        sources=tuple(dict.fromkeys(r.speaker for r in reports if r.speaker)),
        independent_sources=len({i.independence_key for i in independent}),
        grade=grade_incident(independent),
        undone_at=row.undone_at,
    )


def split_incident(
    store: Store,
    incident_id: str,
    fact_ids: Sequence[str] | None = None,
    vocab: Vocabulary | None = None,
) -> list[Incident]:
    """Undo a merge: the incident is marked undone, its reports (or only ``fact_ids``)
    are kept apart from then on, and incidents are recomputed. Returns the live
    incidents that now hold the former members."""
    vocab = vocab or get_vocabulary()
    live = {i.id: i for i in refresh_incidents(store, vocab)}
    if incident_id not in live:
        stored = repo.stored_incidents(store, include_undone=True, ids=[incident_id])
        if stored:
            raise AnalyzeError(f"incident {incident_id} was already split")
        raise NotFoundError(f"no incident {incident_id!r} in {store.url}")
    members = set(live[incident_id].fact_ids)
    repo.undo_incident(store, incident_id, fact_ids)
    return [i for i in refresh_incidents(store, vocab) if members & set(i.fact_ids)]


__all__ = [
    "Incident",
    "IncidentReport",
    "build_incidents",
    "deduplicate",
    "filter_incidents",
    "get_incident",
    "incident_id",
    "list_incidents",
    "refresh_incidents",
    "split_incident",
]

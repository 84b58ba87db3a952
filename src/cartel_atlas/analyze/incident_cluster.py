"""Greedy complete-linkage clustering of event reports into incidents (pure).

A report joins an incident only if it fits the incident's core (most precise date, most
specific place and actor, lowest toll) and every report already in it, so no chain of
pairwise-similar reports can grow an incident beyond what all its reports agree on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from cartel_atlas.analyze.incident_rules import (
    DEFAULT_RULES,
    DedupRules,
    EventView,
    compare,
    same_report,
)
from cartel_atlas.vocab import Vocabulary


@dataclass
class Cluster:
    """Reports of one incident, the reason each joined, and the reports denying it."""

    members: list[EventView]
    reasons: dict[str, dict[str, Any]]
    denials: list[EventView] = field(default_factory=list)
    _core: EventView | None = field(default=None, repr=False)

    def core(self, vocab: Vocabulary) -> EventView:
        """The incident's core (cached until a report joins)."""
        if self._core is None:
            self._core = core_view(self.members, vocab)
        return self._core

    def add(self, view: EventView, reason: dict[str, Any]) -> None:
        self.members.append(view)
        self.reasons[view.fact_id] = reason
        self._core = None


def core_view(members: Sequence[EventView], vocab: Vocabulary) -> EventView:
    """The incident as one report: most precise date, most specific place and actor,
    lowest casualty counts (the conservative figures)."""
    seed = members[0]
    spans = [m.date for m in members if m.date is not None]
    best_date = min(spans, key=lambda d: (d.end - d.start).days) if spans else None
    places = min(
        (m.places for m in members if m.places),
        key=lambda ps: {"municipality": 0, "state": 1}.get(ps[0].kind, 2),
        default=(),
    )
    actors = seed.actors
    names = seed.actor_names
    for m in members:
        if not m.actors:
            continue
        if not actors or any(
            a in vocab.groups.by_id and any(g.id in actors for g in vocab.groups.ancestors(a))
            for a in m.actors
        ):
            actors, names = m.actors, m.actor_names
    killed = [m.killed for m in members if m.killed is not None]
    wounded = [m.wounded for m in members if m.wounded is not None]
    return replace(
        seed,
        fact_id="core",
        date=best_date,
        places=places,
        actors=actors,
        actor_names=names,
        killed=min(killed) if killed else None,
        wounded=min(wounded) if wounded else None,
    )


def _far_apart(view: EventView, core: EventView, rules: DedupRules) -> bool:
    """Cheap pre-check: dates that rule a match out before any field is compared."""
    a, b = view.date, core.date
    if a is None or b is None:
        return False
    gap = max((b.start - a.end).days, (a.start - b.end).days, 0)
    return gap > rules.day_window


def _fits(
    view: EventView,
    cluster: Cluster,
    vocab: Vocabulary,
    rules: DedupRules,
    forbidden: set[frozenset[str]],
) -> tuple[int, dict[str, Any]] | None:
    core = cluster.core(vocab)
    if _far_apart(view, core, rules):
        return None
    verdict = compare(view, core, vocab, rules)
    if not verdict.ok:
        return None
    for m in cluster.members:
        if frozenset((m.fact_id, view.fact_id)) in forbidden:
            return None
        if m.doc_id == view.doc_id and not same_report(m, view):
            return None
        if not compare(view, m, vocab, rules).ok:
            return None
    reason: dict[str, Any] = dict(verdict.reasons)
    reason["checked_against"] = [m.fact_id for m in cluster.members]
    copies = [
        m.fact_id
        for m in cluster.members
        if m.root_doc_id == view.root_doc_id and m.doc_id != view.doc_id
    ]
    if copies:  # a near-duplicate goes with its original's report when it can
        reason["near_duplicate_of_report"] = copies
    return verdict.score + (100 if copies else 0), reason


def _sort_key(v: EventView) -> tuple[Any, ...]:
    d = v.date
    width = (d.end - d.start).days if d else 10**6
    return (d is None, width > 31, d.start if d else date.max, width, *v.order, v.fact_id)


class _Index:
    """Clusters by (event type, state) so a report is only compared with incidents it
    could join: a compatible type, and its state (or no known state on either side)."""

    def __init__(self, rules: DedupRules) -> None:
        self.rules = rules
        self.by_key: dict[tuple[str, str | None], set[int]] = {}
        self.by_type: dict[str, set[int]] = {}

    def add(self, n: int, core: EventView) -> None:
        states = {p.state for p in core.places} or {None}
        for state in states:
            self.by_key.setdefault((core.event_type, state), set()).add(n)
        self.by_type.setdefault(core.event_type, set()).add(n)

    def candidates(self, view: EventView) -> list[int]:
        types = [t for t in self.by_type if self.rules.types_compatible(view.event_type, t)]
        states = {p.state for p in view.places}
        found: set[int] = set()
        for t in types:
            if not states or None in states:
                found |= self.by_type[t]
                continue
            for state in (*states, None):
                found |= self.by_key.get((t, state), set())
        return sorted(found)


def cluster_events(
    views: Sequence[EventView],
    vocab: Vocabulary,
    *,
    rules: DedupRules = DEFAULT_RULES,
    forbidden: Iterable[frozenset[str]] = (),
) -> list[Cluster]:
    """Greedy complete-linkage clustering of event reports (pure; see module docstring).

    Precise reports are placed first so that vague ones meet finished incidents.
    """
    banned = set(forbidden)
    clusters: list[Cluster] = []
    index = _Index(rules)
    reports = sorted((v for v in views if v.polarity != "negated"), key=_sort_key)
    for view in reports:
        best: tuple[int, int, dict[str, Any]] | None = None
        for n in index.candidates(view):
            got = _fits(view, clusters[n], vocab, rules, banned)
            if got is not None and (best is None or (got[0], -n) > (best[0], -best[1])):
                best = (got[0], n, got[1])
        if best is None:
            clusters.append(Cluster([view], {view.fact_id: {"seed": True}}))
            index.add(len(clusters) - 1, clusters[-1].core(vocab))
        else:
            clusters[best[1]].add(view, best[2])
            index.add(best[1], clusters[best[1]].core(vocab))
    for view in sorted((v for v in views if v.polarity == "negated"), key=_sort_key):
        asserted = replace(view, polarity="asserted")
        best_denial: tuple[int, int, dict[str, Any]] | None = None
        for n in index.candidates(asserted):
            cl = clusters[n]
            if _far_apart(asserted, cl.core(vocab), rules):
                continue
            verdict = compare(asserted, cl.core(vocab), vocab, rules)
            if verdict.ok and (best_denial is None or verdict.score > best_denial[0]):
                best_denial = (verdict.score, n, dict(verdict.reasons, denies=True))
        if best_denial is not None:
            clusters[best_denial[1]].denials.append(view)
            clusters[best_denial[1]].reasons[view.fact_id] = best_denial[2]
    return clusters


__all__ = ["Cluster", "cluster_events", "core_view"]

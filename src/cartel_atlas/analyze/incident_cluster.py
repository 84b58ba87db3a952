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


def _fits(
    view: EventView,
    cluster: Cluster,
    vocab: Vocabulary,
    rules: DedupRules,
    forbidden: set[frozenset[str]],
) -> tuple[int, dict[str, Any]] | None:
    for m in cluster.members:
        if frozenset((m.fact_id, view.fact_id)) in forbidden:
            return None
        if m.doc_id == view.doc_id and not same_report(m, view):
            return None
    core = core_view(cluster.members, vocab)
    verdict = compare(view, core, vocab, rules)
    if not verdict.ok:
        return None
    for m in cluster.members:
        if not compare(view, m, vocab, rules).ok:
            return None
    reason: dict[str, Any] = dict(verdict.reasons)
    reason["checked_against"] = [m.fact_id for m in cluster.members]
    return verdict.score, reason


def _sort_key(v: EventView) -> tuple[Any, ...]:
    d = v.date
    width = (d.end - d.start).days if d else 10**6
    return (d is None, width > 31, d.start if d else date.max, width, *v.order, v.fact_id)


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
    reports = sorted((v for v in views if v.polarity != "negated"), key=_sort_key)
    for view in reports:
        best: tuple[int, int, dict[str, Any]] | None = None
        for n, cl in enumerate(clusters):
            if not rules.types_compatible(view.event_type, cl.members[0].event_type):
                continue
            got = _fits(view, cl, vocab, rules, banned)
            if got is not None and (best is None or got[0] > best[0]):
                best = (got[0], n, got[1])
        if best is None:
            clusters.append(Cluster([view], {view.fact_id: {"seed": True}}))
        else:
            cl = clusters[best[1]]
            cl.members.append(view)
            cl.reasons[view.fact_id] = best[2]
    for view in sorted((v for v in views if v.polarity == "negated"), key=_sort_key):
        asserted = replace(view, polarity="asserted")
        best_denial: tuple[int, int, dict[str, Any]] | None = None
        for n, cl in enumerate(clusters):
            verdict = compare(asserted, core_view(cl.members, vocab), vocab, rules)
            if verdict.ok and (best_denial is None or verdict.score > best_denial[0]):
                best_denial = (verdict.score, n, dict(verdict.reasons, denies=True))
        if best_denial is not None:
            clusters[best_denial[1]].denials.append(view)
            clusters[best_denial[1]].reasons[view.fact_id] = best_denial[2]
    return clusters


__all__ = ["Cluster", "cluster_events", "core_view"]

"""Admiralty grading: how far to trust who says it (A-F) and what is said (1-6).

The two axes are kept apart on purpose. Reliability is the outlet's track record, read
from the editable source registry (``vocab/data/sources.yaml``): the speaker a fact is
attributed to, else the document's publisher. Credibility is about the claim itself:
how many independent sources report it, whether they hedge, whether someone denies it.

Credibility levels (NATO AJP-2.1 wording, our rules):

1 confirmed       reported by 3 or more independent sources, not contradicted
2 probably true   reported by 2 independent sources, not contradicted
3 possibly true   one source, asserted (or several sources that all hedge)
4 doubtful        one source that hedges ("presuntamente", "allegedly")
5 improbable      one hedging source of reliability D or E; or denied by at least as
                  many independent sources, at least as reliable as those reporting it
6 cannot be judged  denied by fewer or weaker sources than report it (conflicting
                  reports we cannot settle); or a claim nobody can be named for

Independent means: different original documents (near-duplicates count once) with a
different originator (the attributed speaker, else the publisher) -- two outlets
repeating the same prosecutor's statement are one source.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from cartel_atlas.model import Fact
from cartel_atlas.store import StoredFact
from cartel_atlas.vocab import get_vocabulary
from cartel_atlas.vocab.sources import SourceRegistry
from cartel_atlas.vocab.text import fold

RELIABILITY_ORDER = "ABCDEF"
UNRELIABLE = frozenset({"D", "E"})


@dataclass(frozen=True, slots=True)
class Grade:
    """An Admiralty code with the reasons behind it, e.g. ``B2``."""

    reliability: str
    credibility: int
    code: str
    reasons: list[str] = field(default_factory=list)


def make_grade(reliability: str, credibility: int, reasons: Iterable[str]) -> Grade:
    """A ``Grade`` whose ``code`` is always consistent with its two axes."""
    return Grade(reliability, credibility, f"{reliability}{credibility}", list(reasons))


def _registry(registry: SourceRegistry | None) -> SourceRegistry:
    return registry if registry is not None else get_vocabulary().sources


def speaker(source: str | None, publisher: str | None) -> str | None:
    """Who vouches for a claim: the attributed source, else the publisher."""
    return source or publisher or None


def source_key(name: str | None, registry: SourceRegistry | None = None) -> str | None:
    """A stable identity for a speaker: its registry id, else its folded name."""
    if not name:
        return None
    known = _registry(registry).match(name)
    return known.id if known else fold(name)


def best_reliability(grades: Iterable[str]) -> str:
    """The best grade among several sources reporting one thing (F when none)."""
    found = sorted(grades, key=RELIABILITY_ORDER.index)
    return found[0] if found else "F"


def grade_fact(
    fact: StoredFact | Fact,
    registry: SourceRegistry | None = None,
    *,
    publisher: str | None = None,
    independent_sources: int = 1,
    contradicted_by: Sequence[str] = (),
) -> Grade:
    """Grade one claim.

    ``publisher`` defaults to the stored document's publisher. Pass how many
    independent sources report the same thing (``independent_sources``, counting this
    one) and the reliability grades of sources denying it (``contradicted_by``) when
    known; alone, a fact is a single source.
    """
    reg = _registry(registry)
    if publisher is None and isinstance(fact, StoredFact):
        publisher = fact.doc_publisher
    who = speaker(fact.source, publisher)
    reliability = reg.reliability(who)
    reasons = [
        f"source {who!r} graded {reliability}"
        + (" (attributed in the text)" if fact.source else " (the publisher)")
        if who
        else "no source or publisher named: reliability cannot be judged (F)"
    ]
    credibility, why = _credibility(
        reliability=reliability,
        asserting=max(independent_sources, 1) if fact.polarity != "negated" else 1,
        all_hedged=fact.polarity == "hedged",
        denials=list(contradicted_by),
        has_source=who is not None,
    )
    return make_grade(reliability, credibility, [*reasons, *why])


class GradedClaim(Protocol):
    """What ``grade_incident`` needs from each report of an incident."""

    @property
    def reliability(self) -> str: ...
    @property
    def polarity(self) -> str: ...
    @property
    def independence_key(self) -> str: ...


def independent_count(claims: Iterable[GradedClaim]) -> int:
    """Number of distinct originators among the claims."""
    return len({c.independence_key for c in claims})


def grade_incident(
    reports: Sequence[GradedClaim],
    denials: Sequence[GradedClaim] = (),
) -> Grade:
    """Grade an incident from its reports (facts merged into it) and the negated facts
    that deny it. Reliability is the best among the reports' sources."""
    if not reports:
        return make_grade("F", 6, ["no report: cannot be judged"])
    reliability = best_reliability(r.reliability for r in reports)
    n = independent_count(reports)
    reasons = [
        f"{len(reports)} report(s) from {n} independent source(s); best source graded {reliability}"
    ]
    credibility, why = _credibility(
        reliability=reliability,
        asserting=n,
        all_hedged=all(r.polarity == "hedged" for r in reports),
        denials=[d.reliability for d in {d.independence_key: d for d in denials}.values()],
        has_source=True,
    )
    return make_grade(reliability, credibility, [*reasons, *why])


def _credibility(
    *,
    reliability: str,
    asserting: int,
    all_hedged: bool,
    denials: list[str],
    has_source: bool,
) -> tuple[int, list[str]]:
    if denials:
        denial_best = best_reliability(denials)
        stronger = len(denials) >= asserting and RELIABILITY_ORDER.index(
            denial_best
        ) <= RELIABILITY_ORDER.index(reliability)
        if stronger:
            return 5, [
                f"denied by {len(denials)} source(s) (best {denial_best}) at least as strong "
                "as those reporting it: improbable"
            ]
        return 6, [
            f"denied by {len(denials)} source(s) (best {denial_best}) but reported by "
            "stronger ones: conflicting reports, cannot be judged"
        ]
    if not has_source:
        return 6, ["no identifiable source: cannot be judged"]
    if asserting >= 3 and not all_hedged:
        return 1, [f"corroborated by {asserting} independent sources: confirmed"]
    if asserting == 2 and not all_hedged:
        return 2, ["corroborated by 2 independent sources: probably true"]
    if asserting >= 2:
        return 3, [f"{asserting} independent sources, all hedged: possibly true"]
    if all_hedged:
        if reliability in UNRELIABLE:
            return 5, [f"single hedged report from a source graded {reliability}: improbable"]
        return 4, ["single source that hedges the claim: doubtful"]
    return 3, ["single source, not corroborated: possibly true"]


__all__ = [
    "Grade",
    "GradedClaim",
    "best_reliability",
    "grade_fact",
    "grade_incident",
    "independent_count",
    "make_grade",
    "source_key",
    "speaker",
]

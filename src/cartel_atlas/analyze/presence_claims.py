"""Presence evidence: stored facts turned into dated, weighted, place-resolved claims.

Presence analysis weighs many kinds of statement (a baseline claim from a threat
assessment, a sentence in a news story, an attack attributed to a group) on one scale, so
each fact is normalised once here into a ``PresenceEvidence``: which group, which state
and municipality, for or against presence, when it speaks about, who says it and how
reliable they are, and which independent document it belongs to (near-duplicates share
their original's id, so syndicated copies never count as corroboration).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from cartel_atlas.analyze.grading import source_key
from cartel_atlas.analyze.presence_config import PresenceConfig
from cartel_atlas.errors import NotFoundError
from cartel_atlas.store import Store, StoredFact
from cartel_atlas.store import schema as t
from cartel_atlas.vocab import Vocabulary
from cartel_atlas.vocab.groups import partial_date_bounds
from cartel_atlas.vocab.text import fold

CLASH_TYPES = frozenset({"armed_clash"})
"""Event types whose several actors are fighting each other."""


@dataclass(frozen=True, slots=True)
class PresenceEvidence:
    """One fact read as evidence for or against a group's presence in one place."""

    fact_id: str
    doc_id: str
    kind: str
    """'presence' or 'event'."""
    group_id: str
    place: str
    """Exchange label of the place the fact names ('Sinaloa/Culiacán')."""
    state_code: str
    municipality_code: str | None
    stance: str
    """'support' or 'against'."""
    polarity: str
    level: str | None
    """Baseline level (present / contested / dominant) or the event type for events."""
    date_from: date
    date_to: date
    """The valid time the claim speaks about (a year claim covers the whole year)."""
    sentence: str
    source: str | None
    reliability: str
    doc_title: str | None
    doc_url: str | None
    independent_of: str
    """Root document id: near-duplicates carry their original's id."""
    base_weight: float
    recorded_at: datetime
    contested: bool = False
    """The claim itself says the place is contested (level or wording)."""
    other_groups: tuple[str, ...] = ()
    """For clashes: the groups on the other side."""
    weight: float = 0.0
    """Weight after decay on the evaluation date (set by the evaluation)."""

    speaker_key: str | None = None
    """Registry id or folded name of who vouches for the claim (for Admiralty grading)."""

    @property
    def independence_key(self) -> str:
        """Originator for credibility grading: the speaker, else the original document."""
        return self.speaker_key or f"doc:{self.independent_of}"

    def as_of(self, on: date) -> date:
        """The latest day of the claim's period that is not after ``on``."""
        return min(self.date_to, on)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view for the CLI and maps."""
        return {
            "fact_id": self.fact_id,
            "doc_id": self.doc_id,
            "kind": self.kind,
            "stance": self.stance,
            "polarity": self.polarity,
            "level": self.level,
            "place": self.place,
            "as_of": self.date_from.isoformat()
            if self.date_from == self.date_to
            else f"{self.date_from.isoformat()}/{self.date_to.isoformat()}",
            "sentence": self.sentence,
            "source": self.source,
            "reliability": self.reliability,
            "doc_title": self.doc_title,
            "doc_url": self.doc_url,
            "independent_of": self.independent_of,
            "weight": round(self.weight, 4),
        }


@dataclass(frozen=True, slots=True)
class ClaimedCount:
    """A source's statement of how many states a group operates in."""

    fact_id: str
    group_id: str
    count: int
    of: int | None
    as_of: date | None
    source: str | None
    reliability: str
    sentence: str
    doc_title: str | None
    doc_url: str | None


@dataclass(frozen=True)
class ClaimSet:
    """Every presence claim the store held on ``known_on`` (None: now), indexed."""

    evidence: tuple[PresenceEvidence, ...]
    counts: tuple[ClaimedCount, ...]
    known_on: date | None
    skipped: int
    """Facts that could not be placed or tied to a known group."""

    def for_group(self, group_id: str) -> list[PresenceEvidence]:
        """Evidence about one group."""
        return [e for e in self.evidence if e.group_id == group_id]

    def groups(self) -> set[str]:
        """Ids of every group with any evidence."""
        return {e.group_id for e in self.evidence}


def known_instant(known_on: date | datetime | None) -> datetime | None:
    """The record-time cut: everything recorded up to the end of ``known_on`` (UTC)."""
    if known_on is None:
        return None
    if isinstance(known_on, datetime):
        return known_on if known_on.tzinfo else known_on.replace(tzinfo=UTC)
    return datetime.combine(known_on + timedelta(days=1), time(0), tzinfo=UTC)


def load_claims(
    store: Store,
    vocab: Vocabulary,
    *,
    known_on: date | datetime | None = None,
    config: PresenceConfig | None = None,
) -> ClaimSet:
    """Read presence, presence_count and event facts as the store stood on ``known_on``."""
    cfg = config or PresenceConfig()
    cut = known_instant(known_on)
    roots = _document_roots(store)
    evidence: list[PresenceEvidence] = []
    counts: list[ClaimedCount] = []
    skipped = 0
    for kind in ("presence", "event"):
        for fact in store.facts(kind=kind, recorded_before=cut):
            items = list(_evidence_of(fact, vocab, cfg, roots))
            skipped += not items and kind == "presence"
            evidence.extend(items)
    for fact in store.facts(kind="presence_count", recorded_before=cut):
        count = _claimed_count(fact, vocab)
        if count is None:
            skipped += 1
        else:
            counts.append(count)
    day = known_on.date() if isinstance(known_on, datetime) else known_on
    return ClaimSet(tuple(evidence), tuple(counts), day, skipped)


def _document_roots(store: Store) -> dict[str, str]:
    """doc id -> id of the original it near-duplicates (following chains), for linked docs."""
    d = t.documents
    with store.session() as session:
        links = dict(
            session.execute(
                sa.select(d.c.id, d.c.duplicate_of).where(d.c.duplicate_of.is_not(None))
            ).all()
        )
    roots: dict[str, str] = {}
    for doc_id in links:
        seen, root = {doc_id}, links[doc_id]
        while root in links and root not in seen:
            seen.add(root)
            root = links[root]
        roots[doc_id] = root
    return roots


def resolve_group(vocab: Vocabulary, value: Any) -> str | None:
    """A group id from an id, canonical name or alias; None if unknown."""
    if not isinstance(value, str) or not value.strip():
        return None
    if value in vocab.groups.by_id:
        return value
    group = vocab.groups.find(value)
    return group.id if group else None


def resolve_place(vocab: Vocabulary, label: Any) -> tuple[str, str | None, str] | None:
    """(state code, municipality code or None, label) of a Mexican place label; None for
    countries and unknown names."""
    if not isinstance(label, str) or not label.strip():
        return None
    places = vocab.places
    try:
        ref = places.ref(label)
    except NotFoundError:
        ref = None
        if "/" in label:
            state_name, muni_name = label.split("/", 1)
            found = places.find_municipality(muni_name, state_name)
            if found:
                ref = places.ref(found[0].code)
        else:
            state = places.find_state(label)
            ref = places.ref(state.code) if state else None
    if ref is None or ref.state_code is None:
        return None
    if ref.kind == "state":
        return ref.code, None, ref.label
    muni = places.ref(ref.label)  # ports and crossings exchange as their municipality
    return muni.state_code or ref.state_code, muni.code, muni.label


def period(value: Any) -> tuple[date, date] | None:
    """(first, last) day of an ISO date, partial date ('2020', '2020-07') or interval."""
    if isinstance(value, datetime):
        return value.date(), value.date()
    if isinstance(value, date):
        return value, value
    if not isinstance(value, str) or not value.strip():
        return None
    parts = value.strip().split("/")
    try:
        lo = partial_date_bounds(parts[0].strip()[:10])[0]
        hi = partial_date_bounds(parts[-1].strip()[:10])[1]
    except (ValueError, IndexError):
        return None
    return (lo, hi) if lo <= hi else (hi, lo)


def _fact_period(fact: StoredFact, key: str) -> tuple[date, date]:
    found = period(fact.fields.get(key))
    if found:
        return found
    if fact.valid_from:
        return fact.valid_from, fact.valid_to or fact.valid_from
    if fact.doc_published:
        return fact.doc_published, fact.doc_published
    day = fact.recorded_at.date()
    return day, day


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _evidence_of(
    fact: StoredFact, vocab: Vocabulary, cfg: PresenceConfig, roots: dict[str, str]
) -> Iterator[PresenceEvidence]:
    f = fact.fields
    if fact.kind == "presence":
        gid = f.get("group_id") if f.get("group_id") in vocab.groups.by_id else None
        groups = [gid] if gid else [resolve_group(vocab, f.get("group"))]
        polarity = str(f.get("polarity") or fact.polarity)
        dates = _fact_period(fact, "as_of")
        kind_factor = 1.0
        level = f.get("level")
    else:
        if (f.get("polarity") or fact.polarity) == "negated":
            return  # an event said not to have happened places nobody
        polarity = str(f.get("actor_polarity") or "asserted")
        if polarity == "negated":
            return
        groups = [resolve_group(vocab, a) for a in _as_list(f.get("actor"))]
        if not groups and f.get("group_id") in vocab.groups.by_id:
            groups = [f["group_id"]]
        dates = _fact_period(fact, "date")
        kind_factor = cfg.event_factor
        level = f.get("event_type")
    known = [g for g in dict.fromkeys(groups) if g]
    if not known:
        return
    source = fact.source or f.get("source") or None
    speaker = source or fact.doc_publisher
    grade = vocab.sources.reliability(fact.source_id or speaker)
    pol_factor = {"asserted": cfg.asserted, "hedged": cfg.hedged, "negated": cfg.negated}.get(
        polarity, cfg.hedged
    )
    base = cfg.reliability.get(grade, cfg.reliability.get("F", 0.5)) * pol_factor * kind_factor
    if cfg.use_fact_confidence:
        base *= max(0.0, min(1.0, fact.confidence))
    folded = fold(fact.evidence.sentence)
    cue = level == "contested" or (
        fact.kind == "presence" and any(c in folded for c in cfg.contested_cues)
    )
    clash = fact.kind == "event" and level in CLASH_TYPES and len(known) > 1
    for label in _as_list(f.get("place")):
        where = resolve_place(vocab, label)
        if where is None:
            continue
        state_code, muni_code, place_label = where
        for gid in known:
            yield PresenceEvidence(
                fact_id=fact.id,
                doc_id=fact.doc_id,
                kind=fact.kind,
                group_id=gid,
                place=place_label,
                state_code=state_code,
                municipality_code=muni_code,
                stance="against" if polarity == "negated" else "support",
                polarity=polarity,
                level=level if isinstance(level, str) else None,
                date_from=dates[0],
                date_to=dates[1],
                sentence=fact.evidence.sentence,
                source=speaker,
                reliability=grade,
                doc_title=fact.doc_title,
                doc_url=fact.doc_url,
                independent_of=roots.get(fact.doc_id, fact.doc_id),
                base_weight=base,
                recorded_at=fact.recorded_at,
                contested=cue or clash,
                other_groups=tuple(g for g in known if g != gid) if clash else (),
                speaker_key=source_key(speaker, vocab.sources),
            )


def _claimed_count(fact: StoredFact, vocab: Vocabulary) -> ClaimedCount | None:
    f = fact.fields
    gid = f.get("group_id") if f.get("group_id") in vocab.groups.by_id else None
    gid = gid or resolve_group(vocab, f.get("group"))
    try:
        count = int(f["count"])
    except (KeyError, TypeError, ValueError):
        return None
    if gid is None:
        return None
    of = f.get("of")
    when = period(f.get("as_of"))
    source = fact.source or f.get("source") or fact.doc_publisher
    return ClaimedCount(
        fact_id=fact.id,
        group_id=gid,
        count=count,
        of=int(of) if isinstance(of, int | str) and str(of).isdigit() else None,
        as_of=when[1] if when else fact.valid_from or fact.doc_published,
        source=source,
        reliability=vocab.sources.reliability(fact.source_id or source),
        sentence=fact.evidence.sentence,
        doc_title=fact.doc_title,
        doc_url=fact.doc_url,
    )


def strongest_per_document(items: Iterable[PresenceEvidence]) -> list[PresenceEvidence]:
    """One piece of evidence per independent document: the heaviest."""
    best: dict[str, PresenceEvidence] = {}
    for e in items:
        if e.independent_of not in best or e.weight > best[e.independent_of].weight:
            best[e.independent_of] = e
    return list(best.values())

"""Conflict dyads and alliances: who fights whom where, and who works with whom.

A conflict dyad is a pair of groups with evidence of fighting in a place:

* an armed clash (counted once per incident) whose actors include both groups;
* a contested-presence claim ("turf war", "disputa", baseline level ``contested``) in a
  state, paired with the other group the same document says is contested there, or
  else with a rival from the vocabulary that is also reported present in that state.

Rivalries in the vocabulary alone do not make a dyad (a rivalry says nothing about
where); they are listed on the dyad when they agree. Alliances come from the
vocabulary's dated ``alliance`` relations and from claims: sentences naming two groups
together with an alliance word ("alianza", "allied with").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations

from cartel_atlas.analyze.counting import (
    CountedEvent,
    EvidenceRef,
    counted_events,
    group_family,
    presence_ref,
)
from cartel_atlas.analyze.presence_claims import PresenceEvidence, load_claims
from cartel_atlas.errors import NotFoundError
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary
from cartel_atlas.vocab.groups import GroupRelation, partial_date_bounds
from cartel_atlas.vocab.text import fold

CLASH_TYPES = frozenset({"armed_clash"})
ALLIANCE_CUES = (
    "alianza",
    "aliados",
    "aliado",
    "aliada",
    "se aliaron",
    "alliance",
    "allied",
    "allies",
    "in partnership with",
)
HOSTILE_CUES = (
    "war",
    "guerra",
    "fight",
    "fighting",
    "pelea",
    "combate",
    "combatir",
    "against",
    "contra",
    "anti",
    "rival",
    "rivales",
    "enfrenta",
    "enfrentan",
)
"""Words that make an alliance sentence about enemies ("an alliance formed to fight the
CJNG"): such sentences are not read as alliance claims between the groups named."""


@dataclass(frozen=True, slots=True)
class DyadPlace:
    """The fighting between a pair in one place."""

    place: str
    state_code: str
    clashes: int = 0
    killed: int = 0
    contested_claims: int = 0
    first_date: date | None = None
    last_date: date | None = None


@dataclass(frozen=True, slots=True)
class Dyad:
    """Two groups in conflict, where, on what grounds, with the evidence."""

    a: str
    b: str
    a_name: str
    b_name: str
    clashes: int
    killed: int
    contested_claims: int
    places: tuple[DyadPlace, ...]
    bases: tuple[str, ...]
    """'clash', 'contested claim', 'rivalry (vocabulary)'."""
    first_date: date | None
    last_date: date | None
    evidence: tuple[EvidenceRef, ...] = ()
    rivalry_statements: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Alliance:
    """Two groups said to cooperate, from the vocabulary or from a claim."""

    a: str
    b: str
    a_name: str
    b_name: str
    basis: str
    """'vocabulary' or 'claim'."""
    start: str | None = None
    end: str | None = None
    statement: str | None = None
    source_url: str | None = None
    evidence: tuple[EvidenceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class DyadReport:
    """Conflict dyads (most clashes first) and alliances."""

    conflicts: tuple[Dyad, ...]
    alliances: tuple[Alliance, ...]
    filters: dict[str, str] = field(default_factory=dict)


def _pair(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x <= y else (y, x)


def _name(vocab: Vocabulary, gid: str) -> str:
    g = vocab.groups.by_id.get(gid)
    return g.name if g else gid


def relation_active(rel: GroupRelation, on: date) -> bool:
    """Whether a dated vocabulary relation holds on ``on``."""
    start = partial_date_bounds(rel.start)[0]
    end = partial_date_bounds(rel.end)[1] if rel.end else None
    return start <= on and (end is None or on <= end)


def _relations(
    vocab: Vocabulary, kind: str, on: date
) -> dict[tuple[str, str], list[GroupRelation]]:
    out: dict[tuple[str, str], list[GroupRelation]] = defaultdict(list)
    for rel in vocab.groups.relations:
        if rel.type == kind and relation_active(rel, on):
            out[_pair(rel.a, rel.b)].append(rel)
    return out


@dataclass
class _PlaceAcc:
    state: str
    clashes: int = 0
    killed: int = 0
    claims: int = 0
    dates: list[date] = field(default_factory=list)


@dataclass
class _Acc:
    """Accumulates one dyad's evidence place by place."""

    places: dict[str, _PlaceAcc] = field(default_factory=dict)
    bases: set[str] = field(default_factory=set)
    evidence: dict[str, EvidenceRef] = field(default_factory=dict)

    def add(
        self, place: str, state: str, day: date | None, *, clash: int, killed: int, claim: int
    ) -> None:
        p = self.places.setdefault(place, _PlaceAcc(state))
        p.clashes += clash
        p.killed += killed
        p.claims += claim
        if day is not None:
            p.dates.append(day)


def conflict_dyads(
    store: Store,
    vocab: Vocabulary,
    *,
    group: str | None = None,
    state: str | None = None,
    since: date | None = None,
    as_of: date | None = None,
    known_on: datetime | None = None,
    events: Iterable[CountedEvent] | None = None,
) -> DyadReport:
    """Conflict dyads and alliances, optionally about one group (with its factions), in
    one state, with evidence dated on or after ``since``."""
    on = as_of or date.today()
    family = group_family(vocab, group) if group else None
    state_code = None
    if state is not None:
        st = vocab.places.find_state(state)
        if st is None:
            raise NotFoundError(f"unknown state '{state}'")
        state_code = st.code
    rivals = _relations(vocab, "rivalry", on)
    acc: dict[tuple[str, str], _Acc] = defaultdict(_Acc)

    pool = events if events is not None else counted_events(store, vocab, known_on=known_on)
    for ev in pool:
        if ev.event_type not in CLASH_TYPES or len(ev.groups) < 2 or ev.state_code is None:
            continue
        if since and (ev.date_to or date.max) < since:
            continue
        for x, y in combinations(sorted(set(ev.groups)), 2):
            a = acc[_pair(x, y)]
            a.add(
                ev.place or ev.state_code,
                ev.state_code,
                ev.date_from,
                clash=1,
                killed=ev.killed or 0,
                claim=0,
            )
            a.bases.add("clash")
            for ref in ev.evidence:
                a.evidence.setdefault(ref.fact_id, ref)

    claims = load_claims(store, vocab, known_on=known_on)
    supporting = [e for e in claims.evidence if e.stance == "support" and e.kind == "presence"]
    in_state: dict[str, set[str]] = defaultdict(set)
    for e in supporting:
        in_state[e.state_code].add(e.group_id)
    contested = [e for e in supporting if e.contested and not (since and e.date_to < since)]
    by_doc_state: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in contested:
        by_doc_state[(e.independent_of, e.state_code)].add(e.group_id)
    for e in contested:
        label = vocab.places.states[e.state_code].label
        partners = by_doc_state[(e.independent_of, e.state_code)] - {e.group_id}
        basis = "contested claim"
        if not partners:
            partners = {
                other
                for other in in_state[e.state_code] - {e.group_id}
                if _pair(e.group_id, other) in rivals
            }
        for other in partners:
            a = acc[_pair(e.group_id, other)]
            a.add(label, e.state_code, e.date_to, clash=0, killed=0, claim=1)
            a.bases.add(basis)
            a.evidence.setdefault(e.fact_id, presence_ref(e))

    conflicts = []
    for (x, y), a in acc.items():
        if family is not None and not ({x, y} & family):
            continue
        places = tuple(
            sorted(
                (
                    DyadPlace(
                        place=label,
                        state_code=p.state,
                        clashes=p.clashes,
                        killed=p.killed,
                        contested_claims=p.claims,
                        first_date=min(p.dates) if p.dates else None,
                        last_date=max(p.dates) if p.dates else None,
                    )
                    for label, p in a.places.items()
                    if state_code is None or p.state == state_code
                ),
                key=lambda d: (-d.clashes, -d.contested_claims, d.place),
            )
        )
        if not places:
            continue
        rels = rivals.get((x, y), [])
        bases = sorted(a.bases) + (["rivalry (vocabulary)"] if rels else [])
        dates = [d for p in places for d in (p.first_date, p.last_date) if d]
        conflicts.append(
            Dyad(
                a=x,
                b=y,
                a_name=_name(vocab, x),
                b_name=_name(vocab, y),
                clashes=sum(p.clashes for p in places),
                killed=sum(p.killed for p in places),
                contested_claims=sum(p.contested_claims for p in places),
                places=places,
                bases=tuple(bases),
                first_date=min(dates) if dates else None,
                last_date=max(dates) if dates else None,
                evidence=tuple(a.evidence.values()),
                rivalry_statements=tuple(r.statement for r in rels),
            )
        )
    conflicts.sort(key=lambda d: (-d.clashes, -d.contested_claims, d.a, d.b))
    alliances = _alliances(vocab, claims.evidence, on, family, rivals)
    filters = {k: v for k, v in (("group", group), ("state", state)) if v}
    return DyadReport(tuple(conflicts), tuple(alliances), filters)


def _alliances(
    vocab: Vocabulary,
    evidence: Iterable[PresenceEvidence],
    on: date,
    family: set[str] | None,
    rivals: dict[tuple[str, str], list[GroupRelation]],
) -> list[Alliance]:
    out: dict[tuple[str, str, str], Alliance] = {}
    for (x, y), rels in _relations(vocab, "alliance", on).items():
        for rel in rels:
            out.setdefault(
                (x, y, "vocabulary"),
                Alliance(
                    x,
                    y,
                    _name(vocab, x),
                    _name(vocab, y),
                    "vocabulary",
                    rel.start,
                    rel.end,
                    rel.statement,
                    rel.source_url,
                ),
            )
    by_sentence: dict[tuple[str, str], list[PresenceEvidence]] = defaultdict(list)
    for e in evidence:
        if e.kind == "presence" and e.stance == "support" and not e.contested:
            by_sentence[(e.doc_id, e.sentence)].append(e)
    for (_doc, sentence), items in by_sentence.items():
        folded = f" {fold(sentence)} "
        if not any(f" {fold(cue)} " in folded for cue in ALLIANCE_CUES):
            continue
        if any(f" {fold(cue)} " in folded for cue in HOSTILE_CUES):
            continue
        for x, y in combinations(sorted({e.group_id for e in items}), 2):
            if (x, y) in rivals:
                continue
            refs = tuple(presence_ref(e) for e in items if e.group_id in (x, y))
            key = (x, y, "claim")
            if key in out:
                refs = out[key].evidence + refs
            out[key] = Alliance(x, y, _name(vocab, x), _name(vocab, y), "claim", evidence=refs)
    found = [a for a in out.values() if family is None or {a.a, a.b} & family]
    return sorted(found, key=lambda a: (a.a, a.b, a.basis))

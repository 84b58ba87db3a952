"""The one-screen summary of the atlas: how much we hold and how far it reaches.

It is what ``make run`` prints after loading the sample data, so a new user sees at once
whether the atlas is populated: documents, facts by kind, groups, states covered, and
the groups reported in the most states.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from cartel_atlas.store import Store, StoredFact
from cartel_atlas.vocab import Vocabulary


@dataclass(frozen=True)
class AtlasSummary:
    """Counts of what the store holds, for the CLI summary."""

    documents: int
    facts_by_kind: dict[str, int]
    groups: int
    states_covered: int
    top_groups: list[tuple[str, int]]
    """(group name, number of states where it is reported present), most widespread first."""


def _group_ids(fact: StoredFact, vocab: Vocabulary) -> set[str]:
    fields = fact.fields
    ids: set[str] = set()
    if fields.get("group_id"):
        ids.add(str(fields["group_id"]))
    for key in ("group", "actor", "target"):
        value = fields.get(key)
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str) and (group := vocab.groups.find(name)) is not None:
                ids.add(group.id)
    return ids


def _state_codes(fact: StoredFact, vocab: Vocabulary) -> set[str]:
    value: Any = fact.fields.get("place")
    codes: set[str] = set()
    for label in value if isinstance(value, list) else [value]:
        if not isinstance(label, str) or not label:
            continue
        state = vocab.places.find_state(label.split("/", 1)[0])
        if state is not None:
            codes.add(state.code)
    return codes


def atlas_summary(store: Store, vocab: Vocabulary, *, top: int = 5) -> AtlasSummary:
    """Summarise every live fact in ``store`` (near-duplicates included once per fact)."""
    facts = store.facts()
    kinds = Counter(f.kind for f in facts)
    groups: set[str] = set()
    states: set[str] = set()
    presence: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        fact_groups = _group_ids(fact, vocab)
        groups |= fact_groups
        if fact.kind not in ("presence", "event"):
            continue
        fact_states = _state_codes(fact, vocab)
        states |= fact_states
        if fact.kind == "presence" and fact.polarity != "negated":
            for gid in fact_groups:
                presence[gid] |= fact_states
    ranked = sorted(presence.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
    return AtlasSummary(
        documents=store.counts().get("documents", 0),
        facts_by_kind=dict(sorted(kinds.items())),
        groups=len(groups),
        states_covered=len(states),
        top_groups=[(vocab.groups.get(gid).name, len(s)) for gid, s in ranked],
    )

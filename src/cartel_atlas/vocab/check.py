"""Cross-file consistency of the vocabulary, for ``cartel-atlas vocab check``.

Each loader validates its own file (schema, duplicates within the file). What no single
file can know lives here: baseline claims must name known groups, states and sources;
event cues may only require lexicon classes that exist; aliases of groups must not be
shadowed by another group.
"""

from __future__ import annotations

from dataclasses import dataclass

from cartel_atlas.vocab import Vocabulary


@dataclass(frozen=True)
class VocabReport:
    """Counts and problems of a loaded vocabulary."""

    counts: dict[str, int]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def _baseline_problems(vocab: Vocabulary) -> list[str]:
    problems = []
    labels = {s.label for s in vocab.places.states.values()}
    for i, claim in enumerate(vocab.baseline, start=1):
        where = f"baseline_presence.yaml claim #{i} ({claim.group} in {claim.place})"
        if claim.group not in vocab.groups.by_id:
            problems.append(f"{where}: unknown group id '{claim.group}'")
        if claim.place not in labels:
            problems.append(f"{where}: '{claim.place}' is not a state label")
        if vocab.sources.match(claim.source) is None:
            problems.append(f"{where}: source '{claim.source}' is not in sources.yaml")
    return problems


def vocabulary_counts(vocab: Vocabulary) -> dict[str, int]:
    """How much the vocabulary holds, for the check summary and the tests."""
    groups = list(vocab.groups)
    return {
        "states": len(vocab.places.states),
        "municipalities": len(vocab.places.municipalities),
        "ports": len(vocab.places.ports),
        "border crossings": len(vocab.places.crossings),
        "countries": len(vocab.places.countries),
        "groups": len(groups),
        "group aliases": sum(len(g.aliases) for g in groups),
        "group relations": len(vocab.groups.relations),
        "event types": len(vocab.events.types),
        "event cue phrases": vocab.events.cue_count(),
        "lexicon entries": sum(len(vocab.lexicon.words(c)) for c in vocab.lexicon.classes()),
        "commodities": len(vocab.commodities.by_id),
        "sources": len(vocab.sources.by_id),
        "baseline claims": len(vocab.baseline),
        "states with baseline claims": len({c.place for c in vocab.baseline}),
    }


def check_vocabulary(vocab: Vocabulary) -> VocabReport:
    """Every problem the loaders and the cross-file rules find (empty when consistent)."""
    problems: list[str] = []
    problems += vocab.places.check()
    problems += vocab.groups.check()
    problems += vocab.events.check(set(vocab.lexicon.classes()))
    problems += vocab.lexicon.check()
    problems += vocab.commodities.check()
    problems += vocab.sources.check()
    problems += _baseline_problems(vocab)
    return VocabReport(counts=vocabulary_counts(vocab), problems=problems)

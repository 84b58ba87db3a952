"""The gazetteer: every name and cue phrase of the vocabulary in two automata, built once.

``entities`` holds group, place (states, municipalities, ports, crossings, countries) and
commodity surface forms; ``cues`` holds, per language, the lexicon word classes and the
event cue phrases. Building takes a fraction of a second, so it is cached per vocabulary
object and every document after the first pays only the scan.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from cartel_atlas.extract.phrases import PhraseMatcher
from cartel_atlas.vocab import Vocabulary
from cartel_atlas.vocab.lexicon import Lexicon, load_lexicon
from cartel_atlas.vocab.text import fold

# Lexicon classes the extractors read; number/date words are the dates/numbers modules' job,
# and speakers are found by attribution.py's patterns (its verbs need their subjects).
CUE_CLASSES = (
    "hedge",
    "perpetration",
    "lab_action",
    "negation",
    "presence",
    "contest",
    "flow",
    "legal_action",
    "killed",
    "wounded",
    "victim_roles",
    "drug_words",
    "weapon_words",
    "fuel_words",
)


@dataclass(frozen=True, slots=True)
class GroupEntry:
    """Payload of a group surface form: which group, and whether the form needs context."""

    group_id: str
    name: str
    needs_context: bool
    surface: str


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """Payload of a place surface form (one reading of it)."""

    kind: str
    code: str
    label: str
    state_code: str | None
    surface: str


@dataclass(frozen=True, slots=True)
class CommodityEntry:
    """Payload of a commodity surface form."""

    commodity_id: str
    name_en: str
    category: str


@dataclass(frozen=True, slots=True)
class LexEntry:
    """Payload of a lexicon phrase: its class and attributes (role, action, value...)."""

    cls: str
    text: str
    attrs: tuple[tuple[str, Any], ...] = ()

    def attr(self, name: str) -> Any:
        return dict(self.attrs).get(name)


@dataclass(frozen=True, slots=True)
class EventEntry:
    """Payload of an event cue: the event type and the word class it needs nearby."""

    event_type: str
    needs: str | None
    text: str


@dataclass(frozen=True)
class Gazetteer:
    """The automata for one vocabulary, plus the lexicon they were built from."""

    entities: PhraseMatcher
    """Finds only the longest name at each place (it settles overlaps)."""
    cues: dict[str, PhraseMatcher]
    lexicon: Lexicon
    acronyms: dict[str, GroupEntry]
    """Upper-case group acronyms (>= 4 letters), for the misspelling fallback."""
    long_names: dict[str, GroupEntry]
    """Folded group names of 12+ characters, for the fuzzy misspelling fallback."""


def _entities(
    vocab: Vocabulary,
) -> tuple[PhraseMatcher, dict[str, GroupEntry], dict[str, GroupEntry]]:
    entries: list[tuple[str, Any]] = []
    acronyms: dict[str, GroupEntry] = {}
    long_names: dict[str, GroupEntry] = {}
    for text, group, alias in vocab.groups.surface_forms():
        needs = bool(getattr(alias, "needs_context", False)) if alias is not None else False
        entry = GroupEntry(group.id, group.name, needs, text)
        entries.append((text, entry))
        if text.isupper() and text.isalpha() and len(text) >= 4 and not needs:
            acronyms[text] = entry
        if len(fold(text)) >= 12 and not needs:
            long_names.setdefault(fold(text), entry)
    places = vocab.places
    for surface, ref in places.surface_forms():
        entries.append(
            (surface, PlaceEntry(ref.kind, ref.code, ref.label, ref.state_code, surface))
        )
    for surface, com in vocab.commodities.surface_forms():
        entries.append((surface, CommodityEntry(com.id, com.name_en, com.category)))
    # names never overlap in a reading of the text: the longest one at each place is taken
    matcher = PhraseMatcher(entries, exact=places.exact_case_forms(), settle=True)
    return matcher, acronyms, long_names


def _cues(vocab: Vocabulary, lexicon: Lexicon, lang: str) -> PhraseMatcher:
    entries: list[tuple[str, Any]] = []
    for cls in CUE_CLASSES:
        if cls not in lexicon.entries:
            continue
        for cue in lexicon.words(cls, lang):
            entries.append((cue.text, LexEntry(cls, cue.text, tuple(sorted(cue.attrs.items())))))
    for ecue, etype in vocab.events.cues(lang):
        entries.append((ecue.text, EventEntry(etype.id, ecue.needs, ecue.text)))
    return PhraseMatcher(entries)


_CACHE: dict[int, tuple[Vocabulary, Gazetteer]] = {}
_LOCK = threading.Lock()


def gazetteer_for(vocab: Vocabulary) -> Gazetteer:
    """The gazetteer of ``vocab``, built on first use and then reused."""
    with _LOCK:
        cached = _CACHE.get(id(vocab))
        if cached is not None and cached[0] is vocab:
            return cached[1]
        lexicon = load_lexicon(vocab.directory)
        entities, acronyms, long_names = _entities(vocab)
        gz = Gazetteer(
            entities=entities,
            cues={lang: _cues(vocab, lexicon, lang) for lang in ("es", "en")},
            lexicon=lexicon,
            acronyms=acronyms,
            long_names=long_names,
        )
        _CACHE[id(vocab)] = (vocab, gz)
        return gz

"""The event taxonomy: 16 event types, their ACLED and SESNSP mappings and bilingual cues.

Types and cues live in ``events.yaml`` so that a new phrase for an old crime is a data
edit. The mappings let incidents we extract be compared with ACLED events and SESNSP
crime statistics, which use their own categories.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cartel_atlas.errors import VocabError
from cartel_atlas.vocab.files import line_of, read_yaml, validate
from cartel_atlas.vocab.text import fold

EVENTS_FILE = "events.yaml"

EVENT_TYPE_IDS: tuple[str, ...] = (
    "homicide",
    "massacre",
    "attack_on_official",
    "attack_on_security_forces",
    "armed_clash",
    "kidnapping",
    "extortion",
    "disappearance",
    "drug_seizure",
    "arms_seizure",
    "arrest",
    "extradition",
    "fuel_theft",
    "human_smuggling",
    "lab_dismantled",
    "other",
)
"""The fixed event types, in the order the taxonomy file must list them."""


class AcledMapping(BaseModel):
    """An ACLED (event type, sub-event type) pair; ``primary`` marks the way back."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_type: str = Field(min_length=1)
    sub_event_type: str = Field(min_length=1)
    primary: bool = False


class SesnspMapping(BaseModel):
    """A SESNSP category, by the exact ``Tipo de delito`` / ``Subtipo de delito`` strings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tipo: str = Field(min_length=1)
    subtipo: str | None = None


class EventCue(BaseModel):
    """A phrase that signals an event type; ``needs`` names a lexicon class that must
    co-occur in the sentence for the cue to count."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    lang: Literal["es", "en"]
    needs: str | None = None
    note: str | None = None

    @property
    def key(self) -> str:
        """Folded form used for matching."""
        return fold(self.text)


class EventType(BaseModel):
    """One event type with its labels, definition, mappings and cues."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z_]+$")
    label_en: str = Field(min_length=1)
    label_es: str = Field(min_length=1)
    definition: str = Field(min_length=20)
    acled: list[AcledMapping] = Field(default_factory=list)
    sesnsp: list[SesnspMapping] = Field(default_factory=list)
    cues: list[EventCue] = Field(min_length=1)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    types: list[dict]  # validated one by one for precise line numbers


@dataclass(frozen=True)
class EventTaxonomy:
    """The loaded taxonomy: types by id, in file order."""

    version: int
    types: dict[str, EventType]
    path: Path

    def cues(self, lang: str | None = None) -> Iterator[tuple[EventCue, EventType]]:
        """Every cue (optionally of one language) with the type it signals."""
        for etype in self.types.values():
            for cue in etype.cues:
                if lang is None or cue.lang == lang:
                    yield cue, etype

    def cue_count(self) -> int:
        """Number of cue phrases across all types and languages."""
        return sum(len(t.cues) for t in self.types.values())

    def for_sesnsp(self, tipo: str, subtipo: str | None = None) -> list[EventType]:
        """Types mapped to a SESNSP category (folded comparison; a mapping without
        ``subtipo`` covers every subtype of its ``tipo``)."""
        ft, fs = fold(tipo), fold(subtipo) if subtipo else None
        found = []
        for etype in self.types.values():
            for m in etype.sesnsp:
                if fold(m.tipo) != ft:
                    continue
                if m.subtipo is None or fs is None or fold(m.subtipo) == fs:
                    found.append(etype)
                    break
        return found

    def for_acled(self, event_type: str, sub_event_type: str) -> EventType | None:
        """The type an ACLED event maps to: the primary mapping, else the only one."""
        key = (fold(event_type), fold(sub_event_type))
        candidates = [
            (m.primary, etype)
            for etype in self.types.values()
            for m in etype.acled
            if (fold(m.event_type), fold(m.sub_event_type)) == key
        ]
        for primary, etype in candidates:
            if primary:
                return etype
        return candidates[0][1] if len(candidates) == 1 else None

    def check(self, lexicon_classes: set[str] | None = None) -> list[str]:
        """Problems an editor should fix: missing/extra types, a cue (same language and
        ``needs``) under two types, unknown ``needs`` classes, ambiguous ACLED pairs."""
        problems: list[str] = []
        missing = [t for t in EVENT_TYPE_IDS if t not in self.types]
        extra = [t for t in self.types if t not in EVENT_TYPE_IDS]
        if missing:
            problems.append(f"missing event types: {', '.join(missing)}")
        if extra:
            problems.append(f"unknown event types: {', '.join(extra)}")
        owner: dict[tuple[str, str, str | None], str] = {}
        for cue, etype in self.cues():
            k = (cue.lang, cue.key, cue.needs)
            if k in owner and owner[k] != etype.id:
                problems.append(
                    f"cue '{cue.text}' ({cue.lang}, needs={cue.needs}) is mapped to "
                    f"both {owner[k]} and {etype.id}"
                )
            elif k in owner:
                problems.append(f"{etype.id}: duplicate cue '{cue.text}' ({cue.lang})")
            owner.setdefault(k, etype.id)
            if cue.needs and lexicon_classes is not None and cue.needs not in lexicon_classes:
                problems.append(
                    f"{etype.id}: cue '{cue.text}' needs unknown lexicon class '{cue.needs}'"
                )
        for etype in self.types.values():
            for lang in ("es", "en"):
                if not any(c.lang == lang for c in etype.cues):
                    problems.append(f"{etype.id}: no '{lang}' cues")
        pairs: dict[tuple[str, str], list[tuple[str, bool]]] = {}
        for etype in self.types.values():
            for m in etype.acled:
                pairs.setdefault((m.event_type, m.sub_event_type), []).append((etype.id, m.primary))
        for (ev, sub), users in pairs.items():
            primaries = [u for u, p in users if p]
            if len(users) > 1 and len(primaries) != 1:
                problems.append(
                    f"ACLED {ev}/{sub} is mapped by {', '.join(u for u, _ in users)} "
                    f"with {len(primaries)} primary (need exactly one)"
                )
        return problems


def load_events(directory: Path) -> EventTaxonomy:
    """Load and validate ``events.yaml``; a bad record raises ``VocabError`` with its line."""
    path = Path(directory) / EVENTS_FILE
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("types"), list):
        raise VocabError("expected a top-level 'types:' list", file=str(path), code="V004")
    header = validate(_File, data, file=path, line=line_of(data))
    types: dict[str, EventType] = {}
    for raw in data["types"]:  # the raw records still carry their line numbers
        etype = validate(EventType, raw, file=path, line=line_of(raw))
        if etype.id in types:
            raise VocabError(
                f"duplicate event type '{etype.id}'",
                file=str(path),
                line=line_of(raw, "id"),
                field="id",
                code="V011",
            )
        if etype.id not in EVENT_TYPE_IDS:
            raise VocabError(
                f"unknown event type '{etype.id}' (allowed: {', '.join(EVENT_TYPE_IDS)})",
                file=str(path),
                line=line_of(raw, "id"),
                field="id",
                code="V012",
            )
        types[etype.id] = etype
    return EventTaxonomy(version=header.version, types=types, path=path)

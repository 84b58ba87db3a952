"""Word classes for extraction (hedges, negations, attribution, numbers, dates...) as data.

Extraction components should not hard-code Spanish or English words: an analyst who
meets a new hedge or a new victim role adds a line to ``lexicon.yaml``. Each entry is a
phrase in one language, optionally carrying attributes (a number's value, a victim's role,
a legal action, an ambiguity warning) that the components read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from cartel_atlas.errors import VocabError
from cartel_atlas.vocab.files import line_of, read_yaml, validate
from cartel_atlas.vocab.text import fold

LEXICON_FILE = "lexicon.yaml"
LANGS = ("es", "en")

Role = Literal["official", "security_forces", "civilian", "journalist"]
Action = Literal["designation", "sanction", "indictment", "reward", "sentence"]

# Attributes some classes cannot do without: a number word without its value is useless.
REQUIRED_ATTRS: dict[str, str] = {
    "number_words": "value",
    "months": "value",
    "weekdays": "value",
    "victim_roles": "role",
    "legal_action": "action",
}


class _Entry(BaseModel):
    """Schema of one lexicon entry written as a mapping."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    value: int | float | None = None
    approx: bool | None = None
    role: Role | None = None
    action: Action | None = None
    ambiguous: str | None = None
    note: str | None = None


class _Class(BaseModel):
    """Schema of one word class: a description and one list per language."""

    model_config = ConfigDict(extra="forbid")

    description: str = Field(min_length=5)
    es: list[str | _Entry] = Field(default_factory=list)
    en: list[str | _Entry] = Field(default_factory=list)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    classes: dict[str, _Class]


@dataclass(frozen=True, slots=True)
class Cue:
    """One phrase of a word class; ``attrs`` holds value/role/action/approx/ambiguous/note."""

    text: str
    lang: str
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def key(self) -> str:
        """Folded form used for matching."""
        return fold(self.text)


@dataclass(frozen=True)
class Lexicon:
    """All word classes, loaded from ``lexicon.yaml``."""

    version: int
    descriptions: dict[str, str]
    entries: dict[str, tuple[Cue, ...]]
    path: Path

    def classes(self) -> list[str]:
        """Names of the word classes, in file order."""
        return list(self.entries)

    def words(self, cls: str, lang: str | None = None) -> list[Cue]:
        """Entries of class ``cls`` (optionally one language); unknown class is an error."""
        if cls not in self.entries:
            raise VocabError(
                f"unknown lexicon class '{cls}' (known: {', '.join(self.entries)})",
                file=str(self.path),
                code="V020",
            )
        return [c for c in self.entries[cls] if lang is None or c.lang == lang]

    def check(self) -> list[str]:
        """Problems an editor should fix: duplicates, missing attributes, empty languages."""
        problems: list[str] = []
        for cls, cues in self.entries.items():
            seen: dict[tuple[str, str], str] = {}
            for lang in LANGS:
                if not any(c.lang == lang for c in cues):
                    problems.append(f"{cls}: no '{lang}' entries")
            for cue in cues:
                k = (cue.lang, cue.key)
                if k in seen:
                    problems.append(
                        f"{cls}: duplicate {cue.lang} entry '{cue.text}' (same as '{seen[k]}')"
                    )
                seen[k] = cue.text
                need = REQUIRED_ATTRS.get(cls)
                if need and need not in cue.attrs:
                    problems.append(f"{cls}: {cue.lang} entry '{cue.text}' lacks '{need}'")
                if not cue.key:
                    problems.append(f"{cls}: {cue.lang} entry '{cue.text}' has no letters")
        return problems


def _cue(item: str | _Entry, lang: str) -> Cue:
    if isinstance(item, str):
        return Cue(text=item, lang=lang)
    attrs = item.model_dump(exclude={"text"}, exclude_none=True)
    return Cue(text=item.text, lang=lang, attrs=attrs)


def load_lexicon(directory: Path) -> Lexicon:
    """Load and validate ``lexicon.yaml``; schema errors name file, line and field."""
    path = Path(directory) / LEXICON_FILE
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise VocabError(
            "expected a mapping with 'version' and 'classes'", file=str(path), code="V004"
        )
    parsed = validate(_File, data, file=path, line=line_of(data))
    entries: dict[str, list[Cue]] = defaultdict(list)
    for name, cls in parsed.classes.items():
        for lang in LANGS:
            entries[name].extend(_cue(item, lang) for item in getattr(cls, lang))
    return Lexicon(
        version=parsed.version,
        descriptions={n: c.description for n, c in parsed.classes.items()},
        entries={n: tuple(v) for n, v in entries.items()},
        path=path,
    )

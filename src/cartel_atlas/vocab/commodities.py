"""Commodities of trafficking flows and seizures, with Spanish and English surface forms.

Flows are compared across languages ("fentanilo" in a communiqué, "fentanyl" in a U.S.
report), so every commodity carries its synonyms in both, and ``find`` maps any of them
to one canonical record.
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

COMMODITIES_FILE = "commodities.yaml"

Category = Literal[
    "drug", "precursor", "firearm", "ammunition", "explosive", "fuel", "migrants", "money", "other"
]


class Synonyms(BaseModel):
    """Other surface forms of a commodity, per language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    es: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class Commodity(BaseModel):
    """One commodity: canonical names, category and synonyms."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name_en: str = Field(min_length=1)
    name_es: str = Field(min_length=1)
    category: Category
    synonyms: Synonyms = Field(default_factory=Synonyms)

    def surfaces(self) -> list[str]:
        """Names and synonyms, English name first, without repeats after folding."""
        seen: set[str] = set()
        out = []
        for s in [self.name_en, self.name_es, *self.synonyms.en, *self.synonyms.es]:
            if fold(s) not in seen:
                seen.add(fold(s))
                out.append(s)
        return out


@dataclass(frozen=True)
class Commodities:
    """All commodities, by id and by folded surface form."""

    version: int
    by_id: dict[str, Commodity]
    path: Path
    _by_surface: dict[str, Commodity]
    _clashes: tuple[str, ...]

    def find(self, surface: str) -> Commodity | None:
        """The commodity a surface form names (case/accent/punctuation-insensitive), or None;
        an id works too."""
        if surface in self.by_id:
            return self.by_id[surface]
        return self._by_surface.get(fold(surface))

    def surface_forms(self) -> Iterator[tuple[str, Commodity]]:
        """Every (surface form, commodity) pair, for building gazetteers."""
        for c in self.by_id.values():
            for s in c.surfaces():
                yield s, c

    def check(self) -> list[str]:
        """Problems an editor should fix: a surface form shared by two commodities."""
        return list(self._clashes)


def load_commodities(directory: Path) -> Commodities:
    """Load and validate ``commodities.yaml``; a bad record raises ``VocabError``."""
    path = Path(directory) / COMMODITIES_FILE
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("commodities"), list):
        raise VocabError("expected a top-level 'commodities:' list", file=str(path), code="V004")
    version = data.get("version")
    if not isinstance(version, int):
        raise VocabError(
            "'version' must be an integer",
            file=str(path),
            line=line_of(data, "version"),
            field="version",
            code="V010",
        )
    by_id: dict[str, Commodity] = {}
    by_surface: dict[str, Commodity] = {}
    clashes: list[str] = []
    for raw in data["commodities"]:
        c = validate(Commodity, raw, file=path, line=line_of(raw))
        if c.id in by_id:
            raise VocabError(
                f"duplicate commodity id '{c.id}'",
                file=str(path),
                line=line_of(raw, "id"),
                field="id",
                code="V011",
            )
        by_id[c.id] = c
        for s in c.surfaces():
            key = fold(s)
            if not key:
                raise VocabError(
                    f"surface form '{s}' has no letters or digits",
                    file=str(path),
                    line=line_of(raw, "synonyms"),
                    field="synonyms",
                    code="V010",
                )
            other = by_surface.setdefault(key, c)
            if other.id != c.id:
                clashes.append(f"'{s}' names both {other.id} and {c.id}")
    return Commodities(
        version=version, by_id=by_id, path=path, _by_surface=by_surface, _clashes=tuple(clashes)
    )

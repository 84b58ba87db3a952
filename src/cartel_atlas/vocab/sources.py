"""Registry of known sources and outlet types, graded on the Admiralty scale (A-F).

Claims are weighed by who makes them. Extraction finds a speaker's name ("según InSight
Crime", "la Fiscalía General de la República informó"); this registry turns that name into
a known source and a reliability grade. Unknown speakers grade F: reliability cannot be
judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from cartel_atlas.errors import VocabError
from cartel_atlas.model.source import Source
from cartel_atlas.vocab.files import line_of, read_yaml, validate
from cartel_atlas.vocab.text import fold

SOURCES_FILE = "sources.yaml"
UNKNOWN_GRADE = "F"

Grade = Literal["A", "B", "C", "D", "E", "F"]

_LEADING_ARTICLE = re.compile(r"^(?:la|el|los|las|the|del|de la|de los)\s+")
_MIN_CONTAINED = 4  # shorter aliases ("AP", "GN") must match the whole name


class OutletType(BaseModel):
    """A kind of outlet and the grade its members get unless overridden."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=1)
    default_reliability: Grade
    rationale: str = Field(min_length=10)


class KnownSource(BaseModel):
    """A registered source with its aliases; ``reliability`` overrides the type default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    outlet_type: str
    reliability: Grade | None = None
    url: HttpUrl | None = None
    country: str | None = None

    def names(self) -> list[str]:
        """Canonical name then aliases."""
        return [self.name, *self.aliases]


class _Header(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    outlet_types: dict[str, OutletType]
    sources: list[dict]


def _strip_articles(key: str) -> str:
    while True:
        stripped = _LEADING_ARTICLE.sub("", key, count=1)
        if stripped == key:
            return key
        key = stripped


@dataclass(frozen=True)
class SourceRegistry:
    """Known sources by id and by folded name or alias."""

    version: int
    outlet_types: dict[str, OutletType]
    by_id: dict[str, KnownSource]
    path: Path
    _by_name: dict[str, KnownSource]
    _clashes: tuple[str, ...]

    def match(self, name: str) -> KnownSource | None:
        """The source a speaker's name refers to: exact folded name or alias (leading
        articles ignored) or a source id, else the longest alias contained in it as whole
        words."""
        if name in self.by_id:
            return self.by_id[name]
        key = _strip_articles(fold(name))
        if not key:
            return None
        if key in self._by_name:
            return self._by_name[key]
        padded = f" {key} "
        best: tuple[int, KnownSource] | None = None
        for alias, src in self._by_name.items():
            if (
                len(alias) >= _MIN_CONTAINED
                and f" {alias} " in padded
                and (best is None or len(alias) > best[0])
            ):
                best = (len(alias), src)
        return best[1] if best else None

    def grade(self, source: KnownSource) -> str:
        """A registered source's grade: its override, else its outlet type's default."""
        if source.reliability:
            return source.reliability
        return self.outlet_types[source.outlet_type].default_reliability

    def reliability(self, name_or_id: str | None) -> str:
        """Admiralty grade of a source given by id or name; 'F' when unknown or None."""
        if not name_or_id:
            return UNKNOWN_GRADE
        src = self.by_id.get(name_or_id) or self.match(name_or_id)
        return self.grade(src) if src else UNKNOWN_GRADE

    def to_model(self, source: KnownSource) -> Source:
        """The frozen ``model.Source`` record other layers store."""
        return Source(
            id=source.id,
            name=source.name,
            outlet_type=source.outlet_type,
            reliability=self.grade(source),
            url=str(source.url) if source.url else None,
            country=source.country,
        )

    def check(self) -> list[str]:
        """Problems an editor should fix: aliases shared by two sources."""
        return list(self._clashes)


def load_sources(directory: Path) -> SourceRegistry:
    """Load and validate ``sources.yaml``; a bad record raises ``VocabError``."""
    path = Path(directory) / SOURCES_FILE
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise VocabError("expected a top-level 'sources:' list", file=str(path), code="V004")
    header = validate(_Header, data, file=path, line=line_of(data))
    by_id: dict[str, KnownSource] = {}
    by_name: dict[str, KnownSource] = {}
    clashes: list[str] = []
    for raw in data["sources"]:
        src = validate(KnownSource, raw, file=path, line=line_of(raw))
        if src.outlet_type not in header.outlet_types:
            raise VocabError(
                f"unknown outlet_type '{src.outlet_type}' (known: "
                f"{', '.join(header.outlet_types)})",
                file=str(path),
                line=line_of(raw, "outlet_type"),
                field="outlet_type",
                code="V012",
            )
        if src.id in by_id:
            raise VocabError(
                f"duplicate source id '{src.id}'",
                file=str(path),
                line=line_of(raw, "id"),
                field="id",
                code="V011",
            )
        by_id[src.id] = src
        for n in src.names():
            key = _strip_articles(fold(n))
            other = by_name.setdefault(key, src)
            if other.id != src.id:
                clashes.append(f"'{n}' names both {other.id} and {src.id}")
    return SourceRegistry(
        version=header.version,
        outlet_types=header.outlet_types,
        by_id=by_id,
        path=path,
        _by_name=by_name,
        _clashes=tuple(clashes),
    )

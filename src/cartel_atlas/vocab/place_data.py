"""Place records and the strict readers of the files in ``vocab/data/places/``.

The CSV files come from INEGI and are edited rarely, the YAML files are ours and edited
often; both are checked row by row so a bad key, an unknown state or a point outside
Mexico is reported with file, line and column instead of surfacing later as a wrong map.
``places.py`` builds the lookup indexes on top of these records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cartel_atlas.errors import VocabError
from cartel_atlas.vocab.files import line_of, read_csv, read_yaml, validate
from cartel_atlas.vocab.text import fold

PLACES_DIR = "places"
STATES_CSV = "mx_states.csv"
MUNICIPALITIES_CSV = "mx_municipalities.csv"
PORTS_CSV = "mx_seaports.csv"
CROSSINGS_CSV = "mx_border_crossings.csv"
ALIASES_YAML = "place_aliases.yaml"
COUNTRIES_YAML = "countries.yaml"

# Generous bounding box of Mexico including its Pacific islands: a point outside it is a
# swapped or mistyped coordinate.
LAT_RANGE = (14.0, 33.5)
LON_RANGE = (-119.0, -86.0)

PlaceKind = Literal["state", "municipality", "port", "crossing", "country"]


@dataclass(frozen=True)
class State:
    """A federal entity. ``lat``/``lon`` is a point guaranteed inside the state."""

    code: str  # INEGI CVE_ENT, e.g. '25'
    iso: str  # ISO 3166-2, e.g. 'MX-SIN'
    label: str  # exchange label, e.g. 'Sinaloa', 'México'
    name_official: str
    name_ascii: str
    aliases: tuple[str, ...]
    capital_code: str  # CVEGEO of the municipality holding the capital
    lat: float
    lon: float
    population: int | None
    also_municipality: tuple[str, ...]  # CVEGEO of municipalities named like the state


@dataclass(frozen=True)
class Municipality:
    """A municipality or Mexico City borough.

    ``lat``/``lon`` is the seat point (else the polygon centroid). Two municipalities
    created after 2020 have neither: they borrow the seat of ``parent_code``, the 2020
    municipality they split from, or else the state's interior point, and are flagged
    ``approximate``.
    """

    code: str  # CVEGEO, e.g. '25006'
    state_code: str
    name: str
    alt_names: tuple[str, ...]
    cabecera: str
    lat: float
    lon: float
    population: int | None
    centroid: tuple[float, float] | None = None  # polygon centroid (lat, lon), if any
    parent_code: str | None = None  # 2020 parent of municipalities created later
    approximate: bool = False  # lat/lon borrowed from the parent or the state


@dataclass(frozen=True)
class Port:
    """A seaport; the point is Natural Earth's port or the INEGI point of the port town."""

    name: str
    coast: str
    tier: str  # 'main' or 'secondary'
    lat: float
    lon: float
    municipality_code: str


@dataclass(frozen=True)
class Crossing:
    """A US–Mexico border crossing city pair; the point is the Mexican town, not the gate."""

    name: str  # Mexican city
    municipality_code: str
    us_city: str
    us_state: str
    us_ports: tuple[str, ...]
    lat: float
    lon: float


@dataclass(frozen=True)
class Country:
    """A country or world region, named in English as in the exchange format."""

    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class PlaceRef:
    """One reading of a place name: what it is, its code and its exchange label.

    Codes: INEGI key for states ('25') and municipalities ('25006'); 'port:<slug>',
    'crossing:<slug>' and 'country:<slug>' otherwise. The exchange format only knows
    states, municipalities and countries, so a port or crossing carries the label of the
    municipality it lies in ('Colima/Manzanillo').
    """

    kind: PlaceKind
    code: str
    label: str
    state_code: str | None


def slug(text: str) -> str:
    """Stable code fragment for ports, crossings and countries: 'La Paz (Pichilingue)' ->
    'la-paz-pichilingue'."""
    return fold(text).replace(" ", "-")


# ----------------------------------------------------------------------------- CSV cells


class CsvRow:
    """One CSV row with typed accessors whose errors name file, line and column."""

    def __init__(self, path: Path, line: int, row: dict[str, str]) -> None:
        self.path, self.line, self.row = path, line, row

    def error(self, column: str, message: str, code: str = "V020") -> VocabError:
        return VocabError(message, file=str(self.path), line=self.line, field=column, code=code)

    def text(self, column: str, *, required: bool = True) -> str:
        value = (self.row.get(column) or "").strip()
        if required and not value:
            raise self.error(column, "empty value")
        return value

    def key(self, column: str, digits: int) -> str:
        value = self.text(column)
        if not re.fullmatch(rf"\d{{{digits}}}", value):
            raise self.error(column, f"'{value}' is not a {digits}-digit INEGI key", "V021")
        return value

    def number(self, column: str, lo: float, hi: float, *, required: bool = True) -> float | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            raise self.error(column, f"'{value}' is not a number", "V022") from None
        if not lo <= number <= hi:
            raise self.error(column, f"{number} is outside Mexico ({lo}..{hi})", "V022")
        return number

    def lat(self, column: str, *, required: bool = True) -> float | None:
        return self.number(column, *LAT_RANGE, required=required)

    def lon(self, column: str, *, required: bool = True) -> float | None:
        return self.number(column, *LON_RANGE, required=required)

    def integer(self, column: str) -> int | None:
        value = self.text(column, required=False)
        if not value:
            return None
        if not value.isdigit():
            raise self.error(column, f"'{value}' is not a whole number", "V022")
        return int(value)

    def split(self, column: str, sep: str = "|") -> tuple[str, ...]:
        return tuple(p.strip() for p in self.text(column, required=False).split(sep) if p.strip())


def rows(path: Path, required: list[str]) -> Iterator[CsvRow]:
    for line, row in read_csv(path, required):
        yield CsvRow(path, line, row)


# ------------------------------------------------------------------------ YAML schemas


class StateEntry(BaseModel):
    """A state's exchange label and extra names in ``place_aliases.yaml``."""

    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^\d{2}$")
    label: str = Field(min_length=1)
    aliases: list[str] = []
    demonyms: list[str] = Field(
        default=[],
        description="Feminine adjectives of the state ('sinaloense', 'michoacana'): "
        "'la capital sinaloense' names the state capital.",
    )


class MunicipalityAlias(BaseModel):
    """A common name of a municipality in ``place_aliases.yaml``."""

    model_config = ConfigDict(extra="forbid")
    alias: str = Field(min_length=1)
    code: str = Field(pattern=r"^\d{5}$")


class CountryEntry(BaseModel):
    """A country or region in ``countries.yaml``."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    aliases: list[str] = []
    context_only: list[str] = []


@dataclass(frozen=True)
class Located:
    """A validated YAML record with the line it came from."""

    line: int | None
    record: BaseModel


def read_yaml_lists(
    path: Path, models: dict[str, type[BaseModel]]
) -> tuple[dict[str, list[Located]], list[str]]:
    """Validate the top-level lists of ``path`` and return them with its ``exact_case``."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise VocabError("expected a mapping at the top", file=str(path), code="V004")
    if not isinstance(data.get("version"), int):
        raise VocabError(
            "missing integer 'version:'",
            file=str(path),
            line=line_of(data),
            field="version",
            code="V004",
        )
    out: dict[str, list[Located]] = {}
    for key, model in models.items():
        items = data.get(key)
        if not isinstance(items, list):
            raise VocabError(
                f"expected a top-level '{key}:' list",
                file=str(path),
                line=line_of(data, key),
                code="V004",
            )
        out[key] = [
            Located(line_of(item), validate(model, item, file=path, line=line_of(data, key)))
            for item in items
        ]
    exact = data.get("exact_case", [])
    if not isinstance(exact, list) or not all(isinstance(s, str) for s in exact):
        raise VocabError(
            "'exact_case' must be a list of strings",
            file=str(path),
            line=line_of(data, "exact_case"),
            field="exact_case",
            code="V004",
        )
    return out, exact

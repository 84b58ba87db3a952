"""Mexican states, municipalities, seaports, border crossings and countries, with every
name under which they appear in Spanish and English reporting.

All names are looked up by their folded form (``vocab.text.fold``), so 'Michoacán',
'MICHOACAN' and 'michoacan' are the same key. One name often has several readings
('Juárez' is a municipality in eight states, 'Colima' a state and its capital, 'México'
the country and a state); ``candidates`` returns all of them, most likely first:

1. countries ('México' in the press means the country far more often than the state);
2. states, always before a municipality of the same name: the state reading is never
   wrong about where the capital homonym lies, and it is the safe coarse reading when a
   text only says "en Colima";
3. municipalities, those matched by official name or a listed alias before those matched
   only by the name of their seat; within each, larger population first (so 'Juárez' is
   Ciudad Juárez, Chihuahua, before Juárez, Nuevo León);
4. ports and crossings, which exchange as the municipality they lie in.

Some forms are ordinary words once folded ('Sin.' for Sinaloa is 'sin', 'US' is 'us',
'Frontera' is 'frontera'); they are listed under ``exact_case`` in the data and only match
when written exactly so. Words that name a place only in context ('país' for Mexico)
resolve through ``candidates`` but are left out of ``surface_forms``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

from cartel_atlas.errors import NotFoundError
from cartel_atlas.vocab.place_data import (
    PLACES_DIR,
    Country,
    Crossing,
    Municipality,
    PlaceKind,
    PlaceRef,
    Port,
    State,
    slug,
)
from cartel_atlas.vocab.place_load import PlaceData, read_place_data
from cartel_atlas.vocab.text import fold, strip_accents

__all__ = [
    "Country",
    "Crossing",
    "Municipality",
    "PlaceRef",
    "Places",
    "Port",
    "State",
    "load_places",
]

_TIER: dict[PlaceKind, int] = {
    "country": 0,
    "state": 1,
    "municipality": 2,
    "port": 3,
    "crossing": 3,
}
_GEOJSON = {"state": "mx_states.geojson", "municipality": "mx_municipalities.geojson"}


@dataclass(frozen=True)
class _Reading:
    ref: PlaceRef
    rank: tuple[int, int, int, str]
    surface: str  # as written in the data
    exact: bool  # only counts when the text is written exactly as ``surface``
    context_only: bool


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: accurate to well under 1% at municipal scale."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def _base(name: str) -> str:
    """'Colombia (Anáhuac)' -> 'Colombia'."""
    return name.split("(", 1)[0].strip()


class Places:
    """The place vocabulary with its lookup indexes (built once, at load)."""

    def __init__(self, data: PlaceData) -> None:
        self.states: dict[str, State] = data.states
        self.municipalities: dict[str, Municipality] = data.municipalities
        self.ports: list[Port] = data.ports
        self.crossings: list[Crossing] = data.crossings
        self.countries: list[Country] = data.countries
        self._data = data
        self._dir = data.directory / PLACES_DIR
        self._exact = frozenset({*data.exact_case, *map(strip_accents, data.exact_case)})
        self._context_only = frozenset(data.context_only)
        self._refs: dict[str, PlaceRef] = {}
        self._index: dict[str, list[_Reading]] = defaultdict(list)
        self._build()

    # ------------------------------------------------------------------ index building

    def _register(self, ref: PlaceRef, *keys: str) -> None:
        for key in (ref.code, ref.label, *keys):
            self._refs.setdefault(key, ref)

    def _add(self, surface: str, ref: PlaceRef, quality: int = 0, population: int = 0) -> None:
        raw = surface.strip()
        key = fold(raw)
        if not key:
            return
        rank = (_TIER[ref.kind], quality, -population, ref.label)
        self._index[key].append(
            _Reading(ref, rank, raw, raw in self._exact, raw in self._context_only)
        )

    def _build(self) -> None:
        for s in self.states.values():
            ref = PlaceRef("state", s.code, s.label, s.code)
            self._register(ref, s.iso, s.name_official)
            for name in (s.label, s.name_official, s.name_ascii, *s.aliases):
                self._add(name, ref, population=s.population or 0)
        seen: dict[tuple[str, str], int] = defaultdict(int)
        for m in self.municipalities.values():
            seen[(m.state_code, m.name)] += 1
        aliases: dict[str, list[str]] = defaultdict(list)
        for alias, code in self._data.municipality_aliases:
            aliases[code].append(alias)
        for m in self.municipalities.values():
            label = f"{self.states[m.state_code].label}/{m.name}"
            if seen[(m.state_code, m.name)] > 1:  # two Oaxacan pairs share a name
                label += f" ({m.code})"
            ref = PlaceRef("municipality", m.code, label, m.state_code)
            self._register(ref)
            pop = m.population or 0
            for name in (m.name, *m.alt_names, *aliases[m.code]):
                self._add(name, ref, 0, pop)
            if m.cabecera and fold(m.cabecera) != fold(m.name):
                self._add(m.cabecera, ref, 1, pop)
        for p in self.ports:
            self._located("port", p.name, p.municipality_code, p.name.startswith("Puerto"))
        for c in self.crossings:
            self._located("crossing", c.name, c.municipality_code, True)
        for country in self.countries:
            ref = PlaceRef("country", f"country:{slug(country.name)}", country.name, None)
            self._register(ref)
            for name in (country.name, *country.aliases):
                self._add(name, ref)

    def _located(self, kind: PlaceKind, name: str, muni_code: str, bare: bool) -> None:
        """Index a port or crossing; it exchanges as the municipality it lies in."""
        muni = self.municipalities[muni_code]
        label = self._refs[muni_code].label
        ref = PlaceRef(kind, f"{kind}:{slug(name)}", label, muni.state_code)
        self._refs.setdefault(ref.code, ref)
        names = {name, _base(name)}
        if not bare:
            names |= {f"Puerto de {_base(name)}", f"Port of {_base(name)}"}
        for n in names:
            self._add(n, ref)

    # ------------------------------------------------------------------------ lookups

    def _readings(self, surface: str, *, strict: bool = True) -> list[PlaceRef]:
        raw = surface.strip()
        best: dict[str, tuple[tuple[int, int, int, str], PlaceRef]] = {}
        for r in self._index.get(fold(raw), ()):
            if strict and r.exact and raw not in (r.surface, strip_accents(r.surface)):
                continue
            if r.ref.code not in best or r.rank < best[r.ref.code][0]:
                best[r.ref.code] = (r.rank, r.ref)
        return [ref for _, ref in sorted(best.values(), key=lambda x: x[0])]

    def candidates(self, surface: str) -> list[PlaceRef]:
        """Every reading of ``surface``, most likely first (see the module docstring)."""
        return self._readings(surface)

    def surface_forms(self) -> Iterator[tuple[str, PlaceRef]]:
        """Every name, alias and accent-free variant with its reading, for a gazetteer.

        Forms in ``exact_case_forms()`` must be matched case-sensitively.
        """
        yield from self._surface_forms

    @cached_property
    def _surface_forms(self) -> list[tuple[str, PlaceRef]]:
        out: dict[tuple[str, str], PlaceRef] = {}
        for readings in self._index.values():
            for r in readings:
                if r.context_only:
                    continue
                for form in (r.surface, strip_accents(r.surface)):
                    out.setdefault((form, r.ref.code), r.ref)
        return [(form, ref) for (form, _), ref in out.items()]

    def exact_case_forms(self) -> frozenset[str]:
        """Surface forms that name a place only when written exactly so ('US', 'Sin.')."""
        return self._exact

    def ref(self, code: str) -> PlaceRef:
        """The reading for a code ('25', 'MX-SIN', '25006', 'port:manzanillo',
        'country:china') or an exchange label ('Sinaloa/Culiacán')."""
        found = self._refs.get(code.strip())
        if found is None:
            raise NotFoundError(f"unknown place code or label '{code}'")
        return found

    def label(self, code: str) -> str:
        """Exchange label of a code: '25006' -> 'Sinaloa/Culiacán'."""
        return self.ref(code).label

    def state_of(self, code: str) -> State:
        """The state a state, municipality, port or crossing code lies in."""
        ref = self.ref(code)
        if ref.state_code is None:
            raise NotFoundError(f"'{code}' ({ref.label}) is not inside a Mexican state")
        return self.states[ref.state_code]

    def find_state(self, name_or_code: str) -> State | None:
        """A state by INEGI key, ISO code, label, official name or alias; None if unknown."""
        key = name_or_code.strip()
        ref = self._refs.get(key) or self._refs.get(key.upper())
        if ref is not None and ref.kind == "state":
            return self.states[ref.code]
        for ref in self._readings(key):
            if ref.kind == "state":
                return self.states[ref.code]
        return None

    def find_municipality(self, name: str, state_code: str | None = None) -> list[Municipality]:
        """Municipalities called ``name`` (official, alias, seat, or holding a port or
        crossing of that name), most likely first; ``state_code`` (any form
        ``find_state`` accepts) narrows to one state, and an unknown state gives []."""
        state = self.find_state(state_code) if state_code else None
        if state_code and state is None:
            return []
        out: dict[str, Municipality] = {}
        for ref in self._readings(name):
            if ref.kind == "municipality":
                code = ref.code
            elif ref.kind in ("port", "crossing"):
                code = self._municipality_code_of(ref)
            else:
                continue
            if state is None or code[:2] == state.code:
                out.setdefault(code, self.municipalities[code])
        return list(out.values())

    def _municipality_code_of(self, ref: PlaceRef) -> str:
        return self._refs[ref.label].code

    def is_ambiguous(self, surface: str) -> bool:
        """True when ``surface`` has readings with different exchange labels."""
        return len({r.label for r in self.candidates(surface)}) > 1

    def ambiguous_names(self) -> dict[str, list[PlaceRef]]:
        """Folded names with readings of different labels (Juárez, Colima, México...)."""
        return dict(self._ambiguous)

    @cached_property
    def _ambiguous(self) -> dict[str, list[PlaceRef]]:
        out = {}
        for key, readings in self._index.items():
            if len({r.ref.label for r in readings}) > 1:
                out[key] = self._readings(readings[0].surface, strict=False)
        return out

    def nearest_municipality(self, lat: float, lon: float) -> Municipality:
        """The municipality whose seat or centroid is closest to the point."""
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise NotFoundError(f"({lat}, {lon}) is not a latitude/longitude pair")
        best = min(self._points, key=lambda p: _km(lat, lon, p[0], p[1]))
        return self.municipalities[best[2]]

    @cached_property
    def _points(self) -> list[tuple[float, float, str]]:
        pts = [(m.lat, m.lon, m.code) for m in self.municipalities.values() if not m.approximate]
        pts += [(*m.centroid, m.code) for m in self.municipalities.values() if m.centroid]
        return pts

    def geojson_path(self, level: Literal["state", "municipality"]) -> Path:
        """Polygons for maps (exterior rings clockwise, as plotly expects)."""
        if level not in _GEOJSON:
            raise NotFoundError(f"no GeoJSON for level '{level}' (use 'state' or 'municipality')")
        return self._dir / _GEOJSON[level]

    # -------------------------------------------------------------------------- check

    def check(self) -> list[str]:
        """Problems no single row shows: map shapes out of step with the tables, unused
        or redundant aliases, misfiled ports and crossings (empty when fine)."""
        from cartel_atlas.vocab.place_checks import place_problems

        return place_problems(self)


def load_places(directory: Path) -> Places:
    """Load and validate the place files in ``directory / 'places'``."""
    return Places(read_place_data(Path(directory)))

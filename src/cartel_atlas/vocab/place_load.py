"""Read every file of ``vocab/data/places/`` into checked records (``PlaceData``).

Cross-file rules are enforced here too, at the row that breaks them: a municipality of an
unknown state, a port in an unknown municipality, an alias pointing nowhere, a duplicate
key. ``places.Places`` then only indexes data that is known to be consistent.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from cartel_atlas.errors import VocabError
from cartel_atlas.vocab.place_data import (
    ALIASES_YAML,
    COUNTRIES_YAML,
    CROSSINGS_CSV,
    MUNICIPALITIES_CSV,
    PLACES_DIR,
    PORTS_CSV,
    STATES_CSV,
    Country,
    CountryEntry,
    Crossing,
    CsvRow,
    Municipality,
    MunicipalityAlias,
    Port,
    State,
    StateEntry,
    read_yaml_lists,
    rows,
)

_STATE_COLUMNS = [
    "cve_ent",
    "iso_3166_2",
    "name_official",
    "name_short",
    "name_ascii",
    "name_short_ascii",
    "abbr_inegi",
    "abbr_common",
    "aliases",
    "capital_cvegeo",
    "label_lat",
    "label_lon",
    "population_2020",
    "name_also_municipality",
]
_MUNICIPALITY_COLUMNS = [
    "cvegeo",
    "cve_ent",
    "cve_mun",
    "name",
    "name_ascii",
    "alt_names",
    "state_iso",
    "cabecera",
    "seat_lat",
    "seat_lon",
    "centroid_lat",
    "centroid_lon",
    "population_2020",
    "parent_cvegeo_2020",
]
_PORT_COLUMNS = ["name", "coast", "tier", "lat", "lon", "cvegeo"]
_CROSSING_COLUMNS = ["mx_city", "mx_cvegeo", "us_city", "us_state", "us_ports", "lat", "lon"]
_TIERS = {"main", "secondary"}


@dataclass
class PlaceData:
    """Everything read from the place files, validated and cross-checked."""

    directory: Path
    states: dict[str, State]
    municipalities: dict[str, Municipality]
    ports: list[Port]
    crossings: list[Crossing]
    countries: list[Country]
    municipality_aliases: list[tuple[str, str]]  # (alias, CVEGEO)
    state_extra_aliases: dict[str, tuple[str, ...]]  # from the YAML only, for check()
    context_only: set[str] = field(default_factory=set)
    exact_case: set[str] = field(default_factory=set)


def _unique(seen: set[str], value: str, where: CsvRow, column: str) -> None:
    if value in seen:
        raise where.error(column, f"duplicate key '{value}'", "V023")
    seen.add(value)


def _read_aliases(
    path: Path,
) -> tuple[
    dict[str, tuple[int | None, StateEntry]], list[tuple[int | None, MunicipalityAlias]], list[str]
]:
    lists, exact = read_yaml_lists(
        path, {"states": StateEntry, "municipalities": MunicipalityAlias}
    )
    states: dict[str, tuple[int | None, StateEntry]] = {}
    for item in lists["states"]:
        entry = item.record
        assert isinstance(entry, StateEntry)
        if entry.code in states:
            raise VocabError(
                f"duplicate state code '{entry.code}'",
                file=str(path),
                line=item.line,
                field="code",
                code="V023",
            )
        states[entry.code] = (item.line, entry)
    aliases = []
    for item in lists["municipalities"]:
        assert isinstance(item.record, MunicipalityAlias)
        aliases.append((item.line, item.record))
    return states, aliases, exact


def _read_states(
    path: Path, yaml_path: Path, entries: dict[str, tuple[int | None, StateEntry]]
) -> tuple[dict[str, State], dict[str, int]]:
    states: dict[str, State] = {}
    lines: dict[str, int] = {}
    seen_code: set[str] = set()
    seen_iso: set[str] = set()
    for r in rows(path, _STATE_COLUMNS):
        code = r.key("cve_ent", 2)
        _unique(seen_code, code, r, "cve_ent")
        iso = r.text("iso_3166_2")
        if not iso.startswith("MX-") or len(iso) != 6:
            raise r.error("iso_3166_2", f"'{iso}' is not an ISO 3166-2:MX code", "V021")
        _unique(seen_iso, iso, r, "iso_3166_2")
        if code not in entries:
            raise VocabError(
                f"state {code} ({r.text('name_official')}) has no entry in "
                f"{ALIASES_YAML} 'states:'",
                file=str(yaml_path),
                code="V024",
            )
        entry = entries[code][1]
        names = [
            r.text("name_short"),
            r.text("name_short_ascii"),
            r.text("abbr_inegi"),
            r.text("abbr_common"),
            *r.split("aliases"),
            *entry.aliases,
        ]
        official = r.text("name_official")
        aliases = tuple(dict.fromkeys(n for n in names if n and n not in (official, entry.label)))
        capital = r.key("capital_cvegeo", 5)
        if capital[:2] != code:
            raise r.error("capital_cvegeo", f"'{capital}' is not in state {code}", "V024")
        states[code] = State(
            code=code,
            iso=iso,
            label=entry.label,
            name_official=official,
            name_ascii=r.text("name_ascii"),
            aliases=aliases,
            capital_code=capital,
            lat=r.lat("label_lat") or 0.0,
            lon=r.lon("label_lon") or 0.0,
            population=r.integer("population_2020"),
            also_municipality=r.split("name_also_municipality"),
        )
        lines[code] = r.line
    for code, (line, _) in entries.items():
        if code not in states:
            raise VocabError(
                f"unknown state code '{code}'",
                file=str(yaml_path),
                line=line,
                field="code",
                code="V024",
            )
    return states, lines


def _read_municipalities(path: Path, states: dict[str, State]) -> dict[str, Municipality]:
    out: dict[str, Municipality] = {}
    parents: dict[str, tuple[str | None, CsvRow]] = {}
    seen: set[str] = set()
    for r in rows(path, _MUNICIPALITY_COLUMNS):
        code = r.key("cvegeo", 5)
        _unique(seen, code, r, "cvegeo")
        state_code = r.key("cve_ent", 2)
        if state_code not in states:
            raise r.error("cve_ent", f"state '{state_code}' does not exist", "V024")
        if code != state_code + r.key("cve_mun", 3):
            raise r.error("cvegeo", f"'{code}' is not cve_ent + cve_mun", "V021")
        if r.text("state_iso") != states[state_code].iso:
            raise r.error(
                "state_iso",
                f"'{r.text('state_iso')}' does not match state "
                f"{state_code} ({states[state_code].iso})",
                "V024",
            )
        seat = (r.lat("seat_lat", required=False), r.lon("seat_lon", required=False))
        cen = (r.lat("centroid_lat", required=False), r.lon("centroid_lon", required=False))
        if (seat[0] is None) != (seat[1] is None):
            raise r.error("seat_lon", "seat_lat and seat_lon must both be set or both empty")
        centroid = (cen[0], cen[1]) if cen[0] is not None and cen[1] is not None else None
        point = (seat[0], seat[1]) if seat[0] is not None and seat[1] is not None else centroid
        parent = r.text("parent_cvegeo_2020", required=False) or None
        if parent is not None:
            parent = r.key("parent_cvegeo_2020", 5)
        if point is None:  # created after 2020 and not yet in any point table
            parents[code] = (parent, r)
        out[code] = Municipality(
            code=code,
            state_code=state_code,
            name=r.text("name"),
            alt_names=r.split("alt_names"),
            cabecera=r.text("cabecera", required=False),
            lat=point[0] if point else 0.0,
            lon=point[1] if point else 0.0,
            population=r.integer("population_2020"),
            centroid=centroid,
            parent_code=parent,
        )
    for code, (parent, r) in parents.items():
        if parent is not None and (parent not in out or parent in parents):
            raise r.error("parent_cvegeo_2020", f"unknown or unplaced parent '{parent}'", "V024")
        where: Municipality | State = out[parent] if parent else states[code[:2]]
        out[code] = replace(out[code], lat=where.lat, lon=where.lon, approximate=True)
    return out


def _read_ports(path: Path, munis: dict[str, Municipality]) -> list[Port]:
    ports = []
    seen: set[str] = set()
    for r in rows(path, _PORT_COLUMNS):
        name, code = r.text("name"), r.key("cvegeo", 5)
        _unique(seen, name, r, "name")
        if code not in munis:
            raise r.error("cvegeo", f"municipality '{code}' does not exist", "V024")
        tier = r.text("tier")
        if tier not in _TIERS:
            raise r.error("tier", f"'{tier}' is not one of {sorted(_TIERS)}")
        ports.append(
            Port(
                name=name,
                coast=r.text("coast"),
                tier=tier,
                lat=r.lat("lat") or 0.0,
                lon=r.lon("lon") or 0.0,
                municipality_code=code,
            )
        )
    return ports


def _read_crossings(path: Path, munis: dict[str, Municipality]) -> list[Crossing]:
    crossings = []
    seen: set[str] = set()
    for r in rows(path, _CROSSING_COLUMNS):
        name, code = r.text("mx_city"), r.key("mx_cvegeo", 5)
        _unique(seen, name, r, "mx_city")
        if code not in munis:
            raise r.error("mx_cvegeo", f"municipality '{code}' does not exist", "V024")
        crossings.append(
            Crossing(
                name=name,
                municipality_code=code,
                us_city=r.text("us_city"),
                us_state=r.text("us_state"),
                us_ports=r.split("us_ports", ";"),
                lat=r.lat("lat") or 0.0,
                lon=r.lon("lon") or 0.0,
            )
        )
    return crossings


def _read_countries(path: Path) -> tuple[list[Country], set[str], list[str]]:
    lists, exact = read_yaml_lists(path, {"countries": CountryEntry})
    countries, context_only, seen = [], set(), set()
    for item in lists["countries"]:
        entry = item.record
        assert isinstance(entry, CountryEntry)
        if entry.name in seen:
            raise VocabError(
                f"duplicate country '{entry.name}'",
                file=str(path),
                line=item.line,
                field="name",
                code="V023",
            )
        seen.add(entry.name)
        aliases = tuple(
            dict.fromkeys(a for a in [*entry.aliases, *entry.context_only] if a != entry.name)
        )
        countries.append(Country(name=entry.name, aliases=aliases))
        context_only.update(entry.context_only)
    return countries, context_only, exact


def _capital_names(
    states: dict[str, State], entries: dict[str, tuple[int | None, StateEntry]]
) -> list[tuple[str, str]]:
    """'la capital sinaloense' is Culiacán: a state's demonym after 'capital' names the
    municipality holding its capital (Mexico City is its own capital and has none)."""
    out = []
    for code, (_, entry) in entries.items():
        state = states.get(code)
        if state is None or state.capital_code[:2] != code:
            continue
        out += [(f"capital {d}", state.capital_code) for d in entry.demonyms]
    return out


def read_place_data(directory: Path) -> PlaceData:
    """Read and cross-check every place file under ``directory / 'places'``."""
    d = Path(directory) / PLACES_DIR
    entries, muni_aliases, exact = _read_aliases(d / ALIASES_YAML)
    states, state_lines = _read_states(d / STATES_CSV, d / ALIASES_YAML, entries)
    munis = _read_municipalities(d / MUNICIPALITIES_CSV, states)
    for code, state in states.items():
        refs = [("capital_cvegeo", state.capital_code)]
        refs += [("name_also_municipality", m) for m in state.also_municipality]
        for column, ref in refs:
            if ref not in munis:
                raise VocabError(
                    f"unknown municipality '{ref}'",
                    file=str(d / STATES_CSV),
                    line=state_lines[code],
                    field=column,
                    code="V024",
                )
    aliases = []
    for line, alias in muni_aliases:
        if alias.code not in munis:
            raise VocabError(
                f"alias '{alias.alias}' points to unknown municipality '{alias.code}'",
                file=str(d / ALIASES_YAML),
                line=line,
                field="code",
                code="V024",
            )
        aliases.append((alias.alias, alias.code))
    aliases += _capital_names(states, entries)
    countries, context_only, country_exact = _read_countries(d / COUNTRIES_YAML)
    return PlaceData(
        directory=Path(directory),
        states=states,
        municipalities=munis,
        ports=_read_ports(d / PORTS_CSV, munis),
        crossings=_read_crossings(d / CROSSINGS_CSV, munis),
        countries=countries,
        municipality_aliases=aliases,
        state_extra_aliases={c: tuple(e.aliases) for c, (_, e) in entries.items()},
        context_only=context_only,
        exact_case={*exact, *country_exact},
    )

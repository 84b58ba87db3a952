"""Soft consistency rules of the place vocabulary, reported by ``cartel-atlas vocab check``.

The loaders reject rows that are wrong on their own; these rules look across files: the
map shapes must cover exactly the municipalities that existed in 2020, hand-written aliases
must add something and be used, and a port or crossing must lie near its municipality.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from cartel_atlas.vocab.text import fold, strip_accents

if TYPE_CHECKING:
    from cartel_atlas.vocab.places import Places

_FAR_KM = 150.0  # a port or crossing this far from its municipality's seat is misfiled


def _geojson_ids(path: Path) -> list[str] | None:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return [str(feat.get("id")) for feat in data.get("features", [])]


def _shape_problems(places: Places) -> list[str]:
    problems = []
    expected = {
        "state": set(places.states),
        "municipality": {c for c, m in places.municipalities.items() if m.centroid},
    }
    for level, codes in expected.items():
        path = places.geojson_path(level)  # type: ignore[arg-type]
        ids = _geojson_ids(path)
        if ids is None:
            problems.append(f"{path.name}: missing or not valid JSON")
            continue
        if len(ids) != len(set(ids)):
            problems.append(f"{path.name}: duplicate feature ids")
        unknown = sorted(set(ids) - codes)
        missing = sorted(codes - set(ids))
        if unknown:
            problems.append(f"{path.name}: features with unknown {level} codes {unknown[:10]}")
        if missing:
            problems.append(f"{path.name}: no polygon for {level} codes {missing[:10]}")
    return problems


def _alias_problems(places: Places) -> list[str]:
    problems = []
    data = places._data
    for code, extra in data.state_extra_aliases.items():
        s = places.states[code]
        known = {fold(n) for n in (s.label, s.name_official)}
        for alias in extra:
            if fold(alias) in known:
                problems.append(
                    f"place_aliases.yaml: state alias '{alias}' repeats the name of {s.label}"
                )
    for alias, code in data.municipality_aliases:
        m = places.municipalities[code]
        if fold(alias) in {fold(n) for n in (m.name, *m.alt_names)}:
            problems.append(
                f"place_aliases.yaml: municipality alias '{alias}' repeats the "
                f"name of {places.label(code)}"
            )
    surfaces = {form for form, _ in places.surface_forms()}
    surfaces |= {strip_accents(a) for c in places.countries for a in c.aliases}
    surfaces |= {a for c in places.countries for a in c.aliases}
    for form in sorted(data.exact_case):
        if form not in surfaces:
            problems.append(f"exact_case form '{form}' is not a name of any place")
    return problems


def _distance_problems(places: Places) -> list[str]:
    from cartel_atlas.vocab.places import _km

    problems = []
    located = [("port", p.name, p.municipality_code, p.lat, p.lon) for p in places.ports]
    located += [("crossing", c.name, c.municipality_code, c.lat, c.lon) for c in places.crossings]
    for kind, name, code, lat, lon in located:
        m = places.municipalities[code]
        km = _km(lat, lon, m.lat, m.lon)
        if km > _FAR_KM:
            problems.append(f"{kind} '{name}' is {km:.0f} km from the seat of {places.label(code)}")
    return problems


def place_problems(places: Places) -> list[str]:
    """Every soft problem of the place vocabulary, human-readable."""
    return _shape_problems(places) + _alias_problems(places) + _distance_problems(places)

"""SESNSP official crime statistics: state and municipal incidence, state victims.

The Secretariado Ejecutivo publishes monthly counts as wide CSV files (one row per
place × crime line × year, one column per month). The same layouts circulate as
originals (Windows-1252, CRLF, ``"1,045"`` thousands) and as re-exports (UTF-8, LF,
``5.0`` floats, empty cells for months not yet published), so all of those are read.
Each published month becomes one ``OfficialCount``; an empty month is skipped, never
read as zero. Codes are checked against the place vocabulary, so a shifted column or a
typo comes out as a ``Rejected`` with its line number instead of a count in the wrong
state.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cartel_atlas.model.records import OfficialCount, Rejected
from cartel_atlas.sources.csvlines import records
from cartel_atlas.sources.guards import excerpt
from cartel_atlas.vocab import Vocabulary, get_vocabulary
from cartel_atlas.vocab.places import Places
from cartel_atlas.vocab.text import fold

Item = OfficialCount | Rejected

MONTHS = (
    "Enero",
    "Febrero",
    "Marzo",
    "Abril",
    "Mayo",
    "Junio",
    "Julio",
    "Agosto",
    "Septiembre",
    "Octubre",
    "Noviembre",
    "Diciembre",
)
KEYS = (
    "Año",
    "Clave_Ent",
    "Entidad",
    "Bien jurídico afectado",
    "Tipo de delito",
    "Subtipo de delito",
    "Modalidad",
)
MUNICIPAL = ("Cve. Municipio", "Municipio")
VICTIMS = ("Sexo", "Rango de edad")
YEARS = (1990, 2100)

DATASETS = {
    "state": "sesnsp_state_incidence",
    "municipal": "sesnsp_municipal_incidence",
    "victims": "sesnsp_state_victims",
}
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Layout:
    """Which SESNSP layout a header is, and where each column sits."""

    kind: str
    dataset: str
    columns: dict[str, int]
    """Canonical column name -> index in the row."""
    unknown: tuple[str, ...]


def _index(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        positions.setdefault(fold(name.strip().lstrip("\ufeff")), i)
    return positions


def detect_layout(header: list[str]) -> Layout | None:
    """The layout of a header row, or None when it lacks the SESNSP key columns."""
    positions = _index(header)
    needed = (*KEYS, *MONTHS)
    if any(fold(c) not in positions for c in needed):
        return None
    if all(fold(c) in positions for c in MUNICIPAL):
        kind = "municipal"
    elif all(fold(c) in positions for c in VICTIMS):
        kind = "victims"
    else:
        kind = "state"
    known = [*needed, *(MUNICIPAL if kind == "municipal" else ()), *VICTIMS]
    columns = {c: positions[fold(c)] for c in known if fold(c) in positions}
    used = set(columns.values())
    unknown = tuple(h.strip() for i, h in enumerate(header) if i not in used and h.strip())
    return Layout(kind, DATASETS[kind], columns, unknown)


def looks_like_sesnsp(header: list[str]) -> bool:
    """True when a CSV header is one of the SESNSP layouts (for format detection)."""
    return detect_layout(header) is not None


def parse_count(cell: str) -> int | None:
    """'1,045' -> 1045, '5.0' -> 5, '' -> None; ValueError for anything else."""
    text = cell.strip().replace(",", "").replace(" ", "")
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValueError(f"'{cell.strip()}' is not a number")
    value = float(text)
    if value != int(value):
        raise ValueError(f"'{cell.strip()}' is not a whole number")
    if value < 0:
        raise ValueError(f"'{cell.strip()}' is negative")
    return int(value)


def read_sesnsp_lines(
    lines: Iterable[bytes], uri: str, *, vocab: Vocabulary | None = None
) -> Iterator[Item]:
    """Every published month of every row as an ``OfficialCount``; bad rows, cells and
    headers as ``Rejected`` with ``locator='line N'``."""
    places = (vocab or get_vocabulary()).places
    rows = records(lines)
    header = next(rows, None)
    if header is None or not any(f.strip() for f in header.fields):
        yield Rejected(uri, "empty", "the CSV file is empty")
        return
    layout = detect_layout(header.fields)
    if layout is None:
        missing = [c for c in (*KEYS, *MONTHS) if fold(c) not in _index(header.fields)]
        yield Rejected(
            uri,
            "unknown_columns",
            "not a SESNSP layout: the header lacks "
            + ", ".join(missing[:8])
            + (" ..." if len(missing) > 8 else ""),
            locator="line 1",
            payload=excerpt(",".join(header.fields)),
        )
        return
    if layout.unknown:
        yield Rejected(
            uri,
            "unknown_columns",
            f"columns not in the SESNSP {layout.kind} layout were ignored: "
            + ", ".join(layout.unknown),
            locator="line 1",
            payload=excerpt(",".join(header.fields)),
        )
    width = len(header.fields)
    col = layout.columns
    for rec in rows:
        where = f"line {rec.first_line}"
        if rec.error:
            yield Rejected(uri, "malformed_row", f"CSV syntax error: {rec.error}", locator=where)
            continue
        if not any(f.strip() for f in rec.fields):
            continue
        payload = excerpt(",".join(rec.fields))
        if rec.undecodable:
            yield Rejected(
                uri,
                "undecodable",
                "the line is neither UTF-8 nor Windows-1252",
                locator=where,
                payload=payload,
            )
            continue
        if len(rec.fields) != width:
            yield Rejected(
                uri,
                "malformed_row",
                f"{len(rec.fields)} fields where the header has {width}",
                locator=where,
                payload=payload,
            )
            continue
        f = rec.fields
        problem = _check_keys(f, col, places, layout.kind)
        if problem is not None:
            code, reason = problem
            yield Rejected(uri, code, reason, locator=where, payload=payload)
            continue
        year = int(f[col["Año"]].strip())
        state = f"{int(f[col['Clave_Ent']].strip()):02d}"
        muni = (
            f"{int(f[col['Cve. Municipio']].strip()):05d}" if layout.kind == "municipal" else None
        )
        sexo = f[col["Sexo"]].strip() if "Sexo" in col else None
        edad = f[col["Rango de edad"]].strip() if "Rango de edad" in col else None
        for month, name in enumerate(MONTHS, start=1):
            cell = f[col[name]]
            try:
                value = parse_count(cell)
            except ValueError as exc:
                yield Rejected(uri, "bad_value", f"{name}: {exc}", locator=where, payload=payload)
                continue
            if value is None:
                continue
            yield OfficialCount(
                dataset=layout.dataset,
                year=year,
                month=month,
                state_code=state,
                municipality_code=muni,
                bien_juridico=f[col["Bien jurídico afectado"]].strip(),
                tipo=f[col["Tipo de delito"]].strip(),
                subtipo=f[col["Subtipo de delito"]].strip(),
                modalidad=f[col["Modalidad"]].strip(),
                value=value,
                sexo=sexo,
                rango_edad=edad,
                source_file=uri,
                line=rec.first_line,
            )


def _check_keys(
    f: list[str], col: dict[str, int], places: Places, kind: str
) -> tuple[str, str] | None:
    """(reason code, reason) for a row whose year or codes are impossible."""
    states = places.states
    municipalities = places.municipalities
    year = f[col["Año"]].strip()
    if not year.isdigit() or not YEARS[0] <= int(year) <= YEARS[1]:
        return "bad_date", f"Año '{year}' is not a year between {YEARS[0]} and {YEARS[1]}"
    raw_state = f[col["Clave_Ent"]].strip()
    if not raw_state.isdigit() or f"{int(raw_state):02d}" not in states:
        return "bad_code", f"Clave_Ent '{raw_state}' is not a state code (1-32)"
    state = f"{int(raw_state):02d}"
    for key in ("Tipo de delito", "Subtipo de delito"):
        if not f[col[key]].strip():
            return "malformed_row", f"'{key}' is empty"
    if kind == "municipal":
        raw = f[col["Cve. Municipio"]].strip()
        if not raw.isdigit() or len(raw) > 5:
            return "bad_code", f"Cve. Municipio '{raw}' is not a municipality code"
        code = f"{int(raw):05d}"
        if code[:2] != state:
            return "bad_code", (
                f"Cve. Municipio '{raw}' lies in state {code[:2]}, not in Clave_Ent {state}"
            )
        if code not in municipalities:
            return "bad_code", f"Cve. Municipio '{raw}' is not an INEGI municipality code"
    return None

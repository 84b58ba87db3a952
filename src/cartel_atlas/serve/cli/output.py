"""Shared output of analysis results: one ``--format`` option, four renderings.

Commands hand over plain rows (mappings of column -> value) and, for maps, a way to place
a row on the ground; this module turns them into a rich table, JSON, CSV or a GeoJSON
FeatureCollection. Keeping it in one place means every command formats dates, lists and
missing values the same way, and scripts can rely on the JSON/CSV shapes.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum, StrEnum
from pathlib import PurePath
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from cartel_atlas.serve.cli.common import console as default_console


class OutputFormat(StrEnum):
    """How a command prints its result."""

    table = "table"
    json = "json"
    csv = "csv"
    geojson = "geojson"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="Output: a table for reading, or json / csv / geojson for other tools.",
        case_sensitive=False,
    ),
]

Point = tuple[float, float]
"""(longitude, latitude), GeoJSON order."""


def jsonable(value: Any) -> Any:
    """A JSON-ready copy of ``value``: dataclasses become dicts, dates ISO strings,
    tuples and sets lists, enums their value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((jsonable(v) for v in value), key=str)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, PurePath):
        return str(value)
    return value


def cell(value: Any) -> str:
    """One value as table/CSV text: '' for missing, lists joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(jsonable(value), ensure_ascii=False, sort_keys=True)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _columns(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return list(columns)
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)


def table_text(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    *,
    title: str | None = None,
) -> Table:
    """A rich table of ``rows`` (columns in the given order, else first-seen order)."""
    cols = _columns(rows, columns)
    table = Table(title=title, show_lines=False, header_style="bold")
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(cell(row.get(c)) for c in cols))
    return table


def csv_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """``rows`` as CSV with a header line (lists joined with '; ')."""
    cols = _columns(rows, columns)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in cols])
    return buf.getvalue()


def json_text(data: Any) -> str:
    """Indented, key-sorted JSON of ``data`` (non-ASCII kept)."""
    return json.dumps(jsonable(data), ensure_ascii=False, indent=2, sort_keys=True)


def feature_collection(
    rows: Sequence[Mapping[str, Any]],
    geometry: Callable[[Mapping[str, Any]], Mapping[str, Any] | Point | None],
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one feature per row that ``geometry`` can place.

    ``geometry`` returns a GeoJSON geometry mapping, a (lon, lat) point, or None to
    leave the row out (a place we cannot locate is not invented)."""
    features = []
    for row in rows:
        geom = geometry(row)
        if geom is None:
            continue
        if isinstance(geom, tuple):
            geom = {"type": "Point", "coordinates": [round(geom[0], 6), round(geom[1], 6)]}
        features.append({"type": "Feature", "geometry": geom, "properties": jsonable(row)})
    return {"type": "FeatureCollection", "features": features}


def emit(
    rows: Sequence[Mapping[str, Any]],
    fmt: OutputFormat | str,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    geometry: Callable[[Mapping[str, Any]], Mapping[str, Any] | Point | None] | None = None,
    data: Any = None,
    out: Console | None = None,
) -> None:
    """Print ``rows`` in ``fmt``.

    ``columns`` picks and orders table and CSV columns; JSON prints ``data`` when given
    (the full records) else the rows; GeoJSON needs ``geometry``.
    """
    fmt = OutputFormat(fmt)
    out = out or default_console
    if fmt is OutputFormat.table:
        out.print(table_text(rows, columns, title=title))
    elif fmt is OutputFormat.csv:
        out.file.write(csv_text(rows, columns))
        out.file.flush()
    elif fmt is OutputFormat.json:
        out.file.write(json_text(rows if data is None else data) + "\n")
        out.file.flush()
    else:
        if geometry is None:
            raise typer.BadParameter("this command has no map output; use table, json or csv")
        out.file.write(json_text(feature_collection(rows, geometry)) + "\n")
        out.file.flush()

"""``cartel-atlas presence`` and ``cartel-atlas alerts``: where a group is, and what changed.

Only formatting lives here; the answers come from ``analyze.presence`` and
``analyze.expansion``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

import typer

from cartel_atlas.analyze.expansion import ALERT_KINDS, refresh_alerts
from cartel_atlas.analyze.presence import (
    Level,
    PresenceCell,
    presence_counts,
    presence_map,
    presence_series,
)
from cartel_atlas.errors import AnalyzeError
from cartel_atlas.serve.cli.common import DatabaseOption, console
from cartel_atlas.serve.cli.output import FormatOption, OutputFormat, emit
from cartel_atlas.settings import get_settings
from cartel_atlas.store import Store
from cartel_atlas.store.alerts_repo import StoredAlert, list_alerts
from cartel_atlas.vocab import Vocabulary, get_vocabulary


class LevelChoice(StrEnum):
    """Geographic level of a presence answer."""

    state = "state"
    municipality = "municipality"

    @property
    def level(self) -> Level:
        """The value as the analysis layer's ``Level``."""
        return "municipality" if self is LevelChoice.municipality else "state"


def parse_day(value: str | None, option: str) -> date | None:
    """An ISO date option ('2024-03-01'; '2024-03' means the month's last day)."""
    if value is None:
        return None
    from cartel_atlas.analyze.presence_claims import period

    found = period(value)
    if found is None:
        raise AnalyzeError(f"{option}: {value!r} is not a date (use YYYY-MM-DD or YYYY-MM)")
    return found[1]


def _vocab() -> Vocabulary:
    return get_vocabulary(get_settings().vocab_dir)


@lru_cache(maxsize=2)
def _shapes(level: str) -> dict[str, Any]:
    path = _vocab().places.geojson_path("municipality" if level == "municipality" else "state")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    key = "cvegeo" if level == "municipality" else "cve_ent"
    return {feat["properties"][key]: feat["geometry"] for feat in data["features"]}


def _cell_row(cell: PresenceCell) -> dict[str, Any]:
    top = cell.supporting[0] if cell.supporting else None
    con = cell.contradicting[0] if cell.contradicting else None
    return {
        "place": cell.place_label,
        "code": cell.place_code,
        "status": cell.status,
        "confidence": round(cell.confidence, 3),
        "grade": cell.grade,
        "sources": cell.independent_sources,
        "contested_by": list(cell.contested_by),
        "last_evidence": cell.last_evidence,
        "top_evidence": f"{top.source or 'unattributed'} ({top.reliability}), "
        f"{top.as_of(cell.as_of).isoformat()} [{top.fact_id[:10]}]"
        if top
        else None,
        "against": f"{con.source or 'unattributed'} ({con.reliability}), "
        f"{con.as_of(cell.as_of).isoformat()} [{con.fact_id[:10]}]"
        if con
        else None,
    }


TABLE_COLUMNS = (
    "place",
    "status",
    "confidence",
    "grade",
    "sources",
    "contested_by",
    "top_evidence",
    "against",
)


def presence_command(
    group: Annotated[str, typer.Option("--group", "-g", help="Group id or name, e.g. cjng.")],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Valid time: the date asked about (default: --known-on, else today)."
        ),
    ] = None,
    known_on: Annotated[
        str | None,
        typer.Option(
            "--known-on",
            help="Record time: use only what was recorded by this date (reproduces a past "
            "briefing). Default: everything recorded so far.",
        ),
    ] = None,
    level: Annotated[LevelChoice, typer.Option("--level", help="state or municipality.")] = (
        LevelChoice.state
    ),
    fmt: FormatOption = OutputFormat.table,
    counts: Annotated[
        bool,
        typer.Option("--counts", help="Show every claimed count of states next to ours."),
    ] = False,
    series: Annotated[
        bool,
        typer.Option("--series", help="Show the number of states month by month."),
    ] = False,
    database: DatabaseOption = None,
) -> None:
    """Where a group is present, contested or unknown, with confidence, Admiralty grade and
    the evidence for and against each place."""
    vocab = _vocab()
    on, known = parse_day(as_of, "--as-of"), parse_day(known_on, "--known-on")
    with Store.open(database) as store:
        if counts:
            _print_counts(store, vocab, group, on, known, fmt)
            return
        if series:
            total = len(vocab.places.states)
            rows = [
                {
                    "month": m.as_of.strftime("%Y-%m"),
                    "present": m.count(),
                    "contested": sum(c.status == "contested" for c in m.cells),
                    "of": total,
                    "label": f"{m.count()} of {total}",
                    "states": [c.place_label for c in m.present()],
                }
                for m in presence_series(store, vocab, group, end=on, known_on=known)
            ]
            emit(
                rows,
                fmt,
                columns=("month", "label", "contested", "states"),
                title=f"States with {vocab.groups.get(group).name}, by month",
            )
            return
        pmap = presence_map(store, vocab, group, as_of=on, known_on=known, level=level.level)
    cells = list(pmap.cells)  # every place with live evidence, either way
    known_text = f"known on {pmap.known_on}" if pmap.known_on else "all records"
    title = f"{pmap.group_name}: {pmap.count()} {level.value}s as of {pmap.as_of} ({known_text})"
    shapes = _shapes(level.value) if fmt is OutputFormat.geojson else {}
    emit(
        [_cell_row(c) for c in cells],
        fmt,
        columns=TABLE_COLUMNS if fmt is OutputFormat.table else None,
        title=title,
        data={
            "group": pmap.group_id,
            "group_name": pmap.group_name,
            "level": pmap.level,
            "as_of": pmap.as_of,
            "known_on": pmap.known_on,
            "present": pmap.count(),
            "cells": [c.to_dict() for c in cells],
        },
        geometry=lambda row: shapes.get(row["code"]),
    )


def _print_counts(
    store: Store, vocab: Vocabulary, group: str, on: date | None, known: date | None, fmt: Any
) -> None:
    rep = presence_counts(store, vocab, group, as_of=on, known_on=known)
    ours_at = dict(rep.computed_at_claims)
    rows: list[dict[str, Any]] = [
        {
            "who": c.source or "unattributed",
            "reliability": c.reliability,
            "as_of": c.as_of,
            "claimed": f"{c.count} of {c.of or rep.total}",
            "ours_then": f"{ours_at[c.fact_id]} of {rep.total}",
            "fact": c.fact_id,
            "document": c.doc_title,
            "url": c.doc_url,
        }
        for c in rep.claimed
    ]
    rows.append(
        {
            "who": "cartel-atlas (computed)",
            "reliability": None,
            "as_of": rep.computed_as_of,
            "claimed": f"{rep.computed} of {rep.total}",
            "ours_then": None,
            "fact": None,
            "document": None,
            "url": None,
        }
    )
    emit(rows, fmt, title=f"States claimed for {vocab.groups.get(group).name}", data=rep)


def _alert_day(alert: StoredAlert) -> date:
    month = alert.payload.get("month")
    if isinstance(month, str) and len(month) == 7:
        return date.fromisoformat(f"{month}-01")
    when = alert.payload.get("date")
    if isinstance(when, str):
        try:
            return date.fromisoformat(when[:10])
        except ValueError:
            pass
    return alert.created_at.date()


def _alert_row(alert: StoredAlert) -> dict[str, Any]:
    p = alert.payload
    evidence = p.get("evidence") or []
    top = evidence[0] if evidence and isinstance(evidence[0], dict) else {}
    return {
        "id": alert.id,
        "kind": alert.kind,
        "when": p.get("month") or _alert_day(alert),
        "group": p.get("group_name")
        or p.get("group")
        or (f"site {p['site']}" if p.get("site") else None),
        "place": p.get("place") or p.get("site") or alert.subject,
        "change": p.get("change") or p.get("reason"),
        "reason": p.get("reason"),
        "confidence": p.get("confidence"),
        "evidence": f"{top.get('source') or 'unattributed'} ({top.get('reliability')}) "
        f"[{str(top.get('fact_id'))[:10]}]"
        if top
        else None,
        "acknowledged": alert.acknowledged_at is not None,
    }


ALERT_COLUMNS = ("id", "when", "change", "group", "place", "reason", "evidence")


def alerts_command(
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only alerts about changes from this date on."),
    ] = None,
    group: Annotated[
        str | None, typer.Option("--group", "-g", help="Only presence alerts of this group.")
    ] = None,
    refresh: Annotated[
        bool,
        typer.Option(
            "--refresh/--no-refresh",
            help="Detect expansions and retreats on the current store first (default).",
        ),
    ] = True,
    fmt: FormatOption = OutputFormat.table,
    database: DatabaseOption = None,
) -> None:
    """Alerts: groups newly reported in a state or municipality (expansion) or no longer
    reported there (retreat), plus any other alerts stored (e.g. near a site)."""
    vocab = _vocab()
    start = parse_day(since, "--since")
    if start is not None and since is not None and len(since) == 7:
        start = date.fromisoformat(f"{since}-01")
    gid = vocab.groups.get(group).id if group else None
    with Store.open(database) as store:
        if refresh:
            _, new = refresh_alerts(store, vocab, group=gid)
            if fmt is OutputFormat.table:
                console.print(f"{new} new presence alert(s) recorded", highlight=False)
        alerts = list_alerts(store)
    chosen = [
        a
        for a in alerts
        if (start is None or _alert_day(a) >= start)
        and (gid is None or (a.kind in ALERT_KINDS and a.payload.get("group") == gid))
    ]
    chosen.sort(key=lambda a: (_alert_day(a), a.id))
    emit(
        [_alert_row(a) for a in chosen],
        fmt,
        columns=ALERT_COLUMNS if fmt is OutputFormat.table else None,
        title="Alerts",
        data=[
            {
                "id": a.id,
                "kind": a.kind,
                "subject": a.subject,
                "payload": a.payload,
                "created_at": a.created_at,
                "acknowledged_at": a.acknowledged_at,
            }
            for a in chosen
        ],
        geometry=lambda row: _alert_point(vocab, row),
    )


def _alert_point(vocab: Vocabulary, row: Mapping[str, Any]) -> tuple[float, float] | None:
    from cartel_atlas.analyze.presence_claims import resolve_place

    where = resolve_place(vocab, row.get("place"))
    if where is None:
        return None
    state_code, muni_code, _ = where
    if muni_code:
        m = vocab.places.municipalities[muni_code]
        lat, lon = m.centroid or (m.lat, m.lon)
    else:
        s = vocab.places.states[state_code]
        lat, lon = s.lat, s.lon
    return lon, lat

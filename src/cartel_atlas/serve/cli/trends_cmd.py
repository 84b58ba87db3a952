"""``cartel-atlas trends``: incidents and deaths by month, with change alerts and, on
request, the SESNSP reconciliation. Only formatting lives here (``analyze.trends`` and
``analyze.official`` compute)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from cartel_atlas.analyze.official import Reconciliation, reconcile
from cartel_atlas.analyze.presence_claims import known_instant
from cartel_atlas.analyze.trends import TrendReport, trends
from cartel_atlas.errors import AnalyzeError
from cartel_atlas.serve.cli.common import DatabaseOption, console
from cartel_atlas.serve.cli.output import FormatOption, OutputFormat, emit, json_text
from cartel_atlas.serve.cli.presence_cmd import parse_day
from cartel_atlas.settings import get_settings
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary, get_vocabulary


class By(StrEnum):
    """What a trend series is about."""

    place = "place"
    group = "group"
    type = "type"
    all = "all"


FLAG_TEXT = {
    "incidents_up_vs_previous": "incidents +25% vs previous month",
    "incidents_up_vs_year_ago": "incidents +25% vs a year earlier",
    "killed_up_vs_previous": "deaths +25% vs previous month",
    "killed_up_vs_year_ago": "deaths +25% vs a year earlier",
}


def _pct(value: float | None) -> str | None:
    return None if value is None else f"{value:+.0%}"


def long_rows(report: TrendReport) -> list[dict[str, Any]]:
    """One row per series and month (the CSV and GeoJSON shape)."""
    return [
        {
            "key": s.key,
            "series": s.label,
            "period": p.period,
            "incidents": p.incidents,
            "killed": p.killed,
            "previous_incidents": p.previous_incidents,
            "year_ago_incidents": p.year_ago_incidents,
            "change_vs_previous": _pct(p.change_vs_previous),
            "change_vs_year_ago": _pct(p.change_vs_year_ago),
            "flags": list(p.flags),
            "fact_ids": list(p.fact_ids),
        }
        for s in report.series
        for p in s.points
    ]


def wide_rows(report: TrendReport) -> list[dict[str, Any]]:
    """One row per series, one 'incidents/deaths' column per month, then the alerts."""
    rows = []
    for s in report.series:
        row: dict[str, Any] = {"series": s.label, "total": f"{s.total_incidents}/{s.total_killed}"}
        for p in s.points:
            row[p.period] = f"{p.incidents}/{p.killed}" if p.incidents else ""
        alerts = [f"{p.period}: {FLAG_TEXT[f]}" for p in s.points for f in p.flags]
        row["alerts"] = alerts
        rows.append(row)
    return rows


def official_rows(rec: Reconciliation) -> list[dict[str, Any]]:
    """The reconciliation as rows: official figures next to ours, with coverage."""
    return [
        {
            "state": r.state,
            "period": r.period,
            "official_victims": r.official_victims,
            "official_carpetas": r.official_carpetas,
            "coded_incidents": r.coded_incidents,
            "coded_killed": r.coded_killed,
            "coverage": None if r.coverage is None else f"{r.coverage:.1%}",
            "by_category": r.official_by_category,
            "carpetas_basis": r.carpetas_basis,
            "sources": list(r.source_files),
            "fact_ids": list(r.fact_ids),
        }
        for r in rec.rows
    ]


def _point(vocab: Vocabulary, key: str) -> tuple[float, float] | None:
    places = vocab.places
    if key in places.municipalities:
        m = places.municipalities[key]
        return m.lon, m.lat
    if key in places.states:
        st = places.states[key]
        return st.lon, st.lat
    return None


def trends_command(
    by: Annotated[By, typer.Option("--by", help="Series per place, group or event type.")] = (
        By.all
    ),
    state: Annotated[
        str | None,
        typer.Option("--state", help="Only this state (by place: its municipalities)."),
    ] = None,
    group: Annotated[
        str | None, typer.Option("--group", "-g", help="Only incidents by this group.")
    ] = None,
    event_type: Annotated[
        list[str] | None,
        typer.Option("--type", "-t", help="Only these event types (repeat the option)."),
    ] = None,
    months: Annotated[int, typer.Option("--months", "-m", help="Months to show.")] = 12,
    end: Annotated[
        str | None,
        typer.Option("--end", help="Last month shown, YYYY-MM (default: newest incident)."),
    ] = None,
    known_on: Annotated[
        str | None, typer.Option("--known-on", help="Use only facts recorded by this date.")
    ] = None,
    official: Annotated[
        bool,
        typer.Option(
            "--official",
            help="Add SESNSP homicide victims and carpetas per state-month with our coverage.",
        ),
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    database: DatabaseOption = None,
) -> None:
    """Incidents and deaths per month by place, group or type, flagging rises of 25% or
    more against the previous month and the same month a year earlier (with a floor of
    5 incidents / 10 deaths so small numbers do not alarm)."""
    vocab = get_vocabulary(get_settings().vocab_dir)
    if end is not None and (len(end) != 7 or parse_day(end, "--end") is None):
        raise AnalyzeError(f"--end: {end!r} is not a month (use YYYY-MM)")
    known = known_instant(parse_day(known_on, "--known-on"))
    with Store.open(database) as store:
        report = trends(
            store,
            vocab,
            by=by.value,
            state=state,
            group=group,
            event_types=event_type,
            months=months,
            end=end,
            known_on=known,
        )
        rec = None
        if official:
            rec = reconcile(store, vocab, state=state, known_on=known)
            keep = set(report.periods)
            rec = Reconciliation(
                rec.event_type,
                rec.categories,
                rec.coded_types,
                tuple(r for r in rec.rows if r.period in keep),
            )
    title = f"Incidents/deaths by {by.value}, {report.periods[0]}..{report.periods[-1]}" + (
        f" ({', '.join(f'{k}={v}' for k, v in report.filters.items())})" if report.filters else ""
    )
    if fmt is OutputFormat.json:
        console.file.write(json_text({"trends": report, "official": rec}) + "\n")
        return
    if fmt is OutputFormat.csv and rec is not None:
        emit(official_rows(rec), fmt)
        return
    if fmt is OutputFormat.table:
        emit(wide_rows(report), fmt, title=title)
        if report.undated:
            console.print(
                f"{report.undated} incident(s) without a month-precise date are not in the series",
                highlight=False,
            )
        if rec is not None:
            columns = (
                "state",
                "period",
                "official_victims",
                "official_carpetas",
                "coded_incidents",
                "coded_killed",
                "coverage",
            )
            emit(
                official_rows(rec),
                fmt,
                columns=columns,
                title=f"SESNSP {' + '.join(rec.categories)} "
                f"vs coded ({', '.join(rec.coded_types)})",
            )
        return
    if fmt is OutputFormat.geojson and by is not By.place:
        raise AnalyzeError("--format geojson needs --by place (groups and types have no place)")
    emit(long_rows(report), fmt, geometry=lambda row: _point(vocab, row["key"]))

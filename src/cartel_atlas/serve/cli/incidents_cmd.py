"""``cartel-atlas incidents``: deduplicated events with their sources and Admiralty grade.

Lists incidents (one row per real event, however many outlets reported it), explains one
(every report with its source, reliability, evidence sentence, document and why it was
merged) or splits a wrong merge. All logic lives in ``analyze.incidents``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

import typer
from rich.table import Table

from cartel_atlas.analyze.incidents import (
    Incident,
    get_incident,
    list_incidents,
    split_incident,
)
from cartel_atlas.errors import NotFoundError
from cartel_atlas.serve.cli.common import DatabaseOption, console
from cartel_atlas.serve.cli.output import FormatOption, OutputFormat, emit, jsonable
from cartel_atlas.settings import get_settings
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary, get_vocabulary

COLUMNS = [
    "id",
    "date",
    "type",
    "place",
    "actor",
    "killed",
    "wounded",
    "reports",
    "sources",
    "grade",
]


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=option) from None


def _range(lo: int | None, hi: int | None) -> str | None:
    if lo is None:
        return None
    return str(lo) if lo == hi else f"{lo}-{hi}"


def _dates(inc: Incident) -> str | None:
    if inc.date_from is None:
        return None
    if inc.date_to is None or inc.date_to == inc.date_from:
        return inc.date_from.isoformat()
    return f"{inc.date_from.isoformat()}/{inc.date_to.isoformat()}"


def incident_row(inc: Incident) -> dict[str, Any]:
    """The one-line view of an incident (table, CSV and GeoJSON properties)."""
    return {
        "id": inc.id,
        "date": _dates(inc),
        "type": inc.event_type,
        "place": inc.place,
        "actor": inc.actor,
        "killed": _range(inc.killed_min, inc.killed_max),
        "wounded": _range(inc.wounded_min, inc.wounded_max),
        "reports": len(inc.fact_ids),
        "sources": f"{inc.independent_sources} indep.: " + "; ".join(inc.sources),
        "grade": inc.code,
    }


def incident_record(inc: Incident) -> dict[str, Any]:
    """The full incident for JSON: every report with its evidence and merge reason."""
    data = jsonable(inc)
    data["grade_code"] = inc.code
    data.pop("merge_reasons", None)  # the same reasons are in each report, as objects
    return data


def _geometry(vocab: Vocabulary) -> Any:
    def locate(row: Mapping[str, Any]) -> tuple[float, float] | None:
        label = row.get("place")
        if not label:
            return None
        try:
            ref = vocab.places.ref(str(label))
        except NotFoundError:
            return None
        if ref.kind == "state":
            s = vocab.places.states[ref.code]
            return (s.lon, s.lat)
        if ref.code in vocab.places.municipalities:
            m = vocab.places.municipalities[ref.code]
            return (m.lon, m.lat)
        return None

    return locate


def _explain(inc: Incident) -> None:
    head = incident_row(inc)
    console.print(
        f"[bold]{inc.id}[/]  {head['type']}  {head['date'] or 'date unknown'}  "
        f"{inc.place or 'place unknown'}  actor: {inc.actor or 'unknown'}  "
        f"killed: {head['killed'] or 'n/a'}  wounded: {head['wounded'] or 'n/a'}",
        highlight=False,
    )
    if inc.undone_at:
        console.print(f"[yellow]split by an analyst on {inc.undone_at:%Y-%m-%d %H:%M} UTC[/]")
    if inc.grade:
        console.print(
            f"grade [bold]{inc.grade.code}[/]: " + "; ".join(inc.grade.reasons), highlight=False
        )
    table = Table(title="Reports", show_lines=True, header_style="bold")
    for col in ("fact", "source", "rel.", "claim", "evidence", "document", "why merged"):
        table.add_column(col, overflow="fold")
    for role, reports in (("report", inc.reports), ("DENIES", inc.denials)):
        for r in reports:
            claim = (
                f"{r.event_type} {r.date or '?'} {', '.join(r.place) or '?'} "
                f"actor={', '.join(r.actor) or '?'} killed={r.killed} "
                f"[{r.polarity}{'' if role == 'report' else ', denial'}]"
            )
            copy = f"\n(near-duplicate of {r.near_duplicate_of})" if r.near_duplicate_of else ""
            doc = f"{r.doc_title or r.doc_id}\n{r.doc_url or ''}{copy}"
            table.add_row(
                r.fact_id[:12],
                r.speaker or "?",
                r.reliability,
                claim,
                r.evidence,
                doc,
                _reason_text(r.merge_reason),
            )
    console.print(table)


def _reason_text(reason: Mapping[str, Any]) -> str:
    if reason.get("seed"):
        return "first report (the incident's core)"
    parts = []
    for name in ("type", "place", "date", "actor", "killed", "wounded"):
        item = reason.get(name)
        if isinstance(item, Mapping):
            values = " vs ".join(str(v) for v in item.get("values", []))
            parts.append(f"{name}: {item.get('agree')} ({values})")
    if reason.get("split_at"):
        parts.append(f"split at {reason['split_at']}")
    return "\n".join(parts)


def incidents_command(
    event_type: Annotated[
        str | None, typer.Option("--type", help="Event type id, e.g. homicide.")
    ] = None,
    state: Annotated[str | None, typer.Option("--state", help="State name or INEGI code.")] = None,
    group: Annotated[
        str | None, typer.Option("--group", help="Group id or name (its factions included).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only incidents on or after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Only incidents on or before YYYY-MM-DD.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    explain: Annotated[
        str | None,
        typer.Option("--explain", help="Show every report of one incident and why it was merged."),
    ] = None,
    split: Annotated[
        str | None,
        typer.Option("--split", help="Undo the merge of one incident (kept apart from then on)."),
    ] = None,
    fact: Annotated[
        list[str] | None, typer.Option("--fact", help="With --split: detach only these facts.")
    ] = None,
    database: DatabaseOption = None,
) -> None:
    """Deduplicated incidents with their sources and Admiralty grade (e.g. B2)."""
    vocab = get_vocabulary(get_settings().vocab_dir)
    with Store.open(database) as store:
        if explain:
            inc = get_incident(store, explain, vocab)
            if fmt is OutputFormat.table:
                _explain(inc)
            else:
                emit(
                    [incident_row(inc)],
                    fmt,
                    columns=COLUMNS,
                    data=incident_record(inc),
                    geometry=_geometry(vocab),
                )
            return
        if split:
            parts = split_incident(store, split, fact or None, vocab)
            if fmt is OutputFormat.table:
                console.print(f"split {split} into {len(parts)} incident(s):", highlight=False)
            emit(
                [incident_row(i) for i in parts],
                fmt,
                columns=COLUMNS,
                data=[incident_record(i) for i in parts],
                geometry=_geometry(vocab),
            )
            return
        incidents = list_incidents(
            store,
            vocab,
            event_type=event_type,
            state=state,
            group=group,
            since=_day(since, "--since"),
            until=_day(until, "--until"),
        )
    emit(
        [incident_row(i) for i in incidents],
        fmt,
        columns=COLUMNS,
        title=f"{len(incidents)} incident(s)",
        data=[incident_record(i) for i in incidents],
        geometry=_geometry(vocab),
    )

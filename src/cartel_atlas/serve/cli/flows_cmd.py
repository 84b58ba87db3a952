"""``cartel-atlas flows`` and ``cartel-atlas dyads``: trafficking routes and conflict
networks. Only formatting lives here (``analyze.flows`` and ``analyze.dyads`` compute)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from cartel_atlas.analyze.dyads import DyadReport, conflict_dyads
from cartel_atlas.analyze.flows import FlowGraph, flow_graph, flows_geojson
from cartel_atlas.analyze.presence_claims import known_instant
from cartel_atlas.serve.cli.common import DatabaseOption, console
from cartel_atlas.serve.cli.output import FormatOption, OutputFormat, emit, json_text
from cartel_atlas.serve.cli.presence_cmd import parse_day
from cartel_atlas.settings import get_settings
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary, get_vocabulary

KnownOnOption = Annotated[
    str | None, typer.Option("--known-on", help="Use only facts recorded by this date.")
]


def _vocab() -> Vocabulary:
    return get_vocabulary(get_settings().vocab_dir)


def edge_rows(graph: FlowGraph) -> list[dict[str, Any]]:
    """One row per edge, endpoints by label, with actors, dates and sources."""
    nodes = {n.id: n for n in graph.nodes}
    return [
        {
            "from": nodes[e.source].label,
            "from_kind": nodes[e.source].kind,
            "to": nodes[e.target].label,
            "to_kind": nodes[e.target].kind,
            "commodity": e.commodity_name,
            "actors": list(e.actors),
            "first_date": e.first_date,
            "last_date": e.last_date,
            "facts": len(e.fact_ids),
            "confidence": round(e.confidence, 3),
            "sources": sorted({f"{x.source} ({x.reliability})" for x in e.evidence if x.source}),
            "fact_ids": list(e.fact_ids),
        }
        for e in graph.edges
    ]


def flows_command(
    group: Annotated[
        str | None, typer.Option("--group", "-g", help="Only this group's routes (and factions).")
    ] = None,
    commodity: Annotated[
        str | None,
        typer.Option("--commodity", "-c", help="Only this commodity (Spanish or English name)."),
    ] = None,
    known_on: KnownOnOption = None,
    fmt: FormatOption = OutputFormat.table,
    database: DatabaseOption = None,
) -> None:
    """Trafficking flows as a graph: origin, waypoint (ports, crossings) and destination
    by commodity, with actors, dates, confidence and sources; --format geojson draws each
    leg as a LineString between node coordinates."""
    vocab = _vocab()
    known = known_instant(parse_day(known_on, "--known-on"))
    with Store.open(database) as store:
        graph = flow_graph(store, vocab, group=group, commodity=commodity, known_on=known)
    if fmt is OutputFormat.geojson:
        console.file.write(json_text(flows_geojson(graph)) + "\n")
        return
    title = "Trafficking flows" + (
        f" ({', '.join(f'{k}={v}' for k, v in graph.filters.items())})" if graph.filters else ""
    )
    columns = ("from", "to", "commodity", "actors", "first_date", "last_date", "facts", "sources")
    emit(
        edge_rows(graph),
        fmt,
        columns=columns if fmt is OutputFormat.table else None,
        title=title,
        data=graph,
    )


def dyad_rows(report: DyadReport) -> list[dict[str, Any]]:
    """Conflicts first, then alliances, one row per pair."""
    rows: list[dict[str, Any]] = [
        {
            "relation": "conflict",
            "a": d.a_name,
            "b": d.b_name,
            "clashes": d.clashes,
            "killed": d.killed,
            "contested_claims": d.contested_claims,
            "places": [p.place for p in d.places],
            "basis": list(d.bases),
            "first_date": d.first_date,
            "last_date": d.last_date,
            "sources": sorted({f"{e.source} ({e.reliability})" for e in d.evidence if e.source}),
            "fact_ids": [e.fact_id for e in d.evidence],
        }
        for d in report.conflicts
    ]
    rows += [
        {
            "relation": "alliance",
            "a": a.a_name,
            "b": a.b_name,
            "basis": [a.basis],
            "first_date": a.start,
            "last_date": a.end,
            "sources": [a.source_url]
            if a.source_url
            else sorted({f"{e.source} ({e.reliability})" for e in a.evidence if e.source}),
            "fact_ids": [e.fact_id for e in a.evidence],
        }
        for a in report.alliances
    ]
    return rows


def _dyad_point(vocab: Vocabulary, row: dict[str, Any]) -> tuple[float, float] | None:
    from cartel_atlas.analyze.counting import place_info

    info = place_info(vocab, row.get("place"))
    if info is None or info.state_code is None:
        return None
    if info.municipality_code:
        m = vocab.places.municipalities[info.municipality_code]
        return m.lon, m.lat
    st = vocab.places.states[info.state_code]
    return st.lon, st.lat


def dyads_command(
    group: Annotated[
        str | None, typer.Option("--group", "-g", help="Only pairs involving this group.")
    ] = None,
    state: Annotated[str | None, typer.Option("--state", help="Only fighting in this state.")] = (
        None
    ),
    since: Annotated[
        str | None, typer.Option("--since", help="Only evidence from this date on.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date for vocabulary relations (default today)."),
    ] = None,
    known_on: KnownOnOption = None,
    fmt: FormatOption = OutputFormat.table,
    database: DatabaseOption = None,
) -> None:
    """Conflict dyads (who fights whom where, from clashes between two groups and
    contested-presence claims) and alliances (vocabulary and claims), with evidence;
    --format geojson places each pair's fighting at its municipality or state."""
    vocab = _vocab()
    start = parse_day(since, "--since")
    if start is not None and since is not None and len(since) == 7:
        start = start.replace(day=1)
    known = known_instant(parse_day(known_on, "--known-on"))
    with Store.open(database) as store:
        report = conflict_dyads(
            store,
            vocab,
            group=group,
            state=state,
            since=start,
            as_of=parse_day(as_of, "--as-of"),
            known_on=known,
        )
    if fmt is OutputFormat.geojson:
        rows = [
            {
                "a": d.a_name,
                "b": d.b_name,
                "place": p.place,
                "clashes": p.clashes,
                "killed": p.killed,
                "contested_claims": p.contested_claims,
                "basis": list(d.bases),
            }
            for d in report.conflicts
            for p in d.places
        ]
        emit(rows, fmt, geometry=lambda row: _dyad_point(vocab, dict(row)))
        return
    columns = (
        "relation",
        "a",
        "b",
        "clashes",
        "killed",
        "contested_claims",
        "places",
        "basis",
        "sources",
    )
    emit(
        dyad_rows(report),
        fmt,
        columns=columns if fmt is OutputFormat.table else None,
        title="Conflict dyads and alliances",
        data=report,
    )

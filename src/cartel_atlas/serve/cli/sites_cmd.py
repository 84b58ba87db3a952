"""``cartel-atlas sites add|list|remove|alerts``: the user's sites and incidents near them.
Only formatting lives here (``analyze.sites`` computes; ``store.sites_repo`` stores)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from cartel_atlas.analyze.presence_claims import known_instant
from cartel_atlas.analyze.sites import DEFAULT_RADIUS_KM, ProximityAlert, register_site, scan_sites
from cartel_atlas.serve.cli.common import DatabaseOption, console
from cartel_atlas.serve.cli.output import FormatOption, OutputFormat, emit
from cartel_atlas.serve.cli.presence_cmd import parse_day
from cartel_atlas.settings import get_settings
from cartel_atlas.store import Store
from cartel_atlas.store.sites_repo import list_sites, remove_site
from cartel_atlas.vocab import Vocabulary, get_vocabulary

app = typer.Typer(
    help="Your sites (plants, offices, yards) and proximity alerts for incidents near them.",
    no_args_is_help=True,
)


def _vocab() -> Vocabulary:
    return get_vocabulary(get_settings().vocab_dir)


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="A unique name for the site.")],
    lat: Annotated[float | None, typer.Option("--lat", help="Latitude (WGS84).")] = None,
    lon: Annotated[float | None, typer.Option("--lon", help="Longitude (WGS84).")] = None,
    municipality: Annotated[
        str | None,
        typer.Option(
            "--municipality",
            help="Place the site at a municipality's seat: INEGI code, 'State/Name' or name.",
        ),
    ] = None,
    radius_km: Annotated[
        float, typer.Option("--radius-km", help="Alert radius in km.")
    ] = DEFAULT_RADIUS_KM,
    database: DatabaseOption = None,
) -> None:
    """Register a site by --lat/--lon or by --municipality, with an alert radius."""
    vocab = _vocab()
    with Store.open(database) as store:
        site = register_site(
            store, vocab, name, lat=lat, lon=lon, municipality=municipality, radius_km=radius_km
        )
    where = vocab.places.label(site.municipality_code) if site.municipality_code else "?"
    console.print(
        f"site '{site.name}' at {site.lat:.5f}, {site.lon:.5f} ({where}), "
        f"radius {site.radius_km:g} km",
        highlight=False,
    )


@app.command("list")
def list_command(fmt: FormatOption = OutputFormat.table, database: DatabaseOption = None) -> None:
    """Every registered site."""
    vocab = _vocab()
    with Store.open(database) as store:
        sites = list_sites(store)
    rows = [
        {
            "name": s.name,
            "lat": s.lat,
            "lon": s.lon,
            "radius_km": s.radius_km,
            "municipality": vocab.places.label(s.municipality_code)
            if s.municipality_code
            else None,
            "created_at": s.created_at,
        }
        for s in sites
    ]
    emit(rows, fmt, title="Sites", geometry=lambda row: (row["lon"], row["lat"]))


@app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(help="The site's name.")],
    database: DatabaseOption = None,
) -> None:
    """Delete a site (alerts already recorded about it are kept)."""
    with Store.open(database) as store:
        remove_site(store, name)
    console.print(f"site '{name}' removed", highlight=False)


def alert_rows(alerts: tuple[ProximityAlert, ...]) -> list[dict[str, Any]]:
    """One row per incident near a site."""
    return [
        {
            "site": a.site,
            "date": a.date_from,
            "type": a.event_type,
            "place": a.place,
            "distance_km": a.distance_km,
            "precision": a.precision,
            "killed": a.killed,
            "actors": list(a.actors),
            "groups_around": [f"{g.name} ({g.status}, {g.grade})" for g in a.groups_around],
            "sources": sorted({f"{e.source} ({e.reliability})" for e in a.evidence if e.source}),
            "fact_ids": list(a.fact_ids),
        }
        for a in alerts
    ]


@app.command("alerts")
def alerts(
    site: Annotated[str | None, typer.Option("--site", "-s", help="Only this site.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only incidents from this date on.")
    ] = None,
    include_state_level: Annotated[
        bool,
        typer.Option(
            "--include-state-level",
            help="Also place incidents known only by state at the state's interior point.",
        ),
    ] = False,
    known_on: Annotated[
        str | None, typer.Option("--known-on", help="Use only facts recorded by this date.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    database: DatabaseOption = None,
) -> None:
    """Incidents within each site's radius, with distance, location precision and the
    groups present around; new ones are recorded in the alerts table (shown by
    `cartel-atlas alerts` too), never twice."""
    vocab = _vocab()
    start = parse_day(since, "--since")
    if start is not None and since is not None and len(since) == 7:
        start = start.replace(day=1)
    with Store.open(database) as store:
        scan = scan_sites(
            store,
            vocab,
            since=start,
            include_state_level=include_state_level,
            known_on=known_instant(parse_day(known_on, "--known-on")),
        )
    found = tuple(a for a in scan.alerts if site is None or a.site == site)
    if fmt is OutputFormat.table:
        console.print(f"{scan.new} new proximity alert(s) recorded", highlight=False)
    columns = (
        "site",
        "date",
        "type",
        "place",
        "distance_km",
        "precision",
        "killed",
        "groups_around",
        "sources",
    )
    emit(
        alert_rows(found),
        fmt,
        columns=columns if fmt is OutputFormat.table else None,
        title="Incidents near your sites",
        data=found,
        geometry=lambda row: _point(vocab, row.get("place")),
    )


def _point(vocab: Vocabulary, label: Any) -> tuple[float, float] | None:
    from cartel_atlas.analyze.counting import place_info

    info = place_info(vocab, label)
    if info is None or info.state_code is None:
        return None
    if info.municipality_code:
        m = vocab.places.municipalities[info.municipality_code]
        return m.lon, m.lat
    st = vocab.places.states[info.state_code]
    return st.lon, st.lat

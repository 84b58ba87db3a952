"""``cartel-atlas risk``: an explainable 1-5 rating for a place, a site or a point.
Only formatting lives here (``analyze.risk`` computes)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from cartel_atlas.analyze.presence_claims import known_instant
from cartel_atlas.analyze.risk import RiskRating, place_area, point_area, rate, site_area
from cartel_atlas.analyze.risk_config import load_risk_config
from cartel_atlas.errors import AnalyzeError
from cartel_atlas.serve.cli.common import DatabaseOption, console
from cartel_atlas.serve.cli.output import FormatOption, OutputFormat, emit
from cartel_atlas.serve.cli.presence_cmd import parse_day
from cartel_atlas.settings import get_settings
from cartel_atlas.store import Store
from cartel_atlas.store.sites_repo import get_site
from cartel_atlas.vocab import get_vocabulary

EVIDENCE_SHOWN = 3
"""Evidence lines printed per component in the table view (JSON has all)."""


def component_rows(r: RiskRating) -> list[dict[str, Any]]:
    """One row per category and component: value, score, share and contribution."""
    rows = []
    for cat in r.categories:
        rows.append(
            {
                "category": cat.label,
                "component": "(category)",
                "value": None,
                "score": None if cat.score is None else round(cat.score, 2),
                "rating": cat.rating,
                "weight": cat.weight,
                "share": round(cat.share, 3),
                "contribution": round(cat.contribution, 3),
                "detail": None,
            }
        )
        for c in cat.components:
            rows.append(
                {
                    "category": cat.label,
                    "component": c.label,
                    "value": c.value,
                    "score": c.score,
                    "rating": None,
                    "weight": c.weight,
                    "share": round(c.share, 3),
                    "contribution": round(c.contribution, 3),
                    "detail": c.detail,
                }
            )
    return rows


def _print_evidence(r: RiskRating) -> None:
    for cat in r.categories:
        for c in cat.components:
            if not c.evidence and not c.official_sources:
                continue
            console.print(f"[bold]{cat.label} / {c.label}[/]", highlight=False)
            for src in c.official_sources:
                console.print(f"  official: {src}", highlight=False)
            for e in c.evidence[:EVIDENCE_SHOWN]:
                console.print(
                    f"  [{e.fact_id[:10]}] {e.source or 'unattributed'} ({e.reliability}): "
                    f"{e.sentence[:140]}",
                    highlight=False,
                    markup=False,
                )
            if len(c.evidence) > EVIDENCE_SHOWN:
                console.print(
                    f"  ... {len(c.evidence) - EVIDENCE_SHOWN} more (use --format json)",
                    highlight=False,
                )


def risk_command(
    place: Annotated[
        str | None,
        typer.Option("--place", "-p", help="A state, or a municipality ('Sinaloa/Culiacán')."),
    ] = None,
    site: Annotated[
        str | None, typer.Option("--site", "-s", help="A registered site (see `sites add`).")
    ] = None,
    lat: Annotated[float | None, typer.Option("--lat", help="Latitude of a point.")] = None,
    lon: Annotated[float | None, typer.Option("--lon", help="Longitude of a point.")] = None,
    radius_km: Annotated[
        float, typer.Option("--radius-km", help="Radius around --lat/--lon, in km.")
    ] = 25.0,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="End of the window (default: newest incident)."),
    ] = None,
    known_on: Annotated[
        str | None, typer.Option("--known-on", help="Use only facts recorded by this date.")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Risk weights file (default: $CARTEL_ATLAS_RISK_CONFIG, else the bundled one).",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    database: DatabaseOption = None,
) -> None:
    """A 1-5 risk rating, overall and per category, with every component's value, score,
    weight and contribution, and the evidence behind it."""
    chosen = [
        x
        for x in (place, site, lat if lat is not None or lon is not None else None)
        if x is not None
    ]
    if len(chosen) != 1:
        raise AnalyzeError("give exactly one of --place, --site or --lat/--lon")
    vocab = get_vocabulary(get_settings().vocab_dir)
    cfg = load_risk_config(config)
    with Store.open(database) as store:
        if place is not None:
            area = place_area(vocab, place)
        elif site is not None:
            area = site_area(vocab, get_site(store, site))
        else:
            if lat is None or lon is None:
                raise AnalyzeError("a point needs both --lat and --lon")
            area = point_area(vocab, lat, lon, radius_km)
        r = rate(
            store,
            vocab,
            area,
            as_of=parse_day(as_of, "--as-of"),
            known_on=known_instant(parse_day(known_on, "--known-on")),
            config=cfg,
        )
    title = (
        f"{r.area.label} ({r.area.level}): risk {r.rating} of 5 (score {r.score:.2f}), "
        f"{r.window_from}..{r.as_of}"
    )
    if fmt is OutputFormat.table:
        emit(component_rows(r), fmt, title=title)
        console.print(
            f"population: {r.area.population:,} ({r.area.population_basis}); "
            f"weights: {r.config_source}",
            highlight=False,
        )
        for note in r.notes:
            console.print(f"note: {note}", highlight=False)
        _print_evidence(r)
        return
    point = None
    if r.area.lat is not None and r.area.lon is not None:
        point = (r.area.lon, r.area.lat)
    elif r.area.state_code in vocab.places.states:
        st = vocab.places.states[r.area.state_code]
        point = (st.lon, st.lat)
    summary = [
        {
            "area": r.area.label,
            "level": r.area.level,
            "rating": r.rating,
            "score": round(r.score, 3),
            "as_of": r.as_of,
            "window_from": r.window_from,
            **{c.id: c.rating for c in r.categories},
        }
    ]
    if fmt is OutputFormat.geojson:
        emit(summary, fmt, geometry=lambda _row: point)
        return
    emit(component_rows(r), fmt, data=r)

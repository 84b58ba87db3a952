"""The offline atlas map: one self-contained HTML file a security manager can open anywhere.

A plotly geo figure (``go.Choropleth`` + ``go.Scattergeo``; the MapLibre traces render
blank in headless browsers) with plotly.js inlined and the world basemap replaced by an
empty stub defined before the plot script: plotly would otherwise fetch
``cdn.plot.ly/un/world_110m.json`` and stay blank offline. Boundaries are the package's
INEGI polygons, whose rings are already wound the way plotly expects.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import sqlalchemy as sa

from cartel_atlas.analyze.presence import (
    CONTESTED,
    NO_INFORMATION,
    PRESENT,
    Level,
    PresenceCell,
    PresenceConfig,
    PresenceMap,
    most_widespread_group,
    presence_map,
)
from cartel_atlas.analyze.presence_claims import (
    known_instant,
    period,
    resolve_group,
    resolve_place,
)
from cartel_atlas.store import Store, StoredFact, schema
from cartel_atlas.vocab import Vocabulary

IN_STATE = "in state"
"""Municipality level: no municipal report, but the group is present in the state."""
STATUS_COLOURS = {
    PRESENT: "#d95f02",
    CONTESTED: "#7b3294",
    IN_STATE: "#fdd0a2",
    NO_INFORMATION: "#e0e0e0",
}
STATUS_NAMES = {
    PRESENT: "Present",
    CONTESTED: "Contested (a rival is present too, or a source says so)",
    IN_STATE: "Municipality not reported; present in its state",
    NO_INFORMATION: "No information",
}
FEATURE_KEY = {"state": "properties.cve_ent", "municipality": "properties.cvegeo"}
INCIDENT_MONTHS = 12
"""Incidents shown: those dated in the 12 months up to the map's date."""

_GEO_LAYERS = ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits")
WORLD_STUB = {
    "type": "Topology",
    "arcs": [],
    "objects": {k: {"type": "GeometryCollection", "geometries": []} for k in _GEO_LAYERS},
}
"""An empty world basemap: plotly draws our INEGI polygons and fetches nothing."""
_STUB_JSON = json.dumps(WORLD_STUB, separators=(",", ":"))
STUB_SCRIPT = (
    f"<script>window.PlotlyGeoAssets = {{topojson: {{world_110m: {_STUB_JSON}}}}};</script>"
)


@dataclass(frozen=True, slots=True)
class IncidentPoint:
    """An event fact placed on the map."""

    lat: float
    lon: float
    precision: str
    """'municipality' (its centroid or seat) or 'state' (a point inside the state)."""
    event_type: str
    date: str
    place: str
    killed: Any
    actor: str
    source: str
    by_group: bool
    doc_title: str | None


@lru_cache(maxsize=2)
def _geojson(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _wrap(text: str, width: int = 70, limit: int = 220) -> str:
    """Escape and wrap a sentence for a hover box."""
    text = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "<br>".join(html.escape(x) for x in lines)


def cell_hover(cell: PresenceCell | None, label: str, names: dict[str, str] | None = None) -> str:
    """Hover text of one place: status, confidence, grade, top evidence either way."""
    if cell is None:
        return f"<b>{html.escape(label)}</b><br>No information"
    rivals = [html.escape((names or {}).get(g, g)) for g in cell.contested_by]
    parts = [
        f"<b>{html.escape(label)}</b>",
        f"Status: {cell.status}" + (f" (with {', '.join(rivals)})" if rivals else ""),
        f"Confidence: {cell.confidence:.2f} · grade {cell.grade} · "
        f"{cell.independent_sources} independent source(s)",
    ]
    for title, items in (("For", cell.supporting), ("Against", cell.contradicting)):
        if items:
            e = items[0]
            parts.append(
                f"{title}: “{_wrap(e.sentence)}”<br>— {html.escape(e.source or 'unattributed')}"
                f" ({e.reliability}), {e.as_of(cell.as_of).isoformat()}"
                + (f", +{len(items) - 1} more" if len(items) > 1 else "")
            )
    return "<br>".join(parts)


def _choropleth(
    pmap: PresenceMap, vocab: Vocabulary, level: Level, state_map: PresenceMap | None = None
) -> Iterable[go.Choropleth]:
    gj = _geojson(vocab.places.geojson_path(level))
    key = FEATURE_KEY[level].split(".", 1)[1]
    cells = pmap.by_code()
    states = state_map.by_code() if state_map is not None else {}
    names = {g.id: g.name for g in vocab.groups}
    groups: dict[str, list[tuple[str, str, str]]] = {s: [] for s in STATUS_COLOURS}
    for feature in gj["features"]:
        code = feature["properties"][key]
        label = vocab.places.states[code].label if level == "state" else vocab.places.label(code)
        cell = cells.get(code)
        if cell is not None:
            groups[cell.status].append((code, label, cell_hover(cell, label, names)))
            continue
        state = states.get(code[:2]) if level == "municipality" else None
        if state is not None and state.status != NO_INFORMATION:
            hover = (
                f"<b>{html.escape(label)}</b><br>No report names this municipality.<br>"
                f"In {html.escape(state.place_label)}: "
                + cell_hover(state, state.place_label, names).split("<br>", 1)[1]
            )
            groups[IN_STATE].append((code, label, hover))
        else:
            groups[NO_INFORMATION].append((code, label, cell_hover(None, label)))
    by_code = {f["properties"][key]: f for f in gj["features"]}
    for status in (NO_INFORMATION, IN_STATE, PRESENT, CONTESTED):
        rows = groups[status]
        if not rows:
            continue
        codes = [c for c, _, _ in rows]
        colour = STATUS_COLOURS[status]
        yield go.Choropleth(
            geojson={"type": "FeatureCollection", "features": [by_code[c] for c in codes]},
            featureidkey=FEATURE_KEY[level],
            locations=codes,
            z=[1] * len(codes),
            colorscale=[[0, colour], [1, colour]],
            showscale=False,
            showlegend=True,
            name=STATUS_NAMES[status],
            hovertext=[h for _, _, h in rows],
            hoverinfo="text",
            marker={"line": {"color": "#ffffff", "width": 0.6 if level == "state" else 0.2}},
        )


def incident_points(
    store: Store,
    vocab: Vocabulary,
    group_id: str,
    as_of: date,
    known_on: date | None = None,
    months: int = INCIDENT_MONTHS,
) -> list[IncidentPoint]:
    """Event facts dated in the ``months`` before ``as_of`` with a Mexican place, one point
    per fact (facts of near-duplicate documents are left out: they repeat their original)."""
    start = as_of - timedelta(days=round(months * 30.44))
    facts = store.facts(kind="event", recorded_before=known_instant(known_on))
    dup_docs = _duplicate_docs(store, {f.doc_id for f in facts})
    out: list[IncidentPoint] = []
    for fact in facts:
        if fact.doc_id in dup_docs or (fact.fields.get("polarity") or fact.polarity) == "negated":
            continue
        when = period(fact.fields.get("date")) or (
            (fact.valid_from, fact.valid_to or fact.valid_from) if fact.valid_from else None
        )
        if when is None or when[0] > as_of or when[1] < start:
            continue
        out.extend(_points(fact, vocab, group_id, when))
    return out


def _duplicate_docs(store: Store, doc_ids: set[str]) -> set[str]:
    """The documents among ``doc_ids`` linked as near-duplicates of another."""
    d = schema.documents
    with store.session() as session:
        linked = session.execute(sa.select(d.c.id).where(d.c.duplicate_of.is_not(None)))
        return {row[0] for row in linked} & doc_ids


def _points(
    fact: StoredFact, vocab: Vocabulary, group_id: str, when: tuple[date, date]
) -> Iterable[IncidentPoint]:
    f = fact.fields
    actors: list[Any] = f["actor"] if isinstance(f.get("actor"), list) else [f.get("actor")]
    ids = {resolve_group(vocab, a) for a in actors if a}
    places: list[Any] = f["place"] if isinstance(f.get("place"), list) else [f.get("place")]
    for label in places:
        where = resolve_place(vocab, label)
        if where is None:
            continue
        state_code, muni_code, place_label = where
        if muni_code:
            m = vocab.places.municipalities[muni_code]
            lat, lon = m.centroid or (m.lat, m.lon)
            precision = "municipality"
        else:
            s = vocab.places.states[state_code]
            lat, lon, precision = s.lat, s.lon, "state"
        yield IncidentPoint(
            lat=lat,
            lon=lon,
            precision=precision,
            event_type=str(f.get("event_type") or "event"),
            date=str(f.get("date") or when[0].isoformat()),
            place=place_label,
            killed=f.get("killed"),
            actor=", ".join(str(a) for a in actors if a) or "not named",
            source=f"{fact.source or fact.doc_publisher or 'unknown'}",
            by_group=group_id in ids,
            doc_title=fact.doc_title,
        )


def _incident_traces(points: list[IncidentPoint], group_name: str) -> Iterable[go.Scattergeo]:
    for by_group, name, colour in (
        (False, "Incidents (other or unnamed actors)", "#404040"),
        (True, f"Incidents attributed to {group_name}", "#c51b1b"),
    ):
        pts = [p for p in points if p.by_group == by_group]
        if not pts:
            continue
        yield go.Scattergeo(
            lat=[p.lat for p in pts],
            lon=[p.lon for p in pts],
            mode="markers",
            name=name,
            marker={"size": 8, "color": colour, "line": {"color": "#ffffff", "width": 1}},
            hovertext=[
                f"<b>{html.escape(p.event_type.replace('_', ' '))}</b> · {html.escape(p.date)}"
                f"<br>{html.escape(p.place)} (placed at {p.precision} point)"
                f"<br>Killed: {p.killed if p.killed is not None else 'not stated'}"
                f"<br>Actor: {html.escape(p.actor)}<br>Source: {html.escape(p.source)}"
                + (f"<br>{_wrap(p.doc_title)}" if p.doc_title else "")
                for p in pts
            ],
            hoverinfo="text",
        )


def _infrastructure(vocab: Vocabulary) -> Iterable[go.Scattergeo]:
    ports = vocab.places.ports
    yield go.Scattergeo(
        lat=[p.lat for p in ports],
        lon=[p.lon for p in ports],
        mode="markers",
        name="Seaports",
        marker={"symbol": "square", "size": 7, "color": "#1f4e9c"},
        hovertext=[f"Port: {html.escape(p.name)} ({p.tier}, {p.coast})" for p in ports],
        hoverinfo="text",
    )
    crossings = vocab.places.crossings
    yield go.Scattergeo(
        lat=[c.lat for c in crossings],
        lon=[c.lon for c in crossings],
        mode="markers",
        name="US border crossings",
        marker={"symbol": "diamond", "size": 8, "color": "#1b7837"},
        hovertext=[
            f"Crossing: {html.escape(c.name)} – {html.escape(c.us_city)}, {c.us_state}"
            for c in crossings
        ],
        hoverinfo="text",
    )


def build_figure(
    store: Store,
    vocab: Vocabulary,
    pmap: PresenceMap,
    *,
    incidents: list[IncidentPoint] | None = None,
    state_map: PresenceMap | None = None,
) -> go.Figure:
    """The atlas figure for one presence map (incidents read from the store if not given).

    At municipality level, ``state_map`` (the same group at state level) shades the
    municipalities no report names inside states where the group is present.
    """
    level: Level = "municipality" if pmap.level == "municipality" else "state"
    if incidents is None:
        incidents = incident_points(store, vocab, pmap.group_id, pmap.as_of, pmap.known_on)
    fig = go.Figure()
    for trace in _choropleth(pmap, vocab, level, state_map):
        fig.add_trace(trace)
    for trace in (*_incident_traces(incidents, pmap.group_name), *_infrastructure(vocab)):
        fig.add_trace(trace)
    recorded = (
        f"as recorded on {pmap.known_on.isoformat()}"
        if pmap.known_on
        else "with everything recorded to date"
    )
    cfg = pmap.config
    fig.update_layout(
        title={
            "text": f"<b>{html.escape(pmap.group_name)}</b>: presence by {level} as of "
            f"{pmap.as_of.isoformat()}<br><sup>Knowledge {recorded}; "
            f"present in {pmap.count()} of "
            f"{len(vocab.places.states) if level == 'state' else len(vocab.places.municipalities)}"
            f" {level if level == 'state' else 'municipalitie'}s</sup>",
            "x": 0.01,
        },
        geo={
            "fitbounds": "locations",
            "visible": False,
            "projection": {"type": "mercator"},
            "bgcolor": "#ffffff",
        },
        legend={"x": 0.01, "y": 0.02, "bgcolor": "rgba(255,255,255,0.85)"},
        margin={"l": 10, "r": 10, "t": 70, "b": 90},
        height=820,
        annotations=[
            {
                "text": "Confidence = support × (1 − against). Each claim weighs source "
                "reliability (Admiralty A–F), hedging, extraction confidence and recency "
                f"(half-life {cfg.half_life_days:.0f} days; nothing after {cfg.lapse_months}"
                " months).<br>Independent documents corroborate; near-duplicates count once. "
                "Hover a place for its grade and evidence, for and against.<br>"
                "Boundaries: INEGI, Marco Geoestadístico 2020. Incidents: last 12 months, "
                "placed at the municipality or state point.",
                "xref": "paper",
                "yref": "paper",
                "x": 0.0,
                "y": -0.09,
                "showarrow": False,
                "align": "left",
                "font": {"size": 11, "color": "#444444"},
            }
        ],
    )
    return fig


def figure_html(fig: go.Figure, title: str) -> str:
    """One self-contained HTML page: plotly.js inlined, basemap stub before it."""
    page = fig.to_html(
        include_plotlyjs=True,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
    )
    head = f"<head>\n    <title>{html.escape(title)}</title>\n    {STUB_SCRIPT}"
    return page.replace("<head>", head, 1)


def write_group_map(
    store: Store,
    vocab: Vocabulary,
    group: str,
    as_of: date | None,
    level: Level,
    path: Path | str,
    *,
    known_on: date | None = None,
    config: PresenceConfig | None = None,
) -> Path:
    """Write the atlas map of ``group`` to ``path`` and return the path."""
    pmap = presence_map(
        store, vocab, group, as_of=as_of, known_on=known_on, level=level, config=config
    )
    state_map = None
    if level == "municipality":
        state_map = presence_map(
            store, vocab, group, as_of=as_of, known_on=known_on, level="state", config=config
        )
    fig = build_figure(store, vocab, pmap, state_map=state_map)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    title = f"{pmap.group_name} – cartel-atlas map, {pmap.as_of.isoformat()}"
    out.write_text(figure_html(fig, title), encoding="utf-8")
    return out


def default_map_group(store: Store, vocab: Vocabulary, as_of: date | None = None) -> str | None:
    """The group for the demo map: the one present in the most states."""
    return most_widespread_group(store, vocab, as_of=as_of)

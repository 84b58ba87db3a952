"""Trafficking flows as a graph: where commodities come from, pass through and go.

Each flow fact ("precursor chemicals flow from China into Mexico through the ports of
Manzanillo and Lázaro Cárdenas") becomes edges between located nodes: countries and
regions, seaports, border crossings, states and municipalities. The ``via`` places of one
fact are alternative waypoints (reports list several ports a flow uses, not a sequence),
so a fact with vias yields from -> via and via -> to for each via. Edges with the same
endpoints and commodity are merged, keeping every actor, date, fact and source.

Coordinates: ports and crossings from the places vocabulary (a crossing is drawn at its
Mexican town), municipalities at their seat, states at an interior point, countries at
the geographic centre in ``country_points.csv`` and world regions at a conventional
drawing point. A node we cannot locate is kept in the graph but left off the map.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from cartel_atlas.analyze.counting import (
    EvidenceRef,
    as_list,
    date_bounds,
    duplicate_documents,
    evidence_ref,
    group_family,
    group_ids,
)
from cartel_atlas.errors import AnalyzeError, NotFoundError
from cartel_atlas.store import Store, StoredFact
from cartel_atlas.vocab import Vocabulary

COUNTRY_POINTS = Path(__file__).with_name("country_points.csv")
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class FlowNode:
    """A place on a route, located as precisely as the vocabulary allows."""

    id: str
    kind: str
    """country, region, port, crossing, state, municipality or unknown."""
    label: str
    lat: float | None
    lon: float | None
    precision: str


@dataclass(frozen=True, slots=True)
class FlowEdge:
    """One leg of a flow for one commodity, with everyone and everything behind it."""

    source: str
    target: str
    commodity: str
    commodity_name: str
    category: str | None
    actors: tuple[str, ...]
    first_date: date | None
    last_date: date | None
    confidence: float
    fact_ids: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...]


@dataclass(frozen=True, slots=True)
class FlowRoute:
    """One flow fact as stated: from, alternative waypoints, to."""

    fact_id: str
    commodity: str
    origins: tuple[str, ...]
    vias: tuple[str, ...]
    destinations: tuple[str, ...]
    actors: tuple[str, ...]
    evidence: EvidenceRef


@dataclass(frozen=True, slots=True)
class FlowGraph:
    """Nodes, merged edges and the routes they came from."""

    nodes: tuple[FlowNode, ...]
    edges: tuple[FlowEdge, ...]
    routes: tuple[FlowRoute, ...]
    filters: dict[str, str] = field(default_factory=dict)

    def node(self, node_id: str) -> FlowNode:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise NotFoundError(f"no node '{node_id}' in this flow graph")


@lru_cache(maxsize=4)
def country_points(path: Path = COUNTRY_POINTS) -> dict[str, tuple[str, float, float]]:
    """name -> (kind, lat, lon) from the country points table; bad rows name their line."""
    out: dict[str, tuple[str, float, float]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (KeyError, TypeError, ValueError) as exc:
                raise AnalyzeError(f"{path}:{line}: bad lat/lon ({exc})") from exc
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise AnalyzeError(f"{path}:{line}: ({lat}, {lon}) is not a lat/lon pair")
            out[row["name"]] = (row.get("kind") or "country", lat, lon)
    return out


def flow_node(vocab: Vocabulary, label: Any) -> FlowNode:
    """Locate an exchange place label (country, state, municipality holding a port or
    crossing); anything unresolvable becomes an unlocated node named as written."""
    if not isinstance(label, str) or not label.strip():
        return FlowNode(UNKNOWN, UNKNOWN, "not stated", None, None, "none")
    text = label.strip()
    places = vocab.places
    try:
        ref = places.ref(text)
    except NotFoundError:
        found = places.candidates(text)
        if not found:
            return FlowNode(f"text:{text}", UNKNOWN, text, None, None, "none")
        ref = found[0]
    if ref.kind == "country":
        point = country_points().get(ref.label)
        if point is None:
            return FlowNode(ref.code, "country", ref.label, None, None, "none")
        kind, lat, lon = point
        precision = "region drawing point" if kind == "region" else "country centre"
        return FlowNode(ref.code, kind, ref.label, lat, lon, precision)
    if ref.kind == "state":
        st = places.states[ref.code]
        return FlowNode(st.code, "state", st.label, st.lat, st.lon, "state interior point")
    muni_code = ref.code if ref.kind == "municipality" else places.ref(ref.label).code
    for port in places.ports:
        if port.municipality_code == muni_code:
            return FlowNode(
                f"port:{port.name}", "port", port.name, port.lat, port.lon, "port point"
            )
    for crossing in places.crossings:
        if crossing.municipality_code == muni_code:
            return FlowNode(
                f"crossing:{crossing.name}",
                "crossing",
                f"{crossing.name} / {crossing.us_city}",
                crossing.lat,
                crossing.lon,
                "crossing (Mexican town point)",
            )
    m = places.municipalities[muni_code]
    precision = "approximate municipality point" if m.approximate else "municipality seat"
    return FlowNode(m.code, "municipality", places.label(m.code), m.lat, m.lon, precision)


def _negated(fact: StoredFact) -> bool:
    return fact.polarity == "negated" or fact.fields.get("polarity") == "negated"


def _fact_date(fact: StoredFact) -> date | None:
    bounds = date_bounds(fact.fields.get("date") or fact.fields.get("as_of"))
    if bounds:
        return bounds[0]
    return fact.valid_from or fact.doc_published


def flow_graph(
    store: Store,
    vocab: Vocabulary,
    *,
    group: str | None = None,
    commodity: str | None = None,
    known_on: datetime | None = None,
) -> FlowGraph:
    """The trafficking graph from flow facts, optionally for one group (with its
    factions) and one commodity (any Spanish or English name)."""
    family = group_family(vocab, group) if group else None
    wanted = None
    if commodity is not None:
        found = vocab.commodities.find(commodity)
        if found is None:
            raise NotFoundError(f"unknown commodity '{commodity}'")
        wanted = found.id
    skip = duplicate_documents(store)
    nodes: dict[str, FlowNode] = {}
    legs: dict[tuple[str, str, str], list[tuple[StoredFact, tuple[str, ...]]]] = defaultdict(list)
    routes = []
    for fact in store.facts(kind="flow", recorded_before=known_on):
        if _negated(fact) or fact.doc_id in skip:
            continue
        f = fact.fields
        actors = group_ids(vocab, f.get("actor"))
        if family is not None and not family & set(actors):
            continue
        raw = str(f.get("commodity") or "unspecified")
        com = vocab.commodities.find(raw)
        cid = com.id if com else raw
        if wanted is not None and cid != wanted:
            continue

        def locate(values: Any) -> list[str]:
            out = []
            for v in as_list(values) or [None]:
                n = flow_node(vocab, v)
                nodes.setdefault(n.id, n)
                out.append(n.id)
            return out

        origins, destinations = locate(f.get("from")), locate(f.get("to"))
        vias = locate(f.get("via")) if as_list(f.get("via")) else []
        for a in origins:
            for b in destinations:
                pairs = [(a, v) for v in vias] + [(v, b) for v in vias] if vias else [(a, b)]
                for s, t in pairs:
                    if s != t:
                        legs[(s, t, cid)].append((fact, actors))
        routes.append(
            FlowRoute(
                fact.id,
                cid,
                tuple(origins),
                tuple(vias),
                tuple(destinations),
                actors,
                evidence_ref(fact, vocab),
            )
        )
    edges = [_edge(key, members, vocab) for key, members in legs.items()]
    edges.sort(key=lambda e: (-len(e.fact_ids), e.commodity, e.source, e.target))
    used = {e.source for e in edges} | {e.target for e in edges}
    used |= {n for r in routes for n in (*r.origins, *r.vias, *r.destinations)}
    filters = {k: v for k, v in (("group", group), ("commodity", commodity)) if v}
    return FlowGraph(tuple(nodes[n] for n in sorted(used)), tuple(edges), tuple(routes), filters)


def _edge(
    key: tuple[str, str, str], members: list[tuple[StoredFact, tuple[str, ...]]], vocab: Vocabulary
) -> FlowEdge:
    source, target, cid = key
    com = vocab.commodities.find(cid)
    seen: dict[str, StoredFact] = {}
    actors: list[str] = []
    for fact, acts in members:
        seen.setdefault(fact.id, fact)
        actors += [a for a in acts if a not in actors]
    facts = list(seen.values())
    dates = [d for d in (_fact_date(f) for f in facts) if d is not None]
    return FlowEdge(
        source=source,
        target=target,
        commodity=cid,
        commodity_name=com.name_en if com else cid,
        category=com.category if com else None,
        actors=tuple(actors),
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        confidence=max(f.confidence for f in facts),
        fact_ids=tuple(f.id for f in facts),
        evidence=tuple(evidence_ref(f, vocab) for f in facts),
    )


def route_map(
    store: Store, vocab: Vocabulary, group: str, *, known_on: datetime | None = None
) -> FlowGraph:
    """A group's routes (its factions' included); unknown groups raise ``NotFoundError``."""
    return flow_graph(store, vocab, group=group, known_on=known_on)


def flows_geojson(graph: FlowGraph) -> dict[str, Any]:
    """GeoJSON: a LineString per located edge and a Point per located node."""
    nodes = {n.id: n for n in graph.nodes}
    features: list[dict[str, Any]] = []
    for e in graph.edges:
        a, b = nodes[e.source], nodes[e.target]
        if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[a.lon, a.lat], [b.lon, b.lat]]},
                "properties": {
                    "kind": "flow",
                    "from": a.label,
                    "to": b.label,
                    "commodity": e.commodity_name,
                    "actors": list(e.actors),
                    "first_date": e.first_date.isoformat() if e.first_date else None,
                    "last_date": e.last_date.isoformat() if e.last_date else None,
                    "confidence": e.confidence,
                    "facts": len(e.fact_ids),
                    "fact_ids": list(e.fact_ids),
                    "sources": sorted({x.source for x in e.evidence if x.source}),
                    "precision": [a.precision, b.precision],
                },
            }
        )
    for n in graph.nodes:
        if n.lat is None or n.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [n.lon, n.lat]},
                "properties": {
                    "kind": n.kind,
                    "id": n.id,
                    "label": n.label,
                    "precision": n.precision,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}

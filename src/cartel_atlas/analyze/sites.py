"""The user's sites and proximity alerts: incidents within a site's radius.

Reports rarely give coordinates, so an incident is placed at its municipality's seat
(or, for the few post-2020 municipalities, an approximate point) and the distance to a
site is the great-circle (haversine) distance from there. Every alert says which
precision was used. Incidents known only at state level are left out by default: the
distance from a site to "somewhere in Michoacán" means nothing at a 25 km radius; ask
for them with ``include_state_level`` and they come measured from the state's interior
point, flagged as such.

Each alert also lists the groups present in or contesting the site's state (from
``analyze.presence``), so the reader sees who is around, with their evidence.
Alerts are stored in the ``alerts`` table (kind ``site_proximity``) idempotently: an
incident already alerted for a site is not alerted again, even if more reports of it
arrive later.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cartel_atlas.analyze.counting import CountedEvent, EvidenceRef, counted_events, presence_ref
from cartel_atlas.analyze.presence import NO_INFORMATION, presence_map
from cartel_atlas.analyze.presence_claims import ClaimSet, load_claims
from cartel_atlas.errors import AnalyzeError, NotFoundError
from cartel_atlas.store import Store
from cartel_atlas.store.alerts_repo import NewAlert, add_alerts, list_alerts
from cartel_atlas.store.sites_repo import StoredSite, add_site, get_site, list_sites
from cartel_atlas.vocab import Vocabulary
from cartel_atlas.vocab.places import Municipality

ALERT_KIND = "site_proximity"
EARTH_RADIUS_KM = 6371.0088
DEFAULT_RADIUS_KM = 25.0
SEAT = "municipality seat"
APPROXIMATE = "approximate municipality point"
STATE_POINT = "state interior point"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class LocatedPoint:
    """Where an incident is drawn, and how precise that is."""

    lat: float
    lon: float
    precision: str


def event_point(vocab: Vocabulary, ev: CountedEvent) -> LocatedPoint | None:
    """The municipality seat of an incident, else its state's interior point."""
    if ev.municipality_code and ev.municipality_code in vocab.places.municipalities:
        m = vocab.places.municipalities[ev.municipality_code]
        return LocatedPoint(m.lat, m.lon, APPROXIMATE if m.approximate else SEAT)
    if ev.state_code and ev.state_code in vocab.places.states:
        st = vocab.places.states[ev.state_code]
        return LocatedPoint(st.lat, st.lon, STATE_POINT)
    return None


def find_municipality(vocab: Vocabulary, name_or_code: str) -> Municipality:
    """A municipality by INEGI code, 'State/Name' label, or name (most populous first)."""
    text = name_or_code.strip()
    places = vocab.places
    if text in places.municipalities:
        return places.municipalities[text]
    try:
        ref = places.ref(text)
        if ref.kind == "municipality":
            return places.municipalities[ref.code]
    except NotFoundError:
        pass
    state = None
    name = text
    if "/" in text:
        state, name = (x.strip() for x in text.split("/", 1))
    found = places.find_municipality(name, state)
    if not found:
        raise NotFoundError(f"unknown municipality '{name_or_code}'")
    return found[0]


def register_site(
    store: Store,
    vocab: Vocabulary,
    name: str,
    *,
    lat: float | None = None,
    lon: float | None = None,
    municipality: str | None = None,
    radius_km: float = DEFAULT_RADIUS_KM,
) -> StoredSite:
    """Add a site by coordinates or by municipality (placed at its seat)."""
    if municipality is not None:
        if lat is not None or lon is not None:
            raise AnalyzeError("give either --lat/--lon or --municipality, not both")
        m = find_municipality(vocab, municipality)
        return add_site(store, name, m.lat, m.lon, radius_km, m.code)
    if lat is None or lon is None:
        raise AnalyzeError("a site needs --lat and --lon, or --municipality")
    code = vocab.places.nearest_municipality(lat, lon).code
    return add_site(store, name, lat, lon, radius_km, code)


@dataclass(frozen=True, slots=True)
class GroupAround:
    """A group present in or contesting an area, with its strongest evidence."""

    group_id: str
    name: str
    status: str
    confidence: float
    grade: str
    contested_by: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...]


def groups_around(
    store: Store,
    vocab: Vocabulary,
    state_code: str,
    *,
    as_of: date | None = None,
    known_on: datetime | None = None,
    claims: ClaimSet | None = None,
    evidence_per_group: int = 2,
) -> list[GroupAround]:
    """Groups present or contesting in a state on ``as_of``, most confident first."""
    claims = claims or load_claims(store, vocab, known_on=known_on)
    out = []
    for gid in sorted({e.group_id for e in claims.evidence if e.state_code == state_code}):
        cell = presence_map(store, vocab, gid, as_of=as_of, claims=claims).by_code().get(state_code)
        if cell is None or cell.status == NO_INFORMATION:
            continue
        out.append(
            GroupAround(
                group_id=gid,
                name=vocab.groups.by_id[gid].name if gid in vocab.groups.by_id else gid,
                status=cell.status,
                confidence=round(cell.confidence, 4),
                grade=cell.grade,
                contested_by=tuple(cell.contested_by),
                evidence=tuple(presence_ref(e) for e in cell.supporting[:evidence_per_group]),
            )
        )
    return sorted(out, key=lambda g: (-g.confidence, g.group_id))


@dataclass(frozen=True, slots=True)
class ProximityAlert:
    """An incident within a site's radius, located at the stated precision."""

    site: str
    event_key: str
    event_type: str
    date_from: date | None
    date_to: date | None
    place: str | None
    distance_km: float
    precision: str
    killed: int | None
    actors: tuple[str, ...]
    groups_around: tuple[GroupAround, ...]
    fact_ids: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...]

    def payload(self) -> dict[str, Any]:
        """What the alerts table keeps (enough to show the alert without re-analysis)."""
        when = self.date_from.isoformat() if self.date_from else None
        return {
            "site": self.site,
            "date": when,
            "reason": f"{self.event_type} {self.distance_km:g} km from {self.site} "
            f"({self.precision})",
            "event_type": self.event_type,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "place": self.place,
            "distance_km": self.distance_km,
            "precision": self.precision,
            "killed": self.killed,
            "actors": list(self.actors),
            "group": ", ".join(self.actors) or None,
            "groups_around": [g.group_id for g in self.groups_around],
            "fact_ids": list(self.fact_ids),
            "sources": sorted({e.source for e in self.evidence if e.source}),
            "evidence": [
                {
                    "fact_id": e.fact_id,
                    "source": e.source,
                    "reliability": e.reliability,
                    "sentence": e.sentence,
                    "doc_title": e.doc_title,
                    "doc_url": e.doc_url,
                }
                for e in self.evidence
            ],
        }


def events_near(
    vocab: Vocabulary,
    events: list[CountedEvent],
    lat: float,
    lon: float,
    radius_km: float,
    *,
    include_state_level: bool = False,
) -> list[tuple[CountedEvent, LocatedPoint, float]]:
    """Events within ``radius_km`` of a point, nearest first, with how they were placed."""
    out = []
    for ev in events:
        point = event_point(vocab, ev)
        if point is None or (point.precision == STATE_POINT and not include_state_level):
            continue
        d = haversine_km(lat, lon, point.lat, point.lon)
        if d <= radius_km:
            out.append((ev, point, round(d, 2)))
    return sorted(out, key=lambda x: (x[2], x[0].date_from or date.min, x[0].key))


def site_alerts(
    store: Store,
    vocab: Vocabulary,
    site: StoredSite | str,
    *,
    since: date | None = None,
    include_state_level: bool = False,
    as_of: date | None = None,
    known_on: datetime | None = None,
    events: list[CountedEvent] | None = None,
    claims: ClaimSet | None = None,
) -> list[ProximityAlert]:
    """Incidents within a site's radius (on or after ``since``), with who is around."""
    s = site if isinstance(site, StoredSite) else get_site(store, site)
    pool = events if events is not None else counted_events(store, vocab, known_on=known_on)
    if since is not None:
        pool = [e for e in pool if (e.date_to or e.date_from or date.max) >= since]
    near = events_near(
        vocab, pool, s.lat, s.lon, s.radius_km, include_state_level=include_state_level
    )
    if not near:
        return []
    state = vocab.places.state_of(s.municipality_code).code if s.municipality_code else None
    around: tuple[GroupAround, ...] = ()
    if state is not None:
        around = tuple(
            groups_around(store, vocab, state, as_of=as_of, known_on=known_on, claims=claims)
        )
    return [
        ProximityAlert(
            site=s.name,
            event_key=ev.key,
            event_type=ev.event_type,
            date_from=ev.date_from,
            date_to=ev.date_to,
            place=ev.place,
            distance_km=d,
            precision=point.precision,
            killed=ev.killed,
            actors=ev.groups,
            groups_around=around,
            fact_ids=ev.fact_ids,
            evidence=ev.evidence,
        )
        for ev, point, d in near
    ]


@dataclass(frozen=True, slots=True)
class SiteScan:
    """Alerts found for every site, and how many of them were new to the alerts table."""

    alerts: tuple[ProximityAlert, ...]
    new: int


def scan_sites(
    store: Store,
    vocab: Vocabulary,
    *,
    since: date | None = None,
    include_state_level: bool = False,
    known_on: datetime | None = None,
) -> SiteScan:
    """Check every site and record new proximity alerts (idempotent: an incident whose
    facts were alerted for a site before is not alerted again)."""
    sites = list_sites(store)
    if not sites:
        return SiteScan((), 0)
    events = counted_events(store, vocab, known_on=known_on)
    claims = load_claims(store, vocab, known_on=known_on)
    found: list[ProximityAlert] = []
    for s in sites:
        found += site_alerts(
            store,
            vocab,
            s,
            since=since,
            include_state_level=include_state_level,
            known_on=known_on,
            events=events,
            claims=claims,
        )
    seen: dict[str, set[str]] = {}
    for a in list_alerts(store, kinds=[ALERT_KIND]):
        seen.setdefault(str(a.payload.get("site")), set()).update(a.payload.get("fact_ids", []))
    fresh = [
        NewAlert(ALERT_KIND, f"{a.site}|{a.event_key}", a.payload())
        for a in found
        if not seen.get(a.site, set()) & set(a.fact_ids)
    ]
    return SiteScan(tuple(found), add_alerts(store, fresh))

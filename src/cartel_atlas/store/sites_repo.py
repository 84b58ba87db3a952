"""The user's sites (plants, offices, routes' stops) in the ``sites`` table.

A site is a named point with a radius; proximity alerts about it are written through
``alerts_repo`` (kind ``site_proximity``), so one idempotent path keeps every alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from cartel_atlas.errors import NotFoundError, StoreError
from cartel_atlas.store import schema as t
from cartel_atlas.store.store import Store
from cartel_atlas.store.types import utcnow


@dataclass(frozen=True, slots=True)
class StoredSite:
    """A site as stored."""

    id: int
    name: str
    lat: float
    lon: float
    radius_km: float
    municipality_code: str | None
    created_at: datetime


def _site(r: sa.Row) -> StoredSite:
    return StoredSite(
        id=r.id,
        name=r.name,
        lat=r.lat,
        lon=r.lon,
        radius_km=r.radius_km,
        municipality_code=r.municipality_code,
        created_at=r.created_at,
    )


def add_site(
    store: Store,
    name: str,
    lat: float,
    lon: float,
    radius_km: float,
    municipality_code: str | None = None,
) -> StoredSite:
    """Register a site; a name already used, a bad point or radius is refused."""
    name = name.strip()
    if not name:
        raise StoreError("a site needs a name", code="D020")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise StoreError(
            f"site '{name}': ({lat}, {lon}) is not a latitude/longitude pair", code="D020"
        )
    if not radius_km > 0:
        raise StoreError(f"site '{name}': radius must be positive, got {radius_km}", code="D020")
    s = t.sites
    with store.session(write=True) as session:
        if session.execute(sa.select(s.c.id).where(s.c.name == name)).first() is not None:
            raise StoreError(f"a site named '{name}' exists already; remove it first", code="D021")
        session.execute(
            sa.insert(s).values(
                name=name,
                lat=float(lat),
                lon=float(lon),
                radius_km=float(radius_km),
                municipality_code=municipality_code,
                created_at=utcnow(),
            )
        )
    return get_site(store, name)


def get_site(store: Store, name_or_id: str | int) -> StoredSite:
    """A site by name (or numeric id)."""
    s = t.sites
    with store.session() as session:
        row = session.execute(sa.select(s).where(s.c.name == str(name_or_id))).first()
        if row is None and str(name_or_id).isdigit():
            row = session.execute(sa.select(s).where(s.c.id == int(name_or_id))).first()
    if row is None:
        raise NotFoundError(f"no site named '{name_or_id}' in {store.url}")
    return _site(row)


def list_sites(store: Store) -> list[StoredSite]:
    """Every site, by name."""
    s = t.sites
    with store.session() as session:
        return [_site(r) for r in session.execute(sa.select(s).order_by(s.c.name))]


def remove_site(store: Store, name: str) -> None:
    """Delete a site (its past alerts stay in the alerts table)."""
    s = t.sites
    with store.session(write=True) as session:
        res = session.execute(sa.delete(s).where(s.c.name == name))
        if res.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFoundError(f"no site named '{name}' in {store.url}")

"""Explainable risk ratings (1-5) for a state, a municipality or a point with a radius.

A rating is never a bare number: it comes with every category (homicide and armed
violence, kidnapping, extortion, attacks on officials and security forces, cargo and
fuel theft, criminal-group contestation), each category with its components (coded
incidents and deaths per 100,000 inhabitants over the window, the official SESNSP rate
where loaded, groups present and contested), each component with its value, its 1-5
score, its weight and its share of the result, and the evidence behind it (fact ids,
sentences, sources; official files and periods). Contributions add up exactly: the
category score is the sum of its components' contributions, the overall score the sum
of the categories' contributions, and the rating is the overall score rounded at the
configured cuts.

Coded counts are a sample of what the press reports: a component with no coded incident
in the window is shown but not scored (absence of reports is not evidence of calm), and
a category with nothing scored is left out of the overall rating rather than rated 1.

Weights and thresholds live in ``risk_config.yaml`` (or the file named by the
``risk_config`` setting); see ``docs/risk.md``. Population is the 2020 census count
from the places vocabulary.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from cartel_atlas.analyze.counting import CountedEvent, EvidenceRef, counted_events
from cartel_atlas.analyze.official import (
    MUNICIPAL_INCIDENCE,
    STATE_INCIDENCE,
    VICTIMS,
    official_totals,
)
from cartel_atlas.analyze.presence_claims import ClaimSet, load_claims
from cartel_atlas.analyze.risk_config import (
    LABELS,
    PER,
    CategoryConfig,
    ComponentConfig,
    RiskConfig,
    load_risk_config,
    rating_of,
    score_value,
)
from cartel_atlas.analyze.sites import (
    GroupAround,
    events_near,
    find_municipality,
    groups_around,
    haversine_km,
)
from cartel_atlas.errors import AnalyzeError, ConfigError, NotFoundError
from cartel_atlas.store import Store
from cartel_atlas.store.sites_repo import StoredSite, get_site
from cartel_atlas.vocab import Vocabulary
from cartel_atlas.vocab.text import fold

# ----------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class RiskComponent:
    """One measured ingredient of a category, scored and weighted, with its evidence."""

    name: str
    label: str
    value: float | None
    score: int | None
    weight: float
    share: float
    """Weight normalised over the category's components that have data."""
    contribution: float
    """share x score: what this component adds to the category score."""
    detail: str
    evidence: tuple[EvidenceRef, ...] = ()
    official_sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RiskCategory:
    """A category's score (sum of its contributions), rating and components."""

    id: str
    label: str
    weight: float
    share: float
    score: float | None
    rating: int | None
    contribution: float
    components: tuple[RiskComponent, ...]


@dataclass(frozen=True, slots=True)
class RiskArea:
    """What is being rated, and the population the rates are computed on."""

    level: str
    """'state', 'municipality' or 'point'."""
    label: str
    state_code: str
    municipality_code: str | None
    population: int
    population_basis: str
    lat: float | None = None
    lon: float | None = None
    radius_km: float | None = None


@dataclass(frozen=True, slots=True)
class RiskRating:
    """An overall 1-5 rating with every category, component and piece of evidence."""

    area: RiskArea
    as_of: date
    window_from: date
    score: float
    rating: int
    categories: tuple[RiskCategory, ...]
    groups: tuple[GroupAround, ...]
    config_source: str
    notes: tuple[str, ...] = ()


# ----------------------------------------------------------------------------- areas


def place_area(vocab: Vocabulary, place: str) -> RiskArea:
    """A state (any name or code) or municipality (code, 'State/Name' or name)."""
    text = place.strip()
    state = vocab.places.find_state(text) if "/" not in text else None
    if state is not None:
        return RiskArea(
            "state",
            state.label,
            state.code,
            None,
            state.population or 0,
            "state population, Censo 2020",
        )
    try:
        m = find_municipality(vocab, text)
    except NotFoundError:
        raise NotFoundError(f"unknown place '{place}' (give a state or a municipality)") from None
    return RiskArea(
        "municipality",
        vocab.places.label(m.code),
        m.state_code,
        m.code,
        m.population or 0,
        "municipality population, Censo 2020",
        m.lat,
        m.lon,
    )


def point_area(
    vocab: Vocabulary, lat: float, lon: float, radius_km: float, label: str | None = None
) -> RiskArea:
    """A point with a radius; population of the municipalities whose seat is inside, or
    of the municipality the point lies nearest to."""
    home = vocab.places.nearest_municipality(lat, lon)
    inside = [
        m
        for m in vocab.places.municipalities.values()
        if m.population and haversine_km(lat, lon, m.lat, m.lon) <= radius_km
    ]
    if inside:
        pop = sum(m.population or 0 for m in inside)
        basis = f"{len(inside)} municipalities with their seat within {radius_km:g} km, Censo 2020"
    else:
        pop = home.population or 0
        basis = f"municipality {vocab.places.label(home.code)}, Censo 2020"
    return RiskArea(
        "point",
        label or f"{lat:.4f}, {lon:.4f}",
        home.state_code,
        home.code,
        pop,
        basis,
        lat,
        lon,
        radius_km,
    )


def site_area(vocab: Vocabulary, site: StoredSite) -> RiskArea:
    """The area of a registered site."""
    return point_area(vocab, site.lat, site.lon, site.radius_km, label=site.name)


# ---------------------------------------------------------------------------- rating


def _months_back(day: date, months: int) -> date:
    """The same day ``months`` months earlier (clamped to the month's length)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def _events_in(
    vocab: Vocabulary, area: RiskArea, events: list[CountedEvent], start: date, end: date
) -> list[CountedEvent]:
    dated = [e for e in events if e.date_from is not None and start <= e.date_from <= end]
    if area.level == "state":
        return [e for e in dated if e.state_code == area.state_code]
    if area.level == "municipality":
        return [e for e in dated if e.municipality_code == area.municipality_code]
    if area.lat is None or area.lon is None or area.radius_km is None:
        raise AnalyzeError(f"point area {area.label} has no coordinates or radius")
    return [ev for ev, _, _ in events_near(vocab, dated, area.lat, area.lon, area.radius_km)]


def _official(
    store: Store,
    vocab: Vocabulary,
    area: RiskArea,
    event_type: str,
    as_of: date,
    cfg: RiskConfig,
) -> tuple[float | None, str, tuple[str, ...]]:
    """Annualised official rate per 100k over the latest loaded 12 months up to ``as_of``.

    Sources in order of preference: the municipality's own carpetas (for a municipality or
    point), state victims, state carpetas, municipal carpetas summed over the state; one
    whose newest month is older than ``official_max_age_months`` is skipped.
    """
    limit = (as_of.year, as_of.month)
    oldest = _months_back(as_of, cfg.official_max_age_months)
    tries: list[tuple[str, str | None, str]] = []
    if area.level != "state" and area.municipality_code:
        tries.append((MUNICIPAL_INCIDENCE, area.municipality_code, "municipal carpetas"))
    tries += [
        (VICTIMS, None, "state victims"),
        (STATE_INCIDENCE, None, "state carpetas"),
        (MUNICIPAL_INCIDENCE, None, "municipal carpetas summed over the state"),
    ]
    stale: list[str] = []
    for dataset, muni, what in tries:
        cells = _official_cells(store, vocab, dataset, event_type, area.state_code, muni)
        months = sorted((k for k in cells if k <= limit), reverse=True)[:12]
        if not months:
            continue
        if date(months[0][0], months[0][1], 1) < oldest.replace(day=1):
            stale.append(f"{what} end {months[0][0]}-{months[0][1]:02d}")
            continue
        total = sum(sum(cells[m][0].values()) for m in months)
        files = sorted({f for m in months for f in cells[m][1]})
        st = vocab.places.states[area.state_code]
        if muni is None:
            pop, scope = st.population or 0, f"{st.label}'s"
        else:
            m = vocab.places.municipalities[muni]
            pop, scope = m.population or 0, f"{vocab.places.label(muni)}'s"
        if not pop:
            return None, f"no population for {scope} official rate", ()
        rate = total * 12 / len(months) / pop * PER
        period = f"{months[-1][0]}-{months[-1][1]:02d}..{months[0][0]}-{months[0][1]:02d}"
        cats = ", ".join(sorted({c for m in months for c in cells[m][0]}))
        detail = (
            f"{total} {what} ({cats}) in {len(months)} months {period}, {scope} population {pop:,}"
        )
        if area.level != "state" and muni is None:
            detail += "; state rate used (no municipal figures loaded)"
        return round(rate, 3), detail, tuple(f"SESNSP {dataset} {f}" for f in files)
    if stale:
        limit_text = f"older than {cfg.official_max_age_months} months"
        return None, f"official figures {limit_text}: {'; '.join(stale)}", ()
    return None, "no official figures loaded", ()


def _official_cells(
    store: Store,
    vocab: Vocabulary,
    dataset: str,
    event_type: str,
    state_code: str,
    muni: str | None,
) -> dict[tuple[int, int], tuple[dict[str, int], set[str]]]:
    if muni is None:
        totals = official_totals(store, vocab, dataset, event_type, state_code=state_code)
        return {(y, m): (dict(c.by_category), c.files) for (_, y, m), c in totals.items()}
    out: dict[tuple[int, int], tuple[dict[str, int], set[str]]] = {}
    for mapping in vocab.events.types[event_type].sesnsp:
        for row in store.official_counts(dataset, municipality_code=muni, tipo=mapping.tipo):
            if mapping.subtipo and fold(row["subtipo"]) != fold(mapping.subtipo):
                continue
            cats, files = out.setdefault((int(row["year"]), int(row["month"])), ({}, set()))
            key = f"{mapping.tipo}/{mapping.subtipo}" if mapping.subtipo else mapping.tipo
            cats[key] = cats.get(key, 0) + int(row["value"])
            if row.get("source_file"):
                files.add(str(row["source_file"]))
    return out


def rate(
    store: Store,
    vocab: Vocabulary,
    area: RiskArea,
    *,
    as_of: date | None = None,
    known_on: datetime | None = None,
    config: RiskConfig | None = None,
    events: list[CountedEvent] | None = None,
    claims: ClaimSet | None = None,
) -> RiskRating:
    """Rate an area. ``as_of`` (default: the newest incident's date, else today) ends the
    window of ``window_months`` months."""
    cfg = config or load_risk_config()
    for cid, cat in cfg.categories.items():
        unknown = [
            t
            for t in (*cat.event_types, cat.official_event_type or "homicide")
            if t not in vocab.events.types
        ]
        if unknown:
            raise ConfigError(f"{cfg.source}: category '{cid}': unknown event types {unknown}")
    pool = events if events is not None else counted_events(store, vocab, known_on=known_on)
    on = as_of or max((e.date_from for e in pool if e.date_from), default=None) or date.today()
    start = _months_back(on, cfg.window_months) + timedelta(days=1)
    scoped = _events_in(vocab, area, pool, start, on)
    claims = claims or load_claims(store, vocab, known_on=known_on)
    groups = tuple(groups_around(store, vocab, area.state_code, as_of=on, claims=claims))
    notes = []
    if area.level != "state":
        notes.append("groups are counted at state level (presence is mostly reported by state)")
    if not area.population:
        notes.append("no census population: per-100k components have no data")
    raw = []
    for cid, cat in cfg.categories.items():
        comps = [
            _component(store, vocab, area, name, cc, cat, scoped, groups, on, cfg)
            for name, cc in cat.components.items()
        ]
        raw.append((cid, cat, comps))
    total_w = sum(cat.weight for _, cat, comps in raw if any(c.score is not None for c in comps))
    categories = []
    for cid, cat, comps in raw:
        scored = [c for c in comps if c.score is not None]
        w = sum(c.weight for c in scored)
        final = []
        for c in comps:
            share = c.weight / w if (c.score is not None and w) else 0.0
            contrib = share * (c.score or 0)
            final.append(_with(c, share, contrib))
        score = sum(c.contribution for c in final) if scored and w else None
        share = cat.weight / total_w if (score is not None and total_w) else 0.0
        categories.append(
            RiskCategory(
                id=cid,
                label=cat.label,
                weight=cat.weight,
                share=share,
                score=score,
                rating=rating_of(score, cfg.rating_cuts) if score is not None else None,
                contribution=share * (score or 0.0),
                components=tuple(final),
            )
        )
    overall = sum(c.contribution for c in categories)
    if not any(c.score is not None for c in categories):
        raise AnalyzeError(f"nothing to rate for {area.label}: every component lacks data")
    unscored = [c.label for c in categories if c.score is None]
    if unscored:
        notes.append(
            f"the rating rests on {len(categories) - len(unscored)} of {len(categories)} "
            f"categories; no coded incidents or official figures in the window for: "
            + ", ".join(unscored)
        )
    return RiskRating(
        area=area,
        as_of=on,
        window_from=start,
        score=overall,
        rating=rating_of(overall, cfg.rating_cuts),
        categories=tuple(categories),
        groups=groups,
        config_source=cfg.source,
        notes=tuple(notes),
    )


def _with(c: RiskComponent, share: float, contribution: float) -> RiskComponent:
    return RiskComponent(
        c.name,
        c.label,
        c.value,
        c.score,
        c.weight,
        share,
        contribution,
        c.detail,
        c.evidence,
        c.official_sources,
    )


def _component(
    store: Store,
    vocab: Vocabulary,
    area: RiskArea,
    name: str,
    cc: ComponentConfig,
    cat: CategoryConfig,
    scoped: list[CountedEvent],
    groups: tuple[GroupAround, ...],
    on: date,
    cfg: RiskConfig,
) -> RiskComponent:
    value: float | None
    evidence: tuple[EvidenceRef, ...] = ()
    sources: tuple[str, ...] = ()
    if name in ("incidents_per_100k", "killed_per_100k"):
        evs = [e for e in scoped if e.event_type in cat.event_types]
        n = len(evs) if name == "incidents_per_100k" else sum(e.killed or 0 for e in evs)
        what = "incidents" if name == "incidents_per_100k" else "deaths"
        value = round(n / area.population * PER, 4) if area.population else None
        detail = (
            f"{n} coded {what} ({', '.join(cat.event_types)}) in "
            f"{cfg.window_months} months, population {area.population:,}"
        )
        evidence = tuple(ref for e in evs for ref in e.evidence)
        if n == 0:  # no report is not evidence of calm: shown, but not scored
            detail += "; not scored (no coded reports is not evidence of calm)"
            return RiskComponent(name, LABELS[name], 0.0, None, cc.weight, 0.0, 0.0, detail)
    elif name == "official_per_100k":
        if cat.official_event_type is None:
            value, detail = None, "no official category configured"
        else:
            value, detail, sources = _official(store, vocab, area, cat.official_event_type, on, cfg)
    else:
        chosen = [g for g in groups if name == "groups_present" or g.status == "contested"]
        value = float(len(chosen))
        names = ", ".join(f"{g.name} ({g.status}, {g.grade})" for g in chosen) or "none"
        detail = f"{len(chosen)} in {vocab.places.states[area.state_code].label}: {names}"
        evidence = tuple(ref for g in chosen for ref in g.evidence)
    score = score_value(value, cc.thresholds) if value is not None else None
    return RiskComponent(
        name, LABELS[name], value, score, cc.weight, 0.0, 0.0, detail, evidence, sources
    )


def risk_for_place(store: Store, vocab: Vocabulary, place: str, **kwargs: Any) -> RiskRating:
    """Rate a state or municipality (see ``rate`` for the options)."""
    return rate(store, vocab, place_area(vocab, place), **kwargs)


def risk_for_site(store: Store, vocab: Vocabulary, site: str, **kwargs: Any) -> RiskRating:
    """Rate a registered site: the area within its radius."""
    return rate(store, vocab, site_area(vocab, get_site(store, site)), **kwargs)

"""Our coded incidents next to official SESNSP figures, state by month.

What we code from reports is a sample of violence, not a census: the point of this view
is to show how large that sample is. For each state-month it puts the victims and
investigation files (carpetas) SESNSP recorded for the crime categories an event type
maps to (``events.yaml``: homicide -> Homicidio/Homicidio doloso and Feminicidio) next
to the incidents and deaths we coded, and the coverage ratio ``coded killed / official
victims``. Official figures are never adjusted or mixed into our counts.

Carpetas come from the state incidence dataset; where only municipal incidence is loaded
for a state-month (e.g. the Guanajuato homicide extract), the municipal rows are summed
and the row says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from cartel_atlas.analyze.counting import CountedEvent, counted_events
from cartel_atlas.errors import NotFoundError
from cartel_atlas.store import Store
from cartel_atlas.vocab import Vocabulary
from cartel_atlas.vocab.text import fold

VICTIMS = "sesnsp_state_victims"
STATE_INCIDENCE = "sesnsp_state_incidence"
MUNICIPAL_INCIDENCE = "sesnsp_municipal_incidence"


@dataclass(frozen=True, slots=True)
class ReconciliationRow:
    """One state-month: official figures, our coded figures, and the coverage ratio."""

    state_code: str
    state: str
    year: int
    month: int
    official_victims: int | None
    official_carpetas: int | None
    coded_incidents: int
    coded_killed: int
    coverage: float | None
    """coded killed / official victims; None without official victims."""
    official_by_category: dict[str, int] = field(default_factory=dict)
    """Victims per SESNSP 'Tipo/Subtipo' category."""
    carpetas_basis: str | None = None
    """'state' (state incidence file) or 'municipal sum'."""
    source_files: tuple[str, ...] = ()
    event_keys: tuple[str, ...] = ()
    fact_ids: tuple[str, ...] = ()

    @property
    def period(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """Rows for one event type, with the categories and coded types compared."""

    event_type: str
    categories: tuple[str, ...]
    coded_types: tuple[str, ...]
    rows: tuple[ReconciliationRow, ...]


def _category(tipo: str, subtipo: str | None) -> str:
    return f"{tipo}/{subtipo}" if subtipo else tipo


@dataclass
class OfficialCell:
    """Official values of one state-month by SESNSP category, and the files they came from."""

    by_category: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    files: set[str] = field(default_factory=set)


def official_totals(
    store: Store,
    vocab: Vocabulary,
    dataset: str,
    event_type: str,
    *,
    state_code: str | None = None,
    year: int | None = None,
) -> dict[tuple[str, int, int], OfficialCell]:
    """Official values per (state, year, month) and SESNSP category, for the categories
    ``event_type`` maps to; municipal rows are summed into their state."""
    etype = vocab.events.types.get(event_type)
    if etype is None:
        raise NotFoundError(f"unknown event type '{event_type}'")
    out: dict[tuple[str, int, int], OfficialCell] = defaultdict(OfficialCell)
    for mapping in etype.sesnsp:
        for row in store.official_counts(dataset, year=year, tipo=mapping.tipo):
            if mapping.subtipo and fold(row["subtipo"]) != fold(mapping.subtipo):
                continue
            code = str(row["state_code"]).zfill(2)
            if state_code is not None and code != state_code:
                continue
            key = (code, int(row["year"]), int(row["month"]))
            out[key].by_category[_category(mapping.tipo, mapping.subtipo)] += int(row["value"])
            if row.get("source_file"):
                out[key].files.add(str(row["source_file"]))
    return dict(out)


def coded_types(vocab: Vocabulary, event_type: str) -> tuple[str, ...]:
    """Our event types mapped to any of the SESNSP categories ``event_type`` maps to."""
    etype = vocab.events.types[event_type]
    found = {event_type}
    for m in etype.sesnsp:
        found |= {t.id for t in vocab.events.for_sesnsp(m.tipo, m.subtipo)}
    return tuple(t for t in vocab.events.types if t in found)


def reconcile(
    store: Store,
    vocab: Vocabulary,
    *,
    event_type: str = "homicide",
    state: str | None = None,
    year: int | None = None,
    months: int | None = None,
    known_on: datetime | None = None,
    events: Iterable[CountedEvent] | None = None,
) -> Reconciliation:
    """Official victims and carpetas next to our coded incidents and deaths per
    state-month; ``months`` keeps the most recent N months that have any figure.

    Coded incidents are events of the types mapped to the same SESNSP categories plus
    any other event with deaths (a death in a clash is a homicide victim to SESNSP).
    """
    state_code = None
    if state is not None:
        st = vocab.places.find_state(state)
        if st is None:
            raise NotFoundError(f"unknown state '{state}'")
        state_code = st.code
    types = coded_types(vocab, event_type)
    victims = official_totals(store, vocab, VICTIMS, event_type, state_code=state_code, year=year)
    carpetas = official_totals(
        store, vocab, STATE_INCIDENCE, event_type, state_code=state_code, year=year
    )
    municipal = official_totals(
        store, vocab, MUNICIPAL_INCIDENCE, event_type, state_code=state_code, year=year
    )
    coded: dict[tuple[str, int, int], list[CountedEvent]] = defaultdict(list)
    pool = events if events is not None else counted_events(store, vocab, known_on=known_on)
    for ev in pool:
        if ev.period is None or ev.state_code is None or ev.date_from is None:
            continue
        if ev.event_type not in types and not (ev.killed or 0) > 0:
            continue
        if state_code is not None and ev.state_code != state_code:
            continue
        if year is not None and ev.date_from.year != year:
            continue
        coded[(ev.state_code, ev.date_from.year, ev.date_from.month)].append(ev)
    keys = sorted(set(victims) | set(carpetas) | set(municipal) | set(coded))
    if months is not None:
        recent = sorted({(y, m) for _, y, m in keys})[-months:]
        keys = [k for k in keys if (k[1], k[2]) in set(recent)]
    rows = []
    for key in keys:
        code, y, m = key
        empty = OfficialCell()
        v = dict(victims.get(key, empty).by_category)
        c_state = carpetas.get(key, empty).by_category
        c_muni = municipal.get(key, empty).by_category
        if c_state:
            n_carpetas, basis = sum(c_state.values()), "state"
        elif c_muni:
            n_carpetas, basis = sum(c_muni.values()), "municipal sum"
        else:
            n_carpetas, basis = None, None
        evs = coded.get(key, [])
        killed = sum(e.killed or 0 for e in evs)
        n_victims = sum(v.values()) if v else None
        files: set[str] = set()
        for table in (victims, carpetas, municipal):
            files |= table.get(key, empty).files
        rows.append(
            ReconciliationRow(
                state_code=code,
                state=vocab.places.states[code].label if code in vocab.places.states else code,
                year=y,
                month=m,
                official_victims=n_victims,
                official_carpetas=n_carpetas,
                coded_incidents=len(evs),
                coded_killed=killed,
                coverage=(killed / n_victims) if n_victims else None,
                official_by_category=v,
                carpetas_basis=basis,
                source_files=tuple(sorted(files)),
                event_keys=tuple(e.key for e in evs),
                fact_ids=tuple(f for e in evs for f in e.fact_ids),
            )
        )
    categories = tuple(_category(x.tipo, x.subtipo) for x in vocab.events.types[event_type].sesnsp)
    return Reconciliation(event_type, categories, types, tuple(rows))


def annual(rows: Iterable[ReconciliationRow]) -> list[ReconciliationRow]:
    """State-year totals of monthly rows (coverage recomputed from the sums)."""
    acc: dict[tuple[str, int], list[ReconciliationRow]] = defaultdict(list)
    for r in rows:
        acc[(r.state_code, r.year)].append(r)
    out = []
    for (code, y), rs in sorted(acc.items()):
        vict = [r.official_victims for r in rs if r.official_victims is not None]
        carp = [r.official_carpetas for r in rs if r.official_carpetas is not None]
        by_cat: dict[str, int] = defaultdict(int)
        for r in rs:
            for k, n in r.official_by_category.items():
                by_cat[k] += n
        killed = sum(r.coded_killed for r in rs)
        total = sum(vict) if vict else None
        out.append(
            ReconciliationRow(
                state_code=code,
                state=rs[0].state,
                year=y,
                month=0,
                official_victims=total,
                official_carpetas=sum(carp) if carp else None,
                coded_incidents=sum(r.coded_incidents for r in rs),
                coded_killed=killed,
                coverage=(killed / total) if total else None,
                official_by_category=dict(by_cat),
                carpetas_basis=rs[0].carpetas_basis,
                source_files=tuple(sorted({f for r in rs for f in r.source_files})),
                event_keys=tuple(k for r in rs for k in r.event_keys),
                fact_ids=tuple(f for r in rs for f in r.fact_ids),
            )
        )
    return out

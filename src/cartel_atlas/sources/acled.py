"""ACLED exports: each event row becomes an event fact, with its notes as evidence.

ACLED data is licensed to the user who downloads it, so nothing of it ships with the
atlas; analysts feed their own export. Every row arrives already coded (type, date,
place, actors, fatalities), so the fact is made here, mapped onto our vocabulary, and
its evidence is the row's ``notes`` text: the one human-readable account the row has.
ACLED's own precision codes are kept in the fact so analysis can tell a dated event
from one placed somewhere in a week or month.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from cartel_atlas.errors import NotFoundError
from cartel_atlas.model.document import Document, content_id
from cartel_atlas.model.facts import Evidence, Fact
from cartel_atlas.model.records import Prepared, Rejected
from cartel_atlas.sources.csvlines import records
from cartel_atlas.sources.guards import excerpt
from cartel_atlas.vocab import Vocabulary, get_vocabulary
from cartel_atlas.vocab.groups import Group
from cartel_atlas.vocab.text import fold

Item = Prepared | Rejected

COMPONENT = "sources.acled"
VERSION = "1"
COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
OLDER_COLUMNS = ("event_id_no_cnty", "data_id", "iso3")
"""Columns of exports made before ACLED's 2023 column change; read and ignored."""
REQUIRED = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "admin1",
    "notes",
    "fatalities",
)
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%m-%Y", "%d/%m/%Y", "%B %d, %Y")
_SPLIT = re.compile(r"[;:]")
_PAREN = re.compile(r"\(([^)]*)\)")


def looks_like_acled(header: list[str]) -> bool:
    """True when a CSV header carries ACLED's key columns (for format detection)."""
    names = {h.strip().lower() for h in header}
    return all(c in names for c in REQUIRED)


def parse_event_date(value: str) -> date:
    """ACLED dates: ISO ('2024-03-05') or the export tool's '05 March 2024'."""
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"event_date '{text}' is not a date")


def date_span(day: date, precision: int) -> tuple[str, date, date]:
    """(exchange date, first day, last day) for an ACLED date and ``time_precision``:
    1 the day itself, 2 the week around it (ACLED codes the middle of the week),
    3 the month it lies in."""
    if precision == 1:
        return day.isoformat(), day, day
    if precision == 2:
        start, end = day - timedelta(days=3), day + timedelta(days=3)
        return f"{start.isoformat()}/{end.isoformat()}", start, end
    last = calendar.monthrange(day.year, day.month)[1]
    return f"{day:%Y-%m}", day.replace(day=1), day.replace(day=last)


def _actor_names(*values: str) -> Iterator[str]:
    """Candidate group names in ACLED actor cells: whole, split on ';' and ':', and
    inside or without parentheses ('CJNG: Jalisco New Generation Cartel')."""
    for value in values:
        if not value.strip():
            continue
        yield value.strip()
        for part in _SPLIT.split(value):
            part = part.strip()
            if not part:
                continue
            yield part
            yield _PAREN.sub("", part).strip()
            yield from (m.strip() for m in _PAREN.findall(part))


def find_group(vocab: Vocabulary, *values: str) -> Group | None:
    """The first known group named in the cells; aliases that only name a group next
    to a cartel word ('Sinaloa', 'Golfo') do not count on their own."""
    for name in _actor_names(*values):
        group = vocab.groups.find(name)
        if group is None:
            continue
        key = fold(name)
        if any(a.needs_context and fold(a.text) == key for a in group.aliases):
            continue
        return group
    return None


def _place(vocab: Vocabulary, row: dict[str, str]) -> tuple[str | None, str | None]:
    """(exchange label, state code) from admin1/admin2, else the nearest municipality
    to the coordinates, else the country."""
    places = vocab.places
    country = row.get("country", "").strip()
    if country and fold(country) not in ("mexico", "méxico"):
        return country, None
    state = places.find_state(row.get("admin1", "")) if row.get("admin1", "").strip() else None
    if state is not None:
        admin2 = row.get("admin2", "").strip()
        if admin2:
            found = places.find_municipality(admin2, state.code)
            if found:
                return places.label(found[0].code), state.code
        return state.label, state.code
    try:
        lat, lon = float(row.get("latitude", "")), float(row.get("longitude", ""))
        muni = places.nearest_municipality(lat, lon)
    except (ValueError, NotFoundError):  # no usable point
        return ("Mexico" if country else None), None
    return places.label(muni.code), muni.state_code


def _int(row: dict[str, str], key: str, default: int | None = None) -> int | None:
    raw = row.get(key, "").strip()
    if not raw:
        return default
    return int(float(raw))


def row_item(row: dict[str, str], uri: str, line: int, vocab: Vocabulary) -> Item:
    """One ACLED row as a ``Prepared`` event, or the reason it cannot be used."""
    where = f"line {line}"
    payload = excerpt(",".join(row.values()))
    missing = [c for c in ("event_id_cnty", "event_date", "event_type") if not row[c].strip()]
    if missing:
        return Rejected(uri, "malformed_row", f"empty {', '.join(missing)}", where, payload)
    notes = row["notes"].strip()
    if not notes:
        return Rejected(
            uri, "malformed_row", "empty notes: the row has no text to cite", where, payload
        )
    try:
        day = parse_event_date(row["event_date"])
    except ValueError as exc:
        return Rejected(uri, "bad_date", str(exc), where, payload)
    try:
        precision = _int(row, "time_precision", 1) or 1
        geo_precision = _int(row, "geo_precision")
        killed = _int(row, "fatalities", 0)
    except ValueError as exc:
        return Rejected(uri, "bad_value", f"not a number: {exc}", where, payload)
    if precision not in (1, 2, 3):
        return Rejected(
            uri, "bad_value", f"time_precision {precision} is not 1, 2 or 3", where, payload
        )
    if killed is None or killed < 0:
        return Rejected(uri, "bad_value", f"fatalities {killed} is negative", where, payload)
    exchange_date, first, last = date_span(day, precision)
    etype = vocab.events.for_acled(row["event_type"], row["sub_event_type"])
    group = find_group(vocab, row.get("actor1", ""), row.get("assoc_actor_1", ""))
    place, state_code = _place(vocab, row)
    event_id = row["event_id_cnty"].strip()
    doc = Document(
        text=notes,
        # ACLED rows often share wording; the event id keeps two events two documents.
        id=content_id(f"acled {event_id}\n{notes}"),
        title=f"ACLED {event_id}: {row['event_type'].strip()} / "
        f"{row['sub_event_type'].strip()}, {row.get('location', '').strip() or place}",
        publisher="ACLED",
        published=day,
        language="en",
        licence="ACLED data, under the terms of the user's own ACLED licence",
        format="acled",
        name=f"acled-{event_id}",
        meta={"source_uri": uri, "line": line, "acled": dict(row)},
    )
    fields: dict[str, Any] = {
        "event_type": etype.id if etype else "other",
        "date": exchange_date,
        "place": place,
        "state_code": state_code,
        "actor": group.name if group else None,
        "group_id": group.id if group else None,
        "killed": killed,
        "acled_event_id": event_id,
        "acled_event_type": row["event_type"].strip(),
        "acled_sub_event_type": row["sub_event_type"].strip(),
        "acled_actor1": row.get("actor1", "").strip() or None,
        "acled_time_precision": precision,
        "acled_geo_precision": geo_precision,
    }
    fact = Fact(
        kind="event",
        fields=fields,
        evidence=Evidence(doc.id, 0, len(notes), notes, COMPONENT, VERSION),
        confidence=0.9,
        source=row.get("source", "").strip() or None,
        valid_from=first,
        valid_to=last,
    )
    return Prepared(
        document=doc, facts=(fact,), extract_text=False, attrs={"acled_event_id": event_id}
    )


def read_acled_lines(
    lines: Iterable[bytes], uri: str, *, vocab: Vocabulary | None = None
) -> Iterator[Item]:
    """Every row of an ACLED export; bad rows as ``Rejected`` with their line."""
    vocab = vocab or get_vocabulary()
    rows = records(lines)
    header_rec = next(rows, None)
    if header_rec is None or not any(f.strip() for f in header_rec.fields):
        yield Rejected(uri, "empty", "the CSV file is empty")
        return
    header = [h.strip().lower() for h in header_rec.fields]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        yield Rejected(
            uri,
            "unknown_columns",
            f"not an ACLED export: the header lacks {', '.join(missing)}",
            locator="line 1",
            payload=excerpt(",".join(header_rec.fields)),
        )
        return
    unknown = [h for h in header if h and h not in COLUMNS and h not in OLDER_COLUMNS]
    if unknown:
        yield Rejected(
            uri,
            "unknown_columns",
            f"columns not in the ACLED layout were ignored: {', '.join(unknown)}",
            locator="line 1",
            payload=excerpt(",".join(header_rec.fields)),
        )
    for rec in rows:
        where = f"line {rec.first_line}"
        if rec.error:
            yield Rejected(uri, "malformed_row", f"CSV syntax error: {rec.error}", where)
            continue
        if not any(f.strip() for f in rec.fields):
            continue
        if rec.undecodable:
            yield Rejected(
                uri,
                "undecodable",
                "the line is neither UTF-8 nor Windows-1252",
                where,
                excerpt(",".join(rec.fields)),
            )
            continue
        if len(rec.fields) != len(header):
            yield Rejected(
                uri,
                "malformed_row",
                f"{len(rec.fields)} fields where the header has {len(header)}",
                where,
                excerpt(",".join(rec.fields)),
            )
            continue
        row = dict(zip(header, rec.fields, strict=True))
        yield row_item(row, uri, rec.first_line, vocab)

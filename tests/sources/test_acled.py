"""ACLED-format exports: rows become event facts with the notes as evidence.

The CSV is written by the test with invented rows (no ACLED data is bundled).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from cartel_atlas.model import Prepared, Rejected
from cartel_atlas.settings import Settings
from cartel_atlas.sources import detect_format, read
from cartel_atlas.sources.acled import COLUMNS, date_span

BASE = {
    "year": "2024",
    "disorder_type": "Political violence",
    "assoc_actor_1": "",
    "inter1": "3",
    "actor2": "Civilians (Mexico)",
    "assoc_actor_2": "",
    "inter2": "7",
    "interaction": "37",
    "civilian_targeting": "",
    "iso": "484",
    "region": "Central America",
    "country": "Mexico",
    "admin3": "",
    "latitude": "",
    "longitude": "",
    "geo_precision": "1",
    "source": "Diario de Prueba",
    "source_scale": "Subnational",
    "tags": "",
    "timestamp": "1710000000",
}

ROWS = [
    {  # line 2: a dated attack by a known group, in a municipality
        "event_id_cnty": "MEX90001",
        "event_date": "05 March 2024",
        "time_precision": "1",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "Sinaloa Cartel",
        "admin1": "Sinaloa",
        "admin2": "Culiacan",
        "location": "Culiacan",
        "notes": "Fictional test event: on 5 March 2024, gunmen of the Sinaloa Cartel "
        "shot two men dead in Culiacan (Sinaloa).",
        "fatalities": "2",
    },
    {  # line 3: a clash dated only to a week; group named as 'CJNG: ...'
        "event_id_cnty": "MEX90002",
        "event_date": "2024-03-13",
        "time_precision": "2",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "CJNG: Jalisco New Generation Cartel",
        "admin1": "Michoacan",
        "admin2": "Aguililla",
        "location": "Aguililla",
        "notes": "Fictional test event: around mid-March 2024, CJNG gunmen clashed with "
        "soldiers near Aguililla (Michoacan).",
        "fatalities": "0",
        "geo_precision": "2",
    },
    {  # line 4: an arrest dated to a month, state only, state forces as actor
        "event_id_cnty": "MEX90003",
        "event_date": "15 March 2024",
        "time_precision": "3",
        "event_type": "Strategic developments",
        "sub_event_type": "Arrests",
        "actor1": "Military Forces of Mexico (2018-)",
        "admin1": "Guanajuato",
        "admin2": "",
        "location": "Guanajuato",
        "notes": "Fictional test event: in March 2024, soldiers arrested a suspect in "
        "Guanajuato state.",
        "fatalities": "",
    },
    {  # line 5: a protest, outside our taxonomy
        "event_id_cnty": "MEX90004",
        "event_date": "20 March 2024",
        "time_precision": "1",
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "actor1": "Protesters (Mexico)",
        "admin1": "Ciudad de Mexico",
        "admin2": "Cuauhtemoc",
        "location": "Mexico City",
        "notes": "Fictional test event: relatives of missing people marched in Mexico City.",
        "fatalities": "0",
    },
    {  # line 6: impossible date
        "event_id_cnty": "MEX90005",
        "event_date": "31 February 2024",
        "time_precision": "1",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Gulf Cartel",
        "admin1": "Tamaulipas",
        "admin2": "Reynosa",
        "location": "Reynosa",
        "notes": "Fictional test event with an impossible date.",
        "fatalities": "1",
    },
    {  # line 7: negative fatalities
        "event_id_cnty": "MEX90006",
        "event_date": "02 March 2024",
        "time_precision": "1",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Gulf Cartel",
        "admin1": "Tamaulipas",
        "admin2": "Reynosa",
        "location": "Reynosa",
        "notes": "Fictional test event with negative deaths.",
        "fatalities": "-1",
    },
    {  # line 8: no notes to cite
        "event_id_cnty": "MEX90007",
        "event_date": "02 March 2024",
        "time_precision": "1",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Gulf Cartel",
        "admin1": "Tamaulipas",
        "admin2": "Reynosa",
        "location": "Reynosa",
        "notes": "",
        "fatalities": "1",
    },
    {  # line 9: time precision out of range
        "event_id_cnty": "MEX90008",
        "event_date": "02 March 2024",
        "time_precision": "7",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Gulf Cartel",
        "admin1": "Tamaulipas",
        "admin2": "Reynosa",
        "location": "Reynosa",
        "notes": "Fictional test event with a bad precision code.",
        "fatalities": "1",
    },
]


def _write(path: Path, rows: list[dict[str, str]], extra: str = "") -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**BASE, **row})
    path.write_text(out.getvalue() + extra, encoding="utf-8")


def test_acled_export_is_detected_by_its_header(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    _write(path, ROWS[:1])
    assert detect_format(str(path), path.read_bytes()) == "acled"


def test_acled_rows_become_prepared_event_facts(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "export.csv"
    _write(path, ROWS[:4])
    items = list(read(str(path), settings=settings))
    assert all(isinstance(i, Prepared) for i in items)
    first, second, third, fourth = items
    doc = first.document
    assert doc.text == ROWS[0]["notes"]
    assert doc.format == "acled"
    assert doc.published == date(2024, 3, 5)
    [fact] = first.facts
    assert fact.kind == "event"
    assert fact.evidence.doc_id == doc.id
    assert fact.evidence.sentence == doc.text
    assert (fact.evidence.start, fact.evidence.end) == (0, len(doc.text))
    assert fact.source == "Diario de Prueba"
    assert fact.fields["event_type"] == "homicide"
    assert fact.fields["place"] == "Sinaloa/Culiacán"
    assert fact.fields["actor"] == "Sinaloa Cartel"
    assert fact.fields["group_id"] == "sinaloa"
    assert fact.fields["killed"] == 2
    assert fact.fields["date"] == "2024-03-05"
    assert fact.fields["acled_event_id"] == "MEX90001"
    assert fact.fields["acled_time_precision"] == 1
    assert fact.fields["acled_geo_precision"] == 1

    clash = second.facts[0]
    assert clash.fields["event_type"] == "armed_clash"
    assert clash.fields["actor"] == "Jalisco New Generation Cartel"
    assert clash.fields["place"] == "Michoacán/Aguililla"
    assert clash.fields["date"] == "2024-03-10/2024-03-16"
    assert (clash.valid_from, clash.valid_to) == (date(2024, 3, 10), date(2024, 3, 16))
    assert clash.fields["acled_geo_precision"] == 2

    arrest = third.facts[0]
    assert arrest.fields["event_type"] == "arrest"
    assert arrest.fields["actor"] is None
    assert arrest.fields["place"] == "Guanajuato"
    assert arrest.fields["date"] == "2024-03"
    assert (arrest.valid_from, arrest.valid_to) == (date(2024, 3, 1), date(2024, 3, 31))
    assert arrest.fields["killed"] == 0

    protest = fourth.facts[0]
    assert protest.fields["event_type"] == "other"
    assert protest.fields["acled_event_type"] == "Protests"
    assert protest.fields["place"].startswith("Ciudad de México/")


def test_bad_acled_rows_are_rejected_by_line_and_good_rows_kept(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "export.csv"
    _write(path, ROWS, extra="MEX90009,02 March 2024,2024\n")
    items = list(read(str(path), settings=settings))
    got = [(r.reason_code, r.locator) for r in items if isinstance(r, Rejected)]
    assert got == [
        ("bad_date", "line 6"),
        ("bad_value", "line 7"),
        ("malformed_row", "line 8"),
        ("bad_value", "line 9"),
        ("malformed_row", "line 10"),
    ]
    assert len([i for i in items if isinstance(i, Prepared)]) == 4


def test_identical_notes_of_two_events_stay_two_documents(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "export.csv"
    twin = {**ROWS[0], "event_id_cnty": "MEX90010"}
    _write(path, [ROWS[0], twin])
    first, second = list(read(str(path), settings=settings))
    assert first.document.id != second.document.id


def test_unknown_acled_columns_are_reported_once(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "export.csv"
    _write(path, ROWS[:1])
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += ",my_note"
    lines[1] += ",x"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read(str(path), settings=settings))
    assert isinstance(items[0], Rejected)
    assert items[0].reason_code == "unknown_columns"
    assert "my_note" in items[0].reason
    assert isinstance(items[1], Prepared)


def test_csv_missing_acled_columns_is_rejected_at_header(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "export.csv"
    path.write_text("event_id_cnty,event_date,notes\nMEX1,2024-01-01,hola\n", encoding="utf-8")
    [item] = list(read(str(path), format="acled", settings=settings))
    assert isinstance(item, Rejected)
    assert (item.reason_code, item.locator) == ("unknown_columns", "line 1")
    assert "event_type" in item.reason


def test_date_span_follows_acled_precision_codes() -> None:
    day = date(2024, 2, 29)
    assert date_span(day, 1) == ("2024-02-29", day, day)
    assert date_span(day, 2)[0] == "2024-02-26/2024-03-03"
    assert date_span(day, 3) == ("2024-02", date(2024, 2, 1), day)

"""Structured records and failures inside one input: stored, or quarantined, never lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ingest_corpus import SAMPLES

from cartel_atlas.model import Document, Evidence, Fact, Prepared
from cartel_atlas.store import Store
from cartel_atlas.store.ingest import Ingestor, ingest

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
    "source,source_scale,notes,fatalities,tags,timestamp"
)
NOTE = (
    "On {day} March 2024, gunmen of an unidentified armed group attacked a municipal police "
    "patrol on the road out of town in {place}; {killed} officers were killed and the "
    "attackers escaped in two pickup trucks before the army arrived at the scene."
)


def _acled_row(n: int, place: str, state: str, killed: int) -> str:
    note = NOTE.format(day=n + 1, place=place, killed=killed)
    return (
        f"MEX{1000 + n},{n + 1:02d} March 2024,2024,1,Political violence,Violence against "
        f"civilians,Attack,Unidentified Armed Group (Mexico),,3,Police Forces of Mexico (2018-),"
        f",1,13,,484,Caribbean and Central America,Mexico,{state},{place},,{place},19.0,-102.0,"
        f'1,Prueba Local,Subnational,"{note}",{killed},,1711929600'
    )


def test_acled_rows_are_stored_with_their_facts_and_never_linked_as_near_duplicates(
    db_url: str, tmp_path: Path
) -> None:
    csv = tmp_path / "acled-export.csv"
    rows = [
        _acled_row(0, "Apatzingan", "Michoacan", 2),
        _acled_row(1, "Uruapan", "Michoacan", 3),
    ]
    csv.write_text(ACLED_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with Store.open(db_url) as store:
        summary = ingest(store, [str(csv)])
        assert summary.quarantined_total == 0, [r.reason_code for r in store.quarantined()]
        # The two notes read alike, but they are two different coded events.
        assert (summary.new, summary.near_duplicate) == (2, 0)
        assert summary.facts["event"] == 2
        events = store.facts(kind="event")
        assert {f.fields.get("acled_event_id") for f in events} == {"MEX1000", "MEX1001"}
        again = ingest(store, [str(csv)])
        assert again.duplicate == 2
        assert store.counts()["facts"] == len(store.facts())


def _good_document(name: str) -> Document:
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    return Document(text=text, format="text", meta={"source_uri": f"/inbox/{name}.txt"})


def test_a_document_the_store_refuses_is_quarantined_and_the_run_goes_on(db_url: str) -> None:
    bad = Document(text="Un registro con un hecho que apunta a otro documento.", format="acled")
    stray = Evidence("not-this-document", 0, 5, "Un re", "sources.acled", "1")
    refused = Prepared(bad, facts=(Fact(kind="event", fields={}, evidence=stray),))
    good = _good_document("lagos-de-moreno-2023-en")
    with Store.open(db_url) as store:
        ingestor = Ingestor(store)
        summary = ingestor.run_items([("/inbox/export.csv", [refused, good])])
        assert summary.status == "finished"
        assert summary.new == 1
        assert store.has_document(good.id)
        assert not store.has_document(bad.id)
        (entry,) = store.quarantined()
        assert entry.reason_code == "store_failed"
        assert entry.uri == "/inbox/export.csv"
        assert bad.id in (entry.locator or "")
        assert "not-this-document" in entry.reason


def test_a_reader_breaking_mid_input_keeps_what_came_before_and_quarantines_the_rest(
    db_url: str,
) -> None:
    first = _good_document("cotija-mayor-killed-2024-en")

    def broken() -> Iterator[Document]:
        yield first
        raise ValueError("table ends in the middle of a row")

    after = _good_document("lagos-de-moreno-2023-en")
    with Store.open(db_url) as store:
        summary = Ingestor(store).run_items(
            [("/inbox/report.pdf", broken()), ("/inbox/next.txt", [after])]
        )
        assert summary.new == 2
        assert store.has_document(first.id)
        assert store.has_document(after.id)
        (entry,) = store.quarantined()
        assert entry.reason_code == "read_failed"
        assert entry.uri == "/inbox/report.pdf"
        assert "middle of a row" in entry.reason

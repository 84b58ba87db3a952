"""The ingest on real files into real SQLite and PostgreSQL stores."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from ingest_corpus import (
    BAD_INPUTS,
    CSV_BAD_CODES,
    MAX_BYTES,
    ORIGINAL,
    SESNSP_EXCERPTS,
    SYNDICATED,
    copy_reports,
    sample_names,
    snapshot,
    write_bad_inputs,
)

from cartel_atlas.model import content_id
from cartel_atlas.settings import Settings
from cartel_atlas.store import Store, ingest_runs
from cartel_atlas.store import schema as t
from cartel_atlas.store.ingest import ingest


def _id_of(folder: Path, name: str) -> str:
    return content_id((folder / f"{name}.txt").read_text(encoding="utf-8"))


def test_ingest_stores_a_directory_of_reports_with_their_sidecar_metadata(
    db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    names = copy_reports(folder, sample_names(include_syndicated=False))
    with Store.open(db_url) as store:
        summary = ingest(store, [str(folder)])
        assert summary.status == "finished"
        assert summary.inputs == len(names)
        assert summary.new == len(names)
        assert summary.quarantined_total == 0
        assert sum(summary.facts.values()) > 0
        counts = store.counts()
        assert counts["documents"] == len(names)
        assert counts["facts"] == sum(summary.facts.values())
        doc = store.get_document(_id_of(folder, ORIGINAL))
        assert doc.publisher == "Noroeste"
        assert doc.published is not None
        assert doc.published.isoformat() == "2024-09-16"
        assert store.sentences(doc.id)
        runs = store.runs()
        assert runs[0].status == "finished"
        assert runs[0].counts["documents"]["new"] == len(names)


def test_ingesting_the_same_directory_twice_adds_nothing(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    names = copy_reports(folder)
    with Store.open(db_url) as store:
        first = ingest(store, [str(folder)])
        before = snapshot(db_url)
        second = ingest(store, [str(folder)])
        assert first.new + first.near_duplicate == len(names)
        assert second.new == second.near_duplicate == 0
        assert second.duplicate == len(names)
        assert sum(second.facts.values()) == 0
        assert snapshot(db_url) == before


def test_syndicated_copy_is_stored_and_linked_to_the_original(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    copy_reports(folder, [ORIGINAL, SYNDICATED, "lagos-de-moreno-2023-en"])
    with Store.open(db_url) as store:
        first = ingest(store, [str(folder / f"{ORIGINAL}.txt")])
        assert first.new == 1
        summary = ingest(store, [str(folder)])
        assert summary.duplicate == 1
        assert summary.near_duplicate == 1
        assert summary.new == 1
        copy_id, original_id = _id_of(folder, SYNDICATED), _id_of(folder, ORIGINAL)
        assert copy_id != original_id
        assert store.duplicate_of(copy_id) == original_id
        assert store.duplicate_of(original_id) is None
        assert store.facts(doc_id=copy_id), "the near-duplicate keeps its own facts"


def test_within_one_run_the_copy_read_later_is_the_one_linked(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    copy_reports(folder, [ORIGINAL, SYNDICATED])
    with Store.open(db_url) as store:
        summary = ingest(store, [str(folder)])
        assert (summary.new, summary.near_duplicate) == (1, 1)
        # Directory order: "...-es-sindicada.txt" sorts before "...-es.txt".
        copy_id, original_id = _id_of(folder, SYNDICATED), _id_of(folder, ORIGINAL)
        assert store.duplicate_of(original_id) == copy_id
        assert store.duplicate_of(copy_id) is None


def test_every_kind_of_bad_input_is_quarantined_and_the_rest_still_ingests(
    db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    names = copy_reports(folder, sample_names(include_syndicated=False)[:5])
    write_bad_inputs(folder)
    settings = Settings(max_document_bytes=MAX_BYTES)
    with Store.open(db_url) as store:
        summary = ingest(store, [str(folder)], settings=settings)
        assert summary.status == "finished"
        assert summary.new == len(names)
        entries = store.quarantined()
        by_file = {(Path(e.uri).name, e.reason_code) for e in entries}
        for file, code in BAD_INPUTS.items():
            assert (file, code) in by_file, f"{file} not quarantined as {code}: {by_file}"
        csv_codes = {e.reason_code for e in entries if e.uri.endswith("sesnsp-con-errores.csv")}
        assert csv_codes >= CSV_BAD_CODES
        located = [e for e in entries if e.reason_code in ("bad_code", "bad_date")]
        assert all(e.locator and e.locator.startswith("line ") for e in located)
        assert all(e.reason for e in entries)
        assert sum(summary.quarantined.values()) == len(entries)
        assert summary.official_counts_added == 12, "the good CSV row still loads"


def test_quarantine_is_not_repeated_when_the_same_bad_input_is_read_again(
    db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    write_bad_inputs(folder)
    settings = Settings(max_document_bytes=MAX_BYTES)
    with Store.open(db_url) as store:
        ingest(store, [str(folder)], settings=settings)
        first = [(e.uri, e.locator, e.reason_code) for e in store.quarantined()]
        again = ingest(store, [str(folder)], settings=settings)
        assert again.quarantined_total == len(first)
        assert [(e.uri, e.locator, e.reason_code) for e in store.quarantined()] == first


@pytest.mark.skipif(not SESNSP_EXCERPTS.is_dir(), reason="SESNSP excerpts not in tests/resources")
def test_sesnsp_excerpts_load_as_official_counts_once(db_url: str) -> None:
    files = sorted(str(p) for p in SESNSP_EXCERPTS.glob("*.csv"))
    assert files
    with Store.open(db_url) as store:
        first = ingest(store, files)
        assert first.official_counts_added > 0
        assert first.official_counts_added == store.counts()["official_counts"]
        assert first.new == 0
        second = ingest(store, files)
        assert second.official_counts_read == first.official_counts_read
        assert second.official_counts_added == 0
        assert store.counts()["official_counts"] == first.official_counts_added


def test_a_near_duplicate_left_unlinked_by_a_crash_is_linked_on_the_next_run(
    db_url: str, tmp_path: Path
) -> None:
    from cartel_atlas.extract import run as extract

    folder = tmp_path / "reports"
    copy_reports(folder, [ORIGINAL, SYNDICATED])
    with Store.open(db_url) as store:
        ingest(store, [str(folder / f"{ORIGINAL}.txt")])
        # The state a kill between ``add_document`` and ``link_duplicate`` leaves behind.
        from cartel_atlas.sources import read

        (doc,) = list(read(str(folder / f"{SYNDICATED}.txt")))
        ex = extract(doc)
        assert store.add_document(ex.document, ex.sentences, ex.mentions, ex.facts)
        assert store.duplicate_of(doc.id) is None
        summary = ingest(store, [str(folder)])
        assert summary.duplicate == 2
        assert summary.relinked == 1
        assert store.duplicate_of(doc.id) == _id_of(folder, ORIGINAL)


def _run_owned_by(store: Store, pid: int) -> int:
    """A ``running`` run row recorded as owned by process ``pid`` on this host."""
    run_id = store.start_run("ingest elsewhere")
    with store.session(write=True) as s:
        s.execute(
            sa.update(t.ingest_runs)
            .where(t.ingest_runs.c.id == run_id)
            .values(counts={**ingest_runs.owner(), "pid": pid})
        )
    return run_id


def test_a_run_killed_earlier_is_marked_interrupted_by_the_next_but_a_live_one_is_not(
    db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    copy_reports(folder, [ORIGINAL])
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with Store.open(db_url) as store:
            killed = _run_owned_by(store, int(gone.stdout))
            running = _run_owned_by(store, alive.pid)
            ingest(store, [str(folder)])
            status = {r.id: r.status for r in store.runs()}
    finally:
        alive.kill()
        alive.wait()
    assert status[killed] == "interrupted"
    assert status[running] == "running"
    assert list(status.values()).count("finished") == 1

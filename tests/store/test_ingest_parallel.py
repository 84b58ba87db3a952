"""``--workers 2``: extraction on a Dask cluster, one writer, same result as serial."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_corpus import copy_reports, snapshot, write_bad_inputs

from cartel_atlas.settings import Settings
from cartel_atlas.store import Store
from cartel_atlas.store.ingest import ingest


@pytest.mark.slow
def test_two_extraction_workers_store_exactly_what_a_serial_run_stores(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    copy_reports(folder)
    write_bad_inputs(folder / "bad")
    settings = Settings(max_document_bytes=20_000)
    serial_url = f"sqlite:///{tmp_path / 'serial.sqlite'}"
    parallel_url = f"sqlite:///{tmp_path / 'parallel.sqlite'}"
    with Store.open(serial_url) as store:
        serial = ingest(store, [str(folder)], settings=settings)
    with Store.open(parallel_url) as store:
        parallel = ingest(store, [str(folder)], settings=settings, workers=2)
    assert parallel.status == "finished"
    assert parallel.as_dict()["documents"] == serial.as_dict()["documents"]
    assert parallel.quarantined == serial.quarantined
    assert parallel.facts == serial.facts
    assert snapshot(parallel_url) == snapshot(serial_url)

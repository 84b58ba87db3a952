"""Kill-and-resume: ``kill -9`` in the middle of an ingest loses nothing, and the re-run
ends in exactly the state of an uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from ingest_corpus import snapshot, write_bad_inputs, write_long_reports

from cartel_atlas.store import Store

CLI = Path(sys.executable).parent / "cartel-atlas"
MAX_BYTES = 30_000
"""Above every long report (at most ~18 KB), below the oversized input (35 KB)."""


def _documents(url: str) -> int:
    """Committed documents, read straight from the file (the ingest is still writing)."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one())
    except sa.exc.OperationalError:
        return 0  # not created or not migrated yet
    finally:
        engine.dispose()


def _ingest(folder: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CARTEL_ATLAS_DATABASE_URL": url}
    return subprocess.Popen(
        [str(CLI), "ingest", str(folder), "--json", "--max-bytes", str(MAX_BYTES)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_killed_ingest_resumes_to_the_state_of_an_uninterrupted_run(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    names = write_long_reports(folder, count=40)
    write_bad_inputs(folder / "zz-bad")
    killed_url = f"sqlite:///{tmp_path / 'killed.sqlite'}"
    clean_url = f"sqlite:///{tmp_path / 'clean.sqlite'}"

    proc = _ingest(folder, killed_url)
    try:
        deadline = time.monotonic() + 300
        while _documents(killed_url) < 3:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "no document committed in time"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    committed = _documents(killed_url)
    assert 3 <= committed < len(names), "the kill must land in the middle of the run"
    with Store.open(killed_url) as store:
        assert store.runs()[0].status == "running"

    resumed = _ingest(folder, killed_url)
    _out, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err.decode()
    clean = _ingest(folder, clean_url)
    _out, err = clean.communicate(timeout=600)
    assert clean.returncode == 0, err.decode()

    after_kill = snapshot(killed_url)
    uninterrupted = snapshot(clean_url)
    assert after_kill["documents"] == uninterrupted["documents"]
    assert after_kill["facts"] == uninterrupted["facts"]
    assert after_kill == uninterrupted
    assert len(uninterrupted["documents"]) == len(names)
    with Store.open(killed_url) as store:
        statuses = [r.status for r in store.runs()]
        assert statuses == ["finished", "interrupted"]

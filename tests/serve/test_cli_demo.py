"""`cartel-atlas demo` (what `make run` calls) on a fresh data directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLI = str(Path(sys.executable).parent / "cartel-atlas")


def _demo(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "COLUMNS": "120"}
    env.pop("CARTEL_ATLAS_DATABASE_URL", None)
    return subprocess.run(
        [CLI, "demo", "--output", str(tmp_path / "atlas.html")],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env=env,
        cwd=tmp_path,
    )


def test_demo_populates_a_fresh_sqlite_atlas_and_writes_an_offline_map(tmp_path: Path) -> None:
    first = _demo(tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "xdg" / "cartel-atlas" / "atlas.sqlite").is_file()
    out = first.stdout
    assert "baseline claims" in out
    assert "states covered" in out
    assert "facts: event" in out
    assert "facts: presence" in out
    assert "Jalisco New Generation Cartel" in out
    html = (tmp_path / "atlas.html").read_text(encoding="utf-8")
    assert "PlotlyGeoAssets" in html
    assert "cdn.plot.ly" not in html.split("PlotlyGeoAssets", 1)[1][:2000]

    again = _demo(tmp_path)
    assert again.returncode == 0, again.stderr
    assert "sample reports: 0 new" in again.stdout

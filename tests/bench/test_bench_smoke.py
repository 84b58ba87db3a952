"""The benchmark script runs end to end on a small corpus and prints every section.

Speed is never asserted here: only that each expected row is present.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_quick_prints_a_row_for_every_measure(tmp_path: Path) -> None:
    out = tmp_path / "rows.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    for label in (
        "language.detect",
        "sentences.split",
        "numbers.find_numbers",
        "dates.find_dates",
        "all four together",
        "cartel_atlas.extract.run",
        "spaCy en_core_web_sm NER",
        "full extraction / spaCy NER",
        "peak resident set",
    ):
        assert label in proc.stdout, label
    rows = json.loads(out.read_text(encoding="utf-8"))
    sections = {row["section"] for row in rows}
    assert {
        "corpus",
        "components",
        "full extraction",
        "reference",
        "ratio",
        "ingest",
        "memory",
    } <= sections
    assert "error" not in sections, [r for r in rows if r["section"] == "error"]
    components = [r for r in rows if r["section"] == "components"]
    assert len(components) == 5
    assert all(r["words_per_s"] and r["words_per_s"] > 0 for r in components)

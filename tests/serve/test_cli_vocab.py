"""`cartel-atlas vocab check|dump` through the real entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from cartel_atlas.vocab import DATA_DIR

CLI = str(Path(sys.executable).parent / "cartel-atlas")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], capture_output=True, text=True, check=False, timeout=120)


def test_vocab_check_passes_on_the_bundled_vocabulary_with_the_promised_sizes() -> None:
    result = run("vocab", "check")
    assert result.returncode == 0, result.stderr
    assert "vocabulary OK" in result.stdout
    dump = json.loads(run("vocab", "dump").stdout)
    assert len(dump["places"]["municipalities"]) >= 2400
    assert len(dump["groups"]["groups"]) >= 60
    assert sum(len(t["cues"]) for t in dump["events"]) >= 300
    assert len(dump["baseline"]) >= 150


def test_vocab_check_reports_a_broken_file_on_one_line_with_file_and_line(
    tmp_path: Path,
) -> None:
    vocab = tmp_path / "vocab"
    shutil.copytree(DATA_DIR, vocab)
    groups = vocab / "groups.yaml"
    text = groups.read_text(encoding="utf-8")
    groups.write_text(text.replace("kind: cartel", "kind: kartel", 1), encoding="utf-8")
    result = run("vocab", "check", "--vocab-dir", str(vocab))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "groups.yaml:" in result.stderr
    assert "kind" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_vocab_check_exits_1_and_lists_cross_file_problems(tmp_path: Path) -> None:
    vocab = tmp_path / "vocab"
    shutil.copytree(DATA_DIR, vocab)
    claims = vocab / "baseline_presence.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("group: sinaloa", "group: no-such-group", 1), encoding="utf-8")
    result = run("vocab", "check", "--vocab-dir", str(vocab))
    assert result.returncode == 1
    assert "unknown group id 'no-such-group'" in result.stderr


def test_vocab_dump_part_writes_json_of_that_part(tmp_path: Path) -> None:
    out = tmp_path / "groups.json"
    result = run("vocab", "dump", "--part", "groups", "--output", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    names = {g["name"] for g in data["groups"]}
    assert {"Jalisco New Generation Cartel", "Sinaloa Cartel", "Los Chapitos"} <= names
    assert data["relations"]

"""The code base stays ruff clean (lint and format), as the project's style requires."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUFF = str(Path(sys.executable).parent / "ruff")


def test_ruff_finds_nothing_to_lint() -> None:
    result = subprocess.run(
        [RUFF, "check", "src", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing_to_reformat() -> None:
    result = subprocess.run(
        [RUFF, "format", "--check", "src", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_type_errors_in_the_package() -> None:
    mypy = str(Path(sys.executable).parent / "mypy")
    result = subprocess.run([mypy], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr

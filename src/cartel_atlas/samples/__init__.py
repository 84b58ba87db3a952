"""A bundled corpus of short reports written by the project, for demos and end-to-end tests.

Each report is ``reports/<slug>.txt`` (title line, blank line, paragraphs) with a
``reports/<slug>.meta.json`` sidecar. The texts are our own wording of public facts, so the
whole pipeline can be shown and tested without redistributing anyone else's articles.
"""

from __future__ import annotations

from pathlib import Path

SAMPLES_DIR = Path(__file__).parent / "reports"


def sample_paths() -> list[Path]:
    """Every sample report text, sorted by file name so runs are reproducible."""
    return sorted(SAMPLES_DIR.glob("*.txt"))

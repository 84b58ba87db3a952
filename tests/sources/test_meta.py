"""Sidecar metadata files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cartel_atlas.sources.meta import from_mapping, is_sidecar, read_sidecar, sidecar_path

SHARED_DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"


def test_sidecar_path_and_recognition() -> None:
    assert sidecar_path(Path("a/informe.txt")) == Path("a/informe.meta.json")
    assert is_sidecar(Path("a/informe.meta.json"))
    assert not is_sidecar(Path("a/informe.json"))


def test_mapping_fields_become_document_fields() -> None:
    side = from_mapping(
        {
            "title": "T",
            "published": "2025-04-09",
            "language": "es",
            "publisher": "P",
            "source_url": "https://example.org/x",
            "licence": "L",
            "tlp": "TLP:WHITE",
            "split": "dev",
        },
        "x.meta.json",
    )
    assert side.fields == {
        "title": "T",
        "published": date(2025, 4, 9),
        "language": "es",
        "publisher": "P",
        "url": "https://example.org/x",
        "licence": "L",
        "tlp": "clear",
    }
    assert side.extra == {"split": "dev"}
    assert side.problems == []


def test_wrong_types_are_reported_by_field() -> None:
    side = from_mapping({"title": 3, "tlp": "purple", "published": "ayer"}, "x.meta.json")
    assert [(p.reason_code, p.locator) for p in side.problems] == [
        ("malformed_meta", "field title"),
        ("malformed_meta", "field tlp"),
        ("bad_date", "field published"),
    ]
    assert side.fields == {}


def test_missing_sidecar_is_empty(tmp_path: Path) -> None:
    side = read_sidecar(tmp_path / "nada.txt")
    assert (side.fields, side.problems) == ({}, [])


def test_every_development_corpus_sidecar_reads_cleanly() -> None:
    texts = sorted(SHARED_DEV.glob("*.txt")) if SHARED_DEV.is_dir() else []
    for path in texts:
        side = read_sidecar(path)
        assert side.problems == [], path
        assert side.fields.get("title"), path
        assert isinstance(side.fields.get("published"), date), path

"""Inputs the ingest tests write: our own sample reports, and every kind of bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlalchemy as sa

from cartel_atlas.store import Store
from cartel_atlas.store import schema as t

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "src" / "cartel_atlas" / "samples" / "reports"
SESNSP_EXCERPTS = ROOT / "tests" / "resources" / "sesnsp"
ORIGINAL = "culiacan-chapitos-mayiza-2024-es"
SYNDICATED = "culiacan-chapitos-mayiza-2024-es-sindicada"

SESNSP_HEADER = (
    "Año,Clave_Ent,Entidad,Bien jurídico afectado,Tipo de delito,Subtipo de delito,Modalidad,"
    "Enero,Febrero,Marzo,Abril,Mayo,Junio,Julio,Agosto,Septiembre,Octubre,Noviembre,Diciembre"
)
_ROW = "{year},{code},Sinaloa,La vida y la Integridad corporal,Homicidio,Homicidio doloso,"
_MONTHS = "Con arma de fuego,40,38,51,47,39,44,50,61,70,55,48,52"

# The reason code each bad input must be quarantined with.
BAD_INPUTS = {
    "empty.txt": "empty",
    "binary.txt": "binary",
    "undecodable.txt": "undecodable",
    "oversized.txt": "oversized",
    "navigation-only.html": "malformed_html",
    "corrupt.pdf": "malformed_pdf",
    "broken-feed.rss": "malformed_feed",
}
CSV_BAD_CODES = {"bad_code", "bad_date", "unknown_columns"}
MAX_BYTES = 20_000
"""The ``--max-bytes`` the bad-input tests use: above every sample, below oversized.txt."""


def sample_names(include_syndicated: bool = True) -> list[str]:
    names = sorted(p.stem for p in SAMPLES.glob("*.txt"))
    return names if include_syndicated else [n for n in names if n != SYNDICATED]


def copy_reports(dst: Path, names: list[str] | None = None) -> list[str]:
    """Copy sample reports with their sidecars into ``dst``; returns their names."""
    dst.mkdir(parents=True, exist_ok=True)
    names = names if names is not None else sample_names()
    for name in names:
        shutil.copy(SAMPLES / f"{name}.txt", dst / f"{name}.txt")
        side = SAMPLES / f"{name}.meta.json"
        if side.exists():
            shutil.copy(side, dst / f"{name}.meta.json")
    return names


def write_long_reports(dst: Path, count: int = 40, repeat: int = 12) -> list[str]:
    """``count`` long reports (a sample's paragraphs repeated, numbered), with sidecars.

    Long enough that extraction takes a noticeable moment per document, so a test can
    interrupt a run in the middle.
    """
    dst.mkdir(parents=True, exist_ok=True)
    names = sample_names()[:count]
    for name in names:
        text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
        body = "\n\n".join(f"Parte {i + 1}.\n{text}" for i in range(repeat))
        (dst / f"{name}.txt").write_text(body, encoding="utf-8")
        side = SAMPLES / f"{name}.meta.json"
        if side.exists():
            shutil.copy(side, dst / f"{name}.meta.json")
    return names


def write_bad_inputs(dst: Path) -> None:
    """One file of every kind of bad input, plus a SESNSP CSV with bad rows."""
    dst.mkdir(parents=True, exist_ok=True)
    (dst / "empty.txt").write_bytes(b"  \n\t\n")
    (dst / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    # 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252 and invalid UTF-8.
    (dst / "undecodable.txt").write_bytes(b"Informe \x81\x8d\x8f\x90\x9d sin codificar " * 20)
    (dst / "oversized.txt").write_text(
        "Un informe demasiado largo para el límite de esta prueba. " * 600, encoding="utf-8"
    )
    (dst / "navigation-only.html").write_text(
        "<!doctype html><html><head><title>Portada</title>"
        "<script>var x = 1;</script></head><body><div><script>cargar();</script></div>"
        "</body></html>",
        encoding="utf-8",
    )
    (dst / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\ngarbage\x00\xff")
    (dst / "broken-feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Roto</ti',
        encoding="utf-8",
    )
    write_sesnsp_with_bad_rows(dst / "sesnsp-con-errores.csv")


def write_sesnsp_with_bad_rows(path: Path) -> None:
    """A SESNSP state-incidence CSV: one good row, an impossible state code, an impossible
    year, and a column the layout does not have."""
    rows = [
        SESNSP_HEADER + ",Fuente",
        _ROW.format(year=2023, code=25) + _MONTHS + ",prueba",
        _ROW.format(year=2023, code=99) + _MONTHS + ",prueba",
        _ROW.format(year=1850, code=25) + _MONTHS + ",prueba",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def snapshot(url: str) -> dict[str, object]:
    """The content of a store that two equivalent runs must share (not run rows, times)."""
    with Store.open(url) as store, store.session() as s:
        d, f, q = t.documents, t.facts, t.quarantine
        counts = store.counts()
        return {
            "documents": sorted(s.execute(sa.select(d.c.id, d.c.duplicate_of)).all()),
            "facts": sorted(r[0] for r in s.execute(sa.select(f.c.id))),
            "sentences": counts["sentences"],
            "mentions": counts["mentions"],
            "official_counts": counts["official_counts"],
            "quarantine": sorted(
                s.execute(sa.select(q.c.uri, q.c.locator, q.c.reason_code, q.c.resolved_at)).all(),
                key=repr,
            ),
        }

"""PDF reports rendered in the test with reportlab: pages, accents, scans, corruption."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from cartel_atlas.model import Document, Rejected
from cartel_atlas.settings import Settings
from cartel_atlas.sources import read
from cartel_atlas.sources.pdf import iter_pages, open_pdf


def _render(path: Path, pages: list[list[str]], title: str | None = None) -> None:
    c = canvas.Canvas(str(path), pagesize=letter)
    if title:
        c.setTitle(title)
        c.setAuthor("Unidad de Análisis de Prueba")
    for lines in pages:
        y = 720
        for line in lines:
            c.drawString(72, y, line)
            y -= 18
        c.showPage()
    c.save()


def _page_lines(n: int) -> list[str]:
    return [f"Página {n}: reporte sobre Michoacán y Guanajuato.", f"Sección {n} del anexo."]


def test_multi_page_pdf_keeps_page_offsets_and_accents(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "informe.pdf"
    _render(
        path,
        [
            ["Informe trimestral de seguridad", "Zitácuaro, Michoacán: enfrentamiento."],
            ["Segunda página: aseguramiento en León, Guanajuato."],
            ["Tercera página: conclusiones."],
        ],
        title="Informe trimestral",
    )
    [doc] = list(read(str(path), settings=settings))
    assert isinstance(doc, Document)
    assert doc.format == "pdf"
    assert doc.title == "Informe trimestral"
    assert doc.author == "Unidad de Análisis de Prueba"
    assert "Zitácuaro, Michoacán" in doc.text
    assert [number for _, number in doc.pages] == [1, 2, 3]
    assert doc.page_at(doc.text.index("León")) == 2
    assert doc.page_at(doc.text.index("conclusiones")) == 3
    assert doc.page_at(doc.text.index("Zitácuaro")) == 1
    assert doc.meta["page_count"] == 3


def test_sixty_page_report_is_read_page_by_page(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "largo.pdf"
    _render(path, [_page_lines(n) for n in range(1, 61)])
    with open(path, "rb") as f:
        pages = iter_pages(open_pdf(f))
        first = next(pages)
        assert first.number == 1
        assert "Página 1:" in first.text
        assert sum(1 for _ in pages) == 59
    [doc] = list(read(str(path), settings=settings))
    assert len(doc.pages) == 60
    assert doc.page_at(doc.text.index("Página 57:")) == 57


def test_scanned_pdf_without_text_layer_names_its_page_count(
    tmp_path: Path, settings: Settings
) -> None:
    image = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), (230, 230, 230)).save(image)
    path = tmp_path / "escaneado.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    for _ in range(2):
        c.drawImage(ImageReader(str(image)), 72, 500, width=400, height=200)
        c.showPage()
    c.save()
    [item] = list(read(str(path), settings=settings))
    assert isinstance(item, Rejected)
    assert item.reason_code == "no_text_layer"
    assert "2 pages" in item.reason


def test_corrupt_pdf_is_malformed_pdf(tmp_path: Path, settings: Settings) -> None:
    good = tmp_path / "bueno.pdf"
    _render(good, [["Texto"]])
    path = tmp_path / "roto.pdf"
    path.write_bytes(good.read_bytes()[:200])
    [item] = list(read(str(path), settings=settings))
    assert isinstance(item, Rejected)
    assert item.reason_code == "malformed_pdf", item.reason


def test_pdf_extension_on_text_is_malformed_pdf(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "falso.pdf"
    path.write_text("esto no es un PDF", encoding="utf-8")
    [item] = list(read(str(path), settings=settings))
    assert isinstance(item, Rejected)
    assert item.reason_code == "malformed_pdf"


def test_oversized_pdf_is_rejected_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "informe.pdf"
    _render(path, [_page_lines(1)])
    [item] = list(read(str(path), settings=Settings(max_document_bytes=100)))
    assert isinstance(item, Rejected)
    assert item.reason_code == "oversized"

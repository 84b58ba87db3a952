"""Plain text, Markdown, directories, standard input and the input guards."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from cartel_atlas.errors import SourceError
from cartel_atlas.model import Document, Rejected
from cartel_atlas.settings import Settings
from cartel_atlas.sources import read

NOTE_ES = (
    "Operativo en Zamora\n\n"
    "Elementos de la Guardia Nacional aseguraron un inmueble en Zamora, Michoacán, "
    "donde hallaron armas largas y cartuchos. No se reportaron detenidos.\n"
)


def _docs(items: list) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def _rejected(items: list) -> list[Rejected]:
    return [i for i in items if isinstance(i, Rejected)]


def test_text_file_takes_title_from_first_line_and_keeps_text_exactly(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "zamora.txt"
    path.write_text(NOTE_ES, encoding="utf-8")
    [doc] = list(read(str(path), settings=settings))
    assert isinstance(doc, Document)
    assert doc.text == NOTE_ES
    assert doc.title == "Operativo en Zamora"
    assert doc.name == "zamora"
    assert doc.format == "text"
    assert doc.meta["encoding"] == "utf-8"


def test_sidecar_metadata_overrides_the_guessed_title(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "zamora.txt"
    path.write_text(NOTE_ES, encoding="utf-8")
    (tmp_path / "zamora.meta.json").write_text(
        json.dumps(
            {
                "title": "Aseguran armas en Zamora",
                "published": "2024-05-02",
                "language": "es",
                "publisher": "Boletín de prueba",
                "source_url": "https://example.org/boletin/17",
                "licence": "CC BY 4.0",
                "note": "written for this test",
            }
        ),
        encoding="utf-8",
    )
    [doc] = list(read(str(path), settings=settings))
    assert doc.title == "Aseguran armas en Zamora"
    assert doc.published == date(2024, 5, 2)
    assert doc.language == "es"
    assert doc.publisher == "Boletín de prueba"
    assert doc.url == "https://example.org/boletin/17"
    assert doc.licence == "CC BY 4.0"
    assert doc.meta["sidecar"] == {"note": "written for this test"}


def test_sidecar_with_bad_date_is_reported_and_document_still_read(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "zamora.txt"
    path.write_text(NOTE_ES, encoding="utf-8")
    (tmp_path / "zamora.meta.json").write_text('{"published": "2 de mayo"}', encoding="utf-8")
    items = list(read(str(path), settings=settings))
    [bad] = _rejected(items)
    assert bad.reason_code == "bad_date"
    assert bad.locator == "field published"
    assert bad.uri.endswith("zamora.meta.json")
    [doc] = _docs(items)
    assert doc.published is None


def test_sidecar_that_is_not_json_is_reported(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "zamora.txt"
    path.write_text(NOTE_ES, encoding="utf-8")
    (tmp_path / "zamora.meta.json").write_text("{title: sin comillas}", encoding="utf-8")
    items = list(read(str(path), settings=settings))
    assert [r.reason_code for r in _rejected(items)] == ["malformed_meta"]
    assert len(_docs(items)) == 1


def test_markdown_title_loses_heading_marks(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "nota.md"
    path.write_text("# Balacera en Celaya\n\nHubo dos heridos.\n", encoding="utf-8")
    [doc] = list(read(str(path), settings=settings))
    assert doc.title == "Balacera en Celaya"
    assert doc.format == "markdown"


def test_utf8_bom_is_dropped(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Culiacán, Sinaloa".encode())
    [doc] = list(read(str(path), settings=settings))
    assert doc.text == "Culiacán, Sinaloa"


def test_windows_1252_text_is_decoded(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "viejo.txt"
    path.write_bytes("Detienen en Apatzingán a “El Toro”; decomisan 3 kg.".encode("cp1252"))
    [doc] = list(read(str(path), settings=settings))
    assert doc.text == "Detienen en Apatzingán a “El Toro”; decomisan 3 kg."
    assert doc.meta["encoding"] == "cp1252"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"  \n\t \r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        (b"texto con un NUL\x00 en medio", "binary"),
        (b"\x81\x8d\x8f\x90\x9d" * 20, "undecodable"),
        (bytes([0x80, 0x01, 0x02, 0x03, 0x04]) * 50, "undecodable"),
    ],
    ids=["empty", "whitespace", "png", "nul", "cp1252-holes", "control-bytes"],
)
def test_bad_text_files_are_rejected_with_their_reason(
    tmp_path: Path, settings: Settings, content: bytes, code: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [item] = list(read(str(path), settings=settings))
    assert isinstance(item, Rejected)
    assert item.reason_code == code
    assert item.uri == str(path)


def test_oversized_file_is_rejected_by_size(tmp_path: Path) -> None:
    path = tmp_path / "largo.txt"
    path.write_text("Reporte largo. " * 200, encoding="utf-8")
    [item] = list(read(str(path), settings=Settings(max_document_bytes=1000)))
    assert isinstance(item, Rejected)
    assert item.reason_code == "oversized"
    assert "3,000 bytes" in item.reason


def test_directory_is_read_recursively_sorted_skipping_hidden_and_sidecars(
    tmp_path: Path, settings: Settings
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "dos.txt").write_text("Segundo documento.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Primer documento.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"title": "Uno"}', encoding="utf-8")
    (tmp_path / ".oculto.txt").write_text("No debe leerse.", encoding="utf-8")
    (tmp_path / ".git" / "config.txt").write_text("No debe leerse.", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.zip").write_bytes(b"PK\x03\x04" + bytes(40))
    items = list(read(str(tmp_path), settings=settings))
    assert [d.text for d in _docs(items)] == ["Primer documento.", "Segundo documento."]
    assert _docs(items)[0].title == "Uno"
    assert [(Path(r.uri).name, r.reason_code) for r in _rejected(items)] == [
        ("c.txt", "empty"),
        ("d.zip", "unsupported_format"),
    ]


def test_missing_path_raises_source_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-existe.txt"
    with pytest.raises(SourceError, match=r"no-existe\.txt"):
        read(str(missing))


def test_unknown_format_name_raises(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("hola", encoding="utf-8")
    with pytest.raises(SourceError, match="unknown format 'docx'"):
        read(str(path), format="docx")


def test_standard_input_is_read_with_dash(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    fake = io.TextIOWrapper(io.BytesIO(NOTE_ES.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    [doc] = list(read("-", settings=settings))
    assert isinstance(doc, Document)
    assert doc.text == NOTE_ES
    assert doc.name == "stdin"

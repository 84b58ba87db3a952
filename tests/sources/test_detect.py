"""Format detection by scheme, extension and content, and the ``format=`` override."""

from __future__ import annotations

from pathlib import Path

import pytest

from cartel_atlas.model import Document, Rejected
from cartel_atlas.settings import Settings
from cartel_atlas.sources import detect_format, read

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
ATOM = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>'
HTML = b"<!DOCTYPE html><html><head><title>x</title></head><body><p>hola</p></body></html>"
BUNDLE = b'{"type": "bundle", "id": "bundle--1", "objects": []}'
SESNSP = (
    "Año,Clave_Ent,Entidad,Bien jurídico afectado,Tipo de delito,Subtipo de delito,Modalidad,"
    "Enero,Febrero,Marzo,Abril,Mayo,Junio,Julio,Agosto,Septiembre,Octubre,Noviembre,Diciembre\r\n"
).encode("cp1252")


@pytest.mark.parametrize(
    ("uri", "head", "expected"),
    [
        ("https://example.org/nota", b"", "url"),
        ("nota.txt", b"Texto plano", "text"),
        ("nota.md", b"# Titulo", "markdown"),
        ("sin_extension", b"Texto plano", "text"),
        ("reporte.bin", b"%PDF-1.7\n...", "pdf"),
        ("reporte.txt", b"%PDF-1.4\n...", "pdf"),
        ("noticias", RSS, "feed"),
        ("noticias.xml", ATOM, "feed"),
        ("pagina", HTML, "html"),
        ("pagina.htm", b"<p>fragmento</p>", "html"),
        ("intel", BUNDLE, "stix"),
        ("estadistica", SESNSP, "sesnsp"),
        ("datos.csv", b"a,b,c\n1,2,3\n", "unknown"),
        ("foto", b"\x89PNG\r\n\x1a\n\x00\x00", "unknown"),
        ("raro", bytes(range(128, 256)) * 4 + b"\x00", "unknown"),
    ],
)
def test_detect_format(uri: str, head: bytes, expected: str) -> None:
    assert detect_format(uri, head) == expected


@pytest.mark.parametrize(
    ("content_type", "head", "expected"),
    [
        ("text/html; charset=utf-8", HTML, "html"),
        ("application/pdf", b"%PDF-1.5", "pdf"),
        ("application/rss+xml", RSS, "feed"),
        ("text/xml", ATOM, "feed"),
        ("application/json", BUNDLE, "stix"),
        ("text/csv", SESNSP, "sesnsp"),
        ("text/plain", RSS, "feed"),
        ("text/plain", b"solo texto", "text"),
    ],
)
def test_detect_format_of_fetched_bodies_uses_content_type(
    content_type: str, head: bytes, expected: str
) -> None:
    assert detect_format("https://example.org/x", head, content_type=content_type) == expected


def test_format_argument_overrides_detection(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "pagina.txt"
    path.write_bytes(HTML.replace(b"hola", b"Texto de prueba con varias palabras dentro"))
    [as_text] = list(read(str(path), settings=settings))
    assert isinstance(as_text, Document)
    assert as_text.format == "text"
    [as_html] = list(read(str(path), format="html", settings=settings))
    assert isinstance(as_html, Document)
    assert as_html.format == "html"
    assert "<p>" not in as_html.text


def test_unsupported_format_names_what_the_file_is(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "foto.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    [item] = list(read(str(path), settings=settings))
    assert isinstance(item, Rejected)
    assert item.reason_code == "unsupported_format"
    assert "JPEG" in item.reason

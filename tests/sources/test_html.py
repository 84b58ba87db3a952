"""Saved HTML pages: main text without boilerplate, metadata from the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cartel_atlas.model import Document, Rejected
from cartel_atlas.settings import Settings
from cartel_atlas.sources import read
from cartel_atlas.sources.html import strip_html

ARTICLE = """<!doctype html>
<html lang="es-MX"><head><meta charset="utf-8">
<title>Enfrentamiento en Zitácuaro | El Vigía de Prueba</title>
<meta name="author" content="Laura Gómez">
<meta property="article:published_time" content="2024-03-14T09:30:00-06:00">
<meta property="og:site_name" content="El Vigía de Prueba">
<link rel="canonical" href="https://vigia.example.org/seguridad/zitacuaro">
</head><body>
<nav><a href="/">Portada</a> <a href="/seguridad">Seguridad</a>
<a href="/deportes">Deportes</a></nav>
<div class="ad">Suscríbete hoy y recibe el periódico en casa</div>
<article>
<h1>Enfrentamiento en Zitácuaro deja tres muertos</h1>
<p>Un enfrentamiento entre civiles armados y policías estatales dejó tres personas
muertas en una brecha cercana a Zitácuaro, Michoacán, la tarde del miércoles, según
informó la fiscalía del estado en un comunicado.</p>
<p>Las autoridades aseguraron dos camionetas y cuatro armas largas en el lugar. La
fiscalía indicó que las investigaciones continúan y que no hay personas detenidas.</p>
</article>
<footer>Todos los derechos reservados. Aviso de privacidad.</footer>
</body></html>
"""


def test_html_page_yields_main_text_and_page_metadata(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "zitacuaro.html"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = list(read(str(path), settings=settings))
    assert isinstance(doc, Document)
    assert doc.format == "html"
    assert "tres personas" in doc.text
    assert "Zitácuaro, Michoacán" in doc.text
    assert "Suscríbete" not in doc.text
    assert "Portada" not in doc.text
    assert "derechos reservados" not in doc.text
    assert doc.title == "Enfrentamiento en Zitácuaro deja tres muertos"
    assert doc.author == "Laura Gómez"
    assert doc.publisher == "El Vigía de Prueba"
    assert doc.published == date(2024, 3, 14)
    assert doc.language == "es"
    assert doc.url == "https://vigia.example.org/seguridad/zitacuaro"


def test_html_sidecar_wins_over_page_metadata(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "zitacuaro.htm"
    path.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "zitacuaro.meta.json").write_text(
        '{"publisher": "Archivo propio", "published": "2024-03-15"}', encoding="utf-8"
    )
    [doc] = list(read(str(path), settings=settings))
    assert doc.publisher == "Archivo propio"
    assert doc.published == date(2024, 3, 15)
    assert doc.author == "Laura Gómez"


def test_page_with_only_navigation_is_malformed_html(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><head><title>Menú</title><script>var x = 1;</script></head>"
        "<body><nav><a href='/'>Inicio</a></nav></body></html>",
        encoding="utf-8",
    )
    [item] = list(read(str(path), settings=settings))
    assert isinstance(item, Rejected)
    assert item.reason_code == "malformed_html"
    assert "no main text" in item.reason


def test_html_bad_and_good_pages_in_one_directory(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.html").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.html").write_bytes(b"\x00\x01\x02 binario")
    items = list(read(str(tmp_path), settings=settings))
    assert [type(i).__name__ for i in items] == ["Document", "Rejected"]
    assert items[1].reason_code == "binary"


def test_strip_html_keeps_paragraphs_and_drops_scripts() -> None:
    text = strip_html("<p>Uno <b>dos</b></p><script>alert(1)</script><p>Tres</p>")
    assert text == "Uno dos\nTres"


def test_page_wrapped_in_a_form_still_has_main_text(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "aspx.html"
    path.write_text(
        ARTICLE.replace("<body>", "<body><form id='form1' method='post'>").replace(
            "</body>", "</form></body>"
        ),
        encoding="utf-8",
    )
    [doc] = list(read(str(path), settings=settings))
    assert isinstance(doc, Document)
    assert "cuatro armas largas" in doc.text

"""Fetching URLs: a real server on 127.0.0.1, the address guard, limits and caching.

No test sends traffic anywhere but loopback: refused addresses are refused before any
connection, and the one test playing a public host uses httpx's in-memory transport.
"""

from __future__ import annotations

import socket

import httpx
import pytest
from reportlab.pdfgen import canvas
from sources_http import LocalServer, Route

from cartel_atlas.model import Document, Rejected
from cartel_atlas.settings import Settings
from cartel_atlas.sources import read
from cartel_atlas.sources.url import FetchError, blocked_reason, fetch

PAGE = (
    "<html lang='es'><head><meta charset='utf-8'><title>Nota</title>"
    "<meta name='author' content='Mesa de Prueba'></head><body><article>"
    "<h1>Hallazgo en Tlaquepaque</h1><p>Autoridades de Jalisco localizaron un vehículo "
    "abandonado con impactos de bala en San Pedro Tlaquepaque durante la mañana del lunes; "
    "la fiscalía abrió una investigación.</p></article></body></html>"
).encode()


def test_fetch_returns_body_type_and_validators(
    local_server: LocalServer, settings: Settings
) -> None:
    url = local_server.add("/nota", Route(PAGE, etag='"v1"', last_modified="Mon, 01 Jul 2024"))
    result = fetch(url, allow_private=True, settings=settings)
    assert result.status == 200
    assert result.body == PAGE
    assert result.content_type.startswith("text/html")
    assert result.etag == '"v1"'
    assert result.last_modified == "Mon, 01 Jul 2024"
    assert result.final_url == url


def test_conditional_get_answers_not_modified(
    local_server: LocalServer, settings: Settings
) -> None:
    url = local_server.add("/nota", Route(PAGE, etag='"v1"', last_modified="Mon, 01 Jul 2024"))
    again = fetch(url, allow_private=True, settings=settings, etag='"v1"')
    assert again.not_modified
    assert again.body == b""
    assert local_server.requests[-1][1]["If-None-Match"] == '"v1"'
    by_date = fetch(url, allow_private=True, settings=settings, last_modified="Mon, 01 Jul 2024")
    assert by_date.not_modified
    assert local_server.requests[-1][1]["If-Modified-Since"] == "Mon, 01 Jul 2024"


def test_read_of_a_url_dispatches_on_content_type(
    local_server: LocalServer, settings: Settings
) -> None:
    url = local_server.add("/nota", Route(PAGE))
    [doc] = list(read(url, settings=settings, allow_private=True))
    assert isinstance(doc, Document)
    assert doc.format == "html"
    assert "San Pedro Tlaquepaque" in doc.text
    assert doc.url == url
    assert doc.author == "Mesa de Prueba"


def test_read_of_a_pdf_url(local_server: LocalServer, settings: Settings, tmp_path) -> None:
    path = tmp_path / "r.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "Informe: Tlaquepaque, Jalisco.")
    c.showPage()
    c.save()
    url = local_server.add("/r.pdf", Route(path.read_bytes(), "application/octet-stream"))
    [doc] = list(read(url, settings=settings, allow_private=True))
    assert isinstance(doc, Document)
    assert doc.format == "pdf"
    assert doc.pages == ((0, 1),)


def test_redirects_are_followed_by_hand(local_server: LocalServer, settings: Settings) -> None:
    local_server.add("/a", Route(status=302, headers={"Location": "/b"}))
    local_server.add("/b", Route(status=301, headers={"Location": local_server.base + "/c"}))
    final = local_server.add("/c", Route(PAGE))
    result = fetch(local_server.base + "/a", allow_private=True, settings=settings)
    assert result.final_url == final
    assert result.body == PAGE


def test_redirect_loop_is_too_many_redirects(local_server: LocalServer, settings: Settings) -> None:
    url = local_server.add("/loop", Route(status=302, headers={"Location": "/loop"}))
    [item] = list(read(url, settings=settings, allow_private=True))
    assert isinstance(item, Rejected)
    assert item.reason_code == "too_many_redirects"
    assert sum(1 for path, _ in local_server.requests if path == "/loop") == 4


@pytest.mark.parametrize("chunks", [1, 8], ids=["content-length", "streamed"])
def test_body_over_the_limit_is_oversized(local_server: LocalServer, chunks: int) -> None:
    url = local_server.add("/big", Route(b"x" * 50_000, "text/plain", chunks=chunks))
    small = Settings(max_document_bytes=10_000, http_timeout=5.0)
    with pytest.raises(FetchError) as info:
        fetch(url, allow_private=True, settings=small)
    assert info.value.reason == "oversized"


def test_unexpected_content_type_is_refused(local_server: LocalServer, settings: Settings) -> None:
    url = local_server.add("/img", Route(b"\x89PNG....", "image/png"))
    [item] = list(read(url, settings=settings, allow_private=True))
    assert isinstance(item, Rejected)
    assert item.reason_code == "bad_content_type"
    assert "image/png" in item.reason


def test_http_error_and_refused_connection_are_fetch_failed(
    local_server: LocalServer, settings: Settings
) -> None:
    [missing] = list(read(local_server.base + "/nada", settings=settings, allow_private=True))
    assert isinstance(missing, Rejected)
    assert missing.reason_code == "fetch_failed"
    assert "404" in missing.reason
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    [refused] = list(read(f"http://127.0.0.1:{port}/", settings=settings, allow_private=True))
    assert isinstance(refused, Rejected)
    assert refused.reason_code == "fetch_failed"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:9/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://localhost:9/",
    ],
)
def test_private_addresses_are_refused_without_allow_private(url: str, settings: Settings) -> None:
    [item] = list(read(url, settings=settings))
    assert isinstance(item, Rejected)
    assert item.reason_code == "blocked_address"
    assert "--allow-private" in item.reason


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not globally routable"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("::", "unspecified"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:a00:1::", "private"),
    ],
)
def test_blocked_reason_names_the_kind_of_address(address: str, kind: str) -> None:
    reason = blocked_reason(address)
    assert reason is not None
    assert kind in reason


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::6810:84e5", "8.8.8.8"])
def test_public_addresses_pass_the_guard(address: str) -> None:
    assert blocked_reason(address) is None


def test_redirect_to_a_private_address_is_refused_at_the_hop(settings: Settings) -> None:
    seen: list[str] = []

    def public_host(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/"})

    with pytest.raises(FetchError) as info:
        fetch(
            "http://93.184.215.14/article",
            settings=settings,
            transport=httpx.MockTransport(public_host),
        )
    assert info.value.reason == "blocked_address"
    assert seen == ["http://93.184.215.14/article"]


def test_non_http_scheme_is_refused(settings: Settings) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch("ftp://example.org/file.txt", settings=settings)

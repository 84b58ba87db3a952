"""Fixtures of the reader tests: a real HTTP server on 127.0.0.1, small settings.

Tests that fetch must pass ``allow_private=True``: the server is on loopback, which the
address guard refuses by default.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
from sources_http import LocalServer, handler

from cartel_atlas.settings import Settings


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    """An HTTP server on 127.0.0.1 (random port), stopped after the test."""
    holder = LocalServer("", {}, [])
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler(holder))
    holder.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield holder
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def settings(tmp_path: object) -> Settings:
    """Settings for reader tests, independent of the environment."""
    return Settings(max_document_bytes=2_000_000, http_timeout=5.0, http_max_redirects=3)

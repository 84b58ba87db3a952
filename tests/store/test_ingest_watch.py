"""``watch``: a feed served on 127.0.0.1, polled twice; the second poll is a 304."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from ingest_corpus import SAMPLES

from cartel_atlas.store import Store
from cartel_atlas.store.feeds import feed_state, seen_items
from cartel_atlas.store.watch import Watcher, parse_every

ARTICLES = ["lagos-de-moreno-2023-en", "cotija-mayor-killed-2024-en"]
ETAG = '"feed-v1"'
MODIFIED = "Mon, 16 Sep 2024 10:00:00 GMT"


def _page(name: str) -> bytes:
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<meta name='author' content='Newsroom'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{paras}</article>"
        "<footer>All rights reserved</footer></body></html>"
    ).encode()


def _feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}/{name}.html</link>"
        f"<guid>{base}/{name}</guid><description>Teaser {n}.</description></item>"
        for n, name in enumerate(ARTICLES, 1)
    )
    teaser = (
        "Gunmen attacked a police patrol on the highway near Zamora, Michoacán, on Sunday "
        "night; two officers were wounded and the attackers fled toward the hills."
    )
    items += (
        f"<item><title>Gone story</title><link>{base}/gone.html</link>"
        f"<guid>{base}/gone</guid><description>{teaser}</description></item>"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Local desk</title><link>{base}/</link><language>en</language>{items}"
        "</channel></rss>"
    ).encode()


class _Server:
    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers)))
                base = f"http://127.0.0.1:{self.server.server_address[1]}"
                if self.path == "/feed.xml":
                    if self.headers.get("If-None-Match") == ETAG:
                        self.send_response(304)
                        self.end_headers()
                        return
                    self._send(_feed(base), "application/rss+xml", etag=True)
                elif self.path.removesuffix(".html").lstrip("/") in ARTICLES:
                    self._send(_page(self.path.removesuffix(".html").lstrip("/")), "text/html")
                else:
                    self.send_error(404)

            def _send(self, body: bytes, ctype: str, etag: bool = False) -> None:
                self.send_response(200)
                self.send_header("Content-Type", f"{ctype}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", ETAG)
                    self.send_header("Last-Modified", MODIFIED)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)


@pytest.fixture
def server() -> Iterator[_Server]:
    s = _Server()
    s.thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def test_watch_once_ingests_new_articles_and_the_second_poll_is_not_modified(
    db_url: str, server: _Server
) -> None:
    feed = f"{server.url}/feed.xml"
    with Store.open(db_url) as store:
        report = Watcher(store, [feed], allow_private=True).poll()
        (poll,) = report.feeds
        assert poll.status == "polled"
        assert poll.new_items == 3
        assert report.summary.new == 3
        # The article pages were fetched in full, not just the teasers.
        docs = {d.url: d for d in store.documents()}
        lagos = docs[f"{server.url}/{ARTICLES[0]}.html"]
        assert "Lagos de Moreno" in lagos.text
        assert lagos.meta["feed_url"] == feed
        assert "Home" not in lagos.text
        # The page that 404s is quarantined, and the feed's own text stands in for it.
        gone = docs[f"{server.url}/gone.html"]
        assert "Zamora" in gone.text
        (failure,) = store.quarantined()
        assert failure.reason_code == "fetch_failed"
        assert failure.uri == f"{server.url}/gone.html"
        assert len(seen_items(store, feed)) == 3
        state = feed_state(store, feed)
        assert state.etag == ETAG
        assert state.last_modified == MODIFIED

        server.requests.clear()
        again = Watcher(store, [feed], allow_private=True).poll()
        assert again.feeds[0].status == "not_modified"
        assert again.summary.new == again.summary.duplicate == 0
        path, headers = server.requests[0]
        assert path == "/feed.xml"
        assert headers.get("If-None-Match") == ETAG
        assert headers.get("If-Modified-Since") == MODIFIED
        assert [p for p, _ in server.requests] == ["/feed.xml"]
        assert store.counts()["documents"] == 3


def test_watch_refuses_a_loopback_feed_without_allow_private(
    sqlite_url: str, server: _Server
) -> None:
    feed = f"{server.url}/feed.xml"
    with Store.open(sqlite_url) as store:
        report = Watcher(store, [feed]).poll()
        assert report.feeds[0].status == "failed"
        assert [e.reason_code for e in store.quarantined()] == ["blocked_address"]
        assert server.requests == []


def test_watch_reads_a_saved_feed_file_and_skips_it_when_unchanged(
    sqlite_url: str, tmp_path: Path
) -> None:
    feed = tmp_path / "desk.rss"
    feed.write_bytes(_feed("https://news.invalid").replace(b"<link>https", b"<link>nope"))
    with Store.open(sqlite_url) as store:
        first = Watcher(store, [str(feed)]).poll()
        assert first.feeds[0].new_items == 3
        assert first.summary.new == 3
        second = Watcher(store, [str(feed)]).poll()
        assert second.feeds[0].status == "not_modified"


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("30s", 30), ("2h", 7200)])
def test_every_understands_durations(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds

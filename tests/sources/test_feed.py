"""RSS and Atom feeds, fetched from a local server on 127.0.0.1."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sources_http import LocalServer, Route

from cartel_atlas.errors import SourceError
from cartel_atlas.model import Document, Rejected
from cartel_atlas.settings import Settings
from cartel_atlas.sources import read
from cartel_atlas.sources.feed import entries

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Noticias de Prueba</title><link>https://noticias.example.org/</link>
<description>Canal de prueba</description><language>es-mx</language>
<item>
  <title>Localizan narcolaboratorio en Cosalá</title>
  <link>https://noticias.example.org/nota/101</link>
  <guid>https://noticias.example.org/?p=101</guid>
  <pubDate>Tue, 04 Jun 2024 15:20:00 GMT</pubDate>
  <author>redaccion@noticias.example.org (Redacción)</author>
  <description><![CDATA[<p>Militares <b>desmantelaron</b> un laboratorio
clandestino en Cosalá, Sinaloa.</p><script>x()</script>]]></description>
</item>
<item>
  <title>Sin texto</title>
  <link>https://noticias.example.org/nota/102</link>
  <description>Detienen a tres personas en Tecomán, Colima, con armas de fuego.</description>
</item>
<item><title></title><description></description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Test Security Monitor</title><id>urn:test:feed</id><updated>2024-07-01T00:00:00Z</updated>
<entry>
  <title>Clash reported near Aguililla</title>
  <id>urn:test:entry:1</id>
  <link href="https://monitor.example.org/a/1"/>
  <published>2024-06-30T10:00:00Z</published><updated>2024-07-01T00:00:00Z</updated>
  <author><name>Test Desk</name></author>
  <content type="html">&lt;p&gt;Armed men clashed with soldiers
near Aguililla, Michoacán.&lt;/p&gt;</content>
</entry>
</feed>
"""


def test_rss_feed_from_local_server_yields_one_document_per_entry(
    local_server: LocalServer, settings: Settings
) -> None:
    url = local_server.add("/rss.xml", Route(RSS.encode(), "application/rss+xml"))
    items = list(read(url, settings=settings, allow_private=True))
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 2
    first = docs[0]
    assert first.format == "feed"
    assert first.title == "Localizan narcolaboratorio en Cosalá"
    assert first.text.startswith("Localizan narcolaboratorio en Cosalá\n\n")
    assert "desmantelaron un laboratorio clandestino en Cosalá, Sinaloa." in first.text
    assert "<b>" not in first.text
    assert "x()" not in first.text
    assert first.url == "https://noticias.example.org/nota/101"
    assert first.published == date(2024, 6, 4)
    assert first.publisher == "Noticias de Prueba"
    assert first.language == "es"
    assert first.meta["feed_item_id"] == "https://noticias.example.org/?p=101"
    assert first.meta["feed_url"] == url
    assert docs[1].meta["feed_item_id"] == "https://noticias.example.org/nota/102"
    [empty] = [i for i in items if isinstance(i, Rejected)]
    assert (empty.reason_code, empty.locator) == ("empty", "item 3")


def test_atom_feed_entry_uses_content_and_author(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "monitor.atom"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = list(read(str(path), settings=settings))
    assert isinstance(doc, Document)
    assert "near Aguililla, Michoacán." in doc.text
    assert doc.author == "Test Desk"
    assert doc.published == date(2024, 6, 30)
    assert doc.meta["feed_item_id"] == "urn:test:entry:1"


def test_entries_expose_links_for_fetching_full_pages() -> None:
    found = entries(RSS.encode(), "https://noticias.example.org/rss")
    assert [e.link for e in found][:2] == [
        "https://noticias.example.org/nota/101",
        "https://noticias.example.org/nota/102",
    ]
    assert found[0].id == "https://noticias.example.org/?p=101"
    assert found[0].summary.startswith("Militares desmantelaron")
    assert found[0].published == date(2024, 6, 4)


def test_broken_feed_is_malformed_feed(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "roto.rss"
    path.write_text("<rss><channel><title>Roto</title><item><title>sin cerrar", encoding="utf-8")
    [item] = list(read(str(path), settings=settings))
    assert isinstance(item, Rejected)
    assert item.reason_code == "malformed_feed"
    with pytest.raises(SourceError, match="not"):
        entries(path.read_bytes(), str(path))


def test_valid_feed_without_entries_gives_no_entries() -> None:
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    assert entries(empty, "https://example.org/rss") == []

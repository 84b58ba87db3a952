"""RSS and Atom feeds: one document per entry, from its content or summary.

The feed bytes are always fetched by us (``sources.url.fetch``, with its address guard
and size limit) and handed to feedparser; ``feedparser.parse(url)`` would fetch on its
own, bypassing both. A feed often carries only a teaser, so ``entries`` also exposes
each entry's link for the ``watch`` command to fetch the full article page.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import feedparser

from cartel_atlas.errors import SourceError
from cartel_atlas.model.document import Document
from cartel_atlas.model.records import Rejected
from cartel_atlas.sources.guards import excerpt, oversized
from cartel_atlas.sources.html import strip_html

Item = Document | Rejected

_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")


@dataclass(frozen=True)
class FeedEntry:
    """One feed entry, HTML already stripped from ``summary`` and ``content``."""

    link: str | None
    id: str | None
    title: str | None
    published: date | None
    summary: str
    content: str = ""
    author: str | None = None

    @property
    def key(self) -> str | None:
        """What identifies the entry across polls: its id, else its link."""
        return self.id or self.link

    @property
    def body(self) -> str:
        """The fullest text the feed gives: content, else summary."""
        return self.content or self.summary


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed: its entries, title and language, and why it is malformed if so."""

    entries: list[FeedEntry]
    title: str | None
    language: str | None
    problem: str | None


def _day(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC).date()
    return None


def _entry(raw: Any) -> FeedEntry:
    content = ""
    for part in raw.get("content") or []:
        value = part.get("value") or ""
        if value.strip():
            content = strip_html(value)
            break
    summary = strip_html(raw.get("summary") or raw.get("description") or "")
    title = strip_html(raw.get("title") or "") or None
    return FeedEntry(
        link=(raw.get("link") or "").strip() or None,
        id=(raw.get("id") or "").strip() or None,
        title=title,
        published=_day(raw),
        summary=summary,
        content=content if content != summary else "",
        author=(raw.get("author") or "").strip() or None,
    )


def parse(data: bytes) -> ParsedFeed:
    """Parse feed bytes; ``problem`` is set for a feed with no entries that is not
    well-formed (or not a feed at all)."""
    parsed = feedparser.parse(data)
    items = [_entry(e) for e in parsed.entries]
    problem = None
    usable = [e for e in items if e.title or e.body]
    if not usable and (parsed.bozo or not parsed.get("version")):
        reason = parsed.get("bozo_exception")
        problem = (
            f"not a well-formed RSS/Atom feed: {reason}"
            if reason
            else ("not an RSS/Atom feed (no channel or entries found)")
        )
    info = parsed.get("feed", {})
    lang = _LANG.match((info.get("language") or "").strip())
    return ParsedFeed(
        entries=items,
        title=strip_html(info.get("title") or "") or None,
        language=lang.group(1).lower() if lang else None,
        problem=problem,
    )


def entries(data: bytes, feed_url: str) -> list[FeedEntry]:
    """The entries of a feed, newest layout untouched (feed order).

    Raises ``SourceError`` (reason ``malformed_feed``) when the bytes are not a feed;
    a valid feed without entries gives ``[]``.
    """
    feed = parse(data)
    if feed.problem:
        raise SourceError(feed.problem, uri=feed_url, code="S020", reason="malformed_feed")
    return feed.entries


def entry_document(
    entry: FeedEntry, *, feed_url: str, publisher: str | None, language: str | None
) -> Document | None:
    """The document for one entry (title as first line, then the body); None if the
    entry holds no text at all."""
    body = entry.body.strip()
    title = (entry.title or "").strip()
    if not body and not title:
        return None
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}" if body else title
    return Document(
        text=text,
        title=entry.title,
        url=entry.link,
        author=entry.author,
        publisher=publisher,
        published=entry.published,
        language=language,
        format="feed",
        meta={"feed_item_id": entry.key, "feed_url": feed_url, "source_uri": feed_url},
    )


def read_feed_bytes(
    data: bytes, uri: str, *, limit: int, feed_url: str | None = None
) -> Iterator[Item]:
    """One ``Document`` per entry; ``malformed_feed`` for bytes that are no feed, and
    ``empty`` for an entry without any text."""
    too_big = oversized(uri, len(data), limit)
    if too_big:
        yield too_big
        return
    if not data.strip():
        yield Rejected(uri, "empty", "the feed is empty")
        return
    feed = parse(data)
    if feed.problem:
        yield Rejected(uri, "malformed_feed", feed.problem, payload=excerpt(data))
        return
    source = feed_url or uri
    for n, entry in enumerate(feed.entries, start=1):
        doc = entry_document(entry, feed_url=source, publisher=feed.title, language=feed.language)
        if doc is None:
            yield Rejected(
                uri,
                "empty",
                "feed entry has neither title nor text",
                locator=f"item {n}",
                payload=entry.key,
            )
        else:
            yield doc

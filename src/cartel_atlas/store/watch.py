"""``watch``: poll feeds, fetch each new article's page, ingest it.

A poll sends the feed's stored ETag / Last-Modified, so an unchanged feed costs one 304.
Each entry not seen before is fetched in full (feeds often carry only a teaser); when the
page cannot be fetched or read, the failure is quarantined and the entry's own text from
the feed is ingested instead, so the item is not lost. A local feed file stands in for a
feed URL (unchanged when its size and modification time are); any other local file is a
list of feed URLs, one per line (``#`` starts a comment).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cartel_atlas.errors import ConfigError, SourceError
from cartel_atlas.model import Document, Rejected
from cartel_atlas.settings import Settings, get_settings
from cartel_atlas.store import feeds as feed_state
from cartel_atlas.store.ingest import Ingestor
from cartel_atlas.store.ingest_inputs import is_url, rejected_from
from cartel_atlas.store.ingest_summary import IngestSummary
from cartel_atlas.store.store import Store
from cartel_atlas.store.types import utcnow

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "application/pdf"})
"""What an article link may serve; a feed or a data file behind a link is not an article."""


def parse_every(text: str) -> float:
    """'15m' -> 900.0 seconds ('30s', '2h', '1d', or bare seconds)."""
    match = _EVERY.match(text.lower())
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"--every {text!r}: give a positive duration such as 30s, 15m, 2h or 1d")
    return float(match.group(1)) * _UNIT[match.group(2)]


@dataclass
class FeedPoll:
    """What one poll of one feed found."""

    feed: str
    status: str
    """'polled', 'not_modified' or 'failed'."""
    entries: int = 0
    new_items: int = 0
    reason: str | None = None


@dataclass
class WatchReport:
    """One poll of every feed, with the ingest summary of the documents it took in."""

    summary: IngestSummary
    feeds: list[FeedPoll] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "feeds": [dataclasses.asdict(f) for f in self.feeds],
            **self.summary.as_dict(),
        }


def expand_feeds(args: Sequence[str]) -> list[str]:
    """Feed URLs and local feed files; a file that is not a feed lists feed URLs."""
    out: list[str] = []
    for arg in args:
        if is_url(arg):
            out.append(arg)
            continue
        path = Path(arg).expanduser()
        if not path.is_file():
            raise SourceError("no such feed file or URL list", uri=arg, code="S001")
        head = path.read_bytes()[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"<"):
            out.append(str(path))
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
    return out


class Watcher:
    """Polls a set of feeds into one store."""

    def __init__(
        self,
        store: Store,
        feeds: Sequence[str],
        *,
        settings: Settings | None = None,
        allow_private: bool = False,
    ) -> None:
        self.store = store
        self.feeds = expand_feeds(feeds)
        self.settings = settings or get_settings()
        self.allow_private = allow_private

    def poll(self) -> WatchReport:
        """Poll every feed once, in one recorded run."""
        ingestor = Ingestor(self.store, settings=self.settings, allow_private=self.allow_private)
        report = WatchReport(ingestor.summary)
        with ingestor.recorded_run("watch " + " ".join(self.feeds)):
            for feed in self.feeds:
                report.feeds.append(self._poll_one(feed, ingestor))
        return report

    def _poll_one(self, feed: str, ingestor: Ingestor) -> FeedPoll:
        state = feed_state.feed_state(self.store, feed)
        try:
            body, etag, modified = self._fetch_feed(feed, state)
        except SourceError as exc:
            ingestor.take(feed, [rejected_from(feed, exc)])
            return FeedPoll(feed, "failed", reason=exc.message)
        if body is None:
            feed_state.save_feed_state(self.store, feed, state.etag, state.last_modified, utcnow())
            return FeedPoll(feed, "not_modified")
        from cartel_atlas.sources import feed as feed_reader

        parsed = feed_reader.parse(body)
        if parsed.problem:
            ingestor.take(feed, [Rejected(feed, "malformed_feed", parsed.problem)])
            return FeedPoll(feed, "failed", reason=parsed.problem)
        seen = feed_state.seen_items(self.store, feed)
        poll = FeedPoll(feed, "polled", entries=len(parsed.entries))
        for n, entry in enumerate(parsed.entries, 1):
            key = entry.key or f"item {n}: {entry.title or ''}"
            if key in seen:
                continue
            seen.add(key)
            poll.new_items += 1
            fallback = feed_reader.entry_document(
                entry, feed_url=feed, publisher=parsed.title, language=parsed.language
            )
            items = list(self._article(feed, entry, fallback, n))
            ingestor.take(entry.link or feed, items)
            stored = next(
                (i.id for i in items if isinstance(i, Document) and self.store.has_document(i.id)),
                None,
            )
            feed_state.mark_seen(self.store, feed, key, entry.link, stored)
        feed_state.save_feed_state(self.store, feed, etag, modified, utcnow())
        return poll

    def _fetch_feed(
        self, feed: str, state: feed_state.FeedState
    ) -> tuple[bytes | None, str | None, str | None]:
        """The feed's bytes and validators; ``None`` bytes when unchanged since last poll."""
        if not is_url(feed):
            path = Path(feed)
            try:
                st = path.stat()
            except OSError as exc:
                raise SourceError(f"cannot read the feed file: {exc}", uri=feed) from exc
            stamp = f"{st.st_mtime_ns}-{st.st_size}"
            if state.etag == stamp:
                return None, stamp, None
            return path.read_bytes(), stamp, None
        from cartel_atlas.sources import url as fetcher

        result = fetcher.fetch(
            feed,
            allow_private=self.allow_private,
            settings=self.settings,
            etag=state.etag,
            last_modified=state.last_modified,
        )
        if result.not_modified:
            return None, state.etag, state.last_modified
        return result.body, result.etag, result.last_modified

    def _article(
        self, feed: str, entry: Any, fallback: Document | None, n: int
    ) -> Iterator[Document | Rejected]:
        """The entry's full page as a document, else its feed text (failure quarantined)."""
        problem: Rejected | None = None
        if entry.link:
            page = self._page(entry.link)
            docs = [d for d in page if isinstance(d, Document)]
            if docs:
                yield _as_feed_item(docs[0], feed, entry)
                return
            problem = next((r for r in page if isinstance(r, Rejected)), None)
        if problem is not None:
            yield problem
        if fallback is not None:
            yield fallback
        elif problem is None:
            yield Rejected(feed, "empty", "feed entry has neither text nor link", f"item {n}")

    def _page(self, link: str) -> list[Document | Rejected]:
        from cartel_atlas.sources import read_fetched
        from cartel_atlas.sources import url as fetcher

        try:
            result = fetcher.fetch(
                link, allow_private=self.allow_private, settings=self.settings, accept=PAGE_TYPES
            )
        except SourceError as exc:
            return [rejected_from(link, exc)]
        return [
            i
            for i in read_fetched(result, settings=self.settings)
            if isinstance(i, Document | Rejected)
        ]


def _as_feed_item(doc: Document, feed: str, entry: Any) -> Document:
    """The page's document, marked as the feed item it came from."""
    meta = {**doc.meta, "feed_url": feed, "feed_item_id": entry.key}
    return dataclasses.replace(
        doc,
        meta=meta,
        title=doc.title or entry.title,
        published=doc.published or entry.published,
        author=doc.author or entry.author,
        url=doc.url or entry.link,
    )

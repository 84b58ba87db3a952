"""Feed state for ``watch``: validators per feed and the items already taken in.

Validators (ETag, Last-Modified) make a poll of an unchanged feed a cheap 304. An item is
marked seen only after its document was stored or quarantined, so a poll cut short takes
the rest of the items next time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from cartel_atlas.store import schema as t
from cartel_atlas.store.store import Store
from cartel_atlas.store.types import utcnow


@dataclass(frozen=True, slots=True)
class FeedState:
    """What we remember of one feed between polls."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: datetime | None = None


def feed_state(store: Store, url: str) -> FeedState:
    """The stored state of feed ``url`` (empty when never polled)."""
    f = t.feeds
    with store.session() as session:
        row = session.execute(sa.select(f).where(f.c.url == url)).first()
    if row is None:
        return FeedState(url)
    return FeedState(url, row.etag, row.last_modified, row.last_polled_at)


def _ensure_feed(session: sa.orm.Session, url: str) -> None:
    f = t.feeds
    if session.execute(sa.select(f.c.url).where(f.c.url == url)).first() is None:
        session.execute(sa.insert(f).values(url=url))


def save_feed_state(
    store: Store, url: str, etag: str | None, last_modified: str | None, polled_at: datetime | None
) -> None:
    """Remember the validators of the latest successful poll of ``url``."""
    with store.session(write=True) as session:
        _ensure_feed(session, url)
        session.execute(
            sa.update(t.feeds)
            .where(t.feeds.c.url == url)
            .values(etag=etag, last_modified=last_modified, last_polled_at=polled_at or utcnow())
        )


def seen_items(store: Store, feed_url: str) -> set[str]:
    """Ids of the items of ``feed_url`` already taken in."""
    fi = t.feed_items
    with store.session() as session:
        return {
            r[0] for r in session.execute(sa.select(fi.c.item_id).where(fi.c.feed_url == feed_url))
        }


def mark_seen(
    store: Store, feed_url: str, item_id: str, link: str | None, doc_id: str | None
) -> None:
    """Record that an item was taken in (``doc_id`` None: it was quarantined)."""
    fi = t.feed_items
    with store.session(write=True) as session:
        _ensure_feed(session, feed_url)
        exists = session.execute(
            sa.select(fi.c.item_id).where(fi.c.feed_url == feed_url, fi.c.item_id == item_id)
        ).first()
        if exists is None:
            session.execute(
                sa.insert(fi).values(
                    feed_url=feed_url, item_id=item_id, link=link, seen_at=utcnow(), doc_id=doc_id
                )
            )

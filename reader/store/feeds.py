"""Feeds (subscriptions). Refresh bookkeeping is written by reader.ingest's refresh through these."""

from __future__ import annotations

from sqlite_utils import Database

from reader.models import Feed
from reader.store.connection import StoreError, parse_id, transaction
from reader.timeutil import now_utc


class FeedNotFoundError(StoreError):
    def __init__(self, ref: object) -> None:
        super().__init__(f"no feed {ref}")


def _feed_from_row(db: Database, row: tuple) -> Feed:
    feed = Feed(id=row[0], url=row[1], title=row[2], site_url=row[3], etag=row[4], last_modified=row[5],
                last_refresh=row[6], last_error=row[7], added=row[8])
    feed.tags = [
        r[0] for r in db.conn.execute("SELECT tag FROM feed_tags WHERE feed_id = ? ORDER BY tag", (feed.id,))
    ]
    return feed


_COLUMNS = "id, url, title, site_url, etag, last_modified, last_refresh, last_error, added"


def list_feeds(db: Database) -> list[Feed]:
    rows = db.conn.execute(f"SELECT {_COLUMNS} FROM feeds ORDER BY title COLLATE NOCASE, url").fetchall()
    return [_feed_from_row(db, row) for row in rows]


def get_feed(db: Database, ref: int | str) -> Feed:
    """A feed by id, URL, or (case-insensitive) title."""
    row = None
    feed_id = parse_id(ref)
    if feed_id is not None:
        row = db.conn.execute(f"SELECT {_COLUMNS} FROM feeds WHERE id = ?", (feed_id,)).fetchone()
    if row is None:
        row = db.conn.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (str(ref),)).fetchone()
    if row is None:
        row = db.conn.execute(
            f"SELECT {_COLUMNS} FROM feeds WHERE title = ? COLLATE NOCASE", (str(ref),)
        ).fetchone()
    if row is None:
        raise FeedNotFoundError(ref)
    return _feed_from_row(db, row)


def add_feed(db: Database, url: str, title: str | None = None, tags: list[str] | None = None,
             site_url: str | None = None) -> tuple[Feed, bool]:
    """Subscribe; returns the feed and whether it was new (an existing URL is left as it is)."""
    with transaction(db) as conn:
        row = conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        created = row is None
        if created:
            feed_id = conn.execute(
                "INSERT INTO feeds (url, title, site_url, added) VALUES (?, ?, ?, ?)",
                (url, title, site_url, now_utc()),
            ).lastrowid
        else:
            feed_id = row[0]
        for tag in tags or []:
            conn.execute("INSERT OR IGNORE INTO feed_tags (feed_id, tag) VALUES (?, ?)", (feed_id, tag))
    return get_feed(db, feed_id), created


def feed_counts(db: Database) -> dict[int, tuple[int, int]]:
    """feed id -> (articles, unread)."""
    return {
        row[0]: (row[1], row[2])
        for row in db.conn.execute(
            "SELECT feed_id, count(*), sum(read_at IS NULL) FROM articles WHERE feed_id IS NOT NULL "
            "GROUP BY feed_id"
        )
    }

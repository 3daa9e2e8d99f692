"""Feeds (subscriptions) and the bookkeeping a refresh writes: validators, errors, redirects."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlite_utils import Database

from reader.ingest.clean import clean_line  # a pure leaf module: no I/O, no store
from reader.models import Article, Feed, ImportResult
from reader.store.articles import write_article_groups
from reader.store.connection import StoreError, parse_id, transaction
from reader.store.tags import clean_tag
from reader.timeutil import now_utc


class FeedNotFoundError(StoreError):
    def __init__(self, ref: object) -> None:
        # repr() keeps a hostile or multi-line reference on one inert line.
        super().__init__(f"no feed {ref!r}" if isinstance(ref, str) else f"no feed {ref}")


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
    """Subscribe; returns the feed and whether it was new (an existing URL keeps its title, gains tags)."""
    tags = [clean_tag(t) for t in tags or []]
    title = clean_line(title) or None  # a title given by hand (--title, OPML) is as untrusted as a feed's
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


def feed_ids(db: Database) -> list[int]:
    return [row[0] for row in db.conn.execute("SELECT id FROM feeds ORDER BY id")]


def rename_feed(db: Database, ref: int | str, title: str | None) -> Feed:
    """Set the title shown for a feed (None or "" goes back to the feed's own title on next refresh)."""
    feed = get_feed(db, ref)
    with transaction(db) as conn:
        conn.execute("UPDATE feeds SET title = ? WHERE id = ?", (clean_line(title) or None, feed.id))
    return get_feed(db, feed.id)


def tag_feed(db: Database, ref: int | str, add: Sequence[str] = (), remove: Sequence[str] = ()) -> Feed:
    feed = get_feed(db, ref)
    add = [clean_tag(t) for t in add]
    remove = [clean_tag(t) for t in remove]
    with transaction(db) as conn:
        for tag in add:
            conn.execute("INSERT OR IGNORE INTO feed_tags (feed_id, tag) VALUES (?, ?)", (feed.id, tag))
        for tag in remove:
            conn.execute("DELETE FROM feed_tags WHERE feed_id = ? AND tag = ?", (feed.id, tag))
    return get_feed(db, feed.id)


def remove_feed(db: Database, ref: int | str, *, keep_articles: bool = False) -> tuple[Feed, int]:
    """Unsubscribe. Its articles go too, except bookmarked ones (or all, with ``keep_articles``),
    which stay in the store without a feed. Returns the feed and how many articles were deleted."""
    feed = get_feed(db, ref)
    with transaction(db) as conn:
        deleted = 0
        if not keep_articles:
            deleted = conn.execute(
                "DELETE FROM articles WHERE feed_id = ? AND bookmarked_at IS NULL", (feed.id,)
            ).rowcount
        conn.execute("DELETE FROM feeds WHERE id = ?", (feed.id,))
    return feed, deleted


@dataclass
class FeedUpdate:
    """What one refresh learnt about a feed; written by :func:`save_refresh`."""

    feed_id: int
    articles: list[Article] = field(default_factory=list)
    error: str | None = None  # None: success (clears the last error)
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None  # the feed's own title: stored only while the user has set none
    site_url: str | None = None
    new_url: str | None = None  # after a permanent redirect
    tags: list[str] = field(default_factory=list)  # put on new articles (the feed's tags)
    keep_validators: bool = False  # a 304 or an error keeps the stored ETag / Last-Modified


def save_refresh(db: Database, updates: Sequence[FeedUpdate]) -> list[ImportResult]:
    """Write the outcome of refreshing many feeds in one transaction: articles (deduplicated by
    guid, then URL, then content) and each feed's bookkeeping. One result per update, in order."""
    results: list[ImportResult] = []
    added = now_utc()
    with transaction(db) as conn:
        groups = []
        live = []
        for update in updates:
            result = ImportResult()
            results.append(result)
            exists = conn.execute("SELECT title FROM feeds WHERE id = ?", (update.feed_id,)).fetchone()
            if exists is None:  # removed while it was being fetched
                continue
            source = exists[0] or update.title
            for article in update.articles:
                article.feed_id = update.feed_id
                if source:
                    article.source = source
            groups.append((update.articles, result, update.tags))
            live.append(update)
        write_article_groups(conn, groups, added)
        for update in live:
            _record_refresh(conn, update, added)
    return results


def _record_refresh(conn: sqlite3.Connection, update: FeedUpdate, when: str) -> None:
    sets = ["last_refresh = ?", "last_error = ?"]
    params: list[object] = [when, update.error]
    if not update.keep_validators:
        sets += ["etag = ?", "last_modified = ?"]
        params += [update.etag, update.last_modified]
    if update.title:
        sets.append("title = COALESCE(title, ?)")
        params.append(update.title)
    if update.site_url:
        sets.append("site_url = ?")
        params.append(update.site_url)
    if update.new_url:
        taken = conn.execute("SELECT id FROM feeds WHERE url = ? AND id != ?",
                             (update.new_url, update.feed_id)).fetchone()
        if taken is None:
            sets.append("url = ?")
            params.append(update.new_url)
    conn.execute(f"UPDATE feeds SET {', '.join(sets)} WHERE id = ?", (*params, update.feed_id))

"""Store side of feeds: bulk article writes match one-by-one writes; refresh bookkeeping."""

from __future__ import annotations

import random

from reader.models import Article, ImportResult
from reader.store import open_store, transaction
from reader.store.articles import write_article, write_article_groups
from reader.store.feeds import (
    FeedUpdate,
    add_feed,
    get_feed,
    remove_feed,
    rename_feed,
    save_refresh,
    tag_feed,
)


def _batch(rng: random.Random, feed_id: int) -> list[Article]:
    articles = []
    for _ in range(60):
        n = rng.randrange(12)
        articles.append(Article(
            title=f"title {rng.randrange(8)}", body=f"body {n}" if rng.random() < 0.8 else "",
            guid=f"g{rng.randrange(10)}" if rng.random() < 0.6 else None,
            url=f"http://x.test/{rng.randrange(10)}" if rng.random() < 0.5 else None, feed_id=feed_id))
    return articles


def _dump(db) -> list[tuple]:
    return db.conn.execute("SELECT id, guid, url, title, body, content_hash, feed_id FROM articles ORDER BY id").fetchall()


def test_bulk_writes_give_what_one_by_one_writes_give(tmp_path) -> None:
    for seed in range(15):
        stores = []
        for bulk in (False, True):
            db = open_store(tmp_path / f"s{seed}-{bulk}.db")
            rng = random.Random(seed)
            feeds = [add_feed(db, f"http://f{i}.test/")[0].id for i in range(2)]
            results = []
            for _ in range(3):
                groups = [(_batch(rng, feed_id), ImportResult(), ["t"] if feed_id == feeds[0] else [])
                          for feed_id in feeds]
                with transaction(db) as conn:
                    if bulk:
                        write_article_groups(conn, groups, "2024-01-01T00:00:00Z")
                    else:
                        for batch, result, tags in groups:
                            for article in batch:
                                write_article(conn, article, "2024-01-01T00:00:00Z", result, tags)
                results.extend((r.imported, r.updated, r.duplicates, r.ids) for _, r, _ in groups)
            tags = db.conn.execute("SELECT article_id, tag_id FROM article_tags ORDER BY 1, 2").fetchall()
            fts = db.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'body' ORDER BY 1").fetchall()
            results.append((tags, fts))
            stores.append((_dump(db), results))
            db.conn.close()
        assert stores[0] == stores[1], seed


def test_refresh_bookkeeping(db) -> None:
    feed, created = add_feed(db, "http://a.test/rss", tags=["news"])
    assert created and feed.tags == ["news"]
    (result,) = save_refresh(db, [FeedUpdate(feed_id=feed.id, articles=[Article(title="a", body="b")],
                                             etag='"1"', last_modified="Mon", title="Feed title",
                                             site_url="http://a.test/", tags=feed.tags)])
    assert result.imported == 1
    stored = get_feed(db, feed.id)
    assert (stored.title, stored.etag, stored.last_modified, stored.last_error) == ("Feed title", '"1"', "Mon", None)
    save_refresh(db, [FeedUpdate(feed_id=feed.id, error="HTTP 500", keep_validators=True, title="Other")])
    stored = get_feed(db, feed.id)
    assert (stored.title, stored.etag, stored.last_error) == ("Feed title", '"1"', "HTTP 500")
    other, _ = add_feed(db, "http://b.test/rss")
    save_refresh(db, [FeedUpdate(feed_id=feed.id, new_url="http://b.test/rss")])  # taken: URL kept
    assert get_feed(db, feed.id).url == "http://a.test/rss"
    save_refresh(db, [FeedUpdate(feed_id=feed.id, new_url="http://c.test/rss")])
    assert get_feed(db, "http://c.test/rss").id == feed.id
    assert rename_feed(db, feed.id, "Mine").title == "Mine"
    assert tag_feed(db, "Mine", add=["x"], remove=["news"]).tags == ["x"]
    removed, deleted = remove_feed(db, feed.id)
    assert removed.id == feed.id and deleted == 1
    assert save_refresh(db, [FeedUpdate(feed_id=feed.id)])[0].imported == 0  # removed meanwhile: ignored

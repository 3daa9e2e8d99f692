"""The app's real background work: refresh over loopback HTTP and entity recognition in process pools.

Textual replaces sys.stderr with an object whose fileno() is -1; process pools started from the app
used to fail with "bad value(s) in fds_to_keep". These tests run the real pools from inside the app.
"""

from __future__ import annotations

from reader.app.app import make_app
from reader.store import ArticleFilter, add_feed, count_articles, open_store
from reader.store.entities import list_entities
from tests.app.conftest import SIZE, Recorder, settle


async def test_refresh_key_fetches_loopback_feeds_and_finds_entities(db_path, feed_server) -> None:
    db = open_store(db_path)
    add_feed(db, feed_server.url("/feeds/netnewswire/DaringFireball.rss"))
    add_feed(db, feed_server.url("/feeds/netnewswire/manton.rss"))
    add_feed(db, feed_server.url("/status/500"))
    db.conn.close()
    recorder = Recorder()
    app = make_app(db_path, enrich=True)
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        await settle(pilot)
        text = recorder.text()
        assert "failed" in text.lower() and "1 feed" in text  # the broken feed, reported as such
        assert "fds_to_keep" not in text and "Error:" not in text
        title = str(app.main.article_list.border_title)
        assert "All" in title
    db = open_store(db_path)
    assert count_articles(db, ArticleFilter()) > 20
    assert list_entities(db, limit=5), "entity recognition ran from the app and stored mentions"
    db.conn.close()

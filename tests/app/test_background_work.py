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


async def test_articles_another_process_adds_join_the_list(sample_db, db_path, monkeypatch) -> None:
    """A cron `reader refresh` or `reader import` while the app is open: the new articles appear on
    their own, and the reader stays on the article they were reading."""
    import asyncio
    import subprocess
    import sys

    import reader.app.screens.main as main_screen
    from tests.conftest import ROOT

    monkeypatch.setattr(main_screen, "NEW_ARTICLES_POLL_S", 0.2)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        reading = app.main.current_id
        assert reading is not None and len(app.main.article_list._ids) == 2
        dump = db_path.parent / "more.jsonl"
        dump.write_text("".join(
            f'{{"id": "x{i}", "title": "Another story {i}", "text": "Body of story {i} about Ankara."}}\n'
            for i in range(3)), encoding="utf-8")
        env = {"READER_DB": str(db_path), "READER_BACKGROUND_ENRICH": "0", "PATH": "/usr/bin:/bin"}
        subprocess.run([sys.executable, "-m", "reader", "import", str(dump)], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        for _ in range(20):
            await asyncio.sleep(0.1)
            await settle(pilot)
            if len(app.main.article_list._ids) == 5:
                break
        assert len(app.main.article_list._ids) == 5
        assert app.main.current_id == reading

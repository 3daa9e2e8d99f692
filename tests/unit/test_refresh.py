"""``refresh_feeds`` against a real HTTP server on 127.0.0.1 (tests/feeds_server.py)."""

from __future__ import annotations

import io

import feedparser
import pytest

from reader.config import Settings
from reader.fetch import USER_AGENT
from reader.refresh import RefreshProgress, refresh_feeds
from reader.store import count_articles
from reader.store.articles import ArticleFilter
from reader.store.feeds import add_feed, get_feed
from tests.feeds_server import FEEDS

FAST = Settings(refresh_timeout=10.0, refresh_concurrency=8, refresh_per_host=8)  # generous: CI is busy
SHARED_FILES = sorted(p for p in FEEDS.rglob("*") if p.is_file() and not p.name.startswith("LICENSE"))


def _subscribe(db, server, *paths: str) -> list[int]:
    return [add_feed(db, server.url(p))[0].id for p in paths]


def test_every_shared_feed_yields_articles_or_a_recorded_error(db, db_path, feed_server) -> None:
    ids = _subscribe(db, feed_server, *(f"feeds/{p.relative_to(FEEDS)}" for p in SHARED_FILES))
    report = refresh_feeds(db_path, settings=FAST)
    by_id = {r.feed_id: r for r in report.results}
    assert sorted(by_id) == sorted(ids)
    for path, feed_id in zip(SHARED_FILES, ids, strict=True):
        result = by_id[feed_id]
        assert result.status in ("ok", "error"), result
        if result.status == "error":
            assert result.error and "\n" not in result.error
            assert get_feed(db, result.feed_id).last_error == result.error
        reference = feedparser.parse(io.BytesIO(path.read_bytes()))
        if not reference.bozo and reference.get("version"):
            assert result.status == "ok"
            assert result.new + result.updated + result.unchanged == len(reference.entries), path
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert count_articles(db, ArticleFilter()) == report.new_articles > 500
    # FTS index is in step with the table: the search finds a word of a stored feed.
    assert count_articles(db, ArticleFilter(search="Pixar OR podcast")) > 0


def test_conditional_get_costs_nothing_the_second_time(db, db_path, feed_server) -> None:
    (feed_id,) = _subscribe(db, feed_server, "feeds/netnewswire/manton.rss")
    first = refresh_feeds(db_path, settings=FAST).results[0]
    assert first.status == "ok" and first.new == 10
    feed = get_feed(db, feed_id)
    assert feed.etag and feed.last_modified and feed.last_refresh and feed.last_error is None
    second = refresh_feeds(db_path, settings=FAST).results[0]
    assert (second.status, second.http_status, second.new) == ("not_modified", 304, 0)
    path, headers = feed_server.requests[-1]
    assert headers.get("If-None-Match") == feed.etag
    assert headers.get("User-Agent") == USER_AGENT
    assert count_articles(db, ArticleFilter()) == 10


def test_permanent_redirect_updates_the_url_temporary_does_not(db, db_path, feed_server) -> None:
    moved, found = _subscribe(db, feed_server, "moved/netnewswire/manton.rss", "found/netnewswire/EMarley.rss")
    report = refresh_feeds(db_path, settings=FAST)
    assert [r.status for r in report.results] == ["ok", "ok"]
    assert {r.url for r in report.results} == {feed_server.url("feeds/netnewswire/manton.rss"),
                                               feed_server.url("found/netnewswire/EMarley.rss")}
    assert get_feed(db, moved).url == feed_server.url("feeds/netnewswire/manton.rss")
    assert get_feed(db, found).url == feed_server.url("found/netnewswire/EMarley.rss")


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "plain"])
def test_compressed_and_mislabelled_responses(db, db_path, feed_server, encoding) -> None:
    _subscribe(db, feed_server, f"{encoding}/netnewswire/bio.rdf")
    result = refresh_feeds(db_path, settings=FAST).results[0]
    assert (result.status, result.new) == ("ok", 30)


def test_broken_feeds_never_stop_the_others(db, db_path, feed_server) -> None:
    feed_server.slow_seconds = 8
    feed_server.bomb()  # built before the clock starts
    paths = ["status/404", "status/500", "slow", "bomb", "huge", "loop/x", "feeds/netnewswire/coco.html",
             "feeds/netnewswire/atp.rss"]
    ids = _subscribe(db, feed_server, *paths)
    settings = Settings(refresh_timeout=2.0, max_response_bytes=5 * 1024 * 1024)
    report = refresh_feeds(db_path, settings=settings)
    by_id = {r.feed_id: r for r in report.results}
    by_path = {path: by_id[feed_id] for path, feed_id in zip(paths, ids, strict=True)}
    assert by_path["status/404"].error == "HTTP 404 Not Found" and by_path["status/404"].http_status == 404
    assert by_path["status/500"].http_status == 500
    assert by_path["slow"].error == "timed out"
    assert by_path["bomb"].error == "response too large (over 5 MB)"
    assert by_path["huge"].error == "response too large (over 5 MB)"
    assert by_path["loop/x"].error.startswith("too many redirects")
    assert by_path["feeds/netnewswire/coco.html"].error == "not a feed (an HTML page)"
    assert by_path["feeds/netnewswire/atp.rss"].status == "ok" and by_path["feeds/netnewswire/atp.rss"].new == 100
    assert len(report.errors) == 7
    assert get_feed(db, ids[0]).last_error == "HTTP 404 Not Found"
    # Recorded by the parser process that found it (eight feeds: parsed in a process pool).
    assert get_feed(db, ids[6]).last_error == "not a feed (an HTML page)"
    assert get_feed(db, ids[7]).last_error is None and get_feed(db, ids[7]).last_refresh


def test_a_failing_feed_keeps_its_old_articles(db, db_path, feed_server) -> None:
    body = (FEEDS / "netnewswire" / "manton.rss").read_bytes()
    url = feed_server.add("changing.rss", body)
    feed, _ = add_feed(db, url)
    assert refresh_feeds(db_path, settings=FAST).results[0].new == 10
    feed_server.add("changing.rss", b"oops", status=500)
    result = refresh_feeds(db_path, settings=FAST).results[0]
    assert result.status == "error" and result.http_status == 500
    assert count_articles(db, ArticleFilter(feed_id=feed.id)) == 10
    feed_server.add("changing.rss", body)
    assert refresh_feeds(db_path, settings=FAST).results[0].status == "ok"
    assert get_feed(db, feed.id).last_error is None


def test_entries_dedupe_by_guid_then_url(db, db_path, feed_server) -> None:
    def rss(items: str) -> str:
        return f"<rss version='2.0'><channel><title>d</title>{items}</channel></rss>"

    url = feed_server.add("d.rss", rss("<item><guid>g1</guid><title>One</title><description>first</description>"
                                       "</item><item><link>http://x.test/2</link><title>Two</title></item>"))
    add_feed(db, url)
    assert refresh_feeds(db_path, settings=FAST).results[0].new == 2
    feed_server.add("d.rss", rss("<item><guid>g1</guid><title>One (updated)</title><description>first, more"
                                 "</description></item><item><link>http://x.test/2</link><title>Two</title>"
                                 "</item><item><guid>g3</guid><title>Three</title></item>"))
    result = refresh_feeds(db_path, settings=FAST).results[0]
    assert (result.new, result.updated, result.unchanged) == (1, 1, 1)
    assert count_articles(db, ArticleFilter()) == 3


def test_concurrency_per_host_is_limited_and_progress_is_reported(db, db_path, feed_server) -> None:
    _subscribe(db, feed_server, *(f"delay/f{i}" for i in range(8)))
    seen: list[RefreshProgress] = []
    report = refresh_feeds(db_path, progress=seen.append,
                           settings=Settings(refresh_timeout=5.0, refresh_concurrency=8, refresh_per_host=2))
    assert report.new_articles == 8 and not report.errors
    assert feed_server.max_active <= 2
    assert [p.done for p in seen] == list(range(1, 9)) and {p.total for p in seen} == {8}
    assert sum(p.new_articles for p in seen) == 8


def test_feed_tags_go_on_new_articles_and_user_title_stays(db, db_path, feed_server) -> None:
    feed, _ = add_feed(db, feed_server.url("feeds/netnewswire/manton.rss"), title="My title", tags=["blogs"])
    refresh_feeds(db_path, settings=FAST)
    assert get_feed(db, feed.id).title == "My title"
    assert count_articles(db, ArticleFilter(tag="blogs")) == 10


@pytest.mark.slow
def test_a_feed_with_100000_entries(db, db_path, feed_server) -> None:
    items = "".join(f"<item><guid>g{i}</guid><title>Entry {i}</title></item>" for i in range(100_000))
    url = feed_server.add("big.rss", f"<rss version='2.0'><channel><title>big</title>{items}</channel></rss>")
    add_feed(db, url)
    result = refresh_feeds(db_path, settings=Settings(refresh_timeout=10.0)).results[0]
    assert result.status == "ok" and result.new == 5000
    assert result.warning == "kept the first 5000 of 100000 entries"

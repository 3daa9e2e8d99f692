"""Hostile feeds over loopback, all in ONE refresh with good feeds: each hostile one ends in a per-feed
error (or a bounded result) within its time and size limits, the good ones refresh normally, nothing
outside the feed (a local file, another URL) is ever read into an article, and the whole refresh takes
a bounded time.

Per-endpoint behaviour on its own is in test_refresh.py and test_feed_parsing.py; this is them together.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from reader.config import Settings
from reader.refresh import refresh_feeds
from reader.store import count_articles
from reader.store.feeds import add_feed, get_feed
from tests.unit.test_feed_parsing import BILLION_LAUGHS

TIMEOUT = 1.0  # per read; a whole fetch is cut at 3x this
LIMIT_MB = 8


def _xxe(name: str, uri: str, *, parameter: bool = False) -> bytes:
    """A feed whose title and body are an external entity (or that loads an external DTD)."""
    if parameter:
        doctype = f'<!DOCTYPE rss [<!ENTITY % remote SYSTEM "{uri}"> %remote;]>'
        use = "plain"
    else:
        doctype = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{uri}">]>'
        use = "&xxe;"
    return (f'<?xml version="1.0"?>\n{doctype}\n<rss version="2.0"><channel><title>t {use}</title>'
            f"<item><guid>{name}</guid><title>{name} {use} y</title><description>before {use} after, in {name}</description></item>"
            f"</channel></rss>").encode()


@pytest.fixture
def silent_server():
    """A TCP port that completes the handshake (the kernel's backlog) and never answers a byte."""
    server = socket.create_server(("127.0.0.1", 0), backlog=16)
    yield f"http://127.0.0.1:{server.getsockname()[1]}/feed.xml"
    server.close()


@pytest.mark.slow
def test_hostile_feeds_fail_alone_and_in_bounded_time(db, db_path: Path, tmp_path: Path, feed_server,
                                                      silent_server) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER-5f3a do not read me\n")
    feed_server.bomb()  # built before the clock starts
    many = "".join(f"<item><guid>m{i}</guid><title>Entry {i}</title></item>" for i in range(100_000))
    urls = {
        "laughs": feed_server.add("laughs.rss", BILLION_LAUGHS),
        "xxe-passwd": feed_server.add("xxe-passwd.rss", _xxe("xxe-passwd", "file:///etc/passwd")),
        "xxe-secret": feed_server.add("xxe-secret.rss", _xxe("xxe-secret", secret.as_uri())),
        "xxe-http": feed_server.add("xxe-http.rss", _xxe("xxe-http", feed_server.url("probe/entity"))),
        "xxe-dtd": feed_server.add("xxe-dtd.rss", _xxe("xxe-dtd", feed_server.url("probe/dtd"), parameter=True)),
        "bomb": feed_server.url("bomb"),
        "endless": feed_server.url("endless"),
        "trickle": feed_server.url("trickle"),
        "silent": silent_server,
        "loop": feed_server.url("loop/x"),
        "many": feed_server.add("many.rss", f"<rss version='2.0'><channel><title>many</title>{many}</channel></rss>"),
        # The good ones, among them.
        "manton": feed_server.url("feeds/netnewswire/manton.rss"),
        "atp-gzip": feed_server.url("gzip/netnewswire/atp.rss"),
        "bio-moved": feed_server.url("moved/netnewswire/bio.rdf"),
    }
    ids = {name: add_feed(db, url)[0].id for name, url in urls.items()}
    settings = Settings(refresh_timeout=TIMEOUT, max_response_bytes=LIMIT_MB * 1024 * 1024)

    start = time.monotonic()
    report = refresh_feeds(db_path, settings=settings)
    elapsed = time.monotonic() - start

    by_name = {name: next(r for r in report.results if r.feed_id == feed_id) for name, feed_id in ids.items()}
    # The good feeds refreshed normally.
    assert (by_name["manton"].status, by_name["manton"].new) == ("ok", 10)
    assert (by_name["atp-gzip"].status, by_name["atp-gzip"].new) == ("ok", 100)
    assert (by_name["bio-moved"].status, by_name["bio-moved"].new) == ("ok", 30)
    # Each hostile one: its own error, in one line, recorded on the feed.
    too_large = f"response too large (over {LIMIT_MB} MB)"
    assert by_name["bomb"].error == too_large
    assert by_name["endless"].error == too_large
    assert by_name["trickle"].error == "timed out"
    assert by_name["silent"].error == "timed out"
    assert by_name["loop"].error.startswith("too many redirects")
    for name in ("bomb", "endless", "trickle", "silent", "loop"):
        assert get_feed(db, ids[name]).last_error == by_name[name].error
    # The 100,000-entry feed: a bounded result.
    assert (by_name["many"].status, by_name["many"].new) == ("ok", 5000)
    assert by_name["many"].warning == "kept the first 5000 of 100000 entries"
    # Entity expansion: refused or left unexpanded, never a huge article.
    assert by_name["laughs"].status in ("ok", "error")
    # External entities: never resolved, whether a file or a URL.
    for name in ("xxe-passwd", "xxe-secret", "xxe-http", "xxe-dtd"):
        assert (by_name[name].status, by_name[name].new) == ("ok", 1), by_name[name]  # the rest of it is read
    stored = " ".join(row[0] or "" for row in db.conn.execute(
        "SELECT coalesce(title, '') || ' ' || coalesce(body, '') || ' ' || coalesce(summary, '') || ' ' || "
        "coalesce(captions, '') FROM articles UNION ALL SELECT coalesce(title, '') || ' ' || "
        "coalesce(last_error, '') FROM feeds"))
    assert "root:" not in stored and "SECRET-MARKER" not in stored
    assert not [path for path, _ in feed_server.requests if path.startswith("/probe")]
    longest = db.conn.execute("SELECT max(length(title) + length(coalesce(body, ''))) FROM articles").fetchone()[0]
    assert longest < 100_000
    # Everything saved is counted once, and the whole refresh was bounded by the per-feed limits
    # (the slowest hostile feed is cut at 3 x the timeout), not by the worst server.
    assert count_articles(db) == report.new_articles
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert elapsed < 15, f"refresh took {elapsed:.1f} s"


def test_what_a_server_says_is_stored_and_printed_inert(db, db_path: Path, feed_server) -> None:
    """A Location or reason phrase with 8-bit controls (C1 CSI/OSC are legal bytes in an HTTP header)
    never reaches the store's URLs and errors, or the terminal, raw."""
    from tests.killer import run_reader
    from tests.unit.test_reliability_hostile_text import FORBIDDEN

    hostile = "\x9b2J\x9d52;c;AAAA\x9c\u202e"
    moved = feed_server.add("moved.rss", b"", status=301,
                            headers={"Location": f"/feeds/netnewswire/manton.rss?{hostile.encode('utf-8').decode('latin-1')}"})
    elsewhere = feed_server.add("elsewhere.rss", b"", status=301, headers={"Location": f"gopher://x/{hostile[:-1]}"})
    ids = [add_feed(db, url)[0].id for url in (moved, elsewhere)]
    report = refresh_feeds(db_path, settings=Settings(refresh_timeout=5.0))
    by_id = {r.feed_id: r for r in report.results}
    assert (by_id[ids[0]].status, by_id[ids[0]].new) == ("ok", 10)
    assert by_id[ids[1]].error.startswith("not an http(s) URL: gopher://x/")
    for feed_id in ids:
        feed = get_feed(db, feed_id)
        for text in (feed.url, feed.last_error or "", by_id[feed_id].error or "", by_id[feed_id].url):
            assert not FORBIDDEN.search(text), text
    assert get_feed(db, ids[0]).url.startswith(feed_server.url("feeds/netnewswire/manton.rss?%C2%9B2J"))
    for args in (["feed", "list"], ["refresh"], ["feed", "list", "--json"]):
        done = run_reader(db_path, *args)
        assert not FORBIDDEN.search(done.stdout + done.stderr), (args, done.stdout, done.stderr)

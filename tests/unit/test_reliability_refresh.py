"""Reliability of ``reader refresh`` (runs once the feeds code is merged; skipped before):

- ``kill -9`` during a refresh, at several points: the store passes integrity_check, and the next refresh
  completes it with no duplicate and no article lost to a validator (ETag) saved without its articles;
- a refresh in one process while ``reader tag``/``bookmark``/``read`` run in others and an in-process
  writer works: no "database is locked", every write kept;
- hostile feed text (escapes, OSC 52/8, C1, bidi, NUL) arrives inert in every CLI output;
- a feed URL's credentials (``user:pass@``, ``?token=``) are never printed.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest

pytest.importorskip("reader.refresh")
feeds_server = pytest.importorskip("tests.feeds_server")

from reader.store import (  # noqa: E402 - after the skips
    ArticleFilter,
    add_feed,
    add_tags,
    article_ids,
    open_store,
    set_bookmark,
    tags_for,
)
from tests.killer import (  # noqa: E402
    ROOT,
    after_seconds,
    assert_intact,
    reader_argv,
    reader_env,
    rows_at_least,
    run_and_kill,
    run_reader,
)
from tests.unit.test_reliability_hostile_text import ATTACKS, PAYLOAD, _assert_inert  # noqa: E402

FEEDS = 24
ITEMS = 120


def _rss(feed: int, items: int, extra: str = "") -> str:
    entries = "".join(
        f"<item><title>Feed {feed} story {n}{extra}</title><guid>f{feed}-{n}</guid>"
        f"<link>https://news.example/{feed}/{n}</link>"
        f"<description>Body of story {n} in feed {feed}: {'harbour vote budget ' * 20}{feed}x{n}</description>"
        f"<pubDate>Mon, 0{1 + n % 9} Jan 2024 10:00:00 GMT</pubDate></item>"
        for n in range(items)
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {feed}</title>{entries}</channel></rss>"


@pytest.fixture
def server():
    srv = feeds_server.FeedServer().start()
    yield srv
    srv.stop()


def _subscribe(db_path: Path, server, count: int = FEEDS, items: int = ITEMS) -> list[str]:
    urls = [server.add(f"r/{n}.xml", _rss(n, items), headers={"ETag": f'"feed-{n}-v1"'}) for n in range(count)]
    db = open_store(db_path)
    for url in urls:
        add_feed(db, url)
    db.conn.close()
    return urls


def _article_counts(db_path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db_path)
    try:
        total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        distinct = conn.execute("SELECT count(DISTINCT feed_id || ' ' || guid) FROM articles").fetchone()[0]
        return total, distinct
    finally:
        conn.close()


@pytest.mark.slow
def test_refresh_killed_at_several_points_then_completed(tmp_path: Path, server) -> None:
    db_path = tmp_path / "store.db"
    _subscribe(db_path, server)
    killed = 0
    # Row counts rather than seconds where possible: a fast machine finishes before a late timer fires.
    for point in (after_seconds(0.3), rows_at_least(db_path, "articles", 1),
                  rows_at_least(db_path, "articles", FEEDS * ITEMS // 2)):
        outcome = run_and_kill(db_path, ["refresh", "-q"], point, timeout=120, poll=0.001)
        killed += outcome.killed
        assert_intact(db_path)
        total, distinct = _article_counts(db_path)
        assert total == distinct, "a duplicate article after a kill"
    assert killed >= 2, "the refresh finished before most kill points: make the feeds larger"
    done = run_reader(db_path, "refresh", "--json", timeout=300)
    assert done.returncode == 0, done.stderr
    assert all(r["status"] in ("ok", "not_modified") for r in json.loads(done.stdout))
    # Every article is there exactly once: no ETag was saved without the articles it stood for.
    assert _article_counts(db_path) == (FEEDS * ITEMS, FEEDS * ITEMS)
    assert_intact(db_path)


@pytest.mark.slow
def test_refresh_with_cli_and_in_process_writers_loses_nothing(tmp_path: Path, server) -> None:
    db_path = tmp_path / "store.db"
    _subscribe(db_path, server, count=4, items=40)
    first = run_reader(db_path, "refresh", "-q", timeout=300)
    assert first.returncode == 0, first.stderr
    db = open_store(db_path)
    ids = sorted(article_ids(db, ArticleFilter()))[:24]
    db.conn.close()
    # New items on every feed (new ETags), so the second refresh really writes while the others do.
    for n in range(4):
        server.add(f"r/{n}.xml", _rss(n, 400), headers={"ETag": f'"feed-{n}-v2"'})
    failures: list[str] = []

    def cli_worker(commands: list[list[str]]) -> None:
        for args in commands:
            done = subprocess.run(reader_argv(db_path, *args), cwd=ROOT, env=reader_env(), capture_output=True,
                                  text=True, timeout=300)
            if done.returncode != 0 or "locked" in done.stderr.lower() or "Traceback" in done.stderr:
                failures.append(f"{args}: {done.returncode} {done.stderr[-300:]}")

    app_errors: list[BaseException] = []

    def in_process() -> None:
        db = open_store(db_path)
        try:
            for article_id in ids:
                add_tags(db, article_id, ["app"])
                set_bookmark(db, article_id, True)
        except BaseException as exc:  # noqa: BLE001
            app_errors.append(exc)
        finally:
            db.conn.close()

    threads = [
        threading.Thread(target=cli_worker, args=([["refresh", "-q"]],)),
        threading.Thread(target=cli_worker, args=([["tag", str(i), "cli"] for i in ids[:12]],)),
        threading.Thread(target=cli_worker, args=([["read", *map(str, ids[12:])], ["tag", str(ids[-1]), "last"]],)),
        threading.Thread(target=in_process),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not failures, failures
    assert not app_errors, app_errors
    db = open_store(db_path)
    tags = tags_for(db, ids)
    assert all({"cli", "app"} <= set(tags[i]) for i in ids[:12])
    assert all("app" in tags[i] for i in ids)
    assert "last" in tags[ids[-1]]
    assert set(ids) <= set(article_ids(db, ArticleFilter(bookmarked=True)))
    assert not set(ids[12:]) & set(article_ids(db, ArticleFilter(unread=True)))
    db.conn.close()
    assert _article_counts(db_path) == (4 * 400, 4 * 400)
    assert_intact(db_path)


def test_hostile_feed_text_is_inert_in_every_output(tmp_path: Path, server) -> None:
    from xml.sax.saxutils import escape

    db_path = tmp_path / "store.db"
    # XML 1.0 cannot carry ESC or NUL literally; feeds smuggle them as character references or raw bytes.
    payload = "".join(f"&#{ord(ch)};" if ord(ch) < 32 and ch not in "\n\t" else escape(ch) for ch in PAYLOAD)
    body = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Evil {payload}</title>"
            f"<item><title>Title {payload}</title><guid>evil-1</guid><author>a{payload}</author>"
            f"<description>{escape('<p>Para ' + PAYLOAD + '</p>' + '<div>' * 5000 + 'deep' + '</div>' * 5000)}"
            f"</description><link>https://news.example/evil</link></item></channel></rss>")
    url = server.add("evil.xml", body.encode("utf-8", "surrogatepass"))
    raw = server.add("raw.xml", b"<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel>"
                                b"<title>Raw</title><item><title>C1 \x9b2J and \x1b]52;c;AAAA\x07 raw</title>"
                                b"<guid>raw-1</guid><description>x\x1b[2Jy</description></item></channel></rss>")
    db = open_store(db_path)
    add_feed(db, url)
    add_feed(db, raw)
    db.conn.close()
    outputs = [run_reader(db_path, "refresh", "--json")]
    rows = json.loads(run_reader(db_path, "list", "--json").stdout)
    assert rows, outputs[0].stdout + outputs[0].stderr
    for row in rows:
        outputs += [run_reader(db_path, "show", str(row["id"])), run_reader(db_path, "show", str(row["id"]), "--json")]
    outputs += [run_reader(db_path, *args) for args in (["list"], ["export"], ["export", "--format", "markdown"],
                                                        ["feed", "list"], ["feed", "list", "--json"], ["refresh"])]
    for done in outputs:
        _assert_inert(done.stdout, f"stdout of {done.args[4:]}")
        _assert_inert(done.stderr, f"stderr of {done.args[4:]}")
        assert "Traceback" not in done.stderr
        assert "52;c" not in done.stdout and "evil.example" not in done.stdout
    assert ATTACKS  # the same attack list as the import tests


def test_feed_credentials_are_never_printed(tmp_path: Path, server) -> None:
    db_path = tmp_path / "store.db"
    good = server.add("private.xml", _rss(1, 3)).replace("http://", "http://bob:hunter2@") + "?token=t0k"
    bad = server.url("status/401").replace("http://", "http://bob:hunter2@") + "?api_key=t0k"
    db = open_store(db_path)
    add_feed(db, good)
    add_feed(db, bad)
    db.conn.close()
    for args in (["refresh"], ["refresh", "--json"], ["feed", "list"], ["feed", "list", "--json"],
                 ["list", "--feed", bad], ["feed", "export"], ["feed", "export", "--format", "urls"]):
        done = run_reader(db_path, *args, timeout=120)
        text = done.stdout + done.stderr
        if args[:2] == ["feed", "export"]:
            continue  # an export is the user's own subscription list, credentials included, by design
        assert "hunter2" not in text and "t0k" not in text, (args, text[-400:])

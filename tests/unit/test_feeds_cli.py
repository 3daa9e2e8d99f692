"""Subscriptions through the CLI: add (with autodiscovery), list, rename, tag, remove, OPML, newsboat urls."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.ingest.opml import SubscriptionListError, parse_newsboat_urls, parse_opml, parse_subscriptions
from tests.conftest import SHARED

OPML_FILES = sorted(p for p in (SHARED / "eval" / "opml").rglob("*")
                    if p.is_file() and not p.name.upper().startswith("LICENSE"))


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def invoke(*args: str, ok: bool = True):
        result = runner.invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return invoke


def test_add_list_rename_tag_remove(run, feed_server) -> None:
    out = json.loads(run("feed", "add", feed_server.url("feeds/netnewswire/manton.rss"), "--tag", "blogs",
                         "--json").output)
    assert out["created"] and out["articles"] == 10 and out["tags"] == ["blogs"]
    assert out["title"] == "Manton Reece"
    # A web page that names its feed: autodiscovery subscribes to the feed.
    page = (SHARED / "eval" / "feeds" / "netnewswire" / "inessential.html").read_text(encoding="utf-8")
    page = page.replace("http://inessential.com/xml/rss.xml", "/feeds/netnewswire/EMarley.rss")
    run("feed", "add", feed_server.add("blog.html", page, content_type="text/html"))
    rows = json.loads(run("feed", "list", "--json").output)
    assert [r["url"] for r in rows][1] == feed_server.url("feeds/netnewswire/EMarley.rss")
    assert set(rows[0]) == {"id", "title", "url", "tags", "articles", "unread", "last_refresh", "last_error"}
    assert rows[0]["unread"] == rows[0]["articles"]
    run("feed", "rename", "1", "Manton")
    run("feed", "tag", "Manton", "micro", "-r", "blogs")
    rows = json.loads(run("feed", "list", "--json").output)
    assert rows[0]["title"] == "Manton" and rows[0]["tags"] == ["micro"]
    assert "deleted 10 articles" in run("feed", "remove", "Manton").output
    assert len(json.loads(run("feed", "list", "--json").output)) == 1
    assert run("feed", "remove", "nope", ok=False).exit_code == 1


def test_add_rejects_what_is_not_a_feed(run, feed_server) -> None:
    result = run("feed", "add", feed_server.url("status/404"), ok=False)
    assert result.exit_code == 1 and "HTTP 404" in result.output
    result = run("feed", "add", "javascript:alert(1)", ok=False)
    assert "not an http(s) URL" in result.output


def test_refresh_json_lists_per_feed_results(run, feed_server) -> None:
    run("feed", "add", "--no-check", feed_server.url("feeds/netnewswire/manton.rss"))
    run("feed", "add", "--no-check", feed_server.url("status/500"))
    results = json.loads(run("refresh", "--json").output)
    assert {r["status"] for r in results} == {"ok", "error"}
    assert {r["new"] for r in results} == {10, 0}
    assert "1 errors" in run("refresh").output


def test_opml_nested_outlines_become_tags_and_roundtrip(run, tmp_path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text("""<?xml version="1.0"?><opml version="2.0"><head/><body>
      <outline text="News"><outline text="World">
        <outline text="Wire" type="rss" xmlUrl="https://wire.test/feed" category="daily"/></outline>
        <outline text="Local" type="rss" xmlUrl="https://local.test/rss"/></outline>
      <outline text="Loose" xmlUrl="https://loose.test/atom"/>
      <outline text="Dupe" xmlUrl="https://loose.test/atom"/></body></opml>""", encoding="utf-8")
    assert json.loads(run("feed", "import", str(opml), "--json").output) == {"added": 3, "existing": 0}
    assert json.loads(run("feed", "import", str(opml), "--json").output) == {"added": 0, "existing": 3}
    before = {(r["url"], r["title"], tuple(sorted(r["tags"]))) for r in json.loads(run("feed", "list", "--json").output)}
    assert ("https://wire.test/feed", "Wire", ("News", "World", "daily")) in before
    assert ("https://local.test/rss", "Local", ("News",)) in before
    exported = tmp_path / "out.opml"
    run("feed", "export", "-o", str(exported))
    subs = parse_opml(exported.read_bytes())
    after = {(s.url, s.title, tuple(sorted(s.tags))) for s in subs}
    assert after == before


def test_newsboat_urls(run, tmp_path) -> None:
    urls = tmp_path / "urls"
    urls.write_text('# my feeds\nhttps://a.test/rss tech "long tag" "~A Title"\n'
                    '"query:Unread:unread = \\"yes\\""\nhttps://b.test/atom !\n\n', encoding="utf-8")
    subs = parse_newsboat_urls(urls.read_text())
    assert [(s.url, s.title, s.tags) for s in subs] == [
        ("https://a.test/rss", "A Title", ["tech", "long tag"]), ("https://b.test/atom", None, [])]
    run("feed", "import", str(urls))
    out = run("feed", "export", "--format", "urls").output
    exported = {s.url: s for s in parse_newsboat_urls(out)}
    assert set(exported["https://a.test/rss"].tags) == {"tech", "long tag"}
    assert exported["https://a.test/rss"].title == "A Title"
    # `reader import urls` subscribes too (sniffed, no extension).
    assert json.loads(run("import", str(urls), "--json").output)["imported"] == 0


@pytest.mark.parametrize("path", OPML_FILES, ids=lambda p: p.name)
def test_every_shared_opml_file_imports_or_fails_in_one_line(run, path) -> None:
    try:
        subs = parse_subscriptions(path.read_bytes())
    except SubscriptionListError as exc:
        assert "\n" not in str(exc) and 0 < len(str(exc)) < 200
        result = run("feed", "import", str(path), ok=False)
        assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    else:
        assert subs and all(s.url.startswith(("http://", "https://")) for s in subs)
        assert json.loads(run("feed", "import", str(path), "--json").output)["added"] == len(subs)


def test_real_opml_list() -> None:
    subs = parse_opml((SHARED / "eval" / "opml" / "netnewswire" / "Subs.opml").read_bytes())
    assert len(subs) == 207 and subs[0].title == "Daring Fireball"


def test_refresh_in_its_own_process_uses_the_parser_pool(db_path, feed_server) -> None:
    """The real CLI in a fresh, single-threaded process (its parser workers are forked)."""
    import subprocess
    import sys

    from reader.store import open_store
    from reader.store.feeds import add_feed
    from tests.conftest import ROOT
    from tests.feeds_server import FEEDS

    db = open_store(db_path)
    names = ["manton.rss", "EMarley.rss", "bio.rdf", "atp.rss", "authors.json", "russcox.atom", "coco.html"]
    for name in names:
        add_feed(db, feed_server.url(f"feeds/netnewswire/{name}"))
    db.conn.close()
    assert all((FEEDS / "netnewswire" / n).exists() for n in names)
    done = subprocess.run([sys.executable, "-m", "reader", "--db", str(db_path), "refresh", "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    results = {r["url"].rsplit("/", 1)[1]: r for r in json.loads(done.stdout)}
    assert results["coco.html"]["error"] == "not a feed (an HTML page)"
    assert {n: results[n]["new"] + results[n]["unchanged"] for n in names[:4]} == {
        "manton.rss": 10, "EMarley.rss": 10, "bio.rdf": 30, "atp.rss": 100}

"""Article pages and feed files through ``reader import`` (files and http URLs)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.ingest.page import discover_feeds, parse_page
from tests.conftest import SHARED

PAGES = SHARED / "eval" / "feeds" / "netnewswire"
TITLES = {
    "DaringFireball.html": "Daring Fireball",
    "YouTubeTheVolvoRocks.html": "Randy Pobst",
    "coco.html": "'Coco' Is Among Pixar's Best Movies in Years",
    "furbo.html": "furbo.org",
    "inessential.html": "inessential: weblog",
    "sixcolors.html": "Six Colors: Apple, technology, and other stuff from Jason Snell and Friends",
}


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)

    return invoke


@pytest.mark.parametrize("name", sorted(TITLES))
def test_pages_import_with_their_real_titles(run, name) -> None:
    out = json.loads(run("import", str(PAGES / name), "--json").output)
    assert out["imported"] == 1 and out["failed"] == []
    (row,) = json.loads(run("list", "--json").output)
    assert row["title"] == TITLES[name]
    shown = json.loads(run("show", str(row["id"]), "--json").output)
    assert len(shown["body"]) > 100 and "<" not in shown["body"][:200]


def test_page_metadata_and_structure() -> None:
    article = parse_page((PAGES / "coco.html").read_bytes(), "https://www.theatlantic.com/coco")
    assert article.author == "Christopher Orr" and article.published == "2017-11-25T00:00:00Z"
    assert article.source == "The Atlantic" and article.body.count("\n\n") > 5
    assert discover_feeds((PAGES / "coco.html").read_bytes(), "https://www.theatlantic.com/coco") == [
        "https://www.theatlantic.com/feed/all/", "https://www.theatlantic.com/feed/best-of/"]


def test_import_url_of_a_page_and_of_a_feed(run, feed_server) -> None:
    out = json.loads(run("import", feed_server.url("feeds/netnewswire/coco.html"), "--json").output)
    assert out["imported"] == 1
    out = json.loads(run("import", feed_server.url("feeds/netnewswire/manton.rss"), "--json").output)
    assert out["imported"] == 10
    out = json.loads(run("import", feed_server.url("status/404"), "--json").output)
    assert out["failed"][0]["error"] == "HTTP 404 Not Found"


def test_import_feed_files_by_content(run, tmp_path) -> None:
    feed = tmp_path / "no-extension"
    feed.write_bytes((PAGES / "allthis.json").read_bytes())
    out = json.loads(run("import", str(feed), str(PAGES / "dcrainmaker.xml"), "--json").output)
    assert out["imported"] == 12 + 8 and out["failed"] == []

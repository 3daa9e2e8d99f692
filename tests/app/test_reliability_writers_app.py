"""Two writers with the app: the real app open on a store while ``reader refresh`` and ``reader tag`` run
in other processes. No "database is locked" reaches the user (no error notification, exit 0) and every
tag, bookmark and read mark written by any of them is in the store afterwards.
"""

from __future__ import annotations

import asyncio
import subprocess
import threading
from pathlib import Path

import pytest

from reader.app import make_app
from reader.app.screens.tag_dialog import TagDialog
from reader.importing import import_paths
from reader.store import ArticleFilter, add_feed, article_ids, get_article, open_store, tags_for
from tests.app.conftest import Recorder, settle
from tests.killer import assert_intact, jsonl_articles, run_reader

SIZE = (150, 40)
SHARED_FEEDS = ["netnewswire/manton.rss", "netnewswire/atp.rss", "netnewswire/EMarley.rss",
                "netnewswire/bio.rdf", "netnewswire/KatieFloyd.rss"]


def _live_feed(round_: int, count: int = 40) -> str:
    """A feed whose entries change every round (same guids, new titles) and grows by 5 entries a round."""
    items = "".join(
        f"<item><guid>live-{i}</guid><title>Live {i} round {round_ if i % 2 else 0}</title>"
        f"<description>Body of live entry {i}, round {round_ if i % 2 else 0}.</description></item>"
        for i in range(count + 5 * round_))
    return f"<rss version='2.0'><channel><title>Live</title>{items}</channel></rss>"


def _cli(db: Path, commands: list[list[str]], failures: list[str]) -> None:
    for args in commands:
        try:
            done = run_reader(db, *args, timeout=180)
        except subprocess.TimeoutExpired:
            failures.append(f"{args}: timed out")
            continue
        if done.returncode != 0 or "locked" in (done.stdout + done.stderr).lower() or "Traceback" in done.stderr:
            failures.append(f"{args}: rc={done.returncode} {done.stderr.strip()[-300:]}")


@pytest.mark.slow
async def test_app_refresh_and_tag_processes_lose_nothing(db_path: Path, tmp_path: Path, feed_server) -> None:
    # A store with imported articles and feed articles (the feeds refreshed once already).
    db = open_store(db_path)
    import_paths(db, [jsonl_articles(tmp_path / "seed.jsonl", 20, prefix="seed")])
    for path in SHARED_FEEDS:
        add_feed(db, feed_server.url(f"feeds/{path}"))
    live = feed_server.add("live.rss", _live_feed(0))
    add_feed(db, live, tags=["live"])
    first = await asyncio.to_thread(run_reader, db_path, "refresh", "--quiet")
    assert first.returncode == 0, first.stderr
    before = set(article_ids(db))
    assert len(before) > 150

    notes = Recorder()
    app = make_app(db_path)
    async with app.run_test(size=SIZE, message_hook=notes) as pilot:
        await settle(pilot)
        shown = list(app.main.article_list.ids)
        app_targets = shown[:6]
        # The CLI tags every article the app tags too (tags add up), and reads/bookmarks others.
        cli_targets = shown[6:12]
        feed_server.add("live.rss", _live_feed(1))  # the next refreshes update and add entries
        failures: list[str] = []
        tagging = [["tag", str(i), f"cli-{n}"] for n, i in enumerate(app_targets + cli_targets)]
        tagging += [["read", *map(str, cli_targets[::2])], ["bookmark", str(cli_targets[1])],
                    ["bookmark", str(cli_targets[3])]]
        # Three other processes at a time: the refreshes, and the CLI writes split over two workers.
        threads = [threading.Thread(target=_cli, args=(db_path, [["refresh"], ["refresh", "--json"]], failures)),
                   threading.Thread(target=_cli, args=(db_path, tagging[0::2], failures)),
                   threading.Thread(target=_cli, args=(db_path, tagging[1::2], failures))]
        for thread in threads:
            thread.start()
        await pilot.press("R")  # and the app's own refresh, in its worker, writing at the same time

        # Meanwhile, in the app: bookmark, mark read and tag each of the first six articles.
        acted: list[int] = []
        for n in range(len(app_targets)):
            article_id = app.main.current_id
            acted.append(article_id)
            await pilot.press("s", "r")
            await settle(pilot)
            await pilot.press("t")
            await settle(pilot)
            assert isinstance(app.screen, TagDialog)
            await pilot.press(*f"app-{n}", "enter")
            await settle(pilot)
            await pilot.press("j")
            await settle(pilot)
        while any(thread.is_alive() for thread in threads):  # keep the app responsive while they finish
            await asyncio.sleep(0.1)
            await pilot.pause()
        for thread in threads:
            thread.join()
        await settle(pilot)
        assert any(text.startswith("Refresh finished") for _, text in notes.items), notes.items
        assert app.is_running
        assert not failures, failures
        assert not notes.errors(mentioning="locked"), notes.errors(mentioning="locked")

    assert acted == app_targets, (acted, shown[:12])
    db = open_store(db_path)
    tags = tags_for(db, shown[:12])
    for n, article_id in enumerate(app_targets):
        article = get_article(db, article_id)
        assert article.bookmarked_at is not None and article.read_at is not None, article_id
        assert {f"app-{n}", f"cli-{n}"} <= set(tags[article_id]), (article_id, tags.get(article_id))
    for n, article_id in enumerate(cli_targets, start=len(app_targets)):
        assert f"cli-{n}" in tags[article_id]
    assert {i for i in cli_targets if get_article(db, i).read_at} == set(cli_targets[::2])
    assert set(article_ids(db, ArticleFilter(bookmarked=True))) == set(app_targets) | {cli_targets[1], cli_targets[3]}
    # The refreshes ran: the live feed's five new entries are there, and nothing was stored twice.
    assert count_live(db) == 45
    assert db.conn.execute("SELECT count(*) - count(DISTINCT guid) FROM articles").fetchone()[0] == 0
    db.conn.close()
    assert_intact(db_path)


def count_live(db) -> int:
    return db.conn.execute("SELECT count(*) FROM articles WHERE guid LIKE 'live-%'").fetchone()[0]


async def test_a_tag_added_elsewhere_while_the_tag_dialog_is_open_is_kept(db_path: Path, tmp_path: Path) -> None:
    """The dialog saves what was edited: a tag ``reader tag`` added meanwhile survives (a lost update before)."""
    db = open_store(db_path)
    import_paths(db, [jsonl_articles(tmp_path / "seed.jsonl", 3, prefix="seed")], tags=["old", "drop-me"])
    notes = Recorder()
    app = make_app(db_path)
    async with app.run_test(size=SIZE, message_hook=notes) as pilot:
        await settle(pilot)
        article_id = app.main.current_id
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TagDialog)
        done = await asyncio.to_thread(run_reader, db_path, "tag", str(article_id), "from-cli")
        assert done.returncode == 0, done.stderr
        # The user deletes "drop-me" from the line and adds "mine".
        await pilot.press("ctrl+u", *"old, mine", "enter")
        await settle(pilot)
        assert not notes.errors(mentioning="locked")
    assert tags_for(db, [article_id])[article_id] == ["from-cli", "mine", "old"]
    db.conn.close()

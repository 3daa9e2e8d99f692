"""Killed mid-write: ``kill -9`` of ``reader import`` at several points leaves an intact store, and the
next import completes it without a duplicate article."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.killer import after_seconds, assert_intact, jsonl_articles, rows_at_least, run_and_kill, run_reader

TOTAL = 3000


@pytest.fixture(scope="module")
def big_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return jsonl_articles(tmp_path_factory.mktemp("input") / "big.jsonl", TOTAL)


def _has_articles_table(db: Path) -> bool:
    if not db.exists():
        return False
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone() is not None
    finally:
        conn.close()


def _counts(db: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(db)
    try:
        total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        guids = conn.execute("SELECT count(DISTINCT guid) FROM articles").fetchone()[0]
        urls = conn.execute("SELECT count(DISTINCT url) FROM articles").fetchone()[0]
        return total, guids, urls
    finally:
        conn.close()


@pytest.mark.slow
def test_import_killed_at_several_points_then_completed(tmp_path: Path, big_input: Path) -> None:
    """One store, killed again and again at later points; each leftover passes integrity_check."""
    db = tmp_path / "store.db"
    # Kill points: seconds after start, or "+N": once N more articles than before this run are committed.
    # Mostly row counts: on a fast, quiet machine the whole import takes under a second.
    points: list[float | str] = [0.05, "+1", "+500", "+1000", "+1"]
    killed = 0
    for point in points:
        if isinstance(point, str):
            try:
                already = _counts(db)[0]
            except sqlite3.Error:  # not created yet, or killed before the schema was committed
                already = 0
            predicate = rows_at_least(db, "articles", already + int(point[1:]))
        else:
            predicate = after_seconds(point)
        outcome = run_and_kill(db, ["import", str(big_input)], predicate, timeout=60, poll=0.001)
        killed += outcome.killed
        if db.exists() and db.stat().st_size:
            assert_intact(db)
        if _has_articles_table(db):
            total, guids, urls = _counts(db)
            assert total == guids == urls <= TOTAL
            assert total % 500 == 0 or total == TOTAL  # whole batches only: nothing half-written
    assert killed >= 3, "the import finished before most kill points: make the input larger"
    finished = run_reader(db, "import", str(big_input), "--json")
    assert finished.returncode == 0, finished.stderr
    report = json.loads(finished.stdout)
    assert report["failed"] == []
    assert _counts(db) == (TOTAL, TOTAL, TOTAL)
    assert report["imported"] + report["duplicates"] == TOTAL
    assert_intact(db)


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.4, 1.2])
def test_import_killed_on_fresh_store_then_rerun(tmp_path: Path, big_input: Path, delay: float) -> None:
    """Killed while the store is being created or migrated, or mid-import: the rerun just works."""
    db = tmp_path / "fresh.db"
    run_and_kill(db, ["import", str(big_input)], delay, timeout=60)
    if db.exists() and db.stat().st_size:
        assert_intact(db)
    doctor = run_reader(db, "doctor", "--json")
    assert json.loads(doctor.stdout)["status"] in ("ok", "missing"), doctor.stdout
    finished = run_reader(db, "import", str(big_input), "--json")
    assert finished.returncode == 0, finished.stderr
    assert _counts(db) == (TOTAL, TOTAL, TOTAL)
    assert_intact(db)


def _subscribe_all(db_path: Path, server, big_entries: int) -> None:
    """Every shared feed file plus one feed of ``big_entries`` entries (a long write), on ``server``."""
    from reader.store import add_feed, open_store
    from tests.feeds_server import FEEDS

    db = open_store(db_path)
    try:
        for path in sorted(p for p in FEEDS.rglob("*") if p.is_file() and not p.name.startswith("LICENSE")):
            add_feed(db, server.url(f"feeds/{path.relative_to(FEEDS)}"))
        items = "".join(f"<item><guid>big-{i}</guid><title>Big entry {i}</title>"
                        f"<description>Text number {i} of the big feed.</description></item>"
                        for i in range(big_entries))
        add_feed(db, server.add("big.rss", f"<rss version='2.0'><channel><title>big</title>{items}</channel></rss>"))
    finally:
        db.conn.close()


def _refresh_counts(db: Path) -> tuple[int, int, int]:
    """Articles, distinct contents, and guids stored more than once (feed entries without a guid count
    by their content, which the store keeps once)."""
    conn = sqlite3.connect(db)
    try:
        total, contents = conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone()
        twice = conn.execute("SELECT count(*) FROM (SELECT guid FROM articles WHERE guid IS NOT NULL "
                             "GROUP BY feed_id, guid HAVING count(*) > 1)").fetchone()[0]
        return total, contents, twice
    finally:
        conn.close()


@pytest.mark.slow
def test_refresh_killed_at_several_points_then_completed(tmp_path: Path, feed_server) -> None:
    """``kill -9`` of ``reader refresh`` before, during and after its writes: the store stays intact
    (integrity_check, foreign keys, the full-text index) and the next refresh completes it with every
    article exactly once."""
    reference = tmp_path / "reference.db"
    _subscribe_all(reference, feed_server, 4000)
    done = run_reader(reference, "refresh", "--quiet")
    assert done.returncode == 0, done.stderr
    expected = _refresh_counts(reference)
    assert expected[0] > 4500 and expected[0] == expected[1] and expected[2] == 0

    db = tmp_path / "store.db"
    _subscribe_all(db, feed_server, 4000)
    # Seconds are counted from each start (the interpreter alone takes a few tenths); predicates poll.
    points: list[float | object] = [
        0.1,                               # starting: nothing fetched yet
        rows_at_least(db, "articles", 1),  # right after the first write
        0.9,
        rows_at_least(db, "articles", 4300),  # the big feed saved, the small ones in progress
        1.3,
        1.7,
    ]
    killed = 0
    for point in points:
        outcome = run_and_kill(db, ["refresh", "--quiet"], point, timeout=60, poll=0.001)  # type: ignore[arg-type]
        killed += outcome.killed
        assert_intact(db)
        total, contents, twice = _refresh_counts(db)
        assert total == contents <= expected[0] and twice == 0
    assert killed >= 3, "the refresh finished before most kill points"
    finished = run_reader(db, "refresh", "--json")
    assert finished.returncode == 0, finished.stderr
    assert_intact(db)
    assert _refresh_counts(db) == expected
    # The feeds that failed in the reference failed here too; every other one is marked refreshed.
    conn = sqlite3.connect(db)
    try:
        never = conn.execute("SELECT count(*) FROM feeds WHERE last_refresh IS NULL AND last_error IS NULL")
        assert never.fetchone()[0] == 0
    finally:
        conn.close()

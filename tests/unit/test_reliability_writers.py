"""Two (and more) writers: CLI processes and an in-process writer share one store file.

No "database is locked" reaches the user, and every tag, bookmark and read mark is there afterwards.
"""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest

from reader.importing import import_paths
from reader.store import (
    ArticleFilter,
    add_tags,
    article_ids,
    count_articles,
    open_store,
    set_bookmark,
    set_read,
    tags_for,
)
from tests.killer import ROOT, assert_intact, jsonl_articles, reader_argv, reader_env

ARTICLES = 30
WORKERS = 3


def _seed(db_path: Path, tmp_path: Path) -> list[int]:
    db = open_store(db_path)
    import_paths(db, [jsonl_articles(tmp_path / "seed.jsonl", ARTICLES, prefix="seed")])
    ids = article_ids(db, ArticleFilter())
    db.conn.close()
    return sorted(ids)


def _worker_script(worker: int, ids: list[int]) -> list[list[str]]:
    """The commands one CLI worker runs, in order: tags, bookmarks and read marks on its share of ids."""
    mine = [i for n, i in enumerate(ids) if n % WORKERS == worker]
    commands = []
    for n, article_id in enumerate(mine):
        commands.append(["tag", str(article_id), f"w{worker}", f"n{n}"])
        if n % 2 == 0:
            commands.append(["bookmark", str(article_id)])
    commands.append(["read", *map(str, mine)])
    return commands


def _run_sequence(db: Path, commands: list[list[str]], failures: list[str]) -> None:
    for args in commands:
        done = subprocess.run(reader_argv(db, *args), cwd=ROOT, env=reader_env(), capture_output=True,
                              text=True, timeout=120)
        if done.returncode != 0 or "locked" in done.stderr.lower() or "Traceback" in done.stderr:
            failures.append(f"{args}: rc={done.returncode} {done.stderr.strip()[-300:]}")


@pytest.mark.slow
def test_cli_processes_and_in_process_writer_lose_nothing(tmp_path: Path) -> None:
    db_path = tmp_path / "store.db"
    ids = _seed(db_path, tmp_path)
    failures: list[str] = []
    threads = [
        threading.Thread(target=_run_sequence, args=(db_path, _worker_script(w, ids), failures))
        for w in range(WORKERS)
    ]
    # An import of new articles competes for the write lock in 500-article transactions meanwhile.
    big = jsonl_articles(tmp_path / "more.jsonl", 1500, prefix="more")
    threads.append(threading.Thread(target=_run_sequence, args=(db_path, [["import", str(big)]], failures)))

    # The in-process writer (what the app does): its own connection, tags and read marks of its own.
    app_errors: list[BaseException] = []

    def in_process_writer() -> None:
        db = open_store(db_path)
        try:
            for round_ in range(3):
                for article_id in ids:
                    add_tags(db, article_id, [f"app{round_}"])
                set_read(db, ids[::2], True)
                set_bookmark(db, ids[-1], True)
        except BaseException as exc:  # noqa: BLE001 - reported below
            app_errors.append(exc)
        finally:
            db.conn.close()

    threads.append(threading.Thread(target=in_process_writer))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not failures, failures
    assert not app_errors, app_errors

    db = open_store(db_path)
    tags = tags_for(db, ids)
    for worker in range(WORKERS):
        mine = [i for n, i in enumerate(ids) if n % WORKERS == worker]
        for n, article_id in enumerate(mine):
            assert {f"w{worker}", f"n{n}", "app0", "app1", "app2"} <= set(tags[article_id]), article_id
    bookmarked = set(article_ids(db, ArticleFilter(bookmarked=True)))
    expected_bookmarks = {i for w in range(WORKERS)
                          for n, i in enumerate([i for k, i in enumerate(ids) if k % WORKERS == w]) if n % 2 == 0}
    assert expected_bookmarks | {ids[-1]} == bookmarked
    unread_seed = set(article_ids(db, ArticleFilter(unread=True))) & set(ids)
    assert unread_seed == set(), "every seed article was marked read by its worker"
    assert count_articles(db) == ARTICLES + 1500
    db.conn.close()
    assert_intact(db_path)


@pytest.mark.slow
def test_many_processes_creating_one_store_at_once(tmp_path: Path) -> None:
    """Several first runs race to create and migrate the same new store: all succeed, schema once."""
    db_path = tmp_path / "new.db"
    procs = [subprocess.Popen(reader_argv(db_path, "stats", "--json"), cwd=ROOT, env=reader_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(6)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "locked" not in err.lower()
    assert_intact(db_path)
    db = open_store(db_path)
    assert count_articles(db) == 0
    db.conn.close()


def test_in_process_threads_share_a_store(tmp_path: Path) -> None:
    """Threads with their own connections (the app's workers) write concurrently without a lock error."""
    db_path = tmp_path / "store.db"
    ids = _seed(db_path, tmp_path)
    errors: list[BaseException] = []

    def writer(label: str) -> None:
        db = open_store(db_path)
        try:
            for article_id in ids:
                add_tags(db, article_id, [label])
                set_read(db, article_id, label == "t0")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            db.conn.close()

    threads = [threading.Thread(target=writer, args=(f"t{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    db = open_store(db_path)
    assert all(set(t) == {"t0", "t1", "t2", "t3"} for t in tags_for(db, ids).values())
    db.conn.close()


@pytest.mark.slow
def test_two_imports_of_the_same_file_at_once_add_each_article_once(tmp_path: Path) -> None:
    db_path = tmp_path / "store.db"
    source = jsonl_articles(tmp_path / "same.jsonl", 1200, prefix="same")
    procs = [subprocess.Popen(reader_argv(db_path, "import", str(source)), cwd=ROOT, env=reader_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and "locked" not in err.lower(), err
    db = open_store(db_path)
    assert count_articles(db) == 1200
    assert db.conn.execute("SELECT count(DISTINCT guid) FROM articles").fetchone()[0] == 1200
    db.conn.close()
    assert_intact(db_path)


def test_checkpoint_while_another_connection_reads_and_writes(tmp_path: Path) -> None:
    from reader.store.connection import checkpoint

    db_path = tmp_path / "store.db"
    ids = _seed(db_path, tmp_path)
    reader_db, writer_db = open_store(db_path), open_store(db_path)
    try:
        reader_db.conn.execute("BEGIN")
        reader_db.conn.execute("SELECT count(*) FROM articles").fetchone()  # holds an old snapshot
        set_read(writer_db, ids[:5], True)
        busy, _, _ = checkpoint(writer_db, "PASSIVE")
        assert busy == 0
        reader_db.conn.execute("COMMIT")
        assert checkpoint(writer_db, "TRUNCATE")[0] == 0
        assert count_articles(reader_db, ArticleFilter(unread=True)) == ARTICLES - 5
    finally:
        reader_db.conn.close()
        writer_db.conn.close()
    assert_intact(db_path)


def test_opening_a_second_connection_keeps_the_first_ones_locks(tmp_path: Path) -> None:
    """Opening the store again in this process (the app does it once per worker thread) must not drop the
    POSIX locks of its open connections: else another process closing thinks it is the last user and
    deletes the -wal/-shm under us, and our next write fails ("disk I/O error") or is lost."""
    db_path = tmp_path / "store.db"
    ids = _seed(db_path, tmp_path)
    first = open_store(db_path)
    second = open_store(db_path)  # used to read the header through its own descriptor, then close it
    try:
        done = subprocess.run(reader_argv(db_path, "tag", str(ids[0]), "elsewhere"), cwd=ROOT, env=reader_env(),
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert Path(f"{db_path}-wal").exists() and Path(f"{db_path}-shm").exists()
        add_tags(first, ids[1], ["here"])
        set_bookmark(second, ids[2], True)
    finally:
        first.conn.close()
        second.conn.close()
    db = open_store(db_path)
    assert tags_for(db, ids[:2]) == {ids[0]: ["elsewhere"], ids[1]: ["here"]}
    assert article_ids(db, ArticleFilter(bookmarked=True)) == [ids[2]]
    db.conn.close()
    assert_intact(db_path)


def test_a_wal_file_that_vanishes_while_the_store_is_checked_is_no_error(tmp_path: Path, monkeypatch) -> None:
    """Another process's last connection deletes store.db-wal when it closes: between "it exists" and
    "how big is it". CI caught `reader read` failing on that race; replay it by saying every file exists."""
    from reader.store.connection import check_file
    from reader.store.health import inspect_store

    db_path = tmp_path / "store.db"
    _seed(db_path, tmp_path)
    assert not Path(f"{db_path}-wal").exists()  # the last connection closed: SQLite removed it
    monkeypatch.setattr(Path, "exists", lambda self: True)
    check_file(db_path)  # no FileNotFoundError
    assert inspect_store(db_path, quick=True).wal_size is None

"""Disk full, read-only, corrupt, foreign and too-new stores: a clear one-line message, nothing half-written,
and a way out (``reader doctor --move-aside``)."""

from __future__ import annotations

import json
import os
import re
import resource
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from reader.importing import import_paths
from reader.store import (
    ArticleFilter,
    StoreCorruptError,
    StoreError,
    add_tags,
    count_articles,
    open_store,
    set_read,
    tags_for,
)
from reader.store.errors import StoreFullError, StoreReadOnlyError
from tests.conftest import SAMPLE
from tests.killer import ROOT, assert_intact, jsonl_articles, reader_argv, reader_env, run_reader

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    return lines[0]


def _snapshot(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return [*conn.execute("SELECT id, title, read_at, bookmarked_at FROM articles ORDER BY id"),
                *conn.execute("SELECT article_id, tag_id FROM article_tags ORDER BY 1, 2"),
                *conn.execute("SELECT id, name FROM tags ORDER BY id")]
    finally:
        conn.close()


# --- disk full -------------------------------------------------------------------------------------

def _fill_up(db: Database, spare_pages: int) -> None:
    """Cap the store at its current size plus a few pages: SQLite then fails writes with SQLITE_FULL."""
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def test_disk_full_during_import_rolls_back_the_batch(db_path: Path, tmp_path: Path) -> None:
    db = open_store(db_path)
    import_paths(db, [SAMPLE])
    big = jsonl_articles(tmp_path / "big.jsonl", 2000)
    _fill_up(db, 40)
    with pytest.raises(StoreFullError, match="^disk full: .*rolled back"):
        import_paths(db, [big])
    count = count_articles(db)
    assert (count - 2) % 500 == 0, "only whole batches are kept"
    db.conn.close()
    assert_intact(db_path)
    # With space again, the same import completes without duplicates.
    db = open_store(db_path)
    result = import_paths(db, [big])
    assert result.failed == [] and count_articles(db) == 2002
    assert result.imported == 2000 - (count - 2)
    db.conn.close()


def test_disk_full_on_a_tag_changes_nothing(db_path: Path) -> None:
    db = open_store(db_path)
    import_paths(db, [SAMPLE])
    add_tags(db, 1, ["kept"])
    before = _snapshot(db_path)
    _fill_up(db, 0)
    with pytest.raises(StoreFullError):
        add_tags(db, 1, [f"tag-{n:03d}-" + "x" * 50 for n in range(300)])
    assert tags_for(db, [1]) == {1: ["kept"]}
    db.conn.close()
    assert _snapshot(db_path) == before
    assert_intact(db_path)


def test_file_size_limit_gives_a_clear_cli_error(tmp_path: Path) -> None:
    """A real write failure from the OS (RLIMIT_FSIZE, as on a full quota): one line, store intact."""
    db_path = tmp_path / "store.db"
    assert run_reader(db_path, "import", str(SAMPLE)).returncode == 0
    before = _snapshot(db_path)
    big = jsonl_articles(tmp_path / "big.jsonl", 2000)

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        size = db_path.stat().st_size + 64 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    done = subprocess.run(reader_argv(db_path, "import", str(big)), cwd=ROOT, env=reader_env(),
                          capture_output=True, text=True, preexec_fn=limit, timeout=120)
    line = _one_line_error(done)
    assert line.startswith("Error: ") and ("disk full" in line or "disk I/O error" in line)
    assert_intact(db_path)
    assert _snapshot(db_path)[:2] == before[:2]
    assert run_reader(db_path, "import", str(big)).returncode == 0
    assert_intact(db_path)


def _can_mount_tmpfs() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-Urm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


def test_real_disk_full_on_a_tiny_filesystem(tmp_path: Path) -> None:
    """ENOSPC from a real 1.2 MB tmpfs (mounted in a user namespace, no root needed): "disk full", one
    line, the failed batch leaves nothing, the store stays intact and keeps what was there."""
    if not _can_mount_tmpfs():
        pytest.skip("cannot mount a tmpfs in a user namespace here")
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    big = jsonl_articles(tmp_path / "big.jsonl", 3000)
    db = mnt / "store.db"
    reader = " ".join(shlex.quote(a) for a in reader_argv(db))
    check = (f"import sqlite3, json; c = sqlite3.connect({str(db)!r}); "
             "print(json.dumps({'integrity': c.execute('PRAGMA integrity_check').fetchall(), "
             "'count': c.execute('SELECT count(*) FROM articles').fetchone()[0], "
             "'tags': c.execute('SELECT count(*) FROM article_tags').fetchone()[0]}))")
    script = f"""
mount -t tmpfs -o size=1200k tmpfs {shlex.quote(str(mnt))} || exit 99
{reader} import {shlex.quote(str(SAMPLE))} >/dev/null || exit 98
{reader} tag 1 before >/dev/null || exit 97
{reader} import {shlex.quote(str(big))} >/dev/null 2>{shlex.quote(str(tmp_path / 'import.err'))}
echo "import=$?"
{shlex.quote(sys.executable)} -c {shlex.quote(check)}
"""
    done = subprocess.run(["unshare", "-Urm", "sh", "-c", script], cwd=ROOT, env=reader_env(), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0] == "import=1", done.stdout
    error = (tmp_path / "import.err").read_text().strip()
    assert error.count("\n") == 0 and error.startswith("Error: disk full: "), error
    state = json.loads(lines[-1])
    assert state["integrity"] == [["ok"]]
    assert (state["count"] - 2) % 500 == 0 and state["count"] < 3002, "whole batches only"
    assert state["tags"] == 1, "the tag written before the disk filled is still there"


# --- read-only -------------------------------------------------------------------------------------

def test_read_only_connection_write_is_refused_cleanly(db_path: Path) -> None:
    """SQLITE_READONLY (a store on read-only media) becomes StoreReadOnlyError; nothing changes."""
    db = open_store(db_path)
    import_paths(db, [SAMPLE])
    db.conn.close()
    before = _snapshot(db_path)
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    ro = Database(conn)
    with pytest.raises(StoreReadOnlyError, match="read-only"):
        add_tags(ro, 1, ["nope"])
    with pytest.raises(StoreReadOnlyError):
        set_read(ro, 1, True)
    assert count_articles(ro, ArticleFilter()) == 2  # reading still works
    conn.close()
    assert _snapshot(db_path) == before


def _without_root() -> list[str] | None:
    """A command prefix under which file permissions apply: none needed for a normal user; for root,
    ``unshare -U`` (a user namespace where root's capabilities do not reach our files), if allowed."""
    if not IS_ROOT:
        return []
    if shutil.which("unshare") is None:
        return None
    probe = subprocess.run(["unshare", "-U", "true"], capture_output=True)
    return ["unshare", "-U"] if probe.returncode == 0 else None


def test_read_only_file_and_directory_cli(tmp_path: Path) -> None:
    prefix = _without_root()
    if prefix is None:
        pytest.skip("running as root without user namespaces: permissions cannot be enforced")
    folder = tmp_path / "ro"
    folder.mkdir()
    db_path = folder / "store.db"
    assert run_reader(db_path, "import", str(SAMPLE)).returncode == 0
    before = _snapshot(db_path)

    def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*prefix, *reader_argv(db, *args)], cwd=ROOT, env=reader_env(), capture_output=True,
                              text=True, timeout=60)

    try:
        for file in folder.iterdir():
            file.chmod(0o400)
        folder.chmod(0o500)
        for args in (["tag", "1", "x"], ["bookmark", "1"], ["import", str(SAMPLE)]):
            line = _one_line_error(run(db_path, *args))
            assert "read-only" in line or "cannot open" in line, line
        line = _one_line_error(run(folder / "new.db", "list"))
        assert "read-only" in line or "cannot create" in line, line
        # doctor says so, and never moves a store that is only unreadable (the file may be fine).
        report = run(db_path, "doctor", "--json")
        assert report.returncode == 1 and json.loads(report.stdout)["status"] in ("unreadable", "ok")
        refused = run(db_path, "doctor", "--move-aside")
        assert refused.returncode == 1 and db_path.exists()
        folder.chmod(0o700)  # a writable directory, a read-only file: SQLite opens it read-only
        line = _one_line_error(run(db_path, "tag", "1", "x"))
        assert "read-only" in line, line
    finally:
        folder.chmod(0o700)
        for file in folder.iterdir():
            file.chmod(0o600)
    assert _snapshot(db_path) == before
    assert_intact(db_path)


# --- corrupt, foreign, too new ---------------------------------------------------------------------

def _good_store(path: Path) -> Path:
    db = open_store(path)
    import_paths(db, [SAMPLE])
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return path


@pytest.mark.parametrize("kind", ["truncated", "foreign", "text", "garbled"])
def test_bad_store_clear_message_then_move_aside(tmp_path: Path, kind: str) -> None:
    db_path = tmp_path / "store.db"
    if kind == "truncated":
        data = _good_store(tmp_path / "good.db").read_bytes()
        db_path.write_bytes(data[: len(data) // 3])
    elif kind == "foreign":
        db_path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(5000))
    elif kind == "text":
        db_path.write_text("these are my notes, not a database\n")
    else:  # a real SQLite header over pages of noise
        data = bytearray(_good_store(tmp_path / "good.db").read_bytes())
        data[4096:] = os.urandom(len(data) - 4096)
        db_path.write_bytes(bytes(data))
    original = db_path.read_bytes()
    line = _one_line_error(run_reader(db_path, "list"))
    assert str(db_path) in line and "doctor --move-aside" in line
    hint = re.findall(r"`(reader [^`]*--move-aside)`", line)
    assert hint, line
    assert db_path.read_bytes() == original, "a bad store is never overwritten"

    report = run_reader(db_path, "doctor", "--json")
    assert report.returncode == 1
    assert json.loads(report.stdout)["status"] in ("corrupt", "foreign")

    # The way out is exactly the command the message names.
    moved = subprocess.run([sys.executable, "-m", *shlex.split(hint[0]), "--json"], cwd=ROOT, env=reader_env(),
                           capture_output=True, text=True, timeout=60)
    assert moved.returncode == 0, moved.stderr
    target = Path(json.loads(moved.stdout)["moved"][0]["to"])
    assert target.name.startswith("store.db.corrupt-") and target.read_bytes() == original
    assert not db_path.exists()
    fresh = run_reader(db_path, "list", "--json")
    assert fresh.returncode == 0 and json.loads(fresh.stdout) == []


def test_move_aside_never_overwrites(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from reader.store.health import move_aside

    db_path = tmp_path / "store.db"
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    contents = []
    for n in range(3):
        db_path.write_text(f"junk {n}")
        Path(f"{db_path}-wal").write_text(f"wal {n}")
        contents.append(move_aside(db_path, now))
    targets = [moves[0][1] for moves in contents]
    assert len(set(targets)) == 3
    assert [Path(t).read_text() for t in targets] == ["junk 0", "junk 1", "junk 2"]
    assert [Path(f"{t}-wal").read_text() for t in targets] == ["wal 0", "wal 1", "wal 2"]
    assert not Path(f"{db_path}-wal").exists(), "a stale WAL must never meet a fresh store"


def test_doctor_refuses_to_move_a_healthy_store(tmp_path: Path) -> None:
    db_path = _good_store(tmp_path / "store.db")
    done = run_reader(db_path, "doctor", "--move-aside")
    assert done.returncode == 1 and "not moved" in done.stderr
    assert db_path.exists()
    report = json.loads(run_reader(db_path, "doctor", "--json").stdout)
    assert report["status"] == "ok" and report["integrity"] == ["ok"] and report["counts"]["articles"] == 2


def test_empty_file_becomes_a_fresh_store(tmp_path: Path) -> None:
    db_path = tmp_path / "store.db"
    db_path.write_bytes(b"")
    done = run_reader(db_path, "import", str(SAMPLE))
    assert done.returncode == 0, done.stderr
    assert_intact(db_path)


def test_directory_at_store_path(tmp_path: Path) -> None:
    folder = tmp_path / "store.db"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a directory"):
        open_store(folder)
    # The default store path (data dir / reader.db) taken by a directory: one line, no traceback.
    (tmp_path / "data" / "reader.db").mkdir(parents=True)
    done = subprocess.run([sys.executable, "-m", "reader", "list"], cwd=ROOT, capture_output=True, text=True,
                          env=reader_env({"READER_DATA_DIR": str(tmp_path / "data")}), timeout=60)
    assert "is a directory" in _one_line_error(done)


def test_store_from_a_newer_version_is_refused_politely(tmp_path: Path) -> None:
    db_path = _good_store(tmp_path / "store.db")
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    original = db_path.read_bytes()
    line = _one_line_error(run_reader(db_path, "list"))
    assert "newer version of reader" in line and "upgrade reader" in line
    assert db_path.read_bytes() == original
    report = run_reader(db_path, "doctor", "--json")
    assert json.loads(report.stdout)["status"] == "too-new"
    refused = run_reader(db_path, "doctor", "--move-aside")
    assert refused.returncode == 1 and db_path.exists()


def test_corruption_found_after_open_is_a_one_line_error(tmp_path: Path) -> None:
    """Damage deep inside the file (past the header) surfaces on first use as StoreCorruptError."""
    db_path = _good_store(tmp_path / "store.db")
    data = bytearray(db_path.read_bytes())
    for offset in range(4096 * 2, len(data), 4096):
        data[offset : offset + 64] = b"\xff" * 64  # smash every page header after the schema
    db_path.write_bytes(bytes(data))
    done = run_reader(db_path, "list")
    if done.returncode == 0:  # the list happened to avoid the damage; show forces a body read
        done = run_reader(db_path, "show", "1")
    line = _one_line_error(done)
    assert "not a usable reader store" in line or "disk I/O" in line
    with pytest.raises((StoreCorruptError, StoreError)):
        db = open_store(db_path)
        count_articles(db)
        db.conn.execute("SELECT body FROM articles").fetchall()

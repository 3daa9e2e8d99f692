"""Privacy: the store (with its -wal/-shm files) and config are owner-only; credentials are never shown or
logged."""

from __future__ import annotations

import io
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reader.privacy import RedactingFilter, private_dir, redact_text, redact_url, write_private
from reader.store import add_feed, open_store
from tests.conftest import SAMPLE
from tests.killer import ROOT, reader_argv, reader_env, run_reader


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_store_and_side_files_are_owner_only_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    db_path = tmp_path / "new" / "deeper" / "store.db"
    # Keep the process alive with its WAL open: the -wal and -shm files exist while it runs.
    code = (
        "import sys, time\n"
        "from reader.store import open_store, add_tags\n"
        "from reader.importing import import_paths\n"
        f"db = open_store({str(db_path)!r})\n"
        f"import_paths(db, [{str(SAMPLE)!r}])\n"
        "add_tags(db, 1, ['x'])\n"
        "print('ready', flush=True)\n"
        "sys.stdin.read()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=reader_env(),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            preexec_fn=lambda: os.umask(umask))
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        for suffix in ("", "-wal", "-shm"):
            file = Path(f"{db_path}{suffix}")
            assert file.exists(), suffix
            assert _mode(file) & 0o077 == 0, f"{file.name} is {oct(_mode(file))}"
        assert _mode(db_path.parent) == 0o700
    finally:
        proc.communicate("", timeout=30)


def test_cli_created_store_is_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = subprocess.run([sys.executable, "-m", "reader", "import", str(SAMPLE)], cwd=ROOT,
                          env=reader_env({"READER_DATA_DIR": str(data)}), capture_output=True, text=True,
                          preexec_fn=lambda: os.umask(0o022), timeout=60)
    assert done.returncode == 0, done.stderr
    assert _mode(data) == 0o700 and _mode(data / "reader.db") == 0o600


def test_an_existing_world_readable_store_is_tightened(db_path: Path) -> None:
    open_store(db_path).conn.close()
    db_path.chmod(0o644)
    open_store(db_path).conn.close()
    assert _mode(db_path) == 0o600


def test_private_config_helpers(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        folder = private_dir(tmp_path / "config" / "reader")
        write_private(folder / "config.toml", "[ui]\ntheme = 'x'\n")
        write_private(folder / "config.toml", "[ui]\ntheme = 'y'\n")  # atomic replace keeps the mode
    finally:
        os.umask(old)
    assert _mode(folder) == 0o700
    assert _mode(folder / "config.toml") == 0o600
    assert (folder / "config.toml").read_text() == "[ui]\ntheme = 'y'\n"
    assert [p.name for p in folder.iterdir()] == ["config.toml"], "no temp file left behind"


@pytest.mark.parametrize(("url", "expected"), [
    ("https://user:pass@host.example/feed.xml", "https://***@host.example/feed.xml"),
    ("https://token@host.example/f", "https://***@host.example/f"),
    ("https://host.example/f?token=abc&page=2", "https://host.example/f?token=***&page=2"),
    ("https://host.example/f?API_KEY=1&q=a", "https://host.example/f?API_KEY=***&q=a"),
    ("https://host.example/cb#access_token=xyz", "https://host.example/cb#***"),
    ("https://host.example/plain?q=news", "https://host.example/plain?q=news"),
    ("not a url at all", "not a url at all"),
    ("", ""),
])
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def test_redact_text_and_logging_filter() -> None:
    assert redact_text("GET https://bob:hunter2@h.example/x failed; retry https://h.example/y") == (
        "GET https://***@h.example/x failed; retry https://h.example/y")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("reader.test.privacy")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("fetching %s", "https://bob:hunter2@h.example/feed?token=t0k")
        try:
            raise OSError("cannot reach https://bob:hunter2@h.example/feed")
        except OSError:
            logger.exception("refresh failed")
    finally:
        logger.removeHandler(handler)
    logged = stream.getvalue()
    assert "hunter2" not in logged and "t0k" not in logged and "bob" not in logged
    assert "https://***@h.example/feed" in logged and "refresh failed" in logged


def test_cli_never_prints_feed_credentials(db_path: Path) -> None:
    db = open_store(db_path)
    add_feed(db, "https://bob:hunter2@feeds.example/private.xml?token=t0k")
    db.conn.close()
    for args in (["list", "--feed", "https://bob:hunter2@feeds.example/other.xml"],
                 ["list", "--feed", "https://feeds.example/x?api_key=t0k"], ["stats"], ["doctor"]):
        done = run_reader(db_path, *args)
        assert "hunter2" not in done.stdout + done.stderr and "t0k" not in done.stdout + done.stderr, args
    done = subprocess.run(reader_argv(db_path, "list", "--feed", "https://bob:hunter2@x.example/f"), cwd=ROOT,
                          env=reader_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "https://***@x.example/f" in done.stderr


def test_import_failures_do_not_print_credentials(tmp_path: Path) -> None:
    db_path = tmp_path / "store.db"
    missing = "https://bob:hunter2@127.0.0.1:9/feed.xml?token=t0k"
    for extra in ([], ["--json"]):
        done = run_reader(db_path, "import", missing, *extra, timeout=60)
        assert done.returncode != 0
        assert "hunter2" not in done.stdout + done.stderr and "t0k" not in done.stdout + done.stderr

"""Run ``reader`` in real subprocesses, kill them at chosen points, and check what they left behind.

Reusable by any reliability test (import, refresh, the app's writers):

- :func:`reader_argv` / :func:`run_reader` / :func:`start_reader`: ``sys.executable -m reader --db X ...``
  with cwd = the repo root, so the checkout under test is what runs.
- :func:`kill_when`: ``kill -9`` a process as soon as a predicate holds (e.g. ``rows_at_least``), or
  after a delay (``after_seconds``); returns whether it was still running when killed.
- :func:`integrity` / :func:`assert_intact`: ``PRAGMA integrity_check`` through a fresh connection.
- :func:`jsonl_articles`: a large JSON Lines input with unique ids and bodies (for imports).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def reader_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The test's environment (isolated dirs from conftest) with the checkout first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    env.update(extra or {})
    return env


def reader_argv(db: Path | str, *args: str) -> list[str]:
    return [sys.executable, "-m", "reader", "--db", str(db), *map(str, args)]


def run_reader(db: Path | str, *args: str, timeout: float = 120, env: dict[str, str] | None = None,
               input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run one reader command to completion; stdout/stderr captured as text (UTF-8)."""
    return subprocess.run(reader_argv(db, *args), cwd=ROOT, env=reader_env(env), capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=timeout, input=input)


def start_reader(db: Path | str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start a reader command in the background (its own process group, so kills reach children)."""
    return subprocess.Popen(reader_argv(db, *args), cwd=ROOT, env=reader_env(env), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace",
                            start_new_session=True)


def after_seconds(delay: float) -> Callable[[], bool]:
    """A predicate that becomes true ``delay`` seconds after it is made."""
    deadline = time.monotonic() + delay
    return lambda: time.monotonic() >= deadline


def rows_at_least(db: Path | str, table: str, count: int) -> Callable[[], bool]:
    """A predicate: ``table`` holds at least ``count`` committed rows (read without writing anything)."""

    def check() -> bool:
        if not Path(db).exists() or Path(db).stat().st_size == 0:
            return False
        try:
            conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True, timeout=1)
            try:
                return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] >= count
            finally:
                conn.close()
        except sqlite3.Error:
            return False  # not created yet, or busy for a moment

    return check


@dataclass
class Killed:
    killed: bool  # False: it finished before the predicate held
    returncode: int | None
    stdout: str
    stderr: str
    elapsed: float


def kill_when(proc: subprocess.Popen[str], predicate: Callable[[], bool], *, timeout: float = 60,
              poll: float = 0.002, sig: int = signal.SIGKILL) -> Killed:
    """Send ``sig`` (default SIGKILL, i.e. ``kill -9``) to ``proc``'s group once ``predicate()`` is true."""
    start = time.monotonic()
    killed = False
    while proc.poll() is None:
        if predicate() or time.monotonic() - start > timeout:
            try:
                os.killpg(proc.pid, sig)
                killed = True
            except ProcessLookupError:
                pass
            break
        time.sleep(poll)
    out, err = proc.communicate(timeout=30)
    killed = killed and proc.returncode == -sig
    return Killed(killed, proc.returncode, out, err, time.monotonic() - start)


def run_and_kill(db: Path | str, args: Sequence[str], predicate: Callable[[], bool] | float,
                 **kwargs: object) -> Killed:
    """Start ``reader --db db ARGS`` and kill it when ``predicate`` holds (a float: after that many s)."""
    proc = start_reader(db, *args)
    check = after_seconds(predicate) if isinstance(predicate, int | float) else predicate
    return kill_when(proc, check, **kwargs)  # type: ignore[arg-type]


def integrity(path: Path | str) -> list[str]:
    conn = sqlite3.connect(str(path), timeout=30)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def assert_intact(path: Path | str) -> None:
    assert integrity(path) == ["ok"]
    conn = sqlite3.connect(str(path), timeout=30)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # The full-text index must still agree with the articles table (once the schema exists).
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").fetchone():
            conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def jsonl_articles(path: Path, count: int, *, body_words: int = 80, prefix: str = "a") -> Path:
    """Write ``count`` distinct articles as JSON Lines (ids ``{prefix}-{n}``) and return the path."""
    words = ("harbour council vote budget river storm minister trade school rail court energy "
             "market festival border health climate election").split()
    with path.open("w", encoding="utf-8") as fh:
        for n in range(count):
            body = " ".join(words[(n * 7 + i * 3) % len(words)] for i in range(body_words))
            record = {"id": f"{prefix}-{n}", "title": f"Story {prefix} {n}: {words[n % len(words)]}",
                      "text": f"{body} {prefix} number {n}.", "url": f"https://example.org/{prefix}/{n}",
                      "published": f"2024-01-{1 + n % 28:02d}T10:00:00Z"}
            fh.write(json.dumps(record) + "\n")
    return path

"""Opening a store: one SQLite file, WAL mode, foreign keys, a busy timeout, owner-only permissions.

Failures become :mod:`reader.store.errors` exceptions with one-line messages (see ``errors.translate``).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from reader.store.errors import (
    StoreBusyError,
    StoreCorruptError,
    StoreError,
    StoreFullError,
    StoreIOError,
    StoreReadOnlyError,
    StoreTooNewError,
    retry_busy,
    translate,
)
from reader.store.migrations import LATEST_VERSION, migrate, schema_version

__all__ = [
    "BUSY_TIMEOUT_MS", "SQLITE_HEADER", "checkpoint", "StoreBusyError", "StoreCorruptError", "StoreError", "StoreFullError",
    "StoreIOError", "StoreReadOnlyError", "StoreTooNewError", "check_file", "connect", "open_store", "parse_id",
    "store_path", "transaction",
]

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def _create_private(path: Path) -> None:
    """Create the store's directory (0700) and an empty store file (0600) if they do not exist."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        os.chmod(path.parent, PRIVATE_DIR)  # mkdir's mode is masked by the umask
    if not path.exists() and not path.is_symlink():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, PRIVATE_FILE)
        os.fchmod(fd, PRIVATE_FILE)
        os.close(fd)


class StoreConnection(sqlite3.Connection):
    """A connection that remembers which file it has open, so :func:`check_file` can tell."""

    store_key: tuple[int, int] | None = None

    def close(self) -> None:
        with _OPEN_LOCK:
            _OPEN.discard(self)
        super().close()


# Every store connection of this process that is still open (weak: a dropped one goes by itself).
_OPEN: weakref.WeakSet[StoreConnection] = weakref.WeakSet()
_OPEN_LOCK = threading.RLock()  # also held while check_file reads the header (see there)


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _remember(conn: sqlite3.Connection, path: Path) -> None:
    if isinstance(conn, StoreConnection):
        conn.store_key = _file_key(path)
        with _OPEN_LOCK:
            _OPEN.add(conn)


def held_open(path: Path) -> bool:
    """Whether this process has a store connection open on the file at ``path``."""
    key = _file_key(path)
    if key is None:
        return False
    with _OPEN_LOCK:
        return any(conn.store_key == key for conn in list(_OPEN))


def check_file(path: Path) -> None:
    """Refuse, with a clear message, what is not (or no longer) an SQLite store at ``path``.

    An empty file is fine (a store whose creation was interrupted before anything was written).

    Skipped while this process has the store open: SQLite's locks are POSIX ``fcntl`` locks, which
    the kernel drops for the whole process when *any* descriptor of the file is closed, including the
    one this check would read the header with. Another process (``reader tag`` ending) would then
    think it was the last user, checkpoint and delete the ``-wal``/``-shm`` files under our open
    connections: the app's next write goes to a deleted file ("disk I/O error", or lost).
    """
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a store file; pass another path with --db")
    # Under the registry's lock: a connection opened meanwhile by another thread registers itself
    # before it takes any SQLite lock (see connect), so it cannot take one while this descriptor is open.
    with _OPEN_LOCK:
        if held_open(path):
            return  # it was a valid store when we opened it, and reading it here would drop our locks
        try:
            with path.open("rb") as fh:
                head = fh.read(100)
            size = path.stat().st_size
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"cannot read store {path}: {exc.strerror or exc}") from exc
    if not head:
        return
    if not head.startswith(SQLITE_HEADER[: len(head)]) or len(head) < len(SQLITE_HEADER):
        raise StoreCorruptError(path, "not an SQLite file")
    if len(head) < 100:
        raise StoreCorruptError(path, f"truncated: {size} bytes")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    header_valid = head[24:28] == head[92:96]
    # With nothing pending in a WAL or a hot rollback journal (a crash mid-checkpoint or mid-commit,
    # which SQLite repairs on open), a file shorter than its own header says was cut short.
    pending = any((file_size(Path(f"{path}{suffix}")) or 0) > 0 for suffix in ("-wal", "-journal"))
    if header_valid and pages and not pending and size < pages * page_size:
        raise StoreCorruptError(path, f"truncated: {size} of {pages * page_size} bytes")


def file_size(path: Path) -> int | None:
    """The file's size, or None when it is not there. Another process's last connection deletes the
    ``-wal`` file when it closes, so it can vanish between a check that it exists and a stat."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return None


def connect(path: Path | str) -> sqlite3.Connection:
    """A raw connection in autocommit mode; transactions are explicit (see :func:`transaction`)."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False, factory=StoreConnection)
    # Registered before its first statement takes a lock (SQLite opens the file lazily): check_file in
    # another thread must see it from then on.
    _remember(conn, Path(path))
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _prepare(conn: sqlite3.Connection, memory: bool) -> int:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal" and not memory:
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = NORMAL")
    return schema_version(conn)


def open_store(path: Path | str, *, migrate_schema: bool = True) -> Database:
    """Open (creating if needed) the store at ``path`` and bring its schema up to date.

    Raises :class:`StoreError` subclasses with a one-line, user-facing message.
    """
    memory = str(path) == ":memory:"
    path = Path(path).expanduser()
    if not memory:
        check_file(path)
        try:
            _create_private(path)
        except FileExistsError:
            pass  # another process created it a moment ago
        except PermissionError as exc:
            raise StoreReadOnlyError(path) from exc
        except OSError as exc:
            raise StoreError(f"cannot create store {path}: {exc.strerror or exc}") from exc
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path)
        # The journal-mode switch and WAL recovery can report "locked" without waiting: retry them.
        version = retry_busy(lambda: _prepare(conn, memory), timeout=BUSY_TIMEOUT_MS / 1000)
        if version > LATEST_VERSION:
            raise StoreTooNewError(path, version, LATEST_VERSION)
        if migrate_schema and version < LATEST_VERSION:
            retry_busy(lambda: migrate(conn), timeout=BUSY_TIMEOUT_MS / 1000)
    except StoreError:
        if conn is not None:
            conn.close()
        raise
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise translate(exc, path) from exc
    if not memory:
        _remember(conn, path)
        _tighten(path)
    return Database(conn)


def _tighten(path: Path) -> None:
    """Keep the store and its -wal/-shm files owner-only, whatever the umask or an older version left."""
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = stat.S_IMODE(file.stat().st_mode)
            if mode & 0o077:
                os.chmod(file, mode & 0o700)
        except OSError:
            continue  # not there, or not ours to change: reading still works


def tune_for_bulk_writes(db: Database) -> None:
    """Settings for a connection that writes many articles (refresh, import): a 32 MB page cache
    instead of 2 MB (full-text index pages are rewritten often while they are merged) and temporary
    tables in memory (writes stage their rows in one). About 10% less CPU for a 10,000-article refresh."""
    db.conn.execute("PRAGMA cache_size = -32768")
    db.conn.execute("PRAGMA temp_store = MEMORY")


def parse_id(ref: object) -> int | None:
    """``ref`` as a row id if it is one (ASCII digits that fit SQLite's INTEGER), else None.

    ``str.isdigit`` alone accepts "²" and 5000-digit strings, which ``int()``/SQLite then reject.
    """
    if isinstance(ref, int) and not isinstance(ref, bool):
        return ref if 0 <= ref < 2**63 else None
    text = str(ref).strip()
    if text.isascii() and text.isdigit() and len(text) <= 19 and int(text) < 2**63:
        return int(text)
    return None


def store_path(db: Database) -> str:
    """The file behind a connection (for messages); empty for an in-memory store."""
    try:
        for _, name, file in db.conn.execute("PRAGMA database_list"):
            if name == "main":
                return file or ":memory:"
    except sqlite3.Error:
        pass
    return ""


def checkpoint(db: Database, mode: str = "PASSIVE") -> tuple[int, int, int]:
    """Copy the WAL into the store file (e.g. when the app quits); returns (busy, wal pages, copied).

    A checkpoint racing another process can report "locked" without going through the busy handler,
    so it is retried; a reader still holding an old snapshot only makes it partial (busy = 1), never an
    error. ``mode``: PASSIVE, FULL, RESTART or TRUNCATE.
    """
    if mode.upper() not in ("PASSIVE", "FULL", "RESTART", "TRUNCATE"):
        raise ValueError(f"unknown checkpoint mode {mode!r}")
    try:
        row = retry_busy(lambda: db.conn.execute(f"PRAGMA wal_checkpoint({mode.upper()})").fetchone(),
                         timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise translate(exc, store_path(db)) from exc
    return int(row[0]), int(row[1]), int(row[2])


@contextmanager
def transaction(db: Database) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it lands, or none of it (also on KeyboardInterrupt).

    SQLite errors (disk full, read-only, locked too long, corrupt) come out as :class:`StoreError`
    subclasses with a one-line message, after the rollback.
    """
    conn = db.conn
    try:
        # The busy timeout covers ordinary waits; the retry covers the few immediate SQLITE_BUSY returns.
        retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"), timeout=5.0)
    except sqlite3.Error as exc:
        raise translate(exc, store_path(db)) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite already rolled back (e.g. after SQLITE_FULL)
        if isinstance(exc, sqlite3.Error):
            raise translate(exc, store_path(db)) from exc
        raise

"""Opening a store: one SQLite file, WAL mode, foreign keys, a busy timeout, owner-only permissions."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from reader.store.migrations import LATEST_VERSION, migrate, schema_version

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000


class StoreError(Exception):
    """A store problem to show the user as one line (never a traceback)."""


class StoreCorruptError(StoreError):
    """The file at the store path is not a readable SQLite database."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        super().__init__(
            f"{path} is not a usable reader store ({detail}). "
            f"Move it aside with `reader doctor --move-aside` (or rename it) and start again."
        )


class StoreTooNewError(StoreError):
    def __init__(self, path: Path, version: int) -> None:
        super().__init__(
            f"{path} was written by a newer version of reader (schema {version}, this one knows "
            f"{LATEST_VERSION}); upgrade reader to open it."
        )


def _create_private(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"cannot read store {path}: {exc.strerror or exc}") from exc
    if head and head != SQLITE_HEADER:
        raise StoreCorruptError(path, "not an SQLite file")


def connect(path: Path | str) -> sqlite3.Connection:
    """A raw connection in autocommit mode; transactions are explicit (see :func:`transaction`)."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def open_store(path: Path | str, *, migrate_schema: bool = True) -> Database:
    """Open (creating if needed) the store at ``path`` and bring its schema up to date.

    Raises :class:`StoreError` subclasses with a one-line, user-facing message.
    """
    path = Path(path).expanduser()
    if str(path) != ":memory:":
        try:
            _create_private(path)
        except OSError as exc:
            raise StoreError(f"cannot create store {path}: {exc.strerror or exc}") from exc
        _check_header(path)
    try:
        conn = connect(path)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal" and str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = NORMAL")
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreCorruptError(path, str(exc)) from exc
    if version > LATEST_VERSION:
        conn.close()
        raise StoreTooNewError(path, version)
    if migrate_schema and version < LATEST_VERSION:
        try:
            migrate(conn)
        except sqlite3.OperationalError as exc:
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise StoreError(f"store {path} is read-only and needs an upgrade: {exc}") from exc
            raise StoreError(f"cannot upgrade store {path}: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreCorruptError(path, str(exc)) from exc
    return Database(conn)


@contextmanager
def transaction(db: Database) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it lands, or none of it (also on KeyboardInterrupt)."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")

"""Store errors, and the one place where SQLite's error codes become messages a person can act on.

Every ``sqlite3.Error`` that reaches the user passes through :func:`translate` (from
:func:`reader.store.connection.transaction`, :func:`reader.store.connection.open_store` and the CLI's
error handler), so "disk full", "read-only", "corrupt" and "busy" read the same everywhere.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

MOVE_ASIDE_HINT = (
    "Run `reader doctor` to inspect it, or `reader doctor --move-aside` to rename it to "
    "<name>.corrupt-<timestamp> (nothing is deleted) so the next run starts a fresh store."
)


class StoreError(Exception):
    """A store problem to show the user as one line (never a traceback).

    The message is made one inert line here, since it may quote user input or stored text.
    """

    def __init__(self, message: object = "") -> None:
        from reader.ingest.clean import clean_line  # a pure leaf module (no I/O, no store)

        super().__init__(clean_line(str(message)))


class StoreCorruptError(StoreError):
    """The file at the store path is not a readable SQLite database."""

    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = Path(path)
        super().__init__(f"{path} is not a usable reader store ({detail}). {MOVE_ASIDE_HINT}")


class StoreTooNewError(StoreError):
    def __init__(self, path: Path | str, version: int, latest: int | None = None) -> None:
        if latest is None:
            from reader.store.migrations import LATEST_VERSION as latest
        self.path = Path(path)
        self.version = version
        super().__init__(
            f"{path} was written by a newer version of reader (schema {version}, this one knows "
            f"{latest}); upgrade reader to open it. The store was not changed."
        )


class StoreFullError(StoreError):
    """SQLITE_FULL: the disk (or the store's size limit) is full; the transaction was rolled back."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            f"disk full: cannot write to store {path}; the change in progress was rolled back (nothing "
            "half-written). Free some space and run the command again."
        )


class StoreReadOnlyError(StoreError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(
            f"store {path} is read-only (check the permissions of the file and of its directory); "
            "nothing was changed."
        )


class StoreBusyError(StoreError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(
            f"store {path} is busy: another reader process kept it locked for too long; nothing was "
            "changed, try again."
        )


class StoreIOError(StoreError):
    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(
            f"disk I/O error on store {path} ({detail}); the change in progress was rolled back. "
            "Check free space and the disk (the file size limit too), then run `reader doctor`."
        )


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(exc: BaseException) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED (by code, or by message for errors raised without one)."""
    if not isinstance(exc, sqlite3.Error):
        return False
    code = _primary_code(exc)
    if code is not None:
        return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(exc).lower()
    return "database is locked" in text or "database table is locked" in text or "busy" in text


def translate(exc: sqlite3.Error, path: Path | str | None) -> StoreError:
    """The user-facing :class:`StoreError` for a raw SQLite error (its cause stays attached)."""
    where = path if path not in (None, "") else "(store)"
    code = _primary_code(exc)
    text = str(exc)
    lowered = text.lower()
    if code == sqlite3.SQLITE_FULL or "database or disk is full" in lowered:
        error: StoreError = StoreFullError(where)
    elif code == sqlite3.SQLITE_READONLY or "readonly" in lowered or "read-only" in lowered:
        error = StoreReadOnlyError(where)
    elif is_busy(exc):
        error = StoreBusyError(where)
    elif code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in lowered \
            or "not a database" in lowered:
        error = StoreCorruptError(where, text)
    elif code == sqlite3.SQLITE_CANTOPEN or "unable to open" in lowered:
        error = StoreError(
            f"cannot open store {where}: {text} (check that its directory exists and is writable)"
        )
    elif code == sqlite3.SQLITE_PERM:
        error = StoreError(f"permission denied on store {where}: {text}")
    elif code == sqlite3.SQLITE_IOERR or "disk i/o error" in lowered:
        error = StoreIOError(where, text)
    else:
        error = StoreError(f"store error on {where}: {text}")
    error.__cause__ = exc
    return error


def retry_busy(action: Callable[[], T], *, timeout: float = 30.0, first_delay: float = 0.005) -> T:
    """Run ``action``, retrying while SQLite says busy/locked, for up to ``timeout`` seconds.

    SQLite's own busy handler (``busy_timeout``) covers ordinary lock waits, but not every path:
    switching the journal mode, WAL recovery right after another process died, and a few checkpoint
    races return SQLITE_BUSY at once. Those are the calls wrapped here; the last error is re-raised.
    """
    deadline = time.monotonic() + timeout
    delay = first_delay
    while True:
        try:
            return action()
        except sqlite3.Error as exc:
            if not is_busy(exc) or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.25)

"""Check a store file without changing it, and move a bad one aside (never delete, never overwrite).

Used by ``reader doctor``. Opens the file read-only and never migrates it, so it works on stores that
:func:`reader.store.open_store` refuses (corrupt, foreign, from a newer version).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from reader.store.connection import check_file, file_size
from reader.store.errors import StoreCorruptError, StoreError, translate
from reader.store.migrations import LATEST_VERSION

SIDE_FILES = ("-wal", "-shm", "-journal")
_COUNTS = {
    "articles": "SELECT count(*) FROM articles",
    "unread": "SELECT count(*) FROM articles WHERE read_at IS NULL",
    "bookmarked": "SELECT count(*) FROM articles WHERE bookmarked_at IS NOT NULL",
    "tags": "SELECT count(*) FROM tags",
    "tagged": "SELECT count(*) FROM article_tags",
    "feeds": "SELECT count(*) FROM feeds",
    "entities": "SELECT count(*) FROM entities",
}


@dataclass
class Health:
    """What ``reader doctor`` found.

    ``status``: ok, missing, old (upgraded on next open), corrupt, foreign, directory, too-new, unreadable.
    """

    path: str
    status: str = "ok"
    problems: list[str] = field(default_factory=list)
    size: int | None = None
    mode: str | None = None
    wal_size: int | None = None
    schema_version: int | None = None
    latest_version: int = LATEST_VERSION
    integrity: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "missing", "old")

    @property
    def movable(self) -> bool:
        """Only an unusable store is moved aside; a healthy or newer one is left alone."""
        return self.status in ("corrupt", "foreign", "directory")

    def to_dict(self) -> dict:
        return {**asdict(self), "ok": self.ok}


def _connect_read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


def _failed(health: Health, exc: sqlite3.Error) -> None:
    """Damage makes the store "corrupt" (movable); anything else (permissions, locks, I/O) "unreadable",
    which is never moved aside: the file may be fine."""
    error = translate(exc, health.path)
    corrupt = isinstance(error, StoreCorruptError)
    health.status = "corrupt" if corrupt else "unreadable"
    health.problems.append(str(exc) if corrupt else str(error))


def inspect_store(path: Path, *, quick: bool = False) -> Health:
    """Examine the store at ``path``: file kind, schema version, integrity check, counts."""
    health = Health(path=str(path))
    if not path.exists() and not path.is_symlink():
        health.status = "missing"
        health.problems.append("no store yet (one is created on first use)")
        return health
    if path.is_dir():
        health.status = "directory"
        health.problems.append("the store path is a directory, not a file")
        return health
    info = path.stat()
    health.size = info.st_size
    health.mode = oct(stat.S_IMODE(info.st_mode))
    health.wal_size = file_size(Path(f"{path}-wal"))
    if stat.S_IMODE(info.st_mode) & 0o077:
        health.problems.append(f"readable by others (mode {health.mode}); reader keeps it 0600")
    if info.st_size == 0:
        health.problems.append("empty file (a fresh store will be created in it)")
        return health
    try:
        check_file(path)
    except StoreError as exc:
        health.status = "foreign" if "not an SQLite file" in str(exc) else "corrupt"
        health.problems.append(str(exc).split(" (", 1)[-1].split(")", 1)[0])
        return health
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as exc:
        _failed(health, exc)
        return health
    try:
        health.schema_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        pragma = "quick_check" if quick else "integrity_check"
        health.integrity = [row[0] for row in conn.execute(f"PRAGMA {pragma}(20)")]
        if health.integrity != ["ok"]:
            health.status = "corrupt"
            health.problems.append(f"{pragma} failed: {health.integrity[0]}")
            return health
        if health.schema_version > LATEST_VERSION:
            health.status = "too-new"
            health.problems.append(
                f"written by a newer reader (schema {health.schema_version}, this one knows {LATEST_VERSION})"
            )
            return health
        if health.schema_version < LATEST_VERSION:
            health.status = "old"
            health.problems.append(
                f"schema {health.schema_version}; it is upgraded to {LATEST_VERSION} when next opened"
            )
        for name, sql in _COUNTS.items():
            try:
                health.counts[name] = int(conn.execute(sql).fetchone()[0])
            except sqlite3.OperationalError:
                continue  # table not there yet in an old schema
    except sqlite3.Error as exc:
        _failed(health, exc)
    finally:
        conn.close()
    return health


def _aside_name(path: Path, stamp: str, attempt: int) -> Path:
    suffix = f".corrupt-{stamp}" + (f"-{attempt}" if attempt else "")
    return path.with_name(path.name + suffix)


def _move_no_clobber(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst``, failing (FileExistsError) rather than replacing an existing ``dst``."""
    if src.is_dir():
        if dst.exists():
            raise FileExistsError(dst)
        os.rename(src, dst)
        return
    os.link(src, dst)  # atomic and refuses to overwrite
    os.unlink(src)


def move_aside(path: Path, now: datetime | None = None) -> list[tuple[str, str]]:
    """Rename the store (and its -wal/-shm/-journal files) to ``<name>.corrupt-<timestamp>``.

    Returns ``[(old, new), ...]``. Never deletes and never overwrites: an existing target gets a
    ``-1``, ``-2``... suffix. The side files move too, so a fresh store never replays an old WAL.
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    for attempt in range(1000):
        target = _aside_name(path, stamp, attempt)
        if any(Path(f"{target}{s}").exists() for s in ("", *SIDE_FILES)):
            continue
        try:
            _move_no_clobber(path, target)
        except FileExistsError:
            continue
        moved = [(str(path), str(target))]
        for suffix in SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if side.exists():
                _move_no_clobber(side, Path(f"{target}{suffix}"))
                moved.append((str(side), f"{target}{suffix}"))
        return moved
    raise StoreError(f"cannot find a free name to move {path} aside")

"""Store connections for the app: one for the UI thread, one per worker thread.

SQLite connections must not be shared between threads that use them at the same time, so each thread
gets its own (``threading.local``); Textual runs thread workers on a reused executor, so a worker
thread opens its connection once and keeps it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlite_utils import Database

from reader.store import open_store


class StoreAccess:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._all: list[Database] = []
        self._lock = threading.Lock()

    @property
    def db(self) -> Database:
        """This thread's connection (opened on first use)."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = open_store(self.path)
            self._local.db = db
            with self._lock:
                self._all.append(db)
        return db

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                try:
                    db.conn.close()
                except Exception:  # noqa: BLE001 - closing at exit must not raise
                    pass
            self._all.clear()
        self._local = threading.local()

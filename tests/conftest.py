"""Shared fixtures: every test gets its own data, config and cache dirs and a real store file."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "asharq-al-awsat-2-articles.txt"
ECBPLUS = SHARED / "eval" / "related" / "ecbplus-dev.jsonl"
WIKINEWS = SHARED / "eval" / "news" / "wikinews.jsonl"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the user's real config or data: point every path at a temp dir."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("READER_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("READER_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("READER_CACHE_DIR", str(base / "cache"))
    monkeypatch.delenv("READER_DB", raising=False)
    # no detached `reader enrich` after imports in tests (tests that want it call it themselves)
    monkeypatch.setenv("READER_BACKGROUND_ENRICH", "0")
    monkeypatch.delenv("READER_CONFIG", raising=False)
    return base


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def db(db_path: Path):
    from reader.store import open_store

    database = open_store(db_path)
    yield database
    database.conn.close()


@pytest.fixture
def sample_db(db):
    """A store holding the two sample articles."""
    from reader.importing import import_paths

    result = import_paths(db, [SAMPLE], source="Asharq Al-Awsat")
    assert result.imported == 2
    return db


@pytest.fixture
def feed_server():
    """A real HTTP server on 127.0.0.1 serving the shared feed files and misbehaving endpoints."""
    from tests.feeds_server import FeedServer

    server = FeedServer().start()
    yield server
    server.stop()

"""Every earlier schema version upgrades to the latest with its data intact."""

from __future__ import annotations

import json

import pytest

from reader.store import LATEST_VERSION, ArticleFilter, list_articles, open_store
from reader.store.connection import connect
from reader.store.migrations import migrate, schema_version


@pytest.mark.parametrize("version", range(1, LATEST_VERSION))
def test_upgrade_from_every_version(tmp_path, version) -> None:
    path = tmp_path / f"v{version}.db"
    conn = connect(path)
    migrate(conn, target=version)
    assert schema_version(conn) == version
    conn.execute(
        "INSERT INTO articles (guid, title, body, added, content_hash, captions) VALUES (?, ?, ?, ?, ?, ?)",
        ("old-1", "Türkiye story", "Body about Türkiye", "2020-01-01T00:00:00Z", "h1", json.dumps(["cap"])),
    )
    conn.close()
    db = open_store(path)
    assert schema_version(db.conn) == LATEST_VERSION
    rows = list_articles(db, ArticleFilter(search="turkiye"))
    assert [r.title for r in rows] == ["Türkiye story"]
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_fresh_store_is_latest(db) -> None:
    assert schema_version(db.conn) == LATEST_VERSION


def test_related_index_rows_count_as_fresh_after_the_staleness_upgrade(tmp_path) -> None:
    """Migration 7 records when each article was indexed; an upgrade must not re-index a whole store."""
    from reader.importing import import_paths
    from reader.related import INDEX_VERSION, STALE_GROWTH, index_pending
    from reader.store.related_index import pending_ids
    from tests.conftest import SAMPLE

    path = tmp_path / "v6.db"
    db = open_store(path)
    import_paths(db, [SAMPLE], source="Asharq Al-Awsat")
    db.conn.execute("ALTER TABLE related_docs DROP COLUMN indexed_docs")
    db.conn.execute("PRAGMA user_version = 6")
    db.conn.close()
    db = open_store(path)
    assert schema_version(db.conn) == LATEST_VERSION
    assert db.conn.execute("SELECT indexed_docs FROM related_docs").fetchall() == [(2,), (2,)]
    assert pending_ids(db, INDEX_VERSION, stale_growth=STALE_GROWTH) == []
    assert index_pending(db) == 0

"""The store on a real SQLite file: dedupe, FTS, tags, state, transactions."""

from __future__ import annotations

import os
import stat

import pytest

from reader.models import Article
from reader.store import (
    ArticleFilter,
    ArticleNotFoundError,
    SearchQueryError,
    StoreCorruptError,
    StoreTooNewError,
    TagError,
    add_articles,
    add_tags,
    count_articles,
    get_article,
    list_articles,
    list_tags,
    mark_all_read,
    open_store,
    remove_tags,
    set_bookmark,
    set_read,
    set_tags,
    toggle_bookmark,
)


def test_store_settings(db, db_path) -> None:
    conn = db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600


def test_same_guid_updates_and_keeps_state(db) -> None:
    add_articles(db, [Article(title="Old title", body="old body text", guid="g-1")])
    [row] = list_articles(db)
    set_bookmark(db, row.id)
    add_tags(db, row.id, ["keep"])
    result = add_articles(db, [Article(title="New title", body="new body text", guid="g-1")])
    assert (result.imported, result.updated, result.duplicates) == (0, 1, 0)
    article = get_article(db, row.id)
    assert article.title == "New title" and article.body == "new body text"
    assert article.is_bookmarked and article.tags == ["keep"]
    assert count_articles(db) == 1


def test_same_url_updates(db) -> None:
    add_articles(db, [Article(title="A", body="first version", url="https://x.test/a")])
    result = add_articles(db, [Article(title="A", body="second version", url="https://x.test/a")])
    assert result.updated == 1 and count_articles(db) == 1


def test_same_normalised_content_is_duplicate(db) -> None:
    add_articles(db, [Article(title="Story", body="The Quick brown fox, jumps!")])
    result = add_articles(db, [Article(title="Story (copy)", body="the quick  BROWN fox jumps")])
    assert result.duplicates == 1 and count_articles(db) == 1


def test_import_twice_adds_nothing(db) -> None:
    batch = [Article(title=f"T{i}", body=f"body number {i}", guid=f"id{i}") for i in range(1200)]
    first = add_articles(db, batch, batch_size=500)
    second = add_articles(db, [Article(title=f"T{i}", body=f"body number {i}", guid=f"id{i}") for i in range(1200)])
    assert first.imported == 1200 and second.imported == 0 and second.duplicates == 1200
    assert count_articles(db) == 1200


def test_failed_batch_leaves_nothing_half_written(db) -> None:
    def articles():
        yield Article(title="ok one", body="fine")
        yield Article(title="ok two", body="fine too")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        add_articles(db, articles(), batch_size=10)
    assert count_articles(db) == 0


def test_fts_folds_case_and_diacritics(sample_db) -> None:
    for query in ["Turkiye", "TÜRKIYE", "türkiye", '"Black Sea"', "al-Assad", "guler"]:
        rows = list_articles(sample_db, ArticleFilter(search=query))
        assert [r.title[:7] for r in rows] == ["Türkiye"], query
    both = list_articles(sample_db, ArticleFilter(search="Reuters"))
    assert len(both) == 2


@pytest.mark.parametrize("query", ['"', "AND", "a AND", "NOT x", "(", "*", "col:val", "a OR OR b", "-", "\x00"])
def test_user_query_syntax_never_raises_fts_errors(sample_db, query) -> None:
    try:
        list_articles(sample_db, ArticleFilter(search=query))
    except SearchQueryError:
        pass  # a clear "nothing to search for" message is fine; an sqlite error is not


def test_tags(sample_db) -> None:
    assert set_tags(sample_db, 1, ["Libya", "drones"]) == ["drones", "Libya"]
    assert add_tags(sample_db, 2, ["libya"]) == ["Libya"]  # case-insensitive: one tag
    assert list_tags(sample_db) == [("Libya", 2), ("drones", 1)]
    assert [r.id for r in list_articles(sample_db, ArticleFilter(tag="LIBYA"))] == [2, 1]
    assert remove_tags(sample_db, 1, ["drones"]) == ["Libya"]
    assert list_tags(sample_db) == [("Libya", 2)]
    with pytest.raises(TagError):
        add_tags(sample_db, 1, ["  \x1b  "])
    with pytest.raises(ArticleNotFoundError):
        add_tags(sample_db, 999, ["x"])


def test_read_and_bookmark_filters(sample_db) -> None:
    set_read(sample_db, 1)
    assert [r.id for r in list_articles(sample_db, ArticleFilter(unread=True))] == [2]
    assert toggle_bookmark(sample_db, 2) is True
    assert [r.id for r in list_articles(sample_db, ArticleFilter(bookmarked=True))] == [2]
    assert toggle_bookmark(sample_db, 2) is False
    assert mark_all_read(sample_db, ArticleFilter()) == 1
    assert count_articles(sample_db, ArticleFilter(unread=True)) == 0


def test_corrupt_file_is_refused_not_overwritten(tmp_path) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(b"this is not a database at all" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreCorruptError):
        open_store(path)
    assert path.read_bytes() == before


def test_newer_schema_refused(tmp_path) -> None:
    path = tmp_path / "store.db"
    db = open_store(path)
    db.conn.execute("PRAGMA user_version = 999")
    db.conn.close()
    with pytest.raises(StoreTooNewError):
        open_store(path)

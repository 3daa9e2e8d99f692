"""Tags: many-to-many between articles and case-insensitive tag names."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence

from sqlite_utils import Database

from reader.ingest.clean import sanitize  # a pure leaf module: no I/O, no store
from reader.store.connection import StoreError, transaction

MAX_TAG_LENGTH = 64


class TagError(StoreError):
    pass


def clean_tag(name: str) -> str:
    """A tag as stored: printable, single-spaced, trimmed; raises :class:`TagError` if nothing is left."""
    # Escape sequences go whole (not just their ESC byte), then any other control/format/space char.
    text = "".join(
        " " if unicodedata.category(ch).startswith(("C", "Z")) else ch for ch in sanitize(str(name))
    )
    text = " ".join(text.split()).strip(" ,#")
    if not text:
        raise TagError(f"not a usable tag name: {name!r}")
    if len(text) > MAX_TAG_LENGTH:
        raise TagError(f"tag name longer than {MAX_TAG_LENGTH} characters: {text[:20]}…")
    return text


def _tag_id(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
    if row:
        return row[0]
    return conn.execute("INSERT INTO tags (name) VALUES (?)", (name,)).lastrowid


def _add_tags_conn(conn: sqlite3.Connection, article_id: int, names: Iterable[str]) -> None:
    for name in names:
        tag = clean_tag(name)
        conn.execute(
            "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
            (article_id, _tag_id(conn, tag)),
        )


def _require(conn: sqlite3.Connection, article_id: int) -> None:
    from reader.store.articles import ArticleNotFoundError

    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        raise ArticleNotFoundError(article_id)


def add_tags(db: Database, article_id: int, names: Sequence[str]) -> list[str]:
    cleaned = [clean_tag(n) for n in names]  # validate everything before writing anything
    with transaction(db) as conn:
        _require(conn, article_id)
        _add_tags_conn(conn, article_id, cleaned)
    return tags_for(db, [article_id]).get(article_id, [])


def remove_tags(db: Database, article_id: int, names: Sequence[str]) -> list[str]:
    cleaned = [clean_tag(n) for n in names]
    with transaction(db) as conn:
        _require(conn, article_id)
        _remove_tags_conn(conn, article_id, cleaned)
        _drop_unused(conn)
    return tags_for(db, [article_id]).get(article_id, [])


def set_tags(db: Database, article_id: int, names: Sequence[str]) -> list[str]:
    """Replace an article's tags with exactly ``names``."""
    cleaned = [clean_tag(n) for n in names]
    with transaction(db) as conn:
        _require(conn, article_id)
        conn.execute("DELETE FROM article_tags WHERE article_id = ?", (article_id,))
        _add_tags_conn(conn, article_id, cleaned)
        _drop_unused(conn)
    return tags_for(db, [article_id]).get(article_id, [])


def change_tags(db: Database, article_id: int, add: Sequence[str] = (), remove: Sequence[str] = ()) -> list[str]:
    """Add ``add`` and take away ``remove`` in one transaction, leaving every other tag as it is.

    An editor that showed the tags a moment ago saves with this rather than :func:`set_tags`, so a tag
    another process (``reader tag``, a refresh's feed tags) added meanwhile is kept, not silently lost.
    """
    to_add = [clean_tag(n) for n in add]
    to_remove = [clean_tag(n) for n in remove]
    with transaction(db) as conn:
        _require(conn, article_id)
        _add_tags_conn(conn, article_id, to_add)
        _remove_tags_conn(conn, article_id, to_remove)
        _drop_unused(conn)
    return tags_for(db, [article_id]).get(article_id, [])


def _remove_tags_conn(conn: sqlite3.Connection, article_id: int, names: Sequence[str]) -> None:
    conn.executemany(
        "DELETE FROM article_tags WHERE article_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)",
        [(article_id, name) for name in names],
    )


def _drop_unused(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT DISTINCT tag_id FROM article_tags)")


def tags_for(db: Database, article_ids: Sequence[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    ids = list(article_ids)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for article_id, name in db.conn.execute(
            f"SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id "
            f"WHERE at.article_id IN ({marks}) ORDER BY t.name COLLATE NOCASE",
            chunk,
        ):
            result.setdefault(article_id, []).append(name)
    return result


def list_tags(db: Database) -> list[tuple[str, int]]:
    """Every tag with its article count, most used first."""
    return [
        (name, count)
        for name, count in db.conn.execute(
            "SELECT t.name, count(at.article_id) AS n FROM tags t "
            "LEFT JOIN article_tags at ON at.tag_id = t.id GROUP BY t.id "
            "ORDER BY n DESC, t.name COLLATE NOCASE"
        )
    ]

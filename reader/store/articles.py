"""Articles: batched, deduplicating writes; paged reads; read and bookmark state."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from reader.models import Article, ArticleSummary, ImportResult
from reader.store.connection import StoreError, transaction
from reader.store.search import fts_query
from reader.store.tags import _add_tags_conn, tags_for
from reader.textnorm import content_hash
from reader.timeutil import now_utc

BATCH_SIZE = 500

_FIELDS = (
    "guid, url, title, source, author, published, added, summary, body, captions, content_hash, "
    "read_at, bookmarked_at, feed_id, enclosures"
)


class ArticleNotFoundError(StoreError):
    def __init__(self, article_id: object) -> None:
        super().__init__(f"no article with id {article_id}")


@dataclass
class ArticleFilter:
    """What the list shows. All conditions combine with AND."""

    tag: str | None = None
    feed_id: int | None = None
    bookmarked: bool = False
    unread: bool = False
    search: str | None = None
    entity_id: int | None = None
    source: str | None = None
    order: str | None = None  # "newest" (default) or "relevance" (default when searching)

    def describe(self) -> str:
        parts = []
        if self.unread:
            parts.append("Unread")
        if self.bookmarked:
            parts.append("Bookmarked")
        if self.tag:
            parts.append(f"#{self.tag}")
        if self.feed_id is not None:
            parts.append(f"feed {self.feed_id}")
        if self.entity_id is not None:
            parts.append(f"entity {self.entity_id}")
        if self.source:
            parts.append(f"source {self.source}")
        if self.search:
            parts.append(f"/{self.search}")
        return " · ".join(parts) or "All"


def _row_to_article(row: sqlite3.Row | tuple, columns: Sequence[str]) -> Article:
    data = dict(zip(columns, row, strict=True))
    data["captions"] = json.loads(data.get("captions") or "[]")
    data["enclosures"] = json.loads(data.get("enclosures") or "[]")
    data.pop("sort_key", None)
    data.pop("nlp_version", None)
    return Article(**data)


def _find_existing(conn: sqlite3.Connection, article: Article) -> tuple[int, str, str] | None:
    """Same guid (within its feed), else same URL: the same article, to be updated."""
    if article.guid:
        row = conn.execute(
            # "+feed_id" keeps the planner on the guid index: with the feed index, "feed_id IS NULL"
            # matched every imported article and made each new insert scan the whole table.
            "SELECT id, content_hash, title FROM articles WHERE guid = ? AND +feed_id IS ? LIMIT 1",
            (article.guid, article.feed_id),
        ).fetchone()
        if row:
            return row
    if article.url:
        row = conn.execute(
            "SELECT id, content_hash, title FROM articles WHERE url = ? LIMIT 1", (article.url,)
        ).fetchone()
        if row:
            return row
    return None


def write_article(conn: sqlite3.Connection, article: Article, added: str, result: ImportResult,
               extra_tags: Sequence[str]) -> None:
    """Insert or update one article inside an open transaction, deduplicating (see add_articles)."""
    article.content_hash = article.content_hash or content_hash(article.title, article.body)
    existing = _find_existing(conn, article)
    if existing:
        article_id, old_hash, old_title = existing
        if old_hash == article.content_hash and old_title == article.title:
            result.duplicates += 1
        else:
            conn.execute(
                """UPDATE articles SET title = ?, body = ?, summary = ?, captions = ?, author = COALESCE(?, author),
                   published = COALESCE(?, published), url = COALESCE(?, url), content_hash = ?,
                   source = COALESCE(?, source), enclosures = ?,
                   sort_key = COALESCE(?, published, added), nlp_version = NULL
                   WHERE id = ?""",
                (article.title, article.body, article.summary, json.dumps(article.captions, ensure_ascii=False),
                 article.author, article.published, article.url, article.content_hash, article.source,
                 json.dumps(article.enclosures, ensure_ascii=False), article.published, article_id),
            )
            result.updated += 1
            result.ids.append(article_id)
        _add_tags_conn(conn, article_id, [*article.tags, *extra_tags])
        article.id = article_id
        return
    dupe = conn.execute(
        "SELECT id FROM articles WHERE content_hash = ? LIMIT 1", (article.content_hash,)
    ).fetchone()
    if dupe:
        result.duplicates += 1
        article.id = dupe[0]
        _add_tags_conn(conn, dupe[0], [*article.tags, *extra_tags])
        return
    _insert(conn, article, added, result, extra_tags)


def _insert(conn: sqlite3.Connection, article: Article, added: str, result: ImportResult,
            extra_tags: Sequence[str]) -> None:
    cursor = conn.execute(
        f"INSERT INTO articles ({_FIELDS}, sort_key) VALUES ({', '.join('?' * 15)}, ?)",
        (article.guid, article.url, article.title, article.source, article.author, article.published,
         added, article.summary, article.body, json.dumps(article.captions, ensure_ascii=False), article.content_hash,
         article.read_at, article.bookmarked_at, article.feed_id, json.dumps(article.enclosures, ensure_ascii=False),
         article.published or added),
    )
    article.id = cursor.lastrowid
    result.imported += 1
    result.ids.append(article.id)
    if article.tags or extra_tags:
        _add_tags_conn(conn, article.id, [*article.tags, *extra_tags])


def _present(conn: sqlite3.Connection, column: str, values: set) -> set:
    """Which of ``values`` occur in ``articles.<column>`` (a few queries, not one per value)."""
    found: set = set()
    items = [v for v in values if v is not None]
    for start in range(0, len(items), 500):
        chunk = items[start:start + 500]
        found.update(row[0] for row in conn.execute(
            f"SELECT DISTINCT {column} FROM articles WHERE {column} IN ({', '.join('?' * len(chunk))})", chunk))
    return found


def write_articles(conn: sqlite3.Connection, articles: Sequence[Article], added: str, result: ImportResult,
                   extra_tags: Sequence[str] = ()) -> None:
    """:func:`write_article` for many articles, with the same outcome, in far fewer statements."""
    write_article_groups(conn, [(articles, result, extra_tags)], added)


_STAGED = "temp.reader_staged_articles"
_STAGED_COLUMNS = f"id, {_FIELDS}, sort_key"


def write_article_groups(conn: sqlite3.Connection,
                         groups: Sequence[tuple[Sequence[Article], ImportResult, Sequence[str]]], added: str) -> None:
    """Write groups of articles (say, one group per feed, each with its own result and extra tags)
    inside an open transaction, with exactly the outcome of :func:`write_article` on each in turn.

    An article whose guid, URL and content hash occur nowhere in the store (nor earlier in this call)
    is new for certain: such articles are staged and inserted by one ``INSERT ... SELECT``, which
    lets the full-text index take them in one statement (FTS5 flushes its pending terms at every
    statement, so row-by-row inserts cost twice as much). Any other article first flushes what is
    staged, then goes through :func:`write_article`.
    """
    everything = [article for articles, _, _ in groups for article in articles]
    for article in everything:
        article.content_hash = article.content_hash or content_hash(article.title, article.body)
    guids = _present(conn, "guid", {a.guid for a in everything})
    urls = _present(conn, "url", {a.url for a in everything})
    hashes = _present(conn, "content_hash", {a.content_hash for a in everything})
    staged: list[tuple[Article, ImportResult, Sequence[str]]] = []

    def flush() -> None:
        if not staged:
            return
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS reader_staged_articles ({_STAGED_COLUMNS})")
        # INTEGER PRIMARY KEY without AUTOINCREMENT: SQLite itself would pick max(id)+1, +2, ...
        first = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM articles").fetchone()[0]
        rows = []
        for offset, (article, _, _) in enumerate(staged):
            article.id = first + offset
            rows.append((article.id, article.guid, article.url, article.title, article.source, article.author,
                         article.published, added, article.summary, article.body,
                         json.dumps(article.captions, ensure_ascii=False), article.content_hash, article.read_at,
                         article.bookmarked_at, article.feed_id, json.dumps(article.enclosures, ensure_ascii=False),
                         article.published or added))
        conn.executemany(f"INSERT INTO {_STAGED} VALUES ({', '.join('?' * 17)})", rows)
        conn.execute(f"INSERT INTO main.articles ({_STAGED_COLUMNS}) SELECT {_STAGED_COLUMNS} FROM {_STAGED} "
                     "ORDER BY id")
        conn.execute(f"DELETE FROM {_STAGED}")
        for article, result, extra_tags in staged:
            result.ids.append(article.id)
            if article.tags or extra_tags:
                _add_tags_conn(conn, article.id, [*article.tags, *extra_tags])
        staged.clear()

    for articles, result, extra_tags in groups:
        for article in articles:
            if (article.guid is None or article.guid not in guids) and (
                    article.url is None or article.url not in urls) and article.content_hash not in hashes:
                staged.append((article, result, extra_tags))
                result.imported += 1
            else:
                flush()
                write_article(conn, article, added, result, extra_tags)
            # Later articles of this call see this one as stored.
            guids.add(article.guid)
            urls.add(article.url)
            hashes.add(article.content_hash)
    flush()


def add_articles(db: Database, articles: Iterable[Article], *, tags: Sequence[str] = (),
                 batch_size: int = BATCH_SIZE) -> ImportResult:
    """Insert or update articles in batched transactions, deduplicating as it goes.

    Same guid (in the same feed) or same URL updates the stored article and keeps its read,
    bookmark and tag state; the same normalised content is counted as a duplicate and skipped.
    Each batch is one transaction, so an interrupted import never leaves half an article.
    """
    result = ImportResult()
    batch: list[Article] = []

    def flush() -> None:
        if not batch:
            return
        added = now_utc()
        with transaction(db) as conn:
            for article in batch:
                write_article(conn, article, added, result, tags)
        batch.clear()

    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            flush()
    flush()
    return result


def get_article(db: Database, article_id: int) -> Article:
    cursor = db.conn.execute(f"SELECT id, {_FIELDS} FROM articles WHERE id = ?", (article_id,))
    row = cursor.fetchone()
    if row is None:
        raise ArticleNotFoundError(article_id)
    article = _row_to_article(row, [c[0] for c in cursor.description])
    article.tags = tags_for(db, [article_id]).get(article_id, [])
    return article


def _where(flt: ArticleFilter) -> tuple[str, list[object], bool]:
    """SQL conditions for a filter; the bool says whether the FTS table is joined."""
    clauses: list[str] = []
    params: list[object] = []
    if flt.unread:
        clauses.append("a.read_at IS NULL")
    if flt.bookmarked:
        clauses.append("a.bookmarked_at IS NOT NULL")
    if flt.feed_id is not None:
        clauses.append("a.feed_id = ?")
        params.append(flt.feed_id)
    if flt.source:
        clauses.append("a.source = ?")
        params.append(flt.source)
    if flt.tag:
        clauses.append(
            "a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id "
            "WHERE t.name = ?)"
        )
        params.append(flt.tag)
    if flt.entity_id is not None:
        clauses.append("a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)")
        params.append(flt.entity_id)
    uses_fts = bool(flt.search and flt.search.strip())
    if uses_fts:
        clauses.append("articles_fts MATCH ?")
        params.append(fts_query(flt.search or ""))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params, uses_fts


def _from(uses_fts: bool) -> str:
    if uses_fts:
        return "articles_fts JOIN articles a ON a.id = articles_fts.rowid"
    return "articles a"


def _order(flt: ArticleFilter, uses_fts: bool) -> str:
    order = flt.order or ("relevance" if uses_fts else "newest")
    if order == "relevance" and uses_fts:
        return " ORDER BY articles_fts.rank, a.id DESC"
    return " ORDER BY a.sort_key DESC, a.id DESC"


def _run_filtered(db: Database, sql: str, params: list[object]) -> sqlite3.Cursor:
    try:
        return db.conn.execute(sql, params)
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "MATCH" in str(exc):
            raise StoreError(f"cannot search for that: {exc}") from exc
        raise


def article_ids(db: Database, flt: ArticleFilter | None = None, *, limit: int | None = None,
                offset: int = 0) -> list[int]:
    """Ids in list order; cheap enough for a whole filter at 100,000 articles (integers only)."""
    flt = flt or ArticleFilter()
    where, params, uses_fts = _where(flt)
    sql = f"SELECT a.id FROM {_from(uses_fts)}{where}{_order(flt, uses_fts)}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [row[0] for row in _run_filtered(db, sql, params)]


def newest_article_id(db: Database) -> int:
    """The highest article id (0 for an empty store): it grows whenever any process adds an article, so
    comparing it is a cheap way to notice new articles (one index lookup)."""
    return db.conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]


def count_articles(db: Database, flt: ArticleFilter | None = None) -> int:
    flt = flt or ArticleFilter()
    where, params, uses_fts = _where(flt)
    return _run_filtered(db, f"SELECT count(*) FROM {_from(uses_fts)}{where}", params).fetchone()[0]


def summaries(db: Database, ids: Sequence[int]) -> list[ArticleSummary]:
    """List rows for these ids, in the order given (missing ids are skipped)."""
    if not ids:
        return []
    rows: dict[int, ArticleSummary] = {}
    for start in range(0, len(ids), 900):
        chunk = list(ids[start : start + 900])
        marks = ",".join("?" * len(chunk))
        for row in db.conn.execute(
            f"SELECT id, title, source, published, read_at, bookmarked_at, feed_id, guid, added "
            f"FROM articles WHERE id IN ({marks})",
            chunk,
        ):
            rows[row[0]] = ArticleSummary(
                id=row[0], title=row[1], source=row[2], published=row[3], added=row[8],
                read=row[4] is not None, bookmarked=row[5] is not None, feed_id=row[6], guid=row[7],
            )
    tag_map = tags_for(db, list(rows))
    for article_id, summary in rows.items():
        summary.tags = tag_map.get(article_id, [])
    return [rows[i] for i in ids if i in rows]


def list_articles(db: Database, flt: ArticleFilter | None = None, *, limit: int | None = 50,
                  offset: int = 0) -> list[ArticleSummary]:
    return summaries(db, article_ids(db, flt, limit=limit, offset=offset))


def _require(conn: sqlite3.Connection, article_id: int) -> None:
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        raise ArticleNotFoundError(article_id)


def set_read(db: Database, article_ids_: int | Sequence[int], read: bool = True) -> int:
    """Mark read (or unread). Returns how many articles changed state."""
    ids = [article_ids_] if isinstance(article_ids_, int) else list(article_ids_)
    changed = 0
    with transaction(db) as conn:
        if len(ids) == 1:
            _require(conn, ids[0])
        stamp = now_utc() if read else None
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            cond = "read_at IS NULL" if read else "read_at IS NOT NULL"
            changed += conn.execute(
                f"UPDATE articles SET read_at = ? WHERE id IN ({marks}) AND {cond}", [stamp, *chunk]
            ).rowcount
    return changed


def set_bookmark(db: Database, article_id: int, on: bool = True) -> bool:
    """Bookmark (or un-bookmark) one article; returns the new state."""
    with transaction(db) as conn:
        _require(conn, article_id)
        if on:
            conn.execute(
                "UPDATE articles SET bookmarked_at = COALESCE(bookmarked_at, ?) WHERE id = ?",
                (now_utc(), article_id),
            )
        else:
            conn.execute("UPDATE articles SET bookmarked_at = NULL WHERE id = ?", (article_id,))
    return on


def toggle_bookmark(db: Database, article_id: int) -> bool:
    row = db.conn.execute("SELECT bookmarked_at FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise ArticleNotFoundError(article_id)
    return set_bookmark(db, article_id, row[0] is None)


def toggle_read(db: Database, article_id: int) -> bool:
    row = db.conn.execute("SELECT read_at FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise ArticleNotFoundError(article_id)
    set_read(db, article_id, row[0] is None)
    return row[0] is None


def mark_all_read(db: Database, flt: ArticleFilter | None = None) -> int:
    """Mark every article the filter shows as read (what `A` does in the app)."""
    return set_read(db, article_ids(db, flt), True)


def delete_articles(db: Database, ids: Sequence[int]) -> int:
    with transaction(db) as conn:
        deleted = 0
        for start in range(0, len(ids), 900):
            chunk = list(ids[start : start + 900])
            deleted += conn.execute(
                f"DELETE FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ).rowcount
    return deleted


def iter_articles(db: Database, flt: ArticleFilter | None = None, *, chunk: int = 200):
    """Full articles in list order, loaded a chunk at a time (for export)."""
    ids = article_ids(db, flt)
    for start in range(0, len(ids), chunk):
        for article_id in ids[start : start + chunk]:
            try:
                yield get_article(db, article_id)
            except ArticleNotFoundError:
                continue


def store_stats(db: Database) -> dict[str, object]:
    conn = db.conn
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "unread": one("SELECT count(*) FROM articles WHERE read_at IS NULL"),
        "bookmarked": one("SELECT count(*) FROM articles WHERE bookmarked_at IS NOT NULL"),
        "feeds": one("SELECT count(*) FROM feeds"),
        "tags": one("SELECT count(*) FROM tags"),
        "sources": one("SELECT count(DISTINCT source) FROM articles"),
        "entities": one("SELECT count(*) FROM entities"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "oldest": one("SELECT min(sort_key) FROM articles"),
        "newest": one("SELECT max(sort_key) FROM articles"),
    }

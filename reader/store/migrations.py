"""Numbered schema migrations keyed on ``PRAGMA user_version``.

Each step moves the schema from version N-1 to N inside one transaction. Never edit a released step:
append a new one. ``tests/unit/test_migrations.py`` builds a store at every earlier version and upgrades it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _script(conn: sqlite3.Connection, sql: str) -> None:
    """Run several statements inside the caller's transaction.

    ``executescript`` would COMMIT first, which breaks the all-or-nothing promise of a step.
    """
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)


def _m1_core(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            site_url TEXT,
            etag TEXT,
            last_modified TEXT,
            last_refresh TEXT,
            last_error TEXT,
            added TEXT NOT NULL
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            guid TEXT,
            url TEXT,
            title TEXT NOT NULL DEFAULT '',
            source TEXT,
            author TEXT,
            published TEXT,
            added TEXT NOT NULL,
            summary TEXT,
            body TEXT NOT NULL DEFAULT '',
            captions TEXT NOT NULL DEFAULT '[]',
            content_hash TEXT NOT NULL,
            read_at TEXT,
            bookmarked_at TEXT,
            feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL
        );
        CREATE INDEX articles_guid ON articles(guid);
        CREATE INDEX articles_url ON articles(url);
        CREATE INDEX articles_hash ON articles(content_hash);
        CREATE INDEX articles_feed ON articles(feed_id);
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE
        );
        CREATE TABLE article_tags (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (article_id, tag_id)
        ) WITHOUT ROWID;
        CREATE INDEX article_tags_tag ON article_tags(tag_id, article_id);
        """,
    )


def _m2_sort_and_state(conn: sqlite3.Connection) -> None:
    """A sort key (published, else added) so newest-first lists use an index at 100k articles."""
    _script(
        conn,
        """
        ALTER TABLE articles ADD COLUMN sort_key TEXT;
        UPDATE articles SET sort_key = COALESCE(published, added);
        CREATE INDEX articles_sort ON articles(sort_key DESC, id DESC);
        CREATE INDEX articles_unread ON articles(sort_key DESC, id DESC) WHERE read_at IS NULL;
        CREATE INDEX articles_bookmarked ON articles(bookmarked_at) WHERE bookmarked_at IS NOT NULL;
        CREATE TABLE feed_tags (
            feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            tag TEXT NOT NULL COLLATE NOCASE,
            PRIMARY KEY (feed_id, tag)
        ) WITHOUT ROWID;
        ALTER TABLE articles ADD COLUMN enclosures TEXT NOT NULL DEFAULT '[]';
        """,
    )


def _m3_fts(conn: sqlite3.Connection) -> None:
    """Full-text index over title, body and captions, folding case and diacritics (Turkiye finds Türkiye)."""
    _script(
        conn,
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, captions, content='articles', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        INSERT INTO articles_fts(rowid, title, body, captions) SELECT id, title, body, captions FROM articles;
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, body, captions) VALUES (new.id, new.title, new.body, new.captions);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body, captions)
            VALUES ('delete', old.id, old.title, old.body, old.captions);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body, captions ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body, captions)
            VALUES ('delete', old.id, old.title, old.body, old.captions);
            INSERT INTO articles_fts(rowid, title, body, captions) VALUES (new.id, new.title, new.body, new.captions);
        END;
        """,
    )


def _m4_entities(conn: sqlite3.Connection) -> None:
    """Canonical entities and their mentions (filled by the recogniser, see reader.nlp)."""
    _script(
        conn,
        """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            label TEXT NOT NULL,
            article_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX entities_label ON entities(label, article_count DESC);
        CREATE TABLE mentions (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            field TEXT NOT NULL DEFAULT 'body',
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL
        );
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE INDEX mentions_entity ON mentions(entity_id, article_id);
        ALTER TABLE articles ADD COLUMN nlp_version TEXT;
        CREATE INDEX articles_nlp ON articles(nlp_version);
        """,
    )


def _m5_related(conn: sqlite3.Connection) -> None:
    """The related-stories index, kept up to date article by article (see reader.store.related_index).

    Nothing is computed here: existing articles are indexed later, in the background or by
    ``reader related --reindex``, so an upgrade never blocks the app for minutes.
    """
    _script(
        conn,
        """
        CREATE TABLE related_terms (
            id INTEGER PRIMARY KEY,
            term TEXT NOT NULL UNIQUE,
            display TEXT,
            df INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE related_docs (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            norm REAL NOT NULL,
            day INTEGER,
            vector BLOB NOT NULL,
            features BLOB NOT NULL
        );
        CREATE TABLE related_postings (
            term_id INTEGER NOT NULL,
            impact INTEGER NOT NULL,
            article_id INTEGER NOT NULL,
            PRIMARY KEY (term_id, impact, article_id)
        ) WITHOUT ROWID;
        CREATE TABLE related_stats (
            key TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO related_stats (key, value) VALUES ('docs', 0);
        CREATE TABLE related_retired (
            article_id INTEGER NOT NULL,
            vector BLOB NOT NULL,
            features BLOB NOT NULL
        );
        CREATE TRIGGER related_docs_retire AFTER DELETE ON related_docs BEGIN
            INSERT INTO related_retired (article_id, vector, features)
            VALUES (old.article_id, old.vector, old.features);
        END;
        """,
    )


def _m6_entity_surnames(conn: sqlite3.Connection) -> None:
    """A person's surname, indexed, so that an article naming only "Erdogan" can be linked to the
    "Recep Tayyip Erdogan" of other articles (see reader.nlp.store_links)."""
    from reader.store.entities import surname_key

    conn.create_function("reader_surname_key", 2, surname_key, deterministic=True)
    _script(
        conn,
        """
        ALTER TABLE entities ADD COLUMN surname TEXT;
        UPDATE entities SET surname = reader_surname_key(name, label) WHERE label = 'PERSON';
        CREATE INDEX entities_surname ON entities(surname) WHERE surname IS NOT NULL;
        """,
    )


def _m7_related_staleness(conn: sqlite3.Connection) -> None:
    """How many articles the related index held when each article was indexed.

    An article's vector keeps its most distinctive terms by the IDF of that moment; one indexed
    into a store a tenth of today's size chose them with little to go on, so it is indexed again
    once the store has grown enough (see ``reader.related.STALE_GROWTH``). Rows already there count
    as indexed now, so upgrading does not re-index a whole store.
    """
    _script(
        conn,
        """
        ALTER TABLE related_docs ADD COLUMN indexed_docs INTEGER NOT NULL DEFAULT 0;
        UPDATE related_docs SET indexed_docs = coalesce((SELECT value FROM related_stats WHERE key = 'docs'), 0);
        """,
    )


MIGRATIONS: list[Migration] = [_m1_core, _m2_sort_and_state, _m3_fts, _m4_entities, _m5_related,
                               _m6_entity_surnames, _m7_related_staleness]
LATEST_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Apply the missing steps up to ``target``; each step is atomic. Returns the new version."""
    version = schema_version(conn)
    while version < target:
        step = MIGRATIONS[version]
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if schema_version(conn) != version:
                conn.execute("ROLLBACK")
                version = schema_version(conn)
                continue
            step(conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version += 1
    return version

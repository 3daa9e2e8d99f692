"""The built-in sample store: a separate database (never the user's) with the shipped sample articles.

Ships the two Asharq Al-Awsat articles of the project sample and 834 Wikinews articles (CC BY 2.5,
credit: Wikinews; each keeps the link to its page).
"""

from __future__ import annotations

import gzip
import io
import os
from importlib import resources
from pathlib import Path

from reader.config import demo_db_path
from reader.ingest.jsonl import RecordError, parse_jsonl
from reader.ingest.textdump import parse_text_dump
from reader.related import index_articles
from reader.store import add_articles, open_store

DEMO_VERSION = 5  # bump with reader.related.INDEX_VERSION: the demo store is built indexed


def _demo_files() -> resources.abc.Traversable:
    return resources.files("reader") / "data" / "demo"


def demo_articles():
    """Wikinews first, the two samples last: undated articles sort by when they were added, so the
    samples (the richest in entities) open at the top of the list."""
    folder = _demo_files()
    with gzip.open(io.BytesIO((folder / "wikinews.jsonl.gz").read_bytes()), "rt", encoding="utf-8") as fh:
        for _, item in parse_jsonl(fh):
            if not isinstance(item, RecordError):
                item.source = item.source or "Wikinews"
                yield item
    text = (folder / "asharq-al-awsat-2-articles.txt").read_text(encoding="utf-8")
    for article in parse_text_dump(text, source="Asharq Al-Awsat"):
        article.tags = ["sample"]
        yield article


def _entities_for_samples(db) -> None:
    """Entities of the two sample articles at once (a fraction of a second), so the demo opens on
    highlighted text; the app finds the Wikinews articles' entities in the background."""
    from reader.nlp import extract_article, recogniser_version
    from reader.store import ArticleFilter, article_ids, get_article
    from reader.store.entities import save_mentions

    ids = article_ids(db, ArticleFilter(tag="sample"))
    save_mentions(db, [(i, extract_article(get_article(db, i))) for i in ids], recogniser_version("builtin"))


def ensure_demo_store(path: Path | None = None) -> Path:
    """Build the demo store once (atomically: built aside, then renamed into place)."""
    path = path or demo_db_path().with_name(f"demo-v{DEMO_VERSION}.db")
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    for leftover in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        leftover.unlink(missing_ok=True)
    db = open_store(tmp)
    result = add_articles(db, demo_articles())
    index_articles(db, result.ids)  # the related-stories panel works from the first start
    _entities_for_samples(db)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.conn.close()
    os.replace(tmp, path)
    return path

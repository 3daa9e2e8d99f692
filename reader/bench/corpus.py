"""Deterministic corpora of any size built from real article text, cached on disk between runs.

Real paragraphs from the shared Wikinews and ECB+ sets and the sample articles are recombined, so
vocabulary and entity statistics stay realistic: each generated article takes a real title and a run of
real paragraphs, with dates spread over three years and a handful of sources, tags, bookmarks and reads.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from reader.config import cache_dir
from reader.ingest.textdump import parse_text_dump
from reader.models import Article

CORPUS_VERSION = 1
ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
SOURCES = ["Wire One", "The Daily Ledger", "Harbor Times", "Continental Post", "Metro Courier",
           "Global Desk", "Evening Herald", "Northern Star"]
TAGS = ["politics", "world", "economy", "tech", "science", "sport", "later", "research"]


def _records() -> list[dict]:
    records: list[dict] = []
    for name in ("eval/news/wikinews.jsonl", "eval/related/ecbplus-dev.jsonl"):
        path = SHARED / name
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                records.extend(json.loads(line) for line in fh if line.strip())
    sample = SHARED / "samples" / "asharq-al-awsat-2-articles.txt"
    if sample.exists():
        for article in parse_text_dump(sample.read_text(encoding="utf-8")):
            records.append({"title": article.title, "text": article.body})
    if not records:
        raise FileNotFoundError(f"no real text found under {SHARED} (set READER_SHARED)")
    return records


def generate_articles(n: int, seed: int = 0) -> Iterator[Article]:
    """``n`` articles recombined from real text; the same ``(n, seed)`` gives the same articles."""
    rng = random.Random(seed)
    records = _records()
    paragraphs = [p for r in records for p in r["text"].split("\n\n") if len(p) > 60]
    titles = [r["title"] for r in records if r.get("title")]
    start = 1_600_000_000  # 2020-09-13
    span = 3 * 365 * 86400
    for i in range(n):
        base = records[rng.randrange(len(records))]
        own = [p for p in base["text"].split("\n\n") if p.strip()][: rng.randint(2, 6)]
        extra = [paragraphs[rng.randrange(len(paragraphs))] for _ in range(rng.randint(1, 5))]
        body = "\n\n".join(own + extra)
        title = titles[rng.randrange(len(titles))]
        if rng.random() < 0.5:
            title = f"{title} ({i})"
        ts = start + rng.randrange(span)
        published = datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        roll = rng.random()
        yield Article(
            title=title,
            body=body,
            guid=f"bench-{seed}-{i}",
            url=f"https://news.example/{seed}/{i}",
            source=SOURCES[rng.randrange(len(SOURCES))],
            published=published,
            tags=[TAGS[rng.randrange(len(TAGS))]] if roll < 0.1 else [],
            read_at=published if roll > 0.6 else None,
            bookmarked_at=published if roll < 0.02 else None,
        )


def store_with_articles(n: int, seed: int = 0, *, directory: Path | None = None) -> Path:
    """Path to a cached store holding ``n`` generated articles (built once, atomically)."""
    from reader.store import add_articles, open_store

    directory = directory or cache_dir() / "bench"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"corpus-v{CORPUS_VERSION}-{n}-{seed}.db"
    if path.exists():
        return path
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = open_store(tmp)
    add_articles(db, generate_articles(n, seed), batch_size=2000)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.conn.close()
    os.replace(tmp, path)
    return path

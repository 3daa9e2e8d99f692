"""Deterministic corpora of any size built from real article text, cached on disk between runs.

Real paragraphs from the shared Wikinews and ECB+ sets and the sample articles are recombined, so
vocabulary and entity statistics stay realistic: each generated article takes a real title, the opening
paragraphs of a real article and a few real paragraphs from elsewhere, with dates spread over three
years and a handful of sources, tags, bookmarks, reads and photo captions.

The same ``(n, seed)`` always gives the same articles. Everything built from them (a store, JSON Lines
files, scraped text dumps, RSS feeds) is cached under ``cache_dir()/bench``, keyed by the corpus version,
a fingerprint of the source text, the size and the seed, and written atomically so that two processes
building the same corpus never see half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

try:
    import fcntl
except ImportError:  # Windows: no lock, two processes may build the same corpus (still atomically)
    fcntl = None  # type: ignore[assignment]

from reader.config import cache_dir
from reader.ingest.textdump import parse_text_dump
from reader.models import Article

CORPUS_VERSION = 2
ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
SOURCE_FILES = ("eval/news/wikinews.jsonl", "eval/related/ecbplus-dev.jsonl",
                "samples/asharq-al-awsat-2-articles.txt")
SOURCES = ["Wire One", "The Daily Ledger", "Harbor Times", "Continental Post", "Metro Courier",
           "Global Desk", "Evening Herald", "Northern Star"]
TAGS = ["politics", "world", "economy", "tech", "science", "sport", "later", "research"]
CREDITS = ["(File Photo: Reuters)", "(Reuters)", "(AFP)", "(AP Photo)", "(Photo: EPA)", "(Getty Images)"]
START = 1_600_000_000  # 2020-09-13
SPAN = 3 * 365 * 86400
DUMP_ARTICLES_PER_FILE = 25
JSONL_ARTICLES_PER_FILE = 10_000


@dataclass(frozen=True)
class _Pool:
    """The real text everything is recombined from, split once."""

    bases: list[list[str]]  # each real article's paragraphs
    paragraphs: list[str]  # every paragraph long enough to stand alone
    titles: list[str]
    fingerprint: str  # changes when the source files change, so caches are rebuilt


@lru_cache(maxsize=1)
def _pool() -> _Pool:
    records: list[dict] = []
    stamp = hashlib.sha1()
    for name in SOURCE_FILES:
        path = SHARED / name
        if not path.exists():
            continue
        stamp.update(f"{name}:{path.stat().st_size};".encode())
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as fh:
                records.extend(json.loads(line) for line in fh if line.strip())
        else:
            for article in parse_text_dump(path.read_text(encoding="utf-8")):
                records.append({"title": article.title, "text": article.body})
    if not records:
        raise FileNotFoundError(f"no real text found under {SHARED} (set READER_SHARED)")
    # One line a paragraph: a few sources hard-wrap inside paragraphs, which no reader format keeps.
    bases = [[" ".join(p.split()) for p in r["text"].split("\n\n") if p.strip()] for r in records]
    bases = [b for b in bases if b]
    paragraphs = [p for b in bases for p in b if len(p) > 60]
    titles = [" ".join(r["title"].split()) for r in records if r.get("title")]
    return _Pool(bases, paragraphs, titles, stamp.hexdigest()[:8])


def _caption(rng: random.Random, paragraphs: list[str]) -> str:
    """A photo caption: the first sentence of a real paragraph and a credit, as scraped pages show."""
    text = paragraphs[rng.randrange(len(paragraphs))]
    sentence = text.split(". ")[0][:180].rstrip(" .,;:")
    return f"{sentence} {CREDITS[rng.randrange(len(CREDITS))]}"


def generate_articles(n: int, seed: int = 0) -> Iterator[Article]:
    """``n`` articles recombined from real text; the same ``(n, seed)`` gives the same articles.

    A prefix is stable too: the first ``k`` articles of ``(n, seed)`` are those of ``(k, seed)``.
    """
    rng = random.Random(seed)
    pool = _pool()
    for i in range(n):
        base = pool.bases[rng.randrange(len(pool.bases))]
        own = base[: rng.randint(2, 6)]
        extra = [pool.paragraphs[rng.randrange(len(pool.paragraphs))] for _ in range(rng.randint(1, 5))]
        body = "\n\n".join(dict.fromkeys(own + extra))  # a repeated paragraph would read as an error
        title = pool.titles[rng.randrange(len(pool.titles))]
        if rng.random() < 0.5:
            title = f"{title} ({i})"
        minute = (START + rng.randrange(SPAN)) // 60 * 60  # what a scraped page's date shows
        published = datetime.fromtimestamp(minute, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        roll = rng.random()
        captions = [_caption(rng, pool.paragraphs)] if rng.random() < 0.3 else []
        yield Article(
            title=title,
            body=body,
            guid=f"bench-{seed}-{i}",
            url=f"https://news.example/{seed}/{i}",
            source=SOURCES[rng.randrange(len(SOURCES))],
            published=published,
            captions=captions,
            tags=[TAGS[rng.randrange(len(TAGS))]] if roll < 0.1 else [],
            read_at=published if roll > 0.6 else None,
            bookmarked_at=published if roll < 0.02 else None,
        )


# --- the cache ---------------------------------------------------------------------------------------


def bench_dir() -> Path:
    """Where corpora are cached: ``READER_BENCH_DIR`` if set (``--cache-dir``), else ``cache_dir()/bench``."""
    return Path(os.environ.get("READER_BENCH_DIR") or cache_dir() / "bench")


def _key(kind: str, *parts: object) -> str:
    return "-".join([kind, f"v{CORPUS_VERSION}", _pool().fingerprint, *(str(p) for p in parts)])


def _cached(path: Path, build: Callable[[Path], None]) -> Path:
    """Return ``path``, building it first (into a temporary name, then renamed) if it is missing.

    A lock file makes a second process wanting the same corpus wait for the first instead of building
    it again (on a shared 2-core machine two 100,000-article builds at once take twice as long each).
    """
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock(path.with_name(f".{path.name}.lock")):
        if not path.exists():
            _build(path, build)
    return path


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    with path.open("a") as fh:
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(fh, fcntl.LOCK_UN)


def _build(path: Path, build: Callable[[Path], None]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if tmp.is_dir():
        shutil.rmtree(tmp)
    else:
        tmp.unlink(missing_ok=True)
    try:
        build(tmp)
        try:
            os.replace(tmp, path)
        except OSError:  # another process finished the same build first (directories cannot replace)
            if not path.exists():
                raise
    finally:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        elif tmp.exists():
            tmp.unlink()
        for leftover in (tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            leftover.unlink(missing_ok=True)  # a store build that failed half-way


def store_with_articles(n: int, seed: int = 0, *, directory: Path | None = None) -> Path:
    """Path to a cached store holding ``n`` generated articles (built once, atomically).

    Treat it as read-only; take :func:`store_copy` to write to one.
    """
    from reader.store import add_articles, open_store
    from reader.store.bulk import deferred_fts

    directory = directory or bench_dir()

    def build(tmp: Path) -> None:
        db = open_store(tmp)
        # A throwaway build: no need to survive a power cut, and big transactions keep it ~20k articles/s.
        db.conn.execute("PRAGMA synchronous = OFF")
        with deferred_fts(db):
            add_articles(db, generate_articles(n, seed), batch_size=10_000)
        db.conn.execute("PRAGMA optimize")
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.conn.execute("PRAGMA journal_mode = DELETE")
        db.conn.close()

    return _cached(directory / f"{_key('store', n, seed)}.db", build)


def store_copy(n: int, seed: int, destination: Path) -> Path:
    """A private, writable copy of the cached store with ``n`` articles (for stages that write)."""
    shutil.copyfile(store_with_articles(n, seed), destination)
    return destination


def _record(article: Article) -> dict:
    return {
        "id": article.guid, "url": article.url, "title": article.title, "text": article.body,
        "published": article.published, "source": article.source, "tags": article.tags,
        "captions": article.captions,
    }


def jsonl_files(n: int, seed: int = 0) -> Path:
    """A directory of JSON Lines files holding the ``n`` generated articles (a tenth, at most 10,000, a file)."""
    per_file = max(1, min(JSONL_ARTICLES_PER_FILE, -(-n // 10)))

    def build(tmp: Path) -> None:
        tmp.mkdir()
        fh = None
        for i, article in enumerate(generate_articles(n, seed)):
            if i % per_file == 0:
                if fh:
                    fh.close()
                fh = (tmp / f"articles-{i // per_file:04d}.jsonl").open("w", encoding="utf-8")
            fh.write(json.dumps(_record(article), ensure_ascii=False) + "\n")
        if fh:
            fh.close()

    return _cached(bench_dir() / _key("jsonl", n, seed), build)


def _dump_title(title: str) -> str:
    # A scraped headline has no full stop (the parser takes a line ending in one for body text).
    return title.rstrip(".,;: ") or "Untitled"


def text_dump(articles: list[Article]) -> str:
    """Articles as text scraped from news pages, in the layout of the Asharq Al-Awsat sample.

    Each article: the headline and its photo caption twice (page header and article header) with the
    font-size widget labels between them, the date, then the paragraphs; articles are separated by
    three blank lines.
    """
    chunks: list[str] = []
    for article in articles:
        title = _dump_title(article.title)
        captions = article.captions or []
        stamp = datetime.strptime(article.published or "2020-01-01T00:00:00Z", "%Y-%m-%dT%H:%M:%SZ")
        lines = [title, "", *captions, *captions, "TT", "20", "", title, "", *captions, *captions,
                 stamp.strftime("%A, %d %B, %Y - %H:%M"), ""]
        lines.append(article.body)
        chunks.append("\n".join(lines))
    return "\n\n\n\n".join(chunks) + "\n"


def text_dump_files(n: int, seed: int = 0) -> Path:
    """A directory of scraped text dumps holding the ``n`` generated articles (25 a file)."""

    def build(tmp: Path) -> None:
        tmp.mkdir()
        batch: list[Article] = []
        index = 0
        for article in generate_articles(n, seed):
            batch.append(article)
            if len(batch) == DUMP_ARTICLES_PER_FILE:
                (tmp / f"dump-{index:05d}.txt").write_text(text_dump(batch), encoding="utf-8")
                batch, index = [], index + 1
        if batch:
            (tmp / f"dump-{index:05d}.txt").write_text(text_dump(batch), encoding="utf-8")

    return _cached(bench_dir() / _key("textdump", n, seed), build)


def _rss_item(article: Article) -> str:
    paragraphs = article.body.split("\n\n")
    html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    stamp = datetime.strptime(article.published or "2020-01-01T00:00:00Z", "%Y-%m-%dT%H:%M:%SZ")
    return (
        "    <item>\n"
        f"      <title>{escape(article.title)}</title>\n"
        f"      <link>{escape(article.url or '')}</link>\n"
        f'      <guid isPermaLink="false">{escape(article.guid or "")}</guid>\n'
        f"      <pubDate>{format_datetime(stamp.replace(tzinfo=UTC))}</pubDate>\n"
        f"      <description>{escape(paragraphs[0])}</description>\n"
        f"      <content:encoded>{escape(html)}</content:encoded>\n"
        "    </item>\n"
    )


def rss_feed(title: str, link: str, articles: list[Article]) -> str:
    """An RSS 2.0 document (with ``content:encoded`` full text) for these articles."""
    items = "".join(_rss_item(a) for a in articles)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        "  <channel>\n"
        f"    <title>{escape(title)}</title>\n"
        f"    <link>{escape(link)}</link>\n"
        f"    <description>Benchmark feed of real news text: {escape(title)}</description>\n"
        f"{items}"
        "  </channel>\n"
        "</rss>\n"
    )


def feed_files(n_feeds: int, items: int, seed: int = 0) -> Path:
    """A directory of ``n_feeds`` RSS 2.0 files ``feed-0000.xml``... with ``items`` real-text items each.

    Items are the generated articles in order (feed k holds articles ``k*items .. (k+1)*items-1``), so
    guids and links are unique across feeds; each feed's link is ``https://feeds.example/k/``.
    """

    def build(tmp: Path) -> None:
        tmp.mkdir()
        articles = generate_articles(n_feeds * items, seed)
        for k in range(n_feeds):
            chunk = [next(articles) for _ in range(items)]
            title = f"{SOURCES[k % len(SOURCES)]} {k}"
            (tmp / f"feed-{k:04d}.xml").write_text(
                rss_feed(title, f"https://feeds.example/{k}/", chunk), encoding="utf-8"
            )

    return _cached(bench_dir() / _key("feeds", n_feeds, items, seed), build)

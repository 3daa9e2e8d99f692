"""Refresh feeds: fetch concurrently, parse on every core, write in big batches.

The pipeline has three stages that overlap. The event loop fetches (httpx, a limit overall and per
host, conditional GET). Documents go to a process pool in chunks (whatever was fetched while every
parser process was busy): a parser process parses a chunk into plain :class:`Article` objects and
saves it itself in one transaction, taking turns with the other writers through a shared lock.
Writing -- the full-text index above all -- is a third of a refresh's work; done in the main process
it made that one process the bottleneck while the parsers waited, and shipping the articles back
cost as much again. Without a process pool, one store thread writes whatever has been parsed since
its last write in one transaction. Fetch errors and "not modified" answers are always recorded by
that store thread. One broken feed never stops the others: its error is recorded on the feed and its
old articles stay.

:func:`refresh_feeds` opens its own store connection, so the app can call it from a worker thread
while it has the same store open (WAL mode and a busy timeout make the writes wait their turn). The
progress callback runs on the calling thread, once per feed as its articles are saved.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reader.config import ConfigError, Settings, load_settings
from reader.fetch import Fetched, FetchError, describe_error, fetch, make_client
from reader.ingest.clean import clean_line
from reader.ingest.feeds import ParsedFeed, parse_feed
from reader.models import Feed, ImportResult
from reader.store import open_store
from reader.store.connection import tune_for_bulk_writes
from reader.store.feeds import FeedUpdate, get_feed, list_feeds, save_refresh

# Below this many feeds a process pool costs more to start than it saves.
POOL_MIN_FEEDS = 6
# At most this many feeds go to a parser process at once (one transaction).
MAX_CHUNK = 16


@dataclass
class RefreshProgress:
    done: int
    total: int
    feed_url: str
    feed_title: str | None
    error: str | None
    new_articles: int


@dataclass
class FeedResult:
    feed_id: int
    url: str
    title: str | None
    status: str  # "ok" | "not_modified" | "error"
    http_status: int | None = None
    new: int = 0
    updated: int = 0
    error: str | None = None
    warning: str | None = None
    unchanged: int = 0  # entries already stored as they are (or the same content from another feed)

    def as_dict(self) -> dict:
        return {"feed_id": self.feed_id, "url": self.url, "title": self.title, "status": self.status,
                "http_status": self.http_status, "new": self.new, "updated": self.updated,
                "error": self.error, "warning": self.warning, "unchanged": self.unchanged}


@dataclass
class RefreshReport:
    results: list[FeedResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def new_articles(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def errors(self) -> list[FeedResult]:
        return [r for r in self.results if r.status == "error"]


ProgressCallback = Callable[[RefreshProgress], None]
# The update is None when a parser process has saved it already.
_Outcome = tuple[Feed, FeedUpdate | None, FeedResult]


def refresh_feeds(db_path: Path, feeds: Sequence[int | str] | None = None, *,
                  progress: ProgressCallback | None = None, settings: Settings | None = None) -> RefreshReport:
    """Refresh all feeds (or those named by id, URL or title) and return per-feed results.

    Raises :class:`~reader.store.feeds.FeedNotFoundError` for a named feed that does not exist;
    every failure of a feed itself is recorded in its result instead.
    """
    if settings is None:
        try:
            settings = load_settings()
        except ConfigError:
            settings = Settings()
    db = open_store(db_path)
    try:
        selected = list_feeds(db) if feeds is None else _unique([get_feed(db, ref) for ref in feeds])
    finally:
        db.conn.close()
    if not selected:
        return RefreshReport()
    loop_start = _clock()
    report = asyncio.run(_Refresh(Path(db_path), selected, settings, progress).run())
    report.seconds = _clock() - loop_start
    return report


def _clock() -> float:
    import time

    return time.perf_counter()


def _unique(feeds: list[Feed]) -> list[Feed]:
    seen: dict[int | None, Feed] = {}
    for feed in feeds:
        seen.setdefault(feed.id, feed)
    return list(seen.values())


def _workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _process_pool() -> tuple[ProcessPoolExecutor, Any]:
    """Parser processes and the lock the writers take turns with. A plain fork is quickest (workers
    start with everything imported) and safe while this is the only thread (the CLI); called from a
    thread of a running app, a fork could copy a lock another thread holds, so workers come from a
    clean forkserver instead."""
    if threading.current_thread() is threading.main_thread() and threading.active_count() == 1:
        import feedparser  # noqa: F401 - imported once here rather than once in every worker

        context = multiprocessing.get_context("fork")
        lock = context.Lock()
        pool = ProcessPoolExecutor(max_workers=_workers(), mp_context=context, initializer=_init_worker,
                                   initargs=(lock,))
        pool.submit(os.getpid)  # with "fork" the first submit forks every worker, before any thread starts
        return pool, lock
    from reader.procs import ensure_resource_tracker

    ensure_resource_tracker()  # before the Lock: semaphores register with the tracker too
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["reader.ingest.feeds", "feedparser", "lxml.html", "reader.store"])
    lock = context.Lock()
    return ProcessPoolExecutor(max_workers=_workers(), mp_context=context, initializer=_init_worker,
                               initargs=(lock,)), lock


def _open_for_writing(path: Path):
    db = open_store(path)
    tune_for_bulk_writes(db)
    return db


def _parse_job(content: bytes, url: str, content_type: str | None) -> ParsedFeed:
    return parse_feed(content, url, content_type)


# In a parser process: the lock shared with the other writers of this refresh, and the store
# connection (opened on first use, closed when the process exits at the end of the refresh).
_worker_lock: Any = None
_worker_stores: dict[str, Any] = {}


def _init_worker(lock) -> None:
    global _worker_lock
    _worker_lock = lock


def _worker_store(db_path: str):
    db = _worker_stores.get(db_path)
    if db is None:
        from multiprocessing.util import Finalize

        db = _worker_stores[db_path] = _open_for_writing(Path(db_path))
        Finalize(db, db.conn.close, exitpriority=10)
    return db


@dataclass
class _Saved:
    """What a parser process sends back per feed: the feed as parsed (without its articles, which
    it saved) and the outcome of saving, or why the chunk could not be saved."""

    parsed: ParsedFeed
    saved: ImportResult | None = None
    save_error: str | None = None


_Doc = tuple[bytes, str, "str | None", FeedUpdate]  # content, URL, Content-Type, what to save besides


def _parse_and_save_job(db_path: str, docs: list[_Doc]) -> list[_Saved]:
    """Parse a chunk of feed documents and save them (articles and bookkeeping, or the parse
    error) in one transaction."""
    outcomes: list[_Saved] = []
    updates: list[FeedUpdate] = []
    for content, url, content_type, update in docs:
        parsed = parse_feed(content, url, content_type)
        if parsed.error:
            update = FeedUpdate(feed_id=update.feed_id, error=parsed.error, keep_validators=True,
                                new_url=update.new_url)
        else:
            update.articles, update.title, update.site_url = parsed.articles, parsed.title, parsed.site_url
            parsed.articles = []  # saved here: no need to send them back
        outcomes.append(_Saved(parsed))
        updates.append(update)
    try:
        db = _worker_store(db_path)
        with _worker_lock:
            saved = save_refresh(db, updates)
    except Exception as exc:  # noqa: BLE001 - e.g. disk full: reported on every feed of the chunk
        for outcome in outcomes:
            outcome.save_error = f"cannot save: {describe_error(exc)}"
        return outcomes
    for outcome, result in zip(outcomes, saved, strict=True):
        result.ids = []
        outcome.saved = result
    return outcomes


def _resolve(chunk: list[tuple[Feed, Fetched, asyncio.Future]], *, results: list[_Saved] | None = None,
             error: BaseException | None = None) -> None:
    """Hand each feed of a chunk its outcome (or the error that stopped the chunk)."""
    for index, (_, _, waiter) in enumerate(chunk):
        if waiter.done():
            continue
        if isinstance(error, asyncio.CancelledError):
            waiter.cancel()
        elif error is not None:
            waiter.set_exception(error)
        else:
            waiter.set_result(results[index])


class _Refresh:
    def __init__(self, db_path: Path, feeds: list[Feed], settings: Settings,
                 progress: ProgressCallback | None) -> None:
        self.db_path = db_path
        self.feeds = feeds
        self.settings = settings
        self.progress = progress
        self.results: dict[int, FeedResult] = {}
        self.done = 0
        self.queue: asyncio.Queue[_Outcome | None] = asyncio.Queue()
        self.in_memory = asyncio.Semaphore()
        self.write_lock: Any = None  # set when parser processes save what they parse
        self.waiting: list[tuple[Feed, Fetched, asyncio.Future]] = []  # fetched, for the next chunk
        self.has_waiting = asyncio.Event()

    async def run(self) -> RefreshReport:
        settings = self.settings
        overall = asyncio.Semaphore(max(1, settings.refresh_concurrency))
        per_host: dict[str, asyncio.Semaphore] = {}
        # Documents fetched but not yet saved are held in memory (as bytes, then as articles): bound
        # how many. The store thread releases a slot per feed it has written, so when writing is the
        # slowest stage, fetching and parsing wait for it instead of piling up parsed feeds.
        self.in_memory = in_memory = asyncio.Semaphore(max(4, settings.refresh_concurrency * 2))
        parser: Executor | None
        parser = None
        if len(self.feeds) >= POOL_MIN_FEEDS and _workers() > 1:
            try:
                parser, self.write_lock = _process_pool()
            except OSError:  # no processes allowed here (sandbox, no /dev/shm): parse in a thread
                parser = None
        parser = parser or ThreadPoolExecutor(max_workers=1)
        store = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader-store")
        loop = asyncio.get_running_loop()
        try:
            db = await loop.run_in_executor(store, _open_for_writing, self.db_path)
            writer = asyncio.create_task(self._writer(db, store))
            dispatcher = asyncio.create_task(self._dispatch(loop, parser)) if self.write_lock is not None else None
            async with make_client(concurrency=settings.refresh_concurrency,
                                   timeout=settings.refresh_timeout) as client:

                async def one(feed: Feed) -> None:
                    host = urlsplit(feed.url).netloc.lower()
                    host_limit = per_host.setdefault(host, asyncio.Semaphore(max(1, settings.refresh_per_host)))
                    await in_memory.acquire()  # released by the writer once this feed is saved
                    try:
                        # Host slot first: a feed waiting for its busy host must not hold an overall slot.
                        async with host_limit, overall:
                            item = await self._fetch(client, feed)
                        if isinstance(item, Fetched):
                            item = (self._not_modified(feed, item) if item.not_modified
                                    else await self._parse(loop, parser, feed, item))
                    except BaseException:
                        in_memory.release()
                        raise
                    await self.queue.put(item)

                try:
                    await asyncio.gather(*(one(feed) for feed in self.feeds))
                finally:
                    if dispatcher is not None:
                        dispatcher.cancel()
            await self.queue.put(None)
            await writer
            await loop.run_in_executor(store, db.conn.close)
        finally:
            parser.shutdown(wait=True, cancel_futures=True)
            store.shutdown(wait=True)
        return RefreshReport(results=[self.results[f.id] for f in self.feeds if f.id in self.results])

    async def _fetch(self, client, feed: Feed) -> Fetched | _Outcome:
        try:
            return await asyncio.wait_for(
                fetch(client, feed.url, etag=feed.etag, last_modified=feed.last_modified,
                      max_bytes=self.settings.max_response_bytes),
                self.settings.refresh_timeout * 3,
            )
        except Exception as exc:  # noqa: BLE001 - every failure of one feed is recorded on it
            status = exc.status if isinstance(exc, FetchError) else None
            return self._failed(feed, describe_error(exc), status)

    def _failed(self, feed: Feed, error: str, status: int | None) -> _Outcome:
        error = clean_line(error)  # it may quote the server or the document; it is printed and stored
        update = FeedUpdate(feed_id=feed.id, error=error, keep_validators=True)
        result = FeedResult(feed_id=feed.id, url=feed.url, title=feed.title, status="error",
                            http_status=status, error=error)
        return feed, update, result

    async def _dispatch(self, loop: asyncio.AbstractEventLoop, parser: Executor) -> None:
        """Send fetched documents to the parser processes, each free process taking everything
        fetched meanwhile (up to MAX_CHUNK feeds): few, big transactions once fetching runs ahead."""
        free = asyncio.Semaphore(_workers())
        try:
            await self._dispatch_chunks(loop, parser, free)
        finally:  # whatever stopped this, no feed may wait for it forever
            _resolve(self.waiting, error=RuntimeError("refresh stopped"))
            self.waiting = []

    async def _dispatch_chunks(self, loop: asyncio.AbstractEventLoop, parser: Executor,
                               free: asyncio.Semaphore) -> None:
        while True:
            await self.has_waiting.wait()
            await free.acquire()
            chunk, self.waiting = self.waiting[:MAX_CHUNK], self.waiting[MAX_CHUNK:]
            if not self.waiting:
                self.has_waiting.clear()
            docs = [(fetched.content, fetched.url, fetched.content_type,
                     FeedUpdate(feed_id=feed.id, etag=fetched.etag, last_modified=fetched.last_modified,
                                new_url=fetched.permanent_url, tags=list(feed.tags)))
                    for feed, fetched, _ in chunk]
            try:
                job = loop.run_in_executor(parser, _parse_and_save_job, str(self.db_path), docs)
            except Exception as exc:  # noqa: BLE001 - a broken pool refuses work: these feeds fail
                free.release()
                _resolve(chunk, error=exc)
                continue

            def done(job: asyncio.Future, chunk=chunk) -> None:
                free.release()
                if job.cancelled():
                    _resolve(chunk, error=asyncio.CancelledError())
                elif job.exception() is not None:
                    _resolve(chunk, error=job.exception())
                else:
                    _resolve(chunk, results=job.result())

            job.add_done_callback(done)

    async def _parse_and_save(self, feed: Feed, fetched: Fetched) -> _Outcome:
        waiter: asyncio.Future[_Saved] = asyncio.get_running_loop().create_future()
        self.waiting.append((feed, fetched, waiter))
        self.has_waiting.set()
        try:
            outcome = await waiter
        except Exception as exc:  # noqa: BLE001 - a crashed worker fails its chunk only
            return self._failed(feed, f"parser failed: {describe_error(exc)}", fetched.status)
        parsed = outcome.parsed
        url = fetched.permanent_url or feed.url
        if parsed.error:
            result = FeedResult(feed_id=feed.id, url=url, title=feed.title, status="error",
                                http_status=fetched.status, error=parsed.error)
        else:
            result = FeedResult(feed_id=feed.id, url=url, title=feed.title or parsed.title, status="ok",
                                http_status=fetched.status, warning=parsed.warning)
        if outcome.saved is None:
            result.status, result.error = "error", result.error or outcome.save_error
        else:
            saved = outcome.saved
            result.new, result.updated, result.unchanged = saved.imported, saved.updated, saved.duplicates
        return feed, None, result

    async def _parse(self, loop: asyncio.AbstractEventLoop, parser: Executor, feed: Feed,
                     fetched: Fetched) -> _Outcome:
        if self.write_lock is not None:
            return await self._parse_and_save(feed, fetched)
        try:
            parsed = await loop.run_in_executor(parser, _parse_job, fetched.content, fetched.url,
                                                fetched.content_type)
        except Exception as exc:  # noqa: BLE001 - a crashed worker fails this feed only
            return self._failed(feed, f"parser failed: {describe_error(exc)}", fetched.status)
        url = fetched.permanent_url or feed.url
        if parsed.error:
            feed_result = self._failed(feed, parsed.error, fetched.status)
            feed_result[1].new_url = fetched.permanent_url
            feed_result[2].url = url
            return feed_result
        update = FeedUpdate(feed_id=feed.id, articles=parsed.articles, etag=fetched.etag,
                            last_modified=fetched.last_modified, title=parsed.title,
                            site_url=parsed.site_url, new_url=fetched.permanent_url, tags=list(feed.tags))
        result = FeedResult(feed_id=feed.id, url=url, title=feed.title or parsed.title, status="ok",
                            http_status=fetched.status, warning=parsed.warning)
        return feed, update, result

    def _not_modified(self, feed: Feed, fetched: Fetched) -> _Outcome:
        update = FeedUpdate(feed_id=feed.id, keep_validators=True, new_url=fetched.permanent_url)
        result = FeedResult(feed_id=feed.id, url=fetched.permanent_url or feed.url, title=feed.title,
                            status="not_modified", http_status=304)
        return feed, update, result

    def _save(self, db, updates: list[FeedUpdate]) -> list[ImportResult]:
        if self.write_lock is None:
            return save_refresh(db, updates)
        with self.write_lock:  # taking turns with the parser processes
            return save_refresh(db, updates)

    async def _writer(self, db, store: Executor) -> None:
        try:
            await self._write_all(db, store)
        except BaseException:
            for _ in self.feeds:  # fetches waiting for a slot must not wait forever for a dead writer
                self.in_memory.release()
            raise

    async def _write_all(self, db, store: Executor) -> None:
        """Write everything parsed since the last write in one transaction, until the end marker."""
        loop = asyncio.get_running_loop()
        finished = False
        while not finished:
            items = [await self.queue.get()]
            while not self.queue.empty():
                items.append(self.queue.get_nowait())
            batch = []
            for item in items:
                if item is None:
                    finished = True
                else:
                    batch.append(item)
            if not batch:
                continue
            to_save = [(result, update) for _, update, result in batch if update is not None]
            if to_save:
                try:
                    saved = await loop.run_in_executor(store, self._save, db, [u for _, u in to_save])
                except Exception as exc:  # noqa: BLE001 - e.g. disk full: report it on every feed of the batch
                    saved = [ImportResult() for _ in to_save]
                    for result, _ in to_save:
                        result.status, result.error = "error", f"cannot save: {describe_error(exc)}"
                for (result, _), outcome in zip(to_save, saved, strict=True):
                    result.new, result.updated = outcome.imported, outcome.updated
                    result.unchanged = outcome.duplicates
            for feed, _, result in batch:
                self.results[feed.id] = result
                self.done += 1
                self.in_memory.release()
                if self.progress:
                    self.progress(RefreshProgress(done=self.done, total=len(self.feeds), feed_url=result.url,
                                                  feed_title=result.title, error=result.error,
                                                  new_articles=result.new))

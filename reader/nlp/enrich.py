"""Fill in entities for the store: every article never processed or processed by another recogniser
version, in batches, across a process pool, cancellable and idempotent.

Extraction never slows an import or a refresh: ``start_background_enrich`` launches a detached
``reader enrich --quiet`` (the CLI uses it after ``reader import``); the app calls ``enrich_store`` from
a worker thread. Articles are searchable at once either way (full-text search does not wait for this).
Only one enrichment runs per store at a time (a lock file beside it); a second one returns at once.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path

from reader.models import Mention

BATCH = 40
Progress = Callable[[int, int], None]  # (done, total)


def _extract_batch(db_path: str, ids: list[int], backend: str | None) -> list[tuple[int, list[Mention]]]:
    """Worker: load a batch of articles (own read connection) and extract their mentions."""
    from reader.nlp import extract_article, get_tagger
    from reader.store import open_store
    from reader.store.articles import ArticleNotFoundError, get_article

    db = open_store(Path(db_path))
    tagger = get_tagger(backend)
    out = []
    try:
        for article_id in ids:
            try:
                article = get_article(db, article_id)
            except ArticleNotFoundError:
                continue
            try:
                mentions = extract_article(article, tagger)
            except Exception as exc:  # one bad article must not stop the others; it is stamped as done
                print(f"reader enrich: article {article_id}: {exc!r}", file=sys.stderr)
                mentions = []
            out.append((article_id, mentions))
    finally:
        db.conn.close()
    return out


@contextlib.contextmanager
def _store_lock(db_path: Path) -> Iterator[bool]:
    """Non-blocking exclusive lock per store; yields False when another enrichment holds it."""
    lock_path = Path(str(db_path) + ".enrich.lock")
    try:
        fh = open(lock_path, "a+")  # noqa: SIM115 - held for the whole run
    except OSError:
        yield True  # read-only dir: run without the lock
        return
    try:
        try:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows: no advisory locks, run anyway
            pass
        except OSError:
            yield False
            return
        yield True
    finally:
        fh.close()


def enrich_store(db_path: Path | str, *, processes: int | None = None, progress: Progress | None = None,
                 limit: int | None = None, cancel: threading.Event | None = None,
                 backend: str | None = None, batch_size: int = BATCH) -> int:
    """Extract and store entities for articles that need them; returns how many were written.

    ``processes``: worker processes (default: one per core; 1 runs in this process). ``cancel``: set it
    to stop after the batches in flight (what was saved stays saved). Safe to call again at any time.
    Articles imported while it runs are picked up before it returns (unless ``limit`` is given).
    """
    from reader.nlp import recogniser_version
    from reader.store import open_store
    from reader.store.entities import articles_needing_entities

    db_path = Path(db_path)
    version = recogniser_version(backend)
    with _store_lock(db_path) as locked:
        if not locked:
            return 0
        db = open_store(db_path)
        try:
            written = 0
            seen: set[int] = set()
            for _round in range(5):  # later rounds: articles that arrived meanwhile
                ids = [i for i in articles_needing_entities(db, version, limit) if i not in seen]
                if not ids or (cancel is not None and cancel.is_set()):
                    break
                seen.update(ids)
                written += _run(db, db_path, ids, version, processes, progress, cancel, backend, batch_size)
                if limit is not None:
                    break
            return written
        finally:
            db.conn.close()


def _run(db, db_path: Path, ids: list[int], version: str, processes: int | None, progress: Progress | None,
         cancel: threading.Event | None, backend: str | None, batch_size: int) -> int:
    from reader.nlp.store_links import link_surnames
    from reader.store.entities import save_mentions

    def save(results: list[tuple[int, list[Mention]]]) -> int:
        return save_mentions(db, link_surnames(db, results), version)

    total = len(ids)
    batches = [ids[i : i + batch_size] for i in range(0, total, batch_size)]
    done = written = 0
    if progress:
        progress(0, total)
    workers = processes or os.cpu_count() or 1
    workers = max(1, min(workers, len(batches)))
    if workers == 1:
        for batch in batches:
            if cancel is not None and cancel.is_set():
                break
            written += save(_extract_batch(str(db_path), batch, backend))
            done += len(batch)
            if progress:
                progress(done, total)
        return written
    # spawn: safe from threads (the app) and the same on every platform
    from reader.procs import ensure_resource_tracker

    ensure_resource_tracker()
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        pending = set()
        queue = iter(batches)

        def submit() -> bool:
            batch = next(queue, None)
            if batch is None:
                return False
            pending.add(pool.submit(_extract_batch, str(db_path), batch, backend))
            return True

        for _ in range(workers * 2):
            if not submit():
                break
        while pending:
            finished, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for fut in finished:
                pending.discard(fut)
                results = fut.result()
                written += save(results)
                done += len(results)
                if progress:
                    progress(done, total)
                if cancel is None or not cancel.is_set():
                    submit()
            if cancel is not None and cancel.is_set():
                for fut in pending:
                    fut.cancel()
    return written


def background_enabled() -> bool:
    """Whether analysis (entities, related-stories index) is left to a background ``reader enrich``."""
    return os.environ.get("READER_BACKGROUND_ENRICH", "1") != "0"


def start_background_enrich(db_path: Path | str) -> subprocess.Popen | None:
    """Launch ``reader enrich --quiet`` detached, so an import returns at once.

    Disabled when ``READER_BACKGROUND_ENRICH=0`` (tests, scripted imports that run ``reader enrich``
    themselves).
    """
    if not background_enabled():
        return None
    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    kwargs: dict = {"start_new_session": True} if os.name == "posix" else {
        "creationflags": getattr(subprocess, "DETACHED_PROCESS", 0)}
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "reader", "--db", str(db_path), "enrich", "--quiet"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env, cwd=root, **kwargs,
        )
    except OSError:
        return None

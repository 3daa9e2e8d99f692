"""App benchmarks: startup, moving the selection, opening, related, search, memory — at N articles.

``python -m reader.bench.app [--articles N] [--runs R]``. The store is the bench corpus
(:func:`reader.bench.corpus.store_with_articles`, real text), copied aside so the cached corpus stays
untouched, with entity mentions stored for the first articles so opening one lays out highlights.
Startup and memory are measured in a fresh subprocess: from the process start to the first screen
with the list filled and the first article shown.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE = (160, 45)
SEARCHES = ["government", "police AND election", '"prime minister"', "earthquake OR flood", "court -appeal"]


def _row(name: str, unit: str, values: list[float], n: int) -> dict:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"name": name, "unit": unit, "median": round(statistics.median(values), 3), "p95": round(p95, 3),
            "runs": len(values), "n": n}


def _add_mentions(path: Path, count: int = 200) -> None:
    """Mentions for the newest articles: capitalised runs in the real text, labelled in rotation."""
    from reader.models import Mention
    from reader.store import article_ids, get_article, open_store
    from reader.store.entities import save_mentions

    db = open_store(path)
    labels = ["PERSON", "ORG", "PLACE", "GROUP", "EVENT"]
    items = []
    for article_id in article_ids(db, limit=count):
        article = get_article(db, article_id)
        mentions = [
            Mention(m.start(), m.end(), m.group(), labels[i % 5], m.group())
            for i, m in enumerate(re.finditer(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b", article.body))
        ][:80]
        items.append((article_id, mentions))
    save_mentions(db, items, "bench")
    db.conn.close()


def _prepare(n: int, workdir: Path, source: Path | None = None) -> Path:
    # The related panel needs the related-stories index a real store has (built by the background
    # pass): the related stage's cached, indexed copy of the corpus, built once if missing.
    from reader.bench.related import indexed_store

    source = source or indexed_store(n)
    path = workdir / "app-bench.db"
    shutil.copyfile(source, path)
    _add_mentions(path)
    return path


async def _ready(pilot) -> None:
    main = pilot.app.main
    while not (main.article_list.row_count and main.reader.article is not None):
        await asyncio.sleep(0.001)
    await pilot.pause()


async def _wait(predicate, timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.0005)


async def _painted(widget) -> None:
    """Returns once the screen has been updated after the current state (the next refresh)."""
    done = asyncio.get_running_loop().create_future()
    widget.call_after_refresh(lambda: done.done() or done.set_result(None))
    await done


async def _key(app, key: str) -> None:
    """Send one key the way the terminal driver does (no test-harness idling)."""
    from textual import events

    app.post_message(events.Key(key, key if len(key) == 1 else None))


async def _interactive(path: Path, runs: int, n: int) -> list[dict]:
    from reader.app import make_app

    app = make_app(path)
    rows: list[dict] = []
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        main = app.main
        article_list, reader = main.article_list, main.reader

        j_times, open_times = [], []
        for _ in range(runs):
            before = article_list.cursor
            expected = article_list.ids[before + 1]
            start = time.perf_counter()
            await _key(app, "j")
            await _wait(lambda before=before: article_list.cursor != before)
            await _painted(article_list)
            j_times.append((time.perf_counter() - start) * 1000)
            await _wait(lambda expected=expected: reader.article is not None and reader.article.id == expected)
            await _painted(reader)
            open_times.append((time.perf_counter() - start) * 1000)
            await pilot.pause(0.05)  # a person's pace between keys
        rows.append(_row("app.j_repaint_ms", "ms", j_times, n))
        rows.append(_row("app.open_ms", "ms", open_times, n))

        try:
            import reader.related  # noqa: F401

            has_related = True
        except ImportError:
            has_related = False
        if has_related:
            related_times = []
            panel = main.related_panel
            for _ in range(min(runs, 10)):
                start = time.perf_counter()
                before = article_list.cursor
                await _key(app, "j")
                await _wait(lambda before=before: article_list.cursor != before)
                expected = article_list.current_id
                await _wait(lambda e=expected: panel.shown_for == e, timeout=30)
                await _painted(panel)
                related_times.append((time.perf_counter() - start) * 1000)
                await pilot.pause(0.05)
            rows.append(_row("app.related_ms", "ms", related_times, n))

        search_times = []
        for query in SEARCHES:
            await pilot.press("slash", "ctrl+u", *query)
            start = time.perf_counter()
            await _key(app, "enter")
            await _wait(lambda q=query: (article_list.title or "").startswith(f"/{q} ·"))
            await _painted(article_list)
            search_times.append((time.perf_counter() - start) * 1000)
            await pilot.press("escape")
            await _wait(lambda: (article_list.title or "").startswith("All ·"))
            await pilot.pause()
        rows.append(_row("app.search_ms", "ms", search_times, n))
    return rows


def _child(path: str) -> None:
    """Runs in a fresh interpreter: prints when the first full screen is ready, then the peak memory."""
    from reader.app import make_app

    async def main() -> None:
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await _ready(pilot)
            ready = time.time()
            for key in ["j"] * 50 + ["G", "g"]:  # walk the list, page to the end and back
                await pilot.press(key)
            await pilot.pause()
            rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({"ready": ready, "rss_mb": rss_kb / 1024}))

    asyncio.run(main())


def _startup(path: Path, runs: int, n: int) -> list[dict]:
    times, rss = [], []
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    for _ in range(runs):
        start = time.time()
        out = subprocess.run([sys.executable, "-m", "reader.bench.app", "--child", str(path)], check=True,
                             capture_output=True, text=True, cwd=ROOT, env=env).stdout
        result = json.loads(out.strip().splitlines()[-1])
        times.append(result["ready"] - start)
        rss.append(result["rss_mb"])
    return [_row("app.startup_s", "s", times, n), _row("app.peak_rss_mb", "MB", rss, n)]


def run(args) -> list[dict]:
    n = getattr(args, "articles", None) or 100_000
    runs = getattr(args, "runs", None) or 30
    with tempfile.TemporaryDirectory(prefix="reader-app-bench-") as tmp:
        path = _prepare(n, Path(tmp), getattr(args, "store", None))
        rows = _startup(path, max(3, runs // 10), n)
        rows += asyncio.run(_interactive(path, runs, n))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--store", type=Path, help="use this store (copied) instead of generating one")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    rows = run(args)
    if args.json:
        print(json.dumps(rows))
        return
    for row in rows:
        print(f"{row['name']:<20} median {row['median']:>9.3f} {row['unit']:<3} p95 {row['p95']:>9.3f}  "
              f"runs {row['runs']}  n {row['n']}")


if __name__ == "__main__":
    main()

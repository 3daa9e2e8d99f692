"""Stage ``import``: articles per second into an empty store, from JSON Lines and from text dumps.

Each run imports the whole generated corpus (``--articles``) with :func:`reader.importing.import_paths`
into a new store, as ``reader import DIR`` does: JSON Lines files of 10,000 articles each, and scraped
text dumps of 25 articles each (the layout of the Asharq Al-Awsat sample). Building those files is
the ``prepare`` phase and is cached, so only the import itself is timed.

Figures: ``import.articles_per_s`` (JSON Lines), ``import.text.articles_per_s`` (text dumps),
``import.seconds`` and ``import.text.seconds`` (wall time of one whole import), the same rates per
CPU-second (``*.cpu_articles_per_s``: less sensitive to other processes on a shared machine) and
``import.peak_rss_mb``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from reader.bench.common import measurement, note, peak_rss_mb, rss_measurement, stage_main
from reader.bench.corpus import jsonl_files, text_dump_files

# A whole import of 100,000 articles takes a minute or so here: three runs show the spread without
# making the suite take many minutes. Smaller corpora use --runs as given.
MAX_RUNS_AT_SCALE = 3
SCALE = 50_000

KINDS = {
    # kind: (figure prefix, files builder)
    "jsonl": ("import", jsonl_files),
    "text": ("import.text", text_dump_files),
}


def prepare(args: argparse.Namespace) -> None:
    for _, build in KINDS.values():
        build(args.articles, args.seed)


def import_once(directory: Path) -> tuple[float, float, int, list[dict]]:
    """Import every file in ``directory`` into a new store: wall seconds, CPU seconds, articles, failures."""
    from reader.importing import import_paths
    from reader.store import open_store

    with tempfile.TemporaryDirectory(prefix="reader-bench-import-") as tmp:
        db = open_store(Path(tmp) / "import.db")
        try:
            start, cpu = time.perf_counter(), time.process_time()
            result = import_paths(db, [directory])
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        finally:
            db.conn.close()
    return seconds, cpu, result.imported, result.failed


def runs_for(args: argparse.Namespace) -> int:
    return min(args.runs, MAX_RUNS_AT_SCALE) if args.articles >= SCALE else args.runs


def run(args: argparse.Namespace) -> list[dict]:
    results: list[dict] = []
    for kind, (prefix, build) in KINDS.items():
        directory = build(args.articles, args.seed)
        rates, cpu_rates, seconds, imported, failed = [], [], [], 0, []
        for index in range(runs_for(args)):
            took, cpu, imported, failed = import_once(directory)
            seconds.append(took)
            rates.append(imported / took if took else 0.0)
            cpu_rates.append(imported / cpu if cpu else 0.0)
            print(f"import {kind} run {index + 1}: {imported:,} articles in {took:.1f} s", file=sys.stderr)
        remark = None
        if imported < args.articles:
            # The text-dump parser may merge or split the odd article of real text; say so, never hide it.
            remark = f"{imported:,} of {args.articles:,} articles imported"
        results.append(measurement(f"{prefix}.articles_per_s", "articles/s", rates, imported, note=remark, digits=1))
        results.append(measurement(f"{prefix}.seconds", "s", seconds, imported))
        # Per CPU-second of this process: what the figure would be on an idle machine (SQLite writes
        # in this thread, so little of the work is elsewhere); the wall figure suffers from other load.
        results.append(measurement(f"{prefix}.cpu_articles_per_s", "articles/cpu-s", cpu_rates, imported, digits=1))
        if failed:
            results.append(note(f"{prefix}.failed", f"{len(failed)} failures, first: {failed[0]}"))
    results.append(rss_measurement("import", peak_rss_mb(), args.articles))
    return results


if __name__ == "__main__":
    stage_main("import", run, prepare)

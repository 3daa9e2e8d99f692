"""Stage ``import``: articles per second into an empty store, from JSON Lines and from text dumps.

A run imports the whole generated corpus (``--articles``) with :func:`reader.importing.import_paths`
into a new store, as ``reader import DIR`` does: JSON Lines files of 10,000 articles each, and scraped
text dumps of 25 articles each (the layout of the Asharq Al-Awsat sample). Building those files is
the ``prepare`` phase and is cached, so only the import itself is timed.

The files are imported in ten consecutive slices, each timed: the median and spread of the rate are over
those slices (and over runs), so one import of 100,000 articles gives a spread, and a rate that falls as
the store fills shows as a low minimum. At 50,000 articles and more a kind is imported once (a whole
import takes about a minute here); smaller corpora are imported ``--runs`` times, at most three.

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

SCALE = 50_000
SLICES = 10
MAX_RUNS = 3

KINDS = {
    # kind: (figure prefix, files builder)
    "jsonl": ("import", jsonl_files),
    "text": ("import.text", text_dump_files),
}


def prepare(args: argparse.Namespace) -> None:
    for _, build in KINDS.values():
        build(args.articles, args.seed)


def _slices(files: list[Path], count: int) -> list[list[Path]]:
    size = max(1, -(-len(files) // count))
    return [files[i : i + size] for i in range(0, len(files), size)]


def import_once(directory: Path) -> list[tuple[float, float, int, list[dict]]]:
    """Import every file in ``directory`` into a new store, slice by slice.

    Returns, per slice: wall seconds, CPU seconds, articles imported, failures.
    """
    from reader.importing import import_paths
    from reader.store import open_store

    files = sorted(p for p in directory.iterdir() if p.is_file())
    out = []
    with tempfile.TemporaryDirectory(prefix="reader-bench-import-") as tmp:
        db = open_store(Path(tmp) / "import.db")
        try:
            for chunk in _slices(files, SLICES):
                start, cpu = time.perf_counter(), time.process_time()
                # As `reader import` does: the related-stories index is built by the background pass.
                result = import_paths(db, chunk, index_related=False)
                out.append((time.perf_counter() - start, time.process_time() - cpu, result.imported, result.failed))
        finally:
            db.conn.close()
    return out


def runs_for(args: argparse.Namespace) -> int:
    # The ten slices already give a spread; more than a few whole imports only make the suite slow.
    return 1 if args.articles >= SCALE else min(args.runs, MAX_RUNS)


def run(args: argparse.Namespace) -> list[dict]:
    results: list[dict] = []
    for kind, (prefix, build) in KINDS.items():
        directory = build(args.articles, args.seed)
        rates, cpu_rates, seconds, imported, failed = [], [], [], 0, []
        for index in range(runs_for(args)):
            slices = import_once(directory)
            for took, cpu, count, _failed in slices:
                rates.append(count / took if took else 0.0)
                cpu_rates.append(count / cpu if cpu else 0.0)
            imported = sum(s[2] for s in slices)
            failed = [f for s in slices for f in s[3]]
            seconds.append(sum(s[0] for s in slices))
            trend = ", ".join(f"{s[2] / s[1]:,.0f}" for s in slices if s[1])
            print(f"import {kind} run {index + 1}: {imported:,} articles in {seconds[-1]:.1f} s; "
                  f"articles per CPU-second by slice as the store fills: {trend}", file=sys.stderr)
        remark = None
        if imported < args.articles:
            # Real text: the odd generated article repeats another's text (a duplicate), or the text-dump
            # parser merges or splits one. Say so rather than hide it.
            remark = f"{imported:,} of {args.articles:,} articles imported"
        results.append(measurement(f"{prefix}.articles_per_s", "articles/s", rates, imported, note=remark, digits=1))
        results.append(measurement(f"{prefix}.seconds", "s", seconds, imported))
        # Per CPU-second of this process (SQLite works in this thread too): close to what an idle machine
        # gives, while the wall-clock rate also counts time lost to other processes.
        results.append(measurement(f"{prefix}.cpu_articles_per_s", "articles/cpu-s", cpu_rates, imported, digits=1))
        if failed:
            results.append(note(f"{prefix}.failed", f"{len(failed)} failures, first: {failed[0]}"))
    results.append(rss_measurement("import", peak_rss_mb(), args.articles))
    return results


if __name__ == "__main__":
    stage_main("import", run, prepare)

"""What every benchmark stage shares: its arguments, timing loops, measurement dicts, peak memory.

A stage is a module ``reader.bench.<name>`` with ``run(args) -> list[dict]`` (and optionally
``prepare(args)``, run first in its own process, for corpus building that should not count). A
measurement is ``{"name", "unit", "median", "p95", "runs", "n"}`` plus optional ``min``, ``max`` and
``note``; build it with :func:`measurement`. A dict with only ``name`` and ``note`` is a note (a figure
that could not be taken, and why): it is printed, never exported as a figure.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

DEFAULT_ARTICLES = 10_000
DEFAULT_RUNS = 5
REQUIRED_KEYS = ("name", "unit", "median", "p95", "runs", "n")


# --- arguments -----------------------------------------------------------------------------------------


def add_stage_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--articles", "-n", type=int, default=DEFAULT_ARTICLES, metavar="N",
                        help=f"corpus size: articles in the store (default {DEFAULT_ARTICLES:,})")
    parser.add_argument("--runs", "-r", type=int, default=DEFAULT_RUNS, metavar="R",
                        help=f"repetitions of each measurement (default {DEFAULT_RUNS})")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="corpus seed (default 0)")
    parser.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                        help="where built corpora are kept (default: the reader cache dir + /bench)")


def stage_args(articles: int = DEFAULT_ARTICLES, runs: int = DEFAULT_RUNS, seed: int = 0,
               cache_dir: Path | str | None = None, **extra: object) -> argparse.Namespace:
    """The namespace a stage's ``run(args)`` receives: ``articles``, ``runs``, ``seed``, ``cache_dir``.

    ``cache_dir`` says where the corpus functions cache their files (``READER_BENCH_DIR``, else the reader
    cache dir + ``/bench``); a stage may keep its own built files there too. Giving it here does not move
    the corpus: :func:`apply_cache_dir` does.
    """
    from reader.bench.corpus import bench_dir

    cache = Path(cache_dir) if cache_dir else bench_dir()
    return argparse.Namespace(articles=max(1, int(articles)), runs=max(1, int(runs)), seed=int(seed),
                              cache_dir=cache, **extra)


def apply_cache_dir(cache_dir: Path | None) -> None:
    """``--cache-dir``: keep built corpora there (child processes inherit it through the environment)."""
    if cache_dir is not None:
        os.environ["READER_BENCH_DIR"] = str(Path(cache_dir).expanduser().resolve())


# --- statistics and measurements -----------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) with linear interpolation (numpy's default)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def measurement(name: str, unit: str, values: Sequence[float], n: int, *, note: str | None = None,
                digits: int = 3) -> dict:
    """A measurement dict from the raw per-run values (median, p95, min, max over ``len(values)`` runs)."""
    if not values:
        raise ValueError(f"{name}: no values")
    result = {
        "name": name,
        "unit": unit,
        "median": round(statistics.median(values), digits),
        "p95": round(percentile(values, 95), digits),
        "runs": len(values),
        "n": int(n),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
    }
    if note:
        result["note"] = note
    return result


def note(name: str, text: str) -> dict:
    """A figure that was not taken, and why (printed, not exported)."""
    return {"name": name, "note": text}


def is_figure(item: dict) -> bool:
    return all(key in item for key in REQUIRED_KEYS)


def time_calls(fn: Callable[[], object], runs: int, *, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of ``runs`` calls of ``fn`` after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


# --- memory ------------------------------------------------------------------------------------------


def _vm_hwm_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def peak_rss_mb(*, include_children: bool = True) -> float:
    """Peak resident memory of this process (and of the largest child it waited for), in MB."""
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024  # bytes on macOS, KB elsewhere
    peak = usage * scale
    hwm = _vm_hwm_mb()
    if hwm is not None:
        peak = max(peak, hwm)
    if include_children:
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale)
    return round(peak, 1)


def rss_measurement(stage: str, peak_mb: float, n: int) -> dict:
    return {"name": f"{stage}.peak_rss_mb", "unit": "MB", "median": peak_mb, "p95": peak_mb, "runs": 1,
            "n": int(n), "min": peak_mb, "max": peak_mb}


# --- output ------------------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


HEADER = f"{'measurement':<32} {'median':>10} {'p95':>10} {'min':>10} {'max':>10}  {'unit':<14} {'runs':>4} {'n':>8}"


def format_row(item: dict) -> str:
    if not is_figure(item):
        return f"{item.get('name', '?'):<32} note: {item.get('note', '')}"
    row = (f"{item['name']:<32} {_number(item['median']):>10} {_number(item['p95']):>10} "
           f"{_number(item.get('min')):>10} {_number(item.get('max')):>10}  {item['unit']:<14} "
           f"{item['runs']:>4} {item['n']:>8,}")
    if item.get("note"):
        row += f"  ({item['note']})"
    return row


def export_line(item: dict) -> str:
    return json.dumps(item, ensure_ascii=False)


def print_item(item: dict, *, as_json: bool) -> None:
    """One measurement or note: a table row, or with ``as_json`` a JSON line (notes go to stderr)."""
    if not as_json:
        print(format_row(item), flush=True)
    elif is_figure(item):
        print(export_line(item), flush=True)
    else:
        print(format_row(item), file=sys.stderr, flush=True)


def stage_main(stage: str, run: Callable[[argparse.Namespace], list[dict]],
               prepare: Callable[[argparse.Namespace], None] | None = None) -> None:
    """``python -m reader.bench.<stage>``: run one stage in this process and print its figures."""
    parser = argparse.ArgumentParser(prog=f"python -m reader.bench.{stage}")
    add_stage_options(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per measurement")
    ns = parser.parse_args()
    apply_cache_dir(ns.cache_dir)
    args = stage_args(ns.articles, ns.runs, ns.seed)
    if prepare:
        prepare(args)
    results = run(args)
    if not any(item.get("name") == f"{stage}.peak_rss_mb" for item in results):
        results.append(rss_measurement(stage, peak_rss_mb(), args.articles))
    if not ns.json:
        print(HEADER)
    for item in results:
        print_item(item, as_json=ns.json)

"""Stage ``search``: latency of typical full-text searches at N articles.

Each query is what a person types in the app's search box, run the way the app runs it: the first page
(50 rows) of ``ArticleFilter(search=...)``, best match first, through :func:`reader.store.list_articles`
on the cached corpus store. The mix covers common and rare single words, phrases, prefixes, AND / OR /
NOT, a diacritic-folded word, a search combined with the unread filter, and a common word listed newest
first (no ranking: it shows what ranking costs). Every query is run once
untimed (a warm page cache, as in a session), then ``--runs`` times.

Figures: ``search.latency_ms`` (every timed search: its median is the p50, its p95 the p95),
``search.p50_ms`` and ``search.p95_ms`` (each run's p50 / p95 across the queries; median and spread over
the runs), ``search.<kind>_ms`` for each kind of query, and ``search.count_ms`` (counting all the
matches, as a status bar would).
"""

from __future__ import annotations

import argparse
import statistics
import sys

from reader.bench.common import measurement, note, percentile, stage_main, time_calls
from reader.bench.corpus import store_with_articles
from reader.store import ArticleFilter, count_articles, list_articles, open_store

PAGE = 50

# (kind, query). Words and names come from the real text the corpus is built from.
QUERIES: list[tuple[str, str]] = [
    ("common", "government"),
    ("common", "police"),
    ("common", "said"),
    ("rare", "Magnitogorsk"),
    ("rare", "Haftar"),
    ("rare", "Kazaa"),
    ("folded", "Turkiye"),
    ("phrase", '"prime minister"'),
    ("phrase", '"Security Council"'),
    ("prefix", "elect*"),
    ("prefix", "earthq*"),
    ("and", "police fire"),
    ("and", "Libya AND Tripoli"),
    ("or", "earthquake OR flood"),
    ("not", "Russia -Putin"),
    ("filtered", "election"),  # with the unread filter, as in the app's Unread view
    ("newest", "government"),  # a common word again, newest first instead of best match first
]


def _filter(kind: str, query: str) -> ArticleFilter:
    return ArticleFilter(search=query, unread=kind == "filtered", order="newest" if kind == "newest" else None)


def prepare(args: argparse.Namespace) -> None:
    store_with_articles(args.articles, args.seed)


def run(args: argparse.Namespace) -> list[dict]:
    db = open_store(store_with_articles(args.articles, args.seed))
    results: list[dict] = []
    try:
        per_query: dict[str, list[float]] = {}
        by_kind: dict[str, list[float]] = {}
        empty: list[str] = []
        for kind, query in QUERIES:
            flt = _filter(kind, query)
            times = time_calls(lambda flt=flt: list_articles(db, flt, limit=PAGE), args.runs)
            per_query[query] = [t * 1000 for t in times]
            by_kind.setdefault(kind, []).extend(per_query[query])
            if not list_articles(db, flt, limit=1):
                empty.append(query)
        count_times = [t * 1000 for kind, query in QUERIES for t in
                       time_calls(lambda k=kind, q=query: count_articles(db, _filter(k, q)), max(1, args.runs // 2),
                                  warmup=0)]
    finally:
        db.conn.close()

    runs = args.runs
    n_queries = len(QUERIES)
    every = [t for times in per_query.values() for t in times]
    # All searches together: this figure's median is the p50 and its p95 the p95 of one search.
    results.append(measurement("search.latency_ms", "ms", every, n_queries))
    # The figures, one value a run (that run's percentile across the queries), so the spread
    # shows how much a noisy run moves them.
    by_run = [[per_query[q][r] for _, q in QUERIES] for r in range(runs)]
    results.append(measurement("search.p50_ms", "ms", [statistics.median(v) for v in by_run], n_queries))
    results.append(measurement("search.p95_ms", "ms", [percentile(v, 95) for v in by_run], n_queries))
    for kind, times in by_kind.items():
        results.append(measurement(f"search.{kind}_ms", "ms", times, len(times) // runs))
    results.append(measurement("search.count_ms", "ms", count_times, n_queries))
    slowest = max(per_query, key=lambda q: statistics.median(per_query[q]))
    results.append(note("search.slowest", f"{slowest!r}: {statistics.median(per_query[slowest]):.1f} ms median"))
    if empty:
        results.append(note("search.no_match", f"no result for {', '.join(empty)} (corpus too small?)"))
    print(f"search: {len(QUERIES)} queries x {runs} runs at {args.articles:,} articles", file=sys.stderr)
    return results


if __name__ == "__main__":
    stage_main("search", run, prepare)

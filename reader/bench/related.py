"""Related-stories benchmark: quality on ECB+ with Wikinews distractors, speed and memory at N articles.

``python -m reader.bench.related [--articles N] [--queries Q] [--skip-quality] [--skip-speed]``

Quality: the 462 ECB+ dev articles (40 events, two events per topic) and 834 Wikinews distractors go
into a fresh store; for every ECB+ article the ranked list (same-story group first, then related) is
compared with its event cluster: precision@5, MRR of the first same-event story, and the share of
top-5 slots taken by a story of the same topic but a *different* event (lower is better).

Speed: a copy of the cached bench corpus (``reader.bench.corpus``) is indexed once (cached too, since
indexing 100,000 articles takes minutes), then random articles are queried; also timed: indexing one
newly added article (the incremental path). Peak memory is the process's maximum resident set.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.bench.corpus import SHARED, store_with_articles
from reader.config import cache_dir
from reader.related import INDEX_VERSION
from reader.store.migrations import LATEST_VERSION


def _measure(name: str, unit: str, values: list[float], n: int | None = None) -> dict:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))] if ordered else 0.0
    return {"name": name, "unit": unit, "median": statistics.median(ordered) if ordered else 0.0,
            "p95": p95, "runs": len(values), "n": n if n is not None else len(values)}


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _eval_files() -> list[Path]:
    return [SHARED / "eval" / "related" / "ecbplus-dev.jsonl", SHARED / "eval" / "news" / "wikinews.jsonl"]


def enriched_quality_store() -> Path:
    """ECB+ dev + Wikinews imported and run through the entity recogniser, as users get them.

    Cached under the bench cache, keyed by the recogniser version and the eval files, since
    recognising ~1,300 articles takes a while; callers work on a copy.
    """
    import hashlib

    from reader.importing import import_paths
    from reader.nlp import recogniser_version
    from reader.nlp.enrich import enrich_store
    from reader.store import open_store

    digest = hashlib.sha1()
    for path in _eval_files():
        digest.update(path.read_bytes())
    version = re.sub(r"[^\w.-]", "_", recogniser_version())
    target = cache_dir() / "bench" / f"related-quality-{version}-s{LATEST_VERSION}-{digest.hexdigest()[:8]}.db"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = open_store(tmp)
    import_paths(db, _eval_files())
    db.conn.close()
    started = time.perf_counter()
    enrich_store(tmp)
    print(f"recognised entities in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    db = open_store(tmp)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    tmp.replace(target)
    for suffix in ("-wal", "-shm", ".enrich.lock"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    return target


def _score(db, records: list[dict]) -> dict[str, float]:
    from reader.related import related

    by_guid = {r["id"]: r for r in records}
    ids = dict(db.conn.execute("SELECT guid, id FROM articles"))
    guid_of = {v: k for k, v in ids.items()}
    p5 = mrr = confusion = 0.0
    for record in records:
        result = related(db, ids[record["id"]], limit=10)
        ranked = [guid_of[r.id] for r in (*result.same_story, *result.related)]
        same = [g in by_guid and by_guid[g]["cluster"] == record["cluster"] for g in ranked]
        p5 += sum(same[:5]) / 5
        mrr += next((1 / (i + 1) for i, s in enumerate(same) if s), 0.0)
        confusion += sum(
            1 for g in ranked[:5]
            if g in by_guid and by_guid[g]["topic"] == record["topic"] and by_guid[g]["cluster"] != record["cluster"]
        ) / 5
    n = len(records)
    return {"p5": p5 / n, "mrr": mrr / n, "confusion": confusion / n, "n": n}


def quality(workdir: Path, text_only: bool = True) -> dict[str, dict[str, float]]:
    """P@5, MRR and topic confusion on the ECB+ dev set with Wikinews distractors.

    Measured on the configuration users get (entities recognised), and, unless ``text_only`` is
    False, again with the mentions removed (the engine before the recogniser has run).
    Returns {"entities": {...}, "text_only": {...}}.
    """
    from reader.related import index_pending
    from reader.store import open_store

    path = workdir / "quality.db"
    shutil.copyfile(enriched_quality_store(), path)
    db = open_store(path)
    index_pending(db)
    records = [json.loads(line) for line in _eval_files()[0].open(encoding="utf-8") if line.strip()]
    out = {"entities": _score(db, records)}
    if text_only:
        db.conn.execute("DELETE FROM mentions")
        db.conn.commit()
        out["text_only"] = _score(db, records)
    db.conn.close()
    return out


def indexed_store(articles: int, source: Path | None = None) -> Path:
    """A private, indexed copy of the cached bench corpus (the shared copy is never modified).

    Cached stores are named by the index and schema versions: a store migrated from an older
    schema keeps the index rows older code wrote, which is not what a new user gets.

    Indexing runs in a child process (``reader related --reindex``), so this process's peak memory is
    that of answering queries.
    """
    target = cache_dir() / "bench" / f"related-v{INDEX_VERSION}-s{LATEST_VERSION}-{articles}.db"
    if target.exists():
        return target
    source = source or store_with_articles(articles)
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(source, tmp)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reader", "--db", str(tmp), "related", "--reindex"], check=True,
                   cwd=Path(__file__).resolve().parents[2], stdout=subprocess.DEVNULL)
    print(f"indexed {articles} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    tmp.replace(target)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    return target


_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")
_NOT_NAMES = {"The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "But", "And", "This", "That",
              "His", "Her", "After", "When", "As", "For", "If"}


def _stand_in_mentions(title: str, body: str) -> list:
    """Runs of capitalised words as entities: a crude stand-in for the recogniser, with a realistic
    number of mentions per article (about 30), so the entity path is timed with real table sizes."""
    from reader.models import Mention

    out = []
    for field, text in (("title", title), ("body", body[:3000])):
        for m in _NAME.finditer(text):
            if m.group() not in _NOT_NAMES and len(m.group()) >= 4:
                out.append(Mention(m.start(), m.end(), m.group(), "PERSON", m.group(), field=field))
    return out


def entity_store(articles: int, source: Path | None = None) -> Path:
    """The indexed bench store plus stand-in mentions for every article (built once, cached)."""
    from reader.store import open_store
    from reader.store.entities import save_mentions
    from reader.store.related_index import article_texts

    target = cache_dir() / "bench" / f"related-v{INDEX_VERSION}-s{LATEST_VERSION}-{articles}-entities.db"
    if target.exists():
        return target
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(indexed_store(articles, source), tmp)
    db = open_store(tmp)
    max_id = db.conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    for start in range(1, max_id + 1, 10_000):
        rows = article_texts(db, list(range(start, start + 10_000)))
        save_mentions(db, ((r["id"], _stand_in_mentions(r["title"], r["body"])) for r in rows), "bench")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    tmp.replace(target)
    return target


def speed(articles: int, queries: int, seed: int = 1, source: Path | None = None,
          entities: bool = False) -> dict[str, list[float]]:
    from reader.models import Article
    from reader.related import index_articles, index_pending, related
    from reader.store import add_articles, delete_articles, open_store

    path = entity_store(articles, source) if entities else indexed_store(articles, source)
    db = open_store(path)  # the private indexed copy; what is added below is deleted again
    added: list[int] = []
    try:
        max_id = db.conn.execute("SELECT max(id) FROM articles").fetchone()[0]
        rng = random.Random(seed)
        for article_id in rng.sample(range(1, max_id + 1), 20):  # warm the page cache
            related(db, article_id)
        times: list[float] = []
        cpu: list[float] = []  # CPU time: less sensitive than wall time to other work on the machine
        for article_id in rng.sample(range(1, max_id + 1), queries):
            started, started_cpu = time.perf_counter(), time.thread_time()
            related(db, article_id)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
        add_times: list[float] = []
        sample = db.conn.execute("SELECT title, body FROM articles ORDER BY random() LIMIT 20").fetchall()
        for i, (title, body) in enumerate(sample):
            result = add_articles(db, [Article(title=f"{title} (update {i})", body=body + f"\n\nUpdate {i}.",
                                               guid=f"bench-related-add-{i}")])
            started = time.perf_counter()
            index_articles(db, result.ids)
            add_times.append((time.perf_counter() - started) * 1000)
            added += result.ids
    finally:
        delete_articles(db, added)
        index_pending(db)  # takes the deleted articles back out of the index
        db.conn.close()
    return {"query": times, "cpu": cpu, "add": add_times}


def run(args: argparse.Namespace) -> list[dict]:
    out: list[dict] = []
    articles = getattr(args, "articles", None) or 100_000
    if not getattr(args, "skip_quality", False):
        with tempfile.TemporaryDirectory() as tmp:
            results = quality(Path(tmp))
        for variant, suffix in (("entities", ""), ("text_only", "_text_only")):
            q = results[variant]
            for key, name in (("p5", "related.dev_p5"), ("mrr", "related.dev_mrr"),
                              ("confusion", "related.dev_topic_confusion")):
                out.append({"name": name + suffix, "unit": "ratio", "median": round(q[key], 4),
                            "p95": round(q[key], 4), "runs": 1, "n": q["n"]})
    if not getattr(args, "skip_speed", False):
        store = getattr(args, "store", None)
        entities = getattr(args, "with_entities", False)
        s = speed(articles, getattr(args, "queries", None) or 200, source=Path(store) if store else None,
                  entities=entities)
        query = _measure("related.query_ms", "ms", s["query"], articles)
        out.append({**_measure("related.p50_ms", "ms", s["query"], articles)})
        out.append({**query, "name": "related.p95_ms"})
        out.append(_measure("related.cpu_ms", "ms", s["cpu"], articles))
        out.append(_measure("related.index_one_ms", "ms", s["add"], articles))
    out.append({"name": "related.peak_rss_mb", "unit": "MB", "median": round(_peak_rss_mb(), 1),
                "p95": round(_peak_rss_mb(), 1), "runs": 1, "n": articles})
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m reader.bench.related", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="store size for the speed run")
    parser.add_argument("--queries", type=int, default=200, help="related queries timed")
    parser.add_argument("--store", help="use this store (copied, never modified) instead of the bench corpus")
    parser.add_argument("--with-entities", action="store_true",
                        help="time queries with ~30 stand-in entity mentions per article (built once, cached)")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args(argv)
    for m in run(args):
        value = m["p95"] if m["name"].endswith("p95_ms") else m["median"]
        print(f"{m['name']:<32} {value:>10.4g} {m['unit']}  (median {m['median']:.4g}, p95 {m['p95']:.4g}, "
              f"runs {m['runs']}, n {m['n']})")


if __name__ == "__main__":
    main()

"""Refresh benchmark: 200 RSS feeds x 50 items of real article text, served on loopback.

Times a full ``reader refresh`` (a fresh process: fetch, parse, clean, dedupe, store, index) into an
empty store, and newsboat 2.21 on the same feeds side by side (``newsboat -u urls -c cache.db -x
reload`` with ``reload-threads 8``). Peak memory is the largest summed PSS (RSS with shared pages
counted once) of the refresh process and its children (the parser pool), sampled every 50 ms. CPU
seconds (user + system, children included) are reported too: on a busy machine they compare the
work done better than wall time does.

    python -m reader.bench.refresh [--feeds 200] [--items 50] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from reader.bench.corpus import generate_articles

ROOT = Path(__file__).resolve().parents[2]


def build_feeds(n_feeds: int, items: int, seed: int = 7) -> dict[str, bytes]:
    """``/feed/<i>.xml`` -> RSS 2.0 bytes, with HTML descriptions made of real paragraphs."""
    articles = list(generate_articles(n_feeds * items, seed=seed))
    feeds: dict[str, bytes] = {}
    for f in range(n_feeds):
        parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
                 f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
                 f"<title>Bench feed {f}</title><link>http://news.example/{f}/</link>"
                 f"<description>Generated feed {f}</description>"]
        for article in articles[f * items:(f + 1) * items]:
            published = datetime.strptime(article.published or "2024-01-01T00:00:00Z", "%Y-%m-%dT%H:%M:%SZ")
            html = "".join(f"<p>{escape(p)}</p>" for p in article.body.split("\n\n"))
            parts.append(
                f"<item><title>{escape(article.title)}</title><link>{escape(article.url or '')}</link>"
                f'<guid isPermaLink="false">{escape(article.guid or "")}</guid>'
                f"<pubDate>{format_datetime(published.replace(tzinfo=UTC), usegmt=True)}</pubDate>"
                f"<dc:creator>{escape(article.source or '')}</dc:creator>"
                f"<description>{escape(html)}</description></item>"
            )
        parts.append("</channel></rss>\n")
        feeds[f"/feed/{f}.xml"] = "".join(parts).encode("utf-8")
    return feeds


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        body = self.server.feeds.get(self.path.split("?")[0])
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, feeds: dict[str, bytes]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.feeds = feeds

    def handle_error(self, request, client_address) -> None:
        pass


def _children(pid: int) -> list[int]:
    """Direct children from /proc/<pid>/task/*/children (cheap), else by scanning every process."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                found.extend(int(p) for p in fh.read().split())
        return found
    except FileNotFoundError:
        pass
    except OSError:
        return []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                if entry.isdigit() and int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    return found


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(_children(current))
    return found


def _rss_kb(pid: int) -> int:
    """Proportional set size (shared pages split between the processes sharing them), else RSS.

    Summing plain RSS over a parent and its forked workers counts the shared interpreter pages
    once per process; PSS counts them once in total."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def timed_run(cmd: list[str], *, env: dict[str, str] | None = None,
              cwd: Path | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak memory in MB of the process tree)."""
    peak = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_rss_kb(p) for p in _descendants(proc.pid)))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {stderr.decode(errors='replace')[-500:]}")
    return elapsed, cpu, peak / 1024


def _stats(name: str, unit: str, values: list[float], n: int) -> dict:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"name": name, "unit": unit, "median": round(statistics.median(values), 3), "p95": round(p95, 3),
            "runs": len(values), "n": n}


def run(args) -> list[dict]:
    n_feeds = int(getattr(args, "feeds", None) or 200)
    items = int(getattr(args, "items", None) or 50)
    runs = int(getattr(args, "runs", None) or 3)
    feeds = build_feeds(n_feeds, items)
    server = _Server(feeds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [base + path for path in feeds]
    newsboat = shutil.which("newsboat")
    ours: list[float] = []
    theirs: list[float] = []
    our_cpu: list[float] = []
    their_cpu: list[float] = []
    peaks: list[float] = []
    counts: set[int] = set()
    try:
        with tempfile.TemporaryDirectory(prefix="reader-bench-refresh-") as tmp:
            work = Path(tmp)
            (work / "urls").write_text("\n".join(urls) + "\n", encoding="utf-8")
            (work / "config").write_text("reload-threads 8\n", encoding="utf-8")
            env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(work), "READER_DATA_DIR": str(work / "data"),
                   "READER_CONFIG_DIR": str(work / "cfg"), "READER_CACHE_DIR": str(work / "cache"),
                   "XDG_CONFIG_HOME": str(work / "xdg-config"), "READER_BACKGROUND_ENRICH": "0", "XDG_DATA_HOME": str(work / "xdg-data")}
            for i in range(runs):
                db_path = work / f"store-{i}.db"
                _subscribe(db_path, urls)
                seconds, cpu, peak = timed_run([sys.executable, "-m", "reader", "--db", str(db_path), "refresh", "-q"],
                                          env=env, cwd=ROOT)
                ours.append(seconds)
                our_cpu.append(cpu)
                peaks.append(peak)
                counts.add(_count(db_path))
                if newsboat:
                    cache = work / f"cache-{i}.db"
                    seconds, cpu, _ = timed_run([newsboat, "-u", str(work / "urls"), "-c", str(cache),
                                            "-C", str(work / "config"), "-x", "reload"], env=env, cwd=work)
                    theirs.append(seconds)
                    their_cpu.append(cpu)
    finally:
        server.shutdown()
        server.server_close()
    total = n_feeds * items
    # Recombined text can repeat an article's whole content, which the store rightly keeps once.
    if len(counts) != 1 or min(counts) < 0.99 * total:
        raise RuntimeError(f"refresh stored {sorted(counts)} articles, expected {total} (less exact duplicates)")
    results = [_stats("refresh.seconds", "s", ours, total), _stats("refresh.peak_rss_mb", "MB", peaks, total),
               _stats("refresh.cpu_seconds", "s", our_cpu, total)]
    if theirs:
        results.append(_stats("refresh.newsboat_seconds", "s", theirs, total))
        results.append(_stats("refresh.newsboat_cpu_seconds", "s", their_cpu, total))
        results.append(_stats("refresh.ratio_vs_newsboat", "x", [a / b for a, b in zip(ours, theirs, strict=True)],
                              total))
    else:
        results.append({"name": "refresh.newsboat_seconds", "unit": "s", "median": None, "p95": None, "runs": 0,
                        "n": total, "note": "skipped: newsboat not installed (apt-get install newsboat)"})
    return results


def _subscribe(db_path: Path, urls: list[str]) -> None:
    from reader.store import open_store
    from reader.store.feeds import add_feed

    db = open_store(db_path)
    for url in urls:
        add_feed(db, url)
    db.conn.close()


def _count(db_path: Path) -> int:
    from reader.store import open_store

    db = open_store(db_path)
    try:
        return db.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        db.conn.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m reader.bench.refresh", description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="Print the measurements as JSON.")
    args = parser.parse_args(argv)
    results = run(args)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        if r["median"] is None:
            print(f"{r['name']:<28} {r.get('note', '')}")
        else:
            print(f"{r['name']:<28} median {r['median']:>8} {r['unit']:<3} p95 {r['p95']:>8}  "
                  f"(runs {r['runs']}, {r['n']} entries)")


if __name__ == "__main__":
    main()

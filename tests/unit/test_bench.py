"""The benchmark suite: the command end to end at a tiny size, its output shapes, the corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

import reader.bench.__main__ as bench_main
from reader.bench import corpus
from reader.bench.common import REQUIRED_KEYS, measurement, percentile, stage_args
from reader.ingest.textdump import parse_text_dump
from reader.store import ArticleFilter, count_articles, open_store
from tests.conftest import ROOT

N = 200


def _bench(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "reader.bench", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_command_runs_end_to_end_with_json_output(tmp_path: Path) -> None:
    out = tmp_path / "figures.jsonl"
    proc = _bench("import", "search", "memory", "--articles", str(N), "--runs", "2", "--json", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert lines, proc.stderr
    for item in lines:
        assert set(REQUIRED_KEYS) <= set(item), item
        assert isinstance(item["median"], int | float) and isinstance(item["p95"], int | float)
        assert item["runs"] >= 1 and item["n"] >= 1
    names = {item["name"]: item for item in lines}
    for name in ("import.articles_per_s", "import.text.articles_per_s", "import.peak_rss_mb",
                 "search.p50_ms", "search.p95_ms", "search.peak_rss_mb"):
        assert name in names, sorted(names)
    # Nearly every generated article imports (the text-dump parser may merge the odd real paragraph).
    assert names["import.articles_per_s"]["n"] >= N - 2
    assert names["import.text.articles_per_s"]["n"] >= N - 5
    assert names["import.articles_per_s"]["median"] > 0
    assert names["search.p50_ms"]["runs"] == 2
    assert 0 < names["search.p50_ms"]["median"] <= names["search.p95_ms"]["median"]
    assert 10 < names["import.peak_rss_mb"]["median"] < 4000
    assert [json.loads(line) for line in out.read_text().splitlines()] == lines


def test_text_output_is_a_table_with_spread() -> None:
    proc = _bench("search", "--articles", str(N), "--runs", "3")
    assert proc.returncode == 0, proc.stderr
    header, *rows = proc.stdout.splitlines()
    assert header.split()[:5] == ["measurement", "median", "p95", "min", "max"]
    row = next(r for r in rows if r.startswith("search.p95_ms"))
    assert row.split()[5:7] == ["ms", "3"]


def test_missing_and_failing_stages_are_notes_not_fatal(monkeypatch: pytest.MonkeyPatch,
                                                        capfd: pytest.CaptureFixture[str]) -> None:
    # "ghost" has no module; "broken" names a module without run(); "search" still runs after them.
    stages = {"ghost": "no_such_stage_module", "broken": "common", "search": "search"}
    monkeypatch.setattr(bench_main, "STAGES", stages)
    monkeypatch.setattr(bench_main, "WHAT", [*stages, "memory"])
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    code = bench_main.main(["ghost", "broken", "search", "--articles", "60", "--runs", "1", "--json"])
    captured = capfd.readouterr()
    assert code == 0
    assert "ghost" in captured.err and "not available" in captured.err
    assert "broken" in captured.err and "failed" in captured.err and "AttributeError" in captured.err
    names = [json.loads(line)["name"] for line in captured.out.splitlines()]
    assert "search.p95_ms" in names
    assert not any(name.startswith(("ghost", "broken")) for name in names)


def test_default_runs_every_available_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_main, "STAGES", {"import": "importing", "ghost": "no_such_stage_module"})
    assert bench_main.available_stages() == ["import"]


def test_unknown_stage_is_a_usage_error() -> None:
    proc = _bench("nonsense")
    assert proc.returncode == 2
    assert "unknown stage" in proc.stderr


def test_measurement_and_percentile() -> None:
    assert percentile([1, 2, 3, 4, 5], 50) == 3
    assert percentile([10, 20], 95) == pytest.approx(19.5)
    item = measurement("x.ms", "ms", [3.0, 1.0, 2.0, 10.0], 7)
    assert item["median"] == 2.5 and item["min"] == 1.0 and item["max"] == 10.0
    assert item["runs"] == 4 and item["n"] == 7
    assert item["p95"] == pytest.approx(8.95)
    with pytest.raises(ValueError):
        measurement("x", "ms", [], 1)
    args = stage_args(articles=10, runs=0, seed=3)
    assert (args.articles, args.runs, args.seed) == (10, 1, 3)


# --- the corpus --------------------------------------------------------------------------------------


def test_corpus_is_deterministic_for_a_seed() -> None:
    first = list(corpus.generate_articles(80, seed=7))
    assert first == list(corpus.generate_articles(80, seed=7))
    assert first[:30] == list(corpus.generate_articles(30, seed=7))  # a prefix is stable
    other = list(corpus.generate_articles(80, seed=8))
    assert [a.body for a in first] != [a.body for a in other]
    assert len({a.guid for a in first}) == 80
    assert len({a.body for a in first}) == 80
    # Real text, recombined: every paragraph comes from the shared data.
    real = {p for base in corpus._pool().bases for p in base}
    assert all(p in real for a in first for p in a.body.split("\n\n"))


def _rows(path: Path) -> list[tuple]:
    db = open_store(path)
    try:
        return db.conn.execute(
            "SELECT guid, title, body, published, source, read_at, captions FROM articles ORDER BY id"
        ).fetchall()
    finally:
        db.conn.close()


def test_store_is_cached_and_the_same_for_a_seed(tmp_path: Path) -> None:
    one = corpus.store_with_articles(N, 5, directory=tmp_path / "a")
    assert corpus.store_with_articles(N, 5, directory=tmp_path / "a") == one  # cached: same file
    mtime = one.stat().st_mtime_ns
    corpus.store_with_articles(N, 5, directory=tmp_path / "a")
    assert one.stat().st_mtime_ns == mtime
    two = corpus.store_with_articles(N, 5, directory=tmp_path / "b")
    assert _rows(one) == _rows(two)
    assert len(_rows(one)) == N
    db = open_store(one)
    try:
        # The full-text index was built after the bulk load, and the insert trigger is back.
        assert count_articles(db, ArticleFilter(search="the")) > N // 2
        triggers = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert "articles_fts_insert" in triggers
    finally:
        db.conn.close()
    assert not list((tmp_path / "a").glob("*.tmp"))


def test_text_dumps_parse_back_into_the_articles() -> None:
    articles = list(corpus.generate_articles(50, seed=2))
    directory = corpus.text_dump_files(50, seed=2)
    files = sorted(directory.glob("*.txt"))
    assert len(files) == 2
    parsed = [a for f in files for a in parse_text_dump(f.read_text(encoding="utf-8"))]
    assert len(parsed) == 50
    assert [p.title for p in parsed] == [a.title.rstrip(".,;: ") for a in articles]
    assert sum(p.body == a.body for p, a in zip(parsed, articles, strict=True)) >= 48
    assert [p.captions for p in parsed] == [a.captions for a in articles]
    assert [p.published for p in parsed] == [a.published for a in articles]
    text = files[0].read_text(encoding="utf-8")
    assert "\nTT\n20\n" in text  # the scraped page's widget debris, as in the sample


def test_jsonl_files_hold_every_article() -> None:
    directory = corpus.jsonl_files(120, seed=1)
    records = [json.loads(line) for f in sorted(directory.glob("*.jsonl")) for line in f.open(encoding="utf-8")]
    assert [r["id"] for r in records] == [a.guid for a in corpus.generate_articles(120, seed=1)]


def test_feed_files_are_rss_of_real_text() -> None:
    directory = corpus.feed_files(3, 4, seed=9)
    assert corpus.feed_files(3, 4, seed=9) == directory
    files = sorted(directory.glob("feed-*.xml"))
    assert [f.name for f in files] == ["feed-0000.xml", "feed-0001.xml", "feed-0002.xml"]
    guids = []
    for f in files:
        parsed = feedparser.parse(f.read_bytes())
        assert not parsed.bozo, parsed.bozo_exception
        assert parsed.version == "rss20"
        assert len(parsed.entries) == 4
        entry = parsed.entries[0]
        assert entry.title and entry.link and entry.published_parsed
        assert "<p>" in entry.content[0].value
        guids += [e.id for e in parsed.entries]
    assert len(set(guids)) == 12


def test_a_corpus_is_built_once_when_two_want_it_at_once(tmp_path: Path) -> None:
    import threading
    import time

    builds: list[int] = []

    def build(tmp: Path) -> None:
        builds.append(1)
        time.sleep(0.3)
        tmp.write_text("built")

    target = tmp_path / "thing"
    threads = [threading.Thread(target=corpus._cached, args=(target, build)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert builds == [1]
    assert target.read_text() == "built"
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == ["thing"]

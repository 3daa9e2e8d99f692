"""Property-based: arbitrary strings as search, tag names and entity/feed filters.

Never an exception other than the one-line StoreError kinds, and never a wrong write: reads leave the
store byte-for-byte the same, and a tag write changes exactly that article's tags.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.cli import cli
from reader.importing import import_paths
from reader.models import Mention
from reader.store import (
    ArticleFilter,
    StoreError,
    TagError,
    add_tags,
    clean_tag,
    count_articles,
    get_feed,
    list_articles,
    open_store,
    remove_tags,
    tags_for,
)
from reader.store.entities import find_entity, save_mentions
from tests.conftest import SAMPLE

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CLI_SETTINGS = settings(max_examples=25, deadline=None,
                        suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text that stresses FTS syntax, SQL quoting, Unicode and control characters.
nasty = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.sampled_from(list('"*-()^:+.,;\'`\\ ANDORNOTNEAR{}[]%_\x00\x1b\u202e\u200bé')),
            max_size=40),
    st.lists(st.sampled_from(["AND", "OR", "NOT", "NEAR", '"', "-", "*", "(", ")", "a", "libya", "x:y",
                              "NEAR(a b)", "^", "title:", "drones*", "\x1b[2J", "'; DROP TABLE articles; --"]),
             max_size=8).map(" ".join),
)


def _fingerprint(path: Path) -> str:
    """A hash of every row of every table (not the file bytes: WAL checkpoints move pages around)."""
    conn = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%' ORDER BY name")]
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1"):  # noqa: S608 - table names from schema
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("prop") / "store.db"
    db = open_store(path)
    import_paths(db, [SAMPLE], tags=["seed"])
    save_mentions(db, [(1, [Mention(0, 5, "Libya", "PLACE", "Libya")]),
                       (2, [Mention(0, 7, "Türkiye", "PLACE", "Türkiye")])], version="test")
    db.conn.close()
    return path


@SETTINGS
@given(query=nasty)
def test_search_never_raises_or_writes(store: Path, query: str) -> None:
    before = _fingerprint(store)
    db = open_store(store)
    try:
        for flt in (ArticleFilter(search=query), ArticleFilter(search=query, unread=True, tag="seed")):
            try:
                rows = list_articles(db, flt, limit=5)
                assert count_articles(db, flt) >= len(rows)
            except StoreError as exc:
                assert "\n" not in str(exc)
    finally:
        db.conn.close()
    assert _fingerprint(store) == before


# Found by these tests: "²".isdigit() is True but int("²") fails; 20+ digits overflow SQLite INTEGER.
EDGE_IDS = ["²", "9" * 30, "9" * 5000, "0", " 1 ", "\x00", "١٢", "\n"]


@SETTINGS
@given(name=nasty)
@example(name=EDGE_IDS[0])
@example(name=EDGE_IDS[1])
@example(name=EDGE_IDS[2])
@example(name=EDGE_IDS[6])
@example(name=EDGE_IDS[7])
def test_entity_and_feed_lookups_never_raise_unexpectedly(store: Path, name: str) -> None:
    before = _fingerprint(store)
    db = open_store(store)
    try:
        for lookup in (find_entity, get_feed):
            try:
                lookup(db, name)
            except StoreError as exc:
                assert "\n" not in str(exc)
        try:
            list_articles(db, ArticleFilter(source=name, tag=name), limit=5)
        except StoreError:
            pass
    finally:
        db.conn.close()
    assert _fingerprint(store) == before


@SETTINGS
@given(names=st.lists(nasty, min_size=1, max_size=3))
def test_tag_names_write_exactly_what_they_say(tmp_path_factory: pytest.TempPathFactory, names: list[str]) -> None:
    path = tmp_path_factory.mktemp("tags") / "store.db"
    db = open_store(path)
    try:
        import_paths(db, [SAMPLE])
        other_before = tags_for(db, [2])
        try:
            expected = {clean_tag(n).casefold() for n in names}
        except TagError:
            expected = None
        try:
            now = add_tags(db, 1, names)
        except TagError:
            assert expected is None, "a valid name was refused"
            assert tags_for(db, [1]) == {}, "a refused batch wrote nothing"
        else:
            assert expected is not None
            assert {t.casefold() for t in now} == expected
            assert {t.casefold() for t in tags_for(db, [1])[1]} == expected
            assert list_articles(db, ArticleFilter(tag=now[0]))[0].id == 1
            remove_tags(db, 1, names)
            assert tags_for(db, [1]) == {}
        assert tags_for(db, [2]) == other_before
    finally:
        db.conn.close()


@pytest.fixture
def cli_run(store: Path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--db", str(store), *args])

    return invoke


def _clean_exit(result) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), result.output  # 2: a usage error ("-x" read as an option)
    if result.exit_code == 1:
        assert result.output.strip().startswith("Error:") and result.output.strip().count("\n") == 0
    if result.exit_code == 2:
        assert "Error:" in result.output and "Traceback" not in result.output


@CLI_SETTINGS
@given(text=nasty)
@example(text=EDGE_IDS[0])
@example(text=EDGE_IDS[2])
def test_cli_filters_never_crash_or_write(store: Path, cli_run, text: str) -> None:
    before = _fingerprint(store)
    for args in (["list", "--search", text], ["list", "--entity", text, "--json"], ["list", "--tag", text],
                 ["list", "--feed", text], ["export", "--search", text]):
        _clean_exit(cli_run(*args))
    assert _fingerprint(store) == before


@CLI_SETTINGS
@given(text=nasty)
@example(text="-0")
def test_cli_tag_never_crashes(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("clitag") / "store.db"
    db = open_store(path)
    import_paths(db, [SAMPLE])
    db.conn.close()
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(path), "tag", "1", text])
    _clean_exit(result)
    db = open_store(path)
    try:
        tags = tags_for(db, [1, 2])
        if result.exit_code == 0:
            assert tags == {1: [clean_tag(text)]}
        else:
            assert tags == {}
    finally:
        db.conn.close()


@pytest.mark.parametrize("args", [["show", "9" * 30], ["tag", "9" * 30, "x"], ["read", "9" * 30],
                                  ["list", "--offset", "9" * 30], ["show", "-1"], ["bookmark", "²"]])
def test_cli_out_of_range_ids_are_usage_errors(cli_run, args: list[str]) -> None:
    result = cli_run(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (1, 2) and "Traceback" not in result.output

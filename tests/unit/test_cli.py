"""The CLI through click's runner against a real temporary store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reader.cli import cli
from tests.conftest import ECBPLUS, SAMPLE


@pytest.fixture
def run(db_path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)

    return invoke


def test_import_list_show_json(run) -> None:
    result = run("import", str(SAMPLE), "--source", "Asharq Al-Awsat", "--json")
    assert result.exit_code == 0
    assert json.loads(result.output) == {"imported": 2, "updated": 0, "duplicates": 0, "failed": []}
    rows = json.loads(run("list", "--json").output)
    assert [r["title"][:7] for r in rows] == ["Türkiye", "Libya: "]
    assert set(rows[0]) == {"id", "guid", "title", "source", "published", "tags", "bookmarked", "read"}
    shown = json.loads(run("show", str(rows[1]["id"]), "--json").output)
    assert shown["captions"][0].endswith("(File Photo: Reuters)")
    assert shown["body"].count("\n\n") == 14
    assert shown["entities"] == [] or isinstance(shown["entities"], list)
    again = json.loads(run("import", str(SAMPLE), "--json").output)
    assert again["imported"] == 0 and again["duplicates"] == 2


def test_tag_bookmark_read_roundtrip(run) -> None:
    run("import", str(SAMPLE))
    assert run("tag", "1", "libya", "drones").exit_code == 0
    assert run("untag", "1", "drones").exit_code == 0
    assert run("bookmark", "1").exit_code == 0
    assert run("read", "2").exit_code == 0
    rows = {r["id"]: r for r in json.loads(run("list", "--json").output)}
    assert rows[1]["tags"] == ["libya"] and rows[1]["bookmarked"] and not rows[1]["read"]
    assert rows[2]["read"]
    assert [r["id"] for r in json.loads(run("list", "--tag", "libya", "--json").output)] == [1]
    assert [r["id"] for r in json.loads(run("list", "--bookmarked", "--json").output)] == [1]
    assert [r["id"] for r in json.loads(run("list", "--unread", "--json").output)] == [1]
    run("unbookmark", "1")
    run("unread", "2")
    assert json.loads(run("list", "--bookmarked", "--json").output) == []


@pytest.mark.parametrize("query", ['"', '"Black Sea', "AND", "-", "drones AND", "NOT NOT", "a:b", "(x"])
def test_search_never_crashes(run, query) -> None:
    run("import", str(SAMPLE))
    result = run("list", "--search", query)
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output
    if result.exit_code:
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1


def test_unknown_id_and_missing_file_are_one_line_errors(run, tmp_path) -> None:
    result = run("show", "12345")
    assert result.exit_code == 1 and result.output == "Error: no article with id 12345\n"
    result = run("import", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1 and "no such file" in result.output
    result = run("list", "--limit", "-3")
    assert result.exit_code == 2


def test_export_jsonl_roundtrip(run, tmp_path, db_path) -> None:
    run("import", str(ECBPLUS))
    out = tmp_path / "out.jsonl"
    assert run("export", "-o", str(out)).exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 462
    other = CliRunner().invoke(cli, ["--db", str(tmp_path / "b.db"), "import", str(out), "--json"])
    assert json.loads(other.output)["imported"] == 462
    md = run("export", "--format", "markdown", "--search", "Tara Reid")
    assert md.output.startswith("# ")


def test_stats_and_env_db(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("READER_DB", str(tmp_path / "env.db"))
    result = CliRunner().invoke(cli, ["stats", "--json"])
    assert json.loads(result.output)["path"] == str(tmp_path / "env.db")


def test_demo_store_is_separate(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("READER_DB", str(tmp_path / "user.db"))
    result = CliRunner().invoke(cli, ["demo", "--list", "-n", "3"])
    assert result.exit_code == 0, result.output
    assert "836 articles" in result.output
    assert not (tmp_path / "user.db").exists()


def test_list_marks_articles_without_a_date(run) -> None:
    run("import", str(SAMPLE))
    rows = json.loads(run("list", "--json").output)
    assert all(r["published"] is None for r in rows)  # the text dump gives no dates
    shown = run("list").output
    assert shown.count("~20") == len(rows) and "no date given" in shown

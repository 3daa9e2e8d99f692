"""Importing real files: the sample dump, the ECB+ JSON Lines set, directories and failures."""

from __future__ import annotations

from reader.importing import import_paths
from reader.store import count_articles, get_article
from tests.conftest import ECBPLUS, SAMPLE


def test_ecbplus_imports_462_articles(db) -> None:
    result = import_paths(db, [ECBPLUS])
    assert result.imported == 462 and not result.failed
    assert count_articles(db) == 462
    again = import_paths(db, [ECBPLUS])
    assert again.imported == 0 and again.duplicates == 462
    assert db.conn.execute("SELECT count(*) FROM articles WHERE guid = '1_10ecb'").fetchone()[0] == 1


def test_directory_imports_every_file_and_reports_failures(db, tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.jsonl").write_text('{"title": "One", "text": "Body one."}\nnot json\n', encoding="utf-8")
    (folder / "c.bin").write_bytes(b"\x00\x01\x02" * 1000)
    (folder / "d.txt").write_bytes(b"")
    result = import_paths(db, [folder])
    assert result.imported == 3
    errors = {f["path"].rsplit("/", 1)[-1]: f["error"] for f in result.failed}
    assert set(errors) == {"b.jsonl", "c.bin", "d.txt"}
    assert "line 2" in errors["b.jsonl"] and "binary" in errors["c.bin"] and "empty" in errors["d.txt"]


def test_jsonl_fields(db, tmp_path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(
        '{"id": "abc", "title": "T \\u001b[31m", "body": "P1\\n\\nP2", "url": "https://e.test/1", '
        '"published": "2024-05-01T10:00:00+02:00", "source": "Src", "author": "Ann", "tags": ["a", "b"], '
        '"extra": 1}\n',
        encoding="utf-8",
    )
    import_paths(db, [path])
    article = get_article(db, 1)
    assert (article.guid, article.title, article.body) == ("abc", "T", "P1\n\nP2")
    assert article.published == "2024-05-01T08:00:00Z"
    assert (article.source, article.author, article.tags) == ("Src", "Ann", ["a", "b"])

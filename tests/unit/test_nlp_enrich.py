"""Entities stored for a real store: enrich_store, re-processing on version change, the CLI."""

from __future__ import annotations

import json
import sys
import threading

from click.testing import CliRunner

import reader.nlp as nlp
from reader.cli import cli
from reader.nlp.enrich import enrich_store, start_background_enrich
from reader.store.entities import articles_needing_entities, find_entity, list_entities, mentions_for
from tests.conftest import ROOT, SAMPLE


def test_enrich_fills_every_article_once(sample_db, db_path):
    assert len(articles_needing_entities(sample_db, nlp.RECOGNISER_VERSION)) == 2
    seen = []
    assert enrich_store(db_path, processes=1, progress=lambda d, t: seen.append((d, t))) == 2
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    assert articles_needing_entities(sample_db, nlp.RECOGNISER_VERSION) == []
    turkey = find_entity(sample_db, "Turkey")
    assert (turkey.label, turkey.articles) == ("PLACE", 2)
    assert find_entity(sample_db, "Yasar Guler").articles == 1
    count = sample_db.conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert count > 100
    # idempotent: nothing left to do, nothing changes
    assert enrich_store(db_path, processes=1) == 0
    assert sample_db.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == count


def test_mentions_slice_their_field(sample_db, db_path):
    from reader.store import get_article

    enrich_store(db_path, processes=1)
    for article_id in (1, 2):
        article = get_article(sample_db, article_id)
        texts = {"title": article.title, "captions": "\n".join(article.captions), "body": article.body}
        mentions = mentions_for(sample_db, article_id)
        assert mentions
        for m in mentions:
            assert texts[m["field"]][m["start"] : m["end"]] == m["text"]


def test_version_change_reprocesses(sample_db, db_path, monkeypatch):
    assert enrich_store(db_path, processes=1) == 2
    monkeypatch.setattr(nlp, "RECOGNISER_VERSION", "builtin-test-next")
    assert len(articles_needing_entities(sample_db, "builtin-test-next")) == 2
    assert enrich_store(db_path, processes=1) == 2
    assert enrich_store(db_path, processes=1) == 0
    # re-processing replaced the mentions rather than adding to them
    assert find_entity(sample_db, "Turkey").articles == 2


def test_limit_and_cancel(sample_db, db_path):
    assert enrich_store(db_path, processes=1, limit=1) == 1
    cancel = threading.Event()
    cancel.set()
    assert enrich_store(db_path, processes=1, cancel=cancel, batch_size=1) == 0
    assert enrich_store(db_path, processes=1) == 1


def test_process_pool(db, db_path):
    from reader.importing import import_paths
    from tests.conftest import WIKINEWS

    lines = WIKINEWS.read_text(encoding="utf-8").splitlines()[:30]
    path = db_path.parent / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_paths(db, [path])
    assert result.imported == 30
    assert enrich_store(db_path, processes=2, batch_size=5) == 30
    assert articles_needing_entities(db, nlp.RECOGNISER_VERSION) == []
    assert list_entities(db, limit=5)


def test_background_enrich_from_import(db_path, monkeypatch):
    monkeypatch.setenv("READER_BACKGROUND_ENRICH", "1")
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(db_path), "import", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    # the import returned at once; the detached `reader enrich` fills the entities in meanwhile
    import time

    from reader.store import open_store

    db = open_store(db_path)
    deadline = time.monotonic() + 90
    while articles_needing_entities(db, nlp.RECOGNISER_VERSION) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert articles_needing_entities(db, nlp.RECOGNISER_VERSION) == []
    assert find_entity(db, "Turkey").articles == 2
    db.conn.close()
    monkeypatch.setenv("READER_BACKGROUND_ENRICH", "0")
    assert start_background_enrich(db_path) is None


def test_cli_entities_of_text(tmp_path):
    text = "Defense Minister Yasar Guler spoke in Ankara. Guler said Turkish troops stay."
    result = CliRunner().invoke(cli, ["entities", "-", "--json"], input=text)
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    for item in items:
        assert set(item) == {"start", "end", "text", "label", "entity"}
        assert text[item["start"] : item["end"]] == item["text"]
    assert {"text": "Guler", "label": "PERSON", "entity": "Yasar Guler"}.items() <= next(
        i for i in items if i["text"] == "Guler").items()
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    table = CliRunner().invoke(cli, ["entities", str(path)])
    assert table.exit_code == 0 and "Ankara" in table.output
    missing = CliRunner().invoke(cli, ["entities", str(tmp_path / "nope.txt")])
    assert missing.exit_code != 0 and "cannot read" in missing.output


def test_cli_entity_list_show_enrich_and_filters(sample_db, db_path):
    runner = CliRunner()
    base = ["--db", str(db_path)]
    out = runner.invoke(cli, [*base, "enrich", "--json", "-j", "1"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["articles"] == 2
    out = runner.invoke(cli, [*base, "entity", "list", "--label", "person", "--json"])
    people = json.loads(out.output)
    assert people and all(p["label"] == "PERSON" for p in people)
    assert any(p["name"] == "Yasar Guler" and p["articles"] == 1 for p in people)
    out = runner.invoke(cli, [*base, "entity", "show", "Turkey", "--json"])
    shown = json.loads(out.output)
    assert shown["articles"] == 2 and len(shown["items"]) == 2 and sum(w["articles"] for w in shown["weeks"]) == 2
    out = runner.invoke(cli, [*base, "entity", "show", "Turkey"])
    assert out.exit_code == 0 and "per week" in out.output
    out = runner.invoke(cli, [*base, "entity", "show", "Nobody At All"])
    assert out.exit_code != 0 and "no entity" in out.output
    out = runner.invoke(cli, [*base, "list", "--entity", "Yasar Guler", "--json"])
    assert out.exit_code == 0, out.output
    listed = json.loads(out.output)
    items = listed["items"] if isinstance(listed, dict) else listed
    assert len(items) == 1 and "Türkiye" in items[0]["title"]
    out = runner.invoke(cli, [*base, "show", str(items[0]["id"]), "--json"])
    shown = json.loads(out.output)
    mentions = shown.get("mentions") or shown.get("entities")
    assert any(m["entity"] == "Turkey" and m["text"] == "Türkiye" for m in mentions)


def test_enrich_subprocess_quiet(sample_db, db_path):
    import subprocess

    proc = subprocess.run([sys.executable, "-m", "reader", "--db", str(db_path), "enrich", "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert articles_needing_entities(sample_db, nlp.RECOGNISER_VERSION) == []


def test_articles_arriving_during_a_run_are_picked_up(sample_db, db_path):
    from reader.models import Article
    from reader.store import add_articles, open_store

    added = []

    def progress(done: int, total: int) -> None:
        if done and not added:  # an import lands while the first round is saving
            other = open_store(db_path)
            add_articles(other, [Article(title="Late news", body="Heiko Maas flew to Geneva on Monday.")])
            other.conn.close()
            added.append(True)

    assert enrich_store(db_path, processes=1, batch_size=1, progress=progress) == 3
    assert articles_needing_entities(sample_db, nlp.RECOGNISER_VERSION) == []
    assert find_entity(sample_db, "Heiko Maas").articles == 2


def test_a_surname_alone_links_to_the_person_the_store_names_in_full(db, db_path):
    from reader.models import Article
    from reader.store import add_articles

    full = [Article(title=f"Talks {i}", guid=f"full-{i}",
                    body=f"President Recep Tayyip Erdoğan met the delegation in Ankara on day {i}. "
                         f"Erdoğan said the talks went well.") for i in range(3)]
    add_articles(db, full)
    enrich_store(db_path, processes=1, batch_size=10)
    # later articles that name him by surname only, spelled with or without the diacritic
    add_articles(db, [Article(title="Visit", guid="s1", body="Erdogan arrived in Berlin on Monday."),
                      Article(title="Speech", guid="s2", body="Erdoğan spoke in Istanbul on Tuesday.")])
    enrich_store(db_path, processes=1, batch_size=10)
    person = find_entity(db, "Recep Tayyip Erdoğan")
    assert person.articles == 5
    assert [e.name for e in list_entities(db, "PERSON")] == ["Recep Tayyip Erdoğan"]
    # two people of one surname, neither dominant: a surname alone stays its own entity
    add_articles(db, [Article(title=f"Bush {i}", guid=f"b{i}", body=f"{name} spoke in Texas on day {i}.")
                      for i, name in enumerate(["George W. Bush", "George W. Bush", "Jeb Bush", "Jeb Bush"])])
    enrich_store(db_path, processes=1, batch_size=1)
    add_articles(db, [Article(title="Ranch", guid="b9", body="Bush spoke in Texas on Friday.")])
    enrich_store(db_path, processes=1, batch_size=10)
    assert find_entity(db, "Bush").articles == 1

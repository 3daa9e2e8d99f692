"""Related stories: ranking, reasons, same-story grouping, boilerplate, incremental index, CLI, quality."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.importing import import_paths
from reader.ingest.textdump import parse_text_dump
from reader.models import Article, Mention
from reader.related import index_articles, index_pending, related, status
from reader.store import add_articles, delete_articles, get_article, open_store
from reader.store.entities import save_mentions
from reader.store.related_index import pending_ids
from tests.conftest import ECBPLUS, SAMPLE, WIKINEWS

from reader.related import INDEX_VERSION, STALE_GROWTH  # isort: skip


def _mentions(article: Article, wanted: list[tuple[str, str, str, str | None]]) -> list[Mention]:
    """Real mentions at the real offsets of each (text, label, entity, entity_label) in title and body."""
    out: list[Mention] = []
    for field, text in (("title", article.title), ("body", article.body)):
        for surface, label, entity, entity_label in wanted:
            for m in re.finditer(re.escape(surface), text):
                out.append(Mention(m.start(), m.end(), surface, label, entity, entity_label, field))
    return out


def test_sample_articles_are_related_to_each_other(sample_db) -> None:
    one = related(sample_db, 1)
    two = related(sample_db, 2)
    assert [r.id for r in one.related] == [2]
    assert [r.id for r in two.related] == [1]
    reasons = " ".join(one.related[0].reasons).lower()
    assert reasons.startswith("terms: ")
    assert "military" in reasons and "turkish" in reasons
    assert one.related[0].score > 0 and one.related[0].title.startswith("Türkiye")
    assert one.related[0].source == "Asharq Al-Awsat"
    assert one.same_story == [] and two.same_story == []


def test_shared_canonical_entities_are_the_first_reason(sample_db) -> None:
    libya, turkiye = get_article(sample_db, 1), get_article(sample_db, 2)
    save_mentions(sample_db, [
        (1, _mentions(libya, [("Turkish", "GROUP", "Turkey", "PLACE"), ("Turkey", "PLACE", "Turkey", None),
                              ("Syria", "PLACE", "Syria", None), ("Tripoli", "PLACE", "Tripoli", None),
                              ("Khalifa Haftar", "PERSON", "Khalifa Haftar", None)])),
        (2, _mentions(turkiye, [("Türkiye", "PLACE", "Turkey", None), ("Turkish", "GROUP", "Turkey", "PLACE"),
                                ("Syria", "PLACE", "Syria", None), ("Yasar Guler", "PERSON", "Yasar Guler", None)])),
    ], "test")
    for query, other in ((1, 2), (2, 1)):
        stories = related(sample_db, query)
        assert [r.id for r in stories.related] == [other]
        reasons = stories.related[0].reasons
        assert reasons[0].startswith("shared: ")
        shared = reasons[0].removeprefix("shared: ").split(", ")
        assert set(shared) == {"Turkey", "Syria"}  # "Turkish" and "Türkiye" count as one entity
        assert shared[0] == "Turkey"  # in both titles: the most central
        # terms that merely spell a shared entity are not repeated as terms
        assert not any("turk" in r.lower() for r in reasons[1:])


GLACIER = """Scientists found the glacier lost a third of its ice over the summer, the largest loss on record.

Its meltwater feeds the river, and the region's orchards depend on it in dry years.

The survey team ensured its instruments were calibrated before the flights."""

GLACIER_FOLLOW_UP = """The shrinking glacier has forced towns downstream to ration river water this autumn.

Another survey of the glacier is planned for spring.

Engineers ensured the dam gates stayed open overnight."""


def test_words_used_in_passing_are_not_shown_as_reasons(db) -> None:
    ids = add_articles(db, [
        Article(title="Glacier loses a third of its ice", body=GLACIER),
        Article(title="Valley rations water as glacier shrinks", body=GLACIER_FOLLOW_UP),
    ]).ids
    index_articles(db, ids)
    stories = related(db, ids[0])
    assert [r.id for r in stories.related] == [ids[1]]
    terms = stories.related[0].reasons[0]
    assert terms.startswith("terms: ") and "glacier" in terms
    # "ensured" is the rarest word they share, but each uses it once in passing
    assert "ensured" not in terms


def _shown_terms(db, first: tuple[str, str], second: tuple[str, str]) -> list[str]:
    """The "terms:" reason of the one story related to ``first`` (title, body), in lower case."""
    ids = add_articles(db, [Article(title=title, body=body) for title, body in (first, second)]).ids
    index_articles(db, ids)
    stories = related(db, ids[0])
    assert [r.id for r in stories.related] == [ids[1]]
    return stories.related[0].reasons[0].removeprefix("terms: ").lower().split(", ")


def test_interview_fillers_are_never_shown_as_reasons(db) -> None:
    terms = _shown_terms(db, (
        "Interview: the glacier scientist",
        "WN: Yeah, um, tell us about the glacier.\n\nYeah, um, the glacier lost a third of its ice. Yeah.\n\n"
        "WN: Um, and the river? Yeah, the river feeds the orchards, um, yeah."), (
        "Interview: the orchard grower",
        "WN: Yeah, um, so the glacier is shrinking?\n\nYeah, um, the glacier and the river, yeah, both.\n\n"
        "WN: Um, yeah. The orchards need the river, yeah, um."))
    assert "glacier" in terms and not {"yeah", "um", "wn"} & {w for term in terms for w in term.split()}
    # a name with a filler-like word in it is still a reason: "Human Rights", not "right"
    terms = _shown_terms(db, (
        "Human Rights Watch condemns the crackdown",
        "Human Rights Watch said the Human Rights Council must act on the crackdown in the province."), (
        "Human Rights Council to debate the crackdown",
        "The Human Rights Council will debate the crackdown, Human Rights Watch said."))
    assert any("rights" in term for term in terms)


def test_bare_numbers_are_never_shown_as_reasons(db) -> None:
    terms = _shown_terms(db, (
        "Drones over the glacier",
        "In the past 24 hours 24 drones were shot down near the glacier, and 24 more crossed the river.\n\n"
        "The glacier lost 24 metres of ice."), (
        "The glacier keeps melting",
        "Within 24 hours the glacier had lost another 24 metres, and 24 drones flew over the river.\n\n"
        "The river rose 24 centimetres."))
    assert "glacier" in terms and "24" not in terms


def test_entities_reorder_stories_but_never_relate_them_alone(db) -> None:
    libya = Article(title="Turkish drones downed over the desert", body="Fighters said two aircraft fell near "
                    "the coast on Sunday after crossing the front line.\n\nThe wreckage burned for hours.")
    ankara = Article(title="Türkiye opens a new parliament session", body="Lawmakers gathered in the capital "
                     "to debate the budget and pension reform.\n\nThe session lasts until summer.")
    ids = add_articles(db, [libya, ankara]).ids
    save_mentions(db, [
        (ids[0], _mentions(libya, [("Turkish", "GROUP", "Turkey", "PLACE")])),
        (ids[1], _mentions(ankara, [("Türkiye", "PLACE", "Turkey", None)])),
    ], "test")
    index_articles(db, ids)
    # The one canonical entity they share is no evidence on its own: no words in common, no story.
    assert related(db, ids[0]).related == [] and related(db, ids[1]).related == []


def test_news_agencies_and_the_own_publication_are_never_shared_entities(db) -> None:
    body = ("Drones struck the coastal base overnight, the army told Reuters, and air defences failed.\n\n"
            "The strike followed a week of raids along the coast, Asharq Al-Awsat learned.")
    stories = [Article(title="Drones strike a coastal base", body=body, guid="a", source="Asharq Al-Awsat"),
               Article(title="Coastal base hit by drones", body=body.replace("overnight", "at dawn"), guid="b",
                       source="Asharq Al-Awsat")]
    ids = add_articles(db, stories).ids
    wanted = [("Reuters", "ORG", "Reuters", None), ("Asharq Al-Awsat", "ORG", "Asharq Al-Awsat", None)]
    save_mentions(db, [(i, _mentions(a, wanted)) for i, a in zip(ids, stories, strict=True)], "test")
    index_articles(db, ids)
    found = related(db, ids[0])
    (story,) = found.related + found.same_story
    assert not any(r.startswith("shared:") for r in story.reasons), story.reasons


def test_lightly_edited_copy_is_the_same_story(sample_db) -> None:
    original = get_article(sample_db, 2)
    paragraphs = original.body.split("\n\n")
    edited = paragraphs[:3] + ["The ministry declined to comment further on Thursday."] + paragraphs[4:-1]
    copy = Article(title="Turkey is backing Syria's military, defense minister says",
                   body="ANKARA (AP) - " + "\n\n".join(edited), source="Wire Copy", guid="copy-1")
    new_id = add_articles(sample_db, [copy]).ids[0]
    index_articles(sample_db, [new_id])
    stories = related(sample_db, 2)
    assert [r.id for r in stories.same_story] == [new_id]
    assert stories.same_story[0].reasons[0] == "same story from Wire Copy"
    assert [r.id for r in stories.related] == [1]  # the copy does not fill the related list
    assert [r.id for r in related(sample_db, new_id).same_story] == [2]


BAKERY = """LONDON (Reuters) - A family bakery in Cornwall has won a national prize for its sourdough loaf, \
judges said on Tuesday.

The bakers rise at three every morning to shape the dough by hand, the owner said.

Customers queue around the harbour for pasties, saffron buns and crusty bread, she said."""

FOOTBALL = """MADRID (Reuters) - A late header from the veteran striker earned the visitors a draw in the \
derby, the club said on Tuesday.

The goalkeeper saved a penalty before half-time, and the coach praised the defence afterwards, he said.

Supporters sang through the rain as the referee added six minutes of stoppage, officials said."""


def test_boilerplate_alone_does_not_relate_stories(db) -> None:
    caption = "A view of the scene on Tuesday (File Photo: Reuters)"
    ids = add_articles(db, [
        Article(title="Cornish bakery wins sourdough prize", body=BAKERY, captions=[caption], source="Reuters"),
        Article(title="Late header earns draw in derby", body=FOOTBALL, captions=[caption], source="Reuters"),
    ]).ids
    index_articles(db, ids)
    assert related(db, ids[0]).related == []
    assert related(db, ids[1]).related == []


def test_index_is_incremental_on_add_change_and_delete(sample_db) -> None:
    assert pending_ids(sample_db, INDEX_VERSION) == []  # importing indexed them
    assert index_pending(sample_db) == 0
    assert status(sample_db) == (2, 2)
    docs_before = sample_db.conn.execute("SELECT count(*) FROM related_docs").fetchone()[0]

    # Adding one article indexes only that article, and it shows up at once.
    follow_up = Article(
        title="Türkiye says drones will stay in Libya as LNA reports Turkish drone downed near Tripoli",
        body="Turkish officials said drones and military advisers would remain in Libya, after the LNA said "
             "it shot down a Turkish drone south of Tripoli in violation of the ceasefire.\n\n"
             "Haftar's forces accuse Ankara of sending Syrian fighters to Tripoli.",
        guid="follow-1", source="Wire Copy")
    new_id = add_articles(sample_db, [follow_up]).ids[0]
    assert pending_ids(sample_db, INDEX_VERSION) == [new_id]
    assert index_articles(sample_db, [new_id]) == 1
    assert sample_db.conn.execute("SELECT count(*) FROM related_docs").fetchone()[0] == docs_before + 1
    assert related(sample_db, 1).related[0].id == new_id
    assert sample_db.conn.execute("SELECT df FROM related_terms WHERE term = 'haftar'").fetchone()[0] == 2

    # Changing it (same guid, new text) marks it pending; re-indexing replaces its rows.
    changed = Article(title=follow_up.title, guid="follow-1", source="Wire Copy",
                      body=follow_up.body + "\n\nHaftar's spokesman repeated the claim on Friday.")
    assert add_articles(sample_db, [changed]).updated == 1
    assert pending_ids(sample_db, INDEX_VERSION) == [new_id]
    assert index_pending(sample_db) == 1
    assert sample_db.conn.execute("SELECT df FROM related_terms WHERE term = 'haftar'").fetchone()[0] == 2

    # Deleting it takes it out of the statistics and the postings.
    delete_articles(sample_db, [new_id])
    index_pending(sample_db)
    assert sample_db.conn.execute("SELECT df FROM related_terms WHERE term = 'haftar'").fetchone()[0] == 1
    assert sample_db.conn.execute(
        "SELECT count(*) FROM related_postings WHERE article_id = ?", (new_id,)).fetchone()[0] == 0
    assert sample_db.conn.execute("SELECT value FROM related_stats WHERE key = 'docs'").fetchone()[0] == 2
    assert [r.id for r in related(sample_db, 1).related] == [2]


def test_articles_indexed_into_a_much_smaller_store_are_indexed_again(sample_db) -> None:
    """An article's terms are chosen by the IDF of the day it was indexed: once the store has grown
    enough, it is indexed again (with the store's df counting it once, not twice)."""
    stale = lambda: pending_ids(sample_db, INDEX_VERSION, stale_growth=STALE_GROWTH)  # noqa: E731
    df = lambda term: sample_db.conn.execute(  # noqa: E731
        "SELECT df FROM related_terms WHERE term = ?", (term,)).fetchone()[0]
    assert stale() == [] and df("haftar") == 1 and df("turkish") == 2

    more = [Article(title=f"Story {n}", body=text, guid=f"g{n}") for n, text in
            enumerate((GLACIER, GLACIER_FOLLOW_UP, BAKERY, FOOTBALL))]
    result = add_articles(sample_db, more)
    index_articles(sample_db, result.ids)  # what an import does: only the new articles
    # The two samples were indexed when the index held 2 articles; it holds 6 now.
    assert stale() == [2, 1]
    assert pending_ids(sample_db, INDEX_VERSION) == []  # not new, changed or from another engine
    assert status(sample_db) == (4, 6)
    assert index_pending(sample_db) == 2
    assert stale() == [] and status(sample_db) == (6, 6)
    assert df("haftar") == 1 and df("turkish") == 2 and df("glacier") == 2
    assert sample_db.conn.execute("SELECT value FROM related_stats WHERE key = 'docs'").fetchone()[0] == 6
    assert [r.id for r in related(sample_db, 1).related] == [2]

    # Growing by less than STALE_GROWTH times leaves them alone.
    index_articles(sample_db, add_articles(sample_db, [Article(title="Bread again", body=BAKERY + " More.",
                                                               guid="g9")]).ids)
    assert stale() == []


def test_a_large_first_indexing_pass_leaves_nothing_stale(db) -> None:
    add_articles(db, [Article(title=f"Story {n}", body=text, guid=f"g{n}") for n, text in
                      enumerate((GLACIER, GLACIER_FOLLOW_UP, BAKERY, FOOTBALL, BAKERY + " Again.", FOOTBALL + " Again."))])
    seen: list[tuple[int, int]] = []
    # In batches of two, the first two are indexed when the index holds two articles of six: again.
    assert index_pending(db, batch_size=2, progress=lambda n, total: seen.append((n, total))) == 6 + 2
    assert seen == [(2, 6), (4, 6), (6, 6), (8, 8)]
    assert pending_ids(db, INDEX_VERSION, stale_growth=STALE_GROWTH) == [] and status(db) == (6, 6)
    assert db.conn.execute("SELECT df FROM related_terms WHERE term = 'glacier'").fetchone()[0] == 2


def test_unindexed_article_is_indexed_when_asked(db) -> None:
    add_articles(db, parse_text_dump(SAMPLE.read_text(encoding="utf-8"), source="Asharq Al-Awsat"))
    assert pending_ids(db, INDEX_VERSION) == [2, 1]  # added by a path that does not index
    assert related(db, 2).related == []  # only 2 is indexed now: 1 is not a candidate yet
    assert pending_ids(db, INDEX_VERSION) == [1]
    assert [r.id for r in related(db, 1).related] == [2]


def test_missing_article_is_a_store_error(sample_db) -> None:
    from reader.store import ArticleNotFoundError

    with pytest.raises(ArticleNotFoundError):
        related(sample_db, 999)


def test_import_indexes_and_cli_prints_json(db_path) -> None:
    runner = CliRunner()
    run = lambda *a: runner.invoke(cli, ["--db", str(db_path), *a], catch_exceptions=False)  # noqa: E731
    assert run("import", str(SAMPLE), "--source", "Asharq Al-Awsat").exit_code == 0
    result = run("related", "1", "2", "--json", "--limit", "5")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == [1, 2]
    assert set(lines[0]) == {"id", "related", "same_story"}
    first = lines[0]["related"][0]
    assert set(first) == {"id", "guid", "title", "score", "reasons"}
    assert first["id"] == 2 and first["reasons"] and isinstance(first["score"], float)
    text = run("related", "2")
    assert "Libya: LNA Downs" in text.output and "terms:" in text.output
    missing = runner.invoke(cli, ["--db", str(db_path), "related", "99"])
    assert missing.exit_code == 1 and "no article with id 99" in missing.output
    assert runner.invoke(cli, ["--db", str(db_path), "related"]).exit_code == 2


def test_cli_reindex_catches_up_after_upgrade(db_path) -> None:
    db = open_store(db_path)
    add_articles(db, [Article(title="Drones over Tripoli", body=FOOTBALL), Article(title="Bread", body=BAKERY)])
    assert len(pending_ids(db, INDEX_VERSION)) == 2
    result = CliRunner().invoke(cli, ["--db", str(db_path), "related", "--reindex"], catch_exceptions=False)
    assert result.exit_code == 0 and "indexed 2 articles" in result.output
    assert pending_ids(db, INDEX_VERSION) == []


@pytest.fixture(scope="module")
def ecb_store(tmp_path_factory):
    db = open_store(tmp_path_factory.mktemp("ecb") / "ecb.db")
    result = import_paths(db, [ECBPLUS, WIKINEWS])
    assert result.imported == 462 + 834
    # ECB+ was indexed into a store of 462 articles; what the app's background pass does next:
    assert index_pending(db) == 462
    yield db
    db.conn.close()


def test_quality_on_ecbplus_with_distractors(ecb_store) -> None:
    """Every ECB+ article's list should be led by stories of the same real-world event."""
    records = [json.loads(line) for line in ECBPLUS.open(encoding="utf-8")]
    cluster = {r["id"]: r["cluster"] for r in records}
    ids = dict(ecb_store.conn.execute("SELECT guid, id FROM articles"))
    guid = {v: k for k, v in ids.items()}
    p5 = mrr = 0.0
    for record in records:
        stories = related(ecb_store, ids[record["id"]], limit=5)
        same = [cluster.get(guid[r.id]) == record["cluster"] for r in (*stories.same_story, *stories.related)]
        p5 += sum(same[:5]) / 5
        mrr += next((1 / (i + 1) for i, s in enumerate(same) if s), 0.0)
    p5, mrr = p5 / len(records), mrr / len(records)
    # Words alone (no recogniser in this store): 0.9719 and 0.9908 when written; the targets
    # are 0.97 and 0.99, measured with entities by `python -m reader.bench related`.
    assert p5 >= 0.965, p5
    assert mrr >= 0.985, mrr


def test_features_drop_boilerplate_and_keep_distinctive_words() -> None:
    from reader.related_features import extract

    f = extract("Drones downed near Tripoli",
                "TRIPOLI (Reuters) - The army said it shot down two drones near Tripoli, officials told Reuters.\n\n"
                "TT\n\n20\n\nThe army said it shot down two drones near Tripoli, officials told Reuters.",
                captions=["Smoke rises over the city (File Photo: Reuters)"], source="Reuters")
    assert {"drone", "tripoli", "army", "smoke"} <= set(f.weights)
    assert not {"reuters", "said", "told", "file", "photo", "tt", "20"} & set(f.weights)
    assert f.weights["tripoli"] > f.weights["army"]  # in the title too
    assert f.display["drone"] == "drones" and f.display["tripoli"] == "Tripoli"


def test_event_day_from_publication_date_or_dateline() -> None:
    from datetime import date

    from reader.related_features import event_day

    assert event_day("x", "", "2024-01-11T09:30:00Z") == date(2024, 1, 11).toordinal()
    assert event_day("Posted: Nov 27, 2005 8:20 AM", "", None) == date(2005, 11, 27).toordinal()
    assert event_day("Quake", "27 NOVEMBER, 2005\n\nA quake hit.", None) == date(2005, 11, 27).toordinal()
    assert event_day("Quake", "Posted 11 / 27 / 2005 7: 21 AM", None) == date(2005, 11, 27).toordinal()
    assert event_day("The 1995 law", "It was passed in 1995.", None) is None


def test_days_of_the_year_are_features_and_ranks_are_not() -> None:
    from reader.related_features import calendar_days, extract

    assert calendar_days("Voting began on Dec.14; results on December 15th, 2008 or 16 December.") == [
        ("dec 14", "December 14"), ("dec 15", "December 15"), ("dec 16", "December 16")]
    # "may" the verb, a time of day and an impossible day are not days of the year
    assert calendar_days("Voters may 5 times. It opened Dec. 14:30, not on March 45.") == []
    f = extract("Turkmenistan votes on Dec. 14", "Maj. Gen. Ahmed Ali said the vote on December 14 was calm.")
    assert f.weights["dec 14"] > f.weights["calm"] and f.display["dec 14"] == "December 14"
    assert not {"maj", "gen"} & set(f.weights)


def test_shared_day_of_the_year_is_a_reason(db) -> None:
    from reader.models import Article
    from reader.related import index_articles, related
    from reader.store import add_articles

    ids = add_articles(db, [
        Article(title="Parliament vote in Turkmenistan", guid="a",
                body="Turkmenistan elected its parliament on December 14 with 288 candidates standing."),
        Article(title="Turkmenistan counts the ballots", guid="b",
                body="Officials counted ballots from the Dec. 14 parliament vote across Turkmenistan."),
    ]).ids
    index_articles(db, ids)
    reasons = related(db, ids[0]).related[0].reasons
    assert any("December 14" in r for r in reasons), reasons


def test_entities_count_what_the_words_missed(db) -> None:
    """A shared entity spelled alike is a shared word already (no lift); spelled otherwise, it lifts."""
    body = ("Drones struck the coastal base overnight and the army said air defences failed.\n\n"
            "The strike followed a week of raids along the coast.")
    stories = [Article(title="Turkey sends drones to the coast", body=body, guid="q"),
               Article(title="Türkiye drones hit coastal base", body=body.replace("overnight", "at dawn"), guid="alias"),
               Article(title="Turkey drones hit coastal base", body=body.replace("overnight", "at noon"), guid="alike")]
    ids = add_articles(db, stories).ids
    index_articles(db, ids)

    def scores() -> dict[int, float]:
        found = related(db, ids[0])
        return {r.id: r.score for r in found.related + found.same_story}

    before = scores()
    save_mentions(db, [(i, _mentions(a, [(spelling, "PLACE", "Turkey", None)]))
                       for i, a, spelling in zip(ids, stories, ("Turkey", "Türkiye", "Turkey"), strict=True)], "test")
    after = scores()
    assert after[ids[1]] > before[ids[1]]  # "Türkiye" and "Turkey": the words missed it
    assert after[ids[2]] == before[ids[2]]  # "Turkey" in both: already counted as a word


def test_sample_articles_rank_each_other_among_the_demo_distractors(tmp_path) -> None:
    """In the demo store (the two samples, their entities, 834 Wikinews stories) each sample ranks the
    other among its fifteen closest stories, for the reasons the issue names.

    The Libya sample's closest are the Wikinews stories about Libya, which are closer to it; the
    shared-neighbours lift, which ranks same-event stories first, moved the Turkish sample from 9th
    to 13th there (6th either way the other way round)."""
    from reader.demo import ensure_demo_store
    from reader.store import ArticleFilter, article_ids

    db = open_store(ensure_demo_store(tmp_path / "demo.db"))
    libya, turkiye = sorted(article_ids(db, ArticleFilter(tag="sample")))
    assert db.conn.execute("SELECT count(*) FROM articles").fetchone()[0] > 800
    for query, other in ((libya, turkiye), (turkiye, libya)):
        # Both samples are weakly related to everything in this store (top scores 0.1-0.2), so the
        # ranking is checked without the display threshold.
        ranked = related(db, query, limit=15, min_score=0).related
        assert other in [r.id for r in ranked], [(r.id, r.title, r.score) for r in ranked]
        reasons = " ".join(next(r for r in ranked if r.id == other).reasons)
        assert reasons.startswith("shared: Turkey, Syria") and "Military" in reasons

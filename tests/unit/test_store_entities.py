"""Mentions are stored against canonical entities, with counts kept up to date."""

from reader.models import Mention
from reader.store import ArticleFilter, list_articles
from reader.store.entities import (
    articles_needing_entities,
    find_entity,
    list_entities,
    mentions_for,
    save_mentions,
)


def test_save_mentions_links_groups_to_places(sample_db) -> None:
    assert articles_needing_entities(sample_db, "v1") == [1, 2]
    save_mentions(sample_db, [
        (1, [Mention(0, 7, "Turkish", "GROUP", "Turkey", entity_label="PLACE"),
             Mention(10, 15, "Libya", "PLACE", "Libya")]),
        (2, [Mention(0, 7, "Türkiye", "PLACE", "Turkey", field="title")]),
    ], "v1")
    assert articles_needing_entities(sample_db, "v1") == []
    assert articles_needing_entities(sample_db, "v2") == [1, 2]
    turkey = find_entity(sample_db, "turkey")
    assert (turkey.label, turkey.articles) == ("PLACE", 2)
    assert [e.name for e in list_entities(sample_db, "PLACE")] == ["Turkey", "Libya"]
    assert mentions_for(sample_db, 1)[0]["label"] == "GROUP"
    ids = [r.id for r in list_articles(sample_db, ArticleFilter(entity_id=turkey.id))]
    assert ids == [2, 1]
    save_mentions(sample_db, [(1, [])], "v1")  # re-processing replaces, counts follow
    assert find_entity(sample_db, "Turkey").articles == 1


def test_one_entity_whatever_the_diacritics(sample_db) -> None:
    save_mentions(sample_db, [
        (1, [Mention(0, 7, "Erdoğan", "PERSON", "Erdoğan")]),
        (2, [Mention(0, 7, "Erdogan", "PERSON", "Erdogan")]),
    ], "v1")
    people = list_entities(sample_db, "PERSON")
    assert [(e.name, e.articles) for e in people] == [("Erdoğan", 2)]
    assert find_entity(sample_db, "erdogan").id == find_entity(sample_db, "ERDOĞAN").id == people[0].id


def test_entities_no_article_mentions_any_more_are_removed(sample_db) -> None:
    import pytest

    from reader.store.entities import EntityNotFoundError

    save_mentions(sample_db, [(1, [Mention(0, 12, "Susan Atkins", "ORG", "Susan Atkins")]),
                              (2, [Mention(0, 5, "Libya", "PLACE", "Libya")])], "v1")
    assert find_entity(sample_db, "Susan Atkins").label == "ORG"
    # A newer recogniser reads it as a person: the organisation of that name is gone, Libya stays.
    save_mentions(sample_db, [(1, [Mention(0, 12, "Susan Atkins", "PERSON", "Susan Atkins")])], "v2")
    assert find_entity(sample_db, "Susan Atkins").label == "PERSON"
    labels = sample_db.conn.execute("SELECT label FROM entities WHERE name = 'Susan Atkins'").fetchall()
    assert labels == [("PERSON",)]
    assert find_entity(sample_db, "Libya").articles == 1
    save_mentions(sample_db, [(2, [])], "v2")
    with pytest.raises(EntityNotFoundError):
        find_entity(sample_db, "Libya")

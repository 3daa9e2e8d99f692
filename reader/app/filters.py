"""What the list shows: a store filter plus the name a person reads in the list title."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlite_utils import Database

from reader.app.widgets.article_text import visible
from reader.store import ArticleFilter, count_articles, feed_counts, list_feeds, list_tags
from reader.store.entities import list_entities

ENTITY_GROUPS = [("PERSON", "People", "Person"), ("ORG", "Organisations", "Organisation"),
                 ("PLACE", "Places", "Place")]
SINGULAR = {"PERSON": "Person", "ORG": "Organisation", "PLACE": "Place", "GROUP": "Group", "EVENT": "Event"}
TOP_ENTITIES = 8


@dataclass(frozen=True)
class View:
    """A filter and its title ("All", "Unread", "#later", "Person: Angela Merkel", "/budget")."""

    filter: ArticleFilter = field(default_factory=ArticleFilter)
    label: str = "All"

    def with_search(self, query: str | None) -> View:
        base = self.label.split(" /", 1)[0] if self.filter.search else self.label
        if not query:
            return View(replace(self.filter, search=None), base)
        label = f"{base} /{query}" if base != "All" else f"/{query}"
        return View(replace(self.filter, search=query), label)

    def toggled_unread(self) -> View:
        unread = not self.filter.unread
        label = self.label
        if unread:
            label = "Unread" if label == "All" else f"{label} · unread"
        else:
            label = label.removesuffix(" · unread")
            label = "All" if label == "Unread" else label
        return View(replace(self.filter, unread=unread), label)


@dataclass
class Choice:
    section: str
    label: str
    view: View
    count: int | None = None


def filter_choices(db: Database) -> list[Choice]:
    """Everything the filter menu and the command palette offer, with counts."""
    choices = [
        Choice("Articles", "All", View(), count_articles(db)),
        Choice("Articles", "Unread", View(ArticleFilter(unread=True), "Unread"),
               count_articles(db, ArticleFilter(unread=True))),
        Choice("Articles", "Bookmarked", View(ArticleFilter(bookmarked=True), "Bookmarked"),
               count_articles(db, ArticleFilter(bookmarked=True))),
    ]
    counts = feed_counts(db)
    for feed in list_feeds(db):
        name = visible(feed.title or feed.url)  # a store written by another tool may hold anything
        total, unread = counts.get(feed.id or -1, (0, 0))
        choices.append(Choice("Feeds", f"{name} ({unread} unread)",
                              View(ArticleFilter(feed_id=feed.id), f"Feed: {name}"), total))
    for tag, count in list_tags(db):
        choices.append(Choice("Tags", f"#{visible(tag)}", View(ArticleFilter(tag=tag), f"#{visible(tag)}"), count))
    for label, section, singular in ENTITY_GROUPS:
        for entity in list_entities(db, label, limit=TOP_ENTITIES):
            name = visible(entity.name)
            choices.append(Choice(section, name, View(ArticleFilter(entity_id=entity.id), f"{singular}: {name}"),
                                  entity.articles))
    return choices

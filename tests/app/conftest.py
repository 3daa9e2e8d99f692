"""Stores and helpers for the app tests: real SQLite files, real sample articles, real mentions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.notifications import Notify

from tests.conftest import SAMPLE

# Entities marked in the first sample article (by finding the words, so offsets are always right).
SAMPLE_ENTITIES = [
    ("Libyan National Army", "ORG", "Libyan National Army"),
    ("LNA", "ORG", "Libyan National Army"),
    ("Khalifa Haftar", "PERSON", "Khalifa Haftar"),
    ("Tripoli", "PLACE", "Tripoli"),
    ("Turkish", "GROUP", "Turkey"),
    ("Souk al-Khamis", "PLACE", "Souk al-Khamis"),
    ("al-Mabrouk al-Ghazwi", "PERSON", "al-Mabrouk al-Ghazwi"),
    ("Government of National Accord", "ORG", "Government of National Accord"),
]

EXTRA = [
    # title, source, published, tags, read, bookmarked
    ("Markets steady as [bold]central banks[/bold] hold rates", "Harbor Times", "2024-01-09T08:00:00Z",
     ["economy"], False, False),
    ("Storm closes ports along the northern coast", "Wire One", "2024-01-08T07:00:00Z", [], True, False),
    ("Elections: turnout climbs in the capital", "The Daily Ledger", "2024-01-07T12:00:00Z", ["politics"],
     False, True),
    ("Scientists map a new reef off the cape", "Harbor Times", "2024-01-06T09:30:00Z", ["science"], True, False),
    ("Rail strike ends after late-night deal \x1b[2J", "Wire One", "2024-01-05T18:45:00Z", [], False, False),
]


def _sample_articles():
    from reader.ingest.textdump import parse_text_dump

    articles = list(parse_text_dump(SAMPLE.read_text(encoding="utf-8"), source="Asharq Al-Awsat"))
    # Fixed dates and URLs so the screens are the same on every run.
    for article, day in zip(articles, ("2024-01-11T09:30:00Z", "2024-01-10T14:00:00Z"), strict=True):
        article.published = day
        article.url = f"https://english.aawsat.com/sample/{day[:10]}"
        article.author = "Staff writer"
        article.tags = ["sample"]
    return articles


def _extra_articles():
    from reader.models import Article

    paragraphs = [p for p in _sample_articles()[1].body.split("\n\n") if p.strip()]
    for i, (title, source, published, tags, read, bookmarked) in enumerate(EXTRA):
        yield Article(
            title=title, body="\n\n".join(paragraphs[i : i + 3]), source=source, published=published,
            url=f"https://news.example/{i}", guid=f"extra-{i}", tags=tags,
            read_at=published if read else None, bookmarked_at=published if bookmarked else None,
        )


def mark_entities(db, article_id: int) -> int:
    """Store mentions for the sample's first article, the way the recogniser would."""
    from reader.models import Mention
    from reader.store import get_article
    from reader.store.entities import save_mentions

    article = get_article(db, article_id)
    mentions = []
    for field, text in (("title", article.title), ("body", article.body), ("captions", "\n".join(article.captions))):
        for surface, label, entity in SAMPLE_ENTITIES:
            for match in re.finditer(rf"\b{re.escape(surface)}\b", text):
                mentions.append(Mention(match.start(), match.end(), surface, label, entity,
                                        entity_label="PLACE" if label == "GROUP" else None, field=field))
    save_mentions(db, [(article_id, mentions)], "test-1")
    return len(mentions)


@pytest.fixture
def store_path(db_path: Path) -> Path:
    """Two sample articles (the first with entity mentions) and five more with mixed state: 7 in all."""
    from reader.store import add_articles, open_store

    db = open_store(db_path)
    add_articles(db, _sample_articles())
    add_articles(db, _extra_articles())
    first = db.conn.execute("SELECT id FROM articles WHERE title LIKE 'Libya:%'").fetchone()[0]
    mark_entities(db, first)
    db.conn.close()
    return db_path


@pytest.fixture
def empty_store_path(db_path: Path) -> Path:
    from reader.store import open_store

    open_store(db_path).conn.close()
    return db_path


async def settle(pilot) -> None:
    """Let workers finish and their messages land."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


SIZE = (150, 40)


class Recorder:
    """Collects the notifications the app shows (via the message hook), with their severity."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []  # (severity, message)

    def __call__(self, message) -> None:
        if isinstance(message, Notify):
            self.items.append((message.notification.severity, message.notification.message))

    @property
    def messages(self) -> list[str]:
        return [text for _, text in self.items]

    def text(self) -> str:
        return "\n".join(self.messages)

    def errors(self, mentioning: str | None = None) -> list[str]:
        """Error notifications, and any that mention ``mentioning`` (say, "locked") whatever their severity."""
        return [text for severity, text in self.items
                if severity == "error" or mentioning is not None and mentioning in text.lower()]


def row_text(app, index: int) -> str:
    article_list = app.main.article_list
    y = index - article_list.scroll_offset.y
    return article_list.render_line(y).text

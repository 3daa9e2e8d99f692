"""Plain dataclasses shared by every layer (ingest, store, analysis, UI)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """One article. ``id`` is None until the store has saved it.

    ``body`` is clean text with paragraphs separated by one blank line; ``captions`` are image
    captions kept apart from the body (with their credit, e.g. "(File Photo: Reuters)").
    Times are ISO 8601 UTC strings ("2024-01-11T09:30:00Z") or None.
    """

    title: str
    body: str = ""
    id: int | None = None
    guid: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    added: str | None = None
    summary: str | None = None
    captions: list[str] = field(default_factory=list)
    content_hash: str | None = None
    read_at: str | None = None
    bookmarked_at: str | None = None
    feed_id: int | None = None
    tags: list[str] = field(default_factory=list)
    enclosures: list[dict] = field(default_factory=list)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def is_bookmarked(self) -> bool:
        return self.bookmarked_at is not None


@dataclass
class ArticleSummary:
    """The few fields an article list row needs; cheap to load in pages."""

    id: int
    title: str
    source: str | None
    published: str | None
    read: bool
    bookmarked: bool
    tags: list[str] = field(default_factory=list)
    feed_id: int | None = None
    guid: str | None = None
    added: str | None = None

    @property
    def date(self) -> str | None:
        """The date to show: published, else when it was added."""
        return self.published or self.added


@dataclass
class Feed:
    url: str
    title: str | None = None
    id: int | None = None
    site_url: str | None = None
    tags: list[str] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    last_refresh: str | None = None
    last_error: str | None = None
    added: str | None = None


@dataclass
class Mention:
    """An entity mention: character offsets into the text it was found in."""

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, PLACE, GROUP, EVENT
    entity: str  # canonical name, e.g. "Turkey" for "Turkish"
    entity_label: str | None = None  # label of the canonical entity if it differs (GROUP -> PLACE)
    field: str = "body"  # which text the offsets point into: "title", "body" or "captions"


@dataclass
class Entity:
    id: int
    name: str
    label: str
    articles: int = 0


@dataclass
class Related:
    """A story related to another, with the score and human-readable reasons."""

    id: int
    title: str
    score: float
    reasons: list[str] = field(default_factory=list)
    guid: str | None = None
    source: str | None = None
    published: str | None = None


@dataclass
class RelatedStories:
    """What the related panel shows for one article."""

    article_id: int
    related: list[Related] = field(default_factory=list)  # ranked, best first
    same_story: list[Related] = field(default_factory=list)  # near-duplicates: "also reported by"


@dataclass
class ImportResult:
    imported: int = 0
    updated: int = 0
    duplicates: int = 0
    failed: list[dict] = field(default_factory=list)  # [{"path": ..., "error": ...}]
    ids: list[int] = field(default_factory=list)  # ids of new or updated articles
    feeds: int = 0  # subscriptions added (from OPML / newsboat urls files)

    def merge(self, other: ImportResult) -> None:
        self.feeds += other.feeds
        self.imported += other.imported
        self.updated += other.updated
        self.duplicates += other.duplicates
        self.failed.extend(other.failed)
        self.ids.extend(other.ids)

"""Laying out an article: mention offsets are checked, control characters never reach the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style

from reader.app.widgets.article_text import layout_article, ordered_mentions, visible
from reader.models import Article


def _article() -> Article:
    return Article(title="Merkel meets Macron", body="Angela Merkel met Emmanuel Macron in Paris.\n\nSecond [b]para[/b].",
                   captions=["Merkel in Berlin", "Macron"], source="Wire", published="2024-01-11T09:30:00Z")


def test_mentions_in_reading_order_and_stale_offsets_dropped() -> None:
    article = _article()
    mentions = [
        {"start": 0, "end": 6, "text": "Angela", "label": "PERSON", "entity": "Angela Merkel", "field": "body"},
        {"start": 0, "end": 6, "text": "Merkel", "label": "PERSON", "entity": "Angela Merkel", "field": "title"},
        {"start": 17, "end": 23, "text": "Macron", "label": "PERSON", "entity": "Emmanuel Macron", "field": "captions"},
        {"start": 0, "end": 5, "text": "Paris", "label": "PLACE", "entity": "Paris", "field": "body"},  # stale
        {"start": 90, "end": 99, "text": "x", "label": "ORG", "entity": "X", "field": "body"},  # out of range
    ]
    ordered = ordered_mentions(article, mentions)
    assert [(m["field"], m["text"]) for m in ordered] == [("title", "Merkel"), ("captions", "Macron"),
                                                          ("body", "Angela")]


def test_layout_keeps_paragraphs_captions_and_literal_brackets() -> None:
    article = _article()
    layout = layout_article(article, [], console=Console(width=40), width=40, style=lambda name: Style(),
                            base=Style())
    text = ["".join(s.text for s in strip).rstrip() for strip in layout.lines]
    assert text[0] == "Merkel meets Macron"
    assert "▍ Merkel in Berlin" in text and "▍ Macron" in text
    assert "Second [b]para[/b]." in text
    body = text.index("Angela Merkel met Emmanuel Macron in")
    assert text[body + 2] == ""  # the blank line between paragraphs is kept


def test_visible_replaces_controls_one_for_one() -> None:
    hostile = "a\x1b[2Jb\u202ec\x07d\te"
    shown = visible(hostile)
    assert len(shown) == len(hostile)
    assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown
    assert shown.startswith("a\ufffd[2Jb")


def test_an_article_without_a_date_says_so_and_shows_when_it_was_added() -> None:
    def byline(article: Article) -> str:
        layout = layout_article(article, [], console=Console(width=80), width=80, style=lambda name: Style(),
                                base=Style())
        return "".join(s.text for s in layout.lines[1]).rstrip()

    assert "Thu 11 Jan 2024 09:30 UTC" in byline(_article())
    undated = Article(title="Undated", body="Text.", source="Wire", added="2026-12-02T08:00:00Z")
    assert "no date given, added Wed 02 Dec 2026 08:00 UTC" in byline(undated)

"""Lay out an article as wrapped, styled lines with entity highlights (no widget code here).

Article text is put into Rich ``Text`` objects as plain strings and styled by span, never parsed as
markup, so ``[b]``, ``[link=...]`` or escape-looking text in an article shows literally.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from reader.models import Article

LABELS = {"PERSON": "Person", "ORG": "Organisation", "PLACE": "Place", "GROUP": "Group", "EVENT": "Event"}
FIELD_ORDER = {"title": 0, "captions": 1, "body": 2}
WORDS_PER_MINUTE = 230
# Laying out text costs ~2 s a megabyte on the UI thread, so a body longer than this (a whole book, a
# hostile 10 MB single line) is shown up to here, with a note saying how to read the rest.
MAX_SHOWN_CHARS = 200_000

# Control, bidi-override and other invisible characters become a visible mark of the same length, so
# nothing in an article can move the terminal's cursor or reorder text, and mention offsets stay valid.
# The same set as the importers' ``reader.ingest.clean`` (zero-width space, bidi marks, word joiner,
# BOM, ...), for text that reached the store another way; ZWJ/ZWNJ stay, scripts and emoji need them.
_INVISIBLE = {c: "\ufffd" for c in [*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0),
                                     *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200B, 0x200E, 0x200F,
                                     0x061C, 0x180E, *range(0x2060, 0x2065), 0xFEFF, *range(0xFFF9, 0xFFFC)]}
_INVISIBLE[9] = " "


def visible(text: str) -> str:
    """``text`` with control characters replaced one-for-one (offsets are kept)."""
    return text.translate(_INVISIBLE)


StyleFor = Callable[[str], Style]  # component-class name suffix -> style


@dataclass
class Layout:
    """The rendered article: lines, and where each highlighted mention is."""

    lines: list[Strip] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)  # valid mentions in reading order
    mention_line: dict[int, int] = field(default_factory=dict)  # mention index -> first line


def ordered_mentions(article: Article, mentions: list[dict]) -> list[dict]:
    """Mentions whose offsets still match the text, in reading order (title, captions, body)."""
    texts = {"title": article.title, "body": article.body, "captions": "\n".join(article.captions)}
    valid = []
    for m in mentions:
        text = texts.get(m.get("field", "body"))
        start, end = m.get("start"), m.get("end")
        if text is None or not isinstance(start, int) or not isinstance(end, int):
            continue
        if 0 <= start < end <= len(text) and text[start:end] == m.get("text", text[start:end]):
            valid.append(m)
    valid.sort(key=lambda m: (FIELD_ORDER.get(m["field"], 3), m["start"]))
    return valid


def reading_minutes(article: Article) -> int:
    words = len(article.body.split()) + sum(len(c.split()) for c in article.captions)
    return max(1, round(words / WORDS_PER_MINUTE))


def format_date(value: str | None) -> str:
    if not value:
        return ""
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if stamp.hour == stamp.minute == 0:
        return stamp.strftime("%a %d %b %Y")
    return stamp.strftime("%a %d %b %Y %H:%M UTC")


def label_class(label: str) -> str:
    return f"entity-{label.lower()}" if label in LABELS else "entity-other"


def text_strip(line: Text, console: Console, width: int, base: Style) -> Strip:
    """One line of Text as a Strip ``width`` cells wide.

    ``Text.render`` leaves out the Text's own style when it has no spans (Rich applies it elsewhere),
    so it is applied here as the base of every segment.
    """
    own = console.get_style(line.style) if isinstance(line.style, str) else line.style
    strip = Strip(list(line.render(console)), line.cell_len).apply_style(base + own)
    return strip.adjust_cell_length(width, base)


class _Builder:
    def __init__(self, console: Console, width: int, style: StyleFor, base: Style) -> None:
        self.console = console
        self.width = max(10, width)
        self.style = style
        self.base = base
        self.layout = Layout()

    def add(self, text: Text, *, indent: str = "", indent_style: Style | None = None) -> None:
        """Wrap ``text`` (which may hold newlines) to the width and append the lines."""
        room = max(4, self.width - len(indent))
        for line in text.wrap(self.console, room, overflow="fold", no_wrap=False):
            line.end = ""
            for span in line.spans:
                meta = span.style.meta if isinstance(span.style, Style) else {}
                if "mention" in meta:
                    self.layout.mention_line.setdefault(meta["mention"], len(self.layout.lines))
            if indent:
                line = Text.assemble((indent, indent_style or self.base), line, end="")
            self.layout.lines.append(text_strip(line, self.console, self.width, self.base))

    def blank(self) -> None:
        self.layout.lines.append(Strip.blank(self.width, self.base))


def _highlighted(text: str, base: Style, mentions: list[tuple[int, dict]], style: StyleFor,
                 current: int | None) -> Text:
    result = Text(visible(text), style=base, end="")
    for index, m in mentions:
        if m["start"] >= len(text):
            continue  # past what is shown of a cut body
        span_style = style(label_class(m["label"])) + Style.from_meta({"mention": index})
        if index == current:
            span_style = span_style + style("entity-current")
        result.stylize(span_style, m["start"], m["end"])
    return result


def layout_article(article: Article, mentions: list[dict], *, console: Console, width: int,
                   style: StyleFor, base: Style, current: int | None = None) -> Layout:
    """The article as lines ``width`` cells wide; ``mentions`` must come from :func:`ordered_mentions`."""
    b = _Builder(console, width, style, base)
    b.layout.mentions = mentions
    by_field: dict[str, list[tuple[int, dict]]] = {}
    for index, m in enumerate(mentions):
        by_field.setdefault(m["field"], []).append((index, m))

    b.add(_highlighted(article.title, base + style("title"), by_field.get("title", []), style, current))
    meta = base + style("meta")
    byline = visible(" · ".join(
        part for part in (article.source, f"by {article.author}" if article.author else None,
                          format_date(article.published) if article.published
                          else f"no date given, added {format_date(article.added)}" if article.added else None,
                          f"{reading_minutes(article)} min read") if part
    ))
    b.add(Text(byline, style=meta, end=""))
    if article.url:
        b.add(Text(visible(article.url), style=base + style("url"), end=""))
    state = Text(style=meta, end="")
    state.append("★ Bookmarked" if article.is_bookmarked else "☆ Not bookmarked", base + style("state"))
    state.append("   ")
    state.append("Read" if article.is_read else "● Unread", base + style("state"))
    if article.tags:
        state.append("   Tags: ", meta)
        state.append(visible(", ".join(article.tags)), base + style("tags"))
    b.add(state)
    b.add(_legend(mentions, base, style))
    b.layout.lines.append(Strip([], 0).adjust_cell_length(b.width, base))
    if article.captions:
        captions = _highlighted("\n".join(article.captions), base + style("caption"),
                                by_field.get("captions", []), style, current)
        b.add(captions, indent="▍ ", indent_style=base + style("caption-bar"))
        b.blank()
    body = article.body or article.summary or ""
    if body.strip():
        shown = body[:MAX_SHOWN_CHARS]
        b.add(_highlighted(shown, base, by_field.get("body", []), style, current))
        if len(shown) < len(body):
            b.blank()
            b.add(Text(f"… {len(body) - len(shown):,} more characters are not shown here ({len(body):,} in all). "
                       f"Press o to open the article in the browser, or run: reader show {article.id}",
                       style=meta, end=""))
    else:
        b.add(Text("This article has no text. Press o to open it in the browser.", style=meta, end=""))
    return b.layout


def _legend(mentions: list[dict], base: Style, style: StyleFor) -> Text:
    legend = Text(style=base + style("meta"), end="")
    if not mentions:
        legend.append("No entities recorded for this article yet.")
        return legend
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m["label"]] = counts.get(m["label"], 0) + 1
    legend.append("Entities: ")
    for label, name in LABELS.items():
        if label in counts:
            legend.append(f" {name} {counts[label]} ", base + style(label_class(label)))
            legend.append(" ")
    return legend

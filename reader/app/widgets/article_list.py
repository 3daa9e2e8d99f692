"""The article list: a Line-API ScrollView that renders only the visible rows.

The list holds the ids of the current filter (integers: cheap even at 100,000 articles) and loads
row summaries a page at a time when a row first scrolls into view. Rendered rows are cached by
(id, width, cursor, focus, theme), so moving the cursor repaints two lines.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

from rich.segment import Segment
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.app.widgets.article_text import visible
from reader.models import ArticleSummary

PAGE = 200  # rows loaded per query when a row first becomes visible
MAX_SUMMARIES = 5_000  # summaries kept in memory (oldest pages dropped first)

SummaryLoader = Callable[[Sequence[int]], list[ArticleSummary]]


def _cell_fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` cells with an ellipsis (article text is mostly single-cell)."""
    from rich.cells import cell_len, set_cell_size

    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


class ArticleList(ScrollView, can_focus=True):
    """Newest first; one row per article: unread mark, bookmark mark, date, source, title, tags."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", id="list.down", tooltip="Select the next article"),
        Binding("k,up", "cursor_up", "Up", id="list.up", tooltip="Select the previous article"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down",
                tooltip="Move the selection down one screen"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up",
                tooltip="Move the selection up one screen"),
        Binding("home,g", "first", "First", show=False, id="list.first", tooltip="Select the newest article"),
        Binding("end,G", "last", "Last", show=False, id="list.last", tooltip="Select the oldest article"),
        Binding("enter", "open", "Open", id="list.open",
                tooltip="Open the selected article in the reader pane and mark it read"),
    ]

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--date",
        "article-list--undated",
        "article-list--source",
        "article-list--tags",
        "article-list--bookmark",
    }

    cursor: reactive[int] = reactive(0, always_update=False, init=False)

    class Highlighted(Message):
        """The selection moved to another article."""

        def __init__(self, article_id: int | None) -> None:
            super().__init__()
            self.article_id = article_id

    class Opened(Message):
        """The user opened the selected article (enter or click)."""

        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, loader: SummaryLoader, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._loader = loader
        self._ids: list[int] = []
        self._positions: dict[int, int] | None = None
        self._summaries: OrderedDict[int, ArticleSummary] = OrderedDict()
        self._lines: LRUCache[tuple, Strip] = LRUCache(1024)
        self._title = ""

    # ----- data
    @property
    def title(self) -> str:
        """The plain title ("All · 836"); shown as the border title, never parsed as markup."""
        return self._title

    @title.setter
    def title(self, value: str) -> None:
        self._title = value
        self.border_title = Content(value)

    @property
    def ids(self) -> list[int]:
        return self._ids

    @property
    def row_count(self) -> int:
        return len(self._ids)

    @property
    def current_id(self) -> int | None:
        if 0 <= self.cursor < len(self._ids):
            return self._ids[self.cursor]
        return None

    def set_ids(self, ids: list[int], *, keep: int | None = None) -> None:
        """Show these ids; keep the selection on ``keep`` if it is among them."""
        old_id = self.current_id
        self._ids = ids
        self._positions = None
        self._summaries.clear()
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(ids))
        index = self.index_of(keep) if keep is not None else None
        new = index if index is not None else 0
        if new != self.cursor:
            self.cursor = new
        elif self.current_id != old_id or old_id is None:
            self.post_message(self.Highlighted(self.current_id))
        self.scroll_to_cursor(center=index is not None, animate=False)
        self.refresh()

    def index_of(self, article_id: int) -> int | None:
        if self._positions is None:
            self._positions = {article_id: i for i, article_id in enumerate(self._ids)}
        return self._positions.get(article_id)

    def summary_at(self, index: int) -> ArticleSummary | None:
        """The row at ``index``, loading its page from the store if needed."""
        if not 0 <= index < len(self._ids):
            return None
        article_id = self._ids[index]
        summary = self._summaries.get(article_id)
        if summary is None:
            start = index - index % PAGE
            page = [i for i in self._ids[start : start + PAGE] if i not in self._summaries]
            for row in self._loader(page):
                self._summaries[row.id] = row
            while len(self._summaries) > MAX_SUMMARIES:
                self._summaries.popitem(last=False)
            summary = self._summaries.get(article_id)
        return summary

    def invalidate(self, article_id: int | None = None) -> None:
        """Reload one row (or all) from the store on next paint: its state changed."""
        if article_id is None:
            self._summaries.clear()
        else:
            self._summaries.pop(article_id, None)
        self._lines.clear()
        self.refresh()

    def find(self, start: int, step: int, predicate: Callable[[ArticleSummary], bool]) -> int | None:
        """Index of the first row from ``start`` (exclusive) in direction ``step`` matching ``predicate``."""
        index = start + step
        while 0 <= index < len(self._ids):
            summary = self.summary_at(index)
            if summary is not None and predicate(summary):
                return index
            index += step
        return None

    # ----- cursor
    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self.scroll_to_cursor()
        self.post_message(self.Highlighted(self.current_id))

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._ids) - 1)) if self._ids else 0

    def _refresh_row(self, index: int) -> None:
        y = index - self.scroll_offset.y
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def scroll_to_cursor(self, *, center: bool = False, animate: bool = False) -> None:
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=animate, center=center, force=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.size.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.size.height - 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._ids) - 1

    def action_open(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Opened(self.current_id))

    def on_click(self, event) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self._ids):
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = index

    def on_focus(self) -> None:
        self._lines.clear()
        self._refresh_row(self.cursor)

    def on_blur(self) -> None:
        self._lines.clear()
        self._refresh_row(self.cursor)

    def on_resize(self) -> None:
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._ids))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
        if self.is_mounted:  # component-class styles change after this widget's own
            self.call_later(self.invalidate_lines)

    def invalidate_lines(self) -> None:
        self._lines.clear()
        self.refresh()

    # ----- rendering
    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        summary = self.summary_at(index)
        if summary is None:
            return Strip.blank(width, self.rich_style)
        selected = index == self.cursor
        key = (summary.id, width, selected, self.has_focus)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._render_row(summary, width, selected)
            self._lines[key] = strip
        return strip

    def _render_row(self, row: ArticleSummary, width: int, selected: bool) -> Strip:
        style = self.get_component_rich_style
        base = self.rich_style + (style("article-list--unread") if not row.read else style("article-list--read"))
        if selected:
            base = base + style("article-list--cursor")
        date = (row.date or "")[:10]
        compact = width < 56
        if compact:
            date = date[5:]  # "01-11": the year is rarely needed in a narrow pane
        mark_read = " " if row.read else "●"
        mark_star = "★" if row.bookmarked else " "
        segments = [Segment(mark_read, base), Segment(mark_star + " ", base + style("article-list--bookmark"))]
        used = 3
        # an article its source gave no date shows when it was added, set apart (the reader pane says so)
        date_style = style("article-list--date" if row.published else "article-list--undated")
        segments.append(Segment(f"{date:<{len(date)}} ", base + date_style))
        used += len(date) + 1
        if not compact:
            source_width = min(16, max(8, width // 6))
            source = _cell_fit(visible(row.source or ""), source_width)
            segments.append(Segment(f"{source:<{source_width}} ", base + style("article-list--source")))
            used += source_width + 1
        tags = visible(" ".join(f"#{t}" for t in row.tags))
        room = max(0, width - used)
        title_room = room - (len(tags) + 1 if tags and room - len(tags) > 24 else 0)
        title = _cell_fit(" ".join(visible(row.title).split()), title_room)
        segments.append(Segment(title, base))
        used += len(title)
        if tags and title_room < room:
            segments.append(Segment(" " + _cell_fit(tags, room - title_room - 1), base + style("article-list--tags")))
        strip = Strip(segments)
        return strip.adjust_cell_length(width, base if selected else self.rich_style)

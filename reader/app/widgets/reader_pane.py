"""The reader pane: one article, wrapped to the pane, with entities highlighted by label.

A Line-API ScrollView over lines laid out by :mod:`reader.app.widgets.article_text`; the layout is
redone when the width, the theme or the selected entity changes. Colours come from component
classes, so the stylesheet (and its theme variables) decides them.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.app.widgets.article_text import Layout, layout_article, ordered_mentions, text_strip
from reader.models import Article


class ReaderPane(ScrollView, can_focus=True):
    """Shows the open article; ``e``/``E`` step through its entities, enter filters by one."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="reader.down",
                tooltip="Scroll the article down one line"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="reader.up",
                tooltip="Scroll the article up one line"),
        Binding("enter", "filter_entity", "Stories with entity", id="reader.filter_entity",
                tooltip="Show the stories that mention the selected entity"),
        Binding("escape", "clear_entity", "Clear entity", show=False, id="reader.clear_entity",
                tooltip="Stop highlighting the selected entity"),
    ]

    COMPONENT_CLASSES = {
        "reader-pane--title", "reader-pane--meta", "reader-pane--url", "reader-pane--state",
        "reader-pane--tags", "reader-pane--caption", "reader-pane--caption-bar",
        "reader-pane--entity-person", "reader-pane--entity-org", "reader-pane--entity-place",
        "reader-pane--entity-group", "reader-pane--entity-event", "reader-pane--entity-other",
        "reader-pane--entity-current",
    }

    class EntityChosen(Message):
        """The user asked for the stories mentioning an entity."""

        def __init__(self, name: str, label: str) -> None:
            super().__init__()
            self.name = name
            self.label = label

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self._mentions: list[dict] = []
        self._message = "Select an article to read it here."
        self.current_entity: int | None = None
        self._layout = Layout()
        self._laid_out_for: tuple | None = None

    # ----- content
    def show_article(self, article: Article, mentions: list[dict], *, keep_position: bool = False) -> None:
        same = self.article is not None and self.article.id == article.id
        self.article = article
        self._mentions = ordered_mentions(article, mentions)
        if not (same and keep_position) and self.current_entity is not None:
            self.current_entity = None
            self.refresh_bindings()
        self._relayout()
        if not (same and keep_position):
            self.scroll_to(0, 0, animate=False)

    def show_message(self, text: str) -> None:
        self.article = None
        self._mentions = []
        self.current_entity = None
        self._message = text
        self._relayout()
        self.scroll_to(0, 0, animate=False)

    @property
    def mentions(self) -> list[dict]:
        return self._mentions

    @property
    def text_lines(self) -> list[str]:
        """The laid-out lines as plain text (what a person sees, for tests and benchmarks)."""
        self._ensure_layout()
        return ["".join(seg.text for seg in strip).rstrip() for strip in self._layout.lines]

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"reader-pane--{name}")

    def _relayout(self) -> None:
        self._laid_out_for = None
        self._ensure_layout()
        self.refresh()

    def _ensure_layout(self) -> None:
        width = self.scrollable_content_region.width or 80
        key = (width, self.current_entity, id(self.article))
        if key == self._laid_out_for:
            return
        base = self.rich_style
        if self.article is None:
            layout = Layout()
            for line in Text(self._message, style=base + self._style("meta")).wrap(self.app.console, max(10, width)):
                line.end = ""
                layout.lines.append(text_strip(line, self.app.console, width, base))
        else:
            layout = layout_article(self.article, self._mentions, console=self.app.console, width=width,
                                    style=self._style, base=base, current=self.current_entity)
        self._layout = layout
        self._laid_out_for = key
        self.virtual_size = Size(width, len(layout.lines))

    def on_resize(self, event: Resize) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Component-class styles are updated after this widget's own: lay out again once they are.
        if self.is_mounted:
            self.call_later(self._relayout)

    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if 0 <= index < len(self._layout.lines):
            return self._layout.lines[index].crop_extend(0, width, self.rich_style)
        return Strip.blank(width, self.rich_style)

    # ----- paging and entities
    def page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)

    def select_entity(self, step: int) -> dict | None:
        """Move the entity selection by ``step`` (wrapping); returns the selected mention."""
        if not self._mentions:
            return None
        if self.current_entity is None:
            index = 0 if step > 0 else len(self._mentions) - 1
        else:
            index = (self.current_entity + step) % len(self._mentions)
        self.current_entity = index
        self._relayout()
        self.refresh_bindings()
        line = self._layout.mention_line.get(index)
        if line is not None:
            self.scroll_to_region(Region(0, line, 1, 1), animate=False, spacing=None)
        return self._mentions[index]

    @property
    def selected_mention(self) -> dict | None:
        if self.current_entity is None or self.current_entity >= len(self._mentions):
            return None
        return self._mentions[self.current_entity]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter_entity" and self.selected_mention is None:
            return None  # shown dimmed in the footer until an entity is selected
        return True

    def action_filter_entity(self) -> None:
        mention = self.selected_mention
        if mention is None:
            self.notify("Select an entity first (e / E move through them).", severity="warning", markup=False)
            return
        self.post_message(self.EntityChosen(mention["entity"], mention.get("entity_label") or mention["label"]))

    def action_clear_entity(self) -> None:
        if self.current_entity is not None:
            self.current_entity = None
            self._relayout()
            self.refresh_bindings()

    def on_click(self, event: Click) -> None:
        index = event.style.meta.get("mention") if event.style else None
        if isinstance(index, int) and index < len(self._mentions):
            if index == self.current_entity and event.chain >= 2:
                self.action_filter_entity()
                return
            self.current_entity = index
            self._relayout()
            self.refresh_bindings()

"""The related panel: stories related to the open one, with the reasons, and "also reported by".

It holds at most a few dozen rows, so an OptionList is the right tool here (unlike the article list).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.app.widgets.article_text import visible
from reader.models import Related, RelatedStories


def _row(item: Related, *, show_reasons: bool) -> Text:
    """One related story; every field is plain text (never markup)."""
    text = Text(end="")
    text.append(" ".join(visible(item.title).split()) or "(untitled)", "bold")
    detail = " · ".join(part for part in (item.source, (item.published or "")[:10]) if part)
    if detail:
        text.append("\n" + visible(detail), "dim")
    if show_reasons and item.reasons:
        text.append("\n" + visible("; ".join(item.reasons)), "italic")
    return text


class RelatedPanel(Vertical):
    """Shows a :class:`RelatedStories`; choosing a row posts :class:`RelatedPanel.Chosen`."""

    BINDINGS = [
        Binding("enter", "choose", "Open related", id="related.open",
                tooltip="Open the selected related story (history: [ and ] go back and forward)"),
    ]

    class Chosen(Message):
        def __init__(self, article_id: int) -> None:
            super().__init__()
            self.article_id = article_id

    shown_for: int | None = None  # the article whose related stories are shown

    def compose(self) -> ComposeResult:
        yield Static("", id="related-status")
        yield OptionList(id="related-list")

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#related-list", OptionList)

    def show_status(self, text: str, article_id: int | None = None) -> None:
        self.shown_for = article_id
        status = self.query_one("#related-status", Static)
        if text != getattr(self, "_status_text", None):  # updating re-lays out the panel: only when it changes
            self._status_text = text
            status.update(Text(text))
        if self.option_list.option_count:
            self.option_list.clear_options()
        self.option_list.display = False

    def show_related(self, stories: RelatedStories) -> None:
        self.shown_for = stories.article_id
        options: list[Option | None] = []
        if stories.same_story:
            options.append(Option(Text("Also reported by", "bold underline"), disabled=True))
            options.extend(Option(_row(item, show_reasons=False), id=f"a{item.id}") for item in stories.same_story)
        if stories.related:
            if options:
                options.append(None)
            options.append(Option(Text("Related stories", "bold underline"), disabled=True))
            options.extend(Option(_row(item, show_reasons=True), id=f"r{item.id}") for item in stories.related)
        status = self.query_one("#related-status", Static)
        self._status_text = None
        option_list = self.option_list
        option_list.clear_options()
        if not options:
            status.update(Text("No related stories found."))
            option_list.display = False
            return
        status.update("")
        option_list.add_options(options)
        option_list.display = True
        option_list.highlighted = next((i for i, o in enumerate(options) if o is not None and not o.disabled), None)

    @property
    def story_ids(self) -> list[int]:
        """Ids shown, in order (for tests and the command palette)."""
        ol = self.option_list
        return [int(ol.get_option_at_index(i).id[1:]) for i in range(ol.option_count)
                if ol.get_option_at_index(i).id]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(int(event.option.id[1:])))

    def action_choose(self) -> None:
        ol = self.option_list
        if ol.highlighted is not None:
            option = ol.get_option_at_index(ol.highlighted)
            if option.id:
                self.post_message(self.Chosen(int(option.id[1:])))

"""The filter menu (``f``): all, unread, bookmarked, feeds, tags with counts, top people, organisations, places."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.app.filters import Choice, View, filter_choices


class FilterMenu(ModalScreen[View | None]):
    """Returns the chosen :class:`View`, or None when cancelled."""

    BINDINGS = [Binding("escape,f", "cancel", "Cancel", id="filter.cancel", tooltip="Close the filter menu")]

    def __init__(self) -> None:
        super().__init__()
        self.choices: list[Choice] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box", classes="dialog"):
            yield Label("Show", classes="dialog-title")
            yield OptionList(id="filter-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).loading = True
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        choices = filter_choices(self.app.store.db)
        self.app.call_from_thread(self._show, choices)

    def _show(self, choices: list[Choice]) -> None:
        self.choices = choices
        options: list[Option | None] = []
        section = None
        for index, choice in enumerate(choices):
            if choice.section != section:
                if section is not None:
                    options.append(None)
                options.append(Option(Text(choice.section, style="bold"), disabled=True))
                section = choice.section
            label = Text("  " + choice.label, end="")
            if choice.count is not None:
                label.append(f"  {choice.count:,}", style="dim")
            options.append(Option(label, id=str(index)))
        option_list = self.query_one(OptionList)
        option_list.loading = False
        option_list.add_options(options)
        option_list.highlighted = 1
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.choices[int(event.option.id)].view)

    def action_cancel(self) -> None:
        self.dismiss(None)

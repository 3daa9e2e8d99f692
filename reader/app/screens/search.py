"""The search dialog (``/``): one line of full-text query; enter searches, escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class SearchDialog(ModalScreen[str | None]):
    """Returns the query ("" clears the search), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="search.cancel", tooltip="Close without searching")]

    def __init__(self, initial: str = "") -> None:
        super().__init__()
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box", classes="dialog"):
            yield Label("Search articles", classes="dialog-title")
            yield Input(self.initial, placeholder='words, "a phrase", AND/OR/NOT, -word, prefix*', id="search-input")
            yield Label("enter: search · empty: clear the search · escape: cancel", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)

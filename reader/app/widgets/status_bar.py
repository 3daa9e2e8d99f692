"""A one-line status bar above the footer: background work (refresh, entity enrichment) and its progress."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class StatusBar(Horizontal):
    """Hidden when idle; shows what runs in the background and how far it got."""

    def compose(self) -> ComposeResult:
        yield Label("", id="status-text")
        yield ProgressBar(total=None, show_eta=False, id="status-progress")

    def on_mount(self) -> None:
        self.display = False

    def show(self, text: str, done: int | None = None, total: int | None = None) -> None:
        self.display = True
        self.query_one("#status-text", Label).update(Text(text))
        bar = self.query_one("#status-progress", ProgressBar)
        bar.update(total=total, progress=done or 0)

    def hide(self) -> None:
        self.display = False

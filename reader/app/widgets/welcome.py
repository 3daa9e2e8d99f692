"""The welcome view an empty store shows instead of the panes."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

WELCOME = [
    ("Welcome to reader", "title"),
    ("Your store has no articles yet. Three ways to start:", ""),
    ("", ""),
    ("Subscribe to a feed, then press R here to fetch it", "heading"),
    ("    reader feed add https://example.org/feed.xml", "command"),
    ("", ""),
    ("Import article files (text dumps, JSON Lines, or a folder of them)", "heading"),
    ("    reader import articles.txt", "command"),
    ("", ""),
    ("Explore the sample store (836 articles) without touching yours", "heading"),
    ("    reader demo", "command"),
    ("", ""),
    ("Press ? for the keys, ctrl+p for every command, q to quit.", "hint"),
]


class Welcome(Static):
    """How to add a feed, import a file, or open the demo."""

    COMPONENT_CLASSES = {"welcome--title", "welcome--heading", "welcome--command", "welcome--hint"}

    def __init__(self, store_path: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store_path = store_path

    def on_mount(self) -> None:
        self._update()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self.call_later(self._update)

    def _update(self) -> None:
        text = Text(end="")
        for line, kind in WELCOME:
            style = self.get_component_rich_style(f"welcome--{kind}") if kind else ""
            text.append(line + "\n", style)
        text.append(f"\nStore: {self.store_path}", self.get_component_rich_style("welcome--hint"))
        self.update(text)

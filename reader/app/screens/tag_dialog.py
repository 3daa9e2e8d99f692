"""The tag dialog (``t``): edit an article's tags as a comma-separated line, completing known tags."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static


def split_tags(value: str) -> list[str]:
    seen: dict[str, str] = {}
    for part in value.split(","):
        name = " ".join(part.split()).lstrip("#")
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


class TagSuggester(Suggester):
    """Completes the tag being typed (the text after the last comma) from the store's tags."""

    def __init__(self, known: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = known

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        stem = last.lstrip()
        if not stem:
            return None
        present = {t.casefold() for t in split_tags(head)}
        for tag in self.known:
            if tag.casefold().startswith(stem.casefold()) and tag.casefold() not in present and tag != stem:
                return value[: len(value) - len(stem)] + tag
        return None


class TagDialog(ModalScreen[list[str] | None]):
    """Returns the article's new tags, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="tags.cancel", tooltip="Close without changing tags")]

    def __init__(self, current: list[str], known: list[str]) -> None:
        super().__init__()
        self.current = current
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-box", classes="dialog"):
            yield Label("Tags for this article", classes="dialog-title")
            value = ", ".join(self.current) + (", " if self.current else "")
            yield Input(value, placeholder="tag, another tag", suggester=TagSuggester(self.known), id="tag-input")
            known = Text("Known tags: ", style="bold", end="")
            known.append(", ".join(self.known) if self.known else "none yet")
            yield Static(known, id="tag-known", classes="dialog-hint")
            yield Static(Text("Separate tags with commas; delete one to remove it. → completes a known tag. "
                              "enter saves · escape cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_position = len(self.query_one(Input).value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(split_tags(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)

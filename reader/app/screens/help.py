"""The help screen (``?``): every key, generated from the bindings (with the user's keymap applied)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from reader.app.keys import key_help


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close", tooltip="Close the help"),
    ]

    def compose(self) -> ComposeResult:
        rows = key_help(self.app, self.app.keymap_settings)
        table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
        table.add_column("keys", no_wrap=True, style="bold", ratio=1)
        table.add_column("what", ratio=2)
        table.add_column("detail", style="dim", ratio=4)
        section = None
        for row in rows:
            if row.section != section:
                if section is not None:
                    table.add_row("", "", "")
                table.add_row(Text(row.section, style="bold underline"), "", "")
                section = row.section
            table.add_row(Text(" ".join(row.keys)), Text(row.description), Text(row.tooltip))
        self.table = table
        with Vertical(id="help-box", classes="dialog"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(table, id="help-table")
            yield Static(Text('Rebind keys in config.toml under [keys] by id, e.g. "main.bookmark" = "s,m". '
                              "`reader keys` lists the ids."), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)

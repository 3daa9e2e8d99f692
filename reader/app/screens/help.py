"""The help screen (``?``): every key, generated from the bindings (with the user's keymap applied)."""

from __future__ import annotations

from rich.console import Group
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
        self.tables: list[Table] = []
        for row in rows:
            if not self.tables or self.tables[-1].title != row.section:
                table = Table(title=row.section, title_justify="left", title_style="bold underline", box=None,
                              expand=True, show_header=False, padding=(0, 1))
                table.add_column("keys", no_wrap=True, style="bold", width=12)
                table.add_column("what", width=18)
                table.add_column("detail", style="dim", ratio=1)
                self.tables.append(table)
            self.tables[-1].add_row(Text(" ".join(row.keys)), Text(row.description), Text(row.tooltip))
        with Vertical(id="help-box", classes="dialog"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(Group(*(item for table in self.tables for item in (table, ""))), id="help-table")
            yield Static(Text('Rebind keys in config.toml under [keys] by id, e.g. "main.bookmark" = "s,m". '
                              "`reader keys` lists the ids."), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)

"""The app's bindings as data, with the user's keymap applied: the help screen and the palette read this.

Generated from the ``BINDINGS`` of the app, screen and widgets, so help can never drift from the keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding


@dataclass
class KeyHelp:
    section: str
    binding_id: str
    keys: list[str]  # as displayed, e.g. ["j", "↓"]
    description: str
    tooltip: str
    action: str


def sections(app: App) -> list[tuple[str, type]]:
    from reader.app.screens.main import MainScreen
    from reader.app.widgets.article_list import ArticleList
    from reader.app.widgets.reader_pane import ReaderPane
    from reader.app.widgets.related_panel import RelatedPanel

    return [("Everywhere", type(app)), ("Reading", MainScreen), ("Article list", ArticleList),
            ("Reader pane", ReaderPane), ("Related panel", RelatedPanel)]


def effective_keys(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return [k.strip() for k in keys.split(",") if k.strip()]


def key_help(app: App, keymap: Mapping[str, str]) -> list[KeyHelp]:
    rows: list[KeyHelp] = []
    for section, owner in sections(app):
        for binding in owner.BINDINGS:
            if not isinstance(binding, Binding) or binding.system or not binding.description:
                continue
            shown = [app.get_key_display(Binding(key, binding.action)) for key in effective_keys(binding, keymap)]
            rows.append(KeyHelp(section, binding.id or "", shown, binding.description, binding.tooltip or "",
                                binding.action))
    return rows

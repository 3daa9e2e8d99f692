"""The Textual app: builds the main screen, owns the store connections, runs background work.

``make_app(db_path)`` is the one way to build it, for the CLI and the tests alike.
"""

from __future__ import annotations

import os
import sys
import webbrowser
from collections.abc import Callable
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from reader.app.commands import ActionCommands, JumpCommands
from reader.app.store_access import StoreAccess
from reader.config import Settings

STYLESHEETS = ["reader.tcss", "dialogs.tcss"]


def _graphical_session() -> bool:
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def stylesheet_paths() -> list[Path]:
    """The packaged stylesheets (``reader.styles``), or the repo's ``styles/`` when run from a checkout."""
    try:
        folder = resources.files("reader.styles")
        paths = [Path(str(folder / name)) for name in STYLESHEETS]
        if all(p.exists() for p in paths):
            return paths
    except (ModuleNotFoundError, TypeError):
        pass
    root = Path(__file__).resolve().parents[2] / "styles"
    return [root / name for name in STYLESHEETS]


class ReaderApp(App[None]):
    """A terminal news reader."""

    TITLE = "reader"
    CSS_PATH = stylesheet_paths()
    COMMANDS = App.COMMANDS | {JumpCommands, ActionCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave the reader (everything is already saved)"),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Show every key and what it does"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette",
                tooltip="Jump to a feed, tag or entity, or run any action by name"),
    ]

    def __init__(self, db_path: Path, *, settings: Settings | None = None, enrich: bool = False,
                 open_url: Callable[[str], Any] | None = None) -> None:
        super().__init__()
        self.store = StoreAccess(db_path)
        self.settings = settings or Settings()
        self.keymap_settings = dict(self.settings.keys)
        self.enrich = enrich
        self._open_url = open_url

    def on_mount(self) -> None:
        from reader.app.screens.main import MainScreen

        if self.settings.theme:
            try:
                self.theme = self.settings.theme
            except Exception:  # noqa: BLE001 - an unknown theme name in config.toml is a message, not a crash
                self.notify(f"Unknown theme {self.settings.theme!r} in config.toml; using the default.",
                            severity="warning", markup=False)
        if self.keymap_settings:
            self.set_keymap(self.keymap_settings)
        self.push_screen(MainScreen())
        if self.enrich:
            self.enrich_entities()

    def on_unmount(self) -> None:
        self.store.close()

    @property
    def main(self):
        from reader.app.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the main screen is not open")

    def action_help(self) -> None:
        from reader.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # ----- things that leave the app
    def open_in_browser(self, url: str) -> None:
        if self._open_url is None and not self.settings.browser and not _graphical_session():
            # Only a text browser could open here, and it would take over this terminal: copy instead.
            self.copy_to_clipboard(url)
            self.notify(f"No graphical browser in this session; copied {url} (set [ui] browser to choose one).", markup=False)
            return
        self._open_browser(url)

    @work(thread=True, exit_on_error=False, group="browser")
    def _open_browser(self, url: str) -> None:
        if self._open_url is not None:
            self._open_url(url)
            return
        browser = webbrowser.get(self.settings.browser) if self.settings.browser else webbrowser
        if not browser.open(url):
            raise RuntimeError(f"no browser could open {url} (set [ui] browser in config.toml)")
        self.call_from_thread(partial(self.notify, f"Opened {url}", markup=False))

    # ----- background work
    def refresh_feeds(self) -> None:
        try:
            from reader.refresh import refresh_feeds  # noqa: F401
        except ImportError:
            self.notify("Refreshing feeds is not available: this build has no reader.refresh module.",
                        title="Refresh", severity="warning", markup=False)
            return
        if any(w.group == "refresh" and w.is_running for w in self.workers):
            self.notify("A refresh is already running.", markup=False)
            return
        self.main.status.show("Refreshing feeds…")
        self._refresh()

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False, name="Refresh")
    def _refresh(self) -> None:
        from reader.refresh import refresh_feeds

        def progress(event: Any) -> None:
            title = getattr(event, "feed_title", None) or getattr(event, "feed_url", "") or ""
            self.call_from_thread(self.main.status.show, f"Refreshing {title}", getattr(event, "done", 0),
                                  getattr(event, "total", None))

        report = refresh_feeds(self.store.path, progress=progress)
        self.call_from_thread(self._refreshed, report)

    def _refreshed(self, report: Any) -> None:
        self.main.status.hide()
        new = getattr(report, "new_articles", None)
        errors = getattr(report, "errors", None) or []
        text = "Refresh finished" + (f": {new:,} new article{'s' if new != 1 else ''}" if new is not None else ".")
        if errors:
            text += f"; {len(errors)} feed{'s' if len(errors) != 1 else ''} failed"
        self.notify(text, title="Refresh", severity="warning" if errors else "information", markup=False)
        self.main.articles_changed()
        if self.enrich:
            self.enrich_entities()

    def enrich_entities(self) -> None:
        try:
            from reader.nlp.enrich import enrich_store  # noqa: F401
        except ImportError:
            return  # entities are optional: highlights appear once something has stored mentions
        self._enrich()

    @work(thread=True, exclusive=True, group="enrich", exit_on_error=False, name="Entity recognition")
    def _enrich(self) -> None:
        from reader.nlp.enrich import enrich_store

        def progress(*args: Any) -> None:
            done, total = (args + (None, None))[:2] if args and isinstance(args[0], int) else (None, None)
            self.call_from_thread(self.main.status.show, "Finding people, organisations and places…",
                                  done, total)

        self.call_from_thread(self.main.status.show, "Finding people, organisations and places…")
        written = enrich_store(self.store.path, progress=progress)
        # Articles that arrived without a related-stories index (e.g. from a refresh) get one now.
        from reader.related import index_pending
        from reader.store import open_store

        db = open_store(self.store.path)
        try:
            index_pending(db)
        finally:
            db.conn.close()
        self.call_from_thread(self._enriched, written)

    def _enriched(self, written: int) -> None:
        self.main.status.hide()
        if written:
            self.main.reload_article()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker failure ends here, as a notification rather than a traceback."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            name = event.worker.name or event.worker.group or "Background task"
            self.notify(f"{type(error).__name__}: {error}", title=f"{name} failed", severity="error", timeout=8, markup=False)
            if event.worker.group in {"refresh", "enrich"}:
                try:
                    self.main.status.hide()
                except LookupError:
                    pass


def make_app(db_path: Path | str, *, settings: Settings | None = None, enrich: bool = False,
             open_url: Callable[[str], Any] | None = None) -> ReaderApp:
    """The app on the store at ``db_path``; ``enrich`` runs entity recognition in the background."""
    return ReaderApp(Path(db_path), settings=settings, enrich=enrich, open_url=open_url)

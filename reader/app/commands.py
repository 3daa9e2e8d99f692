"""Command palette providers: jump to a feed, tag or entity; run any action by its name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.app.filters import Choice, filter_choices


def _display(matcher, text: str) -> Content:
    """The hit with the matched letters marked; text that looks like markup is shown as it is."""
    return Content(text) if "[" in text else matcher.highlight(text)


PREFIX = {"Articles": "Show", "Feeds": "Feed", "Tags": "Tag", "People": "Person",
          "Organisations": "Organisation", "Places": "Place"}


class JumpCommands(Provider):
    """Feeds, tags and the most mentioned people, organisations and places, as filters."""

    async def startup(self) -> None:
        store = self.app.store
        # Runs in a thread, so it uses that thread's own connection.
        worker = self.app.run_worker(lambda: filter_choices(store.db), thread=True, group="palette")
        self.choices: list[Choice] = await worker.wait()

    def _apply(self, choice: Choice) -> None:
        self.app.main.apply_view(choice.view)

    def _text(self, choice: Choice) -> str:
        return f"{PREFIX.get(choice.section, choice.section)}: {choice.label}"

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for choice in self.choices:
            text = self._text(choice)
            score = matcher.match(text)
            if score > 0:
                count = f"{choice.count:,} articles" if choice.count is not None else None
                yield Hit(score, _display(matcher, text), partial(self._apply, choice), text=text, help=count)

    async def discover(self) -> Hits:
        for choice in self.choices:
            if choice.section in {"Articles", "Feeds", "Tags"}:
                yield DiscoveryHit(Content(self._text(choice)), partial(self._apply, choice), text=self._text(choice))


class ActionCommands(Provider):
    """Every described binding of the app, the main screen and its panes, runnable by name."""

    def _commands(self) -> list[tuple[str, str, str, object]]:
        from reader.app.keys import key_help

        main = self.app.main
        targets = {"Everywhere": self.app, "Reading": main, "Article list": main.article_list,
                   "Reader pane": main.reader, "Related panel": main.related_panel}
        commands = []
        for row in key_help(self.app, self.app.keymap_settings):
            target = targets.get(row.section)
            if target is None or row.action == "command_palette":
                continue
            label = f"{row.description} ({' '.join(row.keys)})"
            commands.append((label, row.tooltip, row.action, target))
        return commands

    def _run(self, action: str, target: object) -> None:
        self.app.call_later(self.app.run_action, action, target)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, tooltip, action, target in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, _display(matcher, label), partial(self._run, action, target), text=label, help=tooltip)

    async def discover(self) -> Hits:
        for label, tooltip, action, target in self._commands():
            yield DiscoveryHit(Content(label), partial(self._run, action, target), text=label, help=tooltip)

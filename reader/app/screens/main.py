"""The main screen: article list, reader pane and related panel, and every action on an article.

Store reads behind the panes run in thread workers (newest selection wins); writes from key presses go
to the store at once on the UI thread's connection (they are single-row and fast).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from reader.app.filters import SINGULAR, View
from reader.app.screens.article_actions import ArticleActions
from reader.app.widgets.article_list import ArticleList
from reader.app.widgets.reader_pane import ReaderPane
from reader.app.widgets.related_panel import RelatedPanel
from reader.app.widgets.status_bar import StatusBar
from reader.app.widgets.welcome import Welcome
from reader.models import Article, RelatedStories
from reader.store import (
    ArticleNotFoundError,
    StoreError,
    article_ids,
    count_articles,
    fts_query,
    get_article,
    newest_article_id,
    set_read,
    summaries,
)
from reader.store.entities import mentions_for
from reader.store.entity_lookup import entity_by_name

RELATED_LIMIT = 10
FIRST_PAGE = 200
NEW_ARTICLES_POLL_S = 5.0  # how often the list looks for articles other processes added (cron, CLI)


@dataclass
class _Loaded:
    view: View
    ids: list[int]
    keep: int | None
    total: int
    partial: bool = False  # the first page of a search; the full list follows


class MainScreen(ArticleActions, Screen):
    """Everything a reader does happens here; dialogs are pushed on top."""

    BINDINGS = [
        Binding("tab", "app.focus_next", "Next pane", show=False, id="main.next_pane",
                tooltip="Move the focus to the next pane"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="main.previous_pane",
                tooltip="Move the focus to the previous pane"),
        Binding("space", "page_down", "Page", id="main.page_down", tooltip="Scroll the article down one page"),
        Binding("b", "page_up", "Page up", show=False, id="main.page_up", tooltip="Scroll the article up one page"),
        Binding("n", "next_unread", "Next unread", id="main.next_unread",
                tooltip="Open the next unread article in the list"),
        Binding("p", "previous_unread", "Prev unread", show=False, id="main.previous_unread",
                tooltip="Open the previous unread article in the list"),
        Binding("slash", "search", "Search", id="main.search",
                tooltip="Full-text search: words, \"phrases\", AND/OR/NOT, -word, prefix*"),
        Binding("f", "filter_menu", "Filter", id="main.filter",
                tooltip="Show feeds, tags, bookmarks, unread, or the stories about a person, organisation, place"),
        Binding("u", "toggle_unread", "Unread only", show=False, id="main.unread_only",
                tooltip="Show only unread articles (press again for all)"),
        Binding("escape", "clear_filter", "All articles", show=False, id="main.clear_filter",
                tooltip="Drop the filter and search and show every article"),
        Binding("t", "tag", "Tags", id="main.tag", tooltip="Add or remove tags on the article (with completion)"),
        Binding("s,asterisk", "toggle_bookmark", "Bookmark", id="main.bookmark",
                tooltip="Bookmark the article, or remove its bookmark"),
        Binding("r", "toggle_read", "Read/unread", show=False, id="main.read",
                tooltip="Mark the article read, or unread again"),
        Binding("A", "mark_all_read", "Mark all read", show=False, id="main.mark_all_read",
                tooltip="Mark every article the list shows as read"),
        Binding("e", "next_entity", "Next entity", show=False, id="main.next_entity",
                tooltip="Select the next person, organisation, place… in the article"),
        Binding("E", "previous_entity", "Prev entity", show=False, id="main.previous_entity",
                tooltip="Select the previous entity in the article"),
        Binding("o", "open_browser", "Browser", show=False, id="main.open_browser",
                tooltip="Open the article's web page in the browser"),
        Binding("y", "copy_url", "Copy URL", show=False, id="main.copy_url",
                tooltip="Copy the article's URL to the clipboard"),
        Binding("left_square_bracket", "back", "Back", show=False, id="main.back",
                tooltip="Go back to the article you read before"),
        Binding("right_square_bracket", "forward", "Forward", show=False, id="main.forward",
                tooltip="Go forward again in the reading history"),
        Binding("v", "toggle_related", "Related", show=False, id="main.related",
                tooltip="Show or hide the related stories (on narrow screens they take the reader's place)"),
        Binding("R", "refresh_feeds", "Refresh", id="main.refresh",
                tooltip="Fetch new articles from every feed (the app stays usable meanwhile)"),
    ]

    class ArticleLoaded(Message, bubble=False):
        def __init__(self, article: Article, mentions: list[dict], keep_position: bool, request: int = 0) -> None:
            super().__init__()
            self.article = article
            self.mentions = mentions
            self.keep_position = keep_position
            self.request = request

    class RelatedLoaded(Message, bubble=False):
        def __init__(self, article_id: int, stories: RelatedStories | None, error: str | None = None) -> None:
            super().__init__()
            self.article_id = article_id
            self.stories = stories
            self.error = error

    class ListLoaded(Message, bubble=False):
        def __init__(self, loaded: _Loaded) -> None:
            super().__init__()
            self.loaded = loaded

    def __init__(self) -> None:
        super().__init__()
        self.view = View()
        self.total = 0
        self.history: list[int] = []
        self.future: list[int] = []
        self._partial_view: View | None = None
        self.empty_store = False

    # Actions that need an article; hidden (and off) while the empty store shows the welcome.
    WELCOME_HIDES = {"page_down", "page_up", "next_unread", "previous_unread", "search", "filter_menu",
                     "toggle_unread", "tag", "toggle_bookmark", "toggle_read", "mark_all_read", "next_entity",
                     "previous_entity", "open_browser", "copy_url", "back", "forward"}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.empty_store and action in self.WELCOME_HIDES:
            return False
        return True

    # ----- layout
    def compose(self) -> ComposeResult:
        yield Welcome(str(self.app.store.path), id="welcome")
        with Horizontal(id="panes"):
            yield ArticleList(self._load_summaries, id="articles")
            yield ReaderPane(id="reader")
            yield RelatedPanel(id="related")
        yield StatusBar(id="status")
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReaderPane:
        return self.query_one(ReaderPane)

    @property
    def related_panel(self) -> RelatedPanel:
        return self.query_one(RelatedPanel)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        self.reader.border_title = "Article"
        self.related_panel.border_title = "Related"
        self.related_panel.show_status("Open an article to see related stories.")
        self.article_list.focus()
        self.reload(keep=None)
        self._newest = self._newest_id()
        self.set_interval(NEW_ARTICLES_POLL_S, self.check_new_articles, name="new articles")

    def _newest_id(self) -> int:
        try:
            return newest_article_id(self.app.store.db)
        except StoreError:
            return getattr(self, "_newest", 0)

    def check_new_articles(self) -> None:
        """Articles added by another process (a cron `reader refresh`, `reader import`) join the list;
        the selection stays on the article being read."""
        newest = self._newest_id()
        if newest > self._newest:
            self._newest = newest
            self.reload()

    def _load_summaries(self, ids):
        return summaries(self.app.store.db, ids)

    # ----- list loading
    def reload(self, keep: int | None = -1, view: View | None = None) -> None:
        """Reload the list for ``view`` (default: the current one), keeping the selection on ``keep``."""
        if keep == -1:
            keep = self.current_id
        self._load_list(view or self.view, keep)

    @work(thread=True, exclusive=True, group="list", exit_on_error=False)
    def _load_list(self, view: View, keep: int | None) -> None:
        db = self.app.store.db
        worker = get_current_worker()
        try:
            # A big store (or a common search word) means a long id list: show the first screenful at once,
            # then the whole list, so startup and search do not wait for 100,000 ids.
            first = article_ids(db, view.filter, limit=FIRST_PAGE)
            if len(first) == FIRST_PAGE:
                self.post_message(self.ListLoaded(_Loaded(view, first, keep, -1, partial=True)))
            ids = article_ids(db, view.filter)
            total = count_articles(db) if not ids else -1
        except StoreError as exc:
            self.app.call_from_thread(partial(self.notify, str(exc), title="Search", severity="error", markup=False))
            return
        if not worker.is_cancelled:
            self.post_message(self.ListLoaded(_Loaded(view, ids, keep, total)))

    def on_main_screen_list_loaded(self, message: ListLoaded) -> None:
        loaded = message.loaded
        keep = loaded.keep
        if not loaded.partial and self._partial_view == loaded.view:
            keep = self.article_list.current_id  # the first page was shown: stay where the reader is
        self._partial_view = loaded.view if loaded.partial else None
        self.view = loaded.view
        empty_store = not loaded.ids and loaded.total == 0
        if empty_store != self.empty_store:
            self.empty_store = empty_store
            self.refresh_bindings()  # the footer shows only what works on the welcome screen
        self.query_one("#welcome").display = empty_store
        self.query_one("#panes").display = not empty_store
        article_list = self.article_list
        count = f"{len(loaded.ids):,}+" if loaded.partial else f"{len(loaded.ids):,}"
        article_list.title = f"{self.view.label} · {count}"
        article_list.set_ids(loaded.ids, keep=keep)
        if not loaded.ids and not empty_store:
            self.reader.show_message(f"No articles match “{self.view.label}”. Press escape to show all articles.")
            self.related_panel.show_status("")

    # ----- the open article
    @property
    def current_id(self) -> int | None:
        if self.reader.article is not None:
            return self.reader.article.id
        return self.article_list.current_id

    def on_article_list_highlighted(self, message: ArticleList.Highlighted) -> None:
        if message.article_id is not None:
            self.load_article(message.article_id)

    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        self.open_article(message.article_id)

    def open_article(self, article_id: int) -> None:
        """Open: show it, mark it read, move the focus to the text."""
        if set_read(self.app.store.db, article_id, True):
            self.article_list.invalidate(article_id)
        self.load_article(article_id, keep_position=self.current_id == article_id)
        self.reader.focus()

    def show_article(self, article_id: int) -> None:
        """Show an article, selecting it in the list when the list holds it."""
        index = self.article_list.index_of(article_id)
        if index is not None and index != self.article_list.cursor:
            self.article_list.cursor = index
        else:
            self.load_article(article_id)

    # Each load is numbered and only the latest one's result is shown: an earlier load still running in
    # its thread (say, the reload after ``s`` when ``j`` has moved on) must not put its article back on
    # screen, or the next key would act on the article the user has already left.
    _article_request = 0

    def load_article(self, article_id: int, keep_position: bool = False) -> None:
        self._article_request += 1
        self._load_article(article_id, keep_position, self._article_request)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load_article(self, article_id: int, keep_position: bool, request: int) -> None:
        db = self.app.store.db
        try:
            article = get_article(db, article_id)
        except ArticleNotFoundError:
            return
        mentions = mentions_for(db, article_id)
        self.post_message(self.ArticleLoaded(article, mentions, keep_position, request))

    def on_main_screen_article_loaded(self, message: ArticleLoaded) -> None:
        if message.request and message.request != self._article_request:
            return  # a newer load is on its way
        reader = self.reader
        changed = reader.article is None or reader.article.id != message.article.id
        reader.show_article(message.article, message.mentions, keep_position=message.keep_position)
        if reader.border_subtitle and changed:
            reader.border_subtitle = ""
        if changed:
            self.load_related(message.article.id)

    def reload_article(self) -> None:
        if self.current_id is not None:
            self.load_article(self.current_id, keep_position=True)

    # ----- related stories
    @work(thread=True, exclusive=True, group="related", exit_on_error=False)
    def load_related(self, article_id: int) -> None:
        try:
            from reader.related import related
        except ImportError:
            self.post_message(self.RelatedLoaded(
                article_id, None, "Related stories are not available: this build has no reader.related module."))
            return
        stories = related(self.app.store.db, article_id, limit=RELATED_LIMIT)
        if self.current_id == article_id:
            self.post_message(self.RelatedLoaded(article_id, stories))

    def on_main_screen_related_loaded(self, message: RelatedLoaded) -> None:
        if message.stories is None:
            self.related_panel.show_status(message.error or "", message.article_id)
        elif message.stories.article_id == self.current_id:
            self.related_panel.show_related(message.stories)

    def on_related_panel_chosen(self, message: RelatedPanel.Chosen) -> None:
        self.go_to(message.article_id)

    def action_toggle_related(self) -> None:
        self.toggle_class("-related-toggled")
        if self.has_class("-narrow"):
            if self.has_class("-related-toggled"):
                self.related_panel.option_list.focus()
            else:
                self.reader.focus()

    def go_to(self, article_id: int) -> None:
        """Move the reader to another article, remembering where it was (back/forward)."""
        if self.has_class("-narrow") and self.has_class("-related-toggled"):
            self.remove_class("-related-toggled")  # back to the text, which now shows the chosen story
            self.reader.focus()
        current = self.current_id
        if current is not None and current != article_id:
            self.history.append(current)
            self.future.clear()
        self.show_article(article_id)

    def action_back(self) -> None:
        if not self.history:
            self.notify("Nothing to go back to.", markup=False)
            return
        if self.current_id is not None:
            self.future.append(self.current_id)
        self.show_article(self.history.pop())

    def action_forward(self) -> None:
        if not self.future:
            self.notify("Nothing to go forward to.", markup=False)
            return
        if self.current_id is not None:
            self.history.append(self.current_id)
        self.show_article(self.future.pop())

    # ----- moving and paging
    def action_page_down(self) -> None:
        self.reader.page_down()

    def action_page_up(self) -> None:
        self.reader.page_up()

    def _step_unread(self, step: int) -> None:
        article_list = self.article_list
        index = article_list.find(article_list.cursor, step, lambda s: not s.read)
        if index is None:
            self.notify("No more unread articles " + ("below." if step > 0 else "above."), markup=False)
            return
        article_list.cursor = index
        self.open_article(article_list.ids[index])

    def action_next_unread(self) -> None:
        self._step_unread(1)

    def action_previous_unread(self) -> None:
        self._step_unread(-1)

    # ----- filters and search
    def apply_view(self, view: View) -> None:
        self.reload(keep=self.current_id, view=view)
        self.article_list.focus()

    def action_search(self) -> None:
        from reader.app.screens.search import SearchDialog

        def searched(query: str | None) -> None:
            if query is None:
                return
            query = query.strip()
            if query:
                try:
                    fts_query(query)
                except StoreError as exc:
                    self.notify(str(exc), title="Search", severity="warning", markup=False)
                    return
            self.apply_view(self.view.with_search(query or None))

        self.app.push_screen(SearchDialog(self.view.filter.search or ""), searched)

    def action_filter_menu(self) -> None:
        from reader.app.screens.filter_menu import FilterMenu

        def chosen(view: View | None) -> None:
            if view is not None:
                self.apply_view(view)

        self.app.push_screen(FilterMenu(), chosen)

    def action_toggle_unread(self) -> None:
        self.apply_view(self.view.toggled_unread())

    def action_clear_filter(self) -> None:
        if self.view != View():
            self.apply_view(View())

    def on_reader_pane_entity_chosen(self, message: ReaderPane.EntityChosen) -> None:
        entity = entity_by_name(self.app.store.db, message.name, message.label)
        if entity is None:
            self.notify(f"{message.name} is not in the store's entities any more.", severity="warning", markup=False)
            return
        from reader.store import ArticleFilter

        label = f"{SINGULAR.get(entity.label, entity.label.title())}: {entity.name}"
        self.apply_view(View(ArticleFilter(entity_id=entity.id), label))

    # ----- entity navigation
    def _step_entity(self, step: int) -> None:
        reader = self.reader
        if reader.article is None:
            return
        mention = reader.select_entity(step)
        if mention is None:
            self.notify("No entities recorded for this article.", markup=False)
            return
        label = SINGULAR.get(mention["label"], mention["label"])
        reader.border_subtitle = Content(
            f"{mention['entity']} · {label} ({reader.current_entity + 1}/{len(reader.mentions)})")
        reader.focus()

    def action_next_entity(self) -> None:
        self._step_entity(1)

    def action_previous_entity(self) -> None:
        self._step_entity(-1)

    # ----- refresh
    def action_refresh_feeds(self) -> None:
        self.app.refresh_feeds()

    def articles_changed(self) -> None:
        """New articles arrived (refresh, enrichment): reload the list and the open article."""
        self._newest = self._newest_id()
        self.reload()
        self.reload_article()


__all__ = ["MainScreen", "Article"]

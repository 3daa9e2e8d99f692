"""The main screen's actions that change an article: bookmark, read state, tags, mark all read, open, copy.

Each change is written to the store at once (one short transaction on the UI thread's connection), so it
survives a crash; the list row and the reader pane are then refreshed from the store. Marking a whole view
read is a bulk write and runs in a thread.
"""

from __future__ import annotations

from textual import work

from reader.store import ArticleFilter, StoreError, change_tags, mark_all_read, toggle_bookmark, toggle_read


class ArticleActions:
    """Mixed into :class:`reader.app.screens.main.MainScreen` (which provides the panes and the view)."""

    def _target(self) -> int | None:
        article_id = self.current_id
        if article_id is None:
            self.notify("No article selected.", severity="warning", markup=False)
        return article_id

    def _changed(self, article_id: int) -> None:
        self.article_list.invalidate(article_id)
        self.reload_article()

    def action_toggle_bookmark(self) -> None:
        if (article_id := self._target()) is None:
            return
        on = toggle_bookmark(self.app.store.db, article_id)
        self._changed(article_id)
        self.notify("Bookmarked." if on else "Bookmark removed.", markup=False)

    def action_toggle_read(self) -> None:
        if (article_id := self._target()) is None:
            return
        read = toggle_read(self.app.store.db, article_id)
        self._changed(article_id)
        self.notify("Marked read." if read else "Marked unread.", markup=False)

    def action_mark_all_read(self) -> None:
        self.status.show("Marking read…")
        self._mark_all_read(self.view.filter)

    # A bulk write: 60,000 unread articles take about a second, so it runs in a thread, never on the UI's.
    @work(thread=True, exclusive=True, group="mark-all-read", exit_on_error=False)
    def _mark_all_read(self, flt: ArticleFilter) -> None:
        try:
            changed = mark_all_read(self.app.store.db, flt)
        except Exception:
            self.app.call_from_thread(self.status.hide)  # the error itself is shown as a notification
            raise
        self.app.call_from_thread(self._marked_all_read, changed)

    def _marked_all_read(self, changed: int) -> None:
        self.status.hide()
        self.article_list.invalidate()
        self.reload()
        self.reload_article()
        self.notify(f"Marked {changed:,} article{'s' if changed != 1 else ''} read.", markup=False)

    def action_tag(self) -> None:
        if (article_id := self._target()) is None:
            return
        from reader.app.screens.tag_dialog import TagDialog
        from reader.store import list_tags, tags_for

        current = tags_for(self.app.store.db, [article_id]).get(article_id, [])
        known = [name for name, _ in list_tags(self.app.store.db)]

        def tagged(tags: list[str] | None) -> None:
            if tags is None:
                return
            # Save what was edited, not the whole line: a tag another process added while the dialog
            # was open (``reader tag``, a refresh) is not in ``current`` and must survive.
            before = {name.casefold() for name in current}
            after = {name.casefold() for name in tags}
            added = [name for name in tags if name.casefold() not in before]
            removed = [name for name in current if name.casefold() not in after]
            try:
                result = change_tags(self.app.store.db, article_id, added, removed)
            except StoreError as exc:
                self.notify(str(exc), title="Tags", severity="error", markup=False)
                return
            self._changed(article_id)
            self.notify("Tags: " + (", ".join(result) if result else "none"), markup=False)

        self.app.push_screen(TagDialog(current, known), tagged)

    def _url(self) -> str | None:
        article = self.reader.article
        if article is None or not article.url:
            self.notify("This article has no URL.", severity="warning", markup=False)
            return None
        return article.url

    def action_open_browser(self) -> None:
        if url := self._url():
            self.app.open_in_browser(url)

    def action_copy_url(self) -> None:
        if url := self._url():
            self.app.copy_to_clipboard(url)
            self.notify(f"Copied {url}", markup=False)


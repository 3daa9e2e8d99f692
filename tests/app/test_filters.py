"""Filters, search, entities and the palette, driven by real keys against a real store."""

from __future__ import annotations

from reader.app import make_app
from reader.store import ArticleFilter, add_articles, article_ids, get_article, open_store
from reader.store.entity_lookup import entity_by_name
from tests.app.conftest import SIZE, Recorder, row_text, settle


async def test_search_filters_the_list_and_bad_input_is_a_message(store_path) -> None:
    recorder = Recorder()
    app = make_app(store_path)
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        main = app.main
        await pilot.press("slash")
        await pilot.press(*"drones")
        await pilot.press("enter")
        await settle(pilot)
        db = open_store(store_path)
        expected = article_ids(db, ArticleFilter(search="drones"))
        assert expected and main.article_list.ids == expected
        assert main.article_list.title == f"/drones · {len(expected)}"
        await pilot.press("slash")
        await pilot.press("ctrl+u", *'"*"', "enter")  # nothing searchable: a message, not a crash
        await settle(pilot)
        assert "nothing to search for" in recorder.text()
        assert main.article_list.ids == expected
        await pilot.press("escape")  # clears the filter
        await settle(pilot)
        assert main.article_list.title == "All · 7"


async def test_filter_menu_and_unread_toggle(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main
        await pilot.press("f")
        await settle(pilot)
        menu = app.screen
        labels = [c.label for c in menu.choices]
        assert labels[:3] == ["All", "Unread", "Bookmarked"]
        assert "#sample" in labels and "Khalifa Haftar" in labels
        await pilot.press("down", "down", "enter")  # All, Unread, Bookmarked
        await settle(pilot)
        assert main.article_list.title == "Bookmarked · 1"
        assert "Elections" in row_text(app, 0)
        await pilot.press("escape", "u")
        await settle(pilot)
        assert main.article_list.title == "Unread · 5"


async def test_entities_are_highlighted_navigated_and_filter_the_list(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main
        reader = main.reader
        assert [m["text"] for m in reader.mentions[:3]] == ["LNA", "Turkish", "Tripoli"]  # title first
        await pilot.press("e")
        assert reader.selected_mention["text"] == "LNA"
        assert app.focused is reader
        await pilot.press("e", "e", "e")
        assert reader.selected_mention["field"] == "captions"
        await pilot.press("E")
        assert reader.selected_mention["text"] == "Tripoli"
        await pilot.press("E", "E", "E")  # wraps round to the last one
        assert reader.current_entity == len(reader.mentions) - 1
        # select Khalifa Haftar and filter by him
        index = next(i for i, m in enumerate(reader.mentions) if m["text"] == "Khalifa Haftar")
        while reader.current_entity != index:
            await pilot.press("e")
        assert "Khalifa Haftar" in reader.border_subtitle
        await pilot.press("enter")
        await settle(pilot)
        db = open_store(store_path)
        entity = entity_by_name(db, "Khalifa Haftar", "PERSON")
        assert main.article_list.title == "Person: Khalifa Haftar · 1"
        assert main.article_list.ids == article_ids(db, ArticleFilter(entity_id=entity.id))


async def test_command_palette_jumps_to_a_tag_and_runs_actions(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Tag: science")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.article_list.title == "#science · 1"
        db = open_store(store_path)
        shown = app.main.article_list.ids[0]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Bookmark (s")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert get_article(db, shown).bookmarked_at is not None


async def test_hostile_text_is_shown_literally(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        assert "Markets steady as [bold]central banks[/bold" in row_text(app, 2)
        assert "\x1b" not in row_text(app, 6) and "\ufffd[2J" in row_text(app, 6)
        await pilot.press("j", "j")
        await settle(pilot)
        assert app.main.reader.text_lines[0] == "Markets steady as [bold]central banks[/bold] hold rates"


async def test_filter_menu_lists_feeds_with_unread_counts(store_path) -> None:
    from reader.models import Article
    from reader.store import add_articles, add_feed

    db = open_store(store_path)
    feed, _ = add_feed(db, "http://127.0.0.1:9/feed.xml", title="Harbour [Weekly]")
    add_articles(db, [Article(title=f"Harbour note {i}", body=f"{i + 2} ships came in.", guid=f"h{i}", feed_id=feed.id,
                              published=f"2023-12-0{i + 1}T10:00:00Z") for i in range(3)])
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        labels = [c.label for c in app.screen.choices]
        assert "Harbour [Weekly] (3 unread)" in labels
        index = labels.index("Harbour [Weekly] (3 unread)")
        app.screen.query_one("OptionList").highlighted = next(
            i for i in range(app.screen.query_one("OptionList").option_count)
            if app.screen.query_one("OptionList").get_option_at_index(i).id == str(index))
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.article_list.title == "Feed: Harbour [Weekly] · 3"
        assert app.main.article_list.ids == article_ids(db, ArticleFilter(feed_id=feed.id))


async def test_tags_with_brackets_are_shown_literally_everywhere(store_path) -> None:
    recorder = Recorder()
    app = make_app(store_path)
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await pilot.press("t", "ctrl+u", *"[red]x[/red]", "enter")
        await settle(pilot)
        assert "Tags: [red]x[/red]" in recorder.text()
        app.main.apply_view(app.main.view.__class__(ArticleFilter(tag="[red]x[/red]"), "#[red]x[/red]"))
        await settle(pilot)
        assert app.main.article_list.title == "#[red]x[/red] · 1"
        from textual.content import Content

        assert Content.from_markup(app.main.article_list.border_title).plain == "#[red]x[/red] · 1"


async def test_big_lists_show_a_first_page_then_everything(db_path) -> None:
    from reader.models import Article
    from reader.store import add_articles

    db = open_store(db_path)
    add_articles(db, [Article(title=f"Harbour report {i}", body=f"The harbour handled {i} ships today.",
                              guid=f"g{i}", published=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00Z")
                      for i in range(450)])
    seen: list[str] = []

    def hook(message) -> None:
        if type(message).__name__ == "ListLoaded":
            seen.append(f"{len(message.loaded.ids)}{'+' if message.loaded.partial else ''}")

    app = make_app(db_path)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await settle(pilot)
        assert seen == ["200+", "450"]
        assert app.main.article_list.title == "All · 450"
        await pilot.press("end")
        assert app.main.article_list.cursor == 449
        await pilot.press("slash", *"harbour", "enter")
        await settle(pilot)
        assert seen[-2:] == ["200+", "450"]
        assert app.main.article_list.title == "/harbour · 450"
        assert app.main.article_list.ids == article_ids(db, ArticleFilter(search="harbour"))


async def test_an_article_without_a_date_is_set_apart_in_the_list(db_path) -> None:
    from reader.models import Article

    db = open_store(db_path)
    add_articles(db, [Article(title="Dated story", body="Text.", source="Wire", published="2024-01-09T08:00:00Z"),
                      Article(title="Undated story", body="Another text entirely.", source="Wire")])
    db.conn.close()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.main.article_list
        rows = {}
        for y in range(2):
            strip = article_list.render_line(y)
            rows[strip.text] = [seg for seg in strip if seg.text.strip()[:2] in ("20", "~2")]
        undated = next(segs for text, segs in rows.items() if "Undated" in text)
        dated = next(segs for text, segs in rows.items() if "Dated story" in text)
        assert undated[0].style.italic and not dated[0].style.italic

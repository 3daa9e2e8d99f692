"""Every key of the app, pressed for real against a real store; asserts on the store and the widgets."""

from __future__ import annotations

import sys
import time

import pytest

from reader.app import make_app
from reader.app.screens.help import HelpScreen
from reader.app.screens.tag_dialog import TagDialog
from reader.config import Settings
from reader.store import ArticleFilter, article_ids, get_article, open_store
from tests.app.conftest import SIZE, Recorder, row_text, settle


async def test_list_fills_and_first_article_is_shown(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        main = app.main
        assert main.article_list.title == "All · 7"
        assert "Libya: LNA Downs Two Turkish Drones" in row_text(app, 0)
        assert "2024-01-11" in row_text(app, 0) and "Asharq Al-Aw" in row_text(app, 0)
        assert row_text(app, 0).startswith("●")  # unread marker
        assert "★" in row_text(app, 4)  # the bookmarked one
        assert "#economy" in row_text(app, 2)
        lines = main.reader.text_lines
        assert lines[0].startswith("Libya: LNA Downs Two Turkish Drones in Tripoli")
        assert "Asharq Al-Awsat · by Staff writer · Thu 11 Jan 2024 09:30 UTC" in lines[1]
        assert any("Entities:" in line and "Person 2" in line for line in lines)
        assert any(line.startswith("▍ Shell casings") for line in lines)  # caption set apart


async def test_j_k_and_arrows_move_the_selection(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main
        db = open_store(store_path)
        ids = article_ids(db)
        for key, expected in (("j", 1), ("j", 2), ("down", 3), ("k", 2), ("up", 1)):
            await pilot.press(key)
            await settle(pilot)
            assert main.article_list.cursor == expected
            assert main.reader.article.id == ids[expected]
        # moving only previews: nothing was marked read
        assert get_article(db, ids[1]).read_at is None


async def test_enter_opens_and_marks_read(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        db = open_store(store_path)
        first = article_ids(db)[0]
        await pilot.press("enter")
        await settle(pilot)
        assert get_article(db, first).read_at is not None
        assert app.focused is app.main.reader
        assert not row_text(app, 0).startswith("●")
        assert any("Read" in line and "Not bookmarked" in line for line in app.main.reader.text_lines[:6])


async def test_space_and_b_page_the_reader(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        reader = app.main.reader
        assert reader.scroll_offset.y == 0
        await pilot.press("space")
        await pilot.pause()
        assert reader.scroll_offset.y > 5
        await pilot.press("b")
        await pilot.pause()
        assert reader.scroll_offset.y == 0


async def test_n_and_p_open_the_next_and_previous_unread(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main
        db = open_store(store_path)
        ids = article_ids(db)
        await pilot.press("j", "j")  # "Markets…" (unread); next unread after it skips the read "Storm…"
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert main.article_list.cursor == 4  # "Elections…"
        assert get_article(db, ids[4]).read_at is not None
        await pilot.press("n")
        await settle(pilot)
        assert main.article_list.cursor == 6  # skips the read "Scientists…"
        await pilot.press("n")
        await settle(pilot)
        assert main.article_list.cursor == 6
        await pilot.press("p")
        await settle(pilot)
        assert main.article_list.cursor == 2
        assert get_article(db, ids[2]).read_at is not None


async def test_tab_cycles_the_panes(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main
        assert app.focused is main.article_list
        await pilot.press("tab")
        assert app.focused is main.reader
        await pilot.press("shift+tab")
        assert app.focused is main.article_list


async def test_tag_dialog_adds_removes_and_completes(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        db = open_store(store_path)
        first = article_ids(db)[0]
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagDialog)
        field = app.screen.query_one("Input")
        assert field.value == "sample, "
        await pilot.press(*"eco")
        await pilot.pause(0.2)
        await pilot.press("right")  # accepts the completion from the store's tags
        assert field.value == "sample, economy"
        await pilot.press(*", later", "enter")
        await settle(pilot)
        assert get_article(db, first).tags == ["economy", "later", "sample"]
        assert app.main.article_list.summary_at(0).tags == ["economy", "later", "sample"]
        await pilot.press("t", "ctrl+u", *"later", "enter")  # removing = leaving it out
        await settle(pilot)
        assert get_article(db, first).tags == ["later"]
        await pilot.press("t", "escape")
        await settle(pilot)
        assert get_article(db, first).tags == ["later"]


async def test_s_and_star_toggle_the_bookmark(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        db = open_store(store_path)
        first = article_ids(db)[0]
        await pilot.press("s")
        await settle(pilot)
        assert get_article(db, first).bookmarked_at is not None
        assert "★" in row_text(app, 0)[:3]
        assert any("★ Bookmarked" in line for line in app.main.reader.text_lines[:6])
        await pilot.press("asterisk")
        await settle(pilot)
        assert get_article(db, first).bookmarked_at is None


async def test_r_toggles_read_and_A_marks_all_shown_read(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        db = open_store(store_path)
        first = article_ids(db)[0]
        await pilot.press("r")
        await settle(pilot)
        assert get_article(db, first).read_at is not None
        await pilot.press("r")
        await settle(pilot)
        assert get_article(db, first).read_at is None
        app.main.apply_view(app.main.view.__class__(ArticleFilter(tag="sample"), "#sample"))
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert all(get_article(db, i).read_at for i in article_ids(db, ArticleFilter(tag="sample")))
        assert get_article(db, article_ids(db)[6]).read_at is None  # not shown, not touched


async def test_o_opens_the_browser_and_y_copies_the_url(store_path, tmp_path) -> None:
    out = tmp_path / "opened.txt"
    browser = f'{sys.executable} -c "import sys; open(sys.argv[1], \'w\').write(sys.argv[2])" {out} %s'
    app = make_app(store_path, settings=Settings(browser=browser))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard == "https://english.aawsat.com/sample/2024-01-11"
        await pilot.press("o")
        await settle(pilot)
        deadline = time.monotonic() + 10
        while not (out.exists() and out.read_text()) and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert out.read_text() == "https://english.aawsat.com/sample/2024-01-11"


async def test_help_is_generated_from_the_bindings_and_keys_rebind(store_path) -> None:
    app = make_app(store_path, settings=Settings(keys={"main.bookmark": "m", "app.help": "h,question_mark"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        db = open_store(store_path)
        await pilot.press("m")
        await settle(pilot)
        assert get_article(db, article_ids(db)[0]).bookmarked_at is not None
        await pilot.press("s")  # no longer bound
        await settle(pilot)
        assert get_article(db, article_ids(db)[0]).bookmarked_at is not None
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {str(cell) for table in app.screen.tables for column in table.columns for cell in column.cells}
        for binding in app.main.BINDINGS:
            assert binding.description in rows
        assert "m" in rows  # the rebound key is what help shows
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_back_and_forward_through_opened_stories(store_path) -> None:
    from reader.app.widgets.related_panel import RelatedPanel

    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main
        ids = main.article_list.ids
        main.related_panel.post_message(RelatedPanel.Chosen(ids[3]))  # what choosing a related story sends
        await settle(pilot)
        assert main.reader.article.id == ids[3]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert main.reader.article.id == ids[0]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert main.reader.article.id == ids[3]


async def test_related_panel(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.main.related_panel
        status = str(panel.query_one("#related-status").render())
        try:
            import reader.related  # noqa: F401
        except ImportError:
            assert "no reader.related module" in status
            return
        assert panel.story_ids or "No related stories" in status


async def test_R_refresh_reports_progress_or_says_what_is_missing(store_path) -> None:
    recorder = Recorder()
    app = make_app(store_path)
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        try:
            import reader.refresh  # noqa: F401
        except ImportError:
            assert "no reader.refresh module" in recorder.text()
            return
        assert "Refresh finished" in recorder.text()


async def test_q_quits(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_empty_store_shows_the_welcome(empty_store_path) -> None:
    app = make_app(empty_store_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        welcome = app.main.query_one("#welcome")
        assert welcome.display and not app.main.query_one("#panes").display
        text = str(welcome.render())
        assert "reader import" in text and "reader demo" in text and "feed" in text


@pytest.mark.parametrize("width,related_shown", [(80, False), (160, True)])
async def test_related_panel_folds_away_on_narrow_screens(store_path, width, related_shown) -> None:
    app = make_app(store_path)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        assert app.main.related_panel.display == related_shown
        assert app.main.article_list.size.width >= 28


async def test_worker_failures_become_notifications(store_path) -> None:
    recorder = Recorder()
    app = make_app(store_path)
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)

        def broken() -> None:
            raise OSError("disk on fire")

        app.run_worker(broken, thread=True, exit_on_error=False, name="Example task")
        await settle(pilot)
        assert "OSError: disk on fire" in recorder.text()
        assert app.is_running


async def test_o_without_a_graphical_session_copies_instead(store_path, monkeypatch) -> None:
    if sys.platform in ("darwin", "win32"):
        pytest.skip("always graphical there")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    recorder = Recorder()
    app = make_app(store_path)
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert app.clipboard == "https://english.aawsat.com/sample/2024-01-11"
        assert "No graphical browser" in recorder.text()


async def test_v_shows_related_in_place_of_the_reader_on_narrow_screens(store_path) -> None:
    app = make_app(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.main
        assert not main.related_panel.display
        await pilot.press("v")
        await pilot.pause()
        assert main.related_panel.display and not main.reader.display
        await pilot.press("v")
        await pilot.pause()
        assert main.reader.display and not main.related_panel.display
    app = make_app(store_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert app.main.related_panel.display
        await pilot.press("v")
        await pilot.pause()
        assert not app.main.related_panel.display and app.main.reader.display

"""Snapshots of the screens on the sample articles (review the SVGs before accepting changes).

Sizes are fixed and the store's dates are fixed; the related panel folds away below 120 columns, so
these screens do not change when the related-stories module lands.
"""

from __future__ import annotations

from reader.app import make_app
from tests.app.conftest import settle


async def _settled(pilot) -> None:
    await settle(pilot)


def test_main_screen_with_entity_highlights(snap_compare, store_path) -> None:
    assert snap_compare(make_app(store_path), terminal_size=(118, 36), run_before=_settled)


def test_main_screen_selected_entity_light_theme(snap_compare, store_path) -> None:
    async def before(pilot) -> None:
        pilot.app.theme = "textual-light"
        await settle(pilot)
        await pilot.press("e", "e", "e", "e", "e", "e")
        await settle(pilot)

    assert snap_compare(make_app(store_path), terminal_size=(118, 36), run_before=before)


def test_main_screen_80x24(snap_compare, store_path) -> None:
    assert snap_compare(make_app(store_path), terminal_size=(80, 24), run_before=_settled)


def test_help_screen(snap_compare, store_path) -> None:
    async def before(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(store_path), terminal_size=(118, 40), run_before=before)


def test_tag_dialog(snap_compare, store_path) -> None:
    async def before(pilot) -> None:
        await settle(pilot)
        await pilot.press("t", *"sci")
        await pilot.pause(0.3)

    assert snap_compare(make_app(store_path), terminal_size=(100, 30), run_before=before)


def test_empty_store_welcome(snap_compare, empty_store_path) -> None:
    # The welcome names the store path, which differs per run: show a fixed one.
    async def before(pilot) -> None:
        await settle(pilot)
        welcome = pilot.app.main.query_one("#welcome")
        welcome.store_path = "/home/you/.local/share/reader/reader.db"
        welcome._update()
        await pilot.pause()

    assert snap_compare(make_app(empty_store_path), terminal_size=(100, 30), run_before=before)

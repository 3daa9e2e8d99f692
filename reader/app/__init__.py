"""The Textual app. ``make_app(db_path)`` builds it for the CLI and the tests."""

from reader.app.app import ReaderApp, make_app

__all__ = ["ReaderApp", "make_app"]

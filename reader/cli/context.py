"""Shared CLI plumbing: the lazily opened store and output helpers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from sqlite_utils import Database

from reader.config import default_db_path
from reader.store import open_store


class ReaderContext:
    def __init__(self, db_path: Path | None) -> None:
        self.db_path = db_path or default_db_path()
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = open_store(self.db_path)
        return self._db


pass_reader = click.make_pass_decorator(ReaderContext)

MAX_SQLITE_INT = 2**63 - 1
# Ids and counts as SQLite can hold them: a 30-digit id is a usage error, not an OverflowError.
ID = click.IntRange(1, MAX_SQLITE_INT)
COUNT = click.IntRange(0, MAX_SQLITE_INT)


def console() -> Console:
    # highlight=False: article text is printed as plain Text, never as markup or auto-styled.
    return Console(highlight=False, soft_wrap=False)


def echo_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False))


def fail(message: str) -> None:
    raise click.ClickException(message)


def stdout_is_tty() -> bool:
    return sys.stdout.isatty()

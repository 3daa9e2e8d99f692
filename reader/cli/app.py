"""Opening the app from the command line (``reader``, ``reader demo``) and ``reader keys``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reader.config import ConfigError, load_settings


def run_app(db_path: Path, *, enrich: bool = True) -> None:
    """Open the app on ``db_path``; a non-terminal stdout gets a one-line explanation instead."""
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise click.ClickException(
            "the reader app needs a terminal; use `reader list` (or `reader demo --list`) to print articles")
    try:
        settings = load_settings()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    from reader.app import make_app

    make_app(db_path, settings=settings, enrich=enrich).run()


@click.command("keys")
def keys_cmd() -> None:
    """List every key binding with its id (rebind them in config.toml under [keys])."""
    from reader.app import make_app
    from reader.app.keys import key_help

    try:
        keymap = load_settings().keys
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    app = make_app(":memory:")
    for row in key_help(app, keymap):
        click.echo(f"{row.binding_id:<24} {','.join(row.keys):<14} {row.description}")


COMMANDS = [keys_cmd]

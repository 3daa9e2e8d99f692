"""The ``reader`` command line. ``reader`` with no command opens the app."""

from __future__ import annotations

import shlex
import sqlite3
import sys
from pathlib import Path

import click

from reader.cli.context import ReaderContext
from reader.ingest.clean import clean_line
from reader.privacy import redact_text
from reader.store.errors import StoreError, translate


class ReaderGroup(click.Group):
    """Turns store and other expected errors into one line and a non-zero exit, never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            raise click.ClickException(_message(ctx, exc)) from exc
        except sqlite3.Error as exc:
            raise click.ClickException(_message(ctx, translate(exc, getattr(ctx.obj, "db_path", None)))) from exc
        except click.ClickException as exc:
            # Commands' own one-line failures may quote a feed URL or a feed's text: same treatment.
            exc.message = redact_text(clean_line(exc.message))
            raise
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)


def _message(ctx: click.Context, exc: StoreError) -> str:
    """The one line to print: inert (it may quote input or stored text), credentials redacted, and the
    `reader doctor` hint spelled for the store actually in use."""
    message = str(exc)
    path = getattr(ctx.obj, "db_path", None)
    if path is not None and "`reader doctor" in message and not _is_default_store(path):
        message = message.replace("`reader doctor", f"`reader --db {shlex.quote(str(path))} doctor")
    return redact_text(clean_line(message))


def _is_default_store(path: Path) -> bool:
    from reader.config import default_db_path

    return Path(path).expanduser().resolve() == default_db_path().resolve()


@click.group(cls=ReaderGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), envvar="READER_DB",
              help="Store file (default: reader.db in the user data dir; env READER_DB).")
@click.version_option(package_name="reader")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """A terminal news reader that reads the news with you."""
    ctx.obj = ReaderContext(db_path)
    if ctx.invoked_subcommand is None:
        from reader.cli.app import run_app

        run_app(ctx.obj.db_path)


def _register() -> None:
    from reader.cli import app, articles, demo, doctor, entities, feeds, related

    for module in (articles, demo, doctor, entities, feeds, related, app):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="reader")

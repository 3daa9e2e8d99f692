"""The ``reader`` command line. ``reader`` with no command opens the app."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reader.cli.context import ReaderContext
from reader.store.connection import StoreError


class ReaderGroup(click.Group):
    """Turns store and other expected errors into one line and a non-zero exit, never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)


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
        from reader.cli.articles import list_cmd

        ctx.invoke(list_cmd)


def _register() -> None:
    from reader.cli import articles, demo, entities

    for module in (articles, demo, entities):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="reader")

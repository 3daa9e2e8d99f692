"""``reader doctor``: check the store, and move an unusable one aside so the next run starts fresh."""

from __future__ import annotations

import click

from reader.cli.context import ReaderContext, echo_json, pass_reader
from reader.ingest.clean import clean_line
from reader.store.health import inspect_store, move_aside


@click.command("doctor")
@click.option("--move-aside", "move", is_flag=True,
              help="Rename an unusable store to <name>.corrupt-<timestamp> (never deletes it).")
@click.option("--quick", is_flag=True, help="Run PRAGMA quick_check instead of the full integrity_check.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@pass_reader
def doctor_cmd(ctx: ReaderContext, move: bool, quick: bool, as_json: bool) -> None:
    """Check the store: file, schema version, integrity, counts. Exit status 1 if it is unusable."""
    health = inspect_store(ctx.db_path, quick=quick)
    moved: list[tuple[str, str]] = []
    refusal = None
    if move:
        if health.movable:
            moved = move_aside(ctx.db_path)
        elif health.status == "too-new":
            refusal = "not moved: the store is fine, only newer than this reader; upgrade reader instead"
        else:
            refusal = f"not moved: the store is not damaged (status {health.status})"
    if as_json:
        echo_json({**health.to_dict(), "moved": [{"from": a, "to": b} for a, b in moved]})
    else:
        click.echo(f"store: {health.path}")
        click.echo(f"status: {health.status}")
        if health.size is not None:
            click.echo(f"size: {health.size} bytes, mode {health.mode}"
                       + (f", WAL {health.wal_size} bytes" if health.wal_size else ""))
        if health.schema_version is not None:
            click.echo(f"schema: {health.schema_version} (this reader: {health.latest_version})")
        if health.integrity:
            click.echo(f"integrity: {clean_line(health.integrity[0])}")
        for name, value in health.counts.items():
            click.echo(f"{name}: {value}")
        for problem in health.problems:
            click.echo(f"problem: {clean_line(problem)}")
        for old, new in moved:
            click.echo(f"moved {old} -> {new}")
        if moved:
            click.echo("the next run starts a fresh, empty store")
        elif health.movable:
            click.echo("run `reader doctor --move-aside` to rename it and start a fresh store")
    if refusal:
        click.echo(refusal, err=True)
    if (not health.ok and not moved) or refusal:
        raise SystemExit(1)


COMMANDS = [doctor_cmd]

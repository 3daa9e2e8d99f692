"""Entity commands: ``entities`` (mentions of any text), ``entity list``, ``entity show``, ``enrich``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from reader.cli.context import ReaderContext, console, echo_json, pass_reader

LABELS = ["PERSON", "ORG", "PLACE", "GROUP", "EVENT"]
STYLE = {"PERSON": "bold cyan", "ORG": "bold magenta", "PLACE": "bold green", "GROUP": "yellow",
         "EVENT": "bold red"}


def _read_text(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise click.ClickException(f"cannot read {path}: {exc.strerror or exc}") from exc
    from reader.ingest.decode import decode_bytes

    return decode_bytes(data)


@click.command("entities")
@click.argument("file", default="-", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the mentions as JSON.")
def entities_cmd(file: str, as_json: bool) -> None:
    """Print the named entities of a text FILE (or - for standard input).

    Offsets are character offsets into the text as read (after decoding).
    """
    from reader.nlp import extract, get_tagger

    text = _read_text(file)
    try:
        mentions = extract(text, get_tagger())
    except RuntimeError as exc:  # spaCy backend configured but not installed
        raise click.ClickException(str(exc)) from exc
    if as_json:
        echo_json([{"start": m.start, "end": m.end, "text": m.text, "label": m.label, "entity": m.entity}
                   for m in mentions])
        return
    table = Table(show_lines=False)
    for col in ("start", "end", "label", "text", "entity"):
        table.add_column(col, justify="right" if col in ("start", "end") else "left")
    for m in mentions:
        table.add_row(str(m.start), str(m.end), Text(m.label, style=STYLE.get(m.label, "")), Text(m.text),
                      Text(m.entity if m.entity != m.text else ""))
    console().print(table)


@click.group("entity")
def entity_group() -> None:
    """Entities found in the stored articles."""


@entity_group.command("list")
@click.option("--label", type=click.Choice(LABELS, case_sensitive=False), help="Only this kind.")
@click.option("--limit", default=50, show_default=True, help="At most this many (0: all).")
@click.option("--json", "as_json", is_flag=True)
@pass_reader
def entity_list(ctx: ReaderContext, label: str | None, limit: int, as_json: bool) -> None:
    """Entities by the number of articles that mention them."""
    from reader.store.entities import list_entities

    rows = list_entities(ctx.db, label=label, limit=limit or None)
    if as_json:
        echo_json([{"id": e.id, "name": e.name, "label": e.label, "articles": e.articles} for e in rows])
        return
    if not rows:
        click.echo("no entities yet (run `reader enrich`)", err=True)
        return
    table = Table()
    table.add_column("articles", justify="right")
    table.add_column("label")
    table.add_column("entity")
    for e in rows:
        table.add_row(str(e.articles), Text(e.label, style=STYLE.get(e.label, "")), Text(e.name))
    console().print(table)


@entity_group.command("show")
@click.argument("name")
@click.option("--limit", default=50, show_default=True, help="At most this many articles.")
@click.option("--json", "as_json", is_flag=True)
@pass_reader
def entity_show(ctx: ReaderContext, name: str, limit: int, as_json: bool) -> None:
    """An entity (name or id): the articles that mention it and how many a week."""
    from reader.cli.articles import print_summaries, summary_json
    from reader.store import ArticleFilter, list_articles
    from reader.store.entities import entity_weekly_counts, find_entity

    entity = find_entity(ctx.db, name)
    flt = ArticleFilter()
    flt.entity_id = entity.id
    rows = list_articles(ctx.db, flt, limit=limit)
    weeks = entity_weekly_counts(ctx.db, entity.id)
    if as_json:
        echo_json({"id": entity.id, "name": entity.name, "label": entity.label, "articles": entity.articles,
                   "weeks": [{"week": w, "articles": n} for w, n in weeks],
                   "items": [summary_json(r) for r in rows]})
        return
    out = console()
    out.print(Text.assemble((entity.name, "bold"), "  ", (entity.label, STYLE.get(entity.label, "")),
                            f"  {entity.articles} article(s)"))
    if weeks:
        peak = max(n for _, n in weeks)
        out.print(Text("\nper week", style="dim"))
        for week, n in weeks:
            out.print(Text(f"  {week}  {'█' * max(1, round(20 * n / peak))} {n}"))
    print_summaries(rows)


@click.command("enrich")
@click.option("--processes", "-j", type=int, help="Worker processes (default: one per core).")
@click.option("--limit", type=int, help="At most this many articles.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing (for background runs).")
@click.option("--json", "as_json", is_flag=True)
@pass_reader
def enrich_cmd(ctx: ReaderContext, processes: int | None, limit: int | None, quiet: bool, as_json: bool) -> None:
    """Find entities in every article that lacks them (or was done by another recogniser version)."""
    import time

    from reader.nlp.enrich import enrich_store

    ctx.db  # noqa: B018 - open (and migrate) the store before the workers do
    started = time.perf_counter()
    show = not quiet and not as_json and sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show and total:
            click.echo(f"\rentities: {done}/{total} articles", nl=False, err=True)

    try:
        written = enrich_store(ctx.db_path, processes=processes, progress=progress, limit=limit)
    except KeyboardInterrupt:
        raise click.ClickException("interrupted (what was done is saved; run `reader enrich` again)") from None
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    if show:
        click.echo("", err=True)
    # The same background pass keeps the related-stories index current for articles that arrived
    # without it (a refresh leaves indexing to this pass so it stays fast).
    from reader.related import index_pending

    indexed = index_pending(ctx.db)
    if as_json:
        echo_json({"articles": written, "indexed": indexed, "seconds": round(time.perf_counter() - started, 2)})
    elif not quiet:
        click.echo(f"entities extracted for {written} article(s), {indexed} indexed for related stories, "
                   f"in {time.perf_counter() - started:.1f} s")


COMMANDS = [entities_cmd, entity_group, enrich_cmd]

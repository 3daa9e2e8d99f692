"""``reader related``: the stories related to an article, why, and who else reported the same story."""

from __future__ import annotations

import sys

import click
from rich.table import Table
from rich.text import Text

from reader.cli.context import ReaderContext, console, echo_json, pass_reader
from reader.models import Related, RelatedStories
from reader.related import index_pending, related, status
from reader.store import get_article
from reader.store.related_index import clear_index


def related_json(item: Related) -> dict:
    return {"id": item.id, "guid": item.guid, "title": item.title, "score": item.score, "reasons": item.reasons}


def stories_json(stories: RelatedStories) -> dict:
    return {"id": stories.article_id, "related": [related_json(r) for r in stories.related],
            "same_story": [related_json(r) for r in stories.same_story]}


def _print(ctx: ReaderContext, stories: RelatedStories) -> None:
    out = console()
    article = get_article(ctx.db, stories.article_id)
    out.print(Text.assemble((f"{stories.article_id} ", "dim"), (article.title, "bold")))
    if stories.same_story:
        out.print(Text("Also reported by:", style="italic"))
        for item in stories.same_story:
            out.print(Text.assemble("  ", (f"{item.id} ", "dim"), (item.source or "unknown source", "cyan"), " — ",
                                    item.title))
    if not stories.related:
        out.print(Text("No related stories.", style="dim"))
        return
    table = Table(show_lines=False, expand=False, box=None, padding=(0, 1))
    table.add_column("id", justify="right", style="dim")
    table.add_column("score", justify="right")
    table.add_column("title", overflow="fold")
    table.add_column("why", overflow="fold", style="cyan")
    for item in stories.related:
        table.add_row(str(item.id), f"{item.score:.2f}", Text(item.title), Text("; ".join(item.reasons)))
    out.print(table)


@click.command("related")
@click.argument("ids", nargs=-1, type=int)
@click.option("--limit", "-k", default=10, show_default=True, type=click.IntRange(1, 100),
              help="How many related stories per article.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line per article.")
@click.option("--reindex", is_flag=True,
              help="First index articles that are new or changed since the last index (newest first).")
@click.option("--rebuild", is_flag=True, help="Drop the related-stories index and build it again.")
@pass_reader
def related_cmd(ctx: ReaderContext, ids: tuple[int, ...], limit: int, as_json: bool, reindex: bool,
                rebuild: bool) -> None:
    """Stories related to articles IDS, with the reasons, and the same story from other sources.

    Articles are indexed as they are imported; `--reindex` catches up on the rest (an upgraded store,
    articles added by other tools). An unindexed article is indexed when asked about.
    """
    if not ids and not (reindex or rebuild):
        raise click.UsageError("give article ids, or --reindex / --rebuild")
    if rebuild:
        clear_index(ctx.db)
    if reindex or rebuild:
        done, total = status(ctx.db)
        written = 0
        if total > done:
            with click.progressbar(length=total - done, label="indexing", show_pos=True,
                                   file=sys.stderr) as bar:
                last = 0

                def progress(n: int, total: int) -> None:
                    nonlocal last
                    if total > bar.length:  # articles a large first pass left stale join the count
                        bar.length = total
                    bar.update(n - last)
                    last = n

                written = index_pending(ctx.db, progress=progress)
        else:
            index_pending(ctx.db)  # still applies pending deletions
        if not as_json:
            click.echo(f"indexed {written} articles", err=True)
    for article_id in ids:
        stories = related(ctx.db, article_id, limit=limit)
        if as_json:
            echo_json(stories_json(stories))
        else:
            _print(ctx, stories)


COMMANDS = [related_cmd]

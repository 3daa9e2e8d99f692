"""``reader demo``: the built-in sample store."""

from __future__ import annotations

import click

from reader.cli.articles import print_summaries
from reader.demo import ensure_demo_store
from reader.store import ArticleFilter, count_articles, list_articles, open_store


@click.command("demo")
@click.option("--limit", "-n", default=30, show_default=True, type=click.IntRange(min=0))
@click.option("--list", "as_list", is_flag=True, help="Print the articles instead of opening the app.")
@click.pass_context
def demo_cmd(ctx: click.Context, limit: int, as_list: bool) -> None:
    """Open the sample store (two Asharq Al-Awsat articles and 834 from Wikinews, CC BY 2.5)."""
    path = ensure_demo_store()
    if not as_list:
        from reader.cli.app import run_app

        run_app(path)
        return
    # --list: entities for the demo articles are found in the background (a no-op once done)
    from reader.nlp.enrich import start_background_enrich

    start_background_enrich(path)
    db = open_store(path)
    total = count_articles(db, ArticleFilter())
    print_summaries(list_articles(db, limit=limit), title=f"Demo store: {total} articles ({path})")
    click.echo("Wikinews articles: CC BY 2.5, credit Wikinews (https://en.wikinews.org).")


COMMANDS = [demo_cmd]

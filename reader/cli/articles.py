"""Article commands: import, list, show, tag/untag, bookmark, read state, export, stats."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from reader.cli.context import COUNT, ID, ReaderContext, console, echo_json, pass_reader
from reader.importing import import_paths
from reader.ingest.clean import clean_line
from reader.models import ArticleSummary
from reader.privacy import redact_text, redact_url
from reader.store import (
    ArticleFilter,
    add_tags,
    get_article,
    iter_articles,
    list_articles,
    remove_tags,
    set_bookmark,
    set_read,
    store_stats,
)
from reader.store.entities import mentions_for


def summary_json(s: ArticleSummary) -> dict:
    return {"id": s.id, "guid": s.guid, "title": s.title, "source": s.source, "published": s.published,
            "tags": s.tags, "bookmarked": s.bookmarked, "read": s.read}


# A table cell longer than this is cut: rich lays out every character, and a hostile 10 MB title
# would take minutes. `show` and `--json` still print the whole title.
MAX_CELL = 500
# Paragraphs longer than this are printed soft-wrapped (the terminal wraps them): rich's own wrapping
# is quadratic-ish on a 10 MB single-line body.
MAX_WRAPPED_PARAGRAPH = 20_000


def _cell(text: str | None) -> Text:
    text = text or ""
    return Text(text if len(text) <= MAX_CELL else text[:MAX_CELL] + "…")


def print_summaries(rows: list[ArticleSummary], title: str | None = None) -> None:
    table = Table(title=clean_line(title) if title else None, show_lines=False, expand=False, title_justify="left")
    table.add_column("id", justify="right", style="dim")
    table.add_column(" ", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("source", overflow="ellipsis", max_width=18, no_wrap=True)
    table.add_column("title", overflow="fold")
    table.add_column("tags", overflow="fold", style="cyan")
    undated = False
    for row in rows:
        marks = ("●" if not row.read else " ") + ("★" if row.bookmarked else " ")
        date = (row.date or "")[:10]
        if date and not row.published:
            date, undated = "~" + date, True
        table.add_row(str(row.id), marks, date, _cell(row.source), _cell(row.title), _cell(", ".join(row.tags)))
    if undated:
        table.caption, table.caption_justify = "~ no date given: the day it was added", "left"
    console().print(table)


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--tag", "tags", multiple=True, help="Tag every imported article (repeatable).")
@click.option("--source", help="Publication name for articles that do not name one.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_reader
def import_cmd(ctx: ReaderContext, paths: tuple[str, ...], tags: tuple[str, ...], source: str | None,
               as_json: bool) -> None:
    """Import articles from files, directories or web pages (https://...).

    Text dumps, JSON Lines, feed files (RSS/Atom/JSON Feed), saved HTML pages; OPML and newsboat
    urls files subscribe to their feeds."""
    from reader.nlp.enrich import background_enabled

    # With background analysis on, the related-stories index is updated by the same background pass
    # as the entities (`reader enrich`), so a large import is not slowed threefold by it.
    result = import_paths(ctx.db, list(paths), tags=tags, source=source, index_related=not background_enabled())
    # Failures are messages, not data: a URL in them is shown without its credentials.
    result.failed = [{k: redact_text(str(v)) for k, v in f.items()} for f in result.failed]
    if as_json:
        payload = {"imported": result.imported, "updated": result.updated,
                   "duplicates": result.duplicates, "failed": result.failed}
        if result.feeds:
            payload["feeds"] = result.feeds
        echo_json(payload)
    else:
        click.echo(f"imported {result.imported}, updated {result.updated}, duplicates {result.duplicates}, "
                   f"failed {len(result.failed)}" + (f", subscribed to {result.feeds} feeds" if result.feeds else ""))
        for failure in result.failed:
            click.echo("  " + redact_text(clean_line(f"{failure['path']}: {failure['error']}")), err=True)
    if result.imported or result.updated:
        # Entities are found in the background: the import returns now, and search works at once.
        from reader.nlp.enrich import start_background_enrich

        start_background_enrich(ctx.db_path)
    if result.failed:
        raise SystemExit(1)


def filter_options(func):
    for option in reversed([
        click.option("--tag", help="Only articles with this tag."),
        click.option("--bookmarked", is_flag=True, help="Only bookmarked articles."),
        click.option("--unread", is_flag=True, help="Only unread articles."),
        click.option("--search", "-s", help="Full-text search (words, \"phrases\", AND/OR/NOT, -word)."),
        click.option("--feed", "feed", help="Only articles of this feed (id, URL or title)."),
        click.option("--source", help="Only articles from this publication."),
    ]):
        func = option(func)
    return func


def build_filter(ctx: ReaderContext, tag: str | None, bookmarked: bool, unread: bool, search: str | None,
                 feed: str | None, source: str | None, entity: str | None = None) -> ArticleFilter:
    flt = ArticleFilter(tag=tag, bookmarked=bookmarked, unread=unread, search=search, source=source)
    if feed:
        from reader.store import get_feed

        flt.feed_id = get_feed(ctx.db, feed).id
    if entity:
        from reader.store.entities import find_entity

        flt.entity_id = find_entity(ctx.db, entity).id
    return flt


@click.command("list")
@filter_options
@click.option("--entity", help="Only articles mentioning this entity.")
@click.option("--limit", "-n", default=50, show_default=True, type=COUNT)
@click.option("--offset", default=0, type=COUNT)
@click.option("--json", "as_json", is_flag=True, help="Print an array of articles as JSON.")
@pass_reader
def list_cmd(ctx: ReaderContext, tag: str | None = None, bookmarked: bool = False, unread: bool = False,
             search: str | None = None, feed: str | None = None, source: str | None = None,
             entity: str | None = None, limit: int = 50, offset: int = 0, as_json: bool = False) -> None:
    """List articles, newest first (best match first when searching)."""
    flt = build_filter(ctx, tag, bookmarked, unread, search, feed, source, entity)
    rows = list_articles(ctx.db, flt, limit=limit, offset=offset)
    if as_json:
        echo_json([summary_json(r) for r in rows])
    elif not rows:
        click.echo("no articles" + ("" if flt.describe() == "All" else f" for {clean_line(flt.describe())}"))
    else:
        print_summaries(rows, title=flt.describe())


def article_json(ctx: ReaderContext, article_id: int) -> dict:
    article = get_article(ctx.db, article_id)
    return {
        "id": article.id, "guid": article.guid, "url": article.url, "title": article.title,
        "source": article.source, "author": article.author, "published": article.published,
        "added": article.added, "summary": article.summary, "body": article.body,
        "captions": article.captions, "tags": article.tags, "bookmarked": article.is_bookmarked,
        "read": article.is_read, "feed_id": article.feed_id, "enclosures": article.enclosures,
        "entities": [
            {k: m[k] for k in ("start", "end", "text", "label", "entity", "field")}
            for m in mentions_for(ctx.db, article_id)
        ],
    }


@click.command("show")
@click.argument("article_id", type=ID)
@click.option("--json", "as_json", is_flag=True)
@pass_reader
def show_cmd(ctx: ReaderContext, article_id: int, as_json: bool) -> None:
    """Show one article."""
    data = article_json(ctx, article_id)
    if as_json:
        echo_json(data)
        return
    out = console()
    out.print(Text(data["title"], style="bold"), soft_wrap=len(data["title"]) > MAX_WRAPPED_PARAGRAPH)
    meta = " · ".join(x for x in [data["source"], data["author"], (data["published"] or "")[:16]] if x)
    if meta:
        out.print(Text(meta, style="dim"))
    if data["url"]:
        out.print(Text(redact_url(data["url"]), style="dim underline"))
    if data["tags"]:
        out.print(Text("tags: " + ", ".join(data["tags"]), style="cyan"))
    for caption in data["captions"]:
        out.print(Text("▣ " + caption, style="italic"))
    out.print()
    for paragraph in data["body"].split("\n\n"):
        out.print(Text(paragraph), soft_wrap=len(paragraph) > MAX_WRAPPED_PARAGRAPH)
        out.print()


@click.command("tag", context_settings={"ignore_unknown_options": True})
@click.argument("article_id", type=ID)
@click.argument("tags", nargs=-1, required=True)
@pass_reader
def tag_cmd(ctx: ReaderContext, article_id: int, tags: tuple[str, ...]) -> None:
    """Add tags to an article."""
    now = add_tags(ctx.db, article_id, list(tags))
    click.echo(f"{article_id}: " + ", ".join(now))


@click.command("untag", context_settings={"ignore_unknown_options": True})
@click.argument("article_id", type=ID)
@click.argument("tags", nargs=-1, required=True)
@pass_reader
def untag_cmd(ctx: ReaderContext, article_id: int, tags: tuple[str, ...]) -> None:
    """Remove tags from an article."""
    now = remove_tags(ctx.db, article_id, list(tags))
    click.echo(f"{article_id}: " + (", ".join(now) or "(no tags)"))


def _state_command(name: str, help_text: str, action):
    @click.command(name, help=help_text)
    @click.argument("article_ids", type=ID, nargs=-1, required=True)
    @pass_reader
    def command(ctx: ReaderContext, article_ids: tuple[int, ...]) -> None:
        for article_id in article_ids:
            action(ctx, article_id)
            click.echo(f"{article_id}: {name}")

    return command


bookmark_cmd = _state_command("bookmark", "Bookmark articles.", lambda c, i: set_bookmark(c.db, i, True))
unbookmark_cmd = _state_command("unbookmark", "Remove bookmarks.", lambda c, i: set_bookmark(c.db, i, False))
read_cmd = _state_command("read", "Mark articles read.", lambda c, i: set_read(c.db, i, True))
unread_cmd = _state_command("unread", "Mark articles unread.", lambda c, i: set_read(c.db, i, False))


def _markdown(data: dict) -> str:
    lines = [f"# {data['title']}", ""]
    meta = [x for x in [data["source"], data["author"], data["published"]] if x]
    if meta:
        lines += ["*" + " · ".join(meta) + "*", ""]
    if data["url"]:
        lines += [f"<{redact_url(data['url'])}>", ""]
    if data["tags"]:
        lines += ["Tags: " + ", ".join(data["tags"]), ""]
    lines += [f"> {c}" for c in data["captions"]]
    if data["captions"]:
        lines.append("")
    lines += [data["body"], "", "---", ""]
    return "\n".join(lines)


@click.command("export")
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "markdown"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout).")
@pass_reader
def export_cmd(ctx: ReaderContext, tag, bookmarked, unread, search, feed, source, fmt: str,
               output: Path | None) -> None:
    """Export articles as JSON Lines (re-importable) or Markdown."""
    flt = build_filter(ctx, tag, bookmarked, unread, search, feed, source)
    stream = output.open("w", encoding="utf-8") if output else sys.stdout
    count = 0
    try:
        for article in iter_articles(ctx.db, flt):
            data = article_json(ctx, article.id or 0)
            if fmt == "jsonl":
                record = {k: data[k] for k in ("title", "url", "published", "source", "author", "tags",
                                                 "captions", "summary")}
                record["id"] = data["guid"] or f"reader:{data['id']}"
                record["text"] = data["body"]
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                stream.write(_markdown(data))
            count += 1
    finally:
        if output:
            stream.close()
    if output:
        click.echo(f"exported {count} articles to {output}", err=True)


@click.command("stats")
@click.option("--json", "as_json", is_flag=True)
@pass_reader
def stats_cmd(ctx: ReaderContext, as_json: bool) -> None:
    """Counts of what the store holds."""
    stats = store_stats(ctx.db)
    stats["path"] = str(ctx.db_path)
    if as_json:
        echo_json(stats)
        return
    table = Table(show_header=False, box=None)
    for key, value in stats.items():
        table.add_row(key, Text(str(value)))
    console().print(table)


COMMANDS = [import_cmd, list_cmd, show_cmd, tag_cmd, untag_cmd, bookmark_cmd, unbookmark_cmd, read_cmd,
            unread_cmd, export_cmd, stats_cmd]


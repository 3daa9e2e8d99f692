"""Feed commands: ``reader feed add/list/remove/rename/tag/import/export`` and ``reader refresh``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from reader.cli.context import ReaderContext, console, echo_json, fail, pass_reader
from reader.privacy import redact_text, redact_url
from reader.store.feeds import add_feed, feed_counts, get_feed, list_feeds, remove_feed, rename_feed, tag_feed


@click.group("feed")
def feed_group() -> None:
    """Subscriptions: add, list, remove, rename, tag, import (OPML, newsboat urls), export."""


def _find_feed_url(url: str) -> tuple[str, str | None]:
    """The feed behind a URL: the URL itself if it is a feed, else the first one the page names."""
    from reader.fetch import FetchError, fetch_sync
    from reader.ingest.feeds import parse_feed
    from reader.ingest.page import discover_feeds, sniff_html

    try:
        fetched = fetch_sync(url)
    except FetchError as exc:
        fail(f"cannot fetch {url}: {exc} (use --no-check to subscribe anyway)")
    parsed = parse_feed(fetched.content, fetched.url, fetched.content_type)
    if not parsed.error:
        return fetched.permanent_url or url, parsed.title
    if "html" in (fetched.content_type or "") or sniff_html(fetched.content[:2048]):
        candidates = discover_feeds(fetched.content, fetched.url)
        if candidates:
            return candidates[0], None
        fail(f"{url} is a web page that names no feed")
    fail(f"{url}: {parsed.error}")
    raise AssertionError  # fail() raised


@feed_group.command("add")
@click.argument("url")
@click.option("--title", help="Title to show instead of the feed's own.")
@click.option("--tag", "tags", multiple=True, help="Tag the feed (repeatable).")
@click.option("--no-check", is_flag=True, help="Subscribe without fetching the URL first.")
@click.option("--json", "as_json", is_flag=True, help="Print the feed as JSON.")
@pass_reader
def add_cmd(ctx: ReaderContext, url: str, title: str | None, tags: tuple[str, ...], no_check: bool,
            as_json: bool) -> None:
    """Subscribe to a feed URL, or to the feed a web page links to (autodiscovery)."""
    from reader.ingest.feeds import safe_url

    if safe_url(url) != url.strip():
        fail(f"not an http(s) URL: {url}")
    url = url.strip()
    if not no_check:
        url, _ = _find_feed_url(url)
    feed, created = add_feed(ctx.db, url, title=title, tags=list(tags))
    new = 0
    if created and not no_check:
        from reader.refresh import refresh_feeds

        report = refresh_feeds(ctx.db_path, [feed.id])
        new = report.new_articles
        feed = get_feed(ctx.db, feed.id)
    if as_json:
        echo_json({**_feed_json(feed, (new, new)), "created": created})
        return
    if created:
        click.echo(f"subscribed to {feed.title or redact_url(feed.url)} <{redact_url(feed.url)}> (feed {feed.id}): {new} articles")
    else:
        click.echo(f"already subscribed: {feed.title or redact_url(feed.url)} (feed {feed.id})")


def _feed_json(feed, counts: tuple[int, int]) -> dict:
    return {"id": feed.id, "title": feed.title, "url": redact_url(feed.url), "tags": feed.tags,
            "articles": counts[0], "unread": counts[1], "last_refresh": feed.last_refresh,
            "last_error": redact_text(feed.last_error) if feed.last_error else None}


@feed_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: one object per feed.")
@pass_reader
def list_cmd(ctx: ReaderContext, as_json: bool) -> None:
    """Subscriptions with article and unread counts, last refresh and last error."""
    feeds = list_feeds(ctx.db)
    counts = feed_counts(ctx.db)
    if as_json:
        echo_json([_feed_json(f, counts.get(f.id, (0, 0))) for f in feeds])
        return
    if not feeds:
        click.echo("no feeds yet: reader feed add URL, or reader feed import subscriptions.opml")
        return
    table = Table(box=None, pad_edge=False, expand=True)
    table.add_column("ID", justify="right", no_wrap=True)
    table.add_column("Feed", overflow="fold", ratio=3)
    table.add_column("Tags", overflow="fold", ratio=1)
    table.add_column("Articles", justify="right", no_wrap=True)
    table.add_column("Unread", justify="right", no_wrap=True)
    table.add_column("Refreshed", no_wrap=True)
    table.add_column("Error", overflow="fold", ratio=2)
    for feed in feeds:
        articles, unread = counts.get(feed.id, (0, 0))
        name = Text(feed.title or "")
        name.append(("\n" if feed.title else "") + redact_url(feed.url), style="dim")
        refreshed = (feed.last_refresh or "never")[:16].replace("T", " ")
        table.add_row(str(feed.id), name, Text(", ".join(feed.tags)), str(articles), str(unread), refreshed,
                      Text(redact_text(feed.last_error or ""), style="red"))
    console().print(table)


@feed_group.command("remove")
@click.argument("feeds", nargs=-1, required=True)
@click.option("--keep-articles", is_flag=True, help="Keep the feed's articles in the store.")
@pass_reader
def remove_cmd(ctx: ReaderContext, feeds: tuple[str, ...], keep_articles: bool) -> None:
    """Unsubscribe (by id, URL or title). Its articles go too, except bookmarked ones."""
    for ref in feeds:
        feed, deleted = remove_feed(ctx.db, ref, keep_articles=keep_articles)
        click.echo(f"removed {feed.title or redact_url(feed.url)} (feed {feed.id}); deleted {deleted} articles")


@feed_group.command("rename")
@click.argument("feed")
@click.argument("title")
@pass_reader
def rename_cmd(ctx: ReaderContext, feed: str, title: str) -> None:
    """Show a feed under TITLE ("" goes back to the feed's own title on the next refresh)."""
    renamed = rename_feed(ctx.db, feed, title.strip() or None)
    click.echo(f"feed {renamed.id}: {renamed.title or redact_url(renamed.url)}")


@feed_group.command("tag")
@click.argument("feed")
@click.argument("tags", nargs=-1)
@click.option("-r", "--remove", "remove", multiple=True, help="Remove this tag (repeatable).")
@pass_reader
def tag_cmd(ctx: ReaderContext, feed: str, tags: tuple[str, ...], remove: tuple[str, ...]) -> None:
    """Add TAGS to a feed (or remove them with -r). New articles of the feed get its tags."""
    if not tags and not remove:
        fail("name tags to add, or -r TAG to remove")
    updated = tag_feed(ctx.db, feed, add=tags, remove=remove)
    click.echo(f"feed {updated.id}: {', '.join(updated.tags) or '(no tags)'}")


@feed_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--tag", "tags", multiple=True, help="Also tag every imported feed (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_reader
def import_cmd(ctx: ReaderContext, file: Path, tags: tuple[str, ...], as_json: bool) -> None:
    """Subscribe to the feeds of an OPML file or a newsboat ``urls`` file (duplicates skipped)."""
    from reader.ingest.opml import SubscriptionListError, parse_subscriptions

    try:
        data = file.read_bytes() if str(file) != "-" else sys.stdin.buffer.read()
        subscriptions = parse_subscriptions(data)
    except OSError as exc:
        fail(f"{file}: {exc.strerror or exc}")
    except SubscriptionListError as exc:
        fail(f"{file}: {exc}")
    added = existing = 0
    for sub in subscriptions:
        _, created = add_feed(ctx.db, sub.url, title=sub.title, tags=[*sub.tags, *tags], site_url=sub.site_url)
        added += created
        existing += not created
    if as_json:
        echo_json({"added": added, "existing": existing})
    else:
        click.echo(f"added {added} feeds, {existing} already subscribed; run `reader refresh` to fetch them")


@feed_group.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout).")
@click.option("--format", "fmt", type=click.Choice(["opml", "urls"]), default="opml", show_default=True,
              help="OPML, or a newsboat urls file.")
@pass_reader
def export_cmd(ctx: ReaderContext, output: Path | None, fmt: str) -> None:
    """Write the subscriptions as OPML (folders and categories from tags) or newsboat urls."""
    from reader.ingest.opml import write_opml, write_urls

    feeds = list_feeds(ctx.db)
    rows = [(f.url, f.title, f.site_url, f.tags) for f in feeds]
    text = write_opml(rows) if fmt == "opml" else write_urls(rows)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"exported {len(feeds)} feeds to {output}", err=True)
    else:
        click.echo(text, nl=False)


@click.command("refresh")
@click.argument("feeds", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print one result per feed as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@pass_reader
def refresh_cmd(ctx: ReaderContext, feeds: tuple[str, ...], as_json: bool, quiet: bool) -> None:
    """Fetch all feeds (or those named by id, URL or title) and store their new articles."""
    from reader.refresh import RefreshProgress, refresh_feeds

    err_console = console()
    err_console.stderr = True
    show_bar = not as_json and not quiet and sys.stderr.isatty()
    selected = list(feeds) or None
    if show_bar:
        with Progress(TextColumn("refreshing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      TextColumn("{task.description}"), console=err_console, transient=True) as bar:
            task = bar.add_task("", total=None)

            def on_progress(p: RefreshProgress) -> None:
                bar.update(task, completed=p.done, total=p.total, description=(p.feed_title or redact_url(p.feed_url))[:40])

            report = refresh_feeds(ctx.db_path, selected, progress=on_progress)
    else:
        report = refresh_feeds(ctx.db_path, selected)
    if as_json:
        echo_json([{**r.as_dict(), "url": redact_url(r.url), "error": r.error and redact_text(r.error)}
                   for r in report.results])
    elif not quiet:
        errors = report.errors
        click.echo(f"{len(report.results)} feeds, {report.new_articles} new articles, {len(errors)} errors "
                   f"in {report.seconds:.1f}s")
        for result in errors:
            click.echo(redact_text(f"  {result.title or result.url}: {result.error}"), err=True)
    if report.new_articles:
        # Entities and the related-stories index are filled in the background: new articles are
        # searchable at once, and the refresh does not wait for the analysis.
        from reader.nlp.enrich import start_background_enrich

        start_background_enrich(ctx.db_path)
    if report.results and len(report.errors) == len(report.results):
        raise SystemExit(1)


COMMANDS = [feed_group, refresh_cmd]

"""Import files and web pages into the store: parse each (ingest), write in batches (store).

One bad file never stops the others: it is recorded in ``ImportResult.failed`` with a one-line reason.
An ``http(s)://`` argument is fetched: a feed imports its entries, a page its main article. OPML and
newsboat ``urls`` files subscribe to the feeds they list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlite_utils import Database

from reader.ingest.clean import clean_line
from reader.ingest.files import ImportOptions, IngestError, ParsedFile, expand_paths, parse_file
from reader.models import ImportResult
from reader.related import index_articles
from reader.store import add_articles
from reader.store.feeds import add_feed
from reader.store.tags import TagError, clean_tag

Progress = Callable[[Path, ImportResult], None]


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def parse_url(url: str, options: ImportOptions) -> ParsedFile:
    """Fetch a URL and read it as a feed (its entries) or a page (its main article)."""
    from reader.config import ConfigError, Settings, load_settings
    from reader.fetch import FetchError, fetch_sync
    from reader.ingest.feeds import is_json, parse_feed, sniff_feed
    from reader.ingest.page import PageError, parse_page

    try:
        settings = load_settings()
    except ConfigError:
        settings = Settings()
    try:
        fetched = fetch_sync(url, timeout=settings.refresh_timeout, max_bytes=settings.max_response_bytes)
    except FetchError as exc:
        raise IngestError(str(exc)) from exc
    kind = (fetched.content_type or "").lower()
    looks_feed = any(t in kind for t in ("rss", "atom", "feed+json", "rdf")) or sniff_feed(fetched.content[:4096])
    if looks_feed or (is_json(fetched.content, kind) and "html" not in kind):
        parsed = parse_feed(fetched.content, fetched.url, fetched.content_type)
        if parsed.error:
            raise IngestError(parsed.error)
        articles = parsed.articles
    else:
        try:
            articles = [parse_page(fetched.content, fetched.url, fetched.content_type)]
        except PageError as exc:
            raise IngestError(str(exc)) from exc
    for article in articles:
        article.source = options.source or article.source
    return ParsedFile(articles=articles)


def import_paths(db: Database, paths: Sequence[Path | str], *, tags: Sequence[str] = (),
                 source: str | None = None, progress: Progress | None = None,
                 index_related: bool = True) -> ImportResult:
    """Import files; new and changed articles are also indexed for related stories unless
    ``index_related`` is False (then ``reader.related.index_pending`` catches up later)."""
    total = ImportResult()
    try:
        tags = [clean_tag(t) for t in tags]
    except TagError as exc:
        total.failed.append({"path": "", "error": str(exc)})
        return total
    options = ImportOptions(source=clean_line(source) or None if source else None)
    urls = [p for p in paths if is_url(p)]
    files = [Path(p) for p in paths if not is_url(p)]
    for item in [*urls, *expand_paths(files)]:
        result = ImportResult()
        try:
            parsed = parse_url(item, options) if isinstance(item, str) else parse_file(item, options)
        except IngestError as exc:
            result.failed.append({"path": str(item), "error": str(exc)})
        else:
            written = add_articles(db, parsed.articles, tags=tags)
            # Keep the related-stories index current: new and changed articles only, never a rebuild.
            if index_related:
                index_articles(db, written.ids)
            result.merge(written)
            for sub in parsed.subscriptions:
                _, created = add_feed(db, sub.url, title=sub.title, tags=[*sub.tags, *tags], site_url=sub.site_url)
                result.feeds += created
            for error in parsed.errors:
                result.failed.append({"path": str(item), "error": error})
        total.merge(result)
        if progress:
            progress(Path(item) if isinstance(item, str) else item, result)
    return total

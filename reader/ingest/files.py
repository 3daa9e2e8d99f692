"""Read article files of any supported kind into clean :class:`Article` objects.

Formats register a parser in :data:`PARSERS`; :func:`sniff_format` picks one by extension, then by
content. Parsers raise :class:`IngestError` with a one-line reason for a file that cannot be read.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.ingest.decode import DecodeError, decode_bytes, looks_binary
from reader.ingest.feeds import sniff_feed
from reader.ingest.jsonl import RecordError, parse_jsonl
from reader.ingest.opml import Subscription, sniff_subscriptions
from reader.ingest.page import sniff_html
from reader.ingest.textdump import parse_text_dump
from reader.models import Article

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TEXT_BYTES = 50 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot be imported; the message is the one-line reason shown to the user."""


@dataclass
class ParsedFile:
    articles: list[Article] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # per-record problems; the rest still import
    subscriptions: list[Subscription] = field(default_factory=list)  # from OPML / newsboat urls files


Parser = Callable[[Path, "ImportOptions"], ParsedFile]


@dataclass
class ImportOptions:
    source: str | None = None


def _parse_jsonl(path: Path, options: ImportOptions) -> ParsedFile:
    result = ParsedFile()
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline=None)
        for number, item in parse_jsonl(text):
            if isinstance(item, RecordError):
                result.errors.append(f"line {number}: {item}")
            else:
                if options.source and not item.source:
                    item.source = options.source
                result.articles.append(item)
    if not result.articles and result.errors:
        raise IngestError(f"no article could be read ({result.errors[0]})")
    return result


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    size = path.stat().st_size
    if size > limit:
        raise IngestError(f"file too large ({size // (1024 * 1024)} MB; the limit is {limit // (1024 * 1024)} MB)")
    data = path.read_bytes()
    try:
        return decode_bytes(data)
    except DecodeError as exc:
        raise IngestError(str(exc)) from exc


def _parse_text(path: Path, options: ImportOptions) -> ParsedFile:
    articles = parse_text_dump(read_text(path), source=options.source)
    if not articles:
        raise IngestError("no article text found")
    return ParsedFile(articles=articles)


def _read_bytes(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise IngestError(f"file too large ({size // (1024 * 1024)} MB; the limit is {limit // (1024 * 1024)} MB)")
    return path.read_bytes()


def _parse_feed(path: Path, options: ImportOptions) -> ParsedFile:
    from reader.ingest.feeds import parse_feed

    parsed = parse_feed(_read_bytes(path), path.resolve().as_uri())
    if parsed.error:
        raise IngestError(parsed.error)
    if not parsed.articles:
        raise IngestError("the feed has no entries")
    for article in parsed.articles:
        article.source = options.source or article.source
    return ParsedFile(articles=parsed.articles, errors=[parsed.warning] if parsed.warning else [])


def _parse_html(path: Path, options: ImportOptions) -> ParsedFile:
    from reader.ingest.page import PageError, parse_page

    try:
        article = parse_page(_read_bytes(path))
    except PageError as exc:
        raise IngestError(str(exc)) from exc
    article.source = options.source or article.source
    return ParsedFile(articles=[article])


def _parse_subscriptions(path: Path, options: ImportOptions) -> ParsedFile:
    from reader.ingest.opml import SubscriptionListError, parse_subscriptions

    try:
        return ParsedFile(subscriptions=parse_subscriptions(_read_bytes(path)))
    except SubscriptionListError as exc:
        raise IngestError(str(exc)) from exc


PARSERS: dict[str, Parser] = {
    "jsonl": _parse_jsonl, "text": _parse_text, "feed": _parse_feed, "html": _parse_html,
    "opml": _parse_subscriptions, "urls": _parse_subscriptions,
}
EXTENSIONS: dict[str, str] = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "text", ".text": "text", ".md": "text",
    ".rss": "feed", ".atom": "feed", ".rdf": "feed", ".html": "html", ".htm": "html", ".opml": "opml",
}
# (bytes of the head) -> format | None, tried in order when the extension does not decide.
SNIFFERS: list[Callable[[bytes], str | None]] = [sniff_subscriptions, sniff_feed, sniff_html]


def sniff_format(path: Path) -> str:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt and fmt in PARSERS:
        return fmt
    with path.open("rb") as fh:
        head = fh.read(4096)
    for sniffer in SNIFFERS:
        found = sniffer(head)
        if found and found in PARSERS:
            return found
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") and b"\n" in stripped:
        return "jsonl"
    if looks_binary(head):
        raise IngestError("binary file, not articles")
    return "text"


def parse_file(path: Path, options: ImportOptions | None = None) -> ParsedFile:
    """Parse one file; raises :class:`IngestError` with a one-line reason."""
    options = options or ImportOptions()
    try:
        if not path.exists():
            raise IngestError("no such file")
        if path.is_dir():
            raise IngestError("is a directory")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise IngestError(f"file too large (over {MAX_FILE_BYTES // (1024 * 1024)} MB)")
        if path.stat().st_size == 0:
            raise IngestError("empty file")
        return PARSERS[sniff_format(path)](path, options)
    except IngestError:
        raise
    except PermissionError as exc:
        raise IngestError("permission denied") from exc
    except OSError as exc:
        raise IngestError(exc.strerror or str(exc)) from exc
    except (ValueError, RecursionError, MemoryError) as exc:
        raise IngestError(f"cannot parse: {exc}") from exc


def expand_paths(paths: list[Path]) -> Iterator[Path]:
    """Files named, and every file inside named directories (sorted, hidden files skipped)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        else:
            yield path

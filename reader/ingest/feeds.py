"""Feed documents (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1) to clean :class:`Article` objects.

Pure functions of bytes: no network, no store, picklable results, so refresh can run them in worker
processes. Bad input never raises: :func:`parse_feed` returns a :class:`ParsedFeed` whose ``error``
says in one line why nothing could be read (``not a feed``, ``parse error: line 3: ...``).

Safety: feedparser is always given a byte stream (given a str or bytes it may treat it as a URL or a
file name and open it); it drops DOCTYPE entity declarations other than simple ones, so entity
expansion ("billion laughs") and external entities never happen; everything shown is sanitised.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from reader.ingest.clean import clean_body, clean_line
from reader.ingest.decode import DecodeError, decode_bytes
from reader.ingest.fastrss import parse_rss2
from reader.ingest.html import html_to_text, looks_like_html, plain_text
from reader.models import Article
from reader.textnorm import content_hash
from reader.timeutil import from_struct_time, parse_date

MAX_ENTRIES = 5000  # kept per document; real feeds carry tens, archives a few thousand
MAX_TITLE = 500
MAX_SUMMARY = 1000
_ENTRY_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF|channel)[\s>]")
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html[\s>])", re.I)
_OPML_ROOT = re.compile(rb"<opml[\s>]", re.I)


@dataclass
class ParsedFeed:
    """What one feed document holds. ``error`` set means nothing usable was found."""

    title: str | None = None
    site_url: str | None = None
    articles: list[Article] = field(default_factory=list)
    error: str | None = None
    warning: str | None = None  # read, but something was off (ill-formed XML, entries cut)
    kind: str | None = None  # "rss20", "atom10", "json11", ... as feedparser names versions


def safe_url(value: object, base: str | None = None) -> str | None:
    """An http(s) URL or None: ``javascript:``, ``data:`` and the like never get stored."""
    if not isinstance(value, str):
        return None
    value = clean_line(value)
    if not value:
        return None
    if base:
        try:
            value = urljoin(base, value)
        except ValueError:
            return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value


def is_json(data: bytes, content_type: str | None = None) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") or bool(content_type and "json" in content_type.lower() and not head.startswith(b"<"))


def sniff_feed(head: bytes) -> str | None:
    """"feed" when the first bytes look like a feed document (for the file importer)."""
    text = head[:4096]
    if is_json(text):
        return "feed" if b"jsonfeed.org" in text or b'"items"' in text else None
    if _OPML_ROOT.search(text):
        return None
    if _FEED_ROOT.search(text) and not _HTML_ROOT.search(text[:512]):
        return "feed"
    return None


def truncate_entries(data: bytes, limit: int) -> tuple[bytes, int]:
    """Cut a document after ``limit`` entries (feedparser would otherwise parse all of a huge one)."""
    count = 0
    for match in _ENTRY_START.finditer(data):
        count += 1
        if count > limit:
            root = _FEED_ROOT.search(data)
            closing = b"</channel></rss>"
            if root:
                name = root.group(1)
                closing = {b"feed": b"</feed>", b"RDF": b"</rdf:RDF>"}.get(name, closing)
            rest = sum(1 for _ in _ENTRY_START.finditer(data, match.start()))
            return data[: match.start()] + closing, count - 1 + rest
    return data, count


def _first_line(exc: BaseException) -> str:
    text = clean_line(str(exc)) or type(exc).__name__
    return text[:200]


def _parse_error(exc: BaseException | None) -> str:
    if exc is None:
        return "not a feed"
    line = getattr(exc, "getLineNumber", None)
    message = _first_line(getattr(exc, "getMessage", lambda: str(exc))())
    if callable(line):
        try:
            return f"parse error: line {line()}: {message}"
        except Exception:  # noqa: BLE001 - some SAX errors lack a locator
            pass
    return f"parse error: {message}"


def parse_feed(data: bytes, url: str | None = None, content_type: str | None = None, *,
               max_entries: int = MAX_ENTRIES, fast: bool = True) -> ParsedFeed:
    """Parse one feed document; never raises for bad input.

    ``fast`` lets plain RSS 2.0 go through :mod:`reader.ingest.fastrss` (same result, ~10x quicker).
    Each article gets its content hash here, so refresh computes them in its worker processes.
    """
    try:
        if not data or not data.strip():
            return ParsedFeed(error="empty document")
        if is_json(data, content_type):
            parsed = parse_json_feed(data, url)
        else:
            parsed = _parse_xml_feed(data, url, content_type, max_entries, fast)
        for article in parsed.articles:
            article.content_hash = content_hash(article.title, article.body)
        return parsed
    except (RecursionError, MemoryError) as exc:
        return ParsedFeed(error=f"cannot parse: {type(exc).__name__}")
    except Exception as exc:  # noqa: BLE001 - a parser bug on one feed must not stop a refresh
        return ParsedFeed(error=f"cannot parse: {_first_line(exc)}")


def _parse_xml_feed(data: bytes, url: str | None, content_type: str | None, max_entries: int,
                    fast: bool) -> ParsedFeed:
    import feedparser

    data, total = truncate_entries(data, max_entries)
    quick = parse_rss2(data, url, content_type) if fast and total <= max_entries else None
    if quick is not None:
        title, link, entries = quick
        result = ParsedFeed(kind="rss20", title=plain_text(title)[:MAX_TITLE] or None, site_url=safe_url(link, url))
        base = result.site_url or url
        result.articles = [_entry_article(entry, base, result.title) for entry in entries]
        return result
    headers = {"content-location": url or ""}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)
    channel = parsed.get("feed", {})
    result = ParsedFeed(kind=parsed.get("version") or None)
    if not parsed.entries and not parsed.get("version"):
        if _HTML_ROOT.search(data[:2048]):
            result.error = "not a feed (an HTML page)"
        elif parsed.get("bozo"):
            result.error = _parse_error(parsed.get("bozo_exception"))
        else:
            result.error = "not a feed"
        return result
    result.title = plain_text(channel.get("title"))[:MAX_TITLE] or None
    result.site_url = safe_url(channel.get("link"), url)
    if parsed.get("bozo") and not _harmless_bozo(parsed.get("bozo_exception")):
        result.warning = _parse_error(parsed.get("bozo_exception"))
    if total > max_entries:
        result.warning = f"kept the first {max_entries} of {total} entries"
    base = result.site_url or url
    for entry in parsed.entries[:max_entries]:
        result.articles.append(_entry_article(entry, base, result.title))
    return result


def _harmless_bozo(exc: BaseException | None) -> bool:
    # A declared charset that disagrees with HTTP, or text/plain served: the text was still read fine.
    name = type(exc).__name__
    return name in ("CharacterEncodingOverride", "NonXMLContentType")


def _content_html(entry) -> tuple[str, bool]:
    """The fullest text of an entry (content, else summary) and whether it is HTML."""
    candidates = [(c.get("value") or "", c.get("type") or "text/html") for c in entry.get("content") or []]
    detail = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary") or "", detail.get("type") or "text/html"))
    value, kind = max(candidates, key=lambda c: len(c[0]))
    return value, "html" in kind or looks_like_html(value)


def _entry_article(entry, base: str | None, feed_title: str | None) -> Article:
    raw, is_html = _content_html(entry)
    if is_html:
        text = html_to_text(raw)
        body, captions = text.body, text.captions
    else:
        body, captions = clean_body(raw), []
    summary = None
    if entry.get("summary") and entry.get("summary") != raw:
        summary = plain_text(entry.get("summary"))[:MAX_SUMMARY] or None
    for media in entry.get("media_content") or []:
        caption = clean_line(media.get("description") if isinstance(media, dict) else None)
        if caption and caption not in captions:
            captions.append(caption)
    link = safe_url(entry.get("link"), base)
    title = plain_text(entry.get("title"))[:MAX_TITLE]
    if not title:
        title = _title_from_body(body) or "(untitled)"
    author = plain_text(entry.get("author")) or None
    published = from_struct_time(entry.get("published_parsed") or entry.get("updated_parsed")
                                 or entry.get("created_parsed"))
    guid = clean_line(entry.get("id")) or None
    return Article(title=title, body=body, guid=guid, url=link, source=feed_title, author=author,
                   published=published, summary=summary, captions=captions,
                   enclosures=_enclosures(entry.get("enclosures") or [], base))


def _title_from_body(body: str) -> str:
    first = body.split("\n\n", 1)[0]
    return first if len(first) <= 80 else first[:79].rsplit(" ", 1)[0] + "…"


def _enclosures(items, base: str | None, *, url_key: str = "href", type_key: str = "type",
                length_key: str = "length") -> list[dict]:
    found: list[dict] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        href = safe_url(item.get(url_key) or item.get("url"), base)
        if not href or any(e["url"] == href for e in found):
            continue
        enclosure: dict = {"url": href, "type": clean_line(str(item.get(type_key) or "")) or None}
        try:
            length = int(item.get(length_key) or 0)
        except (TypeError, ValueError):
            length = 0
        enclosure["length"] = length if length > 0 else None
        found.append(enclosure)
    return found


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"parse error: line {exc.lineno} column {exc.colno}: {exc.msg}"


def parse_json_feed(data: bytes, url: str | None = None) -> ParsedFeed:
    """JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        return ParsedFeed(error=str(exc))
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return ParsedFeed(error=_json_error(exc))
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        return ParsedFeed(error="not a feed (JSON without an items list)")
    version = str(doc.get("version") or "")
    kind = "json11" if version.endswith("1.1") else "json10"
    result = ParsedFeed(kind=kind, title=plain_text(_str(doc.get("title")))[:MAX_TITLE] or None)
    result.site_url = safe_url(doc.get("home_page_url"), url)
    base = result.site_url or url
    feed_author = _json_author(doc)
    items = doc["items"]
    if len(items) > MAX_ENTRIES:
        result.warning = f"kept the first {MAX_ENTRIES} of {len(items)} entries"
    for item in items[:MAX_ENTRIES]:
        if isinstance(item, dict):
            result.articles.append(_json_item(item, base, result.title, feed_author))
    return result


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _json_author(obj: dict) -> str | None:
    authors = obj.get("authors")
    names: list[str] = []
    if isinstance(authors, list):
        names = [clean_line(_str(a.get("name"))) for a in authors if isinstance(a, dict)]
    elif isinstance(obj.get("author"), dict):
        names = [clean_line(_str(obj["author"].get("name")))]
    names = [n for n in names if n]
    return ", ".join(names) or None


def _json_item(item: dict, base: str | None, feed_title: str | None, feed_author: str | None) -> Article:
    html = _str(item.get("content_html"))
    if html:
        text = html_to_text(html)
        body, captions = text.body, text.captions
    else:
        body, captions = clean_body(_str(item.get("content_text")) or _str(item.get("summary"))), []
    summary = plain_text(_str(item.get("summary")))[:MAX_SUMMARY] or None
    title = plain_text(_str(item.get("title")))[:MAX_TITLE] or _title_from_body(body) or "(untitled)"
    guid = item.get("id")
    guid = clean_line(str(guid)) if isinstance(guid, str | int | float) and guid != "" else None
    link = safe_url(item.get("url"), base) or safe_url(item.get("external_url"), base)
    published = parse_date(_str(item.get("date_published")) or _str(item.get("date_modified")))
    attachments = item.get("attachments") if isinstance(item.get("attachments"), list) else []
    return Article(title=title, body=body, guid=guid, url=link, source=feed_title,
                   author=_json_author(item) or feed_author, published=published,
                   summary=summary if summary != body else None, captions=captions,
                   enclosures=_enclosures(attachments, base, url_key="url", type_key="mime_type",
                                          length_key="size_in_bytes"))

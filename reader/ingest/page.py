"""Web pages: the main article of a page (trafilatura), and the feeds a page names (autodiscovery).

trafilatura returns its XML form (``<doc title=... author=... date=...><main><p>..``), which keeps
headings, lists and image alt text apart, so the body keeps its structure and captions stay captions.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from reader.ingest.clean import clean_line
from reader.ingest.decode import decode_bytes
from reader.ingest.feeds import safe_url
from reader.models import Article
from reader.timeutil import parse_date

_HTML_HEAD = re.compile(rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>)", re.I)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
               "application/rdf+xml", "text/xml", "application/xml")
MAX_PAGE_BYTES = 10 * 1024 * 1024


class PageError(ValueError):
    """No article in this page; the message is one line."""


def sniff_html(head: bytes) -> str | None:
    return "html" if _HTML_HEAD.search(head[:2048]) else None


def _text(data: bytes | str, content_type: str | None = None) -> str:
    if isinstance(data, str):
        return data
    declared = None
    if content_type and "charset=" in content_type.lower():
        declared = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
    if not declared:
        match = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
        declared = match.group(1).decode("ascii") if match else None
    return decode_bytes(data, declared)


def _fallback_title(markup: str) -> str | None:
    try:
        doc = lxml_html.document_fromstring(markup[:500_000])
    except (etree.ParserError, ValueError):
        return None
    for xpath in ('//meta[@property="og:title"]/@content', "//title/text()", "//h1//text()"):
        values = doc.xpath(xpath)
        if values:
            title = clean_line(" ".join(str(v) for v in values[:1]))
            if title:
                return title
    return None


def parse_page(data: bytes | str, url: str | None = None, content_type: str | None = None) -> Article:
    """The main article of an HTML page; raises :class:`PageError` when there is none."""
    import trafilatura

    if len(data) > MAX_PAGE_BYTES:
        raise PageError(f"page too large (over {MAX_PAGE_BYTES // (1024 * 1024)} MB)")
    markup = _text(data, content_type)
    xml = trafilatura.extract(markup, url=url, output_format="xml", include_images=True, include_tables=True,
                              include_comments=False, with_metadata=True, favor_recall=True)
    if not xml:
        raise PageError("no article text found in this page")
    try:
        doc = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise PageError(f"cannot read the extracted article: {exc}") from exc
    main = doc.find("main")
    paragraphs: list[str] = []
    captions: list[str] = []
    if main is not None:
        _collect(main, paragraphs, captions)
    body = "\n\n".join(paragraphs)
    if not body:
        raise PageError("no article text found in this page")
    title = clean_line(doc.get("title")) or _fallback_title(markup) or paragraphs[0][:80]
    page_url = safe_url(doc.get("url")) or safe_url(url)
    return Article(title=title, body=body, url=page_url, guid=page_url,
                   author=clean_line(doc.get("author")) or None, source=clean_line(doc.get("sitename")) or None,
                   published=parse_date(doc.get("date")),
                   summary=clean_line(doc.get("description")) or None, captions=captions)


def _collect(el: etree._Element, paragraphs: list[str], captions: list[str], depth: int = 0) -> None:
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "graphic":
            caption = clean_line(child.get("alt") or child.get("title"))
            if caption and caption not in captions:
                captions.append(caption)
        elif tag == "list":
            ordered = (child.get("rend") or "").startswith("ol")
            for number, item in enumerate(child.findall("item"), start=1):
                text = clean_line("".join(item.itertext()))
                if text:
                    marker = f"{number}." if ordered else "•"
                    paragraphs.append("  " * depth + f"{marker} {text}")
        elif tag in ("p", "head", "quote", "code", "cell"):
            if any(isinstance(c.tag, str) and c.tag in ("p", "list", "quote") for c in child):
                _collect(child, paragraphs, captions, depth)
                continue
            text = clean_line("".join(child.itertext()))
            if text:
                paragraphs.append(text)
        elif tag in ("table", "row", "div", "main"):
            _collect(child, paragraphs, captions, depth)
        else:
            text = clean_line("".join(child.itertext()))
            if text:
                paragraphs.append(text)


def discover_feeds(data: bytes | str, base_url: str) -> list[str]:
    """Feed URLs a page names with ``<link rel="alternate" type="application/rss+xml" ...>``."""
    markup = _text(data)[:1_000_000]
    try:
        doc = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in _FEED_TYPES:
            url = safe_url(link.get("href"), base_url)
            if url and url not in found:
                found.append(url)
    return found

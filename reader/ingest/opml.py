"""Subscription lists: OPML (read and write) and newsboat's ``urls`` file.

OPML outlines nested in folders become feed tags (every enclosing folder is a tag) along with the
``category`` attribute; the same URL listed twice is kept once. Malformed XML is read as far as it
goes (lxml's recovering parser, entities never resolved or fetched); a file with no feed in it fails
with a one-line reason.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.entities import name2codepoint
from xml.sax.saxutils import quoteattr

from lxml import etree

from reader.ingest.clean import clean_line
from reader.ingest.feeds import safe_url
from reader.timeutil import now_utc

MAX_TAG = 64


class SubscriptionListError(ValueError):
    """Nothing could be read from a subscription list; the message is one line."""


@dataclass
class Subscription:
    url: str
    title: str | None = None
    tags: list[str] = field(default_factory=list)
    site_url: str | None = None


def sniff_subscriptions(head: bytes) -> str | None:
    """"opml" or "urls" when the first bytes look like a subscription list."""
    text = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"<opml" in text.lower()[:1024]:
        return "opml"
    lines = [line.strip() for line in text.splitlines()[:50]]
    lines = [line for line in lines if line and not line.startswith(b"#")]
    if len(text) < 4096 and lines and all(
        line.startswith((b"http://", b"https://", b'"query:', b"query:", b"exec:", b"filter:"))
        for line in lines
    ):
        return "urls"
    return None


def _attr(el: etree._Element, name: str) -> str | None:
    """Attribute by case-insensitive name (xmlUrl, xmlurl and XMLURL all occur in the wild)."""
    wanted = name.lower()
    for key, value in el.attrib.items():
        if isinstance(key, str) and key.lower() == wanted:
            return value
    return None


def _tag(text: str | None) -> str | None:
    tag = clean_line(text).strip(" ,#/")
    return tag[:MAX_TAG] if tag else None


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname.lower() if isinstance(el.tag, str) else ""


_HTML_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = {b"amp", b"lt", b"gt", b"quot", b"apos"}


def _html_entities_to_refs(data: bytes) -> bytes:
    """``&aelig;`` is not XML, but OPML files written by hand use HTML entities: make them ``&#230;``."""

    def ref(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        if name in _XML_ENTITIES:
            return match.group(0)
        code = name2codepoint.get(name.decode("ascii"))
        return b"&#%d;" % code if code else match.group(0)

    return _HTML_ENTITY.sub(ref, data)


def parse_opml(data: bytes) -> list[Subscription]:
    """Subscriptions in an OPML document; raises :class:`SubscriptionListError` if there are none."""
    data = _html_entities_to_refs(data)
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SubscriptionListError(f"not OPML: {clean_line(str(exc))[:150]}") from exc
    if root is None:
        raise SubscriptionListError("not OPML: no XML element found")
    if _local(root) != "opml":
        raise SubscriptionListError(f"not OPML (the document is <{_local(root) or '?'}>)")
    body = next((child for child in root if _local(child) == "body"), None)
    if body is None:
        raise SubscriptionListError("OPML without a <body>")
    found: dict[str, Subscription] = {}
    _walk(body, [], found)
    if not found:
        raise SubscriptionListError("no feed in this OPML file (no outline with an xmlUrl)")
    return list(found.values())


def _walk(parent: etree._Element, folders: list[str], found: dict[str, Subscription]) -> None:
    for outline in parent:
        if _local(outline) != "outline":
            continue
        name = clean_line(_attr(outline, "text") or _attr(outline, "title")) or None
        kind = (_attr(outline, "type") or "").strip().lower()
        url = safe_url(_attr(outline, "xmlUrl"))
        if url and kind not in ("include", "link"):
            tags = [*folders]
            for category in (_attr(outline, "category") or "").split(","):
                tags.extend(part for part in (_tag(p) for p in category.split("/")) if part)
            sub = found.get(url)
            if sub is None:
                title = name if name and name != url else None
                found[url] = Subscription(url=url, title=title, site_url=safe_url(_attr(outline, "htmlUrl")))
                sub = found[url]
            for tag in tags:
                if tag.casefold() not in (t.casefold() for t in sub.tags):
                    sub.tags.append(tag)
        folder = _tag(name)
        _walk(outline, [*folders, folder] if folder and not url else folders, found)


def parse_newsboat_urls(text: str) -> list[Subscription]:
    """newsboat's ``urls``: ``URL tag "tag with spaces" "~Title"``; query/exec/filter feeds skipped."""
    found: dict[str, Subscription] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            words = line.split()
        if not words:
            continue
        url = safe_url(words[0])
        if url is None:
            continue
        sub = found.setdefault(url, Subscription(url=url))
        for word in words[1:]:
            if word.startswith("~"):
                sub.title = clean_line(word[1:]) or sub.title
            elif word.startswith("!"):
                continue  # newsboat's "hidden" marker
            elif (tag := _tag(word)) and tag not in sub.tags:
                sub.tags.append(tag)
    if not found:
        raise SubscriptionListError("no http(s) feed URL in this urls file")
    return list(found.values())


def parse_subscriptions(data: bytes) -> list[Subscription]:
    """OPML or a newsboat urls file, whichever this is."""
    kind = sniff_subscriptions(data[:4096]) or ("opml" if b"<" in data[:200] else "urls")
    if kind == "opml":
        return parse_opml(data)
    return parse_newsboat_urls(data.decode("utf-8", errors="replace"))


def write_opml(feeds: Iterable[tuple[str, str | None, str | None, list[str]]], title: str = "reader feeds") -> str:
    """OPML 2.0 for (url, title, site_url, tags) rows. A feed sits in the folder of its first tag;
    ``category`` lists all its tags, so export then import gives the same subscriptions."""
    folders: dict[str, list[str]] = {}
    loose: list[str] = []
    for url, feed_title, site_url, tags in feeds:
        text = feed_title or url
        attrs = (f"type=\"rss\" text={quoteattr(text)} title={quoteattr(text)} xmlUrl={quoteattr(url)}"
                 + (f" htmlUrl={quoteattr(site_url)}" if site_url else "")
                 + (f" category={quoteattr(','.join(tags))}" if tags else ""))
        line = f"<outline {attrs}/>"
        if tags:
            folders.setdefault(tags[0], []).append(line)
        else:
            loose.append(line)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', "  <head>",
           f"    <title>{_escape(title)}</title>", f"    <dateCreated>{now_utc()}</dateCreated>", "  </head>",
           "  <body>"]
    for folder in sorted(folders, key=str.casefold):
        out.append(f"    <outline text={quoteattr(folder)} title={quoteattr(folder)}>")
        out.extend(f"      {line}" for line in folders[folder])
        out.append("    </outline>")
    out.extend(f"    {line}" for line in loose)
    out += ["  </body>", "</opml>", ""]
    return "\n".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_urls(feeds: Iterable[tuple[str, str | None, str | None, list[str]]]) -> str:
    """newsboat's urls format: ``URL "tag" "~Title"`` per line."""

    def quote(word: str) -> str:
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = []
    for url, title, _site, tags in feeds:
        words = [url, *(quote(t) for t in tags)]
        if title:
            words.append(quote("~" + title))
        lines.append(" ".join(words))
    return "\n".join(lines) + ("\n" if lines else "")

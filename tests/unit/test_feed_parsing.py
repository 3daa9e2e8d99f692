"""Feed documents to clean articles: formats, HTML to text, dates, enclosures, hostile input."""

from __future__ import annotations

import io

import feedparser
import pytest

from reader.ingest.feeds import MAX_ENTRIES, parse_feed, safe_url, truncate_entries
from reader.ingest.html import html_to_text
from tests.conftest import SHARED

FEEDS = SHARED / "eval" / "feeds"
ALL_FEED_FILES = sorted(p for p in FEEDS.rglob("*") if p.is_file() and not p.name.startswith("LICENSE"))


def test_html_to_text_keeps_structure_and_captions() -> None:
    text = html_to_text(
        "<h2>Heading</h2><p>Hello <b>world</b> &amp; <a href='javascript:alert(1)'>friends</a>.</p>"
        "<script>evil()</script><style>p{}</style><ul><li>one</li><li>two</li></ul>"
        "<ol><li>first</li><li>second</li></ol>"
        "<figure><img src='a.jpg' alt='ignored alt'><figcaption>A cat (Photo: AP)</figcaption></figure>"
        "<p>line one<br>line two</p><img src='b.jpg' alt='Protesters in Paris'><img src='c.gif' alt='image'>"
    )
    assert text.body.split("\n\n") == [
        "Heading", "Hello world & friends.", "• one", "• two", "1. first", "2. second", "line one", "line two",
    ]
    assert text.captions == ["A cat (Photo: AP)", "Protesters in Paris"]
    assert "javascript" not in text.body and "evil" not in text.body


def test_escape_sequences_and_controls_never_survive() -> None:
    data = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>T\x1b]52;c;aGk=\x07itle</title>"
        b"<item><title>Bad \x1b[2J\x1b[31mtitle\x1b[0m\xe2\x80\xae</title><link>javascript:alert(1)</link>"
        b"<description>&lt;p&gt;body \x1b[1mbold&lt;/p&gt;&lt;a href='javascript:x()'&gt;x&lt;/a&gt;</description>"
        b"</item></channel></rss>"
    )
    parsed = parse_feed(data, "http://example.com/feed")
    article = parsed.articles[0]
    for text in (parsed.title or "", article.title, article.body):
        assert "\x1b" not in text and "\u202e" not in text
    assert article.title == "Bad title"
    assert article.url is None  # javascript: links are never stored
    assert safe_url("javascript:alert(1)") is None and safe_url("data:text/html,x") is None


def test_rss_fields_dates_and_enclosures() -> None:
    parsed = parse_feed((FEEDS / "netnewswire" / "atp.rss").read_bytes(), "http://atp.fm/rss")
    first = parsed.articles[0]
    assert parsed.title == "Accidental Tech Podcast"
    assert first.title == "311: Mutually Assured Destruction"
    assert first.published == "2019-01-31T16:58:12Z"
    assert first.enclosures == [{"url": "http://traffic.libsyn.com/atpfm/atp311.mp3", "type": "audio/mpeg",
                                 "length": 54919661}]
    assert first.body.startswith("• Follow-up:")


def test_dates_become_utc() -> None:
    data = (b"<rss version='2.0'><channel><title>x</title><item><title>a</title>"
            b"<pubDate>Tue, 10 Jun 2003 04:00:00 -0500</pubDate></item></channel></rss>")
    assert parse_feed(data).articles[0].published == "2003-06-10T09:00:00Z"


def test_json_feed() -> None:
    parsed = parse_feed((FEEDS / "netnewswire" / "authors.json").read_bytes(), "https://example.org/feed.json")
    assert parsed.kind == "json11" and len(parsed.articles) == 4
    truncated = parse_feed((FEEDS / "netnewswire" / "allthis-partial.json").read_bytes())
    assert truncated.error and truncated.error.startswith("parse error: line ")


def test_html_page_is_not_a_feed() -> None:
    parsed = parse_feed((FEEDS / "netnewswire" / "coco.html").read_bytes())
    assert parsed.error == "not a feed (an HTML page)"


@pytest.mark.parametrize("path", ALL_FEED_FILES, ids=lambda p: str(p.relative_to(FEEDS)))
def test_every_shared_feed_parses_or_reports(path) -> None:
    data = path.read_bytes()
    parsed = parse_feed(data, "http://example.com/" + path.name)
    assert parsed.articles or parsed.error or parsed.kind  # kind alone: a valid feed with no entries
    if parsed.error:
        assert "\n" not in parsed.error and len(parsed.error) < 250
    reference = feedparser.parse(io.BytesIO(data))
    if not reference.bozo and reference.get("version"):
        # What feedparser reads as well-formed, we read with the same number of entries.
        assert len(parsed.articles) == len(reference.entries)
    for article in parsed.articles:
        assert article.title and "\x1b" not in article.title


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>laughs &lol9;</title>
<description>&lol9;</description></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x &xxe; y</title>
<description>&xxe;</description></item></channel></rss>"""


def test_billion_laughs_is_not_expanded() -> None:
    parsed = parse_feed(BILLION_LAUGHS)
    sizes = [len(parsed.title or "")] + [len(a.title) + len(a.body) for a in parsed.articles]
    assert max(sizes) < 1000


def test_external_entities_are_never_read() -> None:
    parsed = parse_feed(EXTERNAL_ENTITY)
    text = " ".join(a.title + a.body for a in parsed.articles)
    assert "root:" not in text


def test_bytes_are_never_taken_for_a_file_name() -> None:
    # feedparser.parse("/etc/passwd") would open the file; we always hand it a stream.
    parsed = parse_feed(b"/etc/passwd")
    assert not parsed.articles and parsed.error


def test_huge_entry_count_is_cut() -> None:
    items = b"".join(b"<item><title>t%d</title><guid>g%d</guid></item>" % (i, i) for i in range(MAX_ENTRIES + 50))
    data = b"<rss version='2.0'><channel><title>big</title>" + items + b"</channel></rss>"
    cut, total = truncate_entries(data, 10)
    assert total == MAX_ENTRIES + 50 and cut.count(b"<item>") == 10
    parsed = parse_feed(cut + b"", max_entries=10)
    assert len(parsed.articles) == 10


SYNTHETIC_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Synthetic &amp; Co</title><link>/home</link>
<item><title>Caf\u00e9 &#147;quoted&#148; &lt;b&gt;bold&lt;/b&gt;</title><link>/a?x=1&amp;y=2</link>
  <guid isPermaLink="false">id-1</guid><pubDate>Tue, 10 Jun 2003 04:00:00 -0500</pubDate>
  <dc:creator>Ann Author</dc:creator><category>news</category><category>world</category>
  <description>short &lt;i&gt;summary&lt;/i&gt;</description>
  <content:encoded><![CDATA[<p>Full <b>body</b> text.</p><figure><img src="x.jpg" alt="a"/>
  <figcaption>Caption (Photo: AP)</figcaption></figure><ul><li>one</li></ul>]]></content:encoded>
  <enclosure url="http://cdn.test/a.mp3" length="123" type="audio/mpeg"/></item>
<item><guid>http://example.com/permalink</guid><description>no title here, only text</description></item>
<item><title>Only a title</title><link>javascript:alert(1)</link></item>
</channel></rss>""".encode()


def _fast_path_docs() -> list[tuple[str, bytes]]:
    from reader.bench.refresh import build_feeds

    docs = [(str(p), p.read_bytes()) for p in ALL_FEED_FILES] + [("synthetic", SYNTHETIC_RSS)]
    return docs + list(build_feeds(2, 20).items())


def test_fast_rss_path_gives_exactly_what_feedparser_gives() -> None:
    from reader.ingest.fastrss import parse_rss2

    used = 0
    for name, data in _fast_path_docs():
        if parse_rss2(data, "http://example.com/feed", None) is None:
            continue
        used += 1
        fast = parse_feed(data, "http://example.com/feed")
        slow = parse_feed(data, "http://example.com/feed", fast=False)
        assert fast == slow, name
    assert used >= 10
    synthetic = parse_feed(SYNTHETIC_RSS, "http://example.com/feed")
    first, second, third = synthetic.articles
    assert first.url == "http://example.com/a?x=1&y=2" and first.captions == ["Caption (Photo: AP)"]
    assert second.url == "http://example.com/permalink" and third.url is None


def test_fast_path_declines_what_it_does_not_know() -> None:
    from reader.ingest.fastrss import parse_rss2

    media = SYNTHETIC_RSS.replace(b"<category>news</category>", b"<media:title xmlns:media='http://search.yahoo."
                                  b"com/mrss/'>x</media:title>")
    assert parse_rss2(media, None, None) is None
    assert parse_rss2(SYNTHETIC_RSS.replace(b"utf-8", b"iso-8859-1"), None, None) is None
    assert parse_rss2(SYNTHETIC_RSS[:-20], None, None) is None  # ill-formed: feedparser's recovery decides
    assert parse_rss2(BILLION_LAUGHS, None, None) is None

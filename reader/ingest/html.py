"""HTML fragments (feed content, pages) to clean text that keeps the structure a reader needs.

Paragraphs, headings and list items become paragraphs separated by one blank line (list items keep a
bullet or their number); images keep their caption (``<figcaption>``, else ``alt``/``title``) as
captions apart from the body; scripts, styles, forms and embedded objects are dropped. Links keep
only their text: ``javascript:`` and other URLs never reach the stored text. The parser is lxml's
HTML parser with network access off, so nothing in a fragment can make us fetch anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from reader.ingest.clean import clean_line

_DROP = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "applet", "head", "svg",
    "math", "form", "button", "select", "textarea", "input", "nav", "canvas", "audio", "video", "map",
    "title", "meta", "link",
}
_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "address", "blockquote",
    "pre", "table", "thead", "tbody", "tfoot", "tr", "dl", "dt", "dd", "ul", "ol", "li", "hr",
    "figure", "details", "summary", "center", "body", "html", "fieldset", "caption",
    "h1", "h2", "h3", "h4", "h5", "h6",
}
_CELL = {"td", "th"}
_GENERIC_ALT = re.compile(r"^(image|img|photo|picture|icon|logo|spacer|pixel|banner)?[\s\d_.-]*$", re.I)
_LOOKS_HTML = re.compile(r"<[a-zA-Z/!]|&[#a-zA-Z0-9]+;")
_PARSER = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False,
                               default_doctype=False)
MAX_HTML_CHARS = 5_000_000


@dataclass
class HtmlText:
    body: str
    captions: list[str] = field(default_factory=list)


class _Walker:
    """Collects paragraphs of inline text; block boundaries flush the current paragraph."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.captions: list[str] = []
        self._line: list[str] = []
        self._prefix = ""

    def flush(self) -> None:
        if self._line:  # most block boundaries come with nothing collected: skip the cleaning call
            text = clean_line("".join(self._line))
            if text:
                self.paragraphs.append(self._prefix + text if self._prefix else text)
            self._line = []
        self._prefix = ""

    def add_caption(self, text: str | None) -> None:
        text = clean_line(text)
        if text and not _GENERIC_ALT.match(text) and text not in self.captions:
            self.captions.append(text)

    def walk(self, el: etree._Element, list_stack: list[list[int | str]]) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _DROP:
            self._tail(el)
            return
        if not tag:  # comments, processing instructions, entities
            self._tail(el)
            return
        if tag == "img":
            if not _inside_figure_with_caption(el):
                self.add_caption(el.get("alt") or el.get("title"))
            self._tail(el)
            return
        if tag == "figcaption":
            self.flush()
            self.add_caption(el.text_content())
            self._tail(el)
            return
        if tag == "br":
            self.flush()
            self._tail(el)
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        if tag in ("ul", "ol"):
            list_stack.append([tag, 0])
        elif tag == "li":
            marker = "•"
            if list_stack:
                kind = list_stack[-1]
                if kind[0] == "ol":
                    kind[1] = int(kind[1]) + 1
                    marker = f"{kind[1]}."
            self._prefix = "  " * max(len(list_stack) - 1, 0) + marker + " "
        elif tag in _CELL and self._line:
            self._line.append(" | ")
        if el.text:
            self._line.append(el.text)
        for child in el:
            self.walk(child, list_stack)
        if tag in ("ul", "ol") and list_stack:
            list_stack.pop()
        if block:
            self.flush()
        self._tail(el)

    def _tail(self, el: etree._Element) -> None:
        if el.tail:
            self._line.append(el.tail)


def _inside_figure_with_caption(el: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None:
        if isinstance(parent.tag, str) and parent.tag.lower() == "figure":
            return any(isinstance(c.tag, str) and c.tag.lower() == "figcaption" for c in parent.iter())
        parent = parent.getparent()
    return False


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.search(text))


def html_to_text(markup: str | None) -> HtmlText:
    """Clean text and captions from an HTML fragment or document; never raises on bad markup."""
    if not markup or not markup.strip():
        return HtmlText("")
    markup = markup[:MAX_HTML_CHARS]
    if not looks_like_html(markup):
        from reader.ingest.clean import clean_body

        return HtmlText(clean_body(markup))
    try:
        root = lxml_html.document_fromstring(markup, parser=_PARSER)
    except (etree.ParserError, ValueError):
        # Empty after parsing, or a declared encoding on a str: fall back to plain text.
        return HtmlText(clean_line(re.sub(r"<[^>]*>", " ", markup)))
    walker = _Walker()
    walker.walk(root, [])
    walker.flush()
    return HtmlText("\n\n".join(walker.paragraphs), walker.captions)


def plain_text(markup: str | None) -> str:
    """One line of text from a title or summary that may contain markup or entities."""
    if not markup:
        return ""
    if not looks_like_html(markup):
        return clean_line(markup)
    return " ".join(html_to_text(markup).body.split())

"""Plain-text article dumps: text scraped from news pages, one or many articles a file.

A scrape repeats the page header: the headline and the photo caption appear twice (page header and
article header), widget labels (``TT``, ``20`` from a font-size control) sit between them, then the
body paragraphs follow. This module finds each article's start by its repeated headline, keeps the
title and every caption once, drops the debris, and keeps every body paragraph in order.
Files without repeated headers split on runs of blank lines, or are one article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.ingest.clean import clean_line, sanitize
from reader.models import Article
from reader.timeutil import parse_date

# Standalone lines left by page widgets: font-size controls, share buttons, counters.
_DEBRIS = re.compile(
    r"^(?:T\s?T|A\s?A|A|Aa|A[+-]|\d{1,3}|[+\-−–|•·]|font size|text size|print|share|email|e-mail|tweet|"
    r"facebook|twitter|x|whatsapp|telegram|linkedin|copy link|link copied|read more|advertisement|"
    r"listen|listen to this article|save|comments?)$",
    re.IGNORECASE,
)
# A photo credit at the end of a caption: "(File Photo: Reuters)", "(Reuters)", "(AFP)".
_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:photo|photos|picture|image|file|reuters|afp|ap|getty|epa|anadolu|xinhua|"
    r"spa|wam|courtesy|credit|handout|ap photo|shutterstock)\b[^()]*)\)\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^[Bb][Yy]\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4}$")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")
_HEADER_WINDOW = 15  # a headline repeats within this many lines when the page header is scraped
_MAX_TITLE = 250


@dataclass
class _Line:
    text: str
    blanks_before: int


@dataclass
class _Draft:
    title: str
    captions: list[str] = field(default_factory=list)
    published: str | None = None
    author: str | None = None
    body_lines: list[_Line] = field(default_factory=list)


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blanks = 0
    for raw in sanitize(text).split("\n"):
        line = clean_line(raw)
        if not line:
            blanks += 1
            continue
        out.append(_Line(line, blanks if out else 0))
        blanks = 0
    return out


def is_debris(line: str) -> bool:
    return bool(_DEBRIS.match(line.strip()))


def _is_caption(line: str) -> bool:
    return bool(_CREDIT.search(line))


def _title_like(line: str) -> bool:
    return (
        2 < len(line) <= _MAX_TITLE
        and not is_debris(line)
        and not _is_caption(line)
        and not line.endswith((".", ",", ";"))
    )


def _repeated_title_starts(lines: list[_Line]) -> list[int]:
    """Indexes where an article starts: a headline that repeats a few lines later."""
    starts: list[int] = []
    i = 0
    while i < len(lines):
        text = lines[i].text
        if _title_like(text):
            window = lines[i + 1 : i + 1 + _HEADER_WINDOW]
            repeats = [k for k, line in enumerate(window, start=i + 1) if line.text == text]
            if repeats:
                starts.append(i)
                i = repeats[-1] + 1
                continue
        i += 1
    return starts


def _gap_starts(lines: list[_Line]) -> list[int]:
    """Fallback: a run of two or more blank lines followed by a headline-like line starts an article."""
    starts = [0]
    for i, line in enumerate(lines[1:], start=1):
        if line.blanks_before >= 2 and _title_like(line.text):
            starts.append(i)
    return starts


def _header_extra(draft: _Draft, line: str) -> bool:
    """Take a header line (caption, date, byline) into the draft; False if it is body text."""
    if is_debris(line):
        return True
    if line == draft.title:
        return True
    if line in draft.captions:
        return True
    if _is_caption(line):
        draft.captions.append(line)
        return True
    if len(line) < 60 and draft.published is None:
        date = parse_date(line)
        if date:
            draft.published = date
            return True
    if draft.author is None and _BYLINE.match(line):
        draft.author = line[3:].strip()
        return True
    return False


def _draft(span: list[_Line]) -> _Draft:
    draft = _Draft(title=span[0].text)
    last_title = max(
        (k for k, line in enumerate(span[:_HEADER_WINDOW + 1]) if line.text == draft.title), default=0
    )
    # Inside the repeated header every non-title line is header material (captions, widgets).
    seen_twice = {line.text for line in span[: last_title + 1] if sum(
        1 for other in span[: last_title + 1] if other.text == line.text) > 1}
    for line in span[1 : last_title + 1]:
        text = line.text
        if text == draft.title or is_debris(text) or text in draft.captions:
            continue
        if _header_extra(draft, text):
            continue
        if text in seen_twice or len(text) > 40:
            draft.captions.append(text)
    k = last_title + 1
    while k < len(span) and _header_extra(draft, span[k].text):
        k += 1
    draft.body_lines = span[k:]
    return draft


def _paragraphs(draft: _Draft) -> list[str]:
    """Body paragraphs: blank lines separate them; hard-wrapped lines are joined back."""
    skip = {draft.title, *draft.captions}
    paragraphs: list[str] = []
    previous: str | None = None
    for line in draft.body_lines:
        text = line.text
        if text in skip or is_debris(text) or text == previous:
            previous = text
            continue
        joinable = (
            paragraphs
            and line.blanks_before == 0
            and previous is not None
            and previous not in skip
            and not _SENTENCE_END.search(paragraphs[-1])
            and 30 <= len(previous) <= 100
        )
        if joinable:
            paragraphs[-1] += " " + text
        else:
            paragraphs.append(text)
        previous = text
    return paragraphs


def parse_text_dump(text: str, *, source: str | None = None) -> list[Article]:
    """Split a scraped text dump into clean articles."""
    lines = _lines(text)
    if not lines:
        return []
    starts = _repeated_title_starts(lines)
    if not starts:
        starts = _gap_starts(lines)
    elif starts[0] != 0 and not all(is_debris(line.text) for line in lines[: starts[0]]):
        # Text before the first repeated headline is an article of its own.
        starts.insert(0, 0)
    articles: list[Article] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        span = [line for line in lines[start:end]]
        while span and is_debris(span[0].text):
            span.pop(0)
        if not span:
            continue
        draft = _draft(span)
        paragraphs = _paragraphs(draft)
        if not paragraphs and not draft.captions:
            continue
        articles.append(
            Article(
                title=draft.title,
                body="\n\n".join(paragraphs),
                captions=draft.captions,
                published=draft.published,
                author=draft.author,
                source=source,
            )
        )
    return articles

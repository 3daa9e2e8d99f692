"""JSON Lines articles: one object a line (``title``, ``text`` or ``body``, optional ``id``, ``url``,
``published``, ``source``, ``author``, ``tags``; unknown fields are ignored)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from reader.ingest.clean import clean_body, clean_line, sanitize
from reader.models import Article
from reader.timeutil import parse_date


class RecordError(ValueError):
    """One bad record; the others in the file still import."""


def _as_tags(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [t.strip() for t in value.split(",") if t.strip()]
    if isinstance(value, list):
        return [clean_line(str(t)) for t in value if str(t).strip()]
    return []


def article_from_record(record: object) -> Article:
    if not isinstance(record, dict):
        raise RecordError("not a JSON object")
    body = record.get("text")
    if body is None:
        body = record.get("body", record.get("content", ""))
    if not isinstance(body, str):
        raise RecordError("'text'/'body' is not a string")
    title = clean_line(str(record.get("title") or ""))
    body = clean_body(body)
    if not title:
        first = body.split("\n\n", 1)[0]
        title = first[:120] if first else ""
    if not title and not body:
        raise RecordError("no title and no text")
    guid = record.get("id", record.get("guid"))
    captions = record.get("captions") or []
    return Article(
        title=title,
        body=body,
        guid=sanitize(str(guid)) if guid not in (None, "") else None,
        url=clean_line(str(record["url"])) if record.get("url") else None,
        published=parse_date(record.get("published") or record.get("date")),
        source=clean_line(str(record["source"])) if record.get("source") else None,
        author=clean_line(str(record["author"])) if record.get("author") else None,
        summary=clean_body(str(record["summary"])) if record.get("summary") else None,
        captions=[clean_line(str(c)) for c in captions if str(c).strip()] if isinstance(captions, list) else [],
        tags=_as_tags(record.get("tags")),
    )


def parse_jsonl(lines: Iterable[str]) -> Iterator[tuple[int, Article | RecordError]]:
    """Yield ``(line_number, article_or_error)`` for each non-empty line."""
    for number, line in enumerate(lines, start=1):
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        try:
            yield number, article_from_record(json.loads(line))
        except json.JSONDecodeError as exc:
            yield number, RecordError(f"invalid JSON: {exc.msg} at column {exc.colno}")
        except RecordError as exc:
            yield number, exc
        except RecursionError:
            yield number, RecordError("JSON nested too deeply")

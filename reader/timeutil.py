"""Dates in one format everywhere: ISO 8601 in UTC with a trailing ``Z``."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def now_utc() -> str:
    return format_utc(datetime.now(UTC))


def format_utc(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_struct_time(value: time.struct_time | None) -> str | None:
    """feedparser's ``*_parsed`` fields are UTC struct_time tuples."""
    if value is None:
        return None
    try:
        return format_utc(datetime(*value[:6], tzinfo=UTC))
    except (TypeError, ValueError):
        return None


def parse_date(value: object) -> str | None:
    """Best-effort parse of a date from JSON, a feed or a scraped page into UTC ISO; None if unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return format_utc(value)
    if isinstance(value, date):
        return format_utc(datetime(value.year, value.month, value.day, tzinfo=UTC))
    if isinstance(value, int | float):
        try:
            return format_utc(datetime.fromtimestamp(float(value), UTC))
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    if _ISO_DATE.match(text):
        text += "T00:00:00+00:00"
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        return format_utc(datetime.fromisoformat(iso))
    except ValueError:
        pass
    try:
        return format_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in ("%A, %d %B, %Y - %H:%M", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d"):
        try:
            return format_utc(datetime.strptime(text, fmt))
        except ValueError:
            continue
    return None

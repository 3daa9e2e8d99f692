"""Turn what a person types into safe FTS5 syntax.

Supported: words (prefix with ``word*``), "quoted phrases", ``AND``/``OR``/``NOT`` in capitals, and
``-word`` to exclude. Everything else is quoted, so no input can raise an FTS5 syntax error.
"""

from __future__ import annotations

import re

from reader.store.connection import StoreError

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_OPERATORS = {"AND", "OR", "NOT"}
_WORDISH = re.compile(r"[\w]", re.UNICODE)


class SearchQueryError(StoreError):
    pass


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_query(text: str) -> str:
    """Return an FTS5 MATCH expression for user input, or raise :class:`SearchQueryError`."""
    parts: list[str] = []  # alternating terms and operators
    pending_op: str | None = None
    text = text.replace("\x00", " ")
    if text.count('"') % 2:  # a lone quote: treat it as a space rather than an error
        index = text.rfind('"')
        text = text[:index] + " " + text[index + 1 :]
    for match in _TOKEN.finditer(text):
        phrase, word = match.group(1), match.group(2)
        negate = False
        if phrase is not None:
            if not _WORDISH.search(phrase):
                continue
            term = _quote(phrase.strip())
        else:
            if word in _OPERATORS:
                if parts:
                    pending_op = word
                continue
            if word.startswith("-") and len(word) > 1:
                negate, word = True, word[1:]
            prefix = word.endswith("*")
            core = word.rstrip("*")
            if not _WORDISH.search(core):
                continue
            term = _quote(core) + ("*" if prefix else "")
        if not parts:
            if negate:
                continue  # FTS5 cannot start with NOT; an exclusion alone matches nothing useful
            parts.append(term)
        else:
            op = "NOT" if negate else (pending_op or "AND")
            parts.append(op)
            parts.append(term)
        pending_op = None
    if not parts:
        raise SearchQueryError(f"nothing to search for in {text.strip()!r}")
    return " ".join(parts)

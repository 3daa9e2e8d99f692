"""Text normalisation shared by ingest (dedupe) and the store: one definition of "same content"."""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _combining() -> tuple[frozenset[str], dict[int, None]]:
    """Every character with a non-zero combining class: as a set (a quick "any here?" test) and as a
    str.translate table deleting them (built once)."""
    marks = [cp for cp in range(0x300, sys.maxunicode + 1) if unicodedata.combining(chr(cp))]
    return frozenset(map(chr, marks)), dict.fromkeys(marks)


def normalise_for_hash(text: str) -> str:
    """Fold case, accents, punctuation and spacing so light re-formatting is not a new article."""
    if not text.isascii():  # NFKD and combining marks only matter outside ASCII (and are slow per char)
        text = unicodedata.normalize("NFKD", text)
        marks, table = _combining()
        if not marks.isdisjoint(text):
            text = text.translate(table)
    # The words joined by single spaces (the same as replacing each run of non-word characters by a space).
    return " ".join(_WORD.findall(text.casefold()))


def content_hash(title: str, body: str) -> str:
    """Hash of the normalised body, or of the title when there is no body."""
    basis = normalise_for_hash(body) or "title:" + normalise_for_hash(title)
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()

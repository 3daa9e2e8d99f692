"""Text normalisation shared by ingest (dedupe) and the store: one definition of "same content"."""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _combining() -> dict[int, None]:
    """A str.translate table deleting every code point with a non-zero combining class (built once)."""
    return {cp: None for cp in range(0x300, sys.maxunicode + 1) if unicodedata.combining(chr(cp))}


def normalise_for_hash(text: str) -> str:
    """Fold case, accents, punctuation and spacing so light re-formatting is not a new article."""
    if not text.isascii():  # NFKD and combining marks only matter outside ASCII (and are slow per char)
        text = unicodedata.normalize("NFKD", text)
        if not text.isascii():
            text = text.translate(_combining())
    return _NON_WORD.sub(" ", text.casefold()).strip()


def content_hash(title: str, body: str) -> str:
    """Hash of the normalised body, or of the title when there is no body."""
    basis = normalise_for_hash(body) or "title:" + normalise_for_hash(title)
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()

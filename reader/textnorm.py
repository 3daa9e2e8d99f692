"""Text normalisation shared by ingest (dedupe) and the store: one definition of "same content"."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_for_hash(text: str) -> str:
    """Fold case, accents, punctuation and spacing so light re-formatting is not a new article."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text.casefold()).strip()


def content_hash(title: str, body: str) -> str:
    """Hash of the normalised body, or of the title when there is no body."""
    basis = normalise_for_hash(body) or "title:" + normalise_for_hash(title)
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()

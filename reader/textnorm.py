"""Text normalisation shared by ingest (dedupe) and the store: one definition of "same content"."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# ASCII characters other than letters and digits ("_" too, as in the regex [\W_]+) become spaces.
_ASCII_NON_WORD = {c: " " for c in range(128) if not chr(c).isalnum()}
_ASCII_NON_WORD_BYTES = bytes.maketrans(bytes(range(128)), bytes(c if chr(c).isalnum() else 32 for c in range(128)))
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_COMBINING: dict[str, bool] = {}


def _is_combining(ch: str) -> bool:
    found = _COMBINING.get(ch)
    if found is None:
        found = _COMBINING[ch] = unicodedata.combining(ch) != 0
    return found


def _non_ascii_chars(text: str) -> set[str]:
    return set("".join(_NON_ASCII.findall(text)))


def normalise_for_hash(text: str) -> str:
    """Fold case, accents, punctuation and spacing so light re-formatting is not a new article.

    Defined as: NFKD, drop combining marks, casefold, every run of characters other than letters
    and digits (regex ``[\\W_]+``) becomes one space, strip. Computed without a regex substitution
    (one match per word made it most of a feed's parse time): characters are mapped to spaces with
    ``translate``/``replace`` in C and the words joined again by ``split``/``join``.
    """
    if text.isascii():  # ASCII has nothing to decompose; casefold is lower
        return " ".join(text.lower().translate(_ASCII_NON_WORD).split())
    text = unicodedata.normalize("NFKD", text)
    folded: set[str] = set()  # the non-ASCII characters the casefolded text will hold
    for ch in _non_ascii_chars(text):
        if _is_combining(ch):
            text = text.replace(ch, "")
        else:
            folded.update(ch.casefold())  # casefold maps each character on its own (no context)
    text = text.casefold()
    for ch in folded:
        if not ch.isalnum() and not ch.isascii():  # the regex's \w is str.isalnum (or "_", ASCII)
            text = text.replace(ch, " ")
    # UTF-8 bytes of non-ASCII characters are all >= 0x80, so mapping ASCII bytes is safe.
    return b" ".join(text.encode("utf-8").translate(_ASCII_NON_WORD_BYTES).split()).decode("utf-8")


def content_hash(title: str, body: str) -> str:
    """Hash of the normalised body, or of the title when there is no body."""
    basis = normalise_for_hash(body) or "title:" + normalise_for_hash(title)
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()

"""Make text from anywhere safe to store and show: no terminal escapes, no control characters.

Everything that enters the store passes through :func:`sanitize` first, so the UI and CLI can print
stored text without letting a feed move the cursor, clear the screen or write the clipboard (OSC 52).
"""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences: CSI, OSC (BEL or ST terminated), DCS/SOS/PM/APC strings, and 2-byte escapes.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?                    # CSI ... final byte
  | \x1b\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?  # OSC ... BEL | ST (an unterminated one stops at the line end)
  | \x1b[PX^_][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?       # DCS, SOS, PM, APC ... ST
  | \x1b[ -/]*[0-~]?                            # other escapes: ESC 7, ESC c, ESC ( B, and a lone ESC
  | \x9b[0-?]*[ -/]*[@-~]?                      # 8-bit CSI
  | \x9d[^\x07\x1b\x9c\n]*(?:\x07|\x9c)?         # 8-bit OSC (other C1 controls are dropped one by one)
    """,
    re.VERBOSE,
)
# Bidi embeddings/overrides/isolates/marks and invisible characters used to spoof text. Joiners
# (U+200C/U+200D) stay: Persian, Indic scripts and emoji need them.
# (A regex, not str.translate: translate with a dict looks up every character in Python's dict.)
_INVISIBLE = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f\u061c\u180e\u2060-\u2064\ufeff\u00ad\ufff9-\ufffb]"
)
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; tab and newline are kept.
# A regex runs in C: testing each character in Python made sanitizing 75% of an import's time.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def sanitize(text: str | None) -> str:
    """Remove escape sequences, control characters and bidi/invisible tricks; keep newlines."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ESCAPES.sub("", text)
    if text.isascii():  # the common case: only the control characters can be wrong
        return _CONTROLS.sub("", text)
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", _CONTROLS.sub("", text))


def _already_clean(text: str) -> bool:
    """True when :func:`sanitize` would return ``text`` unchanged and its only space is U+0020.

    str.isprintable() is False for every control, format (bidi, invisible) and separator character
    except the ASCII space -- exactly what sanitize removes or split() splits on (a unit test checks
    this over all of Unicode) -- so only NFC is left to check. Most titles and paragraphs pass, and
    then cleaning costs a few scans in C instead of regex substitutions and a split into words.
    """
    return text.isprintable() and (text.isascii() or unicodedata.is_normalized("NFC", text))


def clean_line(text: str | None) -> str:
    """One line of text (a title, an author): sanitized, single-spaced, stripped."""
    if not text:
        return ""
    if _already_clean(text):
        if "  " in text or text[0] == " " or text[-1] == " ":
            return " ".join(text.split())
        return text
    # str.split() splits on every Unicode space too (NBSP, thin and ideographic spaces).
    return " ".join(sanitize(text).split())


def clean_paragraphs(paragraphs: list[str]) -> str:
    """Join paragraphs with one blank line, each single-spaced; empty ones are dropped."""
    cleaned = (clean_line(p) for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def clean_body(text: str | None) -> str:
    """A body: paragraphs split on blank lines, each paragraph's lines joined with a space."""
    text = sanitize(text)
    return clean_paragraphs(_BLANK_LINES.split(text))

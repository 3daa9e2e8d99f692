"""The faster sanitize / clean_line / content-hash code gives exactly what the simple definitions give."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest import clean
from reader.textnorm import normalise_for_hash

_NON_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def reference_hash_text(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text.casefold()).strip()


def reference_sanitize(text: str) -> str:
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = clean._ESCAPES.sub("", text)
    text = clean._INVISIBLE.sub("", text)
    text = "".join(ch for ch in text if not (unicodedata.category(ch) == "Cc" and ch not in "\n\t"))
    return unicodedata.normalize("NFC", text)


TRICKY = st.sampled_from(list("aZ9_ é\u0301\u0327\u20dd\u0345ǅẞßİ’“”—…\t\n\r\x00\x07\x1b\x7f\x85\x9b\x9d\u00a0"
                              "\u2003\u202e\u2066\u200b\ufeff\u00ad①ﬁ한中\ud800\x1c\u3000") + ["\x1b[31m", "\x1b]52;c;x\x07", "  ", "\u212b", "\u1100\u1161"])
TEXT = st.lists(st.one_of(TRICKY, st.characters()), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_hash_normalisation_matches_the_definition(text: str) -> None:
    assert normalise_for_hash(text) == reference_hash_text(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_sanitize_and_clean_line_match_the_definition(text: str) -> None:
    assert clean.sanitize(text) == reference_sanitize(text)
    assert clean.clean_line(text) == " ".join(_SPACES.sub(" ", reference_sanitize(text)).split())


def test_printable_excludes_everything_sanitize_removes_or_split_splits_on() -> None:
    # clean_line's fast path (clean._already_clean) relies on this for every code point.
    for code in range(0x110000):
        ch = chr(code)
        if ch.isprintable():
            assert ch == " " or not ch.isspace(), hex(code)
            assert not clean._INVISIBLE.match(ch) and not clean._CONTROLS.match(ch), hex(code)
            assert ch not in "\r\x1b\x9b\x9d", hex(code)

"""Bytes to text: BOMs, UTF-8, declared charsets, and detection of legacy 8-bit encodings."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


class DecodeError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    """Many NULs or control bytes in the first 8 KB, and no UTF-16/32 BOM to explain them.

    A few stray NULs or escape sequences in scraped text do not make it binary: they are removed by
    :func:`reader.ingest.clean.sanitize` like any other control character.
    """
    head = data[:8192]
    if not head or any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if head.count(b"\x00") > max(2, len(head) // 100):
        return True
    # ESC is left out: text with colour codes (a terminal capture, a hostile page) is still text.
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 and b != 0x1B)
    return controls / len(head) > 0.05


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode text of unknown encoding without ever raising on bad bytes (binary aside)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    if looks_binary(data):
        raise DecodeError("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding, errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")

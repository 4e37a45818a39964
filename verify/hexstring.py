"""A faster reader for PDF hex strings, installed into pyHanko's parser.

pyHanko reads a hex string ``<...>`` one byte per ``stream.read(1)`` call.
A signature's ``/Contents`` is such a string of 8–64 KiB, and it is parsed
each time its dictionary is read (discovery, then again for every historical
revision the difference analysis visits): on a countersigned file that was
the largest single cost of the signature checks.

:func:`read_hex_string` reads the string in chunks and decodes it at once.
Anything unusual — a comment (``%``) inside the string, a byte that is
neither hex nor whitespace, no closing ``>`` before the end of the stream —
rewinds and hands over to pyHanko's own reader, so results and errors are
exactly the library's. :func:`install` is idempotent.
"""

from __future__ import annotations

import binascii
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PDF_WHITESPACE

CHUNK = 64 * 1024
MAX_BYTES = 64 * 1024 * 1024
"""Longer strings go through the library's reader (no unbounded buffer here)."""

_ORIGINAL = generic.read_hex_string_from_stream
_NOT_HEX = PDF_WHITESPACE + b"0123456789abcdefABCDEF"


def read_hex_string(stream: Any) -> generic.ByteStringObject | generic.TextStringObject:
    """Same contract as ``pyhanko.pdf_utils.generic.read_hex_string_from_stream``."""
    start = stream.tell()
    stream.read(1)  # the opening '<'
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(CHUNK)
        end = chunk.find(b">")
        if end >= 0:
            parts.append(chunk[:end])
            consumed = size + end + 1
            break
        if not chunk or size > MAX_BYTES:
            return _fallback(stream, start)
        parts.append(chunk)
        size += len(chunk)
    body = b"".join(parts)
    if body.translate(None, _NOT_HEX):  # a comment or a stray byte: the library decides
        return _fallback(stream, start)
    digits = body.translate(None, PDF_WHITESPACE)
    if len(digits) % 2:
        digits += b"0"
    stream.seek(start + 1 + consumed)
    return generic.pdf_string(binascii.unhexlify(digits))


def _fallback(stream: Any, start: int) -> generic.ByteStringObject | generic.TextStringObject:
    stream.seek(start)
    return _ORIGINAL(stream)


def install() -> None:
    """Make pyHanko's object parser use :func:`read_hex_string`."""
    generic.read_hex_string_from_stream = read_hex_string

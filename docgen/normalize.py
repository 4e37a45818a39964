"""Text normalisation applied to every string of every input before validation.

Some systems send Vietnamese decomposed (NFD: ``e`` + combining marks); Word
shows it, but searching, sorting and PDF text extraction break, so every string
is composed (NFC). Characters that XML 1.0 forbids (control characters other
than tab and newline) would make the DOCX unreadable, so they are dropped here
rather than trusted to the template engine.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(value: str) -> str:
    """NFC-compose and drop characters a Word document cannot hold."""
    return _XML_ILLEGAL.sub("", unicodedata.normalize("NFC", value))


def normalize_data(data: Any) -> Any:
    """A copy of JSON-like data with every string (keys included) cleaned.

    Walks with an explicit stack, not recursion: input from the network may
    be nested hundreds of levels deep, and must then be refused by the
    validation that follows, not overflow the interpreter's stack here.
    """
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(data, root, 0)]
    while stack:
        value, parent, slot = stack.pop()
        if isinstance(value, str):
            parent[slot] = clean_text(value)
        elif isinstance(value, dict):
            copy: dict[Any, Any] = {}
            parent[slot] = copy
            items = [(normalize_key(k), v) for k, v in value.items()]
            for key, _item in items:
                copy[key] = None  # keys in their order; a later duplicate wins, as before
            stack.extend((item, copy, key) for key, item in reversed(items))
        elif isinstance(value, list | tuple):
            parent[slot] = [None] * len(value)
            stack.extend((item, parent[slot], i) for i, item in reversed(list(enumerate(value))))
        else:
            parent[slot] = value
    return root[0]


def normalize_key(key: Any) -> Any:
    return clean_text(key) if isinstance(key, str) else key

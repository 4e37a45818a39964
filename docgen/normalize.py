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
    """A copy of JSON-like data with every string (keys included) cleaned."""
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, dict):
        return {normalize_data(key): normalize_data(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [normalize_data(item) for item in data]
    return data

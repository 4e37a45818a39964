"""Line breaks a clerk would never make: inside a document number, a phone number, an e-mail.

LibreOffice (like Word) breaks lines by Unicode's rules, which allow a break
after the hyphen of ``12/QĐ-UBND``, after the slash of ``42/2022/NĐ-CP`` and at
the spaces of ``0912 345 678``. When such a token straddles the end of a line it
comes out as ``12/QĐ-`` / ``UBND``: a number nobody can quote. Every value a
template prints passes through :func:`keep_together` (the Jinja environment's
``finalize``), and the template scaffolds pass their fixed text through it too:

- document numbers: the hyphen becomes U+2011 NON-BREAKING HYPHEN and a U+2060
  WORD JOINER follows each slash (LibreOffice prints them as ``-`` and nothing,
  and a PDF's text reads ``12/QĐ-UBND`` as before);
- phone numbers: their spaces and dots become U+00A0 NO-BREAK SPACE;
- e-mail addresses: their hyphens become U+2011.

A token longer than its whole column still has to break somewhere: the table
widths are chosen so that real ones fit (see ``tools/``).
"""

from __future__ import annotations

import re
from typing import Any

NON_BREAKING_HYPHEN = "\u2011"
WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"

DOCUMENT_NUMBER = re.compile(r"\b\d{1,4}/(?:\d{4}/)?[A-ZĐ]{1,8}(?:-[A-ZĐ0-9]{1,10})+")
PHONE = re.compile(r"(?<![\d/])(?:\+84|0)\d{2,3}(?:[ .]\d{3,4}){2}(?![\d/])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _number(match: re.Match[str]) -> str:
    return match.group(0).replace("-", NON_BREAKING_HYPHEN).replace("/", "/" + WORD_JOINER)


def keep_together(text: str) -> str:
    """``text`` with no line-break opportunity inside its document numbers, phone numbers
    and e-mail addresses (anything else is left as it is)."""
    if not any(ch.isdigit() or ch == "@" for ch in text):
        return text
    text = DOCUMENT_NUMBER.sub(_number, text)
    text = PHONE.sub(lambda m: re.sub(r"[ .]", NO_BREAK_SPACE, m.group(0)), text)
    return EMAIL.sub(lambda m: m.group(0).replace("-", NON_BREAKING_HYPHEN), text)


def plain(text: str) -> str:
    """The text as a reader types it: the invisible joiners out, ordinary hyphens (no-break
    spaces stay: they are whitespace to any reader)."""
    return text.replace(WORD_JOINER, "").replace(NON_BREAKING_HYPHEN, "-")


def finalize(value: Any) -> Any:
    """Jinja's ``finalize``: every printed string goes through :func:`keep_together`."""
    return keep_together(value) if isinstance(value, str) else value

"""The signature block that closes a document: authority, title and name of the signer.

Nghị định 30 puts it on the right, after the body, beside ``Nơi nhận``: an
optional authority line (``TM.``, ``KT.``, ``TL.``, ``TUQ.``, ``Q.``), the
title in capitals, the space for the signature and seal, and the name. A
block may begin at the foot of one page and end on the next (a browser or
a word processor that keeps no lines together), so the lines of the page
before the last are joined in front of the last page's when the last page
holds only the end of the block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from verify.textlayer import DOUBTED, Line, in_rows
from verify.vntext import clean_value, fold, is_upper, letters

AUTHORITY = re.compile(r"(?:^|[^a-z])(tm|kt|tl|tuq|q)\s*[.,]\s*(?=[a-z])")
"""``TM.``, ``KT.``, ``TL.``, ``TUQ.``, ``Q.``, folded."""
_TM_READ_7M = re.compile(r"^\W*([71]m)\s*\.\s*(?=[a-z])")
"""``7M.`` or ``1M.`` opening the line: ``TM.`` as OCR reads it (``RỘNG 7M, BÊ TÔNG`` is
a width)."""
_BODY = r"(?:uy ban|hoi dong|ban) "
"""A collective body's name, which ``TM.`` (thay mặt) stands before: ``ỦY BAN NHÂN DÂN``,
``HỘI ĐỒNG NHÂN DÂN``, ``BAN CHỈ ĐẠO``; a signer's title never begins so."""
_TM_MISREAD = re.compile(rf"^\W*([a-z0-9]{{2}})\s*[.,]\s*(?={_BODY})")
"""Two glyphs and a point opening the line before a body's name (``TA. ỦY BAN NHÂN DÂN``):
``TM.`` as OCR misread it."""
_BLOCK_WORDS = re.compile(r"^\W*(noi nhan|kinh gui|nhu tren|luu\b)")


@dataclass
class ClosingParts:
    authority: str | None = None
    authority_line: Line | None = None
    title: list[Line] = field(default_factory=list)
    title_text: str | None = None
    """The title when it shares a line with the authority (``KT. CHỦ TỊCH PHÓ CHỦ TỊCH``)."""
    name: Line | None = None

    @property
    def needs_previous_page(self) -> bool:
        """Whether the page holds only the end of the block (a name, no title above it)."""
        return self.name is not None and not self.title and self.authority is None

    @property
    def is_block(self) -> bool:
        """Whether a signature block (a name under a title or an authority) was found."""
        return self.name is not None and (bool(self.title) or self.authority is not None)


def read_closing(lines: Sequence[Line]) -> ClosingParts:
    # The right column's lines in rows of their own: on a scan, a line of ``Nơi nhận`` at
    # the height of a title's two pieces may share a row with one piece and not the other
    # (``TỊCH`` before ``PHO`` in the page's order).
    right = [
        line
        for row in in_rows(line for line in lines if line.centre >= 0.45)
        for line in row
        if letters(line.text) >= 2
    ]
    parts = ClosingParts()
    start = None
    for i, line in enumerate(right):
        if _authority_at(line.text) is not None and is_upper(line.text):
            start = i  # the last one wins: the block closes the document
    block: list[Line]
    if start is not None:
        line = right[start]
        at = _authority_at(line.text)
        assert at is not None
        authority, title = _split_authority(_as_printed(line.text[at:].strip()))
        parts.authority, parts.authority_line, parts.title_text = authority, line, title
        block = right[start + 1 :]
    else:
        block = _trailing_block(right)
    for line in block:
        text = clean_value(line.text)
        if _instruction(line) or _BLOCK_WORDS.match(fold(text)):
            continue
        if parts.name is None and _title_like(line):
            if parts.title and line.top - parts.title[-1].bottom > 3 * line.height:
                continue  # a seal's text or a stamp far below the title
            parts.title.append(line)
        elif looks_like_name(text) and not (parts.title and parts.title[-1].shares_row(line)):
            parts.name = line  # not letters OCR read between the words of a title's line
    if parts.authority is None and len(parts.title) >= 2:
        if _names_a_body(parts.title[0]):
            # ``TM.`` lost on a scan: the body it stood before heads the title's lines
            parts.authority_line = parts.title.pop(0)
            parts.authority = f"TM. {parts.authority_line.text.strip()}"
        elif (pointless := _authority_without_point(parts.title[0])) is not None:
            parts.authority_line = parts.title.pop(0)
            parts.authority = pointless
    return parts


def _authority_at(text: str) -> int | None:
    """Where ``TM.``, ``KT.`` … begins in a line of the block; None when it has none."""
    folded = fold(text)
    match = AUTHORITY.search(folded) or _TM_READ_7M.match(folded) or _TM_MISREAD.match(folded)
    return match.start(1) if match is not None else None


_POINT_LOST = re.compile(r"^\W*(kt|tm|tl|tuq)\s+(?=[a-z])")
"""``KT CHỦ TỊCH``: an authority whose point OCR lost (or its writer left out)."""


def _authority_without_point(line: Line) -> str | None:
    """``KT CHỦ TỊCH`` heading a title's lines → ``KT. CHỦ TỊCH``: no signer's title begins
    with ``KT``, ``TM``, ``TL`` or ``TUQ``, so the line is the authority whose point was
    lost, and the lines under it are the title."""
    text = clean_value(line.text)
    match = _POINT_LOST.match(fold(text))
    if match is None:
        return None
    return f"{text[match.start(1) : match.end(1)]}. {text[match.end() :].strip()}"


def _as_printed(authority: str) -> str:
    """The authority line with a ``TM.`` OCR misread (``7M.``, ``TA.``) written ``TM.``."""
    folded = fold(authority)
    if AUTHORITY.match(folded) is None and (_TM_READ_7M.match(folded) or _TM_MISREAD.match(folded)):
        return "TM. " + authority[authority.index(".") + 1 :].strip()
    return authority


def _names_a_body(line: Line) -> bool:
    """A line that is a collective body's name and no title (``ỦY BAN NHÂN DÂN``)."""
    folded = fold(clean_value(line.text))
    return re.match(_BODY, folded + " ") is not None and not any(
        start.strip() in folded for start in _TITLE_STARTS
    )


# Titles that begin a signer's title line after an authority on the same line.
_TITLE_STARTS = ("pho ", "chu tich", "giam doc", "truong ", "chanh ", "bi thu", "thu truong")


def _split_authority(text: str) -> tuple[str, str | None]:
    """``KT. CHỦ TỊCH PHÓ CHỦ TỊCH`` → (``KT. CHỦ TỊCH``, ``PHÓ CHỦ TỊCH``); else (text, None)."""
    folded = fold(text)
    head = re.match(r"^(tm|kt|tl|tuq|q)\s*[.,]\s*", folded)
    if head is None:
        return text, None
    for start in _TITLE_STARTS:
        at = folded.find(" " + start, head.end() + 2)
        if at > 0:
            return text[:at].strip(), text[at:].strip()
    return text, None


def _trailing_block(right: Sequence[Line]) -> list[Line]:
    """Without an authority: the title lines above the last name.

    Instructions in parentheses between them (``(Ký, ghi rõ họ tên)``) are
    passed over; a title is in capitals, or bold (``Xác nhận của UBND xã``).
    """
    for i in range(len(right) - 1, -1, -1):
        name = right[i]
        if looks_like_name(clean_value(name.text)):
            # The block is one column: lines centred over the name (a table's
            # last column or another signer's block beside it are not).
            column = [line for line in right[:i] if abs(line.centre - name.centre) < 0.12]
            j = len(column)
            while j > 0 and (_instruction(column[j - 1]) or _title_like(column[j - 1])):
                below = column[j] if j < len(column) else None
                if below is not None and below.top - column[j - 1].bottom > 2 * below.height:
                    break  # a gap inside the title: what is above belongs to something else
                j -= 1
            return [*column[j:], name]
    return []


def _instruction(line: Line) -> bool:
    return line.text.strip().startswith(("(", "["))


def _title_like(line: Line) -> bool:
    text = clean_value(line.text)
    return (is_upper(text) or bool(line.bold)) and not looks_like_name(text) and not _speck(line)


def _speck(line: Line) -> bool:
    """One word of two letters at most that Tesseract doubts, alone on its line (``ỦT``
    between ``KT. CHỦ TỊCH`` and ``PHÓ CHỦ TỊCH``): a speck of the scan, no line of a
    title. A title's ``KT.`` is sure, and never alone on a line."""
    if len(line.words) != 1:
        return False
    word = line.words[0]
    return word.confidence is not None and word.confidence < DOUBTED and letters(word.text) <= 2


def looks_like_name(text: str) -> bool:
    """``Nguyễn Văn Hải``: two to six capitalised words of letters, not all in capitals."""
    words = text.strip().rstrip(".").split()
    return (
        2 <= len(words) <= 6
        and all(w[0].isupper() for w in words)
        and not is_upper(text)
        and all(letters(w) == len(w) for w in words)
    )

"""The number and symbol of a document (``Số: 15/QĐ-UBND``), as printed or as OCR left it.

NĐ 30 (Điều 8, Phụ lục III): ``<number>/<type code>-<issuer>[-<unit>]``, or
for a letter ``<number>/<issuer>-<unit>``; legal documents add the year
(``15/2024/QĐ-UBND``). OCR drops the thin ``/`` and ``-`` of small print
(``1232TBUBND``, ``308/KHUBND``). They are put back only when the structure
is unambiguous — the digits, then a Phụ lục III code that is the document's
own type (read from its title), then the issuer — and the value is then
marked as restored for the reviewer. Anything else is kept as read and
marked uncertain, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from verify.doctypes import TYPE_CODES, type_for_code
from verify.gazetteer import is_unit_word
from verify.vntext import (
    ABBREVIATIONS,
    dropped_letter,
    fold,
    letters_confused,
    one_edit,
    one_letter_confused,
)

_DASHES = str.maketrans({"—": "-", "–": "-", "‐": "-", "‑": "-", "⁄": "/", "∕": "/", "\\": "/"})
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "S": "5"})
_DIGITS_READ_AS_SIGNS = {"§": "8", "ó": "6", "Ó": "6"}
"""Digits Tesseract reads as a sign or a marked letter (``8§3``, ``ó1``): an ``8`` drawn
taller, a ``6`` whose stem it took for an accent. Neither has a place among digits."""
_DIGIT_READ_AS_SIGN = re.compile(r"(?<=\d)[§óÓ]|^[§óÓ](?=\d)|[§óÓ](?=\d*/)")
_DIGITS_SPLIT = re.compile(r"^(\d{1,3})\s+(?=\d{1,3}/[^\W\d_])")
"""A number's digits OCR read as two words (``1 12/BB-STTTT``): nothing but the
number's digits stands between ``Số:`` and the ``/`` of its symbol."""
_ISSUERS = ("UBND", "HĐND", "HDND", "STTTT", "SNV", "STC", "SKHĐT", "VP", "BCĐ", "UBMTTQ")
_ISSUERS_FOLDED = {fold(code): code for code in reversed(_ISSUERS)}
"""Each issuer by its folded letters (``hdnd`` → ``HĐND``, its written form)."""


@dataclass
class NumberReading:
    number: str | None = None
    """The whole number as it should be written: ``15/QĐ-UBND``; None when blank."""
    ordinal: str | None = None
    symbol: str | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    blank: bool = False
    """``Số:`` printed with no number (an unissued draft)."""
    restored: bool = False
    """Put back by hoso: a ``/`` or ``-`` OCR dropped, a code's letter or a digit it misread."""
    doubtful: bool = False
    """The structure could not be confirmed: the value is shown as read."""
    raw: str = ""


def read_number(
    rest: str, doc_type: str | None, *, ocr: bool = False, agency: str | None = None
) -> NumberReading:
    """Parse what follows ``Số:``; ``doc_type`` (from the title) confirms a restored code.

    ``ocr``: read by Tesseract, so a letter of a known issuer's code may be one
    it confuses with another (never assumed of a text layer). ``agency``: the
    issuing agency's name as the header gives it, whose initials are its own
    code (:func:`agency_code`).
    """
    text = unicodedata.normalize("NFC", rest).translate(_DASHES)
    text = text.replace("Ð", "Đ").replace("ð", "đ")
    signs = ocr and _DIGIT_READ_AS_SIGN.search(text) is not None
    if signs:
        text = _DIGIT_READ_AS_SIGN.sub(lambda sign: _DIGITS_READ_AS_SIGNS[sign.group()], text)
    text = re.sub(r"\s*([/-])\s*", r"\1", text).strip()
    if ocr:  # a speck read as a point by a ``/`` or ``-`` (``UBND-.VP``): no symbol so reads
        text = re.sub(r"(?<=[/-])\.+|\.+(?=[/-])", "", text)
    split = ocr and _DIGITS_SPLIT.match(text) is not None
    if split:
        text = _DIGITS_SPLIT.sub(r"\1", text, count=1)
    own = agency_code(agency) if ocr and agency else None
    if ocr and (joined := _code_rejoined(text, own)) is not None:
        text, split = joined, True
    # The value ends at the first space after it (OCR dust, a stray word).
    match = re.match(r"[\w/.&-]*", text)
    value = (match.group(0) if match else "").strip(" .,;:-_")
    reading = NumberReading(raw=value, restored=signs or split)
    if not value or not re.search(r"\d", value.split("/")[0]):
        reading.blank = bool(value) or not re.search(r"\w", text)
        if value:
            reading.symbol = value.strip("/")
            _codes(reading, reading.symbol)
        return reading
    if "/" not in value:
        value = _restore(value, doc_type, reading)
    parts = value.split("/")
    ordinal = parts[0].translate(_DIGIT_LOOKALIKES)
    if not ordinal.isdigit():
        reading.doubtful = True
    symbol = parts[-1] if len(parts) > 1 else ""
    if symbol and "-" not in symbol and doc_type:
        symbol = _split_symbol(symbol, doc_type, reading, own)
    if symbol and doc_type:
        symbol = _fix_code(symbol, doc_type, reading, ocr=ocr)
    if symbol and ocr:
        symbol = _fix_issuer(symbol, reading, own)
    reading.ordinal = ordinal
    reading.symbol = symbol or None
    reading.number = "/".join([ordinal, *parts[1:-1], symbol]) if symbol else ordinal
    _codes(reading, symbol)
    if symbol and not re.fullmatch(r"[A-Za-zĐđ0-9&]+(-[A-Za-zĐđ0-9&]+)*", symbol):
        reading.doubtful = True
    return reading


_CODE_SPLIT = re.compile(r"^(\S*[/-])([^\W\d_]+)\s+([^\W\d_]+)(?=$|[\s-])")
"""The symbol's last code and the word after it (``486/TB-STT TT``)."""


def _code_rejoined(text: str, own: str | None) -> str | None:
    """``486/TB-STT TT`` → ``486/TB-STTTT``: a code OCR read as two words, when together
    they are the issuing agency's own code (``own``) or a known issuer's; else None."""
    match = _CODE_SPLIT.match(text)
    if match is None:
        return None
    code = fold(match.group(2) + match.group(3))
    if code not in _ISSUERS_FOLDED and (own is None or code != fold(own)):
        return None
    return f"{match.group(1)}{match.group(2)}{match.group(3)}{text[match.end() :]}"


def _restore(value: str, doc_type: str | None, reading: NumberReading) -> str:
    """``1232TBUBND`` → ``1232/TB-UBND`` when the type is known; else as read, doubtful."""
    match = re.fullmatch(r"(\d+)([A-Za-zĐđ][\w-]*)", value)
    if match is None:
        return value
    digits, letters = match.groups()
    symbol = _split_symbol(letters, doc_type, reading) if doc_type else letters
    if "-" in symbol or (doc_type is None and letters.upper().startswith(_ISSUERS)):
        reading.restored = True
        return f"{digits}/{symbol}"
    reading.doubtful = True
    return value


def _split_symbol(
    symbol: str, doc_type: str, reading: NumberReading, own: str | None = None
) -> str:
    """``TBUBND`` → ``TB-UBND`` when it starts with ``doc_type``'s own code and goes on; a
    letter's ``STTTTVP`` → ``STTTT-VP`` when it starts with a known issuer's code, or,
    on a scan, with one letter off the header's agency's own (``own``: ``STTITVP``,
    whose letter :func:`_fix_issuer` then puts right)."""
    code = TYPE_CODES.get(doc_type)
    if code is not None and symbol[len(code) : len(code) + 1] == "-":
        return symbol  # split where it should be: only the ``/`` was lost
    if code is not None and fold(symbol).startswith(fold(code)) and len(symbol) > len(code) + 1:
        reading.restored = True
        return f"{symbol[: len(code)]}-{symbol[len(code) :]}"
    if code is None:  # a letter: ISSUER-UNIT
        for issuer in _ISSUERS:
            if symbol[len(issuer) : len(issuer) + 1] == "-":
                continue
            if fold(symbol).startswith(fold(issuer)) and len(symbol) > len(issuer) + 1:
                reading.restored = True
                return f"{symbol[: len(issuer)]}-{symbol[len(issuer) :]}"
        size = len(own or "")
        start = fold(symbol[:size])
        if own and len(symbol) > size + 1 and (start == fold(own) or one_edit(start, fold(own))):
            reading.restored = True
            return f"{symbol[:size]}-{symbol[size:]}"
    return symbol


def _fix_code(symbol: str, doc_type: str, reading: NumberReading, *, ocr: bool = False) -> str:
    """``TTIr-UBND`` on a TỜ TRÌNH → ``TTr-UBND``: one OCR letter off the type's own code;
    on a scan, ``QD-STTTT`` on a QUYẾT ĐỊNH → ``QĐ-STTTT``: its ``Đ`` read without its bar
    (a text layer's ``QD`` is what the producer wrote)."""
    code = TYPE_CODES.get(doc_type)
    head, dash, rest = symbol.partition("-")
    if code is not None and dash and ocr and head != code and head.upper() == fold(code).upper():
        reading.restored = True
        return f"{code}-{rest}"
    if code is None or not dash or fold(head) == fold(code) or type_for_code(head) is not None:
        return symbol
    if head[:1].upper() == code[:1].upper() and one_edit(head.upper(), code.upper()):
        reading.restored = True
        return f"{code}-{rest}"
    return symbol


def _fix_issuer(symbol: str, reading: NumberReading, own: str | None) -> str:
    """``GM-STTIT`` → ``GM-STTTT``: one OCR letter off a known issuer's code, or off the
    issuing agency's own (``own``, :func:`agency_code`).

    Only codes of four letters or more, one letter read as another Tesseract
    confuses it with (``T`` as ``I``), a thin stroke read as a letter of its own
    (``STITTT``) or a run of one letter miscounted (``STTT``, ``STTTTT``), to
    exactly one known issuer: ``BTTTT`` (the Ministry) is another issuer, not
    ``STTTT`` misread; and a code of three letters is never counted anew (``SNVV``
    may be another body's code: one letter is a third of ``SNV``). Against the
    agency's own code any one letter may be misread (``STLTT`` on a number of the
    Sở Thông tin và Truyền thông), or two it confuses (``STFTI``), or one lost
    (``UBN`` under ``ỦY BAN NHÂN DÂN HUYỆN …``): the header names the issuer the number
    abbreviates.
    """
    pieces = symbol.split("-")
    at = 1 if type_for_code(pieces[0]) is not None else 0
    if at >= len(pieces):
        return symbol
    code = fold(pieces[at])
    if code in _ISSUERS_FOLDED or (own is not None and code == fold(own)):
        return symbol
    near: set[str] = set()
    if len(code) >= 4:
        near = {
            known
            for folded, known in _ISSUERS_FOLDED.items()
            if one_letter_confused(code, folded)
            or (len(folded) >= 4 and _one_letter_more_or_less(code, folded))
        }
    if own is not None and len(own) == len(code) >= 4:
        confused = letters_confused(code, fold(own))
        if one_edit(code, fold(own)) or (confused is not None and confused <= 2):
            near.add(own)
    elif own is not None and len(own) >= 4 and dropped_letter(fold(own), code) is not None:
        near.add(own)  # a letter of its own code lost (``UBN``: the ``D`` blurred away)
    if len(near) != 1:
        return symbol
    reading.restored = True
    return "-".join([*pieces[:at], near.pop(), *pieces[at + 1 :]])


def agency_code(agency: str) -> str | None:
    """The code an agency's name abbreviates to in its numbers: the initials of its words,
    ``và`` skipped (``SỞ THÔNG TIN VÀ TRUYỀN THÔNG`` → ``STTTT``), or of those before its
    unit when it names one (``ỦY BAN NHÂN DÂN XÃ TÂN AN``, ``UBND XÃ TÂN AN`` → ``UBND``);
    capitals, ``Đ`` kept. A prefix is no code: ``STTT`` is ``STTTT`` with a ``T`` lost."""
    words = [w for w in unicodedata.normalize("NFC", agency).split() if fold(w) != "va"]
    unit_at = next(
        (
            i
            for i, w in enumerate(words)
            if is_unit_word(w) or is_unit_word(" ".join(words[i : i + 2]))
        ),
        len(words),
    )
    initials = "".join(
        w if w in ABBREVIATIONS else "Đ" if w[0] in "Đđ" else fold(w[0]).upper()
        for w in words[: unit_at or len(words)]
    )
    return initials or None


def _one_letter_more_or_less(read: str, known: str) -> bool:
    """``known`` as OCR miscounts it: a stroke read as a letter of its own (``STITTT``),
    or a run of one letter read one longer or shorter (``STTTTT``, ``STTT``)."""
    longer, shorter = (read, known) if len(read) > len(known) else (known, read)
    at = dropped_letter(longer, shorter)
    if at is None:
        return False
    char = longer[at]
    in_run = longer[at - 1 : at] == char or longer[at + 1 : at + 2] == char
    return in_run or (len(read) > len(known) and char in "il1")


def _codes(reading: NumberReading, symbol: str) -> None:
    pieces = [p for p in symbol.split("-") if p]
    if pieces and type_for_code(pieces[0]) is not None:
        reading.type_code = pieces[0]
        reading.issuer_code = pieces[1] if len(pieces) > 1 else None
    elif pieces:
        reading.issuer_code = pieces[0]

"""Dates, times and document numbers written as Nghị định 30/2020/NĐ-CP requires.

The decree (Phụ lục I, mục II.5–6) writes the place-and-date line as
``Tân Thịnh, ngày 05 tháng 01 năm 2024``: a day below 10 and the months 1 and
2 get a leading zero (so that nobody can add a digit by hand); other months are
written as they are (``ngày 15 tháng 10``). Numbers read ``Số: 15/TTr-UBND``;
a document waiting for signature has no number yet and keeps the blank
(``Số:    /TTr-UBND``) that the văn thư fills when registering it.
"""

from __future__ import annotations

import datetime as dt

# What a blank looks like when a part of the line is not known yet: wide
# enough to write in by hand, without the dotted leaders a filled form must not keep.
BLANK = "\u00a0" * 6


def decree_day(day: int) -> str:
    return f"{day:02d}"


def decree_month(month: int) -> str:
    """Months 1 and 2 get a leading zero; 3–12 are written plainly."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, date: dt.date | None, year: int | None = None) -> str:
    """``Tân Thịnh, ngày 05 tháng 01 năm 2024``; blanks for a date not fixed yet."""
    if date is None:
        year_text = str(year) if year else BLANK
        return f"{place}, ngày{BLANK}tháng{BLANK}năm {year_text}"
    return f"{place}, ngày {decree_day(date.day)} tháng {decree_month(date.month)} năm {date.year}"


def short_date(date: dt.date) -> str:
    """``05/01/2024``: the form the seeds use inside sentences (``ngày 06/02/2024``)."""
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def clock(time: dt.time) -> str:
    """``08 giờ 30 phút``, as a biên bản records the hour a meeting opened or closed."""
    return f"{time.hour:02d} giờ {time.minute:02d} phút"


def document_symbol(doc_type: str, issuer: str) -> str:
    """``TTr-UBND``: the type abbreviation then the issuer's, joined by a hyphen."""
    return f"{doc_type}-{issuer}" if issuer else doc_type


def number_line(number: str | int | None, doc_type: str, issuer: str) -> str:
    """``Số: 15/TTr-UBND``, or ``Số:    /TTr-UBND`` when no number is assigned yet."""
    symbol = document_symbol(doc_type, issuer)
    text = "" if number is None else str(number).strip()
    if not text:
        return f"Số:{BLANK}/{symbol}"
    if text.isdigit():
        text = f"{int(text):02d}"  # the decree pads numbers below 10: ``Số: 02/HD-UBND``
    return f"Số: {text}/{symbol}"

"""Dates and numbers as Nghị định 30/2020 writes them."""

from __future__ import annotations

import datetime as dt

from docgen.dates import BLANK, clock, date_line, number_line, short_date


def test_day_below_ten_and_months_one_two_get_a_leading_zero() -> None:
    assert date_line("Tân Thịnh", dt.date(2024, 1, 5)) == "Tân Thịnh, ngày 05 tháng 01 năm 2024"
    assert date_line("Yên Bái", dt.date(2024, 2, 28)) == "Yên Bái, ngày 28 tháng 02 năm 2024"
    assert date_line("Yên Bái", dt.date(2024, 6, 10)) == "Yên Bái, ngày 10 tháng 6 năm 2024"
    assert date_line("Yên Bái", dt.date(2024, 12, 3)) == "Yên Bái, ngày 03 tháng 12 năm 2024"


def test_date_not_fixed_leaves_blanks_not_dots() -> None:
    line = date_line("Văn Chấn", None, 2024)
    assert line == f"Văn Chấn, ngày{BLANK}tháng{BLANK}năm 2024"
    assert "." not in line


def test_number_line() -> None:
    assert number_line("15", "TTr", "UBND") == "Số: 15/TTr-UBND"
    assert number_line(2, "HD", "UBND") == "Số: 02/HD-UBND"
    assert number_line(None, "TTr", "UBND") == f"Số:{BLANK}/TTr-UBND"
    assert number_line("", "BC", "SNV") == f"Số:{BLANK}/BC-SNV"


def test_short_date_and_clock() -> None:
    assert short_date(dt.date(2024, 2, 6)) == "06/02/2024"
    assert clock(dt.time(8, 5)) == "08 giờ 05 phút"

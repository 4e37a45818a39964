"""Signers' titles a scan left in part (``verify.titles``)."""

from __future__ import annotations

import pytest

from verify.titles import TITLES, known_title


@pytest.mark.parametrize(
    ("read", "title"),
    [
        ("PHO TỊCH", "PHÓ CHỦ TỊCH"),
        ("PHÓ CHỦ", "PHÓ CHỦ TỊCH"),
        ("PHÓ GIÁM", "PHÓ GIÁM ĐỐC"),
        ("CHÁNH PHÒNG", "CHÁNH VĂN PHÒNG"),
        ("CHỦ TỊ CH", "CHỦ TỊCH"),  # a word read in two pieces
        ("PHÓ CHỦ TỊ CH", "PHÓ CHỦ TỊCH"),
    ],
)
def test_a_word_lost_is_put_back(read: str, title: str) -> None:
    assert known_title(read) == title


@pytest.mark.parametrize(
    "read",
    [
        "GIÁM",  # Giám đốc or Phó Giám đốc
        "PHÓ TRƯỞNG",  # of a department, a board, a delegation?
        "PHÓ PHÒNG",  # printed so by some bodies: no ``TRƯỞNG`` lost
        "PHÓ CHỦ TỊCH THƯỜNG TRỰC",  # a title with words of its own
        "GIÁM ĐỐC SỞ",
        "",
    ],
)
def test_a_title_that_could_be_none_or_several_is_left(read: str) -> None:
    assert known_title(read) is None


@pytest.mark.parametrize(
    ("read", "title"),
    [
        # a rough scan's title as Tesseract left it: marks read apart from their
        # letters, an O read as a zero, an I as LA
        ("PH 0G LA ÁM ĐỌC", "PHÓ GIÁM ĐỐC"),
        ("ĐỐ PHO GI ÁM ĐỌC", "PHÓ GIÁM ĐỐC"),
        ("PH ÓC HỦ TỊ ỊCH", "PHÓ CHỦ TỊCH"),
        ("PHO 6 GIAM Ð 0C", "PHÓ GIÁM ĐỐC"),
    ],
)
def test_a_title_broken_into_pieces_is_the_title(read: str, title: str) -> None:
    assert known_title(read) == title


@pytest.mark.parametrize(
    "read",
    [
        "Q. GIÁM ĐỐC",  # acting director: one word of its own, whole
        "PHÓ GIÁM ĐỐC SỞ",
        "C VỤ TRƯỞ NG",  # as near CỤC TRƯỞNG as VỤ TRƯỞNG
        "GI ÁM XY",  # too far from any title
    ],
)
def test_pieces_that_are_no_one_title_are_left(read: str) -> None:
    assert known_title(read) is None


def test_a_title_read_right_is_left_as_it_is() -> None:
    """Every title of the list, and read without its marks (the phrases restore those)."""
    for title in TITLES:
        assert known_title(title) is None
        assert known_title(title.replace("Ó", "O").replace("Ủ", "U")) is None

"""Names of administrative units: OCR's misread tone marks put back, nothing guessed."""

from __future__ import annotations

import pytest

from verify.gazetteer import (
    COMMUNE,
    DISTRICT,
    PROVINCE,
    gazetteer,
    restore_agency,
    restore_place,
    unit_in,
)
from verify.vntext import spelling


@pytest.mark.parametrize(
    ("value", "within", "written", "read"),
    [
        ("ỦY BAN NHÂN DÂN HUYỆN CHƯ SE", ["Gia Lai"], "ỦY BAN NHÂN DÂN HUYỆN CHƯ SÊ", "CHƯ SE"),
        ("UBND TỈNH CAO BẢNG", [], "UBND TỈNH CAO BẰNG", "CAO BẢNG"),
        ("UBND THỊ XÃ AN KHE", [], "UBND THỊ XÃ AN KHÊ", "AN KHE"),  # THỊ XÃ, not XÃ
        ("ỦY BAN NHÂN DÂN XÃ VÕ MIỀU", ["Thanh Sơn"], "ỦY BAN NHÂN DÂN XÃ VÕ MIẾU", "VÕ MIỀU"),
        ("UBND huyện Duy Xuyen", [], "UBND huyện Duy Xuyên", "Duy Xuyen"),
        ("UBND HUYỆN DUY XUYEN", [], "UBND HUYỆN DUY XUYÊN", "DUY XUYEN"),
        ("UBND HUYEN VAN CHAN", [], "UBND HUYEN VĂN CHẤN", "VAN CHAN"),  # no mark at all
        ("UBND XÃ KRÔNG BÔNG", ["Đắk Lắk"], None, None),  # a commune since 2025, as read
        ("UBND XÃ KRONG BÔNG", ["Đắk Lắk"], "UBND XÃ KRÔNG BÔNG", "KRONG BÔNG"),
    ],
)
def test_a_unit_name_with_misread_marks_is_written_as_the_unit_is(
    value: str, within: list[str], written: str | None, read: str | None
) -> None:
    restored = restore_agency(value, within)
    if written is None:
        assert restored is None
        return
    assert restored is not None
    assert (restored.value, restored.read) == (written, read)


@pytest.mark.parametrize(
    ("read", "within"),
    [
        ("ỦY BAN NHÂN DÂN XÃ TÂN HÒA", []),  # a commune's name as read
        ("UBND TỈNH HOÀ BÌNH", []),  # the old place of the tone mark is the same name
        ("ỦY BAN NHÂN DÂN XÃ TẤN HÒA", []),  # Tân Hòa and Tân Hoa both exist: not guessed
        ("ỦY BAN NHÂN DÂN XÃ BẠCH ĐĂNG", ["Lai Châu"]),  # no Bạch Đằng in the province read
        ("ỦY BAN NHÂN DÂN XÃ VÕ MIU", ["Thanh Sơn"]),  # a letter lost is not made up
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", []),  # ``XÃ HỘI`` is no commune
        ("ỦY BAN NHÂN DÂN PHƯỜNG 5", []),
        ("VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI", []),
    ],
)
def test_nothing_is_guessed(read: str, within: list[str]) -> None:
    assert restore_agency(read, within) is None


def test_the_enclosing_unit_decides_between_namesakes() -> None:
    """Bạch Đằng is a commune of six provinces, Tân Hòa of many: inside the unit read
    above them, each is one commune."""
    assert restore_agency("ỦY BAN NHÂN DÂN XÃ TÂN HOÀ", ["Lạng Sơn"]) is None
    restored = restore_agency("ỦY BAN NHÂN DÂN XÃ TẤN HÒA", ["Lạng Sơn"])
    assert restored is not None and restored.value == "ỦY BAN NHÂN DÂN XÃ TÂN HÒA"
    restored = restore_agency("ỦY BAN NHÂN DÂN XÃ BẠCH ĐĂNG", ["Quảng Ninh"])
    assert restored is not None and restored.name == "Bạch Đằng"


def test_the_place_of_the_date_line() -> None:
    restored = restore_place("Chư Se", ["Chư Sê", "Gia Lai"])
    assert restored is not None and restored.value == "Chư Sê"
    restored = restore_place("la Glai", ["Chư Sê", "Gia Lai"])  # ``I`` read ``l``
    assert restored is not None and restored.value == "Ia Glai"
    assert restore_place("la Giai", ["Chư Sê", "Gia Lai"]) is None  # and a letter lost
    assert restore_place("La Hai", ["Phú Yên"]) is None  # a name that starts with L
    restored = restore_place("Thành phố Pleiku")
    assert restored is None  # read right
    restored = restore_place("Thành phố Hồ Chí Mính")
    assert restored is not None and restored.value == "Thành phố Hồ Chí Minh"
    assert restore_place("TP. Hồ Chí Minh") is None
    assert restore_place("Hà Nội") is None


def test_unit_words_and_names() -> None:
    assert unit_in("ỦY BAN NHÂN DÂN THỊ XÃ AN KHÊ") == (
        "ỦY BAN NHÂN DÂN THỊ XÃ",
        (DISTRICT,),
        "AN KHÊ",
    )
    assert unit_in("UBND TP. HỒ CHÍ MINH") == ("UBND TP.", (PROVINCE, DISTRICT), "HỒ CHÍ MINH")
    assert unit_in("ỦY BAN NHÂN DÂN XÃ") is None  # the name is not on the line
    assert unit_in("HỘI ĐỒNG NHÂN DÂN XÃ MƯỜNG") == ("HỘI ĐỒNG NHÂN DÂN XÃ", (COMMUNE,), "MƯỜNG")


def test_both_systems_are_known() -> None:
    """Units before 1 July 2025 (districts) and after (the 34 provinces' communes)."""
    known = gazetteer()
    assert known.spelling("Chu Se", (DISTRICT,)) == "Chư Sê"  # a district, abolished in 2025
    assert spelling("Hoà") == spelling("HÒA") != spelling("Hoa")
    assert spelling("Đăk Hà") == spelling("ĐẮK HÀ") != spelling("Đặk Hà")
    assert restore_agency("UBND HUYỆN ĐẮK HÀ", ["Kon Tum"]) is None  # the list writes Đăk

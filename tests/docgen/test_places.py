"""Date lines start with the unit's proper name, never with part of its kind."""

import pytest

from docgen.places import place_name


@pytest.mark.parametrize(
    ("agency", "place"),
    [
        ("Ủy ban nhân dân thành phố Thanh Hóa", "Thanh Hóa"),
        ("UBND huyện Quảng Xương", "Quảng Xương"),
        ("Ủy ban nhân dân thị xã Nghi Sơn", "Nghi Sơn"),
        ("Ủy ban nhân dân xã Quảng Tâm", "Quảng Tâm"),
        ("Ủy ban nhân dân thị trấn Cổ Phúc", "Cổ Phúc"),
        ("Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông"),
    ],
)
def test_place_name(agency: str, place: str) -> None:
    assert place_name(agency) == place

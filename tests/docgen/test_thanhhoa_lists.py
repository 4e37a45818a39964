"""Thanh Hóa list forms (seed 003, phần C): each renders from its example with the seed's titles and
columns, every row the caller gives, and totals and rates counted by hoso from those rows."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import docgen
from docgen.errors import FormInputError
from tests.support.docx_helpers import docx_is_valid, docx_text, squash, string_leaves

FORMS = ["mau-1.4", "mau-2.5", "mau-2.6", "mau-3.3", "mau-4.1", "mau-4.5"]


def example(form_id: str) -> dict[str, Any]:
    return copy.deepcopy(docgen.get_form(form_id).example())


def text_of(form_id: str, data: dict[str, Any] | None = None) -> str:
    content = docgen.render(form_id, data if data is not None else example(form_id))
    docx_is_valid(content)
    return " ".join(docx_text(content).split())


@pytest.mark.parametrize("form_id", FORMS)
def test_every_input_value_appears(form_id: str) -> None:
    data = example(form_id)
    data.pop("place_date")
    data["agency"].pop("code", None)
    text = squash(text_of(form_id))
    assert [v for v in string_leaves(data) if squash(v) not in text] == []


FIXED = {
    "mau-1.4": [
        "Danh sách cán bộ, công chức có máy tính và được cấp hộp thư điện tử công vụ",
        "Có máy tính làm việc",
        "Hộp thư điện tử công vụ (ghi địa chỉ hộp thư)",
        "Tổng cộng",
        "Người thống kê",
        "(Ký, ghi rõ họ tên)",
        "Xác nhận của UBND xã",
        "(Ký ghi rõ họ tên, đóng dấu)",
    ],
    "mau-2.5": [
        "Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử",
        "Số điện thoại liên hệ",
        "Sử dụng hợp đồng điện tử",
        "Có/Không",
        "Đơn vị cung cấp hợp đồng điện tử",
        "Cán bộ tổng hợp",
        "(Ký ghi rõ họ tên, số điện thoại liên hệ)",
        "CHỦ TỊCH",
    ],
    "mau-2.6": ["Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số", "Sử dụng nền tảng số"],
    "mau-3.3": [
        "Tỷ lệ thuê bao điện thoại di động thông minh có sử dụng phần mềm an toàn thông tin mạng "
        "cơ bản",
        "Có điện thoại thông minh",
        "Có cài đặt PM ATTT",
        "Có chữ ký số",
        "Có sử dụng dịch vụ công trực tuyến",
    ],
    "mau-4.1": [
        "Hạ tầng mạng băng rộng cáp quang, mạng thông tin di động 4G/5G sẵn sàng cung cấp dịch "
        "vụ đến các hộ gia đình.",
        "1. Danh sách hộp cáp cung cấp dịch vụ Internet băng thông rộng",
        "Mạng thông tin di động (ghi tên doanh nghiệp)",
        "2. Danh sách các trạm thu, phát sóng thông tin di động",
        "Tên thôn/bản/khu phố",
        "Hộp cáp cung cấp dịch vụ truy cập Internet băng rộng",
        "Xác nhận của Doanh nghiệp",
        "VNPT:",
        "Viettel:",
        "Mobifone:",
    ],
    "mau-4.5": [
        "Danh sách các khu vực công cộng, điểm du lịch cộng đồng, ... có wifi công cộng trên "
        "địa bàn xã",
        "Khu vực/tên điểm du lịch cộng đồng",
        "Địa chỉ (Số nhà/thôn)",
        "(ký, ghi rõ họ tên)",
    ],
}


@pytest.mark.parametrize("form_id", FORMS)
def test_fixed_sentences_appear_as_the_seed_writes_them(form_id: str) -> None:
    text = text_of(form_id)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert [s for s in FIXED[form_id] if s not in text] == []


def test_mau14_totals_and_rates_are_counted_from_the_rows() -> None:
    """5 officials, 4 with a computer, 4 with a mailbox: 80% and 80%, typed by nobody."""
    text = text_of("mau-1.4")
    assert "- Tổng số CBCC của cơ quan: 5 người." in text
    assert "- Tỷ lệ CBCC có máy tính/tổng số CBCC: 80%" in text
    assert "- Tỷ lệ CBCC được cấp hộp thư điện tử công vụ/tổng số CBCC: 80%" in text


def test_mau25_and_26_rates() -> None:
    assert "Tổng số DNVVN: 3" in text_of("mau-2.5")
    assert "Tỷ lệ DNVVN sử dụng hợp đồng điện tử: 66,7% (2/3)" in text_of("mau-2.5")
    assert "Tỷ lệ DNVVN sử dụng nền tảng số: 66,7% (2/3)" in text_of("mau-2.6")


def test_mau33_security_app_rate_counts_smartphone_subscribers() -> None:
    """The seed's ratio is per smartphone subscriber, the others per adult."""
    text = text_of("mau-3.3")
    assert "Tổng dân số trưởng thành: 4" in text
    assert "Tỷ lệ dân số trưởng thành có điện thoại thông minh: 75% (3/4)" in text
    assert "Tỷ lệ thuê bao điện thoại thông minh được cài đặt phần mềm ATTT: 66,7% (2/3)" in text
    assert "Tỷ lệ dân số trưởng thành có chữ ký số: 25% (1/4)" in text
    assert "Tỷ lệ dân số trưởng thành có sử dụng dịch vụ công trực tuyến: 50% (2/4)" in text


def test_mau45_total_hotspots() -> None:
    assert "- Tổng số điểm công cộng có wifi: 4" in text_of("mau-4.5")


def test_totals_cannot_be_typed_by_the_caller() -> None:
    data = example("mau-2.5")
    data["total"] = 10
    with pytest.raises(FormInputError) as caught:
        docgen.render("mau-2.5", data)
    assert [p.path for p in caught.value.problems] == ["total"]


def test_invalid_rows_are_reported_with_their_paths() -> None:
    """A provider without e-contracts, a security app without a smartphone, a wrong type,
    a missing field: one error each, with the row's path."""
    data = example("mau-2.5")
    data["businesses"][2]["provider"] = "VNPT eContract"
    data["businesses"][0]["uses_e_contract"] = "có"
    del data["businesses"][1]["name"]
    with pytest.raises(FormInputError) as caught:
        docgen.render("mau-2.5", data)
    paths = {p.path for p in caught.value.problems}
    assert {
        "businesses[2].provider",
        "businesses[0].uses_e_contract",
        "businesses[1].name",
    } <= paths
    adults = example("mau-3.3")
    adults["adults"][2]["security_app"] = True
    with pytest.raises(FormInputError) as caught:
        docgen.render("mau-3.3", adults)
    assert "adults[2].security_app" in {p.path for p in caught.value.problems}


def test_empty_list_is_an_error() -> None:
    data = example("mau-4.5")
    data["hotspots"] = []
    with pytest.raises(FormInputError) as caught:
        docgen.render("mau-4.5", data)
    assert "hotspots" in {p.path for p in caught.value.problems}


@pytest.mark.parametrize("form_id", FORMS)
def test_injected_text_stays_literal(form_id: str) -> None:
    injected = "A & B <i>{{ 7*7 }}</i>"
    data = example(form_id)
    data["compiler"]["name"] = injected
    assert injected in text_of(form_id, data)

"""Garbled readings are never shown as a fact: font debris, foreign text, OCR dust."""

from __future__ import annotations

import pytest

from verify.plausible import flag_garbled, garbled_reason
from verify.report import AdministrativeFields, EvidenceReport, FieldDetail


@pytest.mark.parametrize(
    "text",
    [
        "(cid:1) (cid:2)(cid:3)",
        "MINISTRY OF FINANCE",
        "Ministry of Health",
        "وزارة المالية",
        "ÿþÝ Ôñ",
        "~|. ;: ,_ a",
        "\ue000\ue001\ue002",
    ],
)
def test_debris_and_foreign_text_are_garbled(text: str) -> None:
    assert garbled_reason(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "ỦY BAN NHÂN DÂN XÃ TÂN THỊNH",
        "UY BAN NHAN DAN HUYEN CU JUT",
        "Sở Thông tin và Truyền thông tỉnh Đắk Lắk",
        "V/v triển khai nền tảng Zalo, Fanpage năm 2024",
        "CÔNG TY CỔ PHẦN VNPT",
        "Ea H’leo",
        "Cư M’gar",
        "Phạm Thị Hồng Nhung",
        "Nguyễn Văn A",
        "TT&TT",
        "Báo cáo kết quả triển khai Internet of Things",
    ],
)
def test_vietnamese_names_and_subjects_are_readings(text: str) -> None:
    assert garbled_reason(text) is None


def test_a_garbled_agency_is_flagged_once_with_its_reason() -> None:
    report = EvidenceReport(
        file="x.pdf",
        sha256="0" * 64,
        verdict="valid",
        accepted=False,
        fields=AdministrativeFields(agency="(cid:3)(cid:4)", number="15/QĐ-UBND", source="text"),
        fields_detail={"agency": FieldDetail(source="text", page=1)},
    )
    flag_garbled(report)
    detail = report.fields_detail["agency"]
    assert detail.garbled and detail.uncertain and "cid" in (detail.note or "")
    assert [p.code for p in report.problems] == ["FIELD_GARBLED"]
    assert "Cơ quan ban hành" in report.problems[0].message
    assert "number" not in report.fields_detail or not report.fields_detail["number"].garbled

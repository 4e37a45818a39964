"""criteria.evidence: each required document, its kind, issuer and period, against filed reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from criteria import load_catalog
from criteria.assessment import Unit
from criteria.catalog import Criterion
from criteria.evidence import criterion_evidence
from criteria.filed import DocumentReport, FiledFile
from criteria.periods import subject_periods

QUANG_TAM = Unit(
    name="Ủy ban nhân dân xã Quảng Tâm",
    parent="Ủy ban nhân dân thành phố Thanh Hóa",
    level="xa",
    area_type="xa",
    province="Thanh Hóa",
)
TAN_THINH = Unit(
    name="Ủy ban nhân dân xã Tân Thịnh",
    parent="Ủy ban nhân dân huyện Văn Chấn",
    level="xa",
    province="Yên Bái",
)


def pdf(path: str, **fields: Any) -> FiledFile:
    """A verified, accepted PDF of the commune of Quảng Tâm unless ``fields`` say otherwise."""
    org = fields.pop("org", None)
    data: dict[str, Any] = {
        "agency": "ỦY BAN NHÂN DÂN XÃ QUẢNG TÂM",
        "parent_agency": "UBND THÀNH PHỐ THANH HÓA",
        "number": "1/BC-UBND",
        "type": "BÁO CÁO",
        "date": dt.date(2024, 3, 1),
        "subject": "Kết quả chuyển đổi số",
    }
    data.update(fields)
    report = DocumentReport(
        verdict="valid",
        accepted=True,
        signatures=[
            {
                "indication": "TOTAL_PASSED",
                "trusted": True,
                "signer": {"organization": org or data["agency"]},
            }
        ],
        fields=data,
    )
    return FiledFile(path=path, kind="pdf", report=report)


def thanhhoa(criterion_id: str) -> Criterion:
    criterion = load_catalog("thanhhoa-2023-xa").find(criterion_id)
    assert criterion is not None
    return criterion


def judge(criterion: Criterion, files: list[FiledFile], unit: Unit = QUANG_TAM, year: int = 2024):
    return criterion_evidence(criterion, files, unit=unit, year=year, folders=["x"])


PERIOD_PLAN = dict(
    type="KẾ HOẠCH", number="5/KH-UBND", subject="Chuyển đổi số giai đoạn 2023 - 2025"
)
YEAR_PLAN = dict(type="KẾ HOẠCH", number="9/KH-UBND", subject="Chuyển đổi số năm 2024")


def test_thanhhoa_1_1_needs_three_documents_and_names_the_missing_one():
    """The period plan and the report alone: not evidenced, the reason names the yearly plan."""
    evidence, _ = judge(
        thanhhoa("1.1"),
        [pdf("1.1/kh.pdf", date=dt.date(2023, 5, 2), **PERIOD_PLAN), pdf("1.1/bc.pdf")],
    )
    assert not evidence.evidenced
    assert [c.met for c in evidence.requirements] == [True, False, True]
    [missing] = [r for r in evidence.reasons if r.code == "REQUIRED_DOCUMENT_MISSING"]
    assert "Kế hoạch hàng năm" in missing.message and "năm 2024" in missing.message


def test_a_period_plan_from_2023_covering_2024_evidences_a_2024_criterion():
    evidence, files = judge(
        thanhhoa("1.1"),
        [
            pdf("1.1/kh-gd.pdf", date=dt.date(2023, 5, 2), **PERIOD_PLAN),
            pdf("1.1/kh-2024.pdf", date=dt.date(2023, 12, 20), **YEAR_PLAN),
            pdf("1.1/bc.pdf"),
        ],
    )
    assert evidence.evidenced, evidence.reasons
    assert all(f.counts for f in files)
    assert [c.file for c in evidence.requirements] == [
        "1.1/kh-gd.pdf",
        "1.1/kh-2024.pdf",
        "1.1/bc.pdf",
    ]


def test_one_file_never_stands_for_two_documents():
    """A yearly plan is not also the period plan; a period plan is not the yearly one."""
    evidence, _ = judge(thanhhoa("1.1"), [pdf("a.pdf", **YEAR_PLAN), pdf("b.pdf")])
    assert [c.met for c in evidence.requirements] == [False, True, True]
    evidence, _ = judge(thanhhoa("1.1"), [pdf("a.pdf", **PERIOD_PLAN), pdf("b.pdf")])
    assert [c.met for c in evidence.requirements] == [True, False, True]


def test_a_period_that_does_not_include_the_year_is_refused():
    _, files = judge(
        thanhhoa("1.1"),
        [
            pdf(
                "a.pdf",
                date=dt.date(2019, 1, 5),
                type="KẾ HOẠCH",
                subject="CĐS giai đoạn 2018-2020",
            )
        ],
    )
    assert [r.code for r in files[0].reasons] == ["PERIOD_NOT_COVERING"]
    assert "2018–2020" in files[0].reasons[0].message


def test_a_plan_issued_after_the_year_does_not_cover_it():
    _, files = judge(thanhhoa("1.1"), [pdf("a.pdf", date=dt.date(2025, 1, 5), **PERIOD_PLAN)])
    assert [r.code for r in files[0].reasons] == ["DATE_AFTER_YEAR"]


def test_thanhhoa_1_2_is_evidenced_by_the_departments_monthly_report():
    """1.2 asks for the Sở TT&TT's report, not the commune's own."""
    department = pdf(
        "1.2/bc-thang.pdf",
        agency="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        parent_agency="UBND TỈNH THANH HÓA",
        number="120/BC-STTTT",
        subject="Tình hình thực hiện Chỉ thị số 15/CT-UBND tháng 9 năm 2024",
    )
    evidence, _ = judge(thanhhoa("1.2"), [department])
    assert evidence.evidenced
    evidence, files = judge(thanhhoa("1.2"), [pdf("1.2/bc.pdf")])
    assert not evidence.evidenced
    assert [r.code for r in files[0].reasons] == ["WRONG_ISSUER"]
    assert "Sở Thông tin và Truyền thông" in files[0].reasons[0].message


def test_a_named_body_of_another_province_does_not_count():
    other = pdf(
        "1.2/bc.pdf",
        agency="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        parent_agency="UBND TỈNH NGHỆ AN",
        number="7/BC-STTTT",
    )
    evidence, _ = judge(thanhhoa("1.2"), [other])
    assert not evidence.evidenced


def test_any_state_agency_where_thanhhoa_accepts_it():
    """2.4: the report may come from the State Bank branch, not only the commune."""
    bank = pdf(
        "2.4/bc.pdf",
        agency="NGÂN HÀNG NHÀ NƯỚC VIỆT NAM CHI NHÁNH THANH HÓA",
        parent_agency=None,
        number="15/BC-THH",
    )
    assert judge(thanhhoa("2.4"), [bank])[0].evidenced
    company = pdf("2.4/bc.pdf", agency="CÔNG TY CỔ PHẦN ABC", parent_agency=None)
    _, files = judge(thanhhoa("2.4"), [company])
    assert [r.code for r in files[0].reasons] == ["WRONG_ISSUER"]


def test_a_quy_che_adopted_by_a_decision_counts_when_its_subject_says_so():
    """1.9: QĐ thành lập Ban biên tập + Quy chế (issued with a QĐ) + the statistics report."""
    founding = pdf(
        "a.pdf", type="QUYẾT ĐỊNH", date=dt.date(2021, 2, 1), subject="Thành lập Ban biên tập"
    )
    rules = pdf(
        "b.pdf",
        type="QUYẾT ĐỊNH",
        date=dt.date(2021, 2, 1),
        subject="Ban hành Quy chế hoạt động của Ban biên tập Trang thông tin điện tử",
    )
    evidence, _ = judge(thanhhoa("1.9"), [founding, rules, pdf("c.pdf")])
    assert evidence.evidenced, evidence.reasons
    evidence, _ = judge(thanhhoa("1.9"), [founding, pdf("c.pdf")])
    assert [c.met for c in evidence.requirements] == [True, False, True]


def test_photos_alone_evidence_4_8():
    """4.8: "Báo cáo … hoặc hình ảnh minh chứng"."""
    evidence, _ = judge(thanhhoa("4.8"), [FiledFile(path="4.8/anh.jpg", kind="illustration")])
    assert evidence.evidenced and evidence.documents == ["Hình ảnh minh chứng: 4.8/anh.jpg"]
    evidence, _ = judge(thanhhoa("4.4"), [FiledFile(path="4.4/anh.jpg", kind="illustration")])
    assert not evidence.evidenced and evidence.reasons[0].code == "ONLY_UNSIGNED"


def test_a_security_check_counts_for_two_years():
    """Yên Bái xã I.14: "01 lần kiểm tra, đánh giá được tính cho 02 năm"."""
    criterion = load_catalog("yenbai-2024-xa").find("I.14")
    assert criterion is not None
    tested = dict(agency="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", parent_agency="UBND TỈNH YÊN BÁI")
    assert judge(criterion, [pdf("a.pdf", date=dt.date(2023, 6, 1), **tested)], TAN_THINH)[
        0
    ].evidenced
    _, files = judge(criterion, [pdf("a.pdf", date=dt.date(2022, 6, 1), **tested)], TAN_THINH)
    assert [r.code for r in files[0].reasons] == ["DATE_OUTSIDE_YEAR"]


def test_a_founding_decision_of_earlier_years_still_counts():
    criterion = load_catalog("yenbai-2024-so").find("I.1")
    assert criterion is not None
    unit = Unit(name="Sở Tư pháp tỉnh Yên Bái", parent="UBND tỉnh Yên Bái", level="so")
    decision = pdf(
        "a.pdf",
        agency="SỞ TƯ PHÁP",
        parent_agency="UBND TỈNH YÊN BÁI",
        type="QUYẾT ĐỊNH",
        date=dt.date(2021, 8, 1),
    )
    assert judge(criterion, [decision], unit)[0].evidenced


def test_subject_periods_ignore_dates_and_numbers():
    found = subject_periods(
        "Thực hiện Nghị quyết số 15/2021/NQ-HĐND ngày 22/7/2021 về CĐS giai đoạn 2021 - 2025, "
        "định hướng đến năm 2030",
        2022,
    )
    assert found.ranges == [(2021, 2025), (2022, 2030)] and found.years == []
    assert subject_periods("Kế hoạch chuyển đổi số năm 2024", 2023).years == [2024]
    assert subject_periods("Từ năm 2023 đến năm 2025", 2023).ranges == [(2023, 2025)]

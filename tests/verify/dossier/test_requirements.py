"""Dossier checks of a Thanh Hóa commune against each criterion's required documents (fake verifier)."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from tests.verify.dossier.fakes import spec
from verify.dossier import check_dossier

QUANG_TAM = "ỦY BAN NHÂN DÂN XÃ QUẢNG TÂM"
EXPLAINED = {"text": "Số liệu lấy từ sổ theo dõi của xã; xã chịu trách nhiệm về số liệu."}


def meeting_everything(data: dict[str, Any]) -> None:
    """3.12 met, 4.8 not applicable: the commune meets every criterion that applies."""
    data["criteria"]["3.12"] = {"a": 30, "b": 40, "target": 60}
    data["criteria"]["4.8"] = {"not_applicable": True}


def test_not_applicable_4_8_passes_a_commune_that_meets_everything_else(make_dossier, options):
    root = make_dossier(example="thanhhoa-xa", change=meeting_everything, skip=("4.8",))
    result = check_dossier(root, options)
    assert result.passed, result.appraisal.decision.explanation
    row = result.appraisal.criterion("4.8")
    assert row is not None and row.status == "khong_ap_dung" and not row.reasons
    assert result.appraisal.decision.total == 36


def test_thanhhoa_1_1_with_two_of_its_three_documents(make_dossier, options):
    """The period plan and the report, no yearly plan: not evidenced, the reason names it."""
    period_plan = spec(
        type="KẾ HOẠCH", agency=QUANG_TAM, org=QUANG_TAM, date="2023-05-02",
        subject="Chuyển đổi số giai đoạn 2023 - 2025",
    )  # fmt: skip
    report = spec(agency=QUANG_TAM, org=QUANG_TAM)
    root = make_dossier(
        {"1.1": {"kh.pdf": period_plan, "bc.pdf": report}},
        example="thanhhoa-xa",
        change=meeting_everything,
        skip=("4.8",),
    )
    result = check_dossier(root, options)
    row = result.appraisal.criterion("1.1")
    assert row is not None and not row.evidenced and row.status == "khong_dat"
    [missing] = row.reasons
    assert missing.code == "REQUIRED_DOCUMENT_MISSING" and "Kế hoạch hàng năm" in missing.message
    assert result.passed is False


def test_1_2_is_evidenced_by_the_departments_report(make_dossier, options):
    department = spec(
        agency="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", parent_agency="UBND TỈNH THANH HÓA",
        org="Sở Thông tin và Truyền thông tỉnh Thanh Hóa", number="120/BC-STTTT",
    )  # fmt: skip
    root = make_dossier(
        {"1.2": {"bc.pdf": department}, "1.3": {"bc.pdf": spec(agency=QUANG_TAM, org=QUANG_TAM)}},
        example="thanhhoa-xa",
    )
    result = check_dossier(root, options)
    assert result.appraisal.criterion("1.2").evidenced
    row = result.appraisal.criterion("1.3")
    assert not row.evidenced and row.reasons[0].code == "WRONG_ISSUER"


def test_an_explanation_awaits_the_appraiser_and_so_does_the_unit(
    make_dossier, options, monkeypatch
):
    """No evidence for 1.6 but an explanation: chờ thẩm định, the exit status says so (3)."""
    from cli.main import app

    def explained(data: dict[str, Any]) -> None:
        meeting_everything(data)
        data["criteria"]["1.6"]["explanation"] = {**EXPLAINED, "file": "giai-trinh-1.6.pdf"}

    root = make_dossier(example="thanhhoa-xa", change=explained, skip=("1.6", "4.8"))
    (root / "giai-trinh-1.6.pdf").write_bytes(
        spec(type="CÔNG VĂN", agency=QUANG_TAM, org=QUANG_TAM)
    )
    result = check_dossier(root, options)
    row = result.appraisal.criterion("1.6")
    assert row is not None and row.status == "cho_tham_dinh" and row.status_label == "Chờ thẩm định"
    assert row.explanation_file == "giai-trinh-1.6.pdf" and "sổ theo dõi" in row.comment
    assert result.problems == [], "the explanation at the root is not a stray file"
    decision = result.appraisal.decision
    assert decision.outcome == "cho_tham_dinh" and decision.passed is None
    assert decision.label == "CHỜ THẨM ĐỊNH"

    from tests.verify.dossier.fakes import fake_verifier

    monkeypatch.setattr("verify.dossier.check.default_verifier", fake_verifier)
    run = CliRunner().invoke(app, ["check", str(root), "--no-cache", "--workers", "1"])
    assert run.exit_code == 3, run.output
    assert "CHỜ THẨM ĐỊNH" in run.output


def test_explained_criterion_with_its_evidence_after_all_is_dat(make_dossier, options):
    def explained(data: dict[str, Any]) -> None:
        meeting_everything(data)
        data["criteria"]["1.6"]["explanation"] = EXPLAINED

    root = make_dossier(example="thanhhoa-xa", change=explained, skip=("4.8",))
    result = check_dossier(root, options)
    assert result.appraisal.criterion("1.6").status == "dat"
    assert result.passed

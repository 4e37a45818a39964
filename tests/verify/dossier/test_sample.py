"""End to end on the sample dossier of examples/dossier (real signed PDFs, the test PKI).

The sample has one criterion failing for each reason; the check must find
exactly that reason there, keep the well-evidenced ones (1.1 with a period
plan of 2023 covering 2024, 1.2 with the Sở TT&TT's report), show the
explained criteria as awaiting the appraiser and 4.8 as not applicable,
write the three reports, and fill Mẫu 02. The CLI is exercised on the same
dossier.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.support.pki import VALIDATION_TIME
from verify import VerifyOptions
from verify.dossier import DossierOptions, DossierResult, check_dossier
from verify.dossier.reports import write_report

ROOT = Path(__file__).resolve().parents[3]
EXPECTED = {
    "1.3": "NO_FOLDER",
    "1.4": "EMPTY_FOLDER",
    "1.5": "ONLY_UNSIGNED",
    "1.6": "SIGNATURE_INVALID",
    "1.7": "SIGNATURE_UNTRUSTED",
    "1.8": "WRONG_DOCUMENT_TYPE",
    "1.9": "REQUIRED_DOCUMENT_MISSING",
    "1.10": "NUMBER_MISSING",
    "2.1": "DATE_MISSING",
    "2.2": "DATE_OUTSIDE_YEAR",
    "2.3": "WRONG_ISSUER",
    "3.1": "PERIOD_NOT_COVERING",
    "4.2": "DATE_AFTER_YEAR",
    "4.4": "SIGNER_NOT_ISSUER",
}
AWAITING = {"3.5": "ONLY_EXPLANATION", "3.6": "EXPLANATION_FILE_MISSING"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT / "examples" / "dossier"))
    try:
        import make_sample
    finally:
        sys.path.pop(0)
    return make_sample.build(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def result(sample: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> DossierResult:
    options = DossierOptions(
        verify=VerifyOptions(trust=(sample["trust"],), validation_time=VALIDATION_TIME),
        cache_dir=tmp_path_factory.mktemp("cache"),
    )
    return check_dossier(sample["zip"], options)


def test_each_broken_criterion_fails_for_its_reason(result: DossierResult):
    """Every reason of the issue shows on the criterion built to have it."""
    for criterion_id, code in EXPECTED.items():
        row = result.appraisal.criterion(criterion_id)
        assert row is not None and not row.evidenced, criterion_id
        assert code in [r.code for r in row.reasons], (criterion_id, row.reasons)
        assert row.status == "khong_dat"


def test_well_evidenced_criteria_count(result: DossierResult):
    """All other criteria are evidenced by real signed documents, one per document required."""
    good = [c for c in result.appraisal.criteria if c.id not in {*EXPECTED, *AWAITING, "4.8"}]
    assert good and all(c.evidenced and c.status == "dat" for c in good)
    row = result.appraisal.criterion("1.1")
    assert row is not None and [c.met for c in row.requirements] == [True, True, True]
    period_plan = row.requirements[0].document or ""
    assert "giai đoạn 2023 - 2025" in period_plan and "/2023" in period_plan
    assert [r.code for r in row.reasons] == ["PERIOD_NOT_FOUND"], "the extra plan is listed"
    department = result.appraisal.criterion("1.2")
    assert department is not None and department.evidenced
    assert "Sở Thông Tin Và Truyền Thông" in department.documents[0]


def test_explained_criteria_await_the_appraiser_and_4_8_is_left_out(result: DossierResult):
    for criterion_id, code in AWAITING.items():
        row = result.appraisal.criterion(criterion_id)
        assert row is not None and row.status == "cho_tham_dinh", criterion_id
        assert row.explanation and code in [r.code for r in row.reasons]
        assert "Chờ thẩm định" in row.comment and row.explanation.rstrip(".") in row.comment
    explained = next(f for f in result.files if f.path == "3.5/Giải trình số liệu.pdf")
    assert explained.explanation and not explained.counts
    left_out = result.appraisal.criterion("4.8")
    assert left_out is not None and left_out.status == "khong_ap_dung" and not left_out.reasons
    decision = result.appraisal.decision
    assert decision.pending == ["3.5", "3.6"] and decision.not_applicable == ["4.8"]
    assert decision.total == 36, "4.8 leaves the count"


def test_both_decisions_are_kept(result: DossierResult):
    """Self-assessed CHỜ THẨM ĐỊNH (two criteria explained), checked KHÔNG ĐẠT, citing the failures."""
    assert result.appraisal.self_decision.outcome == "cho_tham_dinh"
    assert result.passed is False and result.appraisal.decision.outcome == "khong_dat"
    assert "1.3" in result.appraisal.decision.explanation
    assert {p.code for p in result.problems} == {"FOLDER_NOT_A_CRITERION", "FILE_OUTSIDE_CRITERIA"}


def test_reports(result: DossierResult, tmp_path: Path):
    """JSON with every file's evidence report, escaped Vietnamese HTML, a two-sheet XLSX."""
    for suffix in ("json", "html", "xlsx"):
        write_report(result, tmp_path / f"r.{suffix}")
    data = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert data["passed"] is False
    pdf = next(f for f in data["files"] if f["path"] == "1.6/Báo cáo bị sửa.pdf")
    assert pdf["report"]["verdict"] == "invalid"
    pending = next(c for c in data["appraisal"]["criteria"] if c["id"] == "3.5")
    assert pending["status"] == "cho_tham_dinh" and pending["status_label"] == "Chờ thẩm định"
    assert pending["explanation"].startswith("Trạm y tế chưa xuất được báo cáo")
    page = (tmp_path / "r.html").read_text("utf-8")
    assert 'id="tieu-chi-1.6"' in page and "Báo cáo bị sửa.pdf" in page
    assert "KHÔNG ĐẠT" in page and "<script" not in page
    assert '<td class="wait">Chờ thẩm định</td>' in page and "Trạm y tế chưa xuất" in page
    assert "Không áp dụng" in page
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames[:2] == ["Tiêu chí", "Tệp"]
    sheet = book["Tiêu chí"]
    assert sheet.max_row == len(result.appraisal.criteria) + 1
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["3.5"][6] == "Chờ thẩm định" and str(rows["3.5"][9]).startswith("Trạm y tế")
    assert rows["4.8"][6] == "Không áp dụng"


def test_cli_check_reports_and_mau_02(sample: dict[str, Path], tmp_path: Path, monkeypatch):
    """``hoso check`` exits 1 (not passed), writes the reports and a Mẫu 02 DOCX; bad input exits 2."""
    from cli.main import app

    monkeypatch.setenv("HOSO_CACHE_DIR", str(tmp_path / "cache"))
    runner = CliRunner()
    args = [
        "check", str(sample["dossier"]), "--trust", str(sample["trust"]),
        "--at", VALIDATION_TIME.isoformat(), "--report", str(tmp_path / "r.html"),
        "--report", str(tmp_path / "r.json"), "--report", str(tmp_path / "r.xlsx"),
        "--render", "mau-02", "-o", str(tmp_path / "mau-02.docx"),
    ]  # fmt: skip
    run = runner.invoke(app, args)
    assert run.exit_code == 1, run.output
    assert "KHÔNG ĐẠT" in run.output
    for name in ("r.html", "r.json", "r.xlsx", "mau-02.docx"):
        assert (tmp_path / name).stat().st_size > 0
    again = runner.invoke(app, args[:6])
    pdfs = sum(1 for f in sample["dossier"].rglob("*.pdf"))
    assert again.exit_code == 1 and f"{pdfs} từ bộ nhớ đệm" in again.output
    from docx import Document

    form = "\n".join(p.text for p in Document(str(tmp_path / "mau-02.docx")).paragraphs)
    tables = "\n".join(
        cell.text
        for table in Document(str(tmp_path / "mau-02.docx")).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Chỉ tiêu chờ thẩm định: 2 (tiêu chí 3.5, 3.6)" in form
    assert "Trạm y tế chưa xuất được báo cáo" in form and "Chờ thẩm định" in tables
    assert "không tính 1 tiêu chí không áp dụng: 4.8" in form and "Không áp dụng" in tables
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0 and "Đã xóa" in cleared.output
    assert runner.invoke(app, ["check", str(tmp_path / "none")]).exit_code == 2
    bad = runner.invoke(app, ["check", str(sample["dossier"]), "--report", "x.txt"])
    assert bad.exit_code == 2


def test_cli_exit_0_when_the_check_passes(tmp_path: Path, monkeypatch, make_dossier):
    """A dossier whose every criterion is evidenced passes: exit 0 (the fake verifier stands in)."""
    from cli.main import app
    from tests.verify.dossier.fakes import fake_verifier

    monkeypatch.setattr("verify.dossier.check.default_verifier", fake_verifier)
    run = CliRunner().invoke(app, ["check", str(make_dossier()), "--no-cache", "--workers", "1"])
    assert run.exit_code == 0, run.output
    assert "Sau kiểm tra minh chứng: ĐẠT" in run.output

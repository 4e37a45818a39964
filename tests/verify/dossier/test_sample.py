"""End to end on the sample dossier of examples/dossier (real signed PDFs, the test PKI).

The sample has one criterion failing for each reason; the check must find
exactly that reason there, keep the well-evidenced ones, write the three
reports, and fill Mẫu 02. The CLI is exercised on the same dossier.
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
    "1.10": "NUMBER_MISSING",
    "2.1": "DATE_MISSING",
    "2.2": "DATE_OUTSIDE_YEAR",
    "2.3": "SIGNER_NOT_UNIT",
}


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
    """All other criteria are evidenced by real signed documents."""
    good = [c for c in result.appraisal.criteria if c.id not in EXPECTED]
    assert good and all(c.evidenced and c.status == "dat" for c in good)
    row = result.appraisal.criterion("1.1")
    assert row is not None and len(row.documents) == 2
    assert any(d.startswith("Kế hoạch số 100/KH-UBND") for d in row.documents)


def test_both_decisions_are_kept(result: DossierResult):
    """Self-assessed ĐẠT, checked KHÔNG ĐẠT, citing the failing criteria."""
    assert result.appraisal.self_decision.passed
    assert not result.passed
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
    page = (tmp_path / "r.html").read_text("utf-8")
    assert 'id="tieu-chi-1.6"' in page and "Báo cáo bị sửa.pdf" in page
    assert "KHÔNG ĐẠT" in page and "<script" not in page
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames[:2] == ["Tiêu chí", "Tệp"]
    assert book["Tiêu chí"].max_row == len(result.appraisal.criteria) + 1


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
    assert again.exit_code == 1 and "36 từ bộ nhớ đệm" in again.output
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

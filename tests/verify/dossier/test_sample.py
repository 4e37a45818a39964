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
    assert "sở thông tin và truyền thông" in department.documents[0].casefold()


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
    assert book.sheetnames == ["Tổng hợp", "Tiêu chí", "Tệp"]
    sheet = book["Tiêu chí"]
    assert sheet.max_row == len(result.appraisal.criteria) + 1
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["3.5"][6] == "Chờ thẩm định" and str(rows["3.5"][9]).startswith("Trạm y tế")
    assert rows["4.8"][6] == "Không áp dụng"


def test_html_report_is_a_document_to_print(result: DossierResult, tmp_path: Path):
    """The ZIP's name (not a path), the catalog's title, the check time, the policy, failing ids
    as links, no internal codes, print styles; printed by Chromium: A4 landscape pages with the
    table headers repeated."""
    named = result.model_copy(update={"source": "/srv/hoso/work/abc/Hồ sơ Quảng Tâm.zip"})
    write_report(named, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "Hồ sơ Quảng Tâm.zip" in page and "/srv/hoso" not in page
    assert "Bộ tiêu chí chuyển đổi số cấp xã" in page and "(thanhhoa-2023-xa)" in page
    assert "Kiểm tra lúc" in page and "(+07:00), giờ Việt Nam" in page
    assert "chữ ký được đánh giá tại thời điểm 01/06/2024 08:00 (+07:00)" in page
    assert "strict (phiên bản 2025.2)" in page
    assert '<a href="#tieu-chi-1.6">1.6</a>' in page
    for code in ("FOLDER_NOT_A_CRITERION", "FILE_OUTSIDE_CRITERIA", "SIGNATURE_INVALID"):
        assert code not in page
    assert "@page{size:A4 landscape" in page and "thead{display:table-header-group}" in page
    assert "Người ký: " in page and "CA: Hoso Test CA" in page and "Ký lúc: 15/03/2024" in page
    for command in ("hoso trust", "--trust", "--online", "--policy"):
        assert command not in page
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian chromium is not installed")
    import subprocess

    from pypdf import PdfReader

    printed = tmp_path / "r.pdf"
    subprocess.run(
        [str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={printed}", (tmp_path / "r.html").as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    pages = PdfReader(printed).pages
    assert 5 <= len(pages) <= 30
    for pdf_page in pages:
        width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)
        assert round(width) == 842 and round(height) == 595, "A4 landscape"
    with_header = [p for p in pages if "Chữ ký số" in (p.extract_text() or "")]
    assert len(with_header) >= 2, "the files table repeats its header on every page"


def test_xlsx_report_opens_on_its_summary_and_prints_to_fit(result: DossierResult, tmp_path: Path):
    write_report(result.model_copy(update={"source": "/srv/x/Hồ sơ.zip"}), tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames[0] == "Tổng hợp" and book.active.title == "Tổng hợp"
    summary = {r[0]: r[1] for r in book["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Hồ sơ"] == "Hồ sơ.zip"
    assert summary["Tỷ lệ đạt"] == pytest.approx(result.appraisal.decision.rate / 100)
    rate_cell = next(r[1] for r in book["Tổng hợp"].iter_rows() if r[0].value == "Tỷ lệ đạt")
    assert rate_cell.number_format.endswith("%")
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert all((d.width or 0) <= 100 for d in sheet.column_dimensions.values())
    for name in ("Tiêu chí", "Tệp"):
        assert book[name].print_title_rows == "$1:$1" and book[name].freeze_panes == "A2"
    criteria = {r[0].value: r for r in book["Tiêu chí"].iter_rows(min_row=2)}
    rate = criteria["1.6"][3]
    assert isinstance(rate.value, float) and rate.number_format.endswith("%")
    assert rate.value == pytest.approx(0.6)
    files = book["Tệp"]
    headers = [c.value for c in files[1]]
    assert "CA cấp chứng thư" in headers and "Thời điểm ký (giờ Việt Nam)" in headers
    rows = {r[0]: r for r in files.iter_rows(min_row=2, values_only=True)}
    signed = rows["1.6/Báo cáo bị sửa.pdf"]
    assert signed[headers.index("CA cấp chứng thư")] == "Hoso Test CA cơ quan nhà nước"
    assert str(signed[headers.index("Thời điểm ký (giờ Việt Nam)")]).startswith("15/03/2024")
    text = " ".join(
        str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r
    )
    for command in ("hoso trust", "--trust", "--online", "--policy"):
        assert command not in text


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
    for command in ("hoso trust", "--trust", "--online", "--policy"):
        assert command not in form and command not in tables, "advice in words, not commands"
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

"""The spreadsheet report: one sheet for the criteria, one for the files, one for the summary.

Appraisal councils work in Excel: they filter the criteria that fail, sort
the files by signer, and paste rows into their minutes. Cells hold plain
values (never formulas: a file name starting with ``=`` stays text).
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from verify.dossier.model import DossierResult, FileCheck
from verify.dossier.report_html import KIND_LABELS, VERDICT_LABELS

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
OK_FONT = Font(color="0A6B0A", bold=True)
KO_FONT = Font(color="B00000", bold=True)
WAIT_FONT = Font(color="8A5A00", bold=True)
MUTED_FONT = Font(color="666666")
STATUS_FONTS = {
    "Đạt": OK_FONT,
    "Chờ thẩm định": WAIT_FONT,
    "Đang triển khai": WAIT_FONT,
    "Không áp dụng": MUTED_FONT,
    "Không đánh giá": MUTED_FONT,
}


def _text(value: object) -> object:
    """Strings that a spreadsheet would read as a formula are kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _sheet(ws: Worksheet, headers: list[str], rows: list[list[object]], widths: list[int]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for row in rows:
        ws.append([_text(v) for v in row])
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(1, index).column_letter].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _counted(check: FileCheck) -> str:
    """The file's "Được tính" cell: an explanation, a counting file, a PDF that does not count."""
    if check.explanation:
        return "Giải trình"
    if check.counts:
        return "Có"
    return "Không" if check.kind == "pdf" else ""


def render_xlsx(result: DossierResult) -> bytes:
    """The workbook as bytes."""
    appraisal = result.appraisal
    book = Workbook()
    criteria = book.active
    assert criteria is not None
    criteria.title = "Tiêu chí"
    _sheet(
        criteria,
        [
            "Mã",
            "Tiêu chí",
            "Chỉ tiêu",
            "Kết quả",
            "Tự đánh giá",
            "Có minh chứng hợp lệ",
            "Kết quả kiểm tra",
            "Văn bản minh chứng",
            "Tài liệu cần có",
            "Giải trình của đơn vị",
            "Lý do",
            "Thư mục",
        ],
        [
            [
                c.id,
                c.name,
                c.target_text,
                c.value_text,
                c.self_status_label,
                "—" if c.status == "khong_ap_dung" else ("Có" if c.evidenced else "Không"),
                c.status_label,
                "\n".join(c.documents),
                "\n".join(f"{'✔' if r.met else '✘'} {r.name}" for r in c.requirements),
                c.explanation or "",
                "\n".join(r.message for r in c.reasons),
                c.folder or "",
            ]
            for c in appraisal.criteria
        ],
        [8, 50, 18, 16, 14, 12, 14, 50, 40, 40, 70, 24],
    )
    for row in criteria.iter_rows(min_row=2, min_col=7, max_col=7):
        for cell in row:
            cell.font = STATUS_FONTS.get(str(cell.value), KO_FONT)
    files = book.create_sheet("Tệp")
    _sheet(
        files,
        [
            "Tệp",
            "Tiêu chí",
            "Loại",
            "Chữ ký số",
            "Người ký",
            "Văn bản",
            "Được tính",
            "Lý do",
            "SHA-256",
        ],
        [
            [
                f.path,
                f.criterion_id or "",
                KIND_LABELS[f.kind],
                VERDICT_LABELS.get(f.report.verdict, f.report.verdict) if f.report else "",
                ", ".join(
                    x
                    for x in (
                        f.report.signatures[0].signer.common_name,
                        f.report.signatures[0].signer.organization,
                    )
                    if x
                )
                if f.report and f.report.signatures
                else "",
                f.document or "",
                _counted(f),
                "\n".join(r.message for r in f.reasons),
                f.sha256 or "",
            ]
            for f in result.files
        ],
        [40, 9, 16, 20, 30, 50, 10, 70, 20],
    )
    summary = book.create_sheet("Tổng hợp")
    unit = result.assessment.unit
    for label, value in (
        ("Đơn vị", unit.name),
        ("Bộ tiêu chí", appraisal.catalog_id),
        ("Năm", appraisal.year),
        ("Tự đánh giá", appraisal.self_decision.label),
        ("Giải thích (tự đánh giá)", appraisal.self_decision.explanation),
        ("Sau kiểm tra minh chứng", appraisal.decision.label),
        ("Giải thích (sau kiểm tra)", appraisal.decision.explanation),
        ("Hồ sơ", result.source),
        ("Chính sách kiểm tra", f"{result.policy.id} {result.policy.version}"),
    ):
        summary.append([label, _text(value)])
    for problem in result.problems:
        summary.append(["Vấn đề của hồ sơ", _text(problem.message)])
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

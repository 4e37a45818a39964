"""The spreadsheet report: the summary first, then the criteria, then the files.

Appraisal councils work in Excel: they read the summary, filter the criteria
that fail, sort the files by signer or CA, and paste rows into their
minutes. So: the summary sheet opens first; rates are numbers with a percent
format (a council can sum and sort them), counts are numbers; every sheet is
set up to print (A4 landscape, fit to the page width, the header row repeated
on every page, frozen while scrolling); column widths are set for the
content, long text wraps. Cells hold plain values, never formulas: a file
name starting with ``=`` stays text.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from verify.dossier.model import DossierResult, FileCheck
from verify.dossier.report_words import (
    KIND_LABELS,
    VERDICT_LABELS,
    catalog_title,
    checked_line,
    issuer_of,
    signer_of,
    signing_time_of,
    tier_label,
)

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
OK_FONT = Font(color="0A5A1F", bold=True)
KO_FONT = Font(color="9B0D1E", bold=True)
WAIT_FONT = Font(color="6B4400", bold=True)
MUTED_FONT = Font(color="555555")
STATUS_FONTS = {
    "Đạt": OK_FONT,
    "Chờ thẩm định": WAIT_FONT,
    "Đang triển khai": WAIT_FONT,
    "Không áp dụng": MUTED_FONT,
    "Không đánh giá": MUTED_FONT,
}
PERCENT = "0.0%"
WRAP = Alignment(wrap_text=True, vertical="top")


def _text(value: object) -> object:
    """Strings that a spreadsheet would read as a formula are kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _print_setup(ws: Worksheet, *, header_rows: int = 1) -> None:
    """A4 landscape, as wide as the page, the header repeated on every printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_options.gridLines = True
    if header_rows:
        ws.print_title_rows = f"1:{header_rows}"
    ws.oddFooter.center.text = "Trang &P / &N"


LINE_POINTS = 15.0
"""Height of one line of 11-point text, in points."""


def _lines(value: object, width: float) -> int:
    """How many lines a wrapped cell needs at ``width`` characters (spreadsheets do not tell)."""
    if value is None:
        return 1
    per_line = max(1.0, width * 1.1)
    return sum(max(1, -(-len(part) // int(per_line))) for part in str(value).split("\n"))


def _fit_rows(ws: Worksheet, widths: list[int], first: int = 1) -> None:
    """Row heights for wrapped text, so every line shows on screen and on paper."""
    for row in ws.iter_rows(min_row=first):
        needed = max(_lines(c.value, widths[i]) for i, c in enumerate(row) if i < len(widths))
        if needed > 1:
            ws.row_dimensions[row[0].row].height = min(409.0, needed * LINE_POINTS)


def _sheet(ws: Worksheet, headers: list[str], rows: list[list[object]], widths: list[int]) -> None:
    ws.append(headers)
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
    for row in rows:
        ws.append([_text(v) for v in row])
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(1, index).column_letter].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    _fit_rows(ws, widths)
    _print_setup(ws)


def _counted(check: FileCheck) -> str:
    """The file's "Được tính" cell: an explanation, a counting file, a PDF that does not count."""
    if check.explanation:
        return "Giải trình"
    if check.counts:
        return "Có"
    return "Không" if check.kind == "pdf" else ""


def _percent_like(text: str) -> str:
    """The percent format with as many decimals as the shown text (``94,4%`` → ``0.0%``)."""
    decimals = len(text.rstrip("%").partition(",")[2])
    return "0%" if not decimals else "0." + "0" * decimals + "%"


def _value(value: float | bool | None, text: str) -> object:
    """A criterion's result as a number where it is one (a rate as a fraction, shown in %)."""
    if isinstance(value, bool) or value is None:
        return text
    return value / 100 if text.endswith("%") else value


def _summary(book: Workbook, result: DossierResult) -> None:
    summary = book.active
    assert summary is not None
    summary.title = "Tổng hợp"
    appraisal = result.appraisal
    unit = result.assessment.unit
    decision = appraisal.decision
    rows: list[tuple[str, object, str | None]] = [
        ("Đơn vị", unit.name + (f" ({unit.parent})" if unit.parent else ""), None),
        ("Bộ tiêu chí", catalog_title(appraisal.catalog_id), None),
        ("Mức", tier_label(appraisal.tier), None),
        ("Năm", appraisal.year, None),
        ("Hồ sơ", result.source.replace("\\", "/").rsplit("/", 1)[-1], None),
        ("Kiểm tra lúc", checked_line(result), None),
        ("Chính sách kiểm tra", f"{result.policy.id} (phiên bản {result.policy.version})", None),
        ("Tự đánh giá", appraisal.self_decision.label, None),
        ("Giải thích (tự đánh giá)", appraisal.self_decision.explanation, None),
        ("Sau kiểm tra minh chứng", decision.label, None),
        ("Giải thích (sau kiểm tra)", decision.explanation, None),
        ("Số tiêu chí", decision.total, None),
        ("Số tiêu chí đạt", decision.met, None),
        ("Tỷ lệ đạt", decision.rate / 100, _percent_like(decision.rate_text)),
        (
            "Số tiêu chí có minh chứng hợp lệ",
            sum(1 for c in appraisal.criteria if c.evidenced),
            None,
        ),
        ("Số tệp", result.stats.files, None),
        ("Số tệp PDF", result.stats.pdfs, None),
        *(
            (f"Nhóm {g.id}. {g.name}: tỷ lệ đạt", g.rate / 100, _percent_like(g.rate_text))
            for g in appraisal.groups
        ),
        *(("Vấn đề của hồ sơ", p.message, None) for p in result.problems),
    ]
    tone = OK_FONT if decision.passed else KO_FONT if decision.passed is False else WAIT_FONT
    for label, value, number_format in rows:
        summary.append([label, _text(value)])
        head, cell = summary[summary.max_row]
        head.font = HEADER_FONT
        head.alignment = cell.alignment = WRAP
        if number_format:
            cell.number_format = number_format
        if label == "Sau kiểm tra minh chứng":
            cell.font = tone
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 100
    _fit_rows(summary, [34, 100])
    _print_setup(summary, header_rows=0)


def render_xlsx(result: DossierResult) -> bytes:
    """The workbook as bytes."""
    appraisal = result.appraisal
    book = Workbook()
    _summary(book, result)
    criteria = book.create_sheet("Tiêu chí")
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
                _value(c.value, c.value_text),
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
        [6, 30, 11, 8, 10, 9, 11, 32, 28, 20, 36, 14],
    )
    for row, criterion in zip(criteria.iter_rows(min_row=2), appraisal.criteria, strict=True):
        row[6].font = STATUS_FONTS.get(str(row[6].value), KO_FONT)
        if not isinstance(row[3].value, str) and criterion.value_text.endswith("%"):
            row[3].number_format = _percent_like(criterion.value_text)
    files = book.create_sheet("Tệp")
    _sheet(
        files,
        [
            "Tệp",
            "Tiêu chí",
            "Loại",
            "Chữ ký số",
            "Người ký",
            "CA cấp chứng thư",
            "Thời điểm ký (giờ Việt Nam)",
            "Văn bản",
            "Được tính",
            "Lý do",
            "SHA-256",
        ],
        [_file_row(f) for f in result.files],
        [28, 7, 10, 13, 24, 22, 20, 32, 8, 36, 66],
    )
    files.print_area = f"A1:J{files.max_row}"  # the SHA-256 column stays on screen only
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _file_row(f: FileCheck) -> list[object]:
    signatures = f.report.signatures if f.report else []
    return [
        f.path,
        f.criterion_id or "",
        KIND_LABELS[f.kind],
        VERDICT_LABELS.get(f.report.verdict, f.report.verdict) if f.report else "",
        "\n".join(signer_of(s) for s in signatures),
        "\n".join(issuer_of(s) for s in signatures),
        "\n".join(signing_time_of(s) for s in signatures),
        f.document or "",
        _counted(f),
        "\n".join(r.message for r in f.reasons),
        f.sha256 or "",
    ]

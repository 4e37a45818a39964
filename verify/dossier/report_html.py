"""The reviewers' report: one self-contained HTML page in Vietnamese.

For the district appraisal council and the provincial department: a row per
criterion with a status mark, the self-assessed and the checked result, the
files (each linking to its detail further down the page) and every reason a
criterion is not evidenced. Every string that came from the dossier — file
names, document subjects, signer names — is escaped: a file named
``<script>.pdf`` must show as text.
"""

from __future__ import annotations

from html import escape

from criteria.appraisal import CriterionAppraisal
from criteria.numbers import format_number
from verify.dossier.model import DossierResult, FileCheck

VERDICT_LABELS = {
    "valid": "Chữ ký hợp lệ",
    "invalid": "Chữ ký không hợp lệ",
    "indeterminate": "Chưa xác định được chữ ký",
    "unsigned": "Chưa ký số",
    "unreadable": "Không đọc được",
}
KIND_LABELS = {
    "pdf": "PDF",
    "illustration": "Ảnh/video/âm thanh minh họa",
    "other": "Định dạng không chấp nhận",
    "ignored": "Tệp hệ thống (bỏ qua)",
    "refused": "Liên kết (từ chối)",
}

STYLE = """
body{font-family:"Times New Roman",serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;width:100%;font-size:.95em}
th,td{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eee}.ok{color:#0a6b0a;font-weight:bold}.ko{color:#b00000;font-weight:bold}
.wait{color:#8a5a00;font-weight:bold}
.muted{color:#666}.decision{padding:.5em 1em;border:1px solid #999;margin:.5em 0}
ul{margin:0;padding-left:1.2em}
"""


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _mark(ok: bool) -> str:
    return '<span class="ok">✔</span>' if ok else '<span class="ko">✘</span>'


def _anchors(result: DossierResult) -> dict[str, str]:
    return {f.path: f"tep-{i}" for i, f in enumerate(result.files, start=1)}


STATUS_CLASSES = {
    "dat": "ok",
    "cho_tham_dinh": "wait",
    "dang_trien_khai": "wait",
    "khong_ap_dung": "muted",
    "khong_danh_gia": "muted",
}
"""Đạt green, awaiting the appraiser amber, not applicable grey, everything else red."""


def _criterion_row(row: CriterionAppraisal, files: list[FileCheck], anchors: dict[str, str]) -> str:
    links = "".join(
        f'<li><a href="#{anchors[f.path]}">{_e(f.path)}</a>'
        f"{' (giải trình)' if f.explanation else ' ✔' if f.counts else ''}</li>"
        for f in files
    )
    items = [] if row.evidenced else [r.message for r in row.reasons]
    if row.evidenced and row.documents:
        items = list(row.documents)
    if row.status == "khong_ap_dung":
        items = ["Không áp dụng cho đơn vị: không tính vào tổng số tiêu chí."]
    reasons = "".join(f"<li>{_e(text)}</li>" for text in items)
    if row.explanation:
        reasons = f"<li><b>Giải trình của đơn vị:</b> {_e(row.explanation)}</li>" + reasons
    needed = "".join(f"<li>{'✔' if c.met else '✘'} {_e(c.name)}</li>" for c in row.requirements)
    mark = "—" if row.status == "khong_ap_dung" else _mark(row.evidenced)
    return (
        f'<tr id="tieu-chi-{_e(row.id)}"><td>{_e(row.id)}</td><td>{_e(row.name)}</td>'
        f"<td>{_e(row.target_text)}</td><td>{_e(row.self_status_label)}</td>"
        f"<td>{mark}<ul>{needed}</ul></td>"
        f'<td class="{STATUS_CLASSES.get(row.status, "ko")}">{_e(row.status_label)}</td>'
        f"<td><ul>{links}</ul></td><td><ul>{reasons}</ul></td></tr>"
    )


def _counted(check: FileCheck) -> str:
    if check.explanation:
        return "giải trình"
    return _mark(check.counts) if check.kind == "pdf" or check.counts else ""


def _file_row(check: FileCheck, anchor: str) -> str:
    report = check.report
    verdict = VERDICT_LABELS.get(report.verdict, report.verdict) if report else ""
    signer = ""
    if report and report.signatures:
        who = report.signatures[0].signer
        signer = ", ".join(x for x in (who.common_name, who.organization) if x)
    reasons = "".join(f"<li>{_e(r.message)}</li>" for r in check.reasons)
    if report:
        reasons += "".join(
            f'<li class="muted">{_e(p.message)}</li>'
            for p in report.problems
            if p.severity == "warning"
        )
    cached = ' <span class="muted">(kết quả lưu)</span>' if check.cached else ""
    return (
        f'<tr id="{anchor}"><td>{_e(check.path)}{cached}</td>'
        f"<td>{_e(check.criterion_id or '—')}</td><td>{_e(KIND_LABELS[check.kind])}</td>"
        f"<td>{_e(verdict)}</td><td>{_e(signer)}</td><td>{_e(check.document or '')}</td>"
        f"<td>{_counted(check)}</td>"
        f"<td><ul>{reasons}</ul></td></tr>"
    )


_OUTCOME_CLASSES = {"dat": "ok", "khong_dat": "ko", "cho_tham_dinh": "wait", "theo_doi": "muted"}


def render_html(result: DossierResult) -> bytes:
    """The report page, UTF-8."""
    appraisal = result.appraisal
    unit = result.assessment.unit
    anchors = _anchors(result)
    rows = "".join(
        _criterion_row(row, result.files_of(row.id), anchors) for row in appraisal.criteria
    )
    files = "".join(_file_row(f, anchors[f.path]) for f in result.files)
    problems = "".join(
        f"<li>{_e(p.message)} <span class='muted'>({_e(p.code)})</span></li>"
        for p in result.problems
    )
    evidenced = sum(1 for c in appraisal.criteria if c.evidenced)
    stats = result.stats
    body = f"""
<h1>Kết quả kiểm tra hồ sơ minh chứng chuyển đổi số</h1>
<p><b>Đơn vị:</b> {_e(unit.name)}{f" ({_e(unit.parent)})" if unit.parent else ""}<br>
<b>Bộ tiêu chí:</b> {_e(appraisal.catalog_id)}, mức {_e(appraisal.tier)}, năm {appraisal.year}<br>
<b>Hồ sơ:</b> {_e(result.source)}<br>
<span class="muted">{stats.files} tệp, {stats.pdfs} PDF ({stats.verified} kiểm tra mới,
{stats.cached} lấy từ kết quả lưu), {format_number(stats.seconds)} giây; chính sách kiểm tra
{_e(result.policy.id)} {_e(result.policy.version)}</span></p>
<div class="decision"><b>Kết quả tự đánh giá:</b> {_e(appraisal.self_decision.label)}.
{_e(appraisal.self_decision.explanation)}</div>
<div class="decision"><b>Kết quả sau kiểm tra minh chứng:</b>
<span class="{_OUTCOME_CLASSES[appraisal.decision.outcome]}">{_e(appraisal.decision.label)}</span>.
{_e(appraisal.decision.explanation)}<br>
{evidenced}/{len(appraisal.criteria)} tiêu chí có minh chứng hợp lệ.</div>
<h2>Từng tiêu chí</h2>
<table><thead><tr><th>Mã</th><th>Tiêu chí</th><th>Chỉ tiêu</th><th>Tự đánh giá</th>
<th>Minh chứng</th><th>Kết quả kiểm tra</th><th>Tệp</th><th>Văn bản hợp lệ / Lý do</th></tr></thead>
<tbody>{rows}</tbody></table>
<h2>Vấn đề khác của hồ sơ</h2>
<ul>{problems or "<li>Không có.</li>"}</ul>
<h2>Từng tệp</h2>
<table><thead><tr><th>Tệp</th><th>Tiêu chí</th><th>Loại</th><th>Chữ ký số</th><th>Người ký</th>
<th>Văn bản</th><th>Được tính</th><th>Lý do, lưu ý</th></tr></thead>
<tbody>{files}</tbody></table>
"""
    page = (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>Kiểm tra hồ sơ — {_e(unit.name)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )
    return page.encode("utf-8")

"""The reviewers' report: one self-contained HTML page in Vietnamese, made to be printed.

For the district appraisal council and the provincial department: the unit,
the catalog by its title, the dossier's file name, when it was checked and
under which policy; both conclusions with the failing criteria as links; a
row per criterion (its required documents, its files linking to their rows,
every reason); the dossier's other problems in words (never an internal
code); a row per file with its signatures (signer, issuing CA, signing time
in Viet Nam time and its source). Printed from a browser it is an A4
landscape document: tables with repeated headers, rows kept whole, widths
fixed so names never stand one word per line.

Every string that came from the dossier — file names, document subjects,
signer names — is escaped: a file named ``<script>.pdf`` must show as text.
"""

from __future__ import annotations

from html import escape
from pathlib import PurePath

from criteria.appraisal import CriterionAppraisal
from criteria.numbers import format_number
from verify.dossier.model import DossierResult, FileCheck
from verify.dossier.report_words import (
    KIND_LABELS,
    VERDICT_LABELS,
    catalog_title,
    checked_line,
    signature_lines,
    tier_label,
)

STYLE = """
@page{size:A4 landscape;margin:12mm 10mm}
body{font-family:"Times New Roman","Liberation Serif",serif;margin:2em;color:#111;font-size:11pt;
line-height:1.35}
h1{font-size:1.45em;margin:0 0 .4em}h2{font-size:1.15em;margin:1.4em 0 .4em;break-after:avoid}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #777;padding:3px 5px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
thead{display:table-header-group}tr{break-inside:avoid}th{background:#e8e8e8}
table.facts{width:auto;table-layout:auto;margin:.3em 0}table.facts th{background:none;border:0;
padding:1px 12px 1px 0;white-space:nowrap}table.facts td{border:0;padding:1px 0}
.ok{color:#0a5a1f;font-weight:bold}.ko{color:#9b0d1e;font-weight:bold}.wait{color:#6b4400;
font-weight:bold}.muted{color:#555}
.decision{padding:.4em .8em;border:1px solid #777;margin:.5em 0;break-inside:avoid}
ul{margin:0;padding-left:1.1em}li{margin:0}
col.id{width:4.5%}col.name{width:20%}col.self{width:8%}col.result{width:9%}col.needed{width:17%}
col.files{width:16%}col.reasons{width:25.5%}
col.path{width:19%}col.crit{width:5%}col.sig{width:25%}col.doc{width:22%}col.count{width:6%}
col.why{width:23%}
a{color:#0b4aa8}
@media print{body{margin:0;font-size:9.5pt}a{color:inherit;text-decoration:none}}
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
NOT_MET = ("khong_dat", "dang_trien_khai", "khong_danh_gia")


def _criterion_row(row: CriterionAppraisal, files: list[FileCheck], anchors: dict[str, str]) -> str:
    links = "".join(
        f'<li><a href="#{anchors[f.path]}">{_e(PurePath(f.path).name)}</a>'
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
    value = f"; kết quả {_e(row.value_text)}" if row.value_text else ""
    return (
        f'<tr id="tieu-chi-{_e(row.id)}"><td>{_e(row.id)}</td>'
        f'<td>{_e(row.name)}<br><span class="muted">Chỉ tiêu {_e(row.target_text)}{value}</span></td>'
        f"<td>{_e(row.self_status_label)}</td>"
        f'<td class="{STATUS_CLASSES.get(row.status, "ko")}">{_e(row.status_label)}</td>'
        f"<td>{mark}<ul>{needed}</ul></td>"
        f"<td><ul>{links or '<li class=muted>Không có tệp</li>'}</ul></td>"
        f"<td><ul>{reasons}</ul></td></tr>"
    )


def _counted(check: FileCheck) -> str:
    if check.explanation:
        return "giải trình"
    return _mark(check.counts) if check.kind == "pdf" or check.counts else ""


def _file_row(check: FileCheck, anchor: str, problems: list[str]) -> str:
    report = check.report
    verdict = VERDICT_LABELS.get(report.verdict, report.verdict) if report else ""
    signatures = "".join(
        f"<li>{'<br>'.join(_e(line) for line in lines)}</li>"
        for lines in (signature_lines(s) for s in (report.signatures if report else []))
    )
    reasons = "".join(f"<li>{_e(r.message)}</li>" for r in check.reasons)
    reasons += "".join(f"<li>{_e(text)}</li>" for text in problems)
    if report:
        reasons += "".join(
            f'<li class="muted">{_e(p.message)}</li>'
            for p in report.problems
            if p.severity == "warning"
        )
    cached = ' <span class="muted">(kết quả lưu)</span>' if check.cached else ""
    kind = "" if check.kind == "pdf" else f"{_e(KIND_LABELS[check.kind])}<br>"
    return (
        f'<tr id="{anchor}"><td>{_e(check.path)}{cached}</td>'
        f"<td>{_e(check.criterion_id or '—')}</td>"
        f"<td>{kind}<b>{_e(verdict)}</b><ul>{signatures}</ul></td>"
        f"<td>{_e(check.document or '')}</td>"
        f"<td>{_counted(check)}</td>"
        f"<td><ul>{reasons}</ul></td></tr>"
    )


_OUTCOME_CLASSES = {"dat": "ok", "khong_dat": "ko", "cho_tham_dinh": "wait", "theo_doi": "muted"}


def _header(result: DossierResult) -> str:
    appraisal = result.appraisal
    unit = result.assessment.unit
    stats = result.stats
    parent = f" ({_e(unit.parent)})" if unit.parent else ""
    return f"""
<h1>Kết quả kiểm tra hồ sơ minh chứng chuyển đổi số</h1>
<table class="facts">
<tr><th>Đơn vị</th><td>{_e(unit.name)}{parent}</td></tr>
<tr><th>Bộ tiêu chí</th><td>{_e(catalog_title(appraisal.catalog_id))}, mức {_e(tier_label(appraisal.tier))},
năm {appraisal.year}</td></tr>
<tr><th>Hồ sơ</th><td>{_e(PurePath(result.source).name)}</td></tr>
<tr><th>Kiểm tra lúc</th><td>{_e(checked_line(result))}</td></tr>
<tr><th>Chính sách kiểm tra</th><td>{_e(result.policy.id)} (phiên bản {_e(result.policy.version)})
</td></tr>
<tr><th>Số tệp</th><td>{stats.files} tệp, {stats.pdfs} PDF ({stats.verified} kiểm tra mới,
{stats.cached} lấy từ kết quả lưu), {format_number(stats.seconds)} giây</td></tr>
</table>"""


def _decisions(result: DossierResult) -> str:
    appraisal = result.appraisal
    evidenced = sum(1 for c in appraisal.criteria if c.evidenced)
    failing = [c.id for c in appraisal.criteria if c.status in NOT_MET]
    links = ", ".join(f'<a href="#tieu-chi-{_e(i)}">{_e(i)}</a>' for i in failing)
    return f"""
<div class="decision"><b>Kết quả tự đánh giá:</b> {_e(appraisal.self_decision.label)}.
{_e(appraisal.self_decision.explanation)}</div>
<div class="decision"><b>Kết quả sau kiểm tra minh chứng:</b>
<span class="{_OUTCOME_CLASSES[appraisal.decision.outcome]}">{_e(appraisal.decision.label)}</span>.
{_e(appraisal.decision.explanation)}<br>
{evidenced}/{len(appraisal.criteria)} tiêu chí có minh chứng hợp lệ.
{f"<br><b>Tiêu chí không đạt:</b> {links}." if links else ""}</div>"""


def render_html(result: DossierResult) -> bytes:
    """The report page, UTF-8."""
    appraisal = result.appraisal
    anchors = _anchors(result)
    rows = "".join(
        _criterion_row(row, result.files_of(row.id), anchors) for row in appraisal.criteria
    )
    by_file: dict[str, list[str]] = {}
    general = []
    for problem in result.problems:
        if problem.path in anchors:
            by_file.setdefault(problem.path, []).append(problem.message)
        else:
            general.append(f"<li>{_e(problem.message)}</li>")
    files = "".join(_file_row(f, anchors[f.path], by_file.get(f.path, [])) for f in result.files)
    body = f"""{_header(result)}{_decisions(result)}
<h2>Từng tiêu chí</h2>
<table><colgroup><col class="id"><col class="name"><col class="self"><col class="result">
<col class="needed"><col class="files"><col class="reasons"></colgroup>
<thead><tr><th>Mã</th><th>Tiêu chí</th><th>Tự đánh giá</th><th>Kết quả kiểm tra</th>
<th>Tài liệu cần có</th><th>Tệp</th><th>Văn bản hợp lệ / Lý do</th></tr></thead>
<tbody>{rows}</tbody></table>
<h2>Vấn đề khác của hồ sơ</h2>
<ul>{"".join(general) or "<li>Không có.</li>"}</ul>
<h2>Từng tệp</h2>
<table><colgroup><col class="path"><col class="crit"><col class="sig"><col class="doc">
<col class="count"><col class="why"></colgroup>
<thead><tr><th>Tệp</th><th>Tiêu chí</th><th>Chữ ký số</th><th>Văn bản</th><th>Được tính</th>
<th>Lý do, lưu ý</th></tr></thead>
<tbody>{files}</tbody></table>
"""
    unit = result.assessment.unit
    page = (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>Kiểm tra hồ sơ — {_e(unit.name)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )
    return page.encode("utf-8")

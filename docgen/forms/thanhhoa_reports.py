"""Thanh Hóa reports: Mẫu 01–04 of the Sở TT&TT guidance (tháng 8/2023, seed 003) with Phụ lục 01–03.

The four reports follow one commune's dossier up the chain — the commune
reports (Mẫu 01), the district appraises (Mẫu 02), a steering-committee member
gives an opinion (Mẫu 03), the Department verifies (Mẫu 04). All four take the
commune's assessment as it was posted to ``criteria``; the later ones add one
flat review layer each (see :mod:`docgen.forms.thanhhoa_review`). Counts,
rates and conclusions are computed, never typed; the narrative is the caller's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import Field

from criteria import Assessment, CriterionResult
from criteria.results import GroupSummary
from docgen.dates import number_line
from docgen.errors import Problem
from docgen.forms._common import (
    Agency,
    FormInput,
    Issue,
    Signer,
    later_citations,
    recipient_lines,
    signer_context,
)
from docgen.forms.thanhhoa_frame import (
    assessment_check,
    attached_note,
    conclusion_counts,
    evaluate_for_form,
    group_lines,
    group_rows,
    header,
    local_name,
    place_names,
)
from docgen.forms.thanhhoa_review import (
    CriterionReview,
    Layered,
    Review,
    change_note,
    layer,
    outcome,
    unknown_ids_check,
)
from docgen.registry import FormSpec, Warn, register

FAMILY = "Thanh Hóa — Hướng dẫn của Sở TT&TT (tháng 8/2023) theo QĐ 1829/QĐ-UBND"

Text = Annotated[str, Field(min_length=1)]
Paragraphs = Annotated[list[Text], Field(min_length=1)]
OptionalParagraphs = Annotated[list[Text], Field(default_factory=list)]
GroupId = Literal["1", "2", "3", "4"]

ASSESSMENT_DESCRIPTION = (
    "Hồ sơ tự đánh giá của xã theo bộ tiêu chí 'thanhhoa-2023-xa' (đúng định dạng đầu vào của "
    "criteria.evaluate); tên xã lấy từ unit.name, tên huyện từ unit.parent"
)
APPRAISAL_DESCRIPTION = (
    "Kết quả thẩm định của UBND cấp huyện theo mã tiêu chí, ví dụ "
    '{"1.6": {"status": "khong_dat", "comment": "...", "evidence": ["..."]}}; tiêu chí không có '
    "mục ở đây giữ kết quả tự đánh giá của xã"
)


def _paragraphs(description: str) -> Any:
    return Field(min_length=1, description=description)


def _optional(description: str) -> Any:
    return Field(default_factory=list, description=description)


# --------------------------------------------------------------------------- Mẫu 01


DECISION_969 = ("Quyết định số 969/QĐ-UBND", dt.date(2022, 3, 18))
"""Chỉ tiêu chuyển đổi số cấp huyện, cấp xã 2022–2025, cited by Mẫu 01's opening."""
DECISION_1829 = ("Quyết định số 1829/QĐ-UBND", dt.date(2023, 5, 30))
"""The criteria set itself, which every report and opinion "carries out" (Thực hiện …)."""


def carrying_out(document: str, *decisions: tuple[str, dt.date]) -> Warn:
    """The warning of a report dated before a decision its opening carries out."""

    def warn(data: Any) -> list[Problem]:
        cited = [("issue.date", name, date) for name, date in decisions]
        return later_citations(document, data.issue.date, cited)

    return warn


class Practice(FormInput):
    """One outstanding digital-transformation model (Mẫu 01, III.2)."""

    name: Text = Field(description="Tên mô hình")
    description: Text = Field(description="Mô tả")
    effectiveness: Text = Field(
        description="Nhận xét (tính hiệu quả): từ cách làm truyền thống sang ứng dụng công nghệ số"
    )


class Mau01Input(FormInput):
    """Mẫu 01 — Báo cáo kết quả thực hiện các tiêu chí chuyển đổi số cấp xã, kèm Phụ lục 01."""

    assessment: Assessment = Field(description=ASSESSMENT_DESCRIPTION)
    agency: Agency | None = Field(
        None,
        description="Cơ quan ban hành; mặc định UBND xã theo assessment.unit.name, ký hiệu 'UBND'",
    )
    issue: Issue
    district_documents: list[Text] = _optional(
        "Văn bản của huyện được viện dẫn ở đoạn mở đầu (số, ngày, trích yếu); bỏ trống thì không ghi"
    )
    leadership: list[Text] = _paragraphs(
        "I.1. Công tác lãnh đạo, chỉ đạo tổ chức triển khai thực hiện (mỗi phần tử một đoạn)"
    )
    communication: list[Text] = _paragraphs("I.2. Công tác thông tin, tuyên truyền")
    policies: list[Text] = _paragraphs(
        "I.3. Công tác ban hành các cơ chế, chính sách, văn bản, quy định"
    )
    advantages: list[Text] = _paragraphs("III.1.1. Thuận lợi")
    difficulties: list[Text] = _paragraphs("III.1.2. Khó khăn, tồn tại")
    causes: list[Text] = _paragraphs("III.1.3. Nguyên nhân")
    practices: list[Practice] = _optional(
        "III.2. Một số mô hình chuyển đổi số nổi bật; bỏ trống thì không in mục 2"
    )
    tasks: list[Text] = _paragraphs("IV. Nhiệm vụ, giải pháp tiếp theo")
    recommendations: list[Text] = _optional("V. Kiến nghị, đề xuất; bỏ trống thì không in mục V")
    notes: dict[str, Text] = Field(
        default_factory=dict, description="Cột Ghi chú của Phụ lục 01 theo mã tiêu chí"
    )
    recipients: list[Text] = Field(
        default_factory=lambda: ["Lưu: VT, VP"],
        description="Nơi nhận, mỗi dòng một nơi, kể cả dòng 'Lưu: VT, VP' (dấu '-', ';' do hoso thêm)",
    )
    signer: Signer


def _criterion_block(row: Layered, requirement: str) -> dict[str, Any]:
    """Mẫu 01, II: a) yêu cầu, b) kết quả (the caller's text, then the figures), c) đánh giá."""
    result = row.result
    figure = ""
    if result.value_text and not isinstance(result.value, bool):
        figure = f"Kết quả đạt: {row.readings[0].text}; chỉ tiêu: {result.target_text}."
    if result.result:
        text, extra = result.result, [figure] if figure else []
    else:
        text, extra = figure or f"{result.value_text or result.status_label}.", []
    if result.explanation:
        extra.append(f"Giải trình của xã (thay cho tài liệu kiểm chứng): {result.explanation}")
    return {
        "id": result.id,
        "requirement": requirement,
        "result": text,
        "figures": extra,
        "evidence": list(result.evidence_submitted),
        "status": result.status_label,
    }


def mau01_context(data: Mau01Input) -> dict[str, Any]:
    evaluated, catalog = evaluate_for_form("mau-01", data.assessment)
    names = place_names(evaluated)
    agency = data.agency or Agency(name=evaluated.unit.name, code="UBND")
    rows = layer(evaluated, [])
    requirement = {c.id: c.requirement_text or c.name for c in catalog.criteria}
    blocks = {row.result.id: _criterion_block(row, requirement[row.result.id]) for row in rows}
    groups = group_lines(evaluated.groups, evaluated.criteria)
    for group in groups:
        group["criteria"] = [blocks[r.id] for r in evaluated.criteria if r.group == group["id"]]
    return {
        "header": header(agency, data.issue, "BC", evaluated.year),
        **names,
        "year": evaluated.year,
        "district_documents": "; ".join(data.district_documents),
        "leadership": data.leadership,
        "communication": data.communication,
        "policies": data.policies,
        "groups": groups,
        "advantages": data.advantages,
        "difficulties": data.difficulties,
        "causes": data.causes,
        "practices": [p.model_dump() for p in data.practices],
        "tasks": data.tasks,
        "recommendations": data.recommendations,
        "recipients": recipient_lines(data.recipients),
        "signer": signer_context(data.signer),
        "appendix": {
            "attached": attached_note(
                "Báo cáo", data.issue, "BC", agency.code, f"UBND {names['commune']}"
            ),
            "groups": group_rows(
                catalog,
                rows,
                lambda row: {
                    "id": row.result.id,
                    "name": row.result.name,
                    "unit": row.result.unit,
                    "target": row.result.target_text,
                    "result": row.readings[0].text,
                    "status": row.result.status_label,
                    "evidence": "\n".join(row.result.evidence_submitted),
                    "note": data.notes.get(row.result.id, ""),
                },
            ),
        },
    }


MAU_01 = register(
    FormSpec(
        id="mau-01",
        title="Mẫu 01 — Báo cáo kết quả thực hiện các tiêu chí chuyển đổi số cấp xã (kèm Phụ lục 01)",
        model=Mau01Input,
        template="mau-01.docx",
        build_context=mau01_context,
        family=FAMILY,
        checks=(assessment_check, unknown_ids_check("notes")),
        warnings=(carrying_out("Báo cáo", DECISION_969, DECISION_1829),),
    )
)


# --------------------------------------------------------------------------- Mẫu 02, 03, 04


class _ReviewReport(FormInput):
    """The narrative every review report (Mẫu 02, 03, 04) shares: sections I, II, III and V."""

    assessment: Assessment = Field(description=ASSESSMENT_DESCRIPTION)
    issue: Issue
    dossier: list[Text] = _paragraphs("I. Về hồ sơ, tài liệu minh chứng (mỗi phần tử một đoạn)")
    group_remarks: dict[GroupId, list[Text]] = Field(
        default_factory=dict,
        description=(
            "II. Nhận xét thêm theo nhóm: '1' Chính quyền số, '2' Kinh tế số, '3' Xã hội số, "
            "'4' Hạ tầng và nền tảng số (số tiêu chí đạt/không đạt do hoso tính)"
        ),
    )
    practices: list[Text] = _paragraphs("III. Mô hình nổi trội về chuyển đổi số")
    recommendations: list[Text] = _optional("V. Đề xuất, kiến nghị; bỏ trống thì không in mục V")


def _comment(criterion_id: str, entry: CriterionReview, with_evidence: bool) -> str:
    text = f"Tiêu chí {criterion_id}: {entry.comment}"
    if with_evidence and entry.evidence:
        text += f" (Tài liệu minh chứng: {'; '.join(entry.evidence)})"
    return text


def _review_groups(
    data: _ReviewReport,
    review: Review,
    results: list[CriterionResult],
    groups: list[GroupSummary],
    with_evidence: bool,
) -> list[dict[str, Any]]:
    """Section II: per group the computed counts, this level's comments, then the remarks.

    Only the reporting level's own comments are quoted: the district's comments
    belong to Mẫu 02 and show in Mẫu 04 only through Phụ lục 03. A report without
    an appendix (Mẫu 03) names the checked documents here instead.
    """
    lines = group_lines(groups, results)
    for group in lines:
        group["comments"] = [
            _comment(r.id, review[r.id], with_evidence)
            for r in results
            if r.group == group["id"] and r.id in review and review[r.id].comment
        ]
        group["remarks"] = data.group_remarks.get(group["id"], [])
    return lines


def _review_context(
    form_id: str,
    data: _ReviewReport,
    reviews: list[Review],
    appendix_cells: Callable[[Layered], dict[str, str]] | None,
) -> dict[str, Any]:
    """Everything Mẫu 02, 03 and 04 compute from the assessment and the review layers."""
    evaluated, catalog = evaluate_for_form(form_id, data.assessment)
    rows = layer(evaluated, reviews)
    final = outcome(catalog, data.assessment, rows)
    return {
        **place_names(evaluated),
        "year": evaluated.year,
        "dossier": data.dossier,
        "groups": _review_groups(
            data, reviews[-1], final.results, final.groups, appendix_cells is None
        ),
        "practices": data.practices,
        "conclusion": conclusion_counts(final.decision),
        "recommendations": data.recommendations,
        "appendix_groups": group_rows(catalog, rows, appendix_cells) if appendix_cells else [],
    }


def _appendix_cells(row: Layered, before: int, after: int) -> dict[str, str]:
    """One appendix row comparing two readings (self vs appraisal, appraisal vs verification)."""
    first, second = row.readings[before], row.readings[after]
    return {
        "id": row.result.id,
        "name": row.result.name,
        "unit": row.result.unit,
        "target": row.result.target_text,
        "before": first.text,
        "after": second.text,
        "status": second.label,
        "evidence": "\n".join(second.evidence),
        "note": change_note(first, second),
    }


class Mau02Input(_ReviewReport):
    """Mẫu 02 — Báo cáo thẩm định của UBND cấp huyện, kèm Phụ lục 02."""

    appraisal: Review = Field(default_factory=dict, description=APPRAISAL_DESCRIPTION)
    agency: Agency = Field(description="UBND cấp huyện thẩm định, ví dụ 'Ủy ban nhân dân huyện …'")
    recipients: list[Text] = Field(
        default_factory=lambda: ["Lưu: VT"],
        description="Nơi nhận, mỗi dòng một nơi, kể cả dòng 'Lưu: VT, …'",
    )
    signer: Signer


def mau02_context(data: Mau02Input) -> dict[str, Any]:
    district = local_name(data.agency.name)
    context = _review_context(
        "mau-02", data, [data.appraisal], lambda row: _appendix_cells(row, 0, 1)
    )
    context.update(
        header=header(data.agency, data.issue, "BC", data.assessment.year),
        agency_local=district,
        recipients=recipient_lines(data.recipients),
        signer=signer_context(data.signer),
        attached=attached_note("Báo cáo", data.issue, "BC", data.agency.code, f"UBND {district}"),
    )
    return context


MAU_02 = register(
    FormSpec(
        id="mau-02",
        title="Mẫu 02 — Báo cáo kết quả thẩm định các tiêu chí chuyển đổi số cấp xã của UBND "
        "cấp huyện (kèm Phụ lục 02)",
        model=Mau02Input,
        template="mau-02.docx",
        build_context=mau02_context,
        family=FAMILY,
        checks=(assessment_check, unknown_ids_check("appraisal")),
        warnings=(carrying_out("Báo cáo", DECISION_1829),),
    )
)


class Mau03Input(_ReviewReport):
    """Mẫu 03 — Ý kiến của Thành viên Ban chỉ đạo chuyển đổi số tỉnh về hồ sơ của một xã."""

    appraisal: Review = Field(
        default_factory=dict,
        description="Kết quả thẩm định của UBND cấp huyện, nếu đã có (cùng dạng với Mẫu 02)",
    )
    review: Review = Field(
        default_factory=dict,
        description=(
            "Kết quả kiểm tra của Thành viên Ban chỉ đạo theo mã tiêu chí (cùng dạng với "
            "'appraisal' của Mẫu 02); tiêu chí không có mục ở đây giữ kết quả tự đánh giá"
        ),
    )
    agency: Agency = Field(
        description=(
            "Đơn vị của Thành viên Ban chỉ đạo, ví dụ name 'Sở Nông nghiệp và Phát triển nông "
            "thôn', parent 'UBND tỉnh Thanh Hóa', code 'SNN&PTNT-QLCL' (ký hiệu công văn)"
        )
    )
    recipients: list[Text] = Field(
        default_factory=lambda: [
            "BCĐ chuyển đổi số tỉnh (để bc)",
            "Sở TTTT (để tổng hợp)",
            "Lưu: VT",
        ],
        description="Nơi nhận, mỗi dòng một nơi; mặc định theo mẫu",
    )
    signer_name: str | None = Field(
        None, description="Họ và tên Thành viên Ban chỉ đạo ký (để trống nếu ký tay)"
    )


def mau03_context(data: Mau03Input) -> dict[str, Any]:
    context = _review_context("mau-03", data, [data.appraisal, data.review], None)
    context_header = header(data.agency, data.issue, None, data.assessment.year)
    # A công văn's symbol is the agency's own (``Số: 15/SNN-VP``), without a type abbreviation.
    context_header["number_line"] = number_line(data.issue.number, data.agency.code or "", "")
    verdict = {"dat": "ĐẠT YÊU CẦU", "cho_tham_dinh": "CHỜ THẨM ĐỊNH"}.get(
        context["conclusion"]["outcome"], "KHÔNG ĐẠT YÊU CẦU"
    )
    context["conclusion"]["label"] = verdict
    context.update(
        header=context_header,
        recipients=recipient_lines(data.recipients),
        signer_name=data.signer_name or "",
    )
    del context["appendix_groups"]
    return context


MAU_03 = register(
    FormSpec(
        id="mau-03",
        title="Mẫu 03 — Ý kiến của Thành viên Ban chỉ đạo chuyển đổi số tỉnh về hồ sơ và kết quả "
        "thực hiện các tiêu chí chuyển đổi số",
        model=Mau03Input,
        template="mau-03.docx",
        build_context=mau03_context,
        family=FAMILY,
        checks=(
            assessment_check,
            unknown_ids_check("appraisal"),
            unknown_ids_check("review"),
        ),
        warnings=(carrying_out("Văn bản", DECISION_1829),),
    )
)

DEPARTMENT = Agency(name="Sở Thông tin và Truyền thông", parent="UBND tỉnh Thanh Hóa", code="STTTT")


class Mau04Input(_ReviewReport):
    """Mẫu 04 — Báo cáo thẩm tra của Sở Thông tin và Truyền thông, kèm Phụ lục 03."""

    appraisal: Review = Field(default_factory=dict, description=APPRAISAL_DESCRIPTION)
    verification: Review = Field(
        default_factory=dict,
        description=(
            "Kết quả thẩm tra của Sở TTTT theo mã tiêu chí (cùng dạng với 'appraisal'); tiêu chí "
            "không có mục ở đây giữ kết quả thẩm định của huyện"
        ),
    )
    recipients: list[Text] = Field(
        default_factory=lambda: ["Lưu: VT"],
        description="Nơi nhận, mỗi dòng một nơi, kể cả dòng 'Lưu: VT, …'",
    )
    signer: Signer


def mau04_context(data: Mau04Input) -> dict[str, Any]:
    context = _review_context(
        "mau-04",
        data,
        [data.appraisal, data.verification],
        lambda row: _appendix_cells(row, 1, 2),
    )
    context.update(
        header=header(DEPARTMENT, data.issue, "BC", data.assessment.year),
        recipients=recipient_lines(data.recipients),
        signer=signer_context(data.signer),
        attached=attached_note(
            "Báo cáo", data.issue, "BC", DEPARTMENT.code, "Sở Thông tin và Truyền thông"
        ),
    )
    return context


MAU_04 = register(
    FormSpec(
        id="mau-04",
        title="Mẫu 04 — Báo cáo kết quả thẩm tra các tiêu chí chuyển đổi số của Sở Thông tin và "
        "Truyền thông (kèm Phụ lục 03)",
        model=Mau04Input,
        template="mau-04.docx",
        build_context=mau04_context,
        family=FAMILY,
        checks=(
            assessment_check,
            unknown_ids_check("appraisal"),
            unknown_ids_check("verification"),
        ),
        warnings=(carrying_out("Báo cáo", DECISION_1829),),
    )
)

"""Yên Bái Biểu 03 (Báo cáo kết quả) and Biểu 04 (Hướng dẫn lấy số liệu): the criteria tables.

Both tables are views of data hoso already holds — Biểu 03 of
``criteria.evaluate(assessment)``, Biểu 04 of the catalog of the unit's
level — so nothing per criterion is typed by the caller except the narrative,
the evidence actually submitted and, later, the appraisal results.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field

from criteria import Assessment, AssessmentError, CatalogError, evaluate, load_catalog
from criteria.catalog import LEVEL_LABELS, REQUIREMENT_LABELS, Catalog, Criterion, TierSpec
from criteria.numbers import format_rate
from criteria.problems import under
from criteria.results import STATUS_LABELS, CriterionResult, Decision, EvaluatedAssessment
from docgen.errors import Problem
from docgen.forms._common import (
    Agency,
    FormInput,
    Issue,
    Signer,
    header_context,
    recipient_lines,
    signer_context,
    tier_label,
)
from docgen.forms.yenbai import FAMILY
from docgen.registry import FormSpec, register

# --------------------------------------------------------------------------- Biểu 03


class EvidenceItem(FormInput):
    """One document submitted as evidence for a criterion (filled from checked evidence)."""

    title: str = Field(min_length=1, description="Tên, số, ngày của tài liệu minh chứng")
    verified: bool | None = Field(
        None, description="Kết quả kiểm tra (chữ ký số, thể thức): true hợp lệ, false chưa hợp lệ"
    )
    note: str | None = Field(None, description="Ghi chú kiểm tra")


class Appraisal(FormInput):
    """The appraisal council's result for a criterion, when it is known."""

    status: Literal["dat", "khong_dat"] = Field(description="dat | khong_dat")
    note: str | None = Field(None, description="Ý kiến thẩm định")


class Overview(FormInput):
    """1. Khái quát đặc điểm tình hình — paragraphs under each of the seed's three points."""

    natural_social: list[str] = Field(min_length=1, description="Đặc điểm tự nhiên, xã hội")
    advantages_difficulties: list[str] = Field(min_length=1, description="Thuận lợi, khó khăn")
    before: list[str] = Field(
        min_length=1,
        description="Thực trạng công tác chuyển đổi số trước khi thực hiện Bộ tiêu chí",
    )


class Direction(FormInput):
    """2. Công tác chỉ đạo, triển khai — paragraphs under each of the seed's three points."""

    steering: list[str] = Field(min_length=1, description="Công tác chỉ đạo, điều hành")
    communication: list[str] = Field(
        min_length=1, description="Công tác truyền thông, đào tạo, tập huấn"
    )
    solutions: list[str] = Field(min_length=1, description="Các giải pháp đã triển khai")


class Bieu03Input(FormInput):
    """Biểu 03 — Báo cáo kết quả thực hiện Bộ tiêu chí (section 3 from the evaluation)."""

    agency: Agency
    issue: Issue
    unit: str | None = Field(None, description="Tên đơn vị (mặc định: tên cơ quan)")
    assessment: Assessment = Field(
        description="Hồ sơ đánh giá (criteria.Assessment): đơn vị, bộ tiêu chí, mức, năm, số liệu"
    )
    overview: Overview
    direction: Direction
    results: list[str] = Field(
        default_factory=list, description="Đoạn tường thuật thêm ở mục 3 (trước bảng)"
    )
    plans: list[str] = Field(min_length=1, description="4. Phương hướng nhiệm vụ thời gian tới")
    proposals: list[str] = Field(
        default_factory=list, description="5. Đề xuất, kiến nghị (nếu có; trống thì bỏ mục 5)"
    )
    evidence: dict[str, list[EvidenceItem]] = Field(
        default_factory=dict,
        description="Tài liệu minh chứng theo mã tiêu chí (thay cho 'evidence' của hồ sơ đánh giá)",
    )
    appraisal: dict[str, Appraisal] = Field(
        default_factory=dict, description="Kết quả thẩm định theo mã tiêu chí (nếu đã có)"
    )
    recipients: list[str] = Field(default_factory=lambda: ["Như trên", "Lưu: VT"])
    signer: Signer


def check_bieu03(raw: Mapping[str, Any]) -> list[Problem]:
    """Problems only the evaluation can see: unknown criterion ids, a catalog of another level."""
    assessment = raw.get("assessment")
    if not isinstance(assessment, Mapping):
        return []
    problems: list[Problem] = []
    try:
        evaluate(dict(assessment))
    except AssessmentError as exc:
        problems += [Problem(p.code, under("assessment", p.path), p.message) for p in exc.problems]
    catalog_id = assessment.get("catalog")
    try:
        catalog = load_catalog(catalog_id) if isinstance(catalog_id, str) else None
    except Exception:  # an unknown catalog is already reported by evaluate
        catalog = None
    if catalog is not None:
        for field in ("evidence", "appraisal"):
            keyed = raw.get(field)
            if not isinstance(keyed, Mapping):
                continue
            for criterion_id in keyed:
                if catalog.find(str(criterion_id)) is None:
                    problems.append(
                        Problem(
                            "UNKNOWN_CRITERION",
                            f'{field}["{criterion_id}"]',
                            f"Bộ tiêu chí {catalog.id} không có tiêu chí '{criterion_id}'.",
                        )
                    )
    return problems


def _number_in_group(criterion_id: str) -> str:
    """``II.12`` → ``12``: the STT column numbers criteria within their group."""
    return criterion_id.rsplit(".", 1)[-1]


def _evidence_lines(result: CriterionResult, items: list[EvidenceItem] | None) -> str:
    if items is None:
        return "\n".join(f"- {title}" for title in result.evidence_submitted)
    lines = []
    for item in items:
        mark = {True: " (hợp lệ)", False: " (chưa hợp lệ)", None: ""}[item.verified]
        note = f": {item.note}" if item.note else ""
        lines.append(f"- {item.title}{mark}{note}")
    return "\n".join(lines)


def _criterion_row(result: CriterionResult, data: Bieu03Input) -> dict[str, str]:
    value = result.value_text or "—"
    status = result.status_label
    appraisal = data.appraisal.get(result.id)
    if appraisal is not None:
        status += f"\nThẩm định: {STATUS_LABELS[appraisal.status]}"
        if appraisal.note:
            status += f" ({appraisal.note})"
    return {
        "stt": _number_in_group(result.id),
        "name": result.name,
        "requirement": result.requirement_label,
        "target": result.target_text,
        "value": value,
        "status": status,
        "evidence": _evidence_lines(result, data.evidence.get(result.id)),
    }


def _groups(evaluated: EvaluatedAssessment, data: Bieu03Input) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for result in evaluated.criteria:
        if not groups or groups[-1]["id"] != result.group:
            groups.append({"id": result.group, "name": result.group_name, "rows": []})
        groups[-1]["rows"].append(_criterion_row(result, data))
    return groups


def _tally(decision: Decision) -> str:
    """The counts behind the conclusion (figures, not a second conclusion)."""
    parts = [f"đạt {decision.mandatory_met}/{decision.mandatory_total} tiêu chí bắt buộc"]
    if decision.extended_total:
        rate = format_rate(decision.extended_rate or 0.0)
        parts.append(f"{decision.extended_met}/{decision.extended_total} tiêu chí mở rộng ({rate})")
    if not decision.mandatory_total and not decision.extended_total:
        parts = [f"đạt {decision.met}/{decision.total} tiêu chí ({decision.rate_text})"]
    return "Tổng hợp: " + "; ".join(parts) + "."


def _details(evaluated: EvaluatedAssessment) -> list[str]:
    """The narrative result of each criterion that has one, after the table: the table's
    column holds the figure only (a long narrative in it ran over pages)."""
    lines = [f"- Tiêu chí {r.id} ({r.name}): {r.result}" for r in evaluated.criteria if r.result]
    lines += [
        f"- Tiêu chí {r.id}: đơn vị giải trình thay cho tài liệu kiểm chứng (chờ thẩm định): "
        f"{r.explanation}"
        for r in evaluated.criteria
        if r.explanation
    ]
    return lines


def bieu03_context(data: Bieu03Input) -> dict[str, Any]:
    evaluated = evaluate(data.assessment)
    unit = data.unit or data.agency.name
    decision = evaluated.decision
    verdict = {"dat": "đạt", "cho_tham_dinh": "chờ thẩm định để công nhận đạt"}.get(
        decision.outcome, "chưa đạt"
    )
    return {
        "header": header_context(data.agency, data.issue, "BC", evaluated.year),
        "unit": unit,
        "tier": tier_label(evaluated.tier),
        "year": evaluated.year,
        "overview": data.overview.model_dump(),
        "direction": data.direction.model_dump(),
        "results": data.results,
        "groups": _groups(evaluated, data),
        "tally": _tally(decision),
        "details": _details(evaluated),
        "conclusion": f"{unit} {verdict} {tier_label(evaluated.tier)}",
        "plans": data.plans,
        "proposals": data.proposals,
        "recipients": recipient_lines(data.recipients),
        "signer": signer_context(data.signer),
    }


BIEU_03 = register(
    FormSpec(
        id="bieu-03",
        title="Biểu 03 — Báo cáo kết quả thực hiện Bộ tiêu chí chuyển đổi số",
        model=Bieu03Input,
        template="bieu-03.docx",
        build_context=bieu03_context,
        family=FAMILY,
        checks=(check_bieu03,),
    )
)

# --------------------------------------------------------------------------- Biểu 04

BIEU04_SUBJECTS = {
    "so": "SỞ, BAN, NGÀNH",
    "huyen": "CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ",
    "xa": "CÁC XÃ, PHƯỜNG, THỊ TRẤN",
}


class Bieu04Input(FormInput):
    """Biểu 04 — the guidance table of the catalog of one level."""

    level: Literal["so", "huyen", "xa"] = Field(description="Cấp đơn vị: so | huyen | xa")
    catalog: str | None = Field(None, description="Mã bộ tiêu chí (mặc định yenbai-2024-<level>)")
    unit: str | None = Field(None, description="Tên đơn vị (in dưới tiêu đề nếu có)")


def check_bieu04(raw: Mapping[str, Any]) -> list[Problem]:
    catalog_id = raw.get("catalog")
    level = raw.get("level")
    if not isinstance(catalog_id, str) or level not in BIEU04_SUBJECTS:
        return []
    try:
        catalog = load_catalog(catalog_id)
    except CatalogError as exc:
        return [Problem("UNKNOWN_CATALOG", "catalog", exc.message)]
    if catalog.level != level:
        return [
            Problem(
                "LEVEL_MISMATCH",
                "catalog",
                f"Bộ tiêu chí {catalog_id} dùng cho cấp {LEVEL_LABELS[catalog.level]}, không phải "
                f"cấp {LEVEL_LABELS[level]}: chọn bộ tiêu chí yenbai-2024-{level} hoặc sửa 'level'.",
            )
        ]
    return []


def _tier_cells(spec: TierSpec | None) -> tuple[str, str]:
    if spec is None:
        return "", ""
    target = spec.target_for(None)
    return (target.text if target is not None else ""), REQUIREMENT_LABELS[spec.requirement]


def _method_text(criterion: Criterion) -> str:
    method = criterion.method
    if method is None:
        return ""
    lines = [
        *([f"a = {method.a}"] if method.a else []),
        *([f"b = {method.b}"] if method.b else []),
        *([method.formula] if method.formula else []),
        *([method.description] if method.description else []),
    ]
    return "\n".join(lines)


def _bieu04_groups(catalog: Catalog) -> list[dict[str, Any]]:
    groups = []
    for group in catalog.groups:
        rows = []
        for criterion in (c for c in catalog.criteria if c.group == group.id):
            cds_target, cds_req = _tier_cells(criterion.tiers.cds)
            nc_target, nc_req = _tier_cells(criterion.tiers.cds_nang_cao)
            rows.append(
                {
                    "stt": _number_in_group(criterion.id),
                    "name": criterion.name,
                    "unit": criterion.unit,
                    "cds_target": cds_target,
                    "cds_req": cds_req,
                    "nc_target": nc_target,
                    "nc_req": nc_req,
                    "method": _method_text(criterion),
                    "evidence": "\n".join(criterion.evidence),
                    "appraisers": "\n".join(criterion.appraisers),
                }
            )
        groups.append({"id": group.id, "name": group.name, "rows": rows})
    return groups


def bieu04_context(data: Bieu04Input) -> dict[str, Any]:
    catalog = load_catalog(data.catalog or f"yenbai-2024-{data.level}")
    return {
        "subject": BIEU04_SUBJECTS[data.level],
        "unit": data.unit or "",
        "catalog_title": catalog.title,
        "groups": _bieu04_groups(catalog),
    }


BIEU_04 = register(
    FormSpec(
        id="bieu-04",
        title="Biểu 04 — Hướng dẫn lấy số liệu, tài liệu kiểm chứng",
        model=Bieu04Input,
        template="bieu-04.docx",
        build_context=bieu04_context,
        family=FAMILY,
        checks=(check_bieu04,),
    )
)

"""The evaluation engine: an assessment in, an evaluated assessment out.

One engine for every province: the catalog says what each criterion asks, the
targets module compares, the rules module decides. Every problem of the input
is collected before anything is reported, so a caller fixes its JSON once.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from criteria.assessment import Assessment, CriterionInput
from criteria.catalog import (
    AREA_LABELS,
    LEVEL_LABELS,
    REQUIREMENT_LABELS,
    TIER_LABELS,
    Catalog,
    Criterion,
)
from criteria.citizens import CONGDANSO_CATALOG, evaluate_citizens
from criteria.errors import AssessmentError, Problem
from criteria.loader import catalog_ids, catalog_not_found, load_catalog
from criteria.numbers import format_rate, round_rate
from criteria.problems import problems_from_pydantic
from criteria.results import (
    MONITORING_LABELS,
    STATUS_LABELS,
    CitizenResult,
    CriterionResult,
    EvaluatedAssessment,
    GroupSummary,
    Status,
)
from criteria.rules import decide
from criteria.targets import measure


def criterion_path(criterion_id: str) -> str:
    """JSON path of a criterion's input; ids contain dots, so they are quoted."""
    return f'criteria["{criterion_id}"]'


def parse_assessment(data: Any) -> Assessment:
    """Validate raw JSON data; every schema problem is reported with its JSON path."""
    if isinstance(data, Assessment):
        return data
    try:
        return Assessment.model_validate(data)
    except ValidationError as exc:
        problems = problems_from_pydantic(exc)
        catalog_id = data.get("catalog") if isinstance(data, dict) else None
        if isinstance(catalog_id, str) and catalog_id not in catalog_ids():
            problems.append(_unknown_catalog(catalog_id))
        raise AssessmentError(problems) from exc


def _unknown_catalog(catalog_id: str) -> Problem:
    return Problem("UNKNOWN_CATALOG", "catalog", catalog_not_found(catalog_id).message)


def evaluate(data: Any) -> EvaluatedAssessment:
    """Evaluate an assessment (model or JSON-like dict); raises AssessmentError on bad input."""
    assessment = parse_assessment(data)
    if assessment.catalog not in catalog_ids():
        raise AssessmentError([_unknown_catalog(assessment.catalog)])
    catalog = load_catalog(assessment.catalog)
    problems: list[Problem] = []
    _check_unit(catalog, assessment, problems)
    warnings: list[str] = []
    citizens: list[CitizenResult] | None = None
    if catalog.rule == "congdanso":
        citizens, results = _evaluate_congdanso(catalog, assessment, problems)
    else:
        results = _evaluate_criteria(catalog, assessment, problems, warnings)
    if problems:
        raise AssessmentError(problems)
    groups = summarize_groups(catalog, results)
    decision = decide(catalog, assessment, results, citizens)
    return EvaluatedAssessment(
        catalog_id=catalog.id,
        catalog_title=catalog.title,
        catalog_source=catalog.source.label,
        catalog_complete=catalog.complete,
        tier=assessment.tier,
        tier_label=TIER_LABELS[assessment.tier],
        year=assessment.year,
        unit=assessment.unit,
        criteria=results,
        groups=groups,
        decision=decision,
        citizens=citizens,
        warnings=warnings,
    )


def _check_unit(catalog: Catalog, assessment: Assessment, problems: list[Problem]) -> None:
    if assessment.tier not in catalog.tiers:
        offered = ", ".join(f"{t} ({TIER_LABELS[t]})" for t in catalog.tiers)
        problems.append(
            Problem(
                "TIER_NOT_IN_CATALOG",
                "tier",
                f"Bộ tiêu chí {catalog.id} không có mức '{assessment.tier}'; chỉ có: {offered}.",
            )
        )
    if assessment.unit.level != catalog.level:
        problems.append(
            Problem(
                "LEVEL_MISMATCH",
                "unit.level",
                f"Bộ tiêu chí {catalog.id} dùng cho cấp {LEVEL_LABELS[catalog.level]}, "
                f"không dùng cho cấp {LEVEL_LABELS[assessment.unit.level]}.",
            )
        )
    area = assessment.unit.area_type
    needs_area = any(
        spec is not None and spec.targets_by_area is not None
        for c in catalog.criteria
        for spec in (c.tiers.cds, c.tiers.cds_nang_cao)
    )
    if area is None and needs_area:
        problems.append(
            Problem(
                "MISSING_AREA_TYPE",
                "unit.area_type",
                "Bộ tiêu chí có mục tiêu khác nhau cho xã và phường/thị trấn: "
                'ghi "area_type" là xa, phuong hoặc thi_tran.',
            )
        )
    elif area is not None and catalog.area_types is not None and area not in catalog.area_types:
        problems.append(
            Problem(
                "AREA_TYPE_NOT_IN_CATALOG",
                "unit.area_type",
                f"Bộ tiêu chí {catalog.id} không có mục tiêu cho {AREA_LABELS[area]}.",
            )
        )


def _evaluate_criteria(
    catalog: Catalog,
    assessment: Assessment,
    problems: list[Problem],
    warnings: list[str],
) -> list[CriterionResult]:
    tier = assessment.tier
    in_tier = catalog.criteria_of_tier(tier) if tier in catalog.tiers else []
    tier_ids = {c.id for c in in_tier}
    for criterion_id in assessment.criteria:
        if criterion_id in tier_ids:
            continue
        if catalog.find(criterion_id) is not None:
            warnings.append(
                f"Tiêu chí {criterion_id} không áp dụng cho mức {TIER_LABELS[tier]}: "
                "số liệu của tiêu chí này không được tính."
            )
        else:
            problems.append(
                Problem(
                    "UNKNOWN_CRITERION",
                    criterion_path(criterion_id),
                    f"Bộ tiêu chí {catalog.id} không có tiêu chí '{criterion_id}'.",
                )
            )
    results = []
    for criterion in in_tier:
        result = _evaluate_one(catalog, assessment, criterion, problems)
        if result is not None:
            results.append(result)
    return results


def _evaluate_one(
    catalog: Catalog, assessment: Assessment, criterion: Criterion, problems: list[Problem]
) -> CriterionResult | None:
    path = criterion_path(criterion.id)
    spec = criterion.tiers.get(assessment.tier)
    assert spec is not None
    target = spec.target_for(assessment.unit.area_type)
    area_known = target is not None
    if target is None:
        # The missing area type is reported once by _check_unit; still check the
        # inputs' shape against any area's target so every problem shows at once.
        assert spec.targets_by_area is not None
        target = next(iter(spec.targets_by_area.values()))
    given = assessment.criteria.get(criterion.id)
    if given is None:
        problems.append(
            Problem(
                "MISSING_CRITERION",
                path,
                f"Thiếu số liệu tiêu chí {criterion.id} ({_short(criterion.name)}).",
            )
        )
        return None
    base = {
        "id": criterion.id,
        "group": criterion.group,
        "group_name": catalog.group_name(criterion.group),
        "name": criterion.name,
        "unit": criterion.unit,
        "requirement": spec.requirement,
        "requirement_label": REQUIREMENT_LABELS[spec.requirement],
        "result": given.result,
        "explanation": given.explanation.text if given.explanation else None,
        "explanation_file": given.explanation.file if given.explanation else None,
        "evidence_required": list(criterion.evidence),
        "evidence_submitted": list(given.evidence),
        "note": spec.note or criterion.note,
    }
    if not _explanation_allowed(catalog, given, path, problems):
        return None
    if given.not_applicable:
        return _not_applicable(criterion, given, path, problems, base, target.text)
    if given.status == "dang_trien_khai":
        return CriterionResult(
            **base,
            target_text=target.text,
            status="dang_trien_khai",
            status_label=STATUS_LABELS["dang_trien_khai"],
            reason="Đơn vị báo cáo tiêu chí đang triển khai, chưa hoàn thành.",
        )
    if given.people is not None:
        given = _rate_from_people(given, path, problems)
        if given is None:
            return None
    found = measure(target, given, path, problems)
    if found is None or not area_known:
        return None
    status: Status = (
        "khong_danh_gia" if found.met is None else ("dat" if found.met else "khong_dat")
    )
    reason = found.reason
    labels = MONITORING_LABELS if catalog.rule == "report_only" else STATUS_LABELS
    if catalog.rule == "report_only":
        reason = _monitoring_reason(found.value_text, found.target_text, status)
    elif status == "dat" and given.explanation is not None:
        status = "cho_tham_dinh"
        reason = (
            f"{found.reason} Đơn vị giải trình thay cho tài liệu kiểm chứng: "
            "chờ cấp thẩm định xem xét."
        )
    return CriterionResult(
        **base,
        target_text=found.target_text,
        target_source="assessment" if found.target_from_assessment else "catalog",
        a=found.a,
        b=found.b,
        value=found.value,
        value_text=found.value_text,
        status=status,
        status_label=labels[status],
        reason=reason,
        parts=found.parts,
    )


def _monitoring_reason(value_text: str, target_text: str, status: Status) -> str:
    """A monitoring indicator: the value and how it stands against its target, no verdict."""
    shown = value_text or "chưa có số liệu"
    if status == "khong_danh_gia":
        return f"Số liệu: {shown}. Nguồn chưa nêu mục tiêu: chỉ ghi nhận, không so sánh."
    return f"Số liệu: {shown}; mục tiêu: {target_text} — {MONITORING_LABELS[status].lower()}."


def _explanation_allowed(
    catalog: Catalog, given: CriterionInput, path: str, problems: list[Problem]
) -> bool:
    """A monitoring set has no appraiser: nothing there can await one or be left out."""
    if catalog.rule != "report_only":
        return True
    for name in ("explanation", "not_applicable"):
        if getattr(given, name):
            problems.append(
                Problem(
                    "NOT_FOR_MONITORING",
                    f"{path}.{name}",
                    f"Bộ chỉ tiêu {catalog.id} chỉ dùng để theo dõi, không có thẩm định hay "
                    f'công nhận: không ghi "{name}".',
                )
            )
    return not (given.explanation or given.not_applicable)


def _not_applicable(
    criterion: Criterion,
    given: CriterionInput,
    path: str,
    problems: list[Problem],
    base: dict[str, Any],
    target_text: str,
) -> CriterionResult | None:
    """A "nếu có" criterion the unit does not have: outside the count, never Không đạt."""
    if criterion.not_applicable_when is None:
        problems.append(
            Problem(
                "NOT_APPLICABLE_NOT_ALLOWED",
                f"{path}.not_applicable",
                f"Tiêu chí {criterion.id} áp dụng cho mọi đơn vị (văn bản nguồn không ghi "
                '“nếu có”): không được ghi "not_applicable"; hãy ghi số liệu của tiêu chí.',
            )
        )
        return None
    figures = [
        n for n in ("a", "b", "value", "target", "parts", "people") if getattr(given, n) is not None
    ]
    if figures or given.status or given.explanation:
        problems.append(
            Problem(
                "NOT_APPLICABLE_WITH_FIGURES",
                f"{path}.not_applicable",
                f"Tiêu chí {criterion.id} được ghi không áp dụng nhưng vẫn có "
                f"{', '.join(figures or ['trạng thái hoặc giải trình'])}: "
                "hoặc ghi không áp dụng, hoặc ghi số liệu, không ghi cả hai.",
            )
        )
        return None
    return CriterionResult(
        **base,
        target_text=target_text,
        status="khong_ap_dung",
        status_label=STATUS_LABELS["khong_ap_dung"],
        reason=f"Không áp dụng: {criterion.not_applicable_when} Không tính vào tổng số tiêu chí.",
    )


def _rate_from_people(
    given: CriterionInput, path: str, problems: list[Problem]
) -> CriterionInput | None:
    """a = people who are digital citizens, b = everyone listed (sở II.8)."""
    people = given.people or []
    if not people:
        problems.append(
            Problem(
                "EMPTY_PEOPLE", f"{path}.people", "Danh sách người trống: không tính được tỷ lệ."
            )
        )
        return None
    before = len(problems)
    verdicts = evaluate_citizens(
        load_catalog(CONGDANSO_CATALOG), people, f"{path}.people", problems
    )
    if len(problems) > before:
        return None
    qualified = sum(1 for v in verdicts if v.qualified)
    return given.model_copy(update={"a": float(qualified), "b": float(len(people)), "people": None})


def _evaluate_congdanso(
    catalog: Catalog, assessment: Assessment, problems: list[Problem]
) -> tuple[list[CitizenResult], list[CriterionResult]]:
    people = assessment.people or []
    if not people:
        problems.append(
            Problem(
                "EMPTY_PEOPLE",
                "people",
                'Bộ tiêu chí công dân số đánh giá từng người: ghi danh sách "people".',
            )
        )
        return [], []
    citizens = evaluate_citizens(catalog, people, "people", problems)
    results = []
    for criterion in catalog.criteria:
        applicable = [p for p in people if criterion.applies_to == "everyone" or p.party_member]
        met = sum(1 for p in applicable if p.criteria.get(criterion.id))
        total = len(applicable)
        rate = met / total * 100 if total else 0.0
        status: Status = "khong_danh_gia" if not total else ("dat" if met == total else "khong_dat")
        results.append(
            CriterionResult(
                id=criterion.id,
                group=criterion.group,
                group_name=catalog.group_name(criterion.group),
                name=criterion.name,
                unit=criterion.unit,
                requirement="bat_buoc",
                requirement_label=REQUIREMENT_LABELS["bat_buoc"],
                target_text="Có",
                a=float(met),
                b=float(total),
                value=round_rate(rate) if total else None,
                value_text=f"{met}/{total} người ({format_rate(rate)})" if total else "",
                status=status,
                status_label=STATUS_LABELS[status],
                reason=(
                    "Không ai trong danh sách thuộc đối tượng áp dụng."
                    if not total
                    else f"{met}/{total} người đạt tiêu chí này."
                ),
            )
        )
    return citizens, results


def summarize_groups(catalog: Catalog, results: list[CriterionResult]) -> list[GroupSummary]:
    """Per group: total, met, in progress, not met, and the completion rate."""
    summaries = []
    for group in catalog.groups:
        members = [r for r in results if r.group == group.id]
        if not members:
            continue
        met = sum(1 for r in members if r.status == "dat")
        in_progress = sum(1 for r in members if r.status == "dang_trien_khai")
        not_evaluated = sum(1 for r in members if r.status == "khong_danh_gia")
        pending = sum(1 for r in members if r.status == "cho_tham_dinh")
        not_applicable = sum(1 for r in members if r.status == "khong_ap_dung")
        not_met = len(members) - met - in_progress - not_evaluated - pending - not_applicable
        judged = len(members) - not_evaluated - not_applicable
        rate = met / judged * 100 if judged else 0.0
        summaries.append(
            GroupSummary(
                id=group.id,
                name=group.name,
                total=len(members),
                met=met,
                in_progress=in_progress,
                not_met=not_met,
                not_evaluated=not_evaluated,
                pending=pending,
                not_applicable=not_applicable,
                rate=round_rate(rate),
                rate_text=format_rate(rate),
            )
        )
    return summaries


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

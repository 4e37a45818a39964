"""Each province's recognition rule, applied to evaluated criteria.

The rule a catalog uses is named in its file (``rule:``); the decision always
says which rule was applied, citing the source, and why it passed or failed,
so an official can check the reasoning against the document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from criteria.assessment import Assessment
from criteria.catalog import LEVEL_LABELS, TIER_LABELS, Catalog
from criteria.numbers import format_rate, round_rate
from criteria.results import CitizenResult, CriterionResult, Decision

YENBAI_EXTENDED_MINIMUM = 30.0
DEFAULT_THRESHOLD = 100.0


def decide(
    catalog: Catalog,
    assessment: Assessment,
    results: list[CriterionResult],
    citizens: list[CitizenResult] | None,
) -> Decision:
    """The recognition decision under the catalog's rule."""
    return _RULES[catalog.rule](catalog, assessment, results, citizens)


def _rate(met: int, total: int) -> float:
    return round_rate(met / total * 100) if total else 0.0


def _label(passed: bool) -> str:
    return "ĐẠT" if passed else "KHÔNG ĐẠT"


def _decision(
    rule: str,
    source: str,
    passed: bool,
    explanation: str,
    met: int,
    total: int,
    *,
    judged: int | None = None,
    **figures: Any,
) -> Decision:
    """A decision with its label and rate; ``judged`` is the rate's base when it is not ``total``."""
    rate = _rate(met, total if judged is None else judged)
    return Decision(
        passed=passed,
        label=_label(passed),
        rule=rule,
        rule_source=source,
        explanation=explanation,
        total=total,
        met=met,
        rate=rate,
        rate_text=format_rate(rate),
        **figures,
    )


def _unmet_ids(results: list[CriterionResult]) -> str:
    return ", ".join(r.id for r in results if r.status != "dat")


def _yenbai(
    catalog: Catalog,
    assessment: Assessment,
    results: list[CriterionResult],
    _citizens: list[CitizenResult] | None,
) -> Decision:
    mandatory = [r for r in results if r.requirement == "bat_buoc"]
    extended = [r for r in results if r.requirement == "mo_rong"]
    mandatory_met = sum(1 for r in mandatory if r.met)
    extended_met = sum(1 for r in extended if r.met)
    extended_rate = _rate(extended_met, len(extended)) if extended else 100.0
    mandatory_ok = mandatory_met == len(mandatory)
    needs_extended = catalog.level in ("huyen", "xa")
    extended_ok = (
        not needs_extended
        or not extended
        or extended_met * 100 >= YENBAI_EXTENDED_MINIMUM * len(extended)
    )
    passed = mandatory_ok and extended_ok
    tier = TIER_LABELS[assessment.tier]
    if needs_extended:
        rule_text = (
            f"Cấp {LEVEL_LABELS[catalog.level]} được công nhận đạt {tier} khi đạt 100% tiêu chí "
            f"bắt buộc và tối thiểu 30% tiêu chí mở rộng."
        )
    else:
        rule_text = f"Sở, ban, ngành được công nhận đạt {tier} khi đạt 100% tiêu chí bắt buộc."
    facts = [f"Đạt {mandatory_met}/{len(mandatory)} tiêu chí bắt buộc"]
    if needs_extended:
        facts.append(
            f"{extended_met}/{len(extended)} tiêu chí mở rộng ({format_rate(extended_rate)})"
        )
    reasons = []
    if not mandatory_ok:
        reasons.append(f"chưa đạt tiêu chí bắt buộc: {_unmet_ids(mandatory)}")
    if not extended_ok:
        reasons.append(
            f"tiêu chí mở rộng mới đạt {format_rate(extended_rate)}, dưới mức tối thiểu 30%"
        )
    explanation = f"{rule_text} {'; '.join(facts)}."
    explanation += f" Kết luận: {_label(passed)}" + (
        f" vì {'; '.join(reasons)}." if reasons else "."
    )
    return _decision(
        "yenbai",
        "Hướng dẫn 02/HD-UBND ngày 10/6/2024 của UBND tỉnh Yên Bái, mục I.1",
        passed,
        explanation,
        sum(1 for r in results if r.met),
        len(results),
        mandatory_total=len(mandatory),
        mandatory_met=mandatory_met,
        extended_total=len(extended),
        extended_met=extended_met,
        extended_rate=extended_rate if extended else None,
        threshold=YENBAI_EXTENDED_MINIMUM if needs_extended else None,
    )


def _daknong(
    _catalog: Catalog,
    assessment: Assessment,
    results: list[CriterionResult],
    _citizens: list[CitizenResult] | None,
) -> Decision:
    met = sum(1 for r in results if r.met)
    all_met = met == len(results)
    reasons = []
    if not all_met:
        reasons.append(f"chưa đạt chỉ tiêu: {_unmet_ids(results)}")
    if assessment.tier == "cds_nang_cao":
        rule_text = (
            "Xã, phường, thị trấn được công nhận chuyển đổi số nâng cao phải đã được công nhận "
            "chuyển đổi số và đạt toàn bộ chỉ tiêu của Phụ lục 02."
        )
        if assessment.recognized_cds is None:
            reasons.append(
                'chưa có quyết định công nhận chuyển đổi số (ghi "recognized_cds" nếu đã có)'
            )
    else:
        rule_text = (
            "Xã, phường, thị trấn được công nhận chuyển đổi số phải đạt toàn bộ chỉ tiêu "
            "của Phụ lục 01."
        )
    passed = not reasons
    explanation = f"{rule_text} Đạt {met}/{len(results)} chỉ tiêu. Kết luận: {_label(passed)}"
    explanation += f" vì {'; '.join(reasons)}." if reasons else "."
    return _decision(
        "daknong",
        "Quyết định 151/QĐ-UBND ngày 16/02/2023 của Chủ tịch UBND tỉnh Đắk Nông, Điều 2",
        passed,
        explanation,
        met,
        len(results),
        mandatory_total=len(results),
        mandatory_met=met,
    )


def _thanhhoa(
    _catalog: Catalog,
    assessment: Assessment,
    results: list[CriterionResult],
    _citizens: list[CitizenResult] | None,
) -> Decision:
    threshold = assessment.pass_threshold if assessment.pass_threshold is not None else 100.0
    met = sum(1 for r in results if r.met)
    in_progress = sum(1 for r in results if r.status == "dang_trien_khai")
    total = len(results)
    passed = met * 100 >= threshold * total
    rate = _rate(met, total)
    explanation = (
        f"Xã được công nhận hoàn thành tiêu chí chuyển đổi số khi tỷ lệ tiêu chí đạt không thấp "
        f"hơn {format_rate(threshold)}. Đạt {met}/{total} tiêu chí ({format_rate(rate)}), "
        f"{in_progress} tiêu chí đang triển khai, {total - met - in_progress} tiêu chí không đạt. "
        f"Kết luận: {_label(passed)}"
    )
    explanation += "." if passed else f" vì chưa đạt: {_unmet_ids(results)}."
    return _decision(
        "thanhhoa",
        "Quyết định 1829/QĐ-UBND ngày 30/5/2023 của Chủ tịch UBND tỉnh Thanh Hóa, Điều 2",
        passed,
        explanation,
        met,
        total,
        mandatory_total=total,
        mandatory_met=met,
        threshold=threshold,
    )


def _congdanso(
    _catalog: Catalog,
    assessment: Assessment,
    _results: list[CriterionResult],
    citizens: list[CitizenResult] | None,
) -> Decision:
    people = citizens or []
    qualified = sum(1 for c in people if c.qualified)
    threshold = assessment.pass_threshold if assessment.pass_threshold is not None else 100.0
    rate = _rate(qualified, len(people))
    passed = bool(people) and qualified * 100 >= threshold * len(people)
    explanation = (
        "Một người đạt công dân số khi đạt mọi tiêu chí áp dụng cho mình (tiêu chí 3.1.6 chỉ áp "
        f"dụng cho đảng viên). {qualified}/{len(people)} người đạt ({format_rate(rate)}); "
        f"ngưỡng {format_rate(threshold)}. Kết luận: {_label(passed)}."
    )
    return _decision(
        "congdanso",
        "Quyết định 590/QĐ-UBND ngày 20/4/2023 của Chủ tịch UBND tỉnh Yên Bái",
        passed,
        explanation,
        qualified,
        len(people),
        threshold=threshold,
    )


def _report_only(
    catalog: Catalog,
    _assessment: Assessment,
    results: list[CriterionResult],
    _citizens: list[CitizenResult] | None,
) -> Decision:
    judged = [r for r in results if r.status != "khong_danh_gia"]
    met = sum(1 for r in judged if r.met)
    passed = met == len(judged)
    explanation = (
        f"Bộ chỉ tiêu dùng để theo dõi, không có quy tắc công nhận. {len(judged)}/{len(results)} "
        f"chỉ tiêu có mục tiêu để so sánh, đạt {met}/{len(judged)}."
    )
    if not catalog.complete:
        explanation += f" Lưu ý: bộ chỉ tiêu chưa đầy đủ ({catalog.completeness_note})"
    return _decision(
        "report_only",
        catalog.source.document,
        passed,
        explanation,
        met,
        len(results),
        judged=len(judged),
    )


_Rule = Callable[[Catalog, Assessment, list[CriterionResult], list[CitizenResult] | None], Decision]
_RULES: dict[str, _Rule] = {
    "yenbai": _yenbai,
    "daknong": _daknong,
    "thanhhoa": _thanhhoa,
    "congdanso": _congdanso,
    "report_only": _report_only,
}

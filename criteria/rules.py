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
from criteria.numbers import format_rate, round_rate, telling_decimals
from criteria.results import OUTCOME_LABELS, CitizenResult, CriterionResult, Decision, Status

YENBAI_EXTENDED_MINIMUM = 30.0
DEFAULT_THRESHOLD = 100.0


def decide(
    catalog: Catalog,
    assessment: Assessment,
    results: list[CriterionResult],
    citizens: list[CitizenResult] | None,
) -> Decision:
    """The recognition decision under the catalog's rule.

    Two things are the same for every province and are settled here, once:

    * a criterion not applicable to the unit ("nếu có", ``khong_ap_dung``)
      leaves the count — the rule sees only the criteria that apply;
    * a criterion awaiting the appraiser (``cho_tham_dinh``) is neither met
      nor missed: the rule is applied as the results stand (an awaited
      criterion is not met) and as if every awaited criterion were met. When both agree, that is the decision (the
      awaited criteria cannot change it); when they differ, the unit's
      recognition awaits the appraiser too.
    """
    applicable = [r for r in results if r.status != "khong_ap_dung"]
    left_out = [r.id for r in results if r.status == "khong_ap_dung"]
    rule = _RULES[catalog.rule]
    pending = [r.id for r in applicable if r.status == "cho_tham_dinh"]
    doubtful = rule(catalog, assessment, applicable, citizens)
    decision = doubtful
    if pending and catalog.rule != "report_only":
        hopeful = rule(catalog, assessment, _settle(applicable, "dat"), citizens)
        if hopeful.passed == doubtful.passed:
            decision = doubtful.model_copy(
                update={
                    "explanation": f"{doubtful.explanation} Tiêu chí chờ thẩm định "
                    f"({', '.join(pending)}) không làm thay đổi kết luận."
                }
            )
        else:
            decision = _awaiting(catalog, doubtful, pending)
        decision = decision.model_copy(update={"pending": pending})
    if left_out:
        decision = decision.model_copy(
            update={
                "not_applicable": left_out,
                "explanation": f"{decision.explanation} Không tính tiêu chí không áp dụng "
                f"cho đơn vị: {', '.join(left_out)}.",
            }
        )
    return decision


def _settle(results: list[CriterionResult], status: Status) -> list[CriterionResult]:
    """The results with every criterion awaiting the appraiser read as ``status``."""
    return [
        r.model_copy(update={"status": status}) if r.status == "cho_tham_dinh" else r
        for r in results
    ]


PENDING_BASIS = {
    "thanhhoa": (
        "Hướng dẫn của Sở TT&TT Thanh Hóa (mục 3): chỉ tiêu không có tài liệu kiểm chứng thì "
        "địa phương giải trình rõ về số liệu báo cáo và chịu trách nhiệm; cấp thẩm định xem xét "
        "giải trình"
    ),
    "yenbai": (
        "Hướng dẫn 02/HD-UBND (mục II.3): tiêu chí không thể hiện số liệu kiểm chứng thì cơ quan "
        "thẩm định đi xác minh, kiểm tra thực tế và lập biên bản"
    ),
    "daknong": (
        "Quyết định 151/QĐ-UBND không quy định việc giải trình; cấp thẩm định xem xét giải "
        "trình của đơn vị"
    ),
    "congdanso": "Cấp thẩm định xem xét giải trình của đơn vị",
}


def _awaiting(catalog: Catalog, doubtful: Decision, pending: list[str]) -> Decision:
    """The unit passes if the appraiser accepts the explanations, fails if not: it awaits."""
    rule_text = doubtful.explanation.split(" Kết luận:")[0]
    basis = PENDING_BASIS.get(catalog.rule, PENDING_BASIS["congdanso"])
    explanation = (
        f"{rule_text} Đơn vị giải trình thay cho tài liệu kiểm chứng ở tiêu chí "
        f"{', '.join(pending)} ({basis}). Kết luận: {OUTCOME_LABELS['cho_tham_dinh']} — nếu "
        f"các giải trình được chấp nhận thì {OUTCOME_LABELS['dat']}, nếu không thì "
        f"{OUTCOME_LABELS['khong_dat']}."
    )
    return doubtful.model_copy(
        update={
            "passed": None,
            "outcome": "cho_tham_dinh",
            "label": OUTCOME_LABELS["cho_tham_dinh"],
            "explanation": explanation,
        }
    )


def _rate(met: int, total: int) -> float:
    return round_rate(met / total * 100) if total else 0.0


def _label(passed: bool) -> str:
    return OUTCOME_LABELS["dat" if passed else "khong_dat"]


def _decision(
    rule: str,
    source: str,
    passed: bool,
    explanation: str,
    met: int,
    total: int,
    *,
    judged: int | None = None,
    compare_to: float | None = None,
    **figures: Any,
) -> Decision:
    """A decision with its label and rate.

    ``judged``: the rate's base when it is not ``total``. ``compare_to``: the
    threshold the rate is judged against, so that the rate is shown with the
    digits that tell it apart (89,19% is not the threshold 89,2%).
    """
    base = total if judged is None else judged
    exact = met / base * 100 if base else 0.0
    decimals = telling_decimals(exact, compare_to, passed) if compare_to is not None else 1
    return Decision(
        passed=passed,
        outcome="dat" if passed else "khong_dat",
        label=_label(passed),
        rule=rule,
        rule_source=source,
        explanation=explanation,
        total=total,
        met=met,
        rate=round_rate(exact, decimals),
        rate_text=format_rate(exact, decimals),
        **figures,
    )


def _unmet_ids(results: list[CriterionResult]) -> str:
    """Criteria neither met nor awaiting the appraiser."""
    return ", ".join(r.id for r in results if r.status not in ("dat", "cho_tham_dinh"))


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
    pending = sum(1 for r in results if r.status == "cho_tham_dinh")
    passed = met * 100 >= threshold * total
    exact = met / total * 100 if total else 0.0
    decimals = telling_decimals(exact, threshold, passed)
    waiting = f"{pending} tiêu chí chờ thẩm định, " if pending else ""
    explanation = (
        f"Xã được công nhận hoàn thành tiêu chí chuyển đổi số khi tỷ lệ tiêu chí đạt không thấp "
        f"hơn {format_rate(threshold, decimals)}. Đạt {met}/{total} tiêu chí "
        f"({format_rate(exact, decimals)}), {in_progress} tiêu chí đang triển khai, {waiting}"
        f"{total - met - in_progress - pending} tiêu chí không đạt. Kết luận: {_label(passed)}"
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
        compare_to=threshold,
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
    passed = bool(people) and qualified * 100 >= threshold * len(people)
    exact = qualified / len(people) * 100 if people else 0.0
    decimals = telling_decimals(exact, threshold, passed)
    explanation = (
        "Một người đạt công dân số khi đạt mọi tiêu chí áp dụng cho mình (tiêu chí 3.1.6 chỉ áp "
        f"dụng cho đảng viên). {qualified}/{len(people)} người đạt "
        f"({format_rate(exact, decimals)}); ngưỡng {format_rate(threshold, decimals)}. "
        f"Kết luận: {_label(passed)}."
    )
    return _decision(
        "congdanso",
        "Quyết định 590/QĐ-UBND ngày 20/4/2023 của Chủ tịch UBND tỉnh Yên Bái",
        passed,
        explanation,
        qualified,
        len(people),
        threshold=threshold,
        compare_to=threshold,
    )


def _report_only(
    catalog: Catalog,
    _assessment: Assessment,
    results: list[CriterionResult],
    _citizens: list[CitizenResult] | None,
) -> Decision:
    """A monitoring set: values against targets, and no recognition verdict at all."""
    judged = [r for r in results if r.status != "khong_danh_gia"]
    met = sum(1 for r in judged if r.met)
    explanation = (
        "Bộ chỉ tiêu dùng để theo dõi, chỉ đạo, điều hành; văn bản không có quy tắc công nhận nên "
        f"hoso không đưa ra kết luận công nhận. {len(judged)}/{len(results)} chỉ tiêu có mục tiêu "
        f"để so sánh: {met} bằng hoặc vượt mục tiêu, {len(judged) - met} dưới mục tiêu; "
        f"{len(results) - len(judged)} chỉ tiêu chỉ ghi nhận số liệu."
    )
    if not catalog.complete:
        explanation += f" Lưu ý: bộ chỉ tiêu chưa đầy đủ ({catalog.completeness_note})"
    decision = _decision(
        "report_only",
        catalog.source.document,
        False,
        explanation,
        met,
        len(results),
        judged=len(judged),
    )
    return decision.model_copy(
        update={"passed": None, "outcome": "theo_doi", "label": OUTCOME_LABELS["theo_doi"]}
    )


_Rule = Callable[[Catalog, Assessment, list[CriterionResult], list[CitizenResult] | None], Decision]
_RULES: dict[str, _Rule] = {
    "yenbai": _yenbai,
    "daknong": _daknong,
    "thanhhoa": _thanhhoa,
    "congdanso": _congdanso,
    "report_only": _report_only,
}

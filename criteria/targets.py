"""Comparing one criterion's inputs with its target.

Each target kind of the catalog schema has one evaluator here. Evaluators
never raise on bad input: they append a :class:`Problem` with the JSON path of
the offending field and return None, so the caller can report every problem of
an assessment at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from criteria.assessment import CriterionInput
from criteria.catalog import (
    AllOfTarget,
    AnnualTarget,
    RateTarget,
    Target,
    UnsetTarget,
    YesTarget,
)
from criteria.errors import Problem
from criteria.numbers import (
    format_count,
    format_rate,
    round_rate,
    target_decimals,
    telling_decimals,
)
from criteria.results import PartResult

# Float noise must not turn 90% into "below 90%".
_EPSILON = 1e-9


@dataclass
class Measurement:
    """The value found for a criterion and whether it meets the target."""

    met: bool | None
    value: float | bool | None
    value_text: str
    reason: str
    target_text: str
    a: float | None = None
    b: float | None = None
    parts: list[PartResult] = field(default_factory=list)
    target_from_assessment: bool = False


def measure(
    target: Target, given: CriterionInput, path: str, problems: list[Problem]
) -> Measurement | None:
    """Evaluate ``given`` against ``target``; None when the input has problems.

    Only a yearly target (``annual``) comes with the assessment; every other
    target is the province's and a ``target`` in the input is refused, so
    that a caller cannot lower the bar it is judged against.
    """
    if given.target is not None and not isinstance(target, AnnualTarget):
        problems.append(_fixed_target_problem(target, path))
        return None
    if isinstance(target, UnsetTarget):
        return _unset(target, given)
    if isinstance(target, AllOfTarget):
        return _all_of(target, given, path, problems)
    if isinstance(target, AnnualTarget):
        return _annual(target, given, path, problems)
    if isinstance(target, YesTarget):
        return _yes(target, given, path, problems)
    if isinstance(target, RateTarget):
        return _rate(target.min, _rate_target_text(target.text), given, path, problems)
    return _count(target.min, target.text, target.noun, given, path, problems)


def _fixed_target_problem(target: Target, path: str) -> Problem:
    if isinstance(target, UnsetTarget):
        why = "chỉ tiêu này chưa có mục tiêu trong văn bản nguồn"
    else:
        why = f"mục tiêu “{_rate_target_text(target.text)}” do văn bản của tỉnh quy định"
    return Problem(
        "TARGET_NOT_ANNUAL",
        f"{path}.target",
        f'Không được ghi "target" cho tiêu chí này: {why}, hồ sơ đánh giá không thay đổi được. '
        'Chỉ tiêu chí "theo chỉ tiêu giao hàng năm" mới ghi "target" (chỉ tiêu được giao năm '
        'nay); hãy xóa "target".',
    )


def _yes(
    target: YesTarget, given: CriterionInput, path: str, problems: list[Problem]
) -> Measurement | None:
    if not isinstance(given.value, bool):
        problems.append(
            Problem(
                "VALUE_MUST_BE_YES_NO",
                f"{path}.value",
                'Tiêu chí này cần trả lời Có/Không: ghi "value": true (Có) hoặc false (Không).',
            )
        )
        return None
    met = given.value
    reason = (
        f'Đạt yêu cầu "{target.text}".'
        if met
        else f'Chưa đạt yêu cầu "{target.text}" (đơn vị báo cáo: Không).'
    )
    return Measurement(met, met, "Có" if met else "Không", reason, target.text)


def _rate_value(
    given: CriterionInput, path: str, problems: list[Problem]
) -> tuple[float, float | None, float | None] | None:
    """The percentage from a and b, or from a percentage given directly."""
    if given.a is not None or given.b is not None:
        ok = True
        if given.a is None:
            problems.append(Problem("MISSING_A", f"{path}.a", "Thiếu tử số a của tỷ lệ."))
            ok = False
        if given.b is None:
            problems.append(Problem("MISSING_B", f"{path}.b", "Thiếu mẫu số b của tỷ lệ."))
            ok = False
        if not ok or given.a is None or given.b is None:
            return None
        if given.b == 0:
            problems.append(
                Problem(
                    "B_IS_ZERO",
                    f"{path}.b",
                    "Mẫu số b bằng 0 nên không tính được tỷ lệ; kiểm tra lại tổng số (b).",
                )
            )
            return None
        if given.a > given.b:
            problems.append(
                Problem(
                    "A_GREATER_THAN_B",
                    f"{path}.a",
                    f"Tử số a ({format_count(given.a)}) lớn hơn mẫu số b "
                    f"({format_count(given.b)}): tỷ lệ không thể vượt 100%.",
                )
            )
            return None
        return given.a / given.b * 100, given.a, given.b
    if isinstance(given.value, bool) or given.value is None:
        problems.append(
            Problem(
                "MISSING_RATE_INPUTS",
                path,
                'Thiếu số liệu tỷ lệ: ghi "a" và "b" (hoặc "value" là tỷ lệ %).',
            )
        )
        return None
    if not 0 <= given.value <= 100:
        problems.append(
            Problem("RATE_OUT_OF_RANGE", f"{path}.value", "Tỷ lệ phải nằm trong khoảng 0–100%.")
        )
        return None
    return float(given.value), None, None


def _rate(
    minimum: float,
    target_text: str,
    given: CriterionInput,
    path: str,
    problems: list[Problem],
    *,
    from_assessment: bool = False,
) -> Measurement | None:
    found = _rate_value(given, path, problems)
    if found is None:
        return None
    percent, a, b = found
    met = percent + _EPSILON >= minimum
    decimals = telling_decimals(percent, minimum, met)
    shown, goal = format_rate(percent, decimals), format_rate(minimum, decimals)
    reason = (
        f"Đạt {shown}, không thấp hơn mục tiêu {goal}."
        if met
        else f"Đạt {shown}, thấp hơn mục tiêu {goal}."
    )
    return Measurement(
        met,
        round_rate(percent, decimals),
        shown,
        reason,
        target_text,
        a,
        b,
        [],
        from_assessment,
    )


def _rate_target_text(text: str) -> str:
    stripped = text.strip()
    return f"{stripped}%" if stripped.replace(",", "").replace(".", "").isdigit() else stripped


def _count(
    minimum: float,
    target_text: str,
    noun: str | None,
    given: CriterionInput,
    path: str,
    problems: list[Problem],
    *,
    from_assessment: bool = False,
) -> Measurement | None:
    if isinstance(given.value, bool) or given.value is None:
        problems.append(
            Problem(
                "MISSING_COUNT",
                f"{path}.value",
                f'Thiếu số lượng{f" ({noun})" if noun else ""}: ghi "value" là một số.',
            )
        )
        return None
    if given.value < 0:
        problems.append(Problem("NEGATIVE_COUNT", f"{path}.value", "Số lượng không được âm."))
        return None
    label = f" {noun}" if noun else ""
    shown = f"{format_count(given.value)}{label}"
    met = given.value + _EPSILON >= minimum
    comparison = "đạt" if met else "chưa đạt"
    reason = f"Có {shown}, {comparison} mức tối thiểu {format_count(minimum)}{label}."
    return Measurement(
        met, float(given.value), shown, reason, target_text, None, None, [], from_assessment
    )


def _annual(
    target: AnnualTarget, given: CriterionInput, path: str, problems: list[Problem]
) -> Measurement | None:
    if given.target is None:
        problems.append(
            Problem(
                "MISSING_ANNUAL_TARGET",
                f"{path}.target",
                'Tiêu chí có chỉ tiêu giao hàng năm: ghi "target" là chỉ tiêu được giao năm nay.',
            )
        )
        return None
    if target.measure == "rate":
        if given.target > 100:
            problems.append(
                Problem("RATE_OUT_OF_RANGE", f"{path}.target", "Chỉ tiêu tỷ lệ phải trong 0–100%.")
            )
            return None
        return _rate(
            given.target,
            format_rate(given.target, target_decimals(given.target)),
            given,
            path,
            problems,
            from_assessment=True,
        )
    return _count(
        given.target,
        f"Tối thiểu {format_count(given.target)}",
        None,
        given,
        path,
        problems,
        from_assessment=True,
    )


def _unset(target: UnsetTarget, given: CriterionInput) -> Measurement:
    value: float | bool | None = None
    shown = ""
    if given.a is not None and given.b:
        value = round_rate(given.a / given.b * 100)
        shown = format_rate(value)
    elif isinstance(given.value, bool):
        value, shown = given.value, "Có" if given.value else "Không"
    elif given.value is not None:
        value, shown = float(given.value), format_count(given.value)
    reason = "Nguồn chưa nêu mục tiêu cho chỉ tiêu này: chỉ ghi nhận số liệu, không đánh giá."
    return Measurement(None, value, shown, reason, target.text, given.a, given.b)


def _all_of(
    target: AllOfTarget, given: CriterionInput, path: str, problems: list[Problem]
) -> Measurement | None:
    parts_given = given.parts or {}
    unknown = sorted(set(parts_given) - {part.key for part in target.parts})
    for key in unknown:
        problems.append(
            Problem("UNKNOWN_PART", f"{path}.parts.{key}", f"Mục tiêu không có phần '{key}'.")
        )
    results: list[PartResult] = []
    failed = bool(unknown)
    for part in target.parts:
        part_path = f"{path}.parts.{part.key}"
        part_input = parts_given.get(part.key)
        if part_input is None:
            problems.append(
                Problem(
                    "MISSING_PART",
                    part_path,
                    f'Thiếu số liệu cho phần "{part.label}" của mục tiêu kép.',
                )
            )
            failed = True
            continue
        found = measure(part.target, part_input, part_path, problems)
        if found is None:
            failed = True
            continue
        results.append(
            PartResult(
                key=part.key,
                label=part.label,
                target_text=found.target_text,
                value=found.value,
                value_text=found.value_text,
                met=bool(found.met),
                reason=found.reason,
            )
        )
    if failed:
        return None
    met = all(r.met for r in results)
    shown = "; ".join(f"{r.label}: {r.value_text}" for r in results)
    unmet = [r.label for r in results if not r.met]
    reason = (
        "Đạt tất cả các điều kiện của mục tiêu." if met else "Chưa đạt: " + "; ".join(unmet) + "."
    )
    return Measurement(met, met, shown, reason, target.text, None, None, results)

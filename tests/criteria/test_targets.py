"""Targets: only yearly targets come with an assessment; shown values never contradict decisions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from criteria import AssessmentError, evaluate, load_catalog

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "assessments"


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def problems_of(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(AssessmentError) as caught:
        evaluate(data)
    return [(p.path, p.code, p.message) for p in caught.value.problems]


def test_a_caller_cannot_lower_a_fixed_provincial_target() -> None:
    """Yên Bái xã I.1 at 35% (target 40%) with "target": 30 is an input error, not a pass."""
    data = example("yenbai-xa-dat")
    data["criteria"]["I.1"] = {"a": 35, "b": 100, "target": 30}
    [(path, code, message)] = problems_of(data)
    assert path == 'criteria["I.1"].target' and code == "TARGET_NOT_ANNUAL"
    assert "40%" in message and "hàng năm" in message and "xóa" in message


def test_every_overridden_target_is_reported_at_once() -> None:
    """A Đắk Nông phường with xã figures and its own targets: one problem per target."""
    data = example("daknong-phuong-so-lieu-cua-xa")
    for given in data["criteria"].values():
        given["target"] = 1
    problems = problems_of(data)
    assert {code for _, code, _ in problems} == {"TARGET_NOT_ANNUAL"}
    assert len(problems) == len(data["criteria"]) == 25


def test_compound_target_parts_refuse_targets_too() -> None:
    data = example("yenbai-huyen-dat")
    data["tier"] = "cds_nang_cao"
    for criterion in load_catalog("yenbai-2024-huyen").criteria_of_tier("cds_nang_cao"):
        data["criteria"].setdefault(criterion.id, {"value": True})
    data["criteria"]["I.1"] = {
        "parts": {"cds": {"a": 20, "b": 20, "target": 10}, "cds_nang_cao": {"a": 6, "b": 20}}
    }
    assert [p[:2] for p in problems_of(data)] == [
        ('criteria["I.1"].parts.cds.target', "TARGET_NOT_ANNUAL")
    ]


def test_annual_target_still_comes_with_the_assessment() -> None:
    data = example("thanhhoa-xa")
    annual = next(cid for cid, given in data["criteria"].items() if "target" in given)
    data["criteria"][annual].update({"a": 50, "b": 100, "target": 40})
    result = evaluate(data).criterion(annual)
    assert result is not None and result.status == "dat"
    assert result.target_source == "assessment" and result.target_text == "40%"


def test_a_miss_just_below_the_target_shows_the_digits_that_tell_them_apart() -> None:
    """89.96% against 90% is a fail and reads 89,96%, never "Đạt 90%, thấp hơn mục tiêu 90%"."""
    data = example("yenbai-xa-dat")
    data["criteria"]["I.5"] = {"a": 8996, "b": 10000}  # I.5: target 90%
    result = evaluate(data).criterion("I.5")
    assert result is not None and result.status == "khong_dat"
    assert result.value_text == "89,96%" and result.value == 89.96
    assert result.reason == "Đạt 89,96%, thấp hơn mục tiêu 90%."


def test_a_pass_never_reads_below_a_yearly_target_with_decimals() -> None:
    """A yearly target of 33.33% met by 1/3 reads 33,33%, not 33,3% under 33,33%."""
    data = example("thanhhoa-xa")
    annual = next(cid for cid, given in data["criteria"].items() if "target" in given)
    data["criteria"][annual].update({"a": 1, "b": 3, "target": 33.33})
    result = evaluate(data).criterion(annual)
    assert result is not None and result.status == "dat"
    assert result.value_text == "33,33%" and result.target_text == "33,33%"


def test_ordinary_values_keep_one_decimal() -> None:
    data = example("yenbai-xa-dat")
    data["criteria"]["I.5"] = {"a": 9154, "b": 10000}
    result = evaluate(data).criterion("I.5")
    assert result is not None and result.value_text == "91,5%"

"""Explanations (chờ thẩm định), "nếu có" criteria (không áp dụng) and the monitoring set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from criteria import AssessmentError, evaluate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "assessments"
EXPLAINED = {"text": "Hệ thống một cửa chưa xuất được báo cáo; số liệu lấy từ sổ theo dõi."}


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def thanhhoa_meeting_everything() -> dict[str, Any]:
    """The Thanh Hóa example with 3.12 met and 4.8 not applicable: every criterion met."""
    data = example("thanhhoa-xa")
    data["criteria"]["3.12"] = {"a": 30, "b": 40, "target": 60}
    data["criteria"]["4.8"] = {"not_applicable": True}
    return data


def problems_of(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(AssessmentError) as caught:
        evaluate(data)
    return {p.path: p.code for p in caught.value.problems}


def test_not_applicable_4_8_passes_a_commune_that_meets_everything_else():
    evaluated = evaluate(thanhhoa_meeting_everything())
    decision = evaluated.decision
    row = evaluated.criterion("4.8")
    assert row is not None and row.status == "khong_ap_dung" and row.status_label == "Không áp dụng"
    assert decision.passed and decision.outcome == "dat"
    assert (decision.met, decision.total, decision.rate_text) == (36, 36, "100%")
    assert decision.not_applicable == ["4.8"] and "4.8" in decision.explanation
    group = next(g for g in evaluated.groups if g.id == "4")
    assert group.not_applicable == 1 and group.rate == 100


def test_not_applicable_only_where_the_seed_says_if_any():
    data = example("yenbai-xa-dat")
    data["criteria"]["I.1"] = {"not_applicable": True}
    assert problems_of(data) == {'criteria["I.1"].not_applicable': "NOT_APPLICABLE_NOT_ALLOWED"}


def test_not_applicable_with_figures_is_refused():
    data = thanhhoa_meeting_everything()
    data["criteria"]["4.8"] = {"not_applicable": True, "value": False}
    assert problems_of(data) == {'criteria["4.8"].not_applicable': "NOT_APPLICABLE_WITH_FIGURES"}


def test_an_explanation_makes_a_met_criterion_await_the_appraiser():
    data = thanhhoa_meeting_everything()
    data["criteria"]["1.6"]["explanation"] = EXPLAINED
    evaluated = evaluate(data)
    row = evaluated.criterion("1.6")
    assert row is not None and row.status == "cho_tham_dinh"
    assert row.status_label == "Chờ thẩm định" and row.explanation == EXPLAINED["text"]
    decision = evaluated.decision
    assert decision.passed is None and decision.outcome == "cho_tham_dinh"
    assert decision.label == "CHỜ THẨM ĐỊNH" and decision.pending == ["1.6"]
    assert "giải trình" in decision.explanation and "1.6" in decision.explanation
    assert "ĐẠT" in decision.explanation and "KHÔNG ĐẠT" in decision.explanation


def test_a_unit_that_fails_anyway_is_not_awaiting():
    data = example("thanhhoa-xa")  # 3.12 not met, 4.8 in progress
    data["criteria"]["1.6"]["explanation"] = EXPLAINED
    decision = evaluate(data).decision
    assert decision.passed is False and decision.outcome == "khong_dat"
    assert "không làm thay đổi kết luận" in decision.explanation


def test_an_explained_criterion_that_cannot_change_the_outcome_leaves_it_decided():
    """Yên Bái xã: an explained extended criterion when 30% are met without it."""
    data = example("yenbai-xa-dat")
    evaluated = evaluate(data)
    extended = [r for r in evaluated.criteria if r.requirement == "mo_rong" and r.met]
    assert extended
    data["criteria"][extended[0].id]["explanation"] = EXPLAINED
    decision = evaluate(data).decision
    if (len(extended) - 1) * 100 >= 30 * evaluated.decision.extended_total:
        assert decision.passed and decision.pending == [extended[0].id]
    else:
        assert decision.outcome == "cho_tham_dinh"


def test_an_explanation_cannot_rescue_a_missed_target():
    data = thanhhoa_meeting_everything()
    data["criteria"]["1.6"].update({"a": 1, "b": 40, "explanation": EXPLAINED})
    row = evaluate(data).criterion("1.6")
    assert row is not None and row.status == "khong_dat"


def test_the_monitoring_set_has_no_verdict():
    evaluated = evaluate(example("yenbai-chitieu-tinh"))
    decision = evaluated.decision
    assert decision.passed is None and decision.outcome == "theo_doi"
    shown = " ".join(
        [decision.label, decision.explanation]
        + [f"{r.status_label} {r.reason}" for r in evaluated.criteria]
    )
    assert "ĐẠT" not in shown.upper().replace("ĐẠT ĐƯỢC", "")
    assert "theo dõi" in decision.explanation
    target = next(r for r in evaluated.criteria if r.status != "khong_danh_gia")
    assert target.status_label in ("Bằng hoặc vượt mục tiêu", "Dưới mục tiêu")


def test_the_monitoring_set_takes_no_explanation():
    data = example("yenbai-chitieu-tinh")
    first = next(iter(data["criteria"]))
    data["criteria"][first]["explanation"] = EXPLAINED
    assert problems_of(data) == {f'criteria["{first}"].explanation': "NOT_FOR_MONITORING"}

"""The evaluation engine: values, targets, province rules and input problems."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from criteria import AssessmentError, evaluate, load_catalog

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "assessments"


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def problems_of(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(AssessmentError) as caught:
        evaluate(data)
    return {p.path: p.code for p in caught.value.problems}


def test_rate_is_computed_rounded_and_shown_vietnamese_style() -> None:
    data = example("yenbai-xa-dat")
    data["criteria"]["I.1"].update({"a": 171, "b": 200})
    result = evaluate(data).criterion("I.1")
    assert result is not None
    assert result.value == 85.5
    assert result.value_text == "85,5%"


def test_rate_just_below_target_is_not_rounded_up_into_a_pass() -> None:
    data = example("yenbai-xa-dat")
    catalog = load_catalog("yenbai-2024-xa")
    criterion = next(
        c
        for c in catalog.criteria_of_tier("cds")
        if c.tiers.cds
        and c.tiers.cds.target
        and c.tiers.cds.target.kind == "rate"
        and c.tiers.cds.requirement == "bat_buoc"
    )
    target = criterion.tiers.cds.target  # type: ignore[union-attr]
    minimum = target.min  # type: ignore[union-attr]
    data["criteria"][criterion.id] = {"a": minimum * 1000 - 0.4, "b": 100000}
    result = evaluate(data).criterion(criterion.id)
    assert result is not None and result.status == "khong_dat"


def test_yenbai_xa_passes_with_all_mandatory_and_30_percent_extended() -> None:
    evaluated = evaluate(example("yenbai-xa-dat"))
    assert evaluated.decision.passed
    assert evaluated.decision.mandatory_met == evaluated.decision.mandatory_total
    assert evaluated.decision.extended_rate is not None
    assert evaluated.decision.extended_rate >= 30


def test_yenbai_xa_fails_on_exactly_the_30_percent_extended_rule() -> None:
    evaluated = evaluate(example("yenbai-xa-khong-dat-mo-rong"))
    decision = evaluated.decision
    assert decision.mandatory_met == decision.mandatory_total
    assert not decision.passed
    assert "30%" in decision.explanation


def test_yenbai_so_needs_only_mandatory_criteria() -> None:
    data = example("yenbai-so-dat")
    assert evaluate(data).decision.passed
    data["criteria"]["I.1"]["value"] = False
    decision = evaluate(data).decision
    assert not decision.passed and "I.1" in decision.explanation


def test_huyen_compound_target_needs_both_parts() -> None:
    data = example("yenbai-huyen-dat")
    data["tier"] = "cds_nang_cao"
    for criterion in load_catalog("yenbai-2024-huyen").criteria_of_tier("cds_nang_cao"):
        data["criteria"].setdefault(criterion.id, {"value": True})

    def i1(nang_cao_communes: int):  # type: ignore[no-untyped-def]
        data["criteria"]["I.1"] = {
            "parts": {"cds": {"a": 20, "b": 20}, "cds_nang_cao": {"a": nang_cao_communes, "b": 20}}
        }
        return evaluate(data).criterion("I.1")

    below = i1(5)  # 25% nâng cao
    assert below is not None and below.status == "khong_dat" and "nâng cao" in below.reason
    enough = i1(6)  # 30% nâng cao
    assert enough is not None and enough.status == "dat"
    assert [p.key for p in enough.parts] == ["cds", "cds_nang_cao"]


def test_count_targets_are_evaluated() -> None:
    data = example("yenbai-xa-dat")
    data["criteria"]["I.10"] = {"value": 0}
    result = evaluate(data).criterion("I.10")
    assert result is not None and result.status == "khong_dat"
    data["criteria"]["I.10"] = {"value": 2}
    result = evaluate(data).criterion("I.10")
    assert result is not None and result.status == "dat" and "nhân sự" in result.value_text


def test_daknong_phuong_numbers_that_pass_for_a_xa_fail_for_a_phuong() -> None:
    data = example("daknong-phuong-so-lieu-cua-xa")
    assert data["unit"]["area_type"] == "phuong"
    assert not evaluate(data).decision.passed
    data["unit"]["area_type"] = "xa"
    assert evaluate(data).decision.passed


def test_daknong_nang_cao_requires_prior_recognition() -> None:
    data = example("daknong-xa-nang-cao-dat")
    assert evaluate(data).decision.passed
    del data["recognized_cds"]
    decision = evaluate(data).decision
    assert not decision.passed and "recognized_cds" in decision.explanation


def test_thanhhoa_reports_counts_per_group_and_the_completion_rate() -> None:
    evaluated = evaluate(example("thanhhoa-xa"))
    groups = {g.id: g for g in evaluated.groups}
    assert sum(g.total for g in groups.values()) == 37
    assert groups["4"].in_progress == 1
    assert groups["3"].not_met == 1
    assert evaluated.decision.met == 35 and not evaluated.decision.passed
    assert evaluated.decision.rate_text == "94,6%"


def test_thanhhoa_threshold_is_configurable() -> None:
    data = example("thanhhoa-xa")
    data["pass_threshold"] = 90
    assert evaluate(data).decision.passed


def test_thanhhoa_annual_target_comes_with_the_assessment() -> None:
    data = example("thanhhoa-xa")
    annual_id = next(cid for cid, given in data["criteria"].items() if "target" in given)
    del data["criteria"][annual_id]["target"]
    assert problems_of(data) == {f'criteria["{annual_id}"].target': "MISSING_ANNUAL_TARGET"}


def test_congdanso_party_criterion_applies_only_to_party_members() -> None:
    evaluated = evaluate(example("yenbai-congdanso"))
    assert evaluated.citizens is not None
    by_name = {c.name: c for c in evaluated.citizens}
    assert by_name["Trần Thị Bình"].qualified  # not a party member: 3.1.6 does not apply
    assert not by_name["Lê Văn Cường"].qualified and by_name["Lê Văn Cường"].unmet == ["3.1.6"]
    assert evaluated.decision.met == 2 and evaluated.decision.rate_text == "50%"


def test_so_ii8_is_computed_from_a_list_of_people() -> None:
    data = example("yenbai-so-dat")
    data["tier"] = "cds"
    people = example("yenbai-congdanso")["people"]
    data["criteria"]["II.8"] = {"people": people}
    result = evaluate(data).criterion("II.8")
    assert result is not None
    assert (result.a, result.b) == (2, 4)
    assert result.status == "khong_dat"


def test_in_progress_criteria_are_counted_apart() -> None:
    data = example("yenbai-xa-dat")
    data["criteria"]["I.1"] = {"status": "dang_trien_khai"}
    evaluated = evaluate(data)
    result = evaluated.criterion("I.1")
    assert result is not None and result.status_label == "Đang triển khai"
    assert not evaluated.decision.passed


def test_every_problem_is_reported_at_once_with_its_path() -> None:
    data = example("yenbai-xa-dat")
    data["criteria"]["I.1"] = {"a": 5, "b": 0}
    data["criteria"]["I.3"] = {"a": 50, "b": 40}
    data["criteria"]["Z.9"] = {"value": True}
    del data["criteria"]["I.4"]
    found = problems_of(data)
    assert found == {
        'criteria["I.1"].b': "B_IS_ZERO",
        'criteria["I.3"].a': "A_GREATER_THAN_B",
        'criteria["Z.9"]': "UNKNOWN_CRITERION",
        'criteria["I.4"]': "MISSING_CRITERION",
    }


def test_unknown_catalog_tier_and_area_type_are_reported() -> None:
    data = example("yenbai-so-dat")
    data["catalog"] = "hanoi-2099"
    assert problems_of(data) == {"catalog": "UNKNOWN_CATALOG"}
    del data["year"]
    assert problems_of(data) == {"catalog": "UNKNOWN_CATALOG", "year": "MISSING"}
    data = example("thanhhoa-xa")
    data["tier"] = "cds_nang_cao"
    assert "tier" in problems_of(data)
    data = example("daknong-xa-dat")
    del data["unit"]["area_type"]
    assert problems_of(data) == {"unit.area_type": "MISSING_AREA_TYPE"}


def test_schema_problems_name_the_json_path() -> None:
    data = example("yenbai-xa-dat")
    data["criteria"]["I.1"]["a"] = "nhiều"
    data["year"] = "hai nghìn"
    del data["unit"]["name"]
    found = problems_of(data)
    assert 'criteria["I.1"].a' in found
    assert "year" in found and "unit.name" in found


def test_wrong_value_type_for_a_yes_no_criterion() -> None:
    data = example("yenbai-so-dat")
    data["criteria"]["I.1"] = {"value": 3}
    assert problems_of(data) == {'criteria["I.1"].value': "VALUE_MUST_BE_YES_NO"}


def test_decomposed_vietnamese_text_is_composed() -> None:
    data = copy.deepcopy(example("yenbai-xa-dat"))
    data["unit"]["name"] = unicodedata.normalize("NFD", "Ủy ban nhân dân xã Tân Thịnh")
    evaluated = evaluate(data)
    assert evaluated.unit.name == unicodedata.normalize("NFC", "Ủy ban nhân dân xã Tân Thịnh")


def test_criteria_of_another_tier_are_ignored_with_a_warning() -> None:
    data = example("yenbai-xa-dat")
    nang_cao_only = [c for c in load_catalog("yenbai-2024-xa").criteria if c.tiers.cds is None]
    assert nang_cao_only
    data["criteria"][nang_cao_only[0].id] = {"value": True}
    evaluated = evaluate(data)
    assert any(nang_cao_only[0].id in w for w in evaluated.warnings)
